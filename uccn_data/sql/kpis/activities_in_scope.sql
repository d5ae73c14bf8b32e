-- Import CTEs for every figure: what lies in the chosen dates and filters (DATA_CONTRACT v2).
-- An activity, exchange or spending row counts where its span overlaps the dates: from its
-- start to its end, or its start alone, each as far as its precision reaches (span_end in
-- macros.sql). An activity counts in every framework area, theme and municipality it names;
-- exchanges and spending reach those filters through their activity, so unlinked ones drop
-- out when one is set. Budgets are kept apart from money spent.
-- Parameters: $lo, $hi (dates), $area, $theme, $municipality (null = all).
with activities_spanned as (
    select *, span_end(start_date, start_date_precision, end_date, end_date_precision) as span_end
    from activities
),

activities_in_scope as (
    select *
    from activities_spanned
    where start_date <= $hi and span_end >= $lo
      and activity_matches(framework_area, theme, municipality, $area, $theme, $municipality)
),

-- SMEs reach the area and theme filters through their activity, and the municipality filter
-- by where the company is based, which is what "regional reach" asks.
sme_participations_in_scope as (
    select p.*, a.start_date, year(a.start_date) as year
    from sme_participation p
    join activities_spanned a using (activity_id)
    where a.start_date <= $hi and a.span_end >= $lo
      and a.status <> 'cancelled'
      and activity_matches(a.framework_area, a.theme, null, $area, $theme, null)
      and ($municipality is null or p.municipality = $municipality)
),

exchanges_spanned as (
    select *, span_end(date, date_precision, end_date, end_date_precision) as span_end
    from exchanges
),

exchanges_in_scope as (
    select *, year(date) as year
    from exchanges_spanned
    where date <= $hi and span_end >= $lo
      and reached_by_filters(activity_id, $area, $theme, $municipality)
),

-- Spending spread evenly over the months of its span (a budget or grant for 2025–2026 puts
-- a 24th in each month); a row of one day or one month stays whole in its month.
spending_spanned as (
    select
        *,
        date_trunc('month', date)::date as first_month,
        date_trunc('month', span_end(date, date_precision, end_date, end_date_precision))::date
            as last_month
    from spending
),

spending_months as (
    select
        s.* exclude (first_month, last_month),
        (s.first_month + to_months(k))::date                             as month,
        date_diff('month', s.first_month, s.last_month) + 1              as months,
        s.amount_sek::double / (date_diff('month', s.first_month, s.last_month) + 1) as share_sek
    from spending_spanned s,
         unnest(generate_series(0, date_diff('month', s.first_month, s.last_month))) as t(k)
),

spending_in_scope as (
    select *
    from spending_months
    where month between date_trunc('month', $lo::date) and $hi
      and reached_by_filters(activity_id, $area, $theme, $municipality)
)
