"""Översikt / Overview: how the work is doing against what was promised, at a glance.

The cards are the meeting outputs' headline (`reports.builders.HEADLINE`), in the same order,
so a page and its slide cannot disagree on what the key figures are.
"""

from __future__ import annotations

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.commentary import OVERALL
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import common, words
from uccn_data.pages.model import Block, Cards, Chart, Heading, Page, Text
from uccn_data.pages.words import t
from uccn_data.privacy import mask_frame
from uccn_data.reports.builders import HEADLINE
from uccn_data.reports.texts import stockholm_time


def scope(f: Filters, lang: str) -> str:
    """`avtalsperioden 2021-2024` or `2023 i avtalsperioden 2021-2024`, for Markdown: a
    period's id is the coordinator's (`www.example.se` and `__x__` are valid ids)."""
    period = words.markdown(f.period)
    if f.year is None:
        return t("overview.scope_period", lang, period=period)
    return t("overview.scope_year", lang, year=f.year, period=period)


def intro(f: Filters, lang: str) -> list[Block]:
    """The heading and the lead: all a page shows before there is a store."""
    return [
        Heading(t("overview.heading", lang), 1),
        Text(t("overview.lead", lang, scope=scope(f, lang))),
    ]


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page for the filters, in `lang`."""
    figures = kpis.headline(conn, f).set_index("kpi")
    previous = None
    before = f.previous_year()
    if before is not None and before.year is not None and before.year >= int(f.period[:4]):
        previous = kpis.kpi_values(conn, before)
    activity = kpis.activity_summary(conn, f).iloc[0]
    blocks = intro(f, lang)
    blocks.append(common.finality(conn, f, lang))
    blocks.append(common.how_current(conn, f, lang))
    if not figures.loc["activities", "value"]:
        blocks.append(Text(t("overview.empty", lang), "info"))
    notes = common.completeness_notes(conn, f, lang)
    cards = [
        common.kpi_card(
            key,
            figures.loc[key],
            lang,
            None if previous is None else previous.get(key),
            notes.get(key),
        )
        for key in HEADLINE
    ]
    # A comment on a headline figure sits under its card; the one on the whole, below them all.
    blocks += common.cards_with_commentary(conn, f, Cards(cards, per_row=4), HEADLINE, lang)
    blocks += common.commentary(conn, f, OVERALL, lang)
    blocks.append(Text(common.activity_facts(activity, lang)))
    blocks.append(trend(conn, f, lang))
    if several := common.several_areas_note(activity, lang):
        # The chart counts an activity in each area; the card counts it once.
        blocks.append(Text(several, "caption"))
    found = mask_frame(kpis.outcomes_list(conn, f))  # titles and partners are free text
    blocks += common.outcomes(found, kpis.outcomes_by_kind(conn, f), lang, key="overview-outcomes")
    last = kpis.last_import_at(conn)
    if last is not None:
        blocks.append(Text(t("overview.last_import", lang, when=stockholm_time(last)), "caption"))
    return Page(blocks)


def trend(conn: Connection, f: Filters, lang: str) -> Chart:
    """Activities per year and framework area, titled by the area with the most."""
    data = kpis.activities_by_year(conn, f)
    if len(data):
        # No row is no activity that year: a known 0 in the chart and its table, not a gap.
        years = range(int(data["year"].min()), int(data["year"].max()) + 1)
        grid = pd.MultiIndex.from_product(
            [years, data["framework_area"].unique()], names=["year", "framework_area"]
        )
        data = (
            data.set_index(["year", "framework_area"])
            .reindex(grid, fill_value=0)
            .reset_index()
            .sort_values(["year", "framework_area"], ignore_index=True)[list(data.columns)]
        )
    data = data.copy()
    data["framework_area"] = [
        words.label(ref.FRAMEWORK_AREAS, a, lang) for a in data["framework_area"]
    ]
    if len(data):
        totals = data.groupby("framework_area")["activities"].sum().sort_values(ascending=False)
        title = t("overview.trend_title", lang, area=totals.index[0], count=int(totals.iloc[0]))
    else:
        title = t("overview.trend_title_empty", lang)
    alt = "; ".join(
        f"{area}: " + ", ".join(f"{int(r.year)} {int(r.activities)}" for r in words.rows(part))
        for area, part in data.groupby("framework_area", sort=False)
    )
    return Chart(
        key="overview-trend",
        title=title,
        kind="lines",
        data=data,
        options={
            "x": "year",
            "y": "activities",
            "series": "framework_area",
            "value_title": t("overview.col_activities", lang),
        },
        alt=t("overview.trend_alt", lang) + " " + alt,
        table=data.rename(
            columns={
                "year": t("overview.col_year", lang),
                "framework_area": t("filter.area", lang),
                "activities": t("overview.col_activities", lang),
            }
        ),
    )
