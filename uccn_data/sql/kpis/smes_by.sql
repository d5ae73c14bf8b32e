-- Distinct SMEs by one company dimension ({dimension}: municipality, sector,
-- size_class or year, from sme_participations_in_scope).
, final as (
    select coalesce({dimension}::varchar, '') as category, count(distinct org_number) as smes
    from sme_participations_in_scope
    group by all
)

select * from final order by smes desc, category
