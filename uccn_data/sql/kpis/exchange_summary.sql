-- One row: exchanges in the chosen dates. Partner cities are counted per city (a meeting with
-- three cities adds three), regions, organisations and networks apart. The UCCN share is
-- taken among exchanges with partner cities whose membership is known: a city missing from
-- UNESCO's list is unknown, not a non-member.
, cities as (
    select unnest(partner_city) as city, unnest(partner_country) as country
    from exchanges_in_scope
    where partner_type = 'city'
),

countries as (
    select unnest(partner_country) as country
    from exchanges_in_scope
    where partner_type in ('city', 'region')
),

membership as (
    select
        exchange_id,
        list_contains(partner_members, true)                               as with_member,
        len(partner_members) > 0 and list_count(partner_members) = len(partner_members)
                                                                            as all_known
    from exchanges_in_scope
    where partner_type = 'city'
),

final as (
    select
        count(*)                                                   as exchanges,
        sum(participants)                                          as exchange_participants,
        count(*) filter (where participants is not null and participants_approx is not null)
                                                                   as exchange_participants_approx,
        sum(smes_involved)                                         as exchange_smes_involved,
        (select count(distinct lower(city) || '|' || coalesce(country, '')) from cities)
                                                                   as partner_cities,
        (select count(distinct country) from countries)            as partner_countries,
        (select count(*) filter (where with_member)
            / nullif(count(*) filter (where with_member or all_known), 0) from membership)
                                                                   as uccn_exchange_share,
        (select count(*) filter (where not with_member and not all_known) from membership)
                                                                   as exchanges_membership_unknown,
        count(*) filter (where partner_type = 'network')           as exchanges_network,
        count(*) filter (where partner_type in ('region', 'organisation'))
                                                                   as exchanges_other_partners,
        count(*) filter (where direction = 'outbound')             as exchanges_outbound,
        count(*) filter (where direction = 'inbound')              as exchanges_inbound,
        count(*) filter (where direction = 'digital')              as exchanges_digital
    from exchanges_in_scope
)

select * from final
