-- Import CTE for every activity-based figure: activities starting in the chosen dates,
-- narrowed by framework area, theme and (where the activity took place) municipality.
-- Parameters: $lo, $hi (dates), $area, $theme, $municipality (null = all).
with activities_in_scope as (
    select *
    from activities
    where start_date between $lo and $hi
      and ($area is null or framework_area = $area)
      and ($theme is null or theme = $theme)
      and ($municipality is null or municipality = $municipality)
)
