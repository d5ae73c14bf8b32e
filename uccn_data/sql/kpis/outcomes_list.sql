-- Outcomes in the chosen dates (an undated one, e.g. an agreement with no date, is listed
-- with every scope: it is still an outcome). A role held 2014–2018 counts where it overlaps.
-- The framework filters reach an outcome through its activity.
, outcomes_spanned as (
    select *, span_end(date, date_precision, end_date, end_date_precision) as span_end
    from outcomes
),

final as (
    select
        outcome_id, kind, title, date, date_precision, end_date, end_date_precision,
        activity_id, coalesce(partner, '') as partner, coalesce(description, '') as description,
        url
    from outcomes_spanned
    where (date is null or (date <= $hi and span_end >= $lo))
      and reached_by_filters(activity_id, $area, $theme, $municipality)
)

select * from final order by date nulls last, outcome_id
