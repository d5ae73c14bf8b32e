"""The meeting screens and the PowerPoint deck: every figure and chart value is what the KPI
functions give, every chart is a native, described chart, and an empty store still makes a deck."""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.shapes.graphfrm import GraphicFrame

from tests.unit.reports_support import (
    AS_OF,
    SINCE,
    expected_chart,
    expected_figures,
    leaks,
    office_text,
    screen_keys,
    shared_demo,
    shared_empty,
    sole_trader_numbers,
)
from uccn_data import kpis
from uccn_data.reports import texts
from uccn_data.reports.content import format_table, screens
from uccn_data.reports.deck import build_deck
from uccn_data.reports.monitoring_texts import MONITORING_TEXTS
from uccn_data.reports.texts import TEXTS
from uccn_data.store import Store

LANGS = ("sv", "en")
PERIOD = kpis.Filters()


def _flat(series: list[list[float]]) -> list[float]:
    """Series one after another, each ended by a marker, so lengths count too."""
    return [v for values in series for v in [*values, -1.0]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_empty(tmp_path_factory)


@pytest.fixture(scope="module")
def decks(demo: Store) -> dict[str, bytes]:
    with demo.reading() as conn:
        return {lang: build_deck(conn, PERIOD, lang, SINCE, as_of=AS_OF) for lang in LANGS}


# --- words and numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "value", "lang", "expected"),
    [
        (texts.number, 12500, "sv", "12\u00a0500"),
        (texts.number, 12500, "en", "12,500"),
        (texts.money, 12500, "sv", "12\u00a0500\u00a0kr"),
        (texts.money, 12500, "en", "SEK\u00a012,500"),
        (texts.money, 376559.8, "sv", "376\u00a0560\u00a0kr"),
        (texts.percent, 0.5417, "sv", "54\u00a0%"),
        (texts.percent, 0.5417, "en", "54%"),
        (texts.ratio, 1.691, "sv", "1,69"),
        (texts.ratio, 1.691, "en", "1.69"),
        # (v2) Unknown is not zero, and not a dash either: it says so in words.
        (texts.number, None, "sv", "inga uppgifter"),
        (texts.money, float("nan"), "en", "not reported"),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(function, value, lang, expected):
    assert function(value, lang) == expected


@pytest.mark.parametrize("table", [TEXTS, MONITORING_TEXTS], ids=["reports", "monitoring"])
def test_every_text_exists_in_both_languages_with_the_same_placeholders(table):
    for key, (sv, en) in table.items():
        assert sv.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", sv)) == set(re.findall(r"{(\w+)}", en)), key


# --- the screens ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_screens_show_the_kpi_functions_figures_and_chart_values(demo, lang):
    with demo.reading() as conn:
        shown = screens(conn, PERIOD, lang, SINCE, as_of=AS_OF)
        assert [s.key for s in shown] == screen_keys()
        for screen in shown:
            assert screen.figures == expected_figures(conn, screen.key, PERIOD, lang), screen.key
            assert screen.chart is not None, screen.key
            values = [list(v) for v in screen.chart.series.values()]
            assert _flat(values) == pytest.approx(_flat(expected_chart(conn, screen.key, PERIOD)))
            assert screen.alt and screen.title and screen.subtitle
            # The table holds the chart's numbers: each value is in it.
            table = format_table(screen, lang).to_numpy().ravel().tolist()
            for value in values[0]:
                assert texts.by_unit(screen.chart.unit, value, lang) in table, screen.key


def test_a_year_and_a_framework_filter_narrow_every_screen(demo):
    year = replace(PERIOD, year=2023, framework_area="competence_development")
    with demo.reading() as conn:
        shown = screens(conn, year, "sv", as_of=AS_OF)
        assert [s.key for s in shown] == [
            "headline", "area:competence_development", "smes", "exchanges", "budget", "sdg11",
            "outcomes",
        ]  # fmt: skip
        for screen in shown:
            assert screen.figures == expected_figures(conn, screen.key, year, "sv"), screen.key


def test_titles_state_the_finding_in_numbers(demo):
    with demo.reading() as conn:
        by_key = {s.key: s for s in screens(conn, PERIOD, "en", as_of=AS_OF)}
        money = kpis.money_summary(conn, PERIOD).iloc[0]
        exchanges = kpis.exchange_summary(conn, PERIOD).iloc[0]
    assert by_key["budget"].title.startswith(
        f"Östersund Municipality has used {texts.percent(money['share_of_commitment'], 'en')} "
        f"of its {texts.money(money['commitment_sek'], 'en')}"
    )
    assert by_key["exchanges"].title.endswith(
        f"{int(exchanges['partner_cities'])} partner cities in "
        f"{int(exchanges['partner_countries'])} countries"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_store_gives_screens_that_say_there_is_no_data_yet(empty, lang):
    with empty.reading() as conn:
        shown = screens(conn, PERIOD, lang, SINCE, as_of=AS_OF)
    assert [s.key for s in shown] == screen_keys()
    assert all(s.empty for s in shown)
    no_data = texts.t("report.no_data", lang)
    assert no_data in shown[1].subtitle


# --- the deck ---------------------------------------------------------------------------------


def _paragraphs(slide) -> list[str]:
    return [
        p.text
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_is_16_9_with_a_title_a_slide_per_screen_and_sources(demo, decks, lang):
    deck = Presentation(io.BytesIO(decks[lang]))
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    slides = list(deck.slides)
    assert len(slides) == 1 + len(screen_keys()) + 1
    cover = "\n".join(_paragraphs(slides[0]))
    assert texts.t("report.name", lang) in cover and "2021-2024" in cover
    assert texts.t("report.demo", lang) in cover
    assert texts.day(AS_OF, lang) in cover
    assert slides[-1].shapes.title.text == texts.t("sources.title", lang)
    sources = "\n".join(_paragraphs(slides[-1]))
    for name in ("activities", "sme_participation", "exchanges", "spending"):
        assert f"{texts.number(demo.table(name).num_rows, lang)} " in sources


@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_shows_the_kpi_functions_numbers(demo, decks, lang):
    deck = Presentation(io.BytesIO(decks[lang]))
    with demo.reading() as conn:
        for key, slide in zip(screen_keys(), list(deck.slides)[1:-1], strict=True):
            shown = _paragraphs(slide)
            pairs = list(itertools.pairwise(shown))
            for label, value in expected_figures(conn, key, PERIOD, lang):
                assert (label, value) in pairs, (key, label, value)
            charts = [s for s in slide.shapes if s.has_chart]
            if key == "outcomes":  # the list by kind takes the chart's place
                assert charts == [] and texts.t("outcomes.name", lang) not in shown
                continue
            assert len(charts) == 1, key
            plot = charts[0].chart.plots[0]
            values = [list(series.values) for series in plot.series]
            assert _flat(values) == pytest.approx(_flat(expected_chart(conn, key, PERIOD))), key


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_native_and_described_and_there_are_no_pictures(decks, lang):
    deck = Presentation(io.BytesIO(decks[lang]))
    charts = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.shape_type != MSO_SHAPE_TYPE.PICTURE
            if isinstance(shape, GraphicFrame):
                assert shape.has_chart  # a real chart object with its own workbook
                descr = shape._element.nvGraphicFramePr.cNvPr.get("descr")
                assert descr and len(descr) > 30
                categories = list(shape.chart.plots[0].categories)
                assert all(str(c) in descr for c in categories)
                charts += 1
    assert charts == len(screen_keys()) - 1  # the outcomes slide lists them instead


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_store_makes_a_deck_that_says_there_is_no_data_yet(empty, lang):
    with empty.reading() as conn:
        deck = Presentation(io.BytesIO(build_deck(conn, PERIOD, lang, SINCE, as_of=AS_OF)))
    slides = list(deck.slides)
    assert texts.t("report.no_data", lang) in "\n".join(_paragraphs(slides[0]))
    assert texts.t("report.demo", lang) not in "\n".join(_paragraphs(slides[0]))
    for slide in slides[1:-1]:
        assert texts.t("report.no_data_screen", lang) in _paragraphs(slide)
        assert not any(s.has_chart for s in slide.shapes)


def test_the_deck_never_holds_a_sole_traders_full_number(demo, decks):
    numbers = sole_trader_numbers(demo)
    assert numbers, "the demo should have sole traders to protect"
    for data in decks.values():
        assert leaks(office_text(data), numbers) == []
