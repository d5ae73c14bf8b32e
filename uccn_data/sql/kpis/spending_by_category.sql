-- Money spent per category and funder in the chosen dates (budgets apart, see money_by_year).
, final as (
    select category, funder, sum(share_sek)::double as amount_sek
    from spending_in_scope
    where kind = 'actual'
    group by all
)

select * from final order by category, funder
