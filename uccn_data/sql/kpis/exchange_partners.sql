-- Partners that are not cities: regions, organisations and networks (a UCCN annual meeting
-- with about 100 cities is one network partner, with its counts of cities and countries).
, per_partner as (
    select
        exchange_id, date, partner_type, cities_count, cities_count_approx,
        countries_count, countries_count_approx, participants,
        unnest(partner_city) as partner
    from exchanges_in_scope
    where partner_type <> 'city'
),

final as (
    select
        partner_type,
        any_value(partner order by date desc)                  as partner,
        count(distinct exchange_id)                             as exchanges,
        max(cities_count)                                       as cities_count,
        arg_max(cities_count_approx, cities_count)              as cities_count_approx,
        max(countries_count)                                    as countries_count,
        arg_max(countries_count_approx, countries_count)        as countries_count_approx,
        sum(participants)                                       as participants
    from per_partner
    group by partner_type, lower(partner)
)

select * from final order by partner_type, exchanges desc, partner
