-- Activities per SDG 11 target and framework area (the matrix); cancelled excluded.
, final as (
    select framework_area, target, count(*) as activities
    from (
        select framework_area, unnest(sdg11_targets) as target
        from activities_in_scope
        where status <> 'cancelled'
    )
    group by all
)

select * from final order by target, framework_area
