-- Work with the agreement's named partners per year.
, final as (
    select
        year(start_date) as year,
        count(*) filter (where lower(coalesce(partners, '')) like '%team sweden%')
            as team_sweden_activities,
        count(*) filter (where lower(coalesce(partners, '')) like '%unescorådet%'
                            or lower(coalesce(partners, '')) like '%national commission for unesco%')
            as unesco_council_followups
    from activities_in_scope
    where status <> 'cancelled'
    group by all
)

select * from final order by year
