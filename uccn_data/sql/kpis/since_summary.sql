-- One row: what was added, started and completed, the exchanges held and the money spent from
-- $since to $until. Exchanges and spending reach the area, theme and municipality filters
-- through their activity, as on the pages.
, exchanges_since as (
    select e.*
    from exchanges e
    left join activities a using (activity_id)
    where e.date between $since and $until
      and ($area is null or a.framework_area = $area)
      and ($theme is null or a.theme = $theme)
      and ($municipality is null or a.municipality = $municipality)
),

spending_since as (
    select s.*
    from spending s
    left join activities a using (activity_id)
    where s.date between $since and $until
      and ($area is null or a.framework_area = $area)
      and ($theme is null or a.theme = $theme)
      and ($municipality is null or a.municipality = $municipality)
),

final as (
    select
        (select count(*) from activity_changes where change = 'added')      as activities_added,
        (select count(*) from activity_changes where change = 'started')    as activities_started,
        (select count(*) from activity_changes where change = 'completed')  as activities_completed,
        (select count(*) from exchanges_since)                              as exchanges,
        (select coalesce(sum(participants), 0) from exchanges_since)        as exchange_participants,
        (select coalesce(sum(amount_sek) filter (where funder = 'ostersund'), 0)::double
            from spending_since)                                            as ostersund_sek,
        (select coalesce(sum(amount_sek) filter (where funder = 'region'), 0)::double
            from spending_since)                                            as region_sek,
        (select coalesce(sum(amount_sek) filter (where funder = 'external'), 0)::double
            from spending_since)                                            as external_sek
)

select * from final
