-- Rows per uploaded table and when each was last changed by an import that is not undone:
-- the sources a report names.
with counts as (
    select 'activities' as table_name, count(*) as row_count from activities
    union all select 'sme_participation', count(*) from sme_participation
    union all select 'exchanges', count(*) from exchanges
    union all select 'spending', count(*) from spending
    union all select 'staff_time', count(*) from staff_time
    union all select 'targets', count(*) from targets
    union all select 'outcomes', count(*) from outcomes
),

imports as (
    select table_name, max(imported_at) as last_import_at
    from import_log
    where undone_at is null
    group by table_name
),

final as (
    select c.table_name, c.row_count, i.last_import_at
    from counts c
    left join imports i using (table_name)
)

select * from final
