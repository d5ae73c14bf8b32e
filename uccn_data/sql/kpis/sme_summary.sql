-- One row: SMEs reached through the activities in scope: the distinct companies listed by
-- name, plus those an activity only counts (`smes_count`, e.g. "over 20 farms"), with the
-- split. The municipality filter applies to where a listed company is based (see
-- sme_participations_in_scope), and to where a counting activity took place.
, per_company as (
    select
        org_number,
        count(*) as activities_joined,
        -- A company that moved counts where it was at its latest activity; a blank entry
        -- does not overwrite a known municipality.
        arg_max(municipality, start_date) filter (where municipality is not null) as municipality
    from sme_participations_in_scope
    group by org_number
),

counted as (
    select
        sum(smes_count)                                                  as smes_counted,
        count(*) filter (where smes_count is not null and smes_count_approx is not null)
                                                                         as smes_counted_approx
    from activities_in_scope
    where status <> 'cancelled'
),

final as (
    select
        -- Unknown when nothing is listed and nothing counted; never 0 for "no data".
        case when count(*) = 0 and (select smes_counted from counted) is null then null
             else count(*) + coalesce((select smes_counted from counted), 0) end
                                                                       as smes_reached,
        count(*)                                                       as smes_listed,
        (select smes_counted from counted)                             as smes_counted,
        (select smes_counted_approx from counted)                      as smes_counted_approx,
        count(*) filter (where municipality <> ostersund_municipality()) as smes_outside_ostersund,
        -- Share of the companies whose municipality is known: an unknown one is neither in
        -- Östersund nor outside it.
        count(*) filter (where municipality <> ostersund_municipality())
            / nullif(count(*) filter (where municipality is not null), 0)
                                                                       as smes_outside_ostersund_share,
        count(*) filter (where activities_joined > 1)                  as smes_repeat,
        coalesce(sum(activities_joined), 0)                            as sme_participations
    from per_company
)

select * from final
