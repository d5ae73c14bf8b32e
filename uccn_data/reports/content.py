"""The meeting screens, one message each, built from the KPI functions only: what the dashboard's
presentation mode, the slide deck and the printable report all show.

A screen's title states the finding; its table holds the numbers behind its chart, with the
headings people read, so each output can show the chart and the table from the same values.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import builders, texts
from uccn_data.reports.screen import PALETTE, ChartSpec, Screen, scope_text
from uccn_data.reports.texts import t
from uccn_data.tables import TABLES

__all__ = [
    "PALETTE",
    "ChartSpec",
    "Screen",
    "format_table",
    "has_data",
    "scope_text",
    "screens",
    "sources",
]


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
    return [
        (
            t("sources.kpis", lang),
            [t("sources.last_import", lang, when=texts.moment(latest, lang))],
        ),
        (t("sources.tables", lang), tables),
        (t("sources.reference", lang), t("sources.reference_lines", lang).split("|")),
    ]


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
    budget and SDG 11. `as_of` (default today) is the day progress is measured at."""
    scope = scope_text(filters, lang)
    result: list[Screen] = []
    if since is not None:
        result.append(builders.since_last_meeting(conn, filters, lang, since, as_of))
    result.append(builders.headline(conn, filters, lang, scope, as_of, has_data(conn)))
    summary = kpis.framework_summary(conn, filters)
    for row in summary.itertuples():
        result.append(builders.area(conn, filters, lang, scope, str(row.framework_area), row))
    result += [
        builders.smes(conn, filters, lang, scope),
        builders.exchanges(conn, filters, lang, scope),
        builders.budget(conn, filters, lang, scope),
        builders.sdg11(conn, filters, lang, scope),
    ]
    return result


def format_table(screen: Screen, lang: str) -> pd.DataFrame:
    """The screen's table as text in the reader's language (`12 500 kr` / `SEK 12,500`)."""
    shown = {}
    for column in screen.table.columns:
        unit = screen.units.get(str(column))
        shown[column] = [_cell(v, unit, lang) for v in screen.table[column]]
    return pd.DataFrame(shown, columns=screen.table.columns)


def _cell(value: Any, unit: str | None, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return ""
    if unit == "date":
        return texts.day(value, lang)
    if unit is not None and isinstance(value, (int, float)):
        return texts.by_unit(unit, float(value), lang)
    return str(value)
