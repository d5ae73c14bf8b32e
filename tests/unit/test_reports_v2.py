"""Contract version 2 in every output, read as a user reads it: on a small hand-made record,
the slide, the printed report and the UNESCO draft show dates as written ("maj 2022"),
approximate counts as "ca 250" / "> 100", unknown figures as "inga uppgifter" / "not reported"
with how complete the record is, activities in several framework areas with a note, budgets
beside the money spent, the outcomes by kind, and a reporting window without targets."""

from __future__ import annotations

import io
import itertools
import re
from html.parser import HTMLParser

import docx
import pytest
from pptx import Presentation

from tests.unit.reports_support import AS_OF, WINDOW, v2_store
from uccn_data import kpis
from uccn_data.__main__ import main
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reports.deck import build_deck
from uccn_data.reports.html_report import build_html
from uccn_data.reports.monitoring import build_monitoring_report
from uccn_data.store import Store

NBSP = "\u00a0"
PERIOD = kpis.Filters()
IN_WINDOW = kpis.Filters(period=WINDOW)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return v2_store(tmp_path_factory.mktemp("v2"))


# --- reading the outputs as text ----------------------------------------------------------------


def _slides(data: bytes) -> dict[str, tuple[list[str], str]]:
    """Slide title -> (its paragraphs, its speaker notes)."""
    found = {}
    for slide in Presentation(io.BytesIO(data)).slides:
        paragraphs = [
            p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs
        ]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        found[slide.shapes.title.text] = (paragraphs, notes)
    return found


