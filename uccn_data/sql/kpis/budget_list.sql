-- (v2) Budgets in the chosen dates, one row per budget item: the part of its amount that falls
-- in the dates (spread over its span as every money figure is), what it is for and who funds
-- it. Budgets are money planned, kept apart from money spent; an unknown amount stays unknown.
, budgets as (
    select
        spending_id,
        any_value(date)::date                           as date,
        any_value(date_precision)                       as date_precision,
        any_value(end_date)::date                       as end_date,
        any_value(end_date_precision)                   as end_date_precision,
        any_value(category)                             as category,
        any_value(funder)                               as funder,
        coalesce(any_value(funder_name), '')            as funder_name,
        any_value(activity_id)                          as activity_id,
        sum(share_sek)::double                          as amount_sek,
        any_value(amount_sek)::double                   as whole_amount_sek,
        -- Part of the span lies outside the dates: the amount shown is that part only.
        any_value(months) > count(*)                    as partial
    from spending_in_scope
    where kind = 'budget'
    group by spending_id
),

final as (
    select b.*, coalesce(a.title, '') as activity_title
    from budgets b
    left join activities a using (activity_id)
)

select * from final order by date, spending_id
