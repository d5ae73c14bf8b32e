-- Spending per year and funder in the chosen dates; the filters reach spending through its
-- activity. The commitment is compared in kpis.py, where the agreement period is known.
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
    select
        year(date)                                                            as year,
        coalesce(sum(amount_sek) filter (where funder = 'ostersund'), 0)::double as ostersund_sek,
        coalesce(sum(amount_sek) filter (where funder = 'region'), 0)::double    as region_sek,
        coalesce(sum(amount_sek) filter (where funder = 'external'), 0)::double  as external_sek
    from spending_in_scope
    group by all
)

select * from final order by year
