-- The trend: activities per year and framework area over the whole chosen dates. A project
-- running 2019–2022 counts in each of those years; an activity in two areas, in both.
, per_year as (
    select unnest(generate_series(year(start_date), year(span_end))) as year, framework_area
    from activities_in_scope
    where status <> 'cancelled'
),

per_area as (
    select year, unnest(framework_area) as framework_area
    from per_year
    where year between year($lo::date) and year($hi::date)
),

final as (
    select year, framework_area, count(*) as activities
    from per_area
    group by all
)

select * from final order by year, framework_area
