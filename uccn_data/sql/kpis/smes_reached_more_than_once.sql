-- SMEs that took part in more than one activity in scope: the list behind "reached more
-- than once". Scope and the municipality filter (where the company is based) are exactly
-- those of sme_summary.sql, so the list has as many rows as that figure counts.
, participations as (
    select p.*
    from sme_participation p
    join (
        select activity_id from activities_spanned
        where start_date <= $hi and span_end >= $lo
          and status <> 'cancelled'
          and ($area is null or list_contains(framework_area, $area))
          and ($theme is null or list_contains(theme, $theme))
    ) a using (activity_id)
    where ($municipality is null or p.municipality = $municipality)
),

final as (
    select
        org_number,
        -- The latest given name and municipality stand for the company, as in sme_summary.
        arg_max(company_name, activity_id)               as company_name,
        arg_max(coalesce(municipality, ''), activity_id) as municipality,
        count(*)                                         as activities
    from participations
    group by org_number
    having count(*) > 1
)

select * from final order by activities desc, company_name, org_number
