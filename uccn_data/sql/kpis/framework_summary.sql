-- Per framework area: the card figures of the framework page, counted as the headline
-- counts them (cancelled activities are not work done).
, counted as (
    select * from activities_in_scope where status <> 'cancelled'
),

final as (
    select
        framework_area,
        count(*)                                                     as activities,
        count(*) filter (where status = 'completed')                 as activities_completed,
        coalesce(sum(participants), 0)                               as participants,
        count(*) filter (where len(coalesce(sdg11_targets, [])) > 0) as sdg11_aligned,
        count(*) filter (where len(coalesce(sdg11_targets, [])) > 0)
            / nullif(count(*), 0)                                    as sdg11_aligned_share
    from counted
    group by framework_area
)

select * from final order by framework_area
