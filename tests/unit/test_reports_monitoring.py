"""The UCCN Membership Monitoring Report draft: UNESCO's sections in order, figures and lists from
the KPI functions, highlighted places for the officials' text, English by default."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from tests.unit.reports_support import leaks, office_text, shared_demo, shared_empty
from tests.unit.reports_support import sole_trader_numbers as sole_traders
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.reports import texts
from uccn_data.reports.monitoring import build_monitoring_report
from uccn_data.store import Store

PERIOD = "2021-2024"
SECTIONS_EN = [
    "1. Executive summary",
    "2. General information",
    "3. Contribution to the network's global management",
    "4. Major initiatives implemented at the local level",
    "5. Major initiatives implemented through inter-city cooperation",
    "6. Proposed action plan for the forthcoming four-year period",
]
PLACEHOLDER = {"en": "[To be written by the officials:", "sv": "[Skrivs av tjänstepersonerna:"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def reports(demo: Store) -> dict[str, bytes]:
    with demo.reading() as conn:
        return {
            "default": build_monitoring_report(conn, PERIOD),
            "sv": build_monitoring_report(conn, PERIOD, "sv"),
        }


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def _cells(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]


def test_the_draft_has_unescos_sections_in_english_by_default(reports):
    doc = _open(reports["default"])
    assert _headings(doc, 1) == SECTIONS_EN
    assert _headings(doc, 2) == [a.en for a in ref.FRAMEWORK_AREAS.values()]
    assert doc.paragraphs[0].text.startswith("UCCN Membership Monitoring Report")


def test_swedish_on_request(reports):
    doc = _open(reports["sv"])
    assert _headings(doc, 1)[0] == "1. Sammanfattning"
    assert _headings(doc, 2) == [a.sv for a in ref.FRAMEWORK_AREAS.values()]
    assert any(p.text.startswith(PLACEHOLDER["sv"]) for p in doc.paragraphs)


def test_general_information_and_the_citys_role_in_the_network(reports):
    doc = _open(reports["default"])
    general = dict((row[0], row[1]) for row in _cells(doc)[0])
    assert general["City"] == "Östersund"
    assert general["Country"] == "Sweden"
    assert general["Creative field"] == "Gastronomy"
    assert general["Year of designation"] == "2010"
    assert general["Period covered"] == "1 Jan 2021 – 31 Dec 2024"
    assert general["Contact officer"].startswith(PLACEHOLDER["en"])
    text = "\n".join(p.text for p in doc.paragraphs)
    for fact in ("246 member cities", "36 of them", "2014 to 2018", "since 2019", "2016"):
        assert fact in text


def test_the_figures_are_the_kpi_functions_results(demo, reports):
    doc = _open(reports["default"])
    text = [p.text for p in doc.paragraphs]
    f = kpis.Filters(period=PERIOD)
    n, money, pct = texts.number, texts.money, texts.percent
    with demo.reading() as conn:
        v = kpis.kpi_values(conn, f)
        commitment = kpis.money_summary(conn, f)["commitment_sek"].iloc[0]
        s = kpis.exchange_summary(conn, f).iloc[0]
        expected = [
            f"Activities (cancelled excluded): {n(v['activities'], 'en')}, "
            f"of which {n(v['activities_completed'], 'en')} completed",
            f"Small and medium-sized enterprises reached: {n(v['smes_reached'], 'en')} "
            f"({pct(v['smes_outside_ostersund_share'], 'en')} outside Östersund)",
            f"Exchanges: {n(v['exchanges'], 'en')} with {n(v['partner_cities'], 'en')} partner "
            f"cities in {n(v['partner_countries'], 'en')} countries",
            f"Östersund Municipality's funds: {money(v['ostersund_spending_sek'], 'en')} of the "
            f"commitment {money(commitment, 'en')}",
            f"External funding: {money(v['external_funding_sek'], 'en')} (leverage ratio "
            f"{texts.ratio(v['leverage_ratio'], 'en')})",
            f"Activities linked to SDG 11 of Agenda 2030: {pct(v['sdg11_aligned_share'], 'en')}",
            f"Exchanges: {n(s['exchanges'], 'en')} ({n(s['exchanges_outbound'], 'en')} outbound, "
            f"{n(s['exchanges_inbound'], 'en')} inbound, {n(s['exchanges_digital'], 'en')} "
            f"digital) with {n(s['exchange_participants'], 'en')} participants and "
            f"{n(s['exchange_smes_involved'], 'en')} SMEs.",
        ]
        for area in ref.FRAMEWORK_AREAS:
            row = kpis.framework_summary(conn, f).set_index("framework_area").loc[area]
            area_f = kpis.Filters(period=PERIOD, framework_area=area)
            smes = kpis.sme_summary(conn, area_f)["smes_reached"].iloc[0]
            expected.append(
                f"Activities: {n(row['activities'], 'en')}; completed: "
                f"{n(row['activities_completed'], 'en')}; participants: "
                f"{n(row['participants'], 'en')}; SMEs reached: {n(smes, 'en')}; linked to "
                f"SDG 11: {pct(row['sdg11_aligned_share'], 'en')}."
            )
    for line in expected:
        assert line in text


def test_the_lists_are_the_stores_completed_activities_and_partner_cities(demo, reports):
    tables = _cells(_open(reports["default"]))
    with demo.reading() as conn:
        completed = []
        for area in ref.FRAMEWORK_AREAS:
            listed = kpis.activity_list(conn, kpis.Filters(period=PERIOD, framework_area=area))
            done = listed[listed["status"] == "completed"]
            completed.append([[r.title, texts.day(r.start_date, "en")] for r in done.itertuples()])
        cities = kpis.exchange_cities(conn, kpis.Filters(period=PERIOD))
    for i, rows in enumerate(completed, start=1):
        assert [row[:2] for row in tables[i][1:]] == rows
    partners = tables[len(completed) + 1]
    assert partners[0][0] == "City"
    assert [(r[0], r[3]) for r in partners[1:]] == [
        (c.partner_city, texts.number(c.exchanges, "en")) for c in cities.itertuples()
    ]


def test_every_place_for_the_officials_is_highlighted(reports):
    doc = _open(reports["default"])
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]  # fmt: skip
    places = [r for r in runs if r.text.startswith(PLACEHOLDER["en"])]
    assert len(places) >= 10
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in places)


def test_the_next_period_is_named_in_the_action_plan(reports):
    text = "\n".join(p.text for p in _open(reports["default"]).paragraphs)
    assert "Next agreement period in the data store: 2025-2028" in text
    assert "example" in text


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_an_empty_store_makes_a_draft_that_says_there_is_no_data_yet(tmp_path_factory, lang):
    with shared_empty(tmp_path_factory).reading() as conn:
        doc = _open(build_monitoring_report(conn, PERIOD, lang))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert ("There is no data yet" if lang == "en" else "Det finns inga data ännu") in text
    assert len(_headings(doc, 1)) == 6


def test_an_unknown_period_is_refused(tmp_path_factory):
    with shared_empty(tmp_path_factory).reading() as conn, pytest.raises(kpis.UnknownPeriod):
        build_monitoring_report(conn, "1999-2002")


def test_the_draft_never_holds_a_sole_traders_full_number(demo, reports):
    numbers = sole_traders(demo)
    for data in reports.values():
        assert leaks(office_text(data), numbers) == []
