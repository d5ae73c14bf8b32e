-- One row: exchanges in the chosen dates. Area, theme and municipality filters reach an
-- exchange through its activity, so unlinked exchanges drop out when one is set.
, exchanges_in_scope as (
    select e.*
    from exchanges e
    left join activities a using (activity_id)
    where e.date between $lo and $hi
      and ($area is null or a.framework_area = $area)
      and ($theme is null or a.theme = $theme)
      and ($municipality is null or a.municipality = $municipality)
),

final as (
    select
        count(*)                                                   as exchanges,
        coalesce(sum(participants), 0)                             as exchange_participants,
        coalesce(sum(smes_involved), 0)                            as exchange_smes_involved,
        count(distinct lower(partner_city) || '|' || partner_country) as partner_cities,
        count(distinct partner_country)                            as partner_countries,
        count(*) filter (where uccn_member) / nullif(count(*), 0)  as uccn_exchange_share,
        count(*) filter (where direction = 'outbound')             as exchanges_outbound,
        count(*) filter (where direction = 'inbound')              as exchanges_inbound,
        count(*) filter (where direction = 'digital')              as exchanges_digital
    from exchanges_in_scope
)

select * from final
