-- Exchanges per partner city, for the map and the list of partners. A meeting with three
-- partner cities counts once for each; regions, organisations and networks are not cities
-- and are listed apart (exchange_partners.sql). Membership: true, or unknown (null).
, per_city as (
    select
        exchange_id,
        date,
        participants,
        smes_involved,
        unnest(partner_city)    as partner_city,
        unnest(partner_country) as partner_country,
        unnest(partner_members) as uccn_member
    from exchanges_in_scope
    where partner_type = 'city'
),

final as (
    select
        any_value(partner_city order by date desc)  as partner_city,
        partner_country,
        bool_or(uccn_member)                        as uccn_member,
        count(distinct exchange_id)                 as exchanges,
        sum(participants)                           as participants,
        sum(smes_involved)                          as smes_involved
    from per_city
    group by lower(partner_city), partner_country
)

select * from final order by exchanges desc, partner_city
