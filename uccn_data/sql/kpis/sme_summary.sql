-- One row: SMEs reached through the activities in scope. The municipality filter applies
-- to where the company is based, which is what "regional reach" asks.
, participations as (
    select p.*, a.start_date
    from sme_participation p
    join (
        select activity_id, start_date from activities
        where start_date between $lo and $hi
          and status <> 'cancelled'
          and ($area is null or framework_area = $area)
          and ($theme is null or theme = $theme)
    ) a using (activity_id)
    where ($municipality is null or p.municipality = $municipality)
),

per_company as (
    select
        org_number,
        count(*) as activities_joined,
        -- A company that moved counts where it was at its latest activity; a blank entry
        -- does not overwrite a known municipality.
        arg_max(municipality, start_date) filter (where municipality is not null) as municipality
    from participations
    group by org_number
),

final as (
    select
        count(*)                                                       as smes_reached,
        count(*) filter (where municipality <> '2380')                 as smes_outside_ostersund,
        -- Share of the companies whose municipality is known: an unknown one is neither in
        -- Östersund nor outside it.
        count(*) filter (where municipality <> '2380')
            / nullif(count(*) filter (where municipality is not null), 0)
                                                                       as smes_outside_ostersund_share,
        count(*) filter (where activities_joined > 1)                  as smes_repeat,
        coalesce(sum(activities_joined), 0)                            as sme_participations
    from per_company
)

select * from final
