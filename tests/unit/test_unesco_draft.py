"""The UNESCO draft from data, section by section, on a small hand-made record for a reporting
window: the network's roles, meetings and hosted events in section 3, regional and national
activities with their results in 4, cooperation with other cities in 5, the following
period's plans and budgets in 6; the general information from the admin's settings and the
UCCN list (with its source); the coordinators' comments in the narrative places."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.conftest import copy_store, loader, new_store
from uccn_data import reference as ref
from uccn_data import unesco_details
from uccn_data.reports.monitoring import build_monitoring_report
from uccn_data.reports.monitoring_data import following_period
from uccn_data.store import Store
from uccn_data.unesco_details import UnescoDetails

NBSP = "\u00a0"
WINDOW = "2017-2020"
AGREEMENT = ref.AGREEMENT_2021_2024.period_id
PLACEHOLDER = {"en": "[To be written by the officials:", "sv": "[Skrivs av tjänstepersonerna:"}
SUMMARY_SV = "Perioden gav <b>fler</b> *nätverk* än väntat."
SUMMARY_EN = "The period brought <b>more</b> *networks* than expected."
COMPETENCE_SV = "Kurserna för småföretag nådde hela länet."
INTERCITY_SV, INTERCITY_EN = "Samarbetet med Parma växte.", "Cooperation with Parma grew."
COMMUNICATION_SV, COMMUNICATION_EN = "Nyhetsbrev varje kvartal.", "A newsletter every quarter."
EXCHANGES_SV, EXCHANGES_EN = "Färre resor under pandemin.", "Fewer journeys in the pandemic."

ROWS: dict[str, list[list[str]]] = {
    "activities": [
        ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "slutdatum", "nivå",
         "ansvarig", "kommun", "deltagare", "partner", "status", "resultat"],
        ["L1", "Matmarknad i Krokom", "Kompetensutveckling", "Mat", "2019-06", "", "regional",
         "östersund", "Krokom", "120", "", "genomförd", "Tolv nya leverantörsavtal"],
        ["L2", "Nationell konferens om matturism", "Strategisk utveckling", "Turism", "2018-03-14",
         "", "nationell", "region", "Östersund", "ca 200", "", "genomförd", ""],
        ["H1", "Internationell kockträff i Östersund", "Kompetensutveckling", "Mat", "2018-08", "",
         "internationell", "gemensam", "Östersund", "45", "", "genomförd", ""],
        ["C1", "Studieresa till Parma", "Kompetensutveckling", "Mat", "2019-10-01", "2019-10-04",
         "internationell", "region", "abroad", "8", "Parma", "genomförd", ""],
        ["C2", "Gästkockar från Bergen på skördefest", "Kompetensutveckling", "Mat", "2020-09", "",
         "regional", "östersund", "Östersund", "300", "Bergen", "genomförd", "Ny meny"],
        ["C3", "Mässa i Berlin", "Information och marknadsföring", "Mat", "2019-01", "",
         "internationell", "region", "abroad", "4", "Visit Sweden", "genomförd", ""],
        ["X1", "Inställd matkurs", "Kompetensutveckling", "Mat", "2019-02", "", "regional",
         "östersund", "Berg", "", "", "inställd", ""],
        ["N1", "Nyhetsbrev om gastronomistaden", "Information och marknadsföring", "Mat", "2022",
         "", "regional", "östersund", "county", "", "", "planerad", ""],
        ["N2", "Kockutbyte med Tucson", "Strategisk utveckling", "Mat", "2023-05", "",
         "internationell", "gemensam", "abroad", "", "Tucson", "planerad", ""],
        ["N3", "Redan genomförd kurs 2021", "Kompetensutveckling", "Mat", "2021-03", "",
         "regional", "östersund", "Åre", "10", "", "genomförd", ""],
    ],
    "exchanges": [
        ["utbyte_id", "datum", "riktning", "partnertyp", "partnerstad", "land", "deltagare",
         "antal_stader"],
        ["E1", "2019-07", "utresande", "nätverk", "UCCN Annual Conference", "", "3", "ca 100"],
        ["E2", "2018-09", "inkommande", "nätverk", "Gastronominätverkets årsmöte", "", "12", "20"],
        ["E3", "2019-05-02", "inkommande", "stad", "Bergen", "NO", "6", ""],
    ],
    "spending": [
        ["post_id", "datum", "slutdatum", "belopp", "typ", "finansiar", "finansiar_namn",
         "kategori", "aktivitet_id"],
        ["S1", "2019-03-01", "", "50 000", "", "östersund", "", "projekt", ""],
        ["B1", "2021-01", "2024-12", "400 000", "budget", "östersund", "Kommunens åtagande",
         "projekt", ""],
        ["B2", "2023", "", "250 000", "budget", "eu", "Interreg Aurora", "projekt", "N2"],
        ["B3", "2022", "", "", "budget", "stat", "Tillväxtverket", "evenemang", ""],
    ],
    "outcomes": [
        ["resultat_id", "typ", "titel", "datum", "slutdatum", "partner"],
        ["R1", "Uppdrag i nätverket", "Ordförande i gastronominätverket", "2019", "2020", "UCCN"],
        ["R2", "Utmärkelse", "Pris för matfestivalen", "2019-11", "", "Jamtli"],
    ],
}  # fmt: skip
COMMENTS = [
    ["omfattning", "avtalsperiod", "år", "text_sv", "text_en"],
    ["helhet", WINDOW, "", SUMMARY_SV, SUMMARY_EN],
    ["Kompetensutveckling", WINDOW, "", COMPETENCE_SV, ""],
    ["strategic_development", WINDOW, "", INTERCITY_SV, INTERCITY_EN],
    ["information_marketing", WINDOW, "", COMMUNICATION_SV, COMMUNICATION_EN],
    ["exchanges", WINDOW, "", EXCHANGES_SV, EXCHANGES_EN],
    # A comment on one year is not the period's: it fills no place in the draft.
    ["helhet", WINDOW, "2019", "Bara om 2019.", "Only about 2019."],
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = new_store(tmp_path_factory.mktemp("unesco") / "uccn.duckdb")
    s.save_period(
        ref.AgreementPeriod(
            WINDOW, date(2017, 1, 1), date(2020, 12, 31), None, None, False, "", "", "reporting"
        )
    )
    load = loader(s)
    for table, rows in ROWS.items():
        load(table, rows)
    load("comments", COMMENTS)
    unesco_details.save(
        s,
        UnescoDetails(
            responsible_entity="Östersunds kommun och Region Jämtland Härjedalen",
            focal_point="Anna Andersson, samordnare\nanna@example.se",
        ),
    )
    return s


@pytest.fixture(scope="module")
def drafts(store: Store) -> dict[str, docx.document.Document]:
    with store.reading() as conn:
        return {
            lang: docx.Document(io.BytesIO(build_monitoring_report(conn, WINDOW, lang)))
            for lang in ("en", "sv")
        }


def _blocks(doc: docx.document.Document):
    """The body's paragraphs and tables in document order."""
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, doc)
        elif child.tag.endswith("}tbl"):
            yield Table(child, doc)


