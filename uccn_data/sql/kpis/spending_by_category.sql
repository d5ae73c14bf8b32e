-- Spending per category and funder in the chosen dates.
, spending_in_scope as (
    select s.*
    from spending s
    left join activities a using (activity_id)
    where s.date between $lo and $hi
      and ($area is null or a.framework_area = $area)
      and ($theme is null or a.theme = $theme)
      and ($municipality is null or a.municipality = $municipality)
),

final as (
    select category, funder, sum(amount_sek)::double as amount_sek
    from spending_in_scope
    group by all
)

select * from final order by category, funder
