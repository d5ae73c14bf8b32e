"""The Overview as data (`uccn_data.pages.overview`) on a small hand-made record, and the rule
that a page and its meeting slide show the same numbers for the same filters: the Overview's
cards against the headline slide, the Framework page's area cards against the area slides."""

from __future__ import annotations

from datetime import date

import pytest

from uccn_data.kpis import Filters
from uccn_data.pages import framework, overview
from uccn_data.pages.model import Cards
from uccn_data.reports.content import screens

ACTIVITIES = [
    ("A1", "Matkurs", "competence_development", "2022-03-01", "genomförd", "30"),
    ("A2", "UCCN-mötet", "strategic_development; information_marketing", "2022-05", "genomförd", "ca 100"),
    ("A3", "Matfestival", "information_marketing", "2023", "pågående", ""),
]  # fmt: skip


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    store = Store(tmp_path_factory.mktemp("overview") / "uccn.duckdb")
    store.initialise()

    def load(table, rows):
        report = import_file(store, swedish_csv(rows), f"{table}.csv", table, user="test")
        assert report.ok, [p.message("en") for p in report.errors]

    load(
        "activities",
        [
            ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig",
             "status", "deltagare", "sdg11"],
            *[[i, ti, a, "gastronomi", s, "regional", "gemensam", st, p, "11.4" if i != "A3" else ""]
              for i, ti, a, s, st, p in ACTIVITIES],
        ],
    )  # fmt: skip
    load(
        "spending",
        [
            ["post_id", "datum", "belopp", "finansiar", "kategori"],
            ["M1", "2022-03-15", "50 000", "ostersund", "projekt"],
            ["M2", "2022-04-01", "125 000", "eu", "projekt"],
        ],
    )
    with store.reading() as c:
        yield c


def cards(page):
    return [c for b in page.blocks if isinstance(b, Cards) for c in b.cards]


def test_the_cards_show_the_headline_figures_with_unknown_as_not_reported(conn):
    page = overview.build(conn, Filters("2021-2024"), "sv")
    values = {c.metrics[0].label: c.metrics[0].value for c in cards(page)}
    assert values["Aktiviteter"] == "3"
    assert values["Östersunds kommuns medel använda"] == "50\u00a0000\u00a0kr"
    assert values["Extern finansiering"] == "125\u00a0000\u00a0kr"
    assert values["Växling"] == "2,50"  # 125 000 / 50 000
    # No SME rows, no exchanges: a count of nothing listed is 0 companies, but staff time
    # nobody reported is unknown, with no status.
    staff = next(c for c in cards(page) if c.metrics[0].label.startswith("Arbetstid Östersund"))
    assert staff.metrics[0].value == "inga uppgifter"
    assert staff.badge is not None and staff.badge.colour == "gray"
    # Two of three activities name an SDG 11 target.
    assert values["Andel aktiviteter kopplade till mål 11"] == "67\u00a0%"


def test_the_trend_chart_names_the_area_with_the_most_activities(conn):
    chart = overview.build(conn, Filters("2021-2024"), "en").chart("overview-trend")
    # Information & marketing: A2 and A3; competence: A1; strategic: A2.
    assert "Information and marketing" in chart.title and "2" in chart.title
    assert "2022 1" in chart.alt and "2023 1" in chart.alt


def test_an_area_with_no_activity_in_a_year_reads_0_there_not_unknown(conn):
    """No activity is a known 0 (the record lists activities), so the trend's line goes to 0
    rather than breaking off; its table and alt text say the same."""
    chart = overview.build(conn, Filters("2021-2024"), "en").chart("overview-trend")
    rows = {(r.framework_area, int(r.year)): int(r.activities) for r in chart.data.itertuples()}
    assert rows == {
        ("Competence development", 2022): 1,
        ("Competence development", 2023): 0,
        ("Information and marketing", 2022): 1,
        ("Information and marketing", 2023): 1,
        ("Strategic development", 2022): 1,
        ("Strategic development", 2023): 0,
    }
    assert "Competence development: 2022 1, 2023 0" in chart.alt
    assert len(chart.table) == 6


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("year", [None, 2022])
def test_the_overview_cards_and_the_headline_slide_show_the_same_numbers(conn, lang, year):
    f = Filters("2021-2024", year=year)
    page_values = {
        c.metrics[0].label: c.metrics[0].value for c in cards(overview.build(conn, f, lang))
    }
    slide = screens(conn, f, lang, as_of=date.today())[0]
    assert slide.key == "headline"
    slide_values = dict(zip(slide.table.iloc[:, 0], slide.table.iloc[:, 1], strict=True))
    # The slide's table lists every key figure; the page's ten cards must read as it does.
    assert len(page_values) == 10
    assert page_values == {name: slide_values[name] for name in page_values}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_framework_cards_and_the_area_slides_show_the_same_numbers(conn, lang):
    f = Filters("2021-2024")
    page = framework.build(conn, f, lang)
    slides = {s.name: dict(s.figures) for s in screens(conn, f, lang) if s.key.startswith("area")}
    assert len(slides) == 3
    for card in cards(page):
        slide = slides[card.heading]
        for metric in card.metrics:
            assert slide[metric.label] == metric.value, (card.heading, metric.label)
