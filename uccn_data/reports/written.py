"""(v2) Activities and outcomes as people wrote them: dates with their precision ("maj 2018",
"2017"), counts with their approximation ("ca 250"), every framework area, theme and place an
activity names, and who led it when another organisation did.

Every value here is plain text; some of it comes from uploaded files, so each output escapes
it (HTML) or writes it as text (slides, documents, pages), never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import texts
from uccn_data.reports.notes import missing
from uccn_data.reports.texts import t
from uccn_data.store import period_from_row, sql


def items(value: Any) -> list[str]:
    """A stored list (a list or an array from DuckDB) as strings; nothing for a missing one."""
    if value is None or isinstance(value, str):
        return [value] if isinstance(value, str) and value else []
    try:
        return [str(v) for v in value if not missing(v)]
    except TypeError:
        return [] if missing(value) else [str(value)]


def text(value: Any) -> str:
    """A text cell, empty when missing."""
    return "" if missing(value) else str(value)


def labels(mapping: dict[str, ref.Label], keys: Iterable[str], lang: str) -> str:
    return ", ".join(texts.label(mapping, k, lang) for k in keys)


def place(code: str, lang: str) -> str:
    """A municipality code, `county`, `outside_county` or `abroad` in words."""
    if code in ref.PLACES:
        return ref.PLACES[code](lang)
    if code == ref.OTHER_MUNICIPALITY:
        return t("municipality.other", lang)
    return ref.MUNICIPALITY_CODES.get(code) or code


def when(row: Any, lang: str, start: str = "start_date", end: str = "end_date") -> str:
    """An activity's or outcome's span as written: `maj 2018–2019`, `2023-06-10–2023-06-12`."""
    first = getattr(row, start)
    if missing(first):
        return t("outcomes.undated", lang)
    return texts.written_span(
        first,
        _precision(getattr(row, f"{start}_precision", None)),
        None if missing(getattr(row, end)) else getattr(row, end),
        _precision(getattr(row, f"{end}_precision", None)),
        lang,
    )


def _precision(value: Any) -> str | None:
    return None if missing(value) else str(value)


def participants(row: Any, lang: str) -> str:
    """`ca 250`, `> 250`, `45`, or `inga uppgifter` when the activity reports none."""
    approx = getattr(row, "participants_approx", None)
    return texts.count(row.participants, None if missing(approx) else str(approx), lang)


def lead(row: Any, lang: str) -> str:
    """Who led it: a party, both, or (v2) the other organisation, with the parties' role."""
    if str(row.lead) == "external":
        name = text(getattr(row, "lead_name", None)) or texts.label(ref.LEADS, "external", lang)
        role = getattr(row, "party_role", None)
        if not missing(role):
            return f"{name} ({texts.label(ref.PARTY_ROLES, str(role), lang).lower()})"
        return name
    return texts.label(ref.LEADS, str(row.lead), lang)


def activity_details(listed: pd.DataFrame, lang: str, area: str | None = None) -> pd.DataFrame:
    """The activities as a table to read: title, when, status, participants, who led it and,
    for one framework area, the other areas each one also counts in."""
    columns: dict[str, list[str]] = {
        t("col.activity", lang): [text(r.title) for r in listed.itertuples()],
        t("col.when", lang): [when(r, lang) for r in listed.itertuples()],
        t("col.activity_status", lang): [
            texts.label(ref.STATUSES, str(r.status), lang) for r in listed.itertuples()
        ],
        t("col.participants", lang): [participants(r, lang) for r in listed.itertuples()],
        t("col.lead", lang): [lead(r, lang) for r in listed.itertuples()],
    }
    if area is not None:
        columns[t("col.also_in", lang)] = [
            labels(ref.FRAMEWORK_AREAS, [a for a in items(r.framework_area_all) if a != area], lang)
            for r in listed.itertuples()
        ]
    return pd.DataFrame(columns)


def precisions(conn: Connection, f: Filters, since: date, until: date) -> dict[str, Any]:
    """Activity id -> its row (with date precisions), for activities in any stored period or
    window that overlaps `since`..`until`: the days of "since the last meeting" are shown as
    the activity's dates were written."""
    found: dict[str, Any] = {}
    for period in stored_periods(conn):
        if period.start > until or period.end < since:
            continue
        scoped = Filters(period.period_id, None, f.framework_area, f.theme, f.municipality)
        for r in kpis.activity_list(conn, scoped).itertuples():
            found.setdefault(str(r.activity_id), r)
    return found


def stored_periods(conn: Connection) -> list[ref.AgreementPeriod]:
    """Every agreement period and reporting window in the store, oldest first."""
    return [period_from_row(r) for r in conn.execute(sql("periods.sql")).fetchall()]


def change_day(change: str, on_date: Any, row: Any, lang: str) -> str:
    """The day an activity was added (a real day), started or completed (as written)."""
    if row is None or change == "added":
        return texts.day(on_date, lang)
    if change == "completed" and not missing(row.end_date):
        return texts.written_date(on_date, _precision(row.end_date_precision), lang)
    return texts.written_date(on_date, _precision(row.start_date_precision), lang)


def outcome_line(row: Any, lang: str, *, with_url: bool = False) -> str:
    """`Title (maj 2023; Bergen)`: one outcome as a line of plain text. The UNESCO draft adds
    its web address; the meeting outputs leave it out, because the printed report names no
    other host at all (it is one file, read offline) and a slide cannot follow a link."""
    facts = [when(row, lang, "date", "end_date")]
    partner = text(row.partner)
    if partner:
        facts.append(partner)
    line = f"{text(row.title)} ({'; '.join(facts)})"
    url = text(row.url) if with_url else ""
    return f"{line} {url}" if url else line


def outcomes_by_kind(outcomes: pd.DataFrame, lang: str) -> list[tuple[str, list[str]]]:
    """The outcomes grouped under their kind, kinds in the reference's order."""
    grouped: list[tuple[str, list[str]]] = []
    for kind, label in ref.OUTCOME_KINDS.items():
        rows = outcomes[outcomes["kind"] == kind]
        if len(rows):
            grouped.append((label(lang), [outcome_line(r, lang) for r in rows.itertuples()]))
    return grouped
