"""Key figures under data contract version 2, each against an independent computation on a
small hand-made record: several areas per activity, spans counted by overlap, dates with
precision, approximate counts, listed and counted SMEs, several partner cities per
exchange, unknown membership, money in EUR, budgets apart, unknown amounts, reporting
windows without status, and unknown never shown as zero.
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd
import pytest

from tests.conftest import copy_store
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS

# id, areas, themes, start, end, participants, visitors, smes_count, lead, status
ACTIVITIES = [
    ("B1", "competence_development; strategic_development", "gastronomi; turism", "2018-05", "2021", "", "", "", "gemensam", "genomförd"),
    ("B2", "information_marketing", "kultur", "2022", "", "ca 250", "över 3 000", "minst 20", "extern", "genomförd"),
    ("B3", "strategic_development", "turism", "2023-06-10", "2023-06-12", "12", "", "", "region", "genomförd"),
    ("B4", "competence_development", "gastronomi", "2025", "", "", "", "", "gemensam", "planerad"),
    ("B5", "information_marketing", "kultur", "2022-02-01", "", "40", "", "", "gemensam", "inställd"),
]  # fmt: skip
# id, date, end, partner type, cities, countries, uccn_member
EXCHANGES = [
    ("X1", "2022-05-16", "2022-05-20", "stad", "Parma; Tucson; Jeonju", "IT; US; KR", ""),
    ("X2", "2023-07", "", "nätverk", "UCCN Annual Conference", "", ""),
    ("X3", "2024-09", "", "stad", "Bergen; Trondheim", "Norge", ""),
    ("X4", "2023", "", "stad", "Montréal", "Kanada", ""),
    ("X5", "2021-12-30", "2022-01-02", "stad", "Dénia", "Spanien", ""),
    ("X6", "2024-03", "", "stad", "Trondheim", "NO", ""),
    ("X7", "2024-04-01", "", "stad", "Oslo", "NO", "nej"),
]
# id, date, end, amount, currency, rate, kind, funder
SPENDING = [
    ("M1", "2022-03-15", "", "50 000 kr", "", "", "utfall", "ostersund"),
    ("M2", "2022-05", "", "12 000", "EUR", "10,5", "utfall", "eu"),
    ("M3", "2023", "", "250 tkr", "", "", "utfall", "staten"),
    ("M4", "2025-01", "2026-12", "2,4 MSEK", "", "", "budget", "eu"),
    ("M5", "2023-09", "", "", "", "", "utfall", "annan kommun"),
    ("M6", "2022-01", "2023-12", "240 000", "", "", "utfall", "region"),
]
UCCN = {"Parma", "Tucson", "Jeonju", "Bergen", "Montréal", "Dénia"}  # in UNESCO's list


@pytest.fixture(scope="module")
def record(module_store, module_load):
    """Built once for the module (one import per table): the tests only read it."""
    store, load = module_store, module_load
    load(
        "activities",
        [
            ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "slutdatum", "nivå",
             "ansvarig", "ansvarig_namn", "deltagare", "besokare", "antal_foretag", "status"],
            *[[i, f"Aktivitet {i}", a, t, s, e, "regional", lead, "Eldrimner" if lead == "extern" else "",
               p, v, n, st] for i, a, t, s, e, p, v, n, lead, st in ACTIVITIES],
        ],
    )  # fmt: skip
    load(
        "sme_participation",
        [
            ["aktivitet_id", "organisationsnummer", "foretagsnamn", "kommun", "bransch", "storlek"],
            ["B3", "556677-8899", "Fjällmejeriet AB", "Åre", "livsmedel", "mikro"],
        ],
    )
    load(
        "exchanges",
        [
            ["utbyte_id", "datum", "slutdatum", "riktning", "partnertyp", "partnerstad", "land",
             "uccn_medlem", "antal_stader"],
            *[[i, d, e, "utresande", k, c, n, m, "ca 100" if k == "nätverk" else ""]
              for i, d, e, k, c, n, m in EXCHANGES],
        ],
    )  # fmt: skip
    load(
        "spending",
        [
            ["post_id", "datum", "slutdatum", "belopp", "valuta", "vaxelkurs", "typ", "finansiar",
             "kategori"],
            *[[*row, "projekt"] for row in SPENDING],
        ],
    )  # fmt: skip
    return store


# --- the independent computation -------------------------------------------------------------


def span(start: str, end: str) -> tuple[date, date]:
    """First and last day of a span written with precision, as a person reads it."""

    def first(text: str) -> date:
        parts = [int(p) for p in text.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def last(text: str) -> date:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(*parts)

    return first(start), last(end or start)


def overlaps(start: str, end: str, lo: date, hi: date) -> bool:
    a, b = span(start, end)
    return a <= hi and b >= lo


def expected(lo: date, hi: date) -> dict[str, object]:
    acts = [a for a in ACTIVITIES if a[9] != "inställd" and overlaps(a[3], a[4], lo, hi)]
    per_area: dict[str, int] = {}
    for a in acts:
        for area in a[1].split("; "):
            per_area[area] = per_area.get(area, 0) + 1
    participants = [int(a[5].removeprefix("ca ")) for a in acts if a[5]]
    counted = [int(a[7].removeprefix("minst ")) for a in acts if a[7]]
    listed = 1 if any(a[0] == "B3" for a in acts) else 0
    exch = [e for e in EXCHANGES if overlaps(e[1], e[2], lo, hi)]
    cities = {c for e in exch if e[3] == "stad" for c in e[4].split("; ")}
    with_member = [e for e in exch if e[3] == "stad" and set(e[4].split("; ")) & UCCN]
    known = [e for e in exch if e[3] == "stad" and (e in with_member or e[6] == "nej")]
    rates = {"EUR": 10.5}
    ost = ext = None
    for _, when, end, amount, currency, _rate, kind, funder in SPENDING:
        if kind != "utfall" or not amount or not overlaps(when, end, lo, hi):
            continue
        if end:  # spread evenly over the months of the span
            continue  # (the only spread row is the region's, which no figure here sums)
        number = float(amount.replace(" kr", "").replace(" tkr", "000").replace(" ", ""))
        sek = number * rates.get(currency, 1.0)
        if funder == "ostersund":
            ost = (ost or 0) + sek
        elif funder != "region":
            ext = (ext or 0) + sek
    return {
        "activities": len(acts),
        "per_area": per_area,
        "activity_participants": sum(participants) if participants else None,
        "smes_reached": (listed + sum(counted)) if (listed or counted) else None,
        "exchanges": len(exch),
        "partner_cities": len(cities),
        "uccn_exchange_share": len(with_member) / len(known) if known else None,
        "ostersund_spending_sek": ost,
        "external_funding_sek": ext,
    }


SCOPES = [
    ("2021-2024", kpis.Filters(), date(2021, 1, 1), date(2024, 12, 31)),
    ("2021", kpis.Filters(year=2021), date(2021, 1, 1), date(2021, 12, 31)),
    ("2022", kpis.Filters(year=2022), date(2022, 1, 1), date(2022, 12, 31)),
    ("2023", kpis.Filters(year=2023), date(2023, 1, 1), date(2023, 12, 31)),
    ("2024", kpis.Filters(year=2024), date(2024, 1, 1), date(2024, 12, 31)),
]


@pytest.mark.parametrize(("label", "filters", "lo", "hi"), SCOPES, ids=[s[0] for s in SCOPES])
def test_v2_figures_match_an_independent_computation(record, label, filters, lo, hi):
    want = expected(lo, hi)
    with record.reading() as conn:
        values = kpis.kpi_values(conn, filters)
        summary = kpis.activity_summary(conn, filters).iloc[0]
        areas = kpis.activities_by(conn, filters, "framework_area")
    for key in ("activities", "smes_reached", "exchanges", "partner_cities",
                "uccn_exchange_share", "ostersund_spending_sek", "external_funding_sek"):  # fmt: skip
        if want[key] is None:
            assert values[key] is None, key
        else:
            assert values[key] == pytest.approx(want[key]), key
    got_participants = summary["activity_participants"]
    if want["activity_participants"] is None:
        assert got_participants is None or got_participants != got_participants
    else:
        assert got_participants == want["activity_participants"]
    # An activity counts in every area it names; the total counts it once.
    got_areas = {r.category: r.activities for r in areas.itertuples() if r.category is not None}
    cancelled_in_scope = [
        a for a in ACTIVITIES if a[9] == "inställd" and overlaps(a[3], a[4], lo, hi)
    ]
    if not cancelled_in_scope:  # the breakdown includes cancelled ones, the figures do not
        assert got_areas == want["per_area"]


def test_a_project_started_before_the_period_counts_in_each_year_it_runs(record):
    with record.reading() as conn:
        trend = kpis.activities_by_year(conn, kpis.Filters())
    b1 = trend[trend["year"] == 2021].set_index("framework_area")["activities"].to_dict()
    assert b1 == {"competence_development": 1, "strategic_development": 1}
    assert sorted(trend["year"].unique()) == [2021, 2022, 2023]


def test_money_in_eur_is_converted_and_budgets_are_kept_apart(record, tmp_path):
    record = copy_store(record, tmp_path)  # a period is added: the other tests go without it
    with record.reading() as conn:
        money = kpis.money_by_year(conn, kpis.Filters()).set_index("year")
        renewal_window = ref.AgreementPeriod(
            "2025-2028", date(2025, 1, 1), date(2028, 12, 31), None, None, False, "", "",
            "reporting",
        )  # fmt: skip
    record.save_period(renewal_window)
    with record.reading() as conn:
        later = kpis.money_summary(conn, kpis.Filters(period="2025-2028")).iloc[0]
    assert money.loc[2022, "external_sek"] == pytest.approx(12_000 * 10.5)
    assert money.loc[2023, "external_sek"] == pytest.approx(250_000)
    # The region's 240 000 kr for 2022–2023 is spread over its 24 months.
    assert money.loc[2022, "region_sek"] == pytest.approx(120_000)
    assert money.loc[2023, "region_sek"] == pytest.approx(120_000)
    assert money.loc[2023, "amounts_unknown"] == 1
    assert money["ostersund_sek"].isna().tolist() == [True, False, True, True]
    assert later["budget_sek"] == pytest.approx(2_400_000)
    assert later["external_sek"] is None or later["external_sek"] != later["external_sek"]


def test_partner_cities_and_networks_are_counted_apart(record):
    with record.reading() as conn:
        cities = kpis.exchange_cities(conn, kpis.Filters())
        others = kpis.exchange_partners(conn, kpis.Filters())
    assert set(cities["partner_city"]) == {
        "Parma", "Tucson", "Jeonju", "Bergen", "Trondheim", "Montréal", "Dénia", "Oslo",
    }  # fmt: skip
    trondheim = cities.set_index("partner_city").loc["Trondheim"]
    assert trondheim["exchanges"] == 2
    assert pd.isna(trondheim["uccn_member"])  # not in UNESCO's list: unknown, not "no"
    assert bool(cities.set_index("partner_city").loc["Montréal", "uccn_member"])
    assert others[["partner_type", "partner", "cities_count"]].values.tolist() == [
        ["network", "UCCN Annual Conference", 100]
    ]


def test_a_reporting_window_has_figures_but_no_targets_or_status(record, tmp_path):
    record = copy_store(record, tmp_path)  # a period is added: the other tests go without it
    record.save_period(
        ref.AgreementPeriod(
            "2016-2020",
            date(2016, 1, 1),
            date(2020, 12, 31),
            None,
            None,
            False,
            "",
            "",
            "reporting",
        )
    )
    with record.reading() as conn:
        rows = kpis.headline(conn, kpis.Filters(period="2016-2020"), date(2026, 1, 1))
    values = rows.set_index("kpi")
    assert values.loc["activities", "value"] == 1  # B1, 2018-05 to 2021, overlaps the window
    assert rows["target"].isna().all()
    assert rows["status"].isna().all()


def test_no_spending_rows_means_no_value_and_no_status(store):
    with store.reading() as conn:
        rows = kpis.headline(conn, kpis.Filters(), date(2024, 6, 30)).set_index("kpi")
    for key in ("ostersund_spending_sek", "external_funding_sek", "leverage_ratio"):
        assert rows.loc[key, "value"] is None or rows.loc[key, "value"] != rows.loc[key, "value"]
        assert rows.loc[key, "status"] is None or rows.loc[key, "status"] != rows.loc[key, "status"]
    assert rows.loc["ostersund_spending_sek", "target"] == 400_000  # the promise stands
    assert set(KPI_DEFINITIONS) == set(rows.index)
