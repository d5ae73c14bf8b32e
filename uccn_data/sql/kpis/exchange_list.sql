-- (v2) Every exchange in the chosen dates, one row each, with its partners as written (a
-- meeting with several partner cities is one exchange), for lists that name each meeting:
-- the UNESCO draft's network meetings. Dates keep their precision, counts their approximation.
, final as (
    select
        exchange_id,
        date::date                                      as date,
        date_precision,
        end_date::date                                  as end_date,
        end_date_precision,
        direction,
        coalesce(partner_type, 'city')                  as partner_type,
        array_to_string(partner_city, ', ')             as partners,
        participants,
        participants_approx,
        cities_count,
        cities_count_approx,
        countries_count,
        countries_count_approx,
        activity_id
    from exchanges_in_scope
)

select * from final order by date, exchange_id
