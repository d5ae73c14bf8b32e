"""Ramaktiviteter / Framework activities: the three side by side, then each in depth."""

from __future__ import annotations

from dataclasses import replace

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
overall = cache.kpi_frame("activity_summary", f).iloc[0]
areas = {a: i18n.label(ref.FRAMEWORK_AREAS, a, lang) for a in summary["framework_area"]}
if not summary["activities"].sum():
    st.info(t("framework.empty", lang))

for column, row in zip(st.columns(len(summary)), summary.itertuples(), strict=True):
    # The area's own summary: its participant sum is unknown when nobody reported any, and
    # says "ca" when it includes approximate counts.
    own = cache.kpi_frame("activity_summary", replace(f, framework_area=row.framework_area))
    participants = i18n.total(
        own["activity_participants"].iloc[0], own["activity_participants_approx"].iloc[0], lang
    )
    with column, st.container(border=True):
        st.subheader(areas[row.framework_area])
        st.metric(t("framework.activities", lang), i18n.number(row.activities, lang))
        st.metric(t("framework.completed", lang), i18n.number(row.activities_completed, lang))
        st.metric(t("framework.participants", lang), participants)
        st.metric(t("framework.sdg11_share", lang), i18n.percent(row.sdg11_aligned_share, lang))
total, several = int(overall["activities"]), int(overall["activities_in_several_areas"])
if several and len(summary) > 1:
    st.caption(t("framework.cards_note", lang, count=several, total=total))
if int(overall["activities_with_participants"]) < total:
    known = int(overall["activities_with_participants"])
    st.caption(t("framework.participants_note", lang, known=known, total=total))

activities = cache.kpi_frame("activity_list", f)
held = activities[activities["status"] != "cancelled"]  # cancelled ones never took place

st.header(t("framework.in_depth", lang))
col_area, col_activities = t("filter.area", lang), t("framework.col_activities", lang)
DIMENSIONS = {  # dimension -> its labels, the key of its column heading, its list column
    "theme": (ref.THEMES, "filter.theme", "theme_all"),
    "level": (ref.LEVELS, "framework.col_level", "level"),
    "status": (ref.STATUSES, "framework.col_status", "status"),
}
# The agreement's order (areas as in the agreement, statuses from planned to cancelled)
# reads better than counts order, and keeps bars in the same place from filter to filter.
order = {
    key: i for i, key in enumerate([*ref.FRAMEWORK_AREAS, *ref.THEMES, *ref.LEVELS, *ref.STATUSES])
}
for dimension, (labels, heading, listed_in) in DIMENSIONS.items():
    counts = cache.kpi_frame("activities_by_area", f, dimension)
    # Under an area filter, its activities' other areas are not what was asked for.
    counts = counts[counts["framework_area"].isin(list(areas))].sort_values(
        ["framework_area", "category"], key=lambda s: s.map(order), ignore_index=True
    )
    shown = pd.DataFrame(
        {
            "area": counts["framework_area"].map(areas),
            "category": [i18n.label(labels, c, lang) for c in counts["category"]],
            "activities": counts["activities"],
        }
    )
    # The title counts each activity once; the bars count it in every area (and theme) it names.
    scope = activities if dimension == "status" else held
    once = scope[listed_in].explode().value_counts().rename_axis("category").reset_index()
    once["category"] = [i18n.label(labels, c, lang) for c in once["category"]]
    if scope.empty:
        title = t(f"framework.{dimension}_title_empty", lang)
    elif dimension == "status":  # the finding is how much is done
        done = int((scope["status"] == "completed").sum())
        title = t("framework.status_title", lang, count=done, total=len(scope))
    else:  # which is most common (a tie says so)
        key = f"framework.{dimension}_title"
        title = text.finding(key, lang, once, "category", "count", and_word=AND, total=len(scope))
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
    many = scope["framework_area_all"].map(len).gt(1) & (len(areas) > 1)
    if dimension == "theme":
        many |= scope["theme_all"].map(len).gt(1)
    if many.any():
        note = "framework.note_theme" if dimension == "theme" else "framework.note_areas"
        st.caption(t(note, lang, count=int(many.sum()), total=len(scope)))


def written(r: object, column: str) -> str:
    """A row's date as it was written: `maj 2018`, `2017`, `2022-05-01`."""
    return i18n.written_date(getattr(r, column), getattr(r, f"{column}_precision"), lang)


def span(r: object) -> str:
    return i18n.written_span(
        r.start_date, r.start_date_precision, r.end_date, r.end_date_precision, lang
    )


# One band per framework area (the main one), in the agreement's order, keeps each area's
# colour from the bars above; the sort is stable, so within a band the order is by start.
everything = len(held)
line_rows = held.sort_values("start_date", kind="stable")
if everything > TIMELINE_MAX:
    # Past a few screenfuls a timeline of single activities is unreadable (and slow to send):
    # show the latest ones; the heading still counts them all.
    line_rows = line_rows.tail(TIMELINE_MAX)
