-- Every activity in scope, cancelled ones included (their status says so), for the
-- timeline and the searchable list. The SDG 11 targets come as one readable text; a
-- missing end date stays missing (the page decides how to draw it).
, final as (
    select
        activity_id,
        title,
        framework_area,
        theme,
        level,
        lead,
        status,
        start_date::date                                        as start_date,
        end_date::date                                          as end_date,
        municipality,
        participants,
        array_to_string(coalesce(sdg11_targets, []), ', ')      as sdg11_targets,
        coalesce(partners, '')                                  as partners,
        coalesce(description, '')                               as description
    from activities_in_scope
)

select * from final order by start_date, activity_id
