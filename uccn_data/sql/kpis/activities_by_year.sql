-- The trend: activities per year and framework area over the whole chosen dates.
, final as (
    select year(start_date) as year, framework_area, count(*) as activities
    from activities_in_scope
    where status <> 'cancelled'
    group by all
)

select * from final order by year, framework_area
