"""The Budget page as data (`uccn_data.pages.budget`), on a small hand-made record: the cards
and how complete they say the money is, the findings in the chart titles, the alt texts, the
tables, unknown amounts (never 0 kr), budgets beside the money spent (never added), and a
reporting window without a commitment, in both languages, without a browser.

The expected figures are summed here from the rows below, never read back from the store.
"""

from __future__ import annotations

import re
from datetime import date
from math import isnan

import pandas as pd
import pytest

from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Filters
from uccn_data.pages import budget
from uccn_data.pages.model import Cards, Text
from uccn_data.reports.texts import money, percent, ratio

NB = "\u00a0"
# id, date, end, amount as typed, currency rate, kind, funder as typed, category as typed,
# activity
SPENDING = [
    ("S1", "2021-03-01", "", "60 000", "", "utfall", "Östersunds kommun", "evenemang", ""),
    ("S2", "2021-06-01", "", "90 000", "", "utfall", "Staten", "projekt", ""),
    ("S3", "2022-05-01", "", "80 000", "", "utfall", "Östersunds kommun", "personal", "A1"),
    ("S4", "2022-05-01", "", "30 000", "", "utfall", "Region Jämtland Härjedalen", "marknadsföring", ""),
    ("S5", "2022-09-01", "", "", "", "utfall", "Annan kommun", "evenemang", ""),  # amount unknown
    ("S6", "2023-02-01", "", "150 000", "", "utfall", "EU-program", "projekt", "A1"),
    ("S7", "2023-03-01", "", "1 000 EUR", "11,5", "utfall", "Östersunds kommun", "resor", ""),
    # A budget for two years, spread evenly over its 24 months: never added to money spent.
    ("B1", "2021-01", "2022-12", "240 000", "", "budget", "EU-program", "projekt", ""),
]  # fmt: skip
FUNDERS = {
    "Östersunds kommun": "ostersund",
    "Region Jämtland Härjedalen": "region",
    "Staten": "state",
    "Annan kommun": "municipality_other",
    "EU-program": "eu",
}
CATEGORIES = {
    "evenemang": "events",
    "projekt": "projects",
    "personal": "staff",
    "marknadsföring": "marketing",
    "resor": "travel",
}
YEARS = [2021, 2022, 2023, 2024]
COMMITMENT = 100_000.0  # the 2021-2024 agreement: Östersund's kronor a year


def amount(typed: str, rate: str) -> float | None:
    """`60 000` -> 60000.0; `1 000 EUR` at `11,5` -> 11500.0; empty -> unknown (None)."""
    if not typed:
        return None
    value = float(typed.removesuffix(" EUR").replace(" ", ""))
    return value * float(rate.replace(",", ".")) if rate else value


def actual() -> pd.DataFrame:
    """The money spent, one row per post: year, funder key, category key, amount (NaN unknown)."""
    return pd.DataFrame(
        [
            (int(d[:4]), FUNDERS[f], CATEGORIES[c], amount(a, r))
            for _, d, _, a, r, kind, f, c, _ in SPENDING
            if kind == "utfall"
        ],
        columns=["year", "funder", "category", "amount"],
    )


def spent(funder: str | None = None, external: bool = False, year: int | None = None) -> float:
    """A sum of the known amounts; NaN when there is no row (unknown, not 0)."""
    rows = actual()
    if funder:
        rows = rows[rows["funder"] == funder]
    if external:
        rows = rows[~rows["funder"].isin(["ostersund", "region"])]
    if year:
        rows = rows[rows["year"] == year]
    return float(rows["amount"].sum(min_count=1))


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    store = Store(tmp_path_factory.mktemp("budget") / "uccn.duckdb")
    store.initialise()
    header = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig"]
    activity = ["A1", "EU-projekt", "competence_development", "turism", "2022-05-01", "regional"]
    rows = [[*header, "status"], [*activity, "gemensam", "genomförd"]]
    report = import_file(store, swedish_csv(rows), "activities.csv", "activities", user="test")
    assert report.ok, [p.message("en") for p in report.errors]
    header = ["post_id", "datum", "slutdatum", "belopp", "vaxelkurs", "typ", "finansiar"]
    rows = [[*header, "kategori", "aktivitet_id"], *[list(s) for s in SPENDING]]
    report = import_file(store, swedish_csv(rows), "spending.csv", "spending", user="test")
    assert report.ok, [p.message("en") for p in report.errors]
    # A reporting window: a span to report on, with no commitment.
    window = ref.AgreementPeriod(
        "2022-2023", date(2022, 1, 1), date(2023, 12, 31), None, None, False, "", "", "reporting"
    )
    store.save_period(window)
    with store.reading() as c:
        yield c


