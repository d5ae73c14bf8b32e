-- What the record leaves out in the chosen dates and filters (the completeness view): each
-- row is one gap, `gap` saying which. Cancelled activities count for nothing, so they are
-- not listed. An activity has SMEs when companies are listed for it or a count is given.
, activity_gaps as (
    select 'no_participants' as gap, activity_id as id, title, start_date as date
    from activities_in_scope
    where status <> 'cancelled' and participants is null
    union all
    select 'no_smes', a.activity_id, a.title, a.start_date
    from activities_in_scope a
    where a.status <> 'cancelled' and a.smes_count is null
      and not exists (select 1 from sme_participation p where p.activity_id = a.activity_id)
    union all
    select 'no_sdg', activity_id, title, start_date
    from activities_in_scope
    where status <> 'cancelled' and coalesce(len(sdg11_targets), 0) = 0
),

exchange_gaps as (
    select 'exchange_no_participants' as gap, exchange_id as id,
           array_to_string(partner_city, ', ') as title, date
    from exchanges_in_scope
    where participants is null
),

final as (
    select * from activity_gaps
    union all
    select * from exchange_gaps
)

select * from final order by gap, date, id
