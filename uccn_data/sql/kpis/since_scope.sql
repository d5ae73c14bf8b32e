-- Import CTE for "since the last meeting": activities narrowed by framework area, theme and
-- municipality, with no agreement period (the window is $since to $until, the previous
-- meeting to the report), and what happened to each in the window. An activity counts as
-- added on the day an import that is not undone first wrote it.
-- Parameters: $since, $until (dates), $area, $theme, $municipality (null = all).
with activities_filtered as (
    select *
    from activities
    where activity_matches(framework_area, theme, municipality, $area, $theme, $municipality)
),

first_imported as (
    select b.activity_id, min(cast(l.imported_at as date)) as on_date
    from activities_before b
    join import_log l using (import_id)
    where b.change = 'inserted' and l.undone_at is null
    group by b.activity_id
),

activity_changes as (
    select a.activity_id, 'added' as change, i.on_date
    from activities_filtered a
    join first_imported i using (activity_id)
    where i.on_date between $since and $until

    union all

    select activity_id, 'started' as change, start_date as on_date
    from activities_filtered
    where status <> 'cancelled' and start_date between $since and $until

    union all

    -- A completed activity without an end date ended the day it started.
    select activity_id, 'completed' as change, coalesce(end_date, start_date) as on_date
    from activities_filtered
    where status = 'completed' and coalesce(end_date, start_date) between $since and $until
)