@pytest.fixture(scope="module")
def pages(conn):
    """The whole period in both languages, built once."""
    return {lang: budget.build(conn, Filters("2021-2024"), lang) for lang in ("sv", "en")}


def cards(page):
    block = next(b for b in page.blocks if isinstance(b, Cards))
    return {m.label: (m.value, c.captions) for c in block.cards for m in c.metrics}


def test_the_cards_show_the_money_its_share_of_the_commitment_and_how_complete_it_is(pages):
    ostersund, external = spent("ostersund"), spent(external=True)
    assert ostersund == 60_000 + 80_000 + 11_500  # the EUR row in kronor
    assert external == 90_000 + 150_000  # the unknown amount is not summed, nor the budget
    shown = cards(pages["sv"])
    assert shown["Andel av åtagandet"] == (
        percent(ostersund / (COMMITMENT * len(YEARS)), "sv"),
        [f"Åtagande 400{NB}000{NB}kr"],
    )
    assert percent(ostersund / 400_000, "sv") == f"38{NB}%"
    # Spending in 2021, 2022 and 2023 of the four years; one amount unknown.
    note = "Kostnader rapporterade för 3 av 4 år hittills; okända belopp: 1"
    for key, value in [
        ("ostersund_spending_sek", f"151{NB}500{NB}kr"),
        ("external_funding_sek", money(external, "sv")),
        ("leverage_ratio", ratio(external / ostersund, "sv")),
    ]:
        assert shown[KPI_DEFINITIONS[key].name("sv")][0] == value, key
        assert note in shown[KPI_DEFINITIONS[key].name("sv")][1], key
    assert ratio(external / ostersund, "sv") == "1,58"


def test_the_notes_say_how_comparable_the_amounts_are_before_any_is_read(conn, pages):
    captions = [b.text for b in pages["sv"].blocks if isinstance(b, Text) and b.style == "caption"]
    assert captions[0] == "Preliminära siffror: inget år i urvalet är fastställt."
    assert captions[1].startswith("Okända belopp: 1.")  # S5
    assert any("fördelat jämnt" in c for c in captions)  # B1 is spread over 24 months
    assert any("växelkursen" in c for c in captions)  # S7 was in euro
    assert not any("Urvalet på ramaktivitet" in c for c in captions)
    # Spending reaches an area only through its activity: S3 and S6 are A1's.
    filtered = budget.build(
        conn, Filters("2021-2024", framework_area="competence_development"), "sv"
    )
    assert filtered.texts()[3].startswith("Urvalet på ramaktivitet")
    assert filtered.chart("budget-cumulative").title == (
        f"Ackumulerat till och med 2024: extern finansiering 150{NB}000{NB}kr, "
        f"Östersunds kommun 80{NB}000{NB}kr, åtagande 400{NB}000{NB}kr"
    )


