"""Presentation mode and the report downloads, in real Streamlit."""

from __future__ import annotations

from datetime import date

from uccn_data import kpis
from uccn_data.reports import projector
from uccn_data.reports.content import screens

NBSP = "\N{NO-BREAK SPACE}"


def test_present_mode_shows_one_screen_at_a_time_without_the_menu(demo_store, open_page):
    at = open_page(demo_store.path, None, present="1", lang="sv")
    assert not at.exception
    with demo_store.reading() as conn:
        expected = screens(conn, kpis.Filters(), "sv")
    assert at.title[0].value == expected[0].title
    assert any(f"av {len(expected)}" in m.value for m in at.markdown)
    at.button(key="slide_next").click().run()
    assert at.title[0].value == expected[1].title
    at.button(key="slide_previous").click().run()
    assert at.title[0].value == expected[0].title
    # Every key figure on the screen is the deck's, its target and status in columns of their
    # own (not cut off at the end of a card), and the one at risk says so in bold.
    shown = at.table[0].value
    assert shown.equals(projector.figure_table(projector.figures(expected[0], "sv"), "sv"))
    assert list(shown.columns) == ["Nyckeltal", "Värde", "Mål", "Läge"]
    assert list(shown["Nyckeltal"]) == [label for label, _ in expected[0].figures]
    at_risk = shown[shown["Nyckeltal"] == "Östersunds kommuns medel använda"].iloc[0]
    assert at_risk["Läge"] == f"**⚠{NBSP}Risk**"


def test_a_meeting_date_opens_with_what_is_new(demo_store, open_page):
    at = open_page(demo_store.path, None, present="1", since="2026-01-01", lang="en")
    assert not at.exception
    with demo_store.reading() as conn:
        first = screens(conn, kpis.Filters(), "en", date(2026, 1, 1))[0]
    assert at.title[0].value == first.title
    assert first.key.startswith("since")


def test_a_bad_meeting_date_is_a_notice(demo_store, open_page):
    at = open_page(demo_store.path, None, present="1", since="förra tisdagen")
    assert not at.exception
    assert any("förra tisdagen" in w.value for w in at.warning)


def test_the_reports_page_offers_every_output_and_whole_numbers_only_to_coordinators(
    demo_store, open_page
):
    at = open_page(demo_store.path, "reports", lang="en")
    assert not at.exception
    keys = {b.key for b in at.get("download_button")}
    assert {
        "download_deck",
        "download_html",
        "download_unesco_en",
        "download_unesco_sv",
        "download_open_data",
    } <= keys
    assert "download_open_data_whole" not in keys


def test_the_outcomes_screen_lists_them_by_kind_as_plain_text(demo_store, open_page):
    at = open_page(demo_store.path, None, present="1", lang="sv")
    with demo_store.reading() as conn:
        expected = screens(conn, kpis.Filters(), "sv")
    last = len(expected) - 1
    assert expected[last].key == "outcomes"
    at.session_state["slide"] = last
    at.run()
    assert not at.exception
    assert at.title[0].value == expected[last].title
    assert [h.value for h in at.main.header] == [heading for heading, _ in expected[last].listing]
    shown = "\n".join(t.value for t in at.text)
    assert (
        "• Ordförande och samordnare för UCCN:s gastronomiska delnätverk "
        "(2019–2022; UCCN, gastronomiska delnätverket)"
    ) in shown
    assert "• Avsiktsförklaring om kockutbyte med Bergen (maj 2023; Bergen)" in shown


def test_a_reporting_window_is_presented_without_targets_or_status(tmp_path, open_page):
    from tests.unit.reports_support import WINDOW, v2_store

    store = v2_store(tmp_path)
    at = open_page(store.path, None, present="1", lang="en", period=WINDOW)
    assert not at.exception
    at.session_state["slide"] = 0
    at.run()
    assert at.title[0].value == f"The key figures for {WINDOW}, without targets or progress"
    shown = "\n".join(t.value for t in at.text)
    assert f"{WINDOW} is a reporting window, not an agreement period" in shown
    assert "No chart: a reporting window has no targets to measure progress against." in shown
    shown = at.table[0].value
    assert list(shown.columns) == ["Key figure", "Value"]  # no target, no status
    assert f"**not{NBSP}reported**" in list(shown["Value"])  # no money, no staff time in it
