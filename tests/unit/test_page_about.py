"""The About page as data (`uccn_data.pages.about`): the store's section on a small hand-made
store (the last import still in force, in Swedish time summer and winter; the demo flag; the
full-time setting; the periods and a reporting window), and the parts that come from the code
(every key figure explained, the reference data, the accessibility statement), in both
languages, without a browser."""

from __future__ import annotations

from datetime import date

import pytest

from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Filters
from uccn_data.pages import about
from uccn_data.pages.model import Expander, Heading, Table, Text
from uccn_data.tables import TABLES

NBSP = "\u00a0"
WINDOW = ref.AgreementPeriod(
    "2016-2020", date(2016, 1, 1), date(2020, 12, 31), None, None, False, "Före", "Before", "reporting"
)  # fmt: skip
# (UTC as the log keeps it, undone?) The latest import in force is the winter one; the summer
# one after it was undone and no longer counts.
IMPORTS = [("2024-01-15 09:30:00+00", None), ("2024-07-01 10:05:00+00", "2024-07-02 08:00:00+00")]


def _store(path, demo: bool):
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    store = Store(path / "uccn.duckdb")
    store.initialise()
    rows = [["organisation", "månad", "timmar"], ["ostersund", "2022-01", "10"]]
    for month in ("2022-01", "2022-02"):  # two imports, so two lines in the log
        rows[1][1] = month
        report = import_file(store, swedish_csv(rows), "staff_time.csv", "staff_time", user="t")
        assert report.ok
    with store.writing() as conn:
        ids = [r[0] for r in conn.execute("select import_id from import_log order by 1").fetchall()]
        for import_id, (at, undone) in zip(ids, IMPORTS, strict=True):
            conn.execute(
                "update import_log set imported_at = ?::timestamptz, "
                "undone_at = ?::timestamptz where import_id = ?",
                [at, undone, import_id],
            )
    store.set_setting("full_time_hours", "1600")
    store.set_setting("is_demo", "true" if demo else "false")
    store.save_period(WINDOW)
    return store


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    with _store(tmp_path_factory.mktemp("about"), demo=True).reading() as c:
        yield c


def store_section(conn, lang):
    """The store's section of the page: from its heading to the accessibility statement."""
    blocks = about.build(conn, Filters(), lang).blocks
    heading = {"sv": "Datalagret", "en": "The data store"}[lang]
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    return blocks[start : len(blocks) - len(about.statement(lang))]


def store_texts(conn, lang):
    return [b.text for b in store_section(conn, lang) if isinstance(b, Heading | Text)]


@pytest.mark.parametrize(("lang", "line"), [("sv", "Senaste import: 2024-01-15 10:30 (svensk tid)."), ("en", "Last import: 2024-01-15 10:30 (Swedish time).")])  # fmt: skip
def test_the_last_import_in_force_is_shown_in_swedish_time(conn, lang, line):
    # 09:30 UTC in January is 10:30 in Stockholm (winter time); the undone import in July
    # (12:05 Swedish summer time) is not the latest in force.
    shown = store_texts(conn, lang)
    assert line in shown
    assert not any("2024-07-01" in s for s in shown)


def test_a_summer_import_is_two_hours_ahead_of_utc(tmp_path):
    store = _store(tmp_path, demo=False)
    with store.writing() as c:
        c.execute("update import_log set undone_at = null")
    with store.reading() as c:
        assert "Senaste import: 2024-07-01 12:05 (svensk tid)." in store_texts(c, "sv")


def test_the_demo_flag_and_the_full_time_setting_are_stated(conn, tmp_path):
    sv = store_texts(conn, "sv")
    assert any(s.startswith("Datalagret innehåller demodata") for s in sv)
    assert any(f"En heltid räknas som 1{NBSP}600 timmar per år" in s for s in sv)
    assert any(s.startswith("A full-time year counts as 1,600 hours") for s in store_texts(conn, "en"))  # fmt: skip
    with _store(tmp_path, demo=False).reading() as real:
        assert not any("demo" in s for s in store_texts(real, "sv"))


