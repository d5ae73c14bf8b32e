-- Import CTEs for every figure: what lies in the chosen dates and filters (DATA_CONTRACT v2).
-- An activity, exchange or spending row counts where its span overlaps the dates: from its
-- start to its end, or its start alone, each as far as its precision reaches ("2018" runs to
-- 31 December, "2018-05" to 31 May). An activity counts in every framework area, theme and
-- municipality it names; exchanges and spending reach those filters through their activity,
-- so unlinked ones drop out when one is set. Budgets are kept apart from money spent.
-- Parameters: $lo, $hi (dates), $area, $theme, $municipality (null = all).
with activities_spanned as (
    select
        *,
        coalesce(
            case end_date_precision
                when 'year' then make_date(year(end_date), 12, 31)
                when 'month' then last_day(end_date)
                else end_date end,
            case start_date_precision
                when 'year' then make_date(year(start_date), 12, 31)
                when 'month' then last_day(start_date)
                else start_date end
        ) as span_end
    from activities
),

activities_in_scope as (
    select *
    from activities_spanned
    where start_date <= $hi and span_end >= $lo
      and ($area is null or list_contains(framework_area, $area))
      and ($theme is null or list_contains(theme, $theme))
      and ($municipality is null or list_contains(municipality, $municipality))
),

-- The filters as they reach a row through its activity (a row without one passes only when
-- no filter is set).
activity_filter as (
    select activity_id
    from activities
    where ($area is null or list_contains(framework_area, $area))
      and ($theme is null or list_contains(theme, $theme))
      and ($municipality is null or list_contains(municipality, $municipality))
),

exchanges_spanned as (
    select
        *,
        coalesce(
            case end_date_precision
                when 'year' then make_date(year(end_date), 12, 31)
                when 'month' then last_day(end_date)
                else end_date end,
            case date_precision
                when 'year' then make_date(year(date), 12, 31)
                when 'month' then last_day(date)
                else date end
        ) as span_end
    from exchanges
),

exchanges_in_scope as (
    select *, year(date) as year
    from exchanges_spanned
    where date <= $hi and span_end >= $lo
      and (($area is null and $theme is null and $municipality is null)
           or activity_id in (select activity_id from activity_filter))
),

-- Spending spread evenly over the months of its span (a budget or grant for 2025–2026 puts
-- a 24th in each month); a row of one day or one month stays whole in its month.
spending_spanned as (
    select
        *,
        date_trunc('month', date)::date as first_month,
        date_trunc('month', coalesce(
            case end_date_precision
                when 'year' then make_date(year(end_date), 12, 31)
                when 'month' then last_day(end_date)
                else end_date end,
            case date_precision
                when 'year' then make_date(year(date), 12, 31)
                else date end
        ))::date as last_month
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
      and (($area is null and $theme is null and $municipality is null)
           or activity_id in (select activity_id from activity_filter))
)
