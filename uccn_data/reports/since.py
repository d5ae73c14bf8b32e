"""The screen a presenter opens with: what is new since the last meeting, whichever agreement
period is chosen, with (v2) each activity's days as they were written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import texts, written
from uccn_data.reports.notes import known
from uccn_data.reports.screen import ChartSpec, Screen, chart_alt
from uccn_data.reports.texts import t


def _value(frame: pd.DataFrame, column: str) -> float | None:
    return known(frame[column].iloc[0]) if len(frame) else None


def since_last_meeting(
    conn: Connection, f: Filters, lang: str, since: date, as_of: date | None
) -> Screen:
    until = as_of or date.today()
    summary = kpis.since_last_meeting(conn, f, since, until)
    changes = kpis.changes_since(conn, f, since, until)
    counted = ("activities_added", "activities_started", "activities_completed", "exchanges")
    words = [t(f"since.{k.removeprefix('activities_')}", lang) for k in counted]
    counts = [int(_value(summary, k) or 0) for k in counted]
    figures = [(w, texts.number(c, lang)) for w, c in zip(words, counts, strict=True)]
    figures += [
        (t(f"since.{funder}", lang), texts.money(_value(summary, f"{funder}_sek"), lang))
        for funder in ("ostersund", "region", "external")
    ]
    what, count = t("col.what", lang), t("col.count", lang)
    table = pd.DataFrame({what: words, count: counts})
    # (v2) A start written "2026-09" is shown so, never as an invented first of September.
    rows = written.precisions(conn, f, since, until) if len(changes) else {}
    details = pd.DataFrame(
        {
            t("col.activity", lang): [written.text(v) for v in changes["title"]],
            t("col.area", lang): [texts.label(ref.FRAMEWORK_AREAS, a, lang) for a in changes["framework_area"]],
            t("col.what", lang): [t(f"since.change.{c}", lang) for c in changes["change"]],
            t("col.date", lang): [
                written.change_day(str(c.change), c.on_date, rows.get(str(c.activity_id)), lang)
                for c in changes.itertuples()
            ],
        }
    )  # fmt: skip
    name = t("since.name", lang)
    shown = texts.day(since, lang)
    subtitle = t("since.subtitle", lang, since=shown, until=texts.day(until, lang))
    spent = sum(_value(summary, f"{k}_sek") or 0 for k in ("ostersund", "region", "external"))
    screen = Screen(
        "since", name, t("since.title_empty", lang, since=shown), subtitle, figures, table,
        None, "", {count: "count"}, details,
    )  # fmt: skip
    if not sum(counts) and not spent:
        return screen
    chart = ChartSpec("bar", words, {count: [float(c) for c in counts]})
    title = t(
        "since.title",
        lang,
        since=shown,
        added=texts.number(counts[0], lang),
        completed=texts.number(counts[2], lang),
        exchanges=texts.number(counts[3], lang),
    )
    alt = chart_alt(t("since.alt", lang), chart, lang)
    return replace(screen, title=title, chart=chart, alt=alt)
