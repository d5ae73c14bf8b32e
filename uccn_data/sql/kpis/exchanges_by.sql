-- Exchanges, participants and SMEs involved by one dimension ({dimension}: direction,
-- partner_country or year). Area, theme and municipality reach an exchange through its
-- activity, as in exchange_summary.sql, so unlinked exchanges drop out when one is set.
, exchanges_in_scope as (
    select e.*, year(e.date) as year
    from exchanges e
    left join activities a using (activity_id)
    where e.date between $lo and $hi
      and ($area is null or a.framework_area = $area)
      and ($theme is null or a.theme = $theme)
      and ($municipality is null or a.municipality = $municipality)
),

final as (
    select
        {dimension}::varchar                     as category,
        count(*)                                 as exchanges,
        coalesce(sum(participants), 0)::bigint   as participants,
        coalesce(sum(smes_involved), 0)::bigint  as smes_involved
    from exchanges_in_scope
    group by all
)

select * from final order by exchanges desc, category
