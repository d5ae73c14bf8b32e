"""Ramaktiviteter / Framework activities: the three areas side by side, then each in depth
(by theme, level and status), a timeline, and the searchable list of activities.

An activity counts once in the cards' totals and in every area and theme it names in the bars,
with a note saying so (DATA_CONTRACT v2). Dates read as written ("maj 2018"), counts as
reported ("ca 250"), and a participant count nobody reported as "inga uppgifter", never 0.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import common, words
from uccn_data.pages.model import (
    Block,
    Card,
    Cards,
    Chart,
    Heading,
    Metric,
    Page,
    SearchTable,
    Text,
)
from uccn_data.pages.words import t
from uccn_data.privacy import mask_frame
from uccn_data.reports import texts

# Beyond these the page would send thousands of rows on every run (the whole subnetwork's
# history at scale): the list is searched in full but shows the first LIST_MAX matches.
TIMELINE_MAX = 150
LIST_MAX = 500

# dimension -> its labels, the key of its column heading, the list column naming it
DIMENSIONS = {
    "theme": (ref.THEMES, "filter.theme", "theme_all"),
    "level": (ref.LEVELS, "framework.col_level", "level"),
    "status": (ref.STATUSES, "framework.col_status", "status"),
}
# The agreement's order (areas as in the agreement, statuses from planned to cancelled) reads
# better than counts order, and keeps bars in the same place from filter to filter.
ORDER = {
    key: i for i, key in enumerate([*ref.FRAMEWORK_AREAS, *ref.THEMES, *ref.LEVELS, *ref.STATUSES])
}
PLACES = {
    **ref.PLACES,
    **{code: ref.Label(name, name) for code, name in ref.MUNICIPALITY_CODES.items()},
}


def intro(lang: str) -> list[Block]:
    """The heading and the lead: all a page shows before there is a store."""
    return [Heading(t("framework.heading", lang), 1), Text(t("framework.lead", lang))]


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page for the filters, in `lang`."""
    summary = kpis.framework_summary(conn, f)
    overall = kpis.activity_summary(conn, f).iloc[0]
    areas = {a: words.label(ref.FRAMEWORK_AREAS, a, lang) for a in summary["framework_area"]}
    # Titles, descriptions, partners and results are the coordinators' free text: a personal
    # identity number written there is masked before anything is built from it.
    activities = mask_frame(kpis.activity_list(conn, f))
    held = activities[activities["status"] != "cancelled"]  # cancelled ones never took place

    blocks = intro(lang)
    blocks.append(common.finality(conn, f, lang))
    if not summary["activities"].sum():
        blocks.append(Text(t("framework.empty", lang), "info"))
    blocks += area_cards(conn, f, summary, overall, areas, lang)
    blocks.append(Heading(t("framework.in_depth", lang)))
    for dimension in DIMENSIONS:
        counts = kpis.activities_by_area(conn, f, dimension)
        blocks += by_dimension(dimension, counts, activities, held, areas, lang)
    blocks += timeline(f, held, areas, lang)
    blocks.append(Heading(t("framework.list_heading", lang)))
    blocks.append(activity_list(activities, lang))
    return Page(blocks)


def area_cards(
    conn: Connection,
    f: Filters,
    summary: pd.DataFrame,
    overall: Any,
    areas: dict[str, str],
    lang: str,
) -> list[Block]:
    """One card per framework area with the coordinators' comment on the area under it, and
    notes on what the cards count."""
    cards = []
    for row in summary.itertuples():
        # The area's own summary: its participant sum is unknown when nobody reported any,
        # and says "ca" when it includes approximate counts.
        own = kpis.activity_summary(conn, replace(f, framework_area=str(row.framework_area)))
        participants = texts.total(
            own["activity_participants"].iloc[0], own["activity_participants_approx"].iloc[0], lang
        )
        metrics = [
            Metric(t("framework.activities", lang), texts.number(row.activities, lang)),
            Metric(t("framework.completed", lang), texts.number(row.activities_completed, lang)),
            Metric(t("framework.participants", lang), participants),
            Metric(t("framework.sdg11_share", lang), texts.percent(row.sdg11_aligned_share, lang)),
        ]
        cards.append(Card(metrics, heading=areas[str(row.framework_area)]))
    scopes = [str(a) for a in summary["framework_area"]]
    blocks = common.cards_with_commentary(
        conn, f, Cards(cards, per_row=max(len(cards), 1)), scopes, lang
    )
    total, several = int(overall["activities"]), int(overall["activities_in_several_areas"])
    if several and len(summary) > 1:
        blocks.append(Text(t("framework.cards_note", lang, count=several, total=total), "caption"))
    if int(overall["activities_with_participants"]) < total:
        known = int(overall["activities_with_participants"])
        blocks.append(
            Text(t("framework.participants_note", lang, known=known, total=total), "caption")
        )
    return blocks


