-- Activities per framework area and one dimension ({dimension}: theme, level or status, a
-- column name from kpis.py, never user input). Cancelled activities count only in the
-- status breakdown, where seeing them is the point; elsewhere they are not work done.
, final as (
    select framework_area, {dimension} as category, count(*) as activities
    from activities_in_scope
    where status <> 'cancelled' or '{dimension}' = 'status'
    group by all
)

select * from final order by framework_area, activities desc, category
