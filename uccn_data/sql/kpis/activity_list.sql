-- Every activity in scope, cancelled ones included (their status says so), for the
-- timeline and the searchable list. framework_area, theme and municipality are the first
-- named (the main one); the *_all columns hold every one. Dates keep their precision.
, final as (
    select
        activity_id,
        title,
        framework_area[1]                                       as framework_area,
        framework_area                                          as framework_area_all,
        theme[1]                                                as theme,
        theme                                                   as theme_all,
        level,
        lead,
        lead_name,
        party_role,
        status,
        start_date::date                                        as start_date,
        start_date_precision,
        end_date::date                                          as end_date,
        end_date_precision,
        span_end::date                                          as span_end,
        municipality[1]                                         as municipality,
        municipality                                            as municipality_all,
        participants,
        participants_approx,
        visitors,
        visitors_approx,
        smes_count,
        smes_count_approx,
        array_to_string(coalesce(sdg11_targets, []), ', ')      as sdg11_targets,
        array_to_string(coalesce(other_sdgs, []), ', ')         as other_sdgs,
        coalesce(partners, '')                                  as partners,
        partner_uccn_cities,
        coalesce(description, '')                               as description,
        coalesce(results, '')                                   as results,
        url
    from activities_in_scope
)

select * from final order by start_date, activity_id
