-- One row: the activity figures of the headline (cancelled activities do not count). An
-- activity counts once here however many areas it names. Participant sums are unknown (null)
-- when no activity reports any, and say how many approximate counts they include.
, counted as (
    select * from activities_in_scope where status <> 'cancelled'
),

final as (
    select
        count(*)                                                          as activities,
        count(*) filter (where status = 'completed')                      as activities_completed,
        count(*) filter (where len(coalesce(sdg11_targets, [])) > 0)      as sdg11_aligned,
        count(*) filter (where len(coalesce(sdg11_targets, [])) > 0)
            / nullif(count(*), 0)                                         as sdg11_aligned_share,
        (select count(distinct target) from (
            select unnest(sdg11_targets) as target from counted))        as sdg11_targets_covered,
        count(*) filter (where names_team_sweden(partners))             as team_sweden_activities,
        count(*) filter (where names_unesco_council(partners))          as unesco_council_followups,
        sum(participants)                                                 as activity_participants,
        count(*) filter (where participants is not null and participants_approx is not null)
                                                                          as activity_participants_approx,
        count(*) filter (where participants is not null)                  as activities_with_participants,
        sum(visitors)                                                     as activity_visitors,
        count(*) filter (where len(framework_area) > 1)                   as activities_in_several_areas,
        count(*) filter (where lead = 'external')                         as activities_led_by_others
    from counted
)

select * from final
