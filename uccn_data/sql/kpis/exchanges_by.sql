-- Exchanges, participants and SMEs involved by one dimension ({dimension}: an expression from
-- kpis.py for direction, partner_country (one row per country named) or year).
, named as (
    select {dimension} as category, exchange_id, participants, smes_involved
    from exchanges_in_scope
),

final as (
    select
        category::varchar                        as category,
        count(distinct exchange_id)              as exchanges,
        -- Unknown (null) when no exchange in the category reports any, never 0.
        sum(participants)::bigint                as participants,
        sum(smes_involved)::bigint               as smes_involved
    from named
    group by all
)

select * from final order by exchanges desc, category
