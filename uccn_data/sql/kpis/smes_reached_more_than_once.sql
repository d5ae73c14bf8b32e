-- SMEs that took part in more than one activity in scope: the list behind "reached more
-- than once". Scope and the municipality filter (where the company is based) are those of
-- sme_summary.sql, the same CTE, so the list has as many rows as that figure counts.
, final as (
    select
        org_number,
        -- The latest given name and municipality stand for the company, as in sme_summary.
        arg_max(company_name, activity_id)               as company_name,
        arg_max(coalesce(municipality, ''), activity_id) as municipality,
        count(*)                                         as activities
    from sme_participations_in_scope
    group by org_number
    having count(*) > 1
)

select * from final order by activities desc, company_name, org_number
