-- Work with the agreement's named partners per year.
, final as (
    select
        year(start_date) as year,
        count(*) filter (where regexp_matches(lower(coalesce(partners, '')), 'team[\s\pZ-]*sweden'))
            as team_sweden_activities,
        count(*) filter (where regexp_matches(lower(coalesce(partners, '')), 'unesco[\s\pZ-]*r[åa]det|national[\s\pZ]+commission[\s\pZ]+for[\s\pZ]+unesco'))
            as unesco_council_followups
    from activities_in_scope
    where status <> 'cancelled'
    group by all
)

select * from final order by year
