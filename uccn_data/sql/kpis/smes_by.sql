-- Distinct SMEs by one company dimension ({dimension}: municipality, sector or size_class).
, participations as (
    select p.*, year(a.start_date) as year
    from sme_participation p
    join activities_spanned a using (activity_id)
    where a.start_date <= $hi and a.span_end >= $lo
      and a.status <> 'cancelled'
      and ($area is null or list_contains(a.framework_area, $area))
      and ($theme is null or list_contains(a.theme, $theme))
      and ($municipality is null or p.municipality = $municipality)
),

final as (
    select coalesce({dimension}::varchar, '') as category, count(distinct org_number) as smes
    from participations
    group by all
)

select * from final order by smes desc, category
