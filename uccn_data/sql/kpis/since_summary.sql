-- One row: what was added, started and completed, the exchanges held and the money spent from
-- (unknown, null, where nothing was reported: never 0 kr)
-- $since to $until. Exchanges and spending reach the area, theme and municipality filters
-- through their activity, as on the pages.
, exchanges_since as (
    select *
    from exchanges
    where date between $since and $until
      and reached_by_filters(activity_id, $area, $theme, $municipality)
),

spending_since as (
    select *
    from spending
    where date between $since and $until and kind = 'actual'
      and reached_by_filters(activity_id, $area, $theme, $municipality)
),

final as (
    select
        (select count(*) from activity_changes where change = 'added')      as activities_added,
        (select count(*) from activity_changes where change = 'started')    as activities_started,
        (select count(*) from activity_changes where change = 'completed')  as activities_completed,
        (select count(*) from exchanges_since)                              as exchanges,
        (select sum(participants) from exchanges_since)                     as exchange_participants,
        (select (sum(amount_sek) filter (where funder = 'ostersund'))::double
            from spending_since)                                            as ostersund_sek,
        (select (sum(amount_sek) filter (where funder = 'region'))::double
            from spending_since)                                            as region_sek,
        (select (sum(amount_sek) filter (where external_funder(funder)))::double
            from spending_since)                                            as external_sek
)

select * from final