def sections(doc: docx.document.Document) -> dict[str, str]:
    """Section number ("1" … "6") -> every paragraph and table cell under its Heading 1."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for block in _blocks(doc):
        if isinstance(block, Paragraph):
            if block.style.name == "Heading 1":
                current = found.setdefault(block.text.split(".")[0], [])
            elif current is not None:
                current.append(block.text)
        elif current is not None:
            current += [" | ".join(c.text for c in row.cells) for row in block.rows]
    return {number: "\n".join(lines) for number, lines in found.items()}


def rows_under(doc: docx.document.Document, number: str, first: str) -> list[list[str]]:
    """The rows of the tables in section `number` whose first header cell is `first`."""
    current, found = None, []
    for block in _blocks(doc):
        if isinstance(block, Paragraph) and block.style.name == "Heading 1":
            current = block.text.split(".")[0]
        elif (
            isinstance(block, Table) and current == number and block.rows[0].cells[0].text == first
        ):
            found += [[c.text for c in row.cells] for row in block.rows[1:]]
    return found


# Each item and the one section it belongs in.
PLACES = {
    "Ordförande i gastronominätverket": "3",
    "UCCN Annual Conference (July 2019; attended on site; participants: 3)": "3",
    "Gastronominätverkets årsmöte (September 2018; hosted here; participants: 12)": "3",
    "Internationell kockträff i Östersund": "3",
    "Matmarknad i Krokom": "4",
    "Tolv nya leverantörsavtal": "4",
    "Nationell konferens om matturism": "4",
    "Pris för matfestivalen": "4",
    "Studieresa till Parma": "5",
    "Gästkockar från Bergen på skördefest": "5",
    "Mässa i Berlin": "5",
    "Nyhetsbrev om gastronomistaden": "6",
    "Kockutbyte med Tucson": "6",
    "Interreg Aurora": "6",
    "Tillväxtverket": "6",
}


@pytest.mark.parametrize("item", list(PLACES))
def test_each_item_is_in_its_section_and_in_no_other(drafts, item):
    found = sections(drafts["en"])
    assert list(found) == ["1", "2", "3", "4", "5", "6"]
    assert [n for n, text in found.items() if item in text] == [PLACES[item]]


def test_cancelled_activities_and_those_of_other_periods_are_in_no_section(drafts):
    text = "\n".join(sections(drafts["en"]).values())
    assert "Inställd matkurs" not in text
    assert "Redan genomförd kurs 2021" not in text


def test_the_network_section_has_roles_meetings_and_hosted_events(drafts):
    doc = drafts["en"]
    network = sections(doc)["3"]
    assert "Ordförande i gastronominätverket (2019–2020; UCCN)" in network
    assert ["UCCN Annual Conference", "Network", "1", "about 100", "not reported"] in rows_under(
        doc, "3", "Partner"
    )
    assert rows_under(doc, "3", "Activity") == [
        ["Internationell kockträff i Östersund", "August 2018", "Food/gastronomy", "Östersund",
         "45", "Joint"],
    ]  # fmt: skip


def test_local_initiatives_are_regional_and_national_with_their_results(drafts):
    rows = rows_under(drafts["en"], "4", "Activity")
    assert [
        "Matmarknad i Krokom", "June 2019", "Regional", "Krokom", "120",
        "Östersund Municipality", "Tolv nya leverantörsavtal",
    ] in rows  # fmt: skip
    conference = next(r for r in rows if r[0] == "Nationell konferens om matturism")
    assert conference[2] == "National" and conference[4] == "about 200"
    assert conference[6] == "not reported"  # no results given: unknown, not empty


def test_intercity_cooperation_lists_uccn_partners_whatever_the_level(drafts):
    doc = drafts["en"]
    projects = {r[0]: r for r in rows_under(doc, "5", "Activity") if len(r) == 5}
    # A regional activity with a UCCN partner city is told here, not among the local ones.
    assert projects["Gästkockar från Bergen på skördefest"][3] == "Bergen"
    assert projects["Studieresa till Parma"][1:4] == [
        "1 Oct 2019–4 Oct 2019", "Competence development", "Parma",
    ]  # fmt: skip
    assert ["Bergen", "NO", "yes", "1", "6"] in rows_under(doc, "5", "City")


def test_the_action_plan_is_the_following_periods_plans_and_budgets(store, drafts):
    doc = drafts["en"]
    plan = sections(doc)["6"]
    assert "Next agreement period in the data store: 2021-2024 (1 Jan 2021 – 31 Dec 2024)" in plan
    assert (
        f"Budgets for the period: SEK{NBSP}650,000; budget items: 3, of which with an unknown "
        "amount: 1. Budgets are money planned, not money spent."
    ) in plan
    budgets = {r[1]: r for r in rows_under(doc, "6", "Category")}
    assert budgets["Interreg Aurora"] == [
        "Projects", "Interreg Aurora", "2023", f"SEK{NBSP}250,000", "Kockutbyte med Tucson",
    ]  # fmt: skip
    assert budgets["Tillväxtverket"][3] == "not reported"
    assert budgets["Kommunens åtagande"][3] == f"SEK{NBSP}400,000"
    planned = {r[0]: r for r in rows_under(doc, "6", "Activity")}
    assert planned["Nyhetsbrev om gastronomistaden"][4] == "The whole county"
    assert planned["Kockutbyte med Tucson"][3:5] == ["International", "Tucson"]
    # Communication: the planned information and marketing, then the coordinators' comment.
    assert (
        "Planned activities in information and marketing:\nNyhetsbrev om gastronomistaden (2022)"
        in plan
    )
    assert COMMUNICATION_EN in plan
    with store.reading() as conn:
        following = following_period(conn, ref.AgreementPeriod(
            WINDOW, date(2017, 1, 1), date(2020, 12, 31), None, None, False, "", "", "reporting"
        ))  # fmt: skip
    assert following is not None and following.period_id == AGREEMENT


def _general(doc: docx.document.Document) -> dict[str, list]:
    """Section 2's table: item -> the cell's runs."""
    table = next(b for b in _blocks(doc) if isinstance(b, Table))
    return {row.cells[0].text: row.cells[1].paragraphs[0].runs for row in table.rows[1:]}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_general_information_comes_from_the_settings_and_the_uccn_list(drafts, lang):
    doc = drafts[lang]
    general = {item: "".join(r.text for r in runs) for item, runs in _general(doc).items()}
    entity, focal, contact, web = (f.label(lang) for f in unesco_details.FIELDS[1:])
    assert general[entity] == "Östersunds kommun och Region Jämtland Härjedalen"
    assert general[focal] == "Anna Andersson, samordnare\nanna@example.se"
    designation = unesco_details.FIELDS[0].label(lang)
    assert general[designation] == "2010"
    assert general["Country" if lang == "en" else "Land"] == (
        "Sweden" if lang == "en" else "Sverige"
    )
    for unset in (contact, web):
        assert general[unset].startswith(PLACEHOLDER[lang])
        (run,) = _general(doc)[unset]
        assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    source = "UNESCO Creative Cities Network: member cities"
    assert source in sections(doc)["2"]
    # No fact about the city is a sentence in code: the old fixed ones are gone.
    text = "\n".join(sections(doc).values())
    assert "246" not in text and "since 2010" not in text


def test_a_designation_date_an_admin_set_replaces_the_lists_year(tmp_path: Path, store: Store):
    copy = copy_store(store, tmp_path)
    unesco_details.save(copy, UnescoDetails(designation_date="1 December 2010"))
    with copy.reading() as conn:
        doc = docx.Document(io.BytesIO(build_monitoring_report(conn, WINDOW, "en")))
    general = {item: "".join(r.text for r in runs) for item, runs in _general(doc).items()}
    assert general["Date of designation"] == "1 December 2010"
    assert general["Entity responsible"].startswith(PLACEHOLDER["en"])  # saved empty: unset
    assert "as an administrator entered it" in sections(doc)["2"]


@pytest.mark.parametrize(("lang", "summary"), [("en", SUMMARY_EN), ("sv", SUMMARY_SV)])
def test_the_overall_comment_is_the_executive_summary_as_written(drafts, lang, summary):
    doc = drafts[lang]
    first = sections(doc)["1"]
    assert first.split("\n")[0] == summary  # plain text: the tags and stars as typed
    assert PLACEHOLDER[lang] not in first
    assert "2019" not in first.split("\n")[0]  # the comment on one year is not the period's
    comments = "The coordinators' comments on the key figures:" if lang == "en" else (
        "Samordnarnas kommentarer till nyckeltalen:"
    )  # fmt: skip
    exchanges = EXCHANGES_EN if lang == "en" else EXCHANGES_SV
    name = "Exchanges" if lang == "en" else "Utbyten"
    assert f"{comments}\n{name}: {exchanges}" in first
    for other in ("3", "4", "5", "6"):
        assert summary not in sections(doc)[other]


def test_an_english_draft_shows_a_swedish_only_comment_and_says_so(drafts):
    local = sections(drafts["en"])["4"]
    note = "[This comment is only in Swedish: translate it before the report is sent.]"
    assert f"{COMPETENCE_SV} {note}" in local
    paragraph = next(p for p in drafts["en"].paragraphs if p.text.startswith(COMPETENCE_SV))
    assert paragraph.runs[-1].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert (
        "[To be written by the officials: the main initiatives in Competence development"
        not in local
    )
    # The other areas have no comment: their places stay.
    assert (
        "[To be written by the officials: the main initiatives in Information and marketing"
        in local
    )
    swedish = sections(drafts["sv"])["4"]
    assert COMPETENCE_SV in swedish and "bara på svenska" not in swedish
    assert INTERCITY_EN in sections(drafts["en"])["5"]
    assert INTERCITY_SV in sections(drafts["sv"])["5"]


def test_without_comments_a_following_period_or_settings_the_places_stay(tmp_path: Path):
    s = new_store(tmp_path / "bare.duckdb")
    with s.reading() as conn:
        doc = docx.Document(io.BytesIO(build_monitoring_report(conn, AGREEMENT, "en")))
    found = sections(doc)
    assert found["1"].startswith(f"{PLACEHOLDER['en']} a summary of at most one page")
    assert "No following period is in the data store yet" in found["6"]
    assert f"{PLACEHOLDER['en']} how the membership and the action plan" in found["6"]
    general = {item: "".join(r.text for r in runs) for item, runs in _general(doc).items()}
    for field in unesco_details.FIELDS[1:]:
        assert general[field.label("en")].startswith(PLACEHOLDER["en"])
    assert general["Date of designation"] == "2010"


def test_the_settings_round_trip_and_refuse_what_is_too_long(tmp_path: Path):
    s = new_store(tmp_path / "settings.duckdb")
    assert unesco_details.read(s) == UnescoDetails()
    unesco_details.save(s, UnescoDetails(web_resources="  https://example.se  "))
    assert unesco_details.read(s) == UnescoDetails(web_resources="https://example.se")
    assert s.setting("unesco.web_resources") == "https://example.se"
    unesco_details.save(s, UnescoDetails(web_resources=" "))
    assert s.setting("unesco.web_resources") is None
    with pytest.raises(ValueError, match="responsible_entity"):
        unesco_details.save(s, UnescoDetails(responsible_entity="x" * 301))