def test_the_commitment_chart_says_how_much_of_the_commitment_was_used(pages):
    chart = pages["sv"].chart("budget-commitment")
    assert chart.title == f"Östersunds kommun har använt 38{NB}% av sina 400{NB}000{NB}kr"
    per_year = "; ".join(f"{y}: {money(spent('ostersund', year=y), 'sv')}" for y in YEARS)
    assert chart.alt.endswith(per_year)
    assert f"2023: 11{NB}500{NB}kr; 2024: inga uppgifter" in chart.alt  # unknown, never 0 kr
    assert chart.options["target"] == COMMITMENT
    # The line is the yearly commitment, and says so: not the period's 400 000 kr "per år".
    yearly = money(COMMITMENT, "sv")
    assert chart.options["target_label"] == f"Åtagande {yearly} per år"
    assert f"vid åtagandet {yearly} per år" in chart.alt
    table = chart.table
    assert list(table.columns) == ["År", "Östersunds kommun (kr)", "Åtagande (kr)"]
    assert list(table["År"]) == YEARS
    assert list(table["Östersunds kommun (kr)"].iloc[:3]) == [60_000, 80_000, 11_500]
    assert isnan(table["Östersunds kommun (kr)"].iloc[3])


def test_budgets_stand_beside_the_money_spent_and_are_never_added(pages):
    chart = pages["sv"].chart("budget-budgets")
    total = spent("ostersund") + spent("region") + spent(external=True)
    assert total == 421_500
    assert chart.title.startswith(f"Budgetar 240{NB}000{NB}kr, använda medel 421{NB}500{NB}kr")
    # 2022: Östersund 80 000, the region 30 000, external unknown (S5 only), half the budget.
    assert (
        f"2022: 80{NB}000{NB}kr, 30{NB}000{NB}kr, inga uppgifter, 120{NB}000{NB}kr "
        "(okända belopp: 1)" in chart.alt
    )
    table = chart.table.set_index("År")
    assert list(table["Budget, alla finansiärer (kr)"].iloc[:2]) == [120_000, 120_000]
    assert list(table["Poster med okänt belopp (antal)"]) == [0, 1, 0, 0]
    # Four bars a year in the chart: the budget one of them, never stacked onto the others.
    assert len(chart.data) == 4 * len(YEARS)


def test_the_largest_category_leads_and_an_unknown_amount_stays_empty(pages):
    chart = pages["sv"].chart("budget-categories")
    totals = actual().groupby("category")["amount"].sum(min_count=1).sort_values(ascending=False)
    assert totals.index[0] == "projects" and totals.iloc[0] == 240_000
    assert chart.title == f"Projekt är den största kostnadsposten med 240{NB}000{NB}kr"
    assert chart.alt.endswith(
        f"Projekt: 240{NB}000{NB}kr; Personal: 80{NB}000{NB}kr; Evenemang: 60{NB}000{NB}kr; "
        f"Marknadsföring: 30{NB}000{NB}kr; Resor: 11{NB}500{NB}kr"
    )
    table = chart.table
    assert list(table.columns) == ["Kategori", "Finansiär", "Belopp (kr)", "Anmärkning"]
    assert table["Kategori"].iloc[0] == "Projekt"  # largest first, as the title says
    unknown = table[table["Finansiär"] == "Annan kommun"]
    assert unknown["Belopp (kr)"].isna().all()  # never 0
    assert list(unknown["Anmärkning"]) == ["belopp okänt"]
    assert set(table.loc[table["Belopp (kr)"].notna(), "Anmärkning"]) == {""}


def test_external_funding_by_kind_names_the_largest_funder(pages):
    chart = pages["sv"].chart("budget-external")
    # The EU programme's 150 000 leads the state's 90 000; the other municipality is unknown.
    assert chart.title == f"EU\\-program står för mest extern finansiering: 150{NB}000{NB}kr"
    assert chart.alt.endswith(
        f"EU-program: 150{NB}000{NB}kr; Staten: 90{NB}000{NB}kr; Annan kommun: inga uppgifter"
    )
    rows = chart.table.to_dict("records")
    assert rows[0] == {"Finansiär": "EU-program", "Belopp (kr)": 150_000, "Anmärkning": ""}
    assert rows[2]["Finansiär"] == "Annan kommun" and isnan(rows[2]["Belopp (kr)"])
    assert rows[2]["Anmärkning"] == "belopp okänt"


