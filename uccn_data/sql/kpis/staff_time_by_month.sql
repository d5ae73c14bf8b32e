-- Hours reported per party and month in the chosen dates. Staff time is not tied to
-- activities, so the area, theme and municipality filters do not apply.
, final as (
    select organisation, month, hours::double as hours
    from staff_time
    where month between date_trunc('month', $lo::date) and $hi
)

select * from final order by month, organisation
