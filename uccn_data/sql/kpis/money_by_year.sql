-- Money per year and funder in the chosen dates (spread over the months of a span), and
-- budgets apart: a budget is never added to money spent. A year with no rows for a funder is
-- unknown (null), never 0; rows whose amount is unknown are counted, not summed.
, final as (
    select
        year(month)                                                                  as year,
        sum(share_sek) filter (where kind = 'actual' and funder = 'ostersund')       as ostersund_sek,
        sum(share_sek) filter (where kind = 'actual' and funder = 'region')          as region_sek,
        sum(share_sek) filter (where kind = 'actual' and external_funder(funder))    as external_sek,
        sum(share_sek) filter (where kind = 'budget')                                as budget_sek,
        count(distinct spending_id) filter (where kind = 'actual')                   as spending_rows,
        count(distinct spending_id) filter (where kind = 'actual' and amount_sek is null)
                                                                                     as amounts_unknown,
        count(distinct spending_id) filter (where months > 1)                        as spread_rows
    from spending_in_scope
    group by all
)

select * from final order by year
