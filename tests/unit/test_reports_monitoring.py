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
PLAN_EN = ["Initiatives at the local level", "Initiatives through inter-city cooperation",
           "Budget", "Communication"]  # fmt: skip
PLAN_SV = ["Initiativ på lokal nivå", "Initiativ genom samarbete mellan städer", "Budget",
           "Kommunikation"]  # fmt: skip


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


def _tables_headed(doc, first: str) -> list[list[list[str]]]:
    """The tables whose first header cell is `first`, in document order."""
    return [t for t in _cells(doc) if t[0][0] == first]


def _section(doc, heading: str) -> list[str]:
    """The paragraphs under a level-1 heading, up to the next one."""
    found, inside = [], False
    for p in doc.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
        elif inside:
            found.append(p.text)
    return found


def test_the_draft_has_unescos_sections_in_english_by_default(reports):
    doc = _open(reports["default"])
    assert _headings(doc, 1) == SECTIONS_EN
    # (v2) The local section ends with the period's outcomes, by kind; the plan answers
    # UNESCO's four questions.
    areas = [a.en for a in ref.FRAMEWORK_AREAS.values()]
    assert _headings(doc, 2) == [*areas, "Outcomes", *PLAN_EN]
    assert doc.paragraphs[0].text.startswith("UCCN Membership Monitoring Report")


def test_swedish_on_request(reports):
    doc = _open(reports["sv"])
    assert _headings(doc, 1)[0] == "1. Sammanfattning"
    areas = [a.sv for a in ref.FRAMEWORK_AREAS.values()]
    assert _headings(doc, 2) == [*areas, "Resultat", *PLAN_SV]
    assert any(p.text.startswith(PLACEHOLDER["sv"]) for p in doc.paragraphs)


def test_general_information_and_the_citys_role_in_the_network(reports):
    doc = _open(reports["default"])
    general = dict((row[0], row[1]) for row in _cells(doc)[0])
    assert general["City"] == "Östersund"
    # Country, field and year from the UCCN list, its source said; nothing set by an admin.
    assert general["Country"] == "Sweden"
    assert general["Creative field"] == "Gastronomy"
    assert general["Date of designation"] == "2010"
    assert general["Period covered"] == "1 Jan 2021 – 31 Dec 2024"
    for unset in ("Entity responsible", "Focal point", "Contact in the city government"):
        assert general[unset].startswith(PLACEHOLDER["en"])
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "Source of the country, creative field and year of designation: UNESCO, "
        '"UNESCO Creative Cities Network: member cities"'
    ) in text
    # No fact fixed in code (the agreement's counts, the year as a sentence).
    for fact in ("246 member cities", "36 of them", "since 2010"):
        assert fact not in text
    # The reference list's own count and source, not a sentence fixed in code.
    assert "holds 350 cities in seven creative fields, 56 of them in gastronomy" in text
    assert "UNESCO Creative Cities Network: member cities" in text


def test_roles_in_the_network_come_from_the_outcomes(demo, reports):
    """(v2) Roles held are data (outcomes of the kind network_role), listed in section 3."""
    network = _section(_open(reports["default"]), SECTIONS_EN[2])
    with demo.reading() as conn:
        outcomes = kpis.outcomes_list(conn, kpis.Filters(period=PERIOD))
    roles = outcomes[outcomes["kind"] == "network_role"]
    assert len(roles) == 2
    assert "Roles in the network (outcomes of the kind Role in the network):" in network
    assert (
        "Ordförande och samordnare för UCCN:s gastronomiska delnätverk "
        "(2019–2022; UCCN, gastronomiska delnätverket)"
    ) in network
    assert (
        "Ledamot i styrgruppen för UCCN:s gastronomiska delnätverk "
        "(January 2023; UCCN, gastronomiska delnätverket)"
    ) in network
    # The other outcomes are listed under the local section, never as roles.
    assert not any("Avsiktsförklaring" in line for line in network)


