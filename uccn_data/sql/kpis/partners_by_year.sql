-- Work with the agreement's named partners per year.
, final as (
    select
        year(start_date) as year,
        count(*) filter (where regexp_matches(lower(coalesce(partners, '')), 'team[ -]?sweden'))
            as team_sweden_activities,
        count(*) filter (where regexp_matches(lower(coalesce(partners, '')), 'unesco[ -]?r[åa]det|national commission for unesco'))
            as unesco_council_followups
    from activities_in_scope
    where status <> 'cancelled'
    group by all
)

select * from final order by year
