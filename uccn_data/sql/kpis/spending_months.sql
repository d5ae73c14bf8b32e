-- The months of the chosen dates that have at least one spending row (money spent, not
-- budgets), for the completeness view.
, final as (
    select distinct month
    from spending_in_scope
    where kind = 'actual'
)

select month from final order by month
