"""Ramaktiviteter / Framework activities: the three side by side, then each in depth."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, charts, i18n, state, text
from dashboard.components import chart
from uccn_data import reference as ref

# Beyond these the page would send thousands of rows on every run (the whole subnetwork's
# history at scale): the list is searched in full but shows the first LIST_MAX matches.
TIMELINE_MAX = 150
LIST_MAX = 500

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t
AND = t("framework.and", lang)

st.title(t("framework.heading", lang))
st.write(t("framework.lead", lang))
if not view.store_ready:
    st.stop()

summary = cache.kpi_frame("framework_summary", f)
areas = {a: i18n.label(ref.FRAMEWORK_AREAS, a, lang) for a in summary["framework_area"]}
if not summary["activities"].sum():
    st.info(t("framework.empty", lang))

for column, row in zip(st.columns(len(summary)), summary.itertuples(), strict=True):
    with column, st.container(border=True):
        st.subheader(areas[row.framework_area])
        st.metric(t("framework.activities", lang), i18n.number(row.activities, lang))
        st.metric(t("framework.completed", lang), i18n.number(row.activities_completed, lang))
        st.metric(t("framework.participants", lang), i18n.number(row.participants, lang))
        st.metric(t("framework.sdg11_share", lang), i18n.percent(row.sdg11_aligned_share, lang))

st.header(t("framework.in_depth", lang))
col_area, col_activities = t("filter.area", lang), t("framework.col_activities", lang)
DIMENSIONS = {  # dimension -> its labels and the key of its column heading
    "theme": (ref.THEMES, "filter.theme"),
    "level": (ref.LEVELS, "framework.col_level"),
    "status": (ref.STATUSES, "framework.col_status"),
}
# The agreement's order (areas as in the agreement, statuses from planned to cancelled)
# reads better than counts order, and keeps bars in the same place from filter to filter.
order = {
    key: i for i, key in enumerate([*ref.FRAMEWORK_AREAS, *ref.THEMES, *ref.LEVELS, *ref.STATUSES])
}
for dimension, (labels, heading) in DIMENSIONS.items():
    counts = cache.kpi_frame("activities_by_area", f, dimension)
    counts = counts.sort_values(
        ["framework_area", "category"], key=lambda s: s.map(order), ignore_index=True
    )
    shown = pd.DataFrame(
        {
            "area": counts["framework_area"].map(areas),
            "category": [i18n.label(labels, c, lang) for c in counts["category"]],
            "activities": counts["activities"],
        }
    )
    totals = shown.groupby("category", sort=False, as_index=False)["activities"].sum()
    total = int(totals["activities"].sum())
    if not total:
        title = t(f"framework.{dimension}_title_empty", lang)
    elif dimension == "status":  # the finding is how much is done
        done = int(counts.loc[counts["category"] == "completed", "activities"].sum())
        title = t("framework.status_title", lang, count=done, total=total)
    else:  # which is most common (a tie says so)
        key = f"framework.{dimension}_title"
        title = text.finding(key, lang, totals, "category", "activities", and_word=AND, total=total)
    alt = "; ".join(
        f"{area}: " + ", ".join(f"{r.category} {r.activities}" for r in part.itertuples())
        for area, part in shown.groupby("area", sort=False)
    )
    chart(
        charts.bar(shown, "category", "activities", series="area", horizontal=True, stacked=False),
        title=title,
        alt=t(f"framework.{dimension}_alt", lang) + " " + alt,
        table=shown.set_axis([col_area, t(heading, lang), col_activities], axis="columns"),
        key=f"framework-by-{dimension}",
        lang=lang,
    )

activities = cache.kpi_frame("activity_list", f)
# Cancelled activities never took place, so they have no place on the timeline. One band
# per framework area, in the agreement's order, keeps each area's colour from the bars above;
# the sort is stable, so within a band the activities stay in order of start date.
held = activities[activities["status"] != "cancelled"]
everything = len(held)
if everything > TIMELINE_MAX:
    # Past a few screenfuls a timeline of single activities is unreadable (and slow to send):
    # show the latest ones; the heading still counts them all.
    held = held.sort_values("start_date", kind="stable").tail(TIMELINE_MAX)
held = held.sort_values("framework_area", key=lambda s: s.map(order), kind="stable")
end = held["end_date"].fillna(held["start_date"])
rows = held["title"].map(lambda s: text.plotly(s if len(s) <= 45 else s[:44] + "…"))
repeated = rows.duplicated(keep=False)  # same title twice: tell the rows apart by the id
rows[repeated] = rows[repeated] + " (" + held["activity_id"][repeated] + ")"
line = pd.DataFrame(
    {
        "row": rows,
        "start": held["start_date"],
        "end": end,
        "area": held["framework_area"].map(areas),
        "hover": held["title"].map(text.plotly),
    }
)
if len(held):
    # A whole period is read by year, one year by quarter (counted over every activity).
    counted = activities[activities["status"] != "cancelled"]
    when = counted["start_date"].dt.year if f.year is None else counted["start_date"].dt.quarter
    starts = when.value_counts().sort_index().rename_axis("when").reset_index()
    key = "framework.timeline_title_" + ("year" if f.year is None else "quarter")
    title = text.finding(key, lang, starts, "when", "count", and_word=AND, total=everything)
    alt = t(
        "framework.timeline_alt",
        lang,
        total=len(held),
        first=i18n.day(held["start_date"].min(), lang),
        last=i18n.day(end.max(), lang),
        areas=", ".join(f"{a} {n}" for a, n in line["area"].value_counts(sort=False).items()),
    )
else:
    title, alt = t("framework.timeline_title_empty", lang), ""
chart(
    charts.timeline(line, "start", "end", "row", "area", hover="hover"),
    title=title,
    alt=alt,
    table=pd.DataFrame(
        {
            t("framework.col_title", lang): held["title"],
            col_area: line["area"],
            t("framework.col_start", lang): [i18n.day(d, lang) for d in held["start_date"]],
            t("framework.col_end", lang): [i18n.day(d, lang) for d in end],
        }
    ),
    key="framework-timeline",
    lang=lang,
)
if everything > TIMELINE_MAX:
    st.caption(t("framework.timeline_latest", lang, shown=TIMELINE_MAX, total=everything))

st.header(t("framework.list_heading", lang))
query = st.text_input(
    t("framework.search", lang),
    key="framework-search",
    placeholder=t("framework.search_hint", lang),
)
found = activities
if query.strip():
    words = activities["title"] + " " + activities["partners"] + " " + activities["description"]
    found = activities[words.str.casefold().str.contains(query.strip().casefold(), regex=False)]
st.caption(t("framework.list_count", lang, shown=len(found), total=len(activities)))
if len(found) > LIST_MAX:
    st.caption(t("framework.list_capped", lang, shown=LIST_MAX))
    found = found.head(LIST_MAX)
if found.empty:
    st.info(t("framework.list_empty" if len(activities) else "framework.empty", lang))
else:
    places = {**ref.MUNICIPALITY_CODES, ref.OTHER_MUNICIPALITY: t("municipality.other", lang)}
    listed = pd.DataFrame(
        {
            "framework.col_title": found["title"],
            "filter.area": found["framework_area"].map(areas),
            "filter.theme": [i18n.label(ref.THEMES, v, lang) for v in found["theme"]],
            "framework.col_level": [i18n.label(ref.LEVELS, v, lang) for v in found["level"]],
            "framework.col_status": [i18n.label(ref.STATUSES, v, lang) for v in found["status"]],
            "framework.col_start": found["start_date"],
            "framework.col_end": found["end_date"],
            "framework.col_lead": [i18n.label(ref.LEADS, v, lang) for v in found["lead"]],
            "filter.municipality": found["municipality"].map(places).fillna(""),
            "framework.col_participants": found["participants"],
            "framework.col_sdg11": found["sdg11_targets"],
            "framework.col_partners": found["partners"],
            "framework.col_description": found["description"],
        }
    )
    # Real dates with a display format, so that sorting by a date column sorts by date.
    dates = {"sv": "YYYY-MM-DD", "en": "D MMM YYYY"}[lang]
    st.dataframe(
        listed.rename(columns=lambda key: t(key, lang)),
        hide_index=True,
        key="framework-list",
        column_config={
            t(key, lang): st.column_config.DateColumn(format=dates)
            for key in ("framework.col_start", "framework.col_end")
        },
    )