def test_the_leverage_is_external_money_per_municipal_krona_year_by_year(pages):
    chart = pages["sv"].chart("budget-leverage")
    overall = spent(external=True) / spent("ostersund")
    assert (
        chart.title
        == f"Varje kommunal krona har växlats upp till {ratio(overall, 'sv')} kr externt"
    )
    by_year = [spent(external=True, year=y) / spent("ostersund", year=y) for y in YEARS]
    assert [round(v, 2) for v in by_year[::2]] == [1.5, 13.04]  # 2022: external unknown
    assert "2021: 1,50; 2022: inga uppgifter; 2023: 13,04; 2024: inga uppgifter" in chart.alt


def test_the_running_totals_end_with_what_is_known_by_the_last_year(pages):
    chart = pages["sv"].chart("budget-cumulative")
    assert chart.title == (
        f"Ackumulerat till och med 2024: extern finansiering 240{NB}000{NB}kr, "
        f"Östersunds kommun 151{NB}500{NB}kr, åtagande 400{NB}000{NB}kr"
    )
    table = chart.table.set_index("År")
    assert list(table["Östersunds kommun, ackumulerat (kr)"]) == [60_000, 140_000, 151_500, 151_500]
    assert list(table["Åtagande, ackumulerat (kr)"]) == [100_000, 200_000, 300_000, 400_000]
    assert f"2021: Östersunds kommun, ackumulerat (kr) 60{NB}000{NB}kr" in chart.alt


def test_english_reads_the_same_figures_the_english_way(pages):
    page = pages["en"]
    shown = cards(page)
    assert shown["Share of the commitment"][0] == "38%"
    assert shown[KPI_DEFINITIONS["ostersund_spending_sek"].name("en")][0] == f"SEK{NB}151,500"
    assert page.chart("budget-commitment").title.endswith(f"SEK{NB}400,000")
    assert "2024: not reported" in page.chart("budget-commitment").alt
    assert page.chart("budget-categories").table.columns[-1] == "Note"
    assert "amount unknown" in set(page.chart("budget-external").table.iloc[:, -1])
    # Unknown is never 0: no text reads "SEK 0" as a figure.
    assert not [s for s in page.texts() if re.search(f"SEK{NB}0(?![\\d,.])", s)]


def test_one_year_counts_that_years_money_against_that_years_commitment(conn):
    page = budget.build(conn, Filters("2021-2024", year=2022), "sv")
    assert page.chart("budget-commitment").title == (
        f"Östersunds kommun har använt 80{NB}% av sina 100{NB}000{NB}kr"
    )
    assert list(page.chart("budget-commitment").table["År"]) == [2022]
    # 2022's only external row has an unknown amount: the leverage cannot be computed.
    assert page.chart("budget-leverage").title.startswith("Växlingen kan inte beräknas")
    assert page.chart("budget-external").title == (
        "Ingen extern finansiering med känt belopp i urvalet"
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_reporting_window_has_no_commitment(conn, lang):
    page = budget.build(conn, Filters("2022-2023"), lang)
    texts = page.texts()
    assert budget.t("budget.no_commitment", lang) in texts
    window = spent("ostersund", year=2022) + spent("ostersund", year=2023)
    assert page.chart("budget-commitment").title == budget.t(
        "budget.used_title_window", lang, amount=money(window, lang)
    )
    assert page.chart("budget-commitment").options["target"] is None
    assert (
        budget.t("budget.col_cum_commitment", lang)
        not in page.chart("budget-cumulative").table.columns
    )
    assert not any(budget.t("status.behind", lang) in s for s in texts)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_empty_record_is_a_friendly_empty_state(tmp_path, lang):
    from uccn_data.store import Store

    store = Store(tmp_path / "empty.duckdb")
    store.initialise()
    with store.reading() as conn:
        page = budget.build(conn, Filters("2021-2024"), lang)
    assert page.charts() == []
    assert page.blocks[-1] == Text(budget.t("budget.empty", lang), "info")
    assert page.texts()[0] == budget.t("budget.heading", lang)
