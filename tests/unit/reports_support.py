"""Shared by the report tests: the demo store built once per session, the figures each screen
should show computed straight from the KPI functions, and a search for leaked personal numbers."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reports import texts
from uccn_data.reports.texts import t
from uccn_data.store import Store

AS_OF = date(2026, 11, 12)  # the demo's own "today", so progress never depends on the clock
SINCE = date(2026, 9, 1)
HEADLINE_KEYS = (
    "activities", "smes_reached", "exchanges", "partner_cities", "ostersund_spending_sek",
    "external_funding_sek", "leverage_ratio", "staff_share_ostersund", "staff_share_region",
    "sdg11_aligned_share",
)  # fmt: skip
_BUILT: dict[str, Store] = {}


def shared_demo(factory: pytest.TempPathFactory) -> Store:
    """The demo store, built once for every report test module in the session (read only)."""
    if "demo" not in _BUILT:
        from uccn_data.demo import build_demo

        store = Store(factory.mktemp("reports-demo") / "demo.duckdb")
        build_demo(store)
        _BUILT["demo"] = store
    return _BUILT["demo"]


def shared_empty(factory: pytest.TempPathFactory) -> Store:
    """A store that exists but holds nothing yet."""
    if "empty" not in _BUILT:
        store = Store(factory.mktemp("reports-empty") / "empty.duckdb")
        store.initialise()
        _BUILT["empty"] = store
    return _BUILT["empty"]


# --- what each screen should show, straight from kpis ---------------------------------------


def expected_chart(conn: kpis.Connection, key: str, f: kpis.Filters) -> list[list[float]]:
    """The values of each series of a screen's chart, from the KPI breakdowns."""
    if key == "headline":
        rows = kpis.headline(conn, f, AS_OF)
        rows = rows[rows["status"].notna() & (rows["expected"] > 0)]
        return [
            [
                float(round(v / e * 100))
                for v, e in zip(rows["value"], rows["expected"], strict=True)
            ]
        ]
    if key.startswith("area:"):
        area = key.split(":")[1]
        by = kpis.activities_by_area(conn, kpis.Filters(f.period, f.year, area), "status")
        # (v2) The breakdown holds every area its activities name: this screen is one.
        by = by[by["framework_area"] == area]
        counts = dict(zip(by["category"], by["activities"], strict=True))
        return [[float(counts.get(s, 0)) for s in ref.STATUSES]]
    if key == "smes":
        return [[float(n) for n in kpis.smes_by_municipality(conn, f)["smes"]]]
    if key == "exchanges":
        return [[float(n) for n in kpis.exchanges_by(conn, f, "year")["exchanges"]]]
    if key == "budget":
        money = kpis.money_by_year(conn, f)
        columns = ["ostersund_sek", "commitment_sek", "external_sek", "budget_sek"]
        if not kpis.period(conn, f.period).has_commitments:
            columns.remove("commitment_sek")
        # Unknown stays unknown in a chart: a gap, never a bar of 0.
        return [[None if pd.isna(v) else float(v) for v in money[c]] for c in columns]
    if key == "outcomes":
        return [[float(n) for n in kpis.outcomes_by_kind(conn, f)["outcomes"]]]
    if key == "sdg11":
        per = kpis.sdg11_coverage(conn, f).groupby("target")["activities"].sum()
        return [[float(per.get(c, 0)) for c in ref.SDG11_CODES]]
    if key == "since":
        s = kpis.since_last_meeting(conn, f, SINCE, AS_OF).iloc[0]
        names = ("activities_added", "activities_started", "activities_completed", "exchanges")
        return [[float(s[n]) for n in names]]
    raise KeyError(key)


def _name(key: str, lang: str) -> str:
    return KPI_DEFINITIONS[key].name(lang)