def test_an_empty_store_says_nothing_is_imported(store):
    with store.reading() as c:
        shown = store_texts(c, "en")
    assert "No files have been imported yet." in shown
    assert not any(s.startswith("Last import") for s in shown)
    assert "A full-time year counts as 1,700 hours" in shown[2]  # the default


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_periods_table_lists_agreements_and_windows_oldest_first(conn, lang):
    section = store_section(conn, lang)
    (table,) = [b for b in section if isinstance(b, Table)]
    assert table.key == "about-periods"
    rows = [list(r) for r in table.frame.itertuples(index=False)]
    agreement = ref.AGREEMENT_2021_2024
    if lang == "sv":
        assert list(table.frame.columns) == [
            "Period", "Från", "Till", "Östersunds kommun per år", "Arbetstid per part", "Typ", "Beskrivning"
        ]  # fmt: skip
        assert rows == [
            ["2016-2020", "2016-01-01", "2020-12-31", "inget åtagande", "inget åtagande",
             "Rapporteringsfönster, inga åtaganden", "Före"],
            ["2021-2024", "2021-01-01", "2024-12-31", f"100{NBSP}000{NBSP}kr", f"30{NBSP}%",
             "Avtal", agreement.note_sv],
        ]  # fmt: skip
    else:
        assert rows == [
            ["2016-2020", "1 Jan 2016", "31 Dec 2020", "no commitment", "no commitment",
             "Reporting window, no commitments", "Before"],
            ["2021-2024", "1 Jan 2021", "31 Dec 2024", f"SEK{NBSP}100,000", "30%",
             "Agreement", agreement.note_en],
        ]  # fmt: skip
    headings = [b.text for b in section if isinstance(b, Heading)]
    assert headings[0] == {"sv": "Datalagret", "en": "The data store"}[lang]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_key_figure_and_source_is_explained(lang):
    shown = [b.text for b in about.intro(lang) if isinstance(b, Heading | Text)]
    assert shown[0] == {"sv": "Om uppföljningen", "en": "About this follow-up"}[lang]
    for key, definition in KPI_DEFINITIONS.items():
        assert f"**{definition.name(lang)}**  \n{definition.definition(lang)}" in shown, key
        assert any(f"`{key}`" in s for s in shown), key
    # The status thresholds, 95 % and 75 % of what is expected by now.
    pct = {"sv": f"{NBSP}%", "en": "%"}[lang]
    assert any(f"95{pct}" in s and f"75{pct}" in s for s in shown)
    sources = next(s for s in shown if s.startswith("- **"))
    assert sources.count("\n- ") == len(TABLES) - 1
    for table in TABLES.values():
        assert f"**{table.label(lang)}**" in sources and f"`{table.alias}`" in sources
    # 350 UCCN cities in 7 fields, counted from the reference list itself.
    cities = ref.uccn_cities()
    assert any(f"{len(cities)}" in s and f"{len(ref.UCCN_CREATIVE_FIELDS)}" in s for s in shown)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_reference_files_notes_are_plain_text_with_the_goals(lang):
    uccn, goals = about.source_notes(lang)
    assert isinstance(uccn, Expander) and isinstance(goals, Expander)
    assert uccn.blocks == [Text(ref.uccn_source(), "plain")]
    note, table = goals.blocks
    assert isinstance(note, Text) and note.style == "plain" and "sdgs.un.org" in note.text
    assert isinstance(table, Table) and table.key == "about-sdg-goals"
    assert table.frame.iloc[:, 0].tolist() == list(range(1, 18))
    names = [g.en if lang == "en" else g.sv for g in ref.sdg_goals()]
    assert table.frame.iloc[:, 1].tolist() == names
    # Built once: a second call gives the same notes, and changing the list changes nothing.
    about.source_notes(lang).clear()
    assert len(about.source_notes(lang)) == 2


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_accessibility_statement_names_the_law_contact_and_date(lang):
    shown = [b.text for b in about.statement(lang) if isinstance(b, Heading | Text)]
    joined = "\n".join(shown)
    for needed in ("2018:1937", "WCAG 2.1", "EN 301 549", "DIGG", about.CONTACT):
        assert needed in joined, needed
    assert shown[-1].endswith({"sv": "2026-12-03.", "en": "3 Dec 2026."}[lang])
    assert about.no_store(lang)[1].text.startswith(
        {"sv": "Det finns inget datalager", "en": "There is no data store"}[lang]
    )
