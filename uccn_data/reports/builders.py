"""One function per meeting screen, each built from the KPI functions only: the headline, a
framework activity, SMEs, exchanges, and SDG 11 (budget and outcomes are in `money_outcomes`, what
is new since the last meeting in `since`).

Each returns a finished `Screen` in one language; an empty scope gets a "none yet" title and no
chart rather than an error, so a fresh store still makes a whole deck. (v2) Unknown figures read
"inga uppgifter" / "not reported", approximate ones "ca 250", and a screen's notes say how
complete the figures are and what counts more than once.
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
from uccn_data.reports import notes, texts, written
from uccn_data.reports.notes import known, positive
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
    return known(frame[column].iloc[0]) if len(frame) else None


def smes_reached(summary: pd.DataFrame, lang: str) -> str:
    """SMEs reached (listed + counted), `ca` when a counted number is approximate."""
    return texts.total(
        _value(summary, "smes_reached"), _value(summary, "smes_counted_approx"), lang
    )


def headline(
    conn: Connection,
    f: Filters,
    lang: str,
    scope: str,
    as_of: date | None,
    data: bool,
    *,
    window: bool = False,
) -> Screen:
    rows: dict[str, dict[Any, Any]] = {
        str(r["kpi"]): r for r in kpis.headline(conn, f, as_of).to_dict("records")
    }
    smes = kpis.sme_summary(conn, f)

    def value_text(key: str) -> str:
        if key == "smes_reached":
            return smes_reached(smes, lang)
        return texts.figure(key, rows[key]["value"], lang)

    figures: list[tuple[str, str]] = []
    for key in HEADLINE:
        r = rows[key]
        value = value_text(key)
        if known(r["target"]) is not None:
            status = r["status"] if isinstance(r["status"], str) else None
            if status is None:  # a target, but no value yet or nothing expected yet
                status = "no_value" if known(r["value"]) is None else "not_yet"
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
        got, expected = known(r["value"]), known(r["expected"])
        if isinstance(r["status"], str) and got is not None and expected:
            reached[key] = float(round(got / expected * 100))

    def written_column(column: str) -> list[str]:
        return [
            "" if known(r[column]) is None else texts.figure(k, r[column], lang)
            for k, r in rows.items()
        ]

    statuses = [r["status"] for r in rows.values()]
    table = pd.DataFrame(
        {
            t("col.kpi", lang): [KPI_DEFINITIONS[k].name(lang) for k in rows],
            t("col.value", lang): [value_text(k) for k in rows],
            t("col.target", lang): written_column("target"),
            t("col.expected", lang): written_column("expected"),
            # No status, no share reached: an empty cell, not "not reported".
            t("col.reached", lang): [
                texts.by_unit("points", reached[k], lang) if k in reached else "" for k in rows
            ],
            t("col.status", lang): [
                t(f"status.{s}", lang) if isinstance(s, str) else "" for s in statuses
            ],
        }
    )
    units = {t("col.reached", lang): "points"}
    name = t("headline.name", lang)
    subtitle = t("headline.subtitle_window" if window else "headline.subtitle", lang, scope=scope)
    found_notes = [t("report.window", lang, period=f.period)] if window else []
    if data:
        staff = notes.staff_note(conn, f, lang, as_of)
        found_notes += [staff] if staff else []
        found_notes += notes.activity_notes(kpis.activity_summary(conn, f), lang, in_area=False)
    if not data:
        subtitle = f"{subtitle} {t('report.no_data', lang)}"
    screen = Screen("headline", name, name, subtitle, figures, table, None, "", units)
    screen = replace(screen, notes=found_notes)
    if data and window:
        title = t("headline.title_window", lang, period=f.period)
        return replace(screen, title=title, no_chart=t("report.no_chart_window", lang))
    if not data or not reached:
        return screen
    names = [KPI_DEFINITIONS[k].name(lang) for k in reached]
    chart = ChartSpec("bar", names, {t("headline.series", lang): list(reached.values())}, "points")
    on_track = sum(1 for k in reached if rows[k]["status"] == "on_track")
    title = t("headline.title", lang, on_track=on_track, with_target=len(reached))
    alt = chart_alt(t("headline.alt", lang), chart, lang)
    return replace(screen, title=title, chart=chart, alt=alt)


def area(conn: Connection, f: Filters, lang: str, scope: str, area: str) -> Screen:
    """One framework activity. (v2) An activity that names several areas counts in each: the
    notes say how many do, and the list names the other areas."""
    name = ref.FRAMEWORK_AREAS[area](lang)
    scoped = replace(f, framework_area=area)
    found = kpis.activities_by_area(conn, scoped, "status")
    # The breakdown holds every area of the activities in scope; this screen is one of them.
    by_status = found[found["framework_area"] == area].set_index("category")["activities"]
    counts = [int(by_status.get(s, 0)) for s in STATUS_ORDER]
    summary = kpis.activity_summary(conn, scoped)
    smes = kpis.sme_summary(conn, scoped)
    participants = texts.total(
        _value(summary, "activity_participants"),
        _value(summary, "activity_participants_approx"),
        lang,
    )
    figures = [
        (t("fig.activities", lang), texts.number(_value(summary, "activities"), lang)),
        (t("fig.completed", lang), texts.number(_value(summary, "activities_completed"), lang)),
        (t("fig.participants", lang), participants),
        (t("fig.sdg11_share", lang), texts.percent(_value(summary, "sdg11_aligned_share"), lang)),
        (t("fig.smes", lang), smes_reached(smes, lang)),
    ]
    statuses = [ref.STATUSES[s](lang) for s in STATUS_ORDER]
    heading, count = t("col.activity_status", lang), t("col.activities", lang)
    table = pd.DataFrame({heading: statuses, count: counts})
    purpose = t(f"area.purpose.{area}", lang)
    subtitle = t("area.subtitle", lang, purpose=purpose, scope=scope)
    listed = kpis.activity_list(conn, scoped)
    details = written.activity_details(listed, lang, area) if len(listed) else None
    key = f"area:{area}"
    screen = Screen(
        key, name, "", subtitle, figures, table, None, "", {count: "count"}, details,
        notes.activity_notes(summary, lang, in_area=True),
    )  # fmt: skip
    if not sum(counts):
        return replace(screen, title=t("area.title_empty", lang, area=name))
    chart = ChartSpec("bar", statuses, {count: [float(c) for c in counts]})
    title = t(
        "area.title",
        lang,
        area=name,
        completed=texts.number(_value(summary, "activities_completed"), lang),
        total=texts.number(_value(summary, "activities"), lang),
    )
    alt = chart_alt(t("area.alt", lang, area=name), chart, lang)
    return replace(screen, title=title, chart=chart, alt=alt)


def _place(code: str, lang: str) -> str:
    if code == ref.OTHER_MUNICIPALITY:
        return t("municipality.other", lang)
    return ref.MUNICIPALITY_CODES.get(code) or t("municipality.unknown", lang)


def smes(conn: Connection, f: Filters, lang: str, scope: str) -> Screen:
    """SMEs reached: (v2) those listed by name and those an activity only counts; the chart
    places the listed ones, and a note says how many more were counted."""
    summary = kpis.sme_summary(conn, f)
    keys = ("smes_outside_ostersund_share", "smes_repeat")
    figures = [(KPI_DEFINITIONS["smes_reached"].name(lang), smes_reached(summary, lang))]
    figures += [
        (KPI_DEFINITIONS[k].name(lang), texts.figure(k, _value(summary, k), lang)) for k in keys
    ]
    by_place = kpis.smes_by_municipality(conn, f)
    places = [_place(str(c), lang) for c in by_place["municipality"]]
    heading, count = t("col.municipality", lang), t("col.smes", lang)
    table = pd.DataFrame({heading: places, count: [int(n) for n in by_place["smes"]]})
    name, subtitle = t("smes.name", lang), t("smes.subtitle", lang, scope=scope)
    listed = positive(_value(summary, "smes_listed"))
    counted = _value(summary, "smes_counted")
    found_notes = []
    if counted:
        more = texts.total(counted, _value(summary, "smes_counted_approx"), lang)
        found_notes.append(t("smes.counted", lang, listed=texts.number(listed, lang), counted=more))
    screen = Screen(
        "smes", name, t("smes.title_empty", lang), subtitle, figures, table, None, "",
        {count: "count"}, notes=found_notes,
    )  # fmt: skip
    if not listed:
        if counted:
            return replace(screen, title=t("smes.title_counted", lang, total=figures[0][1]))
        return screen
    chart = ChartSpec("bar", places, {count: [float(n) for n in by_place["smes"]]})
    title = t(
        "smes.title",
        lang,
        share=texts.percent(_value(summary, "smes_outside_ostersund_share"), lang),
        outside=texts.number(_value(summary, "smes_outside_ostersund"), lang),
        total=texts.number(listed, lang),
    )
    alt = chart_alt(t("smes.alt", lang), chart, lang)
    return replace(screen, title=title, chart=chart, alt=alt)


def _participants_by_year(conn: Connection, f: Filters, years: list[str], lang: str) -> list[str]:
    """Participants in each year's exchanges, `ca` when a count is approximate and
    "not reported" when none is known (the breakdown by year would count unknown as 0)."""
    inside = set(kpis.period(conn, f.period).years)
    shown = []
    for year in years:
        if not year.isdigit() or int(year) not in inside:
            shown.append(texts.not_reported(lang))
            continue
        s = kpis.exchange_summary(conn, replace(f, year=int(year)))
        shown.append(
            texts.total(
                _value(s, "exchange_participants"), _value(s, "exchange_participants_approx"), lang
            )
        )
    return shown


def exchanges(conn: Connection, f: Filters, lang: str, scope: str) -> Screen:
    """Exchanges: (v2) a meeting with several partner cities is one exchange; networks,
    regions and organisations are exchanges but not partner cities; a city missing from
    UNESCO's list is of unknown membership, not a non-member."""
    summary = kpis.exchange_summary(conn, f)
    keys = ("exchanges", "exchange_participants", "partner_cities", "partner_countries")
    figures = [
        (KPI_DEFINITIONS[k].name(lang), texts.figure(k, _value(summary, k), lang)) for k in keys
    ]
    figures[1] = (
        figures[1][0],
        texts.total(
            _value(summary, "exchange_participants"),
            _value(summary, "exchange_participants_approx"),
            lang,
        ),
    )
    share = _value(summary, "uccn_exchange_share")
    figures.append((KPI_DEFINITIONS["uccn_exchange_share"].name(lang), texts.percent(share, lang)))
    by_year = kpis.exchanges_by(conn, f, "year")
    years = [str(y) for y in by_year["category"]]
    year, count, people = t("col.year", lang), t("col.exchanges", lang), t("col.participants", lang)
    table = pd.DataFrame(
        {
            year: years,
            count: [int(n) for n in by_year["exchanges"]],
            people: _participants_by_year(conn, f, years, lang),
        }
    )
    units = {count: "count", people: "count"}
    found_notes = []
    if positive(_value(summary, "exchanges_membership_unknown")):
        n = texts.number(_value(summary, "exchanges_membership_unknown"), lang)
        found_notes.append(t("exchanges.unknown", lang, n=n))
    network, other = (
        positive(_value(summary, k)) for k in ("exchanges_network", "exchanges_other_partners")
    )
    if network or other:
        found_notes.append(
            t(
                "exchanges.networks",
                lang,
                network=texts.number(network, lang),
                other=texts.number(other, lang),
            )
        )
    name, subtitle = t("exchanges.name", lang), t("exchanges.subtitle", lang, scope=scope)
    screen = Screen(
        "exchanges", name, t("exchanges.title_empty", lang), subtitle, figures, table, None, "",
        units, notes=found_notes,
    )  # fmt: skip
    if not _value(summary, "exchanges"):
        return screen
    chart = ChartSpec("bar", years, {count: [float(n) for n in by_year["exchanges"]]})
    words = {
        "cities": texts.number(_value(summary, "partner_cities"), lang),
        "countries": texts.number(_value(summary, "partner_countries"), lang),
    }
    if share is None:  # no partner city of known membership: no share to state
        title = t("exchanges.title_no_share", lang, n=figures[0][1], **words)
    else:
        title = t("exchanges.title", lang, share=texts.percent(share, lang), **words)
    alt = chart_alt(t("exchanges.alt", lang), chart, lang)
    return replace(screen, title=title, chart=chart, alt=alt)


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
