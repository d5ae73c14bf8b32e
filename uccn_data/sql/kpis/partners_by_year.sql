-- Work with the agreement's named partners per year (an activity counts in each year of its
-- span).
, per_year as (
    select unnest(generate_series(year(start_date), year(span_end))) as year, partners
    from activities_in_scope
    where status <> 'cancelled'
),

final as (
    select
        year,
        count(*) filter (where names_team_sweden(partners))    as team_sweden_activities,
        count(*) filter (where names_unesco_council(partners)) as unesco_council_followups
    from per_year
    where year between year($lo::date) and year($hi::date)
    group by all
)

select * from final order by year
