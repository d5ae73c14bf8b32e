"""The meeting screens, one message each, built from the KPI functions only: what the dashboard's
presentation mode, the slide deck and the printable report all show.

A screen's title states the finding; its table holds the numbers behind its chart, with the
headings people read, so each output can show the chart and the table from the same values.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.commentary import OVERALL, SDG11_SCOPE, Comment, comments_on
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import words
from uccn_data.pages.common import finality
from uccn_data.privacy import mask_personal_numbers
from uccn_data.reports import builders, money_outcomes, texts
from uccn_data.reports.notes import missing
from uccn_data.reports.screen import (
    PALETTE,
    ChartSpec,
    Screen,
    ScreenComment,
    no_chart_text,
    scope_text,
)
from uccn_data.reports.since import since_last_meeting
from uccn_data.reports.texts import t
from uccn_data.tables import TABLES

__all__ = [
    "PALETTE",
    "ChartSpec",
    "Screen",
    "ScreenComment",
    "format_table",
    "has_data",
    "is_window",
    "no_chart_text",
    "reading_notes",
    "scope_text",
    "screens",
    "sources",
]


# Screen key -> the comments (their scopes) it shows beside its figures. Each comment is on one
# screen only: a key figure's on the screen of its topic, the headline's other figures (those
# with no screen of their own, such as staff time) on the headline with the overall comment.
_TOPICS: dict[str, tuple[str, ...]] = {
    **{f"area:{area}": (area,) for area in ref.FRAMEWORK_AREAS},
    "smes": ("smes_reached", "smes_outside_ostersund_share", "smes_repeat"),
    "exchanges": (
        "exchanges",
        "exchange_participants",
        "partner_cities",
        "partner_countries",
        "uccn_exchange_share",
    ),
    "budget": ("ostersund_spending_sek", "external_funding_sek", "leverage_ratio"),
    "sdg11": (SDG11_SCOPE, "sdg11_aligned_share", "sdg11_targets_covered"),
}
COMMENTED: dict[str, tuple[str, ...]] = {
    "headline": (
        OVERALL,
        *(k for k in builders.HEADLINE if not any(k in s for s in _TOPICS.values())),
    ),
    **_TOPICS,
}


def has_data(conn: Connection) -> bool:
    """Whether anything at all has been imported (an empty store gets 'no data yet')."""
    return bool(kpis.table_rows(conn)["row_count"].sum())


def sources(conn: Connection, lang: str) -> list[tuple[str, list[str]]]:
    """Where every figure comes from, as (heading, lines): the KPI functions, each table's
    rows and latest import, and the reference data the package ships."""
    rows = kpis.table_rows(conn)
    tables = [
        t(
            "sources.table_line",
            lang,
            table=f"{TABLES[str(r.table_name)].label(lang)} ({r.table_name})",
            rows=texts.number(r.row_count, lang),
            when=texts.moment(r.last_import_at, lang),
        )
        for r in rows.itertuples()
    ]
    latest = rows["last_import_at"].max() if len(rows) else None
    # The UCCN list's own source line (its first note: who published it, read when).
    uccn = ref.uccn_source().splitlines()[0].removeprefix("source: ")
    return [
        (
            t("sources.kpis", lang),
            [t("sources.last_import", lang, when=texts.moment(latest, lang))],
        ),
        (t("sources.tables", lang), tables),
        (
            t("sources.reference", lang),
            [*t("sources.reference_lines", lang).split("|"), t("sources.uccn", lang, source=uccn)],
        ),
    ]


def is_window(conn: Connection, f: Filters) -> bool:
    """(v2) Whether the chosen period is a reporting window: no commitments, no status."""
    return not kpis.period(conn, f.period).has_commitments


def reading_notes(lang: str) -> list[str]:
    """How to read every output's figures: unknown is not zero, approximate counts."""
    return [t("report.unknown", lang), t("report.approximate", lang)]


def screens(
    conn: Connection,
    filters: Filters,
    lang: str,
    since: date | None = None,
    *,
    as_of: date | None = None,
) -> list[Screen]:
    """The meeting screens for the filters: what is new since `since` (when given, first,
    so a presenter opens with it), the headline, each framework activity, SMEs, exchanges,
    budget, SDG 11 and (v2) the outcomes. `as_of` (default today) is the day progress is
    measured at. A reporting window's screens have no targets and no status."""
    window = is_window(conn, filters)
    scope = scope_text(filters, lang, window=window)
    result: list[Screen] = []
    if since is not None:
        result.append(since_last_meeting(conn, filters, lang, since, as_of))
    result.append(
        builders.headline(conn, filters, lang, scope, as_of, has_data(conn), window=window)
    )
    for area in ref.FRAMEWORK_AREAS:
        if filters.framework_area in (None, area):
            result.append(builders.area(conn, filters, lang, scope, area))
    result += [
        builders.smes(conn, filters, lang, scope),
        builders.exchanges(conn, filters, lang, scope),
        money_outcomes.budget(conn, filters, lang, scope, as_of, window=window),
        builders.sdg11(conn, filters, lang, scope),
        money_outcomes.outcomes(conn, filters, lang, scope),
    ]
    # Whether the figures are final (closed years), on every screen as on every page.
    final = finality(conn, filters, lang).text
    said = {c.scope: c for c in comments_on(conn, filters.period, filters.year)}
    return [
        replace(s, notes=[*s.notes, final], comments=screen_comments(said, s.key, lang))
        for s in result
    ]


def screen_comments(said: dict[str, Comment], key: str, lang: str) -> list[ScreenComment]:
    """The comments a screen shows (`COMMENTED`), from `said` (scope -> `commentary.Comment`
    for the screens' period and year), in the screen's order of its figures. A comment on a
    key figure names it; the text is as written, with a personal identity number masked
    (the outputs are shared outside the team)."""
    found = []
    for scope in COMMENTED.get(key, ()):
        comment = said.get(scope)
        if comment is None:
            continue
        heading = words.t("commentary.heading", lang)
        if scope in KPI_DEFINITIONS:
            name = KPI_DEFINITIONS[scope].name(lang)
            heading = words.t("commentary.on_figure", lang, figure=name)
        note = "" if comment.translated(lang) else words.t("commentary.swedish_only", lang)
        found.append(ScreenComment(heading, mask_personal_numbers(comment.text(lang)), note))
    return found


def format_table(screen: Screen, lang: str) -> pd.DataFrame:
    """The screen's table as text in the reader's language (`12 500 kr` / `SEK 12,500`)."""
    shown = {}
    for column in screen.table.columns:
        unit = screen.units.get(str(column))
        shown[column] = [_cell(v, unit, lang) for v in screen.table[column]]
    return pd.DataFrame(shown, columns=screen.table.columns)


def _cell(value: Any, unit: str | None, lang: str) -> str:
    """A number in its unit; (v2) a missing number reads "not reported", never blank or 0.
    Text the builder has already written (`ca 250`) is kept as it is."""
    if isinstance(value, str):
        return value
    if missing(value):
        return texts.not_reported(lang) if unit is not None else ""
    if unit == "date":
        return texts.day(value, lang)
    if unit is not None and isinstance(value, (int, float)):
        return texts.by_unit(unit, float(value), lang)
    return str(value)
