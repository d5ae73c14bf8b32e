-- Activities counted by one dimension ({dimension} is an expression from kpis.py, never user
-- input: a column, or `unnest(...)` for a list so that an activity counts once in each value
-- it names); cancelled ones are included so the status breakdown is complete.
, named as (
    select {dimension} as category from activities_in_scope
),

final as (
    select category, count(*) as activities
    from named
    group by all
)

select * from final order by activities desc, category
