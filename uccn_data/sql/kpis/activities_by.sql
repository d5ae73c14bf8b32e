-- Activities counted by one dimension ({dimension} is a column name from kpis.py, never
-- user input); cancelled ones are included so the status breakdown is complete.
, final as (
    select {dimension} as category, count(*) as activities
    from activities_in_scope
    group by all
)

select * from final order by activities desc, category