def by_dimension(
    dimension: str,
    counts: pd.DataFrame,
    activities: pd.DataFrame,
    held: pd.DataFrame,
    areas: dict[str, str],
    lang: str,
) -> list[Block]:
    """Activities per area and theme, level or status: a bar chart whose title counts each
    activity once, and a note where the bars count one more than once."""
    labels, heading, listed_in = DIMENSIONS[dimension]
    and_word = t("framework.and", lang)
    # Under an area filter, its activities' other areas are not what was asked for.
    counts = counts[counts["framework_area"].isin(list(areas))].sort_values(
        ["framework_area", "category"], key=lambda s: s.map(ORDER), ignore_index=True
    )
    shown = pd.DataFrame(
        {
            "area": counts["framework_area"].map(areas),
            "category": [words.label(labels, c, lang) for c in counts["category"]],
            "activities": counts["activities"],
        }
    )
    scope = activities if dimension == "status" else held
    once = scope[listed_in].explode().value_counts().rename_axis("category").reset_index()
    once["category"] = [words.label(labels, c, lang) for c in once["category"]]
    if scope.empty:
        title = t(f"framework.{dimension}_title_empty", lang)
    elif dimension == "status":  # the finding is how much is done
        done = int((scope["status"] == "completed").sum())
        title = t("framework.status_title", lang, count=done, total=len(scope))
    else:  # which is most common (a tie says so)
        key = f"framework.{dimension}_title"
        title = words.finding(
            key, lang, once, "category", "count", and_word=and_word, total=len(scope)
        )
    alt = "; ".join(
        f"{area}: " + ", ".join(f"{r.category} {r.activities}" for r in words.rows(part))
        for area, part in shown.groupby("area", sort=False)
    )
    col_area, col_activities = t("filter.area", lang), t("framework.col_activities", lang)
    blocks: list[Block] = [
        Chart(
            key=f"framework-by-{dimension}",
            title=title,
            kind="bar",
            data=shown,
            options={
                "category": "category",
                "value": "activities",
                "series": "area",
                "horizontal": True,
                "stacked": False,
            },
            alt=t(f"framework.{dimension}_alt", lang) + " " + alt,
            table=shown.set_axis([col_area, t(heading, lang), col_activities], axis="columns"),
        )
    ]
    many = scope["framework_area_all"].map(len).gt(1) & (len(areas) > 1)
    if dimension == "theme":
        many |= scope["theme_all"].map(len).gt(1)
    if many.any():
        note = "framework.note_theme" if dimension == "theme" else "framework.note_areas"
        blocks.append(Text(t(note, lang, count=int(many.sum()), total=len(scope)), "caption"))
    return blocks


def _written(r: Any, column: str, lang: str) -> str:
    """A row's date as it was written: `maj 2018`, `2017`, `2022-05-01`."""
    return texts.written_date(getattr(r, column), getattr(r, f"{column}_precision"), lang)


def _span(r: Any, lang: str) -> str:
    return texts.written_span(
        r.start_date, r.start_date_precision, r.end_date, r.end_date_precision, lang
    )


def timeline(f: Filters, held: pd.DataFrame, areas: dict[str, str], lang: str) -> list[Block]:
    """The latest activities on a timeline, one band per (main) framework area in the
    agreement's order, so each area keeps its colour from the bars above."""
    and_word = t("framework.and", lang)
    everything = len(held)
    line_rows = held.sort_values("start_date", kind="stable")
    if everything > TIMELINE_MAX:
        # Past a few screenfuls a timeline of single activities is unreadable (and slow to
        # send): show the latest ones; the heading still counts them all.
        line_rows = line_rows.tail(TIMELINE_MAX)
    line_rows = line_rows.sort_values("framework_area", key=lambda s: s.map(ORDER), kind="stable")
    # Titles as written: the SVG drawing escapes every word itself.
    rows = line_rows["title"].map(lambda s: s if len(s) <= 45 else s[:44] + "…")
    repeated = rows.duplicated(keep=False)  # same title twice: tell the rows apart by the id
    rows[repeated] = rows[repeated] + " (" + line_rows["activity_id"][repeated] + ")"
    spans = [_span(r, lang) for r in words.rows(line_rows)]
    begins = [_written(r, "start_date", lang) for r in words.rows(line_rows)]
    ends = [
        _written(r, "end_date", lang) if pd.notna(end) else b
        for r, end, b in zip(line_rows.itertuples(), line_rows["end_date"], begins, strict=True)
    ]
    line = pd.DataFrame(
        {
            "row": rows,
            "start": line_rows["start_date"],
            "end": line_rows["span_end"],  # "2017" runs to the end of 2017, as written
            "area": line_rows["framework_area"].map(areas),
            "hover": [
                f"{h}, {s} ({a})"
                for h, s, a in zip(
                    line_rows["title"],
                    spans,
                    line_rows["framework_area"].map(areas),
                    strict=True,
                )
            ],
        }
    )
    if len(line_rows):
        # A whole period is read by year, one year by quarter of the starts in that year (a
        # start known only by its year has no quarter).
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
            title = words.finding(
                key, lang, starts, "when", "count", and_word=and_word, total=everything
            )
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
    blocks: list[Block] = [
        Chart(
            key="framework-timeline",
            title=title,
            kind="timeline",
            data=line,
            options={
                "start": "start",
                "end": "end",
                "row": "row",
                "series": "area",
                "hover": "hover",
            },
            alt=alt,
            table=pd.DataFrame(
                {
                    t("framework.col_title", lang): line_rows["title"],
                    t("filter.area", lang): line["area"],
                    t("framework.col_start", lang): begins,
                    t("framework.col_end", lang): ends,
                }
            ),
        )
    ]
    if everything > TIMELINE_MAX:
        blocks.append(
            Text(
                t("framework.timeline_latest", lang, shown=TIMELINE_MAX, total=everything),
                "caption",
            )
        )
    return blocks


