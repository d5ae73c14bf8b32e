"""One function per meeting screen, each built from the KPI functions only: the headline, a
framework activity, SMEs, exchanges, budget, SDG 11 and what is new since the last meeting.

Each returns a finished `Screen` in one language; an empty scope gets a "none yet" title and no
chart rather than an error, so a fresh store still makes a whole deck.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import texts
from uccn_data.reports.screen import ChartSpec, Screen, chart_alt
from uccn_data.reports.texts import t

# The key figures the Overview page shows, in its order: the headline screen shows the same.
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
STATUS_ORDER = tuple(ref.STATUSES)


def _value(frame: pd.DataFrame, column: str) -> float | None:
    value = frame[column].iloc[0] if len(frame) else None
    return None if value is None or pd.isna(value) else float(value)


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def headline(
    conn: Connection, f: Filters, lang: str, scope: str, as_of: date | None, data: bool
) -> Screen:
    rows: dict[str, dict[Any, Any]] = {
        str(r["kpi"]): r for r in kpis.headline(conn, f, as_of).to_dict("records")
    }
    figures: list[tuple[str, str]] = []
    for key in HEADLINE:
        r = rows[key]
        value = texts.figure(key, r["value"], lang)
        if _number(r["target"]) is not None:
            status = r["status"] if isinstance(r["status"], str) else None
            if status is None:  # a target, but no value yet or nothing expected yet
                status = "no_value" if _number(r["value"]) is None else "not_yet"
            value = t(
                "headline.figure",
                lang,
                value=value,
                target=texts.figure(key, r["target"], lang),
                status=t(f"status.{status}", lang),
            )
        figures.append((KPI_DEFINITIONS[key].name(lang), value))
    # Whole per cent: the chart, its labels and the table then show one and the same number.
    reached: dict[str, float | None] = {}
    for key, r in rows.items():
        got, expected = _number(r["value"]), _number(r["expected"])
        if isinstance(r["status"], str) and got is not None and expected:
            reached[key] = float(round(got / expected * 100))

    def written(column: str) -> list[str]:
        return [
            "" if _number(r[column]) is None else texts.figure(k, r[column], lang)
            for k, r in rows.items()
        ]

    statuses = [r["status"] for r in rows.values()]
    table = pd.DataFrame(
        {
            t("col.kpi", lang): [KPI_DEFINITIONS[k].name(lang) for k in rows],
            t("col.value", lang): [texts.figure(k, r["value"], lang) for k, r in rows.items()],
            t("col.target", lang): written("target"),
            t("col.expected", lang): written("expected"),
            t("col.reached", lang): [reached.get(k) for k in rows],
            t("col.status", lang): [
                t(f"status.{s}", lang) if isinstance(s, str) else "" for s in statuses
            ],
        }
    )
    units = {t("col.reached", lang): "points"}
    name = t("headline.name", lang)
    subtitle = t("headline.subtitle", lang, scope=scope)
    if not data:
        subtitle = f"{subtitle} {t('report.no_data', lang)}"
    if not data or not reached:
        return Screen("headline", name, name, subtitle, figures, table, None, "", units)
    names = [KPI_DEFINITIONS[k].name(lang) for k in reached]
    chart = ChartSpec("bar", names, {t("headline.series", lang): list(reached.values())}, "points")
    on_track = sum(1 for k in reached if rows[k]["status"] == "on_track")
    title = t("headline.title", lang, on_track=on_track, with_target=len(reached))
    alt = chart_alt(t("headline.alt", lang), chart, lang)
    return Screen("headline", name, title, subtitle, figures, table, chart, alt, units)


def area(conn: Connection, f: Filters, lang: str, scope: str, area: str, row: Any) -> Screen:
    name = ref.FRAMEWORK_AREAS[area](lang)
    scoped = replace(f, framework_area=area)
    by_status = kpis.activities_by_area(conn, scoped, "status").set_index("category")["activities"]
    counts = [int(by_status.get(s, 0)) for s in STATUS_ORDER]
    smes = kpis.sme_summary(conn, scoped)
    figures = [
        (t("fig.activities", lang), texts.number(row.activities, lang)),
        (t("fig.completed", lang), texts.number(row.activities_completed, lang)),
        (t("fig.participants", lang), texts.number(row.participants, lang)),
        (t("fig.sdg11_share", lang), texts.percent(row.sdg11_aligned_share, lang)),
        (t("fig.smes", lang), texts.number(_value(smes, "smes_reached"), lang)),
    ]
    statuses = [ref.STATUSES[s](lang) for s in STATUS_ORDER]
    heading, count = t("col.activity_status", lang), t("col.activities", lang)
    table = pd.DataFrame({heading: statuses, count: counts})
    purpose = t(f"area.purpose.{area}", lang)
    subtitle = t("area.subtitle", lang, purpose=purpose, scope=scope)
    key = f"area:{area}"
    if not sum(counts):
        title = t("area.title_empty", lang, area=name)
        return Screen(key, name, title, subtitle, figures, table, None, "", {count: "count"})
    chart = ChartSpec("bar", statuses, {count: [float(c) for c in counts]})
    title = t(
        "area.title",
        lang,
        area=name,
        completed=texts.number(row.activities_completed, lang),
        total=texts.number(row.activities, lang),
    )
    alt = chart_alt(t("area.alt", lang, area=name), chart, lang)
    return Screen(key, name, title, subtitle, figures, table, chart, alt, {count: "count"})


def _place(code: str, lang: str) -> str:
    if code == ref.OTHER_MUNICIPALITY:
        return t("municipality.other", lang)
    return ref.MUNICIPALITY_CODES.get(code) or t("municipality.unknown", lang)


def smes(conn: Connection, f: Filters, lang: str, scope: str) -> Screen:
    summary = kpis.sme_summary(conn, f)
    keys = ("smes_reached", "smes_outside_ostersund_share", "smes_repeat")
    figures = [
        (KPI_DEFINITIONS[k].name(lang), texts.figure(k, _value(summary, k), lang)) for k in keys
    ]
    by_place = kpis.smes_by_municipality(conn, f)
    places = [_place(str(c), lang) for c in by_place["municipality"]]
    heading, count = t("col.municipality", lang), t("col.smes", lang)
    table = pd.DataFrame({heading: places, count: [int(n) for n in by_place["smes"]]})
    name, subtitle = t("smes.name", lang), t("smes.subtitle", lang, scope=scope)
    total = int(_value(summary, "smes_reached") or 0)
    if not total:
        title = t("smes.title_empty", lang)
        return Screen("smes", name, title, subtitle, figures, table, None, "", {count: "count"})
    chart = ChartSpec("bar", places, {count: [float(n) for n in by_place["smes"]]})
    title = t(
        "smes.title",
        lang,
        share=texts.percent(_value(summary, "smes_outside_ostersund_share"), lang),
        outside=texts.number(_value(summary, "smes_outside_ostersund"), lang),
        total=texts.number(total, lang),
    )
    alt = chart_alt(t("smes.alt", lang), chart, lang)
    return Screen("smes", name, title, subtitle, figures, table, chart, alt, {count: "count"})


def exchanges(conn: Connection, f: Filters, lang: str, scope: str) -> Screen:
    summary = kpis.exchange_summary(conn, f)
    keys = (
        "exchanges",
        "exchange_participants",
        "partner_cities",
        "partner_countries",
        "uccn_exchange_share",
    )
    figures = [
        (KPI_DEFINITIONS[k].name(lang), texts.figure(k, _value(summary, k), lang)) for k in keys
    ]
    by_year = kpis.exchanges_by(conn, f, "year")
    years = [str(y) for y in by_year["category"]]
    year, count, people = t("col.year", lang), t("col.exchanges", lang), t("col.participants", lang)
    table = pd.DataFrame(
        {
            year: years,
            count: [int(n) for n in by_year["exchanges"]],
            people: [int(n) for n in by_year["participants"]],
        }
    )
    units = {count: "count", people: "count"}
    name, subtitle = t("exchanges.name", lang), t("exchanges.subtitle", lang, scope=scope)
    if not _value(summary, "exchanges"):
        title = t("exchanges.title_empty", lang)
        return Screen("exchanges", name, title, subtitle, figures, table, None, "", units)
    chart = ChartSpec("bar", years, {count: [float(n) for n in by_year["exchanges"]]})
    title = t(
        "exchanges.title",
        lang,
        share=texts.percent(_value(summary, "uccn_exchange_share"), lang),
        cities=texts.number(_value(summary, "partner_cities"), lang),
        countries=texts.number(_value(summary, "partner_countries"), lang),
    )
    alt = chart_alt(t("exchanges.alt", lang), chart, lang)
    return Screen("exchanges", name, title, subtitle, figures, table, chart, alt, units)


def budget(conn: Connection, f: Filters, lang: str, scope: str) -> Screen:
    summary = kpis.money_summary(conn, f)
    money = kpis.money_by_year(conn, f)
    share = texts.percent(_value(summary, "share_of_commitment"), lang)
    figures = [
        (KPI_DEFINITIONS["ostersund_spending_sek"].name(lang), texts.money(_value(summary, "ostersund_sek"), lang)),
        (t("budget.share", lang), share),
        (KPI_DEFINITIONS["external_funding_sek"].name(lang), texts.money(_value(summary, "external_sek"), lang)),
        (KPI_DEFINITIONS["leverage_ratio"].name(lang), texts.ratio(_value(summary, "leverage_ratio"), lang)),
    ]  # fmt: skip
    columns = {
        "ostersund_sek": t("col.ostersund", lang),
        "commitment_sek": t("col.commitment", lang),
        "external_sek": t("col.external", lang),
    }
    leverage = t("col.leverage", lang)
    table = pd.DataFrame(
        {
            t("col.year", lang): [str(y) for y in money["year"]],
            **{heading: [float(v) for v in money[c]] for c, heading in columns.items()},
            leverage: [None if pd.isna(v) else float(v) for v in money["leverage_ratio"]],
        }
    )
    units = {**{h: "sek" for h in columns.values()}, leverage: "ratio"}
    name, subtitle = t("budget.name", lang), t("budget.subtitle", lang, scope=scope)
    if not _value(summary, "total_sek"):
        title = t("budget.title_empty", lang)
        return Screen("budget", name, title, subtitle, figures, table, None, "", units)
    years = [str(y) for y in money["year"]]
    series: dict[str, list[float | None]] = {
        h: [float(v) for v in money[c]] for c, h in columns.items()
    }
    chart = ChartSpec("bar", years, series, "sek")
    commitment = texts.money(_value(summary, "commitment_sek"), lang)
    ratio = _value(summary, "leverage_ratio")
    title = (
        t("budget.title", lang, share=share, commitment=commitment, ratio=texts.ratio(ratio, lang))
        if ratio is not None
        else t("budget.title_no_leverage", lang, share=share, commitment=commitment)
    )
    alt = chart_alt(t("budget.alt", lang), chart, lang)
    return Screen("budget", name, title, subtitle, figures, table, chart, alt, units)


def sdg11(conn: Connection, f: Filters, lang: str, scope: str) -> Screen:
    summary = kpis.activity_summary(conn, f)
    figures = [
        (KPI_DEFINITIONS["sdg11_aligned_share"].name(lang), texts.percent(_value(summary, "sdg11_aligned_share"), lang)),
        (t("sdg11.aligned", lang), texts.number(_value(summary, "sdg11_aligned"), lang)),
        (KPI_DEFINITIONS["sdg11_targets_covered"].name(lang), texts.number(_value(summary, "sdg11_targets_covered"), lang)),
    ]  # fmt: skip
    per_target = kpis.sdg11_coverage(conn, f).groupby("target", sort=False)["activities"].sum()
    codes = list(ref.SDG11_CODES)
    counts = [int(per_target.get(c, 0)) for c in codes]
    words = {s.code: (s.en if lang == "en" else s.sv) for s in ref.sdg11_targets()}
    code, text, count = (
        t("col.target_code", lang),
        t("col.target_text", lang),
        t("col.activities", lang),
    )
    table = pd.DataFrame({code: codes, text: [words.get(c, "") for c in codes], count: counts})
    name, subtitle = t("sdg11.name", lang), t("sdg11.subtitle", lang, scope=scope)
    if not _value(summary, "sdg11_aligned"):
        title = t("sdg11.title_empty", lang)
        return Screen("sdg11", name, title, subtitle, figures, table, None, "", {count: "count"})
    chart = ChartSpec("bar", codes, {count: [float(c) for c in counts]})
    title = t(
        "sdg11.title",
        lang,
        covered=texts.number(_value(summary, "sdg11_targets_covered"), lang),
        share=texts.percent(_value(summary, "sdg11_aligned_share"), lang),
    )
    alt = chart_alt(t("sdg11.alt", lang), chart, lang)
    return Screen("sdg11", name, title, subtitle, figures, table, chart, alt, {count: "count"})


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
    details = pd.DataFrame(
        {
            t("col.activity", lang): list(changes["title"]),
            t("col.area", lang): [texts.label(ref.FRAMEWORK_AREAS, a, lang) for a in changes["framework_area"]],
            t("col.what", lang): [t(f"since.change.{c}", lang) for c in changes["change"]],
            t("col.date", lang): [texts.day(d, lang) for d in changes["on_date"]],
        }
    )  # fmt: skip
    name = t("since.name", lang)
    shown = texts.day(since, lang)
    subtitle = t("since.subtitle", lang, since=shown, until=texts.day(until, lang))
    spent = sum(_value(summary, f"{k}_sek") or 0 for k in ("ostersund", "region", "external"))
    if not sum(counts) and not spent:
        title = t("since.title_empty", lang, since=shown)
        return Screen(
            "since", name, title, subtitle, figures, table, None, "", {count: "count"}, details
        )
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
    return Screen(
        "since", name, title, subtitle, figures, table, chart, alt, {count: "count"}, details
    )
