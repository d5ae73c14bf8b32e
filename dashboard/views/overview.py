"""Översikt / Overview: how the work is doing against what was promised, at a glance."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, i18n, state
from dashboard.components import (
    activity_facts,
    chart,
    completeness_notes,
    kpi_card,
    outcomes,
    several_areas_note,
)
from uccn_data import reference as ref

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t

st.title(t("overview.heading", lang))
scope = (
    t("overview.scope_period", lang, period=f.period)
    if f.year is None
    else t("overview.scope_year", lang, year=f.year, period=f.period)
)
st.write(t("overview.lead", lang, scope=scope))
if not view.store_ready:
    st.stop()

figures = cache.kpi_frame("headline", f).set_index("kpi")
previous_year = f.previous_year()
previous = None
if (
    previous_year is not None
    and previous_year.year is not None
    and previous_year.year >= int(f.period[:4])
):
    previous = cache.kpi_frame("kpi_values", previous_year).set_index("kpi")["value"]

activity = cache.kpi_frame("activity_summary", f).iloc[0]
if not figures.loc["activities", "value"]:
    st.info(t("overview.empty", lang))
notes = completeness_notes(f, lang)

HEADLINE = (
    "activities",
    "smes_reached",
    "exchanges",
    "partner_cities",
    "ostersund_spending_sek",
    "external_funding_sek",
    "leverage_ratio",
    "staff_share_ostersund",
    "staff_share_region",
    "sdg11_aligned_share",
)
# One row of columns per four cards, so keyboard and screen-reader order follows the rows
# the eye reads, not each column top to bottom.
for i, key in enumerate(HEADLINE):
    if i % 4 == 0:
        columns = st.columns(4)
    with columns[i % 4]:
        before = None if previous is None else previous.get(key)
        kpi_card(key, figures.loc[key], lang, before, notes.get(key))

st.write(activity_facts(activity, lang))

trend = cache.kpi_frame("activities_by_year", f).copy()
trend["framework_area"] = [
    i18n.label(ref.FRAMEWORK_AREAS, a, lang) for a in trend["framework_area"]
]
table = trend.rename(
    columns={
        "year": t("overview.col_year", lang),
        "framework_area": t("filter.area", lang),
        "activities": t("overview.col_activities", lang),
    }
)
if len(trend):
    totals = trend.groupby("framework_area")["activities"].sum().sort_values(ascending=False)
    title = t("overview.trend_title", lang, area=totals.index[0], count=int(totals.iloc[0]))
else:
    title = t("overview.trend_title_empty", lang)
alt = "; ".join(
    f"{area}: " + ", ".join(f"{int(r.year)} {int(r.activities)}" for r in part.itertuples())
    for area, part in trend.groupby("framework_area", sort=False)
)
chart(
    charts.lines(
        trend,
        "year",
        "activities",
        series="framework_area",
        value_title=t("overview.col_activities", lang),
    ),
    title=title,
    alt=t("overview.trend_alt", lang) + " " + alt,
    table=table,
    key="overview-trend",
    lang=lang,
)
if several := several_areas_note(activity, lang):
    st.caption(several)  # the chart counts an activity in each area; the card counts it once

outcomes_found = cache.kpi_frame("outcomes_list", f)
outcomes(outcomes_found, cache.kpi_frame("outcomes_by_kind", f), lang, key="overview-outcomes")

info = cache.store_info()
if info["last_import_at"] is not None:
    st.caption(t("overview.last_import", lang, when=f"{info['last_import_at']:%Y-%m-%d %H:%M}"))