class _Text(HTMLParser):
    """The printed report as a reader sees it: one line of text per block, and table rows."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell = ""
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None:
            self._row.append(self._cell)
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._cell += data
        elif data.strip():
            self.lines.append(data.strip())


def _section(page: str, key: str) -> str:
    anchor = "screen-" + key.replace(":", "-").replace("_", "-")
    start = page.index(f'<section id="{anchor}"')
    return page[start : page.index("</section>", start)]


def _docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _under(doc, heading: str) -> list[str]:
    found, inside = [], False
    for p in doc.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text.startswith(heading)
        elif inside:
            found.append(p.text)
    return found


def _rows(doc, first: str) -> list[list[str]]:
    return [
        [c.text for c in row.cells]
        for table in doc.tables
        if table.rows[0].cells[0].text == first
        for row in table.rows[1:]
    ]


# --- the slide deck -----------------------------------------------------------------------------


def test_a_slide_shows_approximate_sums_dates_as_written_and_what_counts_twice(store):
    with store.reading() as conn:
        slides = _slides(build_deck(conn, PERIOD, "sv", as_of=AS_OF))
    shown, notes = slides["Kompetensutveckling: 2 av 2 aktiviteter genomförda"]
    pairs = list(itertools.pairwise(shown))
    # "ca 250" at the harvest festival plus 8 on the study trip: a sum with an estimate.
    assert ("Deltagare", "ca 258") in pairs
    assert ("Företag som nåtts", "ca 20") in pairs
    text = "\n".join(shown)
    assert "Aktiviteter som också hör till en annan ramaktivitet: 1." in text
    # The list behind the slide: the month as written, never an invented first of May.
    assert "Skördefest på Jamtli – maj 2022 – Genomförd – ca 250 – Jamtli (medarrangör)" in notes
    assert "2022-05-01" not in notes
    shown, notes = slides["Information och marknadsföring: 2 av 2 aktiviteter genomförda"]
    assert ("Deltagare", "ca 350") in list(itertools.pairwise(shown))
    assert "Länsturné om UCCN – 2022 – Genomförd – > 100 – Gemensam" in notes


def test_unknown_figures_read_not_reported_with_how_complete_the_record_is(store):
    with store.reading() as conn:
        slides = _slides(build_deck(conn, PERIOD, "sv", as_of=AS_OF))
    cover = "\n".join(next(iter(slides.values()))[0])
    assert "”inga uppgifter” betyder att inget har rapporterats" in cover
    (headline,) = [s for title, s in slides.items() if "nyckeltal med mål" in title]
    pairs = list(zip(headline[0], headline[0][1:], strict=False))
    staff = KPI_DEFINITIONS["staff_share_ostersund"].name("sv")
    # No staff time reported: unknown, with no status, never "0 %, efter".
    assert (staff, f"inga uppgifter (mål 30{NBSP}%, inget värde ännu)") in pairs
    assert "Arbetstid rapporterad hittills: Östersunds kommun 0 av 48 månader" in "\n".join(
        headline[0]
    )
    (budget,) = [s for title, s in slides.items() if title.startswith("Östersunds kommun har")]
    text = "\n".join(budget[0])
    assert "Kostnader rapporterade för 2 av 4 år hittills." in text
    assert "Kostnadsposter med okänt belopp, där bara finansiären är känd: 1." in text


def test_budgets_stand_beside_the_money_spent_and_are_never_added(store):
    with store.reading() as conn:
        data = build_deck(conn, PERIOD, "sv", as_of=AS_OF)
    (budget,) = [s for s in Presentation(io.BytesIO(data)).slides if s.shapes.title.text.startswith("Östersunds kommun har")]  # fmt: skip
    shown = [p.text for s in budget.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    pairs = list(itertools.pairwise(shown))
    assert ("Östersunds kommuns medel använda", f"100{NBSP}000{NBSP}kr") in pairs
    # 80 000 kr from a foundation; the 250 000 kr EU budget and the unknown grant are not in it.
    assert ("Extern finansiering", f"80{NBSP}000{NBSP}kr") in pairs
    assert ("Budgeterat (räknas inte in)", f"250{NBSP}000{NBSP}kr") in pairs
    (chart,) = [s.chart for s in budget.shapes if s.has_chart]
    # A gap where nothing is reported; the budget spread over its months adds up again.
    series = {
        s.name: [None if v is None else round(v, 2) for v in s.values]
        for s in chart.plots[0].series
    }
    assert series["Budget (kr)"] == [None, 250000.0, None, None]
    assert series["Extern finansiering (kr)"] == [None, 80000.0, None, None]


def test_the_outcomes_slide_lists_them_by_kind(store):
    with store.reading() as conn:
        slides = _slides(build_deck(conn, PERIOD, "sv", as_of=AS_OF))
    shown, _notes = slides["2 resultat av arbetet utöver aktiviteterna"]
    at = shown.index("Utmärkelse")
    # A title from a file stays text: "<b>" is shown, never made bold.
    assert shown[at + 1] == "Pris <b>för</b> skördefesten (november 2022; Jamtli)"
    assert shown[shown.index("Avtal") + 1] == "Avsiktsförklaring med Parma (utan datum; Parma)"
    assert "Resultat utan datum (1) visas i varje period." in "\n".join(shown)


def test_a_reporting_window_has_no_targets_and_no_status(store):
    with store.reading() as conn:
        slides = _slides(build_deck(conn, IN_WINDOW, "sv", as_of=AS_OF))
    cover = "\n".join(next(iter(slides.values()))[0])
    assert "Rapporteringsfönstret 2016-2020" in cover
    assert "2016-2020 är ett rapporteringsfönster, inte en avtalsperiod" in cover
    shown, _ = slides["Nyckeltalen för 2016-2020, utan mål och läge"]
    text = "\n".join(shown)
    assert "(mål" not in text and "i fas" not in text and "efter" not in text
    assert "Inget diagram: ett rapporteringsfönster har inga mål att mäta läget mot." in text
    assert "Inga data ännu" not in text
    (budget,) = [s for t, s in slides.items() if t == "Inga kostnader registrerade ännu"]
    assert "Andel av åtagandet" not in budget[0]
    shown, notes = slides["Strategisk utveckling: 1 av 1 aktiviteter genomförda"]
    assert "Nätverksmöte om fjällmat – maj 2018 – Genomförd – ca 40 – Gemensam" in notes


# --- the printed report -------------------------------------------------------------------------


def test_the_printed_report_lists_activities_as_reported(store):
    with store.reading() as conn:
        page = build_html(conn, PERIOD, "sv", as_of=AS_OF)
    rows = _Text(_section(page, "area:competence_development")).rows
    assert ["Skördefest på Jamtli", "maj 2022", "Genomförd", "ca 250", "Jamtli (medarrangör)",
            "Information och marknadsföring"] in rows  # fmt: skip
    assert ["Studieresa till Parma", "2023-09-10–2023-09-13", "Genomförd", "8",
            "Region Jämtland Härjedalen", ""] in rows  # fmt: skip
    strategic = _Text(_section(page, "area:strategic_development"))
    assert ["Projekt om hållbar matturism", "2021-03-01–2023-12-31", "Genomförd",
            "inga uppgifter", "Östersunds kommun", ""] in strategic.rows  # fmt: skip
    assert "Deltagarantal rapporterat för 0 av 1 aktiviteter." in strategic.lines


def test_the_printed_budget_table_says_not_reported_for_years_without_spending(store):
    with store.reading() as conn:
        page = build_html(conn, PERIOD, "en", as_of=AS_OF)
    rows = _Text(_section(page, "budget")).rows
    assert rows[0] == ["Year", "Östersund Municipality (SEK)", "Commitment (SEK)",
                       "External funding (SEK)", "Budget (SEK)",
                       "Leverage (external SEK per municipal krona)"]  # fmt: skip
    assert rows[1] == ["2021", "not reported", f"SEK{NBSP}100,000", "not reported",
                       "not reported", "not reported"]  # fmt: skip
    assert rows[2] == ["2022", f"SEK{NBSP}100,000", f"SEK{NBSP}100,000", f"SEK{NBSP}80,000",
                       f"SEK{NBSP}250,000", "0.80"]  # fmt: skip


def test_the_printed_outcomes_are_grouped_by_kind_and_escaped(store):
    with store.reading() as conn:
        page = build_html(conn, PERIOD, "sv", as_of=AS_OF)
    section = _section(page, "outcomes")
    assert (
        "<h3>Utmärkelse</h3><ul><li>Pris &lt;b&gt;för&lt;/b&gt; skördefesten (november 2022; "
        "Jamtli)</li></ul>"
    ) in section
    assert (
        "<h3>Avtal</h3><ul><li>Avsiktsförklaring med Parma (utan datum; Parma)</li></ul>" in section
    )
    # One file that names no other host: a web address stays in the draft and the open data.
    assert "<b>" not in section and "https://" not in page


def test_the_printed_exchanges_say_what_is_unknown_and_approximate(store):
    with store.reading() as conn:
        page = build_html(conn, PERIOD, "sv", as_of=AS_OF)
    text = _Text(_section(page, "exchanges"))
    assert ["2022", "2", "ca 33"] in text.rows  # "ca 30" in a digital meeting, 3 at a conference
    assert (
        "Andelen med UCCN-städer räknas bland utbyten med städer vars medlemskap är känt. "
        "Utbyten där det är okänt (staden finns inte i UNESCO:s lista): 1."
    ) in text.lines


def test_the_printed_report_for_a_window_has_no_status(store):
    with store.reading() as conn:
        page = build_html(conn, IN_WINDOW, "en", as_of=AS_OF)
    text = _Text(page)
    assert "UCCN follow-up: The reporting window 2016-2020" in text.lines
    headline = _Text(_section(page, "headline"))
    assert headline.rows[0] == ["Key figure", "Value", "Target", "Expected by now",
                                "Reached of expected (%)", "Progress"]  # fmt: skip
    assert all(row[2:] == ["", "", "", ""] for row in headline.rows[1:])
    assert not re.search(r"\(target|on track|at risk", _section(page, "headline"))


# --- the UNESCO draft ---------------------------------------------------------------------------


def test_the_unesco_draft_for_a_reporting_window_from_the_command_line(store, tmp_path):
    out = tmp_path / "window.docx"
    argv = ["report", "--format", "docx", "--period", WINDOW, "--out", str(out)]
    assert main([*argv, "--db", str(store.path)]) == 0
    doc = _docx(out.read_bytes())
    text = [p.text for p in doc.paragraphs]
    assert (
        "Period covered: 1 Jan 2016 – 31 Dec 2020 (reporting window 2016-2020, without commitments)"
        in text
    )
    assert "Östersund Municipality's funds: not reported" in text
    assert "Small and medium-sized enterprises reached: not reported" in text
    assert (
        "Exchanges: 0 (0 outbound, 0 inbound, 0 digital); participants: not reported; SMEs: not reported."
        in text
    )
    assert not any("commitment " in line or "on track" in line for line in text)
    assert "Spending reported for 0 of 5 years so far." in text
    # The roles held in the network are outcomes, shown in the network section.
    assert "Ordförande i gastronominätverket (2014–2018; UCCN)" in _under(doc, "3.")
    assert (
        "Next agreement period in the data store: 2021-2024 (1 Jan 2021 – 31 Dec 2024), with "
        f"Östersund Municipality's SEK{NBSP}100,000 a year and 30% of one full-time post per party."
    ) in text
    local = _rows(doc, "Activity")
    assert ["Nätverksmöte om fjällmat", "May 2018", "Food/gastronomy", "Östersund", "about 40",
            "Joint"] in local  # fmt: skip


def test_the_unesco_draft_lists_cooperation_with_uccn_cities_in_any_framework_activity(store):
    with store.reading() as conn:
        doc = _docx(build_monitoring_report(conn, "2021-2024", "en", as_of=AS_OF))
    intercity = _under(doc, "5.")
    assert (
        "Activities with UCCN cities as partners, whatever their framework activity:" in intercity
    )
    projects = [r for r in _rows(doc, "Activity") if r[3] == "Parma"]
    # A study trip under competence development, not strategic development: still listed.
    assert projects == [
        ["Studieresa till Parma", "10 Sep 2023–13 Sep 2023", "Competence development", "Parma",
         "Completed"],
    ]  # fmt: skip
    cities = {r[0]: r for r in _rows(doc, "City")}
    assert cities["Parma"][2] == "yes" and cities["Gotham"][2] == "unknown"
    assert ["UCCN Annual Conference", "Network", "1", "about 100", "not reported"] in _rows(
        doc, "Partner"
    )
    # No role in 2021–2024: said so, never left blank.
    assert "No roles in the network are registered for the period." in _under(doc, "3.")
    outcomes = _rows(doc, "Kind")
    assert outcomes == [
        [
            "Award",
            "Pris <b>för</b> skördefesten https://example.org/pris",
            "November 2022",
            "Jamtli",
        ],
        ["Agreement", "Avsiktsförklaring med Parma", "undated", "Parma"],
    ]


def test_the_unesco_draft_summary_says_what_is_estimated_unknown_and_budgeted(store):
    with store.reading() as conn:
        doc = _docx(build_monitoring_report(conn, "2021-2024", "sv", as_of=AS_OF))
    summary = _under(doc, "1.")
    assert "Deltagare i aktiviteterna: ca 358 (rapporterat för 3 av 4 aktiviteter)" in summary
    assert (
        f"Budgetar för perioden: 250{NBSP}000{NBSP}kr, redovisade bredvid utfallet och aldrig "
        "inräknade i det"
    ) in summary
    assert "Resultat utöver aktiviteterna: 2 (Utmärkelse: 1; Avtal: 1)" in summary
    assert (
        "Arbetstid rapporterad hittills: Östersunds kommun 0 av 48 månader; "
        "Region Jämtland Härjedalen 0 av 48 månader."
    ) in summary
