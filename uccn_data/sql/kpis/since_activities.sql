-- The activities behind "since the last meeting": one row per activity and change (added,
-- started, completed) with the day it happened.
, final as (
    select
        c.activity_id,
        a.title,
        a.framework_area[1] as framework_area,
        a.status,
        c.change,
        c.on_date::date as on_date
    from activity_changes c
    join activities_filtered a using (activity_id)
)

select * from final order by on_date, activity_id, change