def activity_list(activities: pd.DataFrame, lang: str) -> SearchTable:
    """Every activity in scope, searchable by title, partners, description, results and lead.
    Lists name their main value first."""

    def names(values: Any, labels: dict[str, ref.Label]) -> str:
        if not hasattr(values, "__len__") or isinstance(values, str):
            return ""
        return ", ".join(words.label(labels, v, lang) for v in values)

    def lead(r: Any) -> str:
        if r.lead == "external" and isinstance(r.lead_name, str):
            return t("framework.external_lead", lang, name=r.lead_name)
        return words.label(ref.LEADS, r.lead, lang)

    def reported(value: Any, approx: Any, blank: str = "") -> str:
        """A count as reported (`ca 250`); `blank` when none was given."""
        return blank if pd.isna(value) else texts.count(value, approx, lang)

    a = activities
    listed = pd.DataFrame(
        {
            "framework.col_title": a["title"],
            "filter.area": [names(v, ref.FRAMEWORK_AREAS) for v in a["framework_area_all"]],
            "filter.theme": [names(v, ref.THEMES) for v in a["theme_all"]],
            "framework.col_when": [_span(r, lang) for r in words.rows(a)],
            "framework.col_status": [words.label(ref.STATUSES, v, lang) for v in a["status"]],
            "framework.col_level": [words.label(ref.LEVELS, v, lang) for v in a["level"]],
            "framework.col_lead": [lead(r) for r in words.rows(a)],
            "framework.col_party_role": [
                words.label(ref.PARTY_ROLES, v, lang) if isinstance(v, str) else ""
                for v in a["party_role"]
            ],
            "filter.municipality": [names(v, PLACES) for v in a["municipality_all"]],
            "framework.col_participants": [
                reported(v, x, texts.not_reported(lang))  # unknown, never 0
                for v, x in zip(a["participants"], a["participants_approx"], strict=True)
            ],
            "framework.col_visitors": [
                reported(v, x) for v, x in zip(a["visitors"], a["visitors_approx"], strict=True)
            ],
            "framework.col_smes": [
                reported(v, x) for v, x in zip(a["smes_count"], a["smes_count_approx"], strict=True)
            ],
            "framework.col_sdg11": a["sdg11_targets"],
            "framework.col_other_sdgs": a["other_sdgs"],
            "framework.col_partners": a["partners"],
            "framework.col_description": a["description"],
            "framework.col_results": a["results"],
            # The one value from a file that may be a live link: checked as http(s) on import.
            "framework.col_url": [
                u if isinstance(u, str) and u.lower().startswith(("http://", "https://")) else None
                for u in a["url"]
            ],
        }
    ).rename(columns=lambda key: t(key, lang))
    haystack = (
        a["title"]
        + " "
        + a["partners"]
        + " "
        + a["description"]
        + " "
        + a["results"]
        + " "
        + a["lead_name"].fillna("")
    ).str.casefold()
    return SearchTable(
        key="framework",
        label=t("framework.search", lang),
        placeholder=t("framework.search_hint", lang),
        frame=listed,
        haystack=haystack.reset_index(drop=True),
        count_text=t("framework.list_count", lang, shown="{shown}", total="{total}"),
        capped_text=t("framework.list_capped", lang, shown="{shown}"),
        no_match=t("framework.list_empty" if len(a) else "framework.empty", lang),
        limit=LIST_MAX,
        links=(t("framework.col_url", lang),),
        after=[t("framework.list_main_first", lang)],
    )
