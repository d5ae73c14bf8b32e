-- Distinct SMEs by one company dimension ({dimension}: municipality, sector or size_class).
, participations as (
    select p.*, year(a.start_date) as year
    from sme_participation p
    join activities a using (activity_id)
    where a.start_date between $lo and $hi
      and a.status <> 'cancelled'
      and ($area is null or a.framework_area = $area)
      and ($theme is null or a.theme = $theme)
      and ($municipality is null or p.municipality = $municipality)
),

final as (
    select coalesce({dimension}::varchar, '') as category, count(distinct org_number) as smes
    from participations
    group by all
)

select * from final order by smes desc, category
