-- Activities per framework area and one dimension ({dimension}: an expression from kpis.py
-- for theme, level or status). An activity counts in every area and theme it names.
-- Cancelled activities count only in the status breakdown, where seeing them is the point.
, per_area as (
    select unnest(framework_area) as framework_area, * exclude (framework_area)
    from activities_in_scope
    where status <> 'cancelled' or '{dimension}' = 'status'
),

named as (
    select framework_area, {dimension} as category from per_area
),

final as (
    select framework_area, category, count(*) as activities
    from named
    group by all
)

select * from final order by framework_area, activities desc, category
