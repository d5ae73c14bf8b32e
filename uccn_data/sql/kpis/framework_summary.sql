-- Per framework area: the card figures of the framework page. An activity counts in every
-- area it names, so the areas add up to more than the total (the page says so).
, per_area as (
    select unnest(framework_area) as framework_area, * exclude (framework_area)
    from activities_in_scope
    where status <> 'cancelled'
),

final as (
    select
        framework_area,
        count(*)                                                     as activities,
        count(*) filter (where status = 'completed')                 as activities_completed,
        sum(participants)                                            as participants,
        count(*) filter (where participants is not null and participants_approx is not null)
                                                                     as participants_approx,
        count(*) filter (where len(coalesce(sdg11_targets, [])) > 0) as sdg11_aligned,
        count(*) filter (where len(coalesce(sdg11_targets, [])) > 0)
            / nullif(count(*), 0)                                    as sdg11_aligned_share
    from per_area
    group by framework_area
)

select * from final order by framework_area