def test_the_figures_are_the_kpi_functions_results(demo, reports):
    doc = _open(reports["default"])
    text = [p.text for p in doc.paragraphs]
    f = kpis.Filters(period=PERIOD)
    n, money, pct = texts.number, texts.money, texts.percent
    with demo.reading() as conn:
        v = kpis.kpi_values(conn, f)
        money_row = kpis.money_summary(conn, f).iloc[0]
        commitment = money_row["commitment_sek"]
        s = kpis.exchange_summary(conn, f).iloc[0]
        sme = kpis.sme_summary(conn, f).iloc[0]
        act = kpis.activity_summary(conn, f).iloc[0]
        expected = [
            f"Activities (cancelled excluded): {n(v['activities'], 'en')}, "
            f"of which {n(v['activities_completed'], 'en')} completed",
            # (v2) Sums with estimated counts say so; how many report participants is said too.
            f"Participants in the activities: about {n(act['activity_participants'], 'en')} "
            f"(reported for {n(act['activities_with_participants'], 'en')} of "
            f"{n(v['activities'], 'en')} activities)",
            f"Small and medium-sized enterprises reached: about {n(v['smes_reached'], 'en')}, "
            f"of which {n(sme['smes_listed'], 'en')} listed by name "
            f"({pct(v['smes_outside_ostersund_share'], 'en')} of them outside Östersund)",
            f"Exchanges: {n(v['exchanges'], 'en')} with {n(v['partner_cities'], 'en')} partner "
            f"cities in {n(v['partner_countries'], 'en')} countries",
            f"Östersund Municipality's funds: {money(v['ostersund_spending_sek'], 'en')} of the "
            f"commitment {money(commitment, 'en')}",
            f"External funding: {money(v['external_funding_sek'], 'en')}; leverage ratio: "
            f"{texts.ratio(v['leverage_ratio'], 'en')}",
            f"Budgets for the period: {money(money_row['budget_sek'], 'en')}, shown beside the "
            "funds used and never added to them",
            f"Activities linked to SDG 11 of Agenda 2030: {pct(v['sdg11_aligned_share'], 'en')}",
            "Spending reported for 4 of 4 years so far.",
            "Spending items with an unknown amount, where only the funder is known: "
            f"{n(money_row['amounts_unknown'], 'en')}. They are not in the sums.",
            f"Exchanges: {n(s['exchanges'], 'en')} ({n(s['exchanges_outbound'], 'en')} outbound, "
            f"{n(s['exchanges_inbound'], 'en')} inbound, {n(s['exchanges_digital'], 'en')} "
            f"digital); participants: {n(s['exchange_participants'], 'en')}; SMEs: "
            f"{n(s['exchange_smes_involved'], 'en')}.",
        ]
        for area in ref.FRAMEWORK_AREAS:
            area_f = kpis.Filters(period=PERIOD, framework_area=area)
            row = kpis.activity_summary(conn, area_f).iloc[0]
            smes = kpis.sme_summary(conn, area_f).iloc[0]
            assert row["activity_participants_approx"] > 0 and smes["smes_counted_approx"] > 0
            expected.append(
                "All activities in the framework activity, at every level: "
                f"{n(row['activities'], 'en')}; completed: "
                f"{n(row['activities_completed'], 'en')}; participants: "
                f"about {n(row['activity_participants'], 'en')}; SMEs reached: "
                f"about {n(smes['smes_reached'], 'en')}; linked to "
                f"SDG 11: {pct(row['sdg11_aligned_share'], 'en')}."
            )
            expected.append(
                "Activities that also belong to another framework activity and are therefore "
                f"listed under each: {n(row['activities_in_several_areas'], 'en')}."
            )
    for line in expected:
        assert line in text


def test_the_lists_are_the_stores_local_initiatives_and_partner_cities(demo, reports):
    """Section 4 lists, per framework activity, its regional and national activities that
    name no UCCN city (those are in section 5), cancelled ones left out."""
    doc = _open(reports["default"])
    with demo.reading() as conn:
        local = []
        for area in ref.FRAMEWORK_AREAS:
            listed = kpis.activity_list(conn, kpis.Filters(period=PERIOD, framework_area=area))
            kept = listed[
                listed["level"].isin(["regional", "national"])
                & (listed["status"] != "cancelled")
                & listed["partner_uccn_cities"].isna()
            ]
            local.append([r.title for r in kept.itertuples()])
        cities = kpis.exchange_cities(conn, kpis.Filters(period=PERIOD))
    tables = [t for t in _tables_headed(doc, "Activity") if t[0][-1] == "Results"]
    assert len(tables) == len(ref.FRAMEWORK_AREAS)
    for table, titles in zip(tables, local, strict=True):
        assert table[0] == ["Activity", "When", "Level", "Where", "Participants", "Led by",
                            "Results"]  # fmt: skip
        assert [row[0] for row in table[1:]] == titles
        assert {row[2] for row in table[1:]} <= {"Regional", "National"}
    (partners,) = _tables_headed(doc, "City")
    assert [(r[0], r[3]) for r in partners[1:]] == [
        (c.partner_city, texts.number(c.exchanges, "en")) for c in cities.itertuples()
    ]
    # (v2) Membership from UNESCO's list is yes or unknown, never a guessed no.
    assert {r[2] for r in partners[1:]} <= {"yes", "unknown"}


