-- Exchanges per partner city, for the map and the list of partners.
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
        any_value(partner_city order by date desc)  as partner_city,
        partner_country,
        bool_or(coalesce(uccn_member, false))        as uccn_member,
        count(*)                                     as exchanges,
        coalesce(sum(participants), 0)               as participants,
        coalesce(sum(smes_involved), 0)              as smes_involved
    from exchanges_in_scope
    group by lower(partner_city), partner_country
)

select * from final order by exchanges desc, partner_city
