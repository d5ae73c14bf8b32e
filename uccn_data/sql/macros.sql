-- Rules that several figures share, written once: the parties' codes, how far a date with a
-- precision reaches, and how the framework area, theme and municipality filters pick rows.
-- kpis.py installs these on each connection before its first figure (temporary macros: they
-- live in the connection, not in the store, so no store needs a migration for them).

-- Östersund's municipality code (SCB), as reference.OSTERSUND_CODE gives it (a test checks).
create or replace temp macro ostersund_municipality() as '2380';

-- Money from anyone but the two parties (reference.ORGANISATIONS) is external funding.
create or replace temp macro external_funder(funder) as funder not in ('ostersund', 'region');

-- The agreement's named partners, however a coordinator spells them in `partners`.
create or replace temp macro names_team_sweden(partners) as
    regexp_matches(lower(coalesce(partners, '')), 'team[\s\pZ-]*sweden');
create or replace temp macro names_unesco_council(partners) as
    regexp_matches(
        lower(coalesce(partners, '')),
        'unesco[\s\pZ-]*r[åa]det|national[\s\pZ]+commission[\s\pZ]+for[\s\pZ]+unesco'
    );

-- The last day a date covers as far as its precision reaches (DATA_CONTRACT v2): "2018"
-- runs to 31 December, "2018-05" to 31 May, a day is itself.
create or replace temp macro last_day_covered(day, day_precision) as
    case day_precision
        when 'year' then make_date(year(day), 12, 31)
        when 'month' then last_day(day)
        else day end;

-- The last day of a span: its end as far as it reaches, or its start's when it has no end.
create or replace temp macro span_end(start_day, start_precision, end_day, end_precision) as
    coalesce(
        last_day_covered(end_day, end_precision),
        last_day_covered(start_day, start_precision)
    );

-- Whether an activity's areas, themes and municipalities pass the chosen filters (a null
-- filter passes everything). An activity counts in every area, theme and place it names.
create or replace temp macro activity_matches(
    areas, themes, places, chosen_area, chosen_theme, chosen_municipality
) as
    (chosen_area is null or list_contains(areas, chosen_area))
    and (chosen_theme is null or list_contains(themes, chosen_theme))
    and (chosen_municipality is null or list_contains(places, chosen_municipality));

-- Whether a row that refers to an activity (an exchange, spending, an outcome) passes the
-- filters: through its activity, so a row without one passes only when no filter is set.
create or replace temp macro reached_by_filters(
    linked_activity, chosen_area, chosen_theme, chosen_municipality
) as
    (chosen_area is null and chosen_theme is null and chosen_municipality is null)
    or linked_activity in (
        select a.activity_id
        from activities a
        where activity_matches(
            a.framework_area, a.theme, a.municipality,
            chosen_area, chosen_theme, chosen_municipality
        )
    );