def test_dates_counts_and_leads_are_shown_as_reported(reports):
    """(v2) "September 2019", "2020–2023", "about 150" and the organisation that led it."""
    doc = _open(reports["default"])
    rows = [row for table in _tables_headed(doc, "Activity") for row in table[1:]]
    by_title = {row[0]: row for row in rows}
    fjallmat = by_title["Fjällmat över gränsen: Interreg-projekt om småskalig matproduktion"]
    assert fjallmat[1:] == [
        "September 2019–August 2022", "Food/gastronomy, Sustainable development",
        "The whole county, Abroad", "not reported", "Mittuniversitetet (partner)",
    ]  # fmt: skip
    tour = by_title["Digital länsturné: UCCN:s möjligheter för företag i alla kommuner"]
    assert tour[1] == "2021" and tour[4] == "about 150"
    assert "over 250" not in "".join(r[4] for r in rows)  # written "> 250"
    assert any(r[4] == "> 250" for r in rows)


def test_activities_with_uccn_partner_cities_whatever_their_framework_activity(demo, reports):
    """(v2) The inter-city section lists every activity naming a UCCN city as partner, not
    only strategic development."""
    doc = _open(reports["default"])
    (table,) = [t for t in _tables_headed(doc, "Activity") if t[0][-1] == "Status"]
    with demo.reading() as conn:
        listed = kpis.activity_list(conn, kpis.Filters(period=PERIOD))
    expected = [
        r.title
        for r in listed.itertuples()
        if hasattr(r.partner_uccn_cities, "__len__")
        and len(r.partner_uccn_cities)
        and r.status != "cancelled"
    ]
    assert [row[0] for row in table[1:]] == expected
    areas = {row[2] for row in table[1:]}
    assert "Competence development" in areas  # not strategic development only
    gastro = next(r for r in table[1:] if r[0].startswith("Gästkocksvecka"))
    assert gastro[1] == "May 2023"
    assert gastro[2] == "Information and marketing, Competence development"
    assert gastro[3] == "Bergen, Parma, Tucson"


def test_network_meetings_are_listed_with_their_counts_as_reported(reports):
    doc = _open(reports["default"])
    networks, others = _tables_headed(doc, "Partner")  # section 3, then section 5
    conference = next(r for r in networks[1:] if r[0] == "UCCN Annual Conference")
    assert conference[1:] == ["Network", "4", "about 120", "> 70"]
    assert {r[1] for r in networks[1:]} == {"Network"}
    assert {r[1] for r in others[1:]} <= {"Region", "Organisation"}
    # Each meeting on its own line, with how Östersund took part.
    network = _section(doc, SECTIONS_EN[2])
    assert (
        "UCCN Creative Cities of Gastronomy (14 Mar 2024–16 Mar 2024; hosted here; participants: 16)"
        in network
    )


def test_the_outcomes_are_listed_by_kind_in_the_local_section(reports):
    doc = _open(reports["default"])
    (table,) = _tables_headed(doc, "Kind")
    kinds = [row[0] for row in table[1:]]
    order = [k.en for k in ref.OUTCOME_KINDS.values()]
    assert kinds == sorted(kinds, key=order.index)
    assert "Role in the network" not in kinds  # those are in section 3
    undated = next(r for r in table[1:] if r[1].startswith("Överenskommelse med Mittuniversitetet"))
    assert undated[2] == "undated"
    bergen = next(r for r in table[1:] if r[1].startswith("Avsiktsförklaring"))
    assert bergen == [
        "Agreement",
        "Avsiktsförklaring om kockutbyte med Bergen",
        "May 2023",
        "Bergen",
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