line_rows = line_rows.sort_values("framework_area", key=lambda s: s.map(order), kind="stable")
rows = line_rows["title"].map(lambda s: text.plotly(s if len(s) <= 45 else s[:44] + "…"))
repeated = rows.duplicated(keep=False)  # same title twice: tell the rows apart by the id
rows[repeated] = rows[repeated] + " (" + line_rows["activity_id"][repeated] + ")"
spans = [span(r) for r in line_rows.itertuples()]
begins = [written(r, "start_date") for r in line_rows.itertuples()]
ends = [
    written(r, "end_date") if pd.notna(r.end_date) else b
    for r, b in zip(line_rows.itertuples(), begins, strict=True)
]
line = pd.DataFrame(
    {
        "row": rows,
        "start": line_rows["start_date"],
        "end": line_rows["span_end"],  # "2017" runs to the end of 2017, as written
        "area": line_rows["framework_area"].map(areas),
        "hover": [
            f"{text.plotly(h)}<br>{text.plotly(s)}"
            for h, s in zip(line_rows["title"], spans, strict=True)
        ],
    }
)
if len(line_rows):
    # A whole period is read by year, one year by quarter of the starts in that year (a start
    # known only by its year has no quarter).
    if f.year is None:
        when = held["start_date"].dt.year
    else:
        this_year = held[
            (held["start_date"].dt.year == f.year) & (held["start_date_precision"] != "year")
        ]
        when = this_year["start_date"].dt.quarter
    starts = when.value_counts().sort_index().rename_axis("when").reset_index()
    key = "framework.timeline_title_" + ("year" if f.year is None else "quarter")
    if starts.empty:
        title = t("framework.timeline_title_empty", lang)
    else:
        title = text.finding(key, lang, starts, "when", "count", and_word=AND, total=everything)
    alt = t(
        "framework.timeline_alt",
        lang,
        total=len(line_rows),
        first=begins[int(line_rows["start_date"].to_numpy().argmin())],
        last=ends[int(line_rows["span_end"].to_numpy().argmax())],
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
            t("framework.col_title", lang): line_rows["title"],
            col_area: line["area"],
            t("framework.col_start", lang): begins,
            t("framework.col_end", lang): ends,
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
    words += " " + activities["results"] + " " + activities["lead_name"].fillna("")
    found = activities[words.str.casefold().str.contains(query.strip().casefold(), regex=False)]
st.caption(t("framework.list_count", lang, shown=len(found), total=len(activities)))
if len(found) > LIST_MAX:
    st.caption(t("framework.list_capped", lang, shown=LIST_MAX))
    found = found.head(LIST_MAX)
if found.empty:
    st.info(t("framework.list_empty" if len(activities) else "framework.empty", lang))
    st.stop()

places = {
    **ref.PLACES,
    **{code: ref.Label(name, name) for code, name in ref.MUNICIPALITY_CODES.items()},
}


def names(values: object, labels: dict[str, ref.Label]) -> str:
    """Every key a list cell names, as words, in the order given (the main one first)."""
    if not hasattr(values, "__len__") or isinstance(values, str):
        return ""
    return ", ".join(i18n.label(labels, v, lang) for v in values)


def lead(r: object) -> str:
    if r.lead == "external" and isinstance(r.lead_name, str):
        return t("framework.external_lead", lang, name=r.lead_name)
    return i18n.label(ref.LEADS, r.lead, lang)


def reported(value: object, approx: object, blank: str = "") -> str:
    """A count as reported (`ca 250`); `blank` when none was given (the formatter takes
    None, not pandas' NA)."""
    return blank if pd.isna(value) else i18n.count(value, approx, lang)


listed = pd.DataFrame(
    {
        "framework.col_title": found["title"],
        "filter.area": [names(v, ref.FRAMEWORK_AREAS) for v in found["framework_area_all"]],
        "filter.theme": [names(v, ref.THEMES) for v in found["theme_all"]],
        "framework.col_when": [span(r) for r in found.itertuples()],
        "framework.col_status": [i18n.label(ref.STATUSES, v, lang) for v in found["status"]],
        "framework.col_level": [i18n.label(ref.LEVELS, v, lang) for v in found["level"]],
        "framework.col_lead": [lead(r) for r in found.itertuples()],
        "framework.col_party_role": [
            i18n.label(ref.PARTY_ROLES, v, lang) if isinstance(v, str) else ""
            for v in found["party_role"]
        ],
        "filter.municipality": [names(v, places) for v in found["municipality_all"]],
        "framework.col_participants": [
            reported(v, a, i18n.not_reported(lang))  # unknown, never 0
            for v, a in zip(found["participants"], found["participants_approx"], strict=True)
        ],
        "framework.col_visitors": [
            reported(v, a) for v, a in zip(found["visitors"], found["visitors_approx"], strict=True)
        ],
        "framework.col_smes": [
            reported(v, a)
            for v, a in zip(found["smes_count"], found["smes_count_approx"], strict=True)
        ],
        "framework.col_sdg11": found["sdg11_targets"],
        "framework.col_other_sdgs": found["other_sdgs"],
        "framework.col_partners": found["partners"],
        "framework.col_description": found["description"],
        "framework.col_results": found["results"],
        # The one value from a file that may be a live link: checked as http(s) on import.
        "framework.col_url": [
            u if isinstance(u, str) and u.lower().startswith(("http://", "https://")) else None
            for u in found["url"]
        ],
    }
)
st.dataframe(
    listed.rename(columns=lambda key: t(key, lang)),
    hide_index=True,
    key="framework-list",
    column_config={t("framework.col_url", lang): st.column_config.LinkColumn()},
)
st.caption(t("framework.list_main_first", lang))