def expected_figures(
    conn: kpis.Connection, key: str, f: kpis.Filters, lang: str
) -> list[tuple[str, str]]:
    """The (label, value) key figures of a screen, from the KPI functions."""
    n, money, pct = texts.number, texts.money, texts.percent
    sme = kpis.sme_summary(conn, f).iloc[0]
    # (v2) SMEs reached are listed plus counted; "ca" when a counted number is approximate.
    reached = texts.total(sme["smes_reached"], sme["smes_counted_approx"], lang)
    if key == "headline":
        rows = kpis.headline(conn, f, AS_OF).set_index("kpi")
        found = []
        for k in HEADLINE_KEYS:
            value = texts.figure(k, rows.at[k, "value"], lang)
            if k == "smes_reached":
                value = reached
            if not pd.isna(rows.at[k, "target"]):
                status = rows.at[k, "status"]
                if pd.isna(status):  # a target but no status: no value, or none expected yet
                    status = "no_value" if pd.isna(rows.at[k, "value"]) else "not_yet"
                word = {"on_track": ("i fas", "on track"), "at_risk": ("risk", "at risk"),
                        "behind": ("efter", "behind"),
                        "no_value": ("inget värde ännu", "no value yet"),
                        "not_yet": ("inget väntat ännu", "nothing expected yet"),
                        }[status][lang == "en"]  # fmt: skip
                target = texts.figure(k, rows.at[k, "target"], lang)
                value = (
                    f"{value} (target {target}, {word})"
                    if lang == "en"
                    else f"{value} (mål {target}, {word})"
                )
            found.append((_name(k, lang), value))
        return found
    if key.startswith("area:"):
        area = key.split(":")[1]
        scoped = kpis.Filters(f.period, f.year, area)
        row = kpis.activity_summary(conn, scoped).iloc[0]
        smes = kpis.sme_summary(conn, scoped).iloc[0]
        # (v2) Unknown participants read "not reported"; a sum with estimates reads "ca".
        people = texts.total(
            row["activity_participants"], row["activity_participants_approx"], lang
        )
        return [
            (t("fig.activities", lang), n(row["activities"], lang)),
            (t("fig.completed", lang), n(row["activities_completed"], lang)),
            (t("fig.participants", lang), people),
            (t("fig.sdg11_share", lang), pct(row["sdg11_aligned_share"], lang)),
            (
                t("fig.smes", lang),
                texts.total(smes["smes_reached"], smes["smes_counted_approx"], lang),
            ),
        ]
    values = kpis.kpi_values(conn, f)
    if key in ("smes", "exchanges"):
        keys = {
            "smes": ("smes_reached", "smes_outside_ostersund_share", "smes_repeat"),
            "exchanges": (
                "exchanges", "exchange_participants", "partner_cities", "partner_countries",
                "uccn_exchange_share",
            ),
        }[key]  # fmt: skip
        shown = [(_name(k, lang), texts.figure(k, values[k], lang)) for k in keys]
        if key == "smes":
            shown[0] = (shown[0][0], reached)
        else:
            s = kpis.exchange_summary(conn, f).iloc[0]
            people = texts.total(
                s["exchange_participants"], s["exchange_participants_approx"], lang
            )
            shown[1] = (shown[1][0], people)
        return shown
    if key == "budget":
        s = kpis.money_summary(conn, f).iloc[0]
        share = [(t("budget.share", lang), pct(s["share_of_commitment"], lang))]
        if not kpis.period(conn, f.period).has_commitments:
            share = []  # a reporting window has no commitment to measure against
        return [
            (_name("ostersund_spending_sek", lang), money(values["ostersund_spending_sek"], lang)),
            *share,
            (_name("external_funding_sek", lang), money(values["external_funding_sek"], lang)),
            (_name("leverage_ratio", lang), texts.ratio(values["leverage_ratio"], lang)),
            (t("fig.budget", lang), money(s["budget_sek"], lang)),
        ]
    if key == "outcomes":
        by_kind = kpis.outcomes_by_kind(conn, f)
        return [(t("outcomes.total", lang), n(int(by_kind["outcomes"].sum()), lang))] + [
            (ref.OUTCOME_KINDS[k](lang), n(c, lang))
            for k, c in zip(by_kind["kind"], by_kind["outcomes"], strict=True)
            if c
        ]
    if key == "sdg11":
        s = kpis.activity_summary(conn, f).iloc[0]
        return [
            (_name("sdg11_aligned_share", lang), pct(values["sdg11_aligned_share"], lang)),
            (t("sdg11.aligned", lang), n(s["sdg11_aligned"], lang)),
            (_name("sdg11_targets_covered", lang), n(values["sdg11_targets_covered"], lang)),
        ]
    if key == "since":
        s = kpis.since_last_meeting(conn, f, SINCE, AS_OF).iloc[0]
        return [
            (t("since.added", lang), n(s["activities_added"], lang)),
            (t("since.started", lang), n(s["activities_started"], lang)),
            (t("since.completed", lang), n(s["activities_completed"], lang)),
            (t("since.exchanges", lang), n(s["exchanges"], lang)),
            (t("since.ostersund", lang), money(s["ostersund_sek"], lang)),
            (t("since.region", lang), money(s["region_sek"], lang)),
            (t("since.external", lang), money(s["external_sek"], lang)),
        ]
    raise KeyError(key)


def screen_keys(since: bool = True) -> list[str]:
    keys = ["headline", *(f"area:{a}" for a in ref.FRAMEWORK_AREAS)]
    keys += ["smes", "exchanges", "budget", "sdg11", "outcomes"]
    return ["since", *keys] if since else keys


# --- personal data ------------------------------------------------------------------------


