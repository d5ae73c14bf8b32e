-- Activities per SDG 11 target and framework area (the matrix); cancelled excluded. An
-- activity counts in every area it names.
, per_area as (
    select unnest(framework_area) as framework_area, sdg11_targets
    from activities_in_scope
    where status <> 'cancelled'
),

final as (
    select framework_area, target, count(*) as activities
    from (select framework_area, unnest(sdg11_targets) as target from per_area)
    group by all
)

select * from final order by target, framework_area