def sole_trader_numbers(store: Store) -> set[str]:
    """The sole traders' organisation numbers (personal identity numbers) in the store."""
    numbers = store.table("sme_participation")["org_number"].to_pylist()
    return {n for n in numbers if len(n) == 10 and n[2] in "01"}


def leaks(text: str, numbers: set[str]) -> list[str]:
    """The numbers that appear in full in `text`, with or without the hyphen."""
    digits = re.sub(r"(\d{6})-(\d{4})", r"\1\2", text)
    return sorted(n for n in numbers if n in digits)


def office_text(data: bytes) -> str:
    """Every XML part of a .pptx/.docx/.xlsx, embedded workbooks included, as one text."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.endswith((".xlsx", ".xlsm")):
                parts.append(office_text(content))
            elif name.endswith((".xml", ".rels")):
                parts.append(content.decode("utf-8", errors="replace"))
    return "\n".join(parts)


# --- a small hand-made record in contract version 2 -----------------------------------------

WINDOW = "2016-2020"
V2_ROWS: dict[str, list[list[str]]] = {
    "activities": [
        ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "slutdatum", "nivå",
         "ansvarig", "ansvarig_namn", "parternas_roll", "kommun", "deltagare", "besokare",
         "antal_foretag", "partner", "status"],
        ["A1", "Skördefest på Jamtli", "Kompetensutveckling; Information och marknadsföring",
         "Mat; Turism", "2022-05", "", "regional", "extern", "Jamtli", "medarrangör", "Östersund",
         "ca 250", "över 4 000", "minst 20", "", "genomförd"],
        ["A2", "Studieresa till Parma", "Kompetensutveckling", "Mat", "2023-09-10", "2023-09-13",
         "internationell", "region", "", "", "abroad", "8", "", "", "Parma; Team Sweden",
         "genomförd"],
        ["A3", "Länsturné om UCCN", "Information och marknadsföring", "Mat", "2022", "",
         "regional", "gemensam", "", "", "county", "över 100", "", "", "", "genomförd"],
        ["A4", "Projekt om hållbar matturism", "Strategisk utveckling", "Hållbar utveckling",
         "2021-03-01", "2023-12-31", "regional", "östersund", "", "", "Åre", "", "", "", "",
         "genomförd"],
        ["A5", "Nätverksmöte om fjällmat", "Strategisk utveckling", "Mat", "2018-05", "",
         "internationell", "gemensam", "", "", "Östersund", "ca 40", "", "", "", "genomförd"],
    ],
    "exchanges": [
        ["utbyte_id", "datum", "riktning", "partnertyp", "partnerstad", "land", "deltagare",
         "antal_stader"],
        ["E1", "2023-09-10", "utresande", "stad", "Parma", "IT", "8", ""],
        ["E2", "2022-06", "digital", "stad", "Gotham", "US", "ca 30", ""],
        ["E3", "2022-10", "utresande", "nätverk", "UCCN Annual Conference", "", "3", "ca 100"],
    ],
    "spending": [
        ["post_id", "datum", "belopp", "typ", "finansiar", "finansiar_namn", "kategori"],
        ["S1", "2022-03-01", "100 000", "", "östersund", "", "projekt"],
        ["S2", "2022", "250 000", "budget", "eu", "Interreg", "projekt"],
        ["S3", "2023-05-01", "", "", "stat", "Tillväxtverket", "projekt"],
        ["S4", "2022-04-01", "80 000", "", "extern", "Stiftelse", "projekt"],
    ],
    "outcomes": [
        ["resultat_id", "typ", "titel", "datum", "slutdatum", "partner", "lank"],
        ["R1", "Uppdrag i nätverket", "Ordförande i gastronominätverket", "2014", "2018", "UCCN",
         ""],
        ["R2", "Utmärkelse", "Pris <b>för</b> skördefesten", "2022-11", "", "Jamtli",
         "https://example.org/pris"],
        ["R3", "Avtal", "Avsiktsförklaring med Parma", "", "", "Parma", ""],
    ],
}  # fmt: skip


def v2_store(folder: Path) -> Store:
    """A store holding the small v2 record above and a reporting window 2016–2020 (no staff
    time, so staff shares are unknown), imported as a coordinator's files are."""
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file

    store = Store(folder / "v2.duckdb")
    store.initialise()
    for table, rows in V2_ROWS.items():
        report = import_file(store, swedish_csv(rows), f"{table}.csv", table, user="test")
        assert report.ok, [(p.row, p.column, p.value, p.message("en")) for p in report.errors]
    store.save_period(
        ref.AgreementPeriod(
            WINDOW, date(2016, 1, 1), date(2020, 12, 31), None, None, False, "", "", "reporting"
        )
    )
    return store
