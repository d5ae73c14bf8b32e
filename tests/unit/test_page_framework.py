"""The Framework page as data (`uccn_data.pages.framework`), on a small hand-made record: the
area cards, the findings in the chart titles, the alt texts, the notes on activities counted in
several areas, the timeline and the list, in both languages, without a browser."""

from __future__ import annotations

import pytest

from uccn_data.kpis import Filters
from uccn_data.pages import framework
from uccn_data.pages.model import Cards, SearchTable

# id, title, areas, themes, start, end, level, status, participants
ACTIVITIES = [
    ("A1", "Matkurs i Åre", "competence_development", "gastronomi", "2022-03-01", "", "regional", "genomförd", "30"),
    ("A2", "UCCN-mötet", "strategic_development; information_marketing", "gastronomi; turism", "2022-05", "", "internationell", "genomförd", "ca 100"),
    ("A3", "Matfestival", "information_marketing", "kultur", "2023", "", "nationell", "pågående", ""),
    ("A4", "EU-projekt", "competence_development; strategic_development", "turism", "2021-09", "2023-06", "internationell", "genomförd", "12"),
    ("A5", "Inställt seminarium", "competence_development", "gastronomi", "2024-02-01", "", "regional", "inställd", "8"),
]  # fmt: skip
AREAS = ("information_marketing", "competence_development", "strategic_development")


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    store = Store(tmp_path_factory.mktemp("framework") / "uccn.duckdb")
    store.initialise()
    rows = [
        ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "slutdatum", "nivå",
         "ansvarig", "status", "deltagare", "beskrivning"],
        *[[i, title, a, th, s, e, lvl, "gemensam", st, p, f"Om {title}"]
          for i, title, a, th, s, e, lvl, st, p in ACTIVITIES],
    ]  # fmt: skip
    report = import_file(store, swedish_csv(rows), "activities.csv", "activities", user="test")
    assert report.ok, [p.message("en") for p in report.errors]
    with store.reading() as c:
        yield c


def page(conn, lang="sv", **filters):
    return framework.build(conn, Filters("2021-2024", **filters), lang)


def held():
    return [a for a in ACTIVITIES if a[7] != "inställd"]


def test_each_area_card_counts_its_activities_once_with_participants_as_reported(conn):
    cards = next(b for b in page(conn).blocks if isinstance(b, Cards)).cards
    assert [c.heading for c in cards] == [
        "Information och marknadsföring",
        "Kompetensutveckling",
        "Strategisk utveckling",
    ]
    for card, area in zip(cards, AREAS, strict=True):
        mine = [a for a in held() if area in a[2]]
        values = {m.label: m.value for m in card.metrics}
        assert values["Aktiviteter"] == str(len(mine)), area
        done = [a for a in mine if a[7] == "genomförd"]
        assert values["Genomförda"] == str(len(done)), area
    # Information: A2 (ca 100) and A3 (not reported) -> "ca 100"; never 0 for A3.
    info = {m.label: m.value for m in cards[0].metrics}
    assert info["Deltagare"] == "ca 100"


def test_the_notes_say_an_activity_counts_in_several_areas(conn):
    texts = page(conn).texts()
    several = [a for a in held() if ";" in a[2]]
    assert any(f"{len(several)} av {len(held())}" in t for t in texts), texts
    without = [a for a in held() if not a[8]]
    assert any(f"{len(held()) - len(without)} av {len(held())}" in t for t in texts)


def test_the_theme_title_names_the_most_common_theme_counted_once(conn):
    chart = page(conn).chart("framework-by-theme")
    counts: dict[str, int] = {}
    for a in held():
        for theme in a[3].split("; "):
            counts[theme] = counts.get(theme, 0) + 1
    top = max(counts, key=counts.get)
    assert top == "gastronomi" or counts["turism"] == counts["gastronomi"]
    # gastronomi (A1, A2) and turism (A2, A4) tie at 2: the title says so rather than crown one.
    assert counts["gastronomi"] == counts["turism"] == 2
    # (escaped for Markdown: the slash is a backslash-escaped character in the heading)
    assert "Mat\\/gastronomi" in chart.title and "Turism" in chart.title
    assert "lika vanliga" in chart.title
    # The bars count per area: A2 is in two areas, so its themes count twice.
    rows = chart.table.to_dict("records")
    assert {"Ramaktivitet": "Strategisk utveckling", "Tema": "Turism", "Aktiviteter": 2} in rows


def test_the_status_title_counts_completed_of_all_including_cancelled(conn):
    chart = page(conn, lang="en").chart("framework-by-status")
    done = sum(a[7] == "genomförd" for a in ACTIVITIES)
    assert f"{done} of {len(ACTIVITIES)}" in chart.title
    assert "Cancelled" in chart.alt


def test_one_year_reads_the_timeline_by_quarter_and_spans_by_overlap(conn):
    year = page(conn, year=2022)
    chart = year.chart("framework-timeline")
    # 2022 overlaps A1 (Mar 2022), A2 (May 2022), A4 (Sep 2021 - Jun 2023); A3 (2023) does not.
    titles = set(chart.table["Aktivitet"])
    assert titles == {"Matkurs i Åre", "UCCN-mötet", "EU-projekt"}
    # A4 began in 2021, so the quarters are of A1 (Q1) and A2 (Q2): a tie, said as such.
    assert "1" in chart.title and "2" in chart.title
    assert "maj 2022" in set(chart.table["Start"])


def test_the_list_shows_dates_and_counts_as_written_and_unknown_as_not_reported(conn):
    listing = next(b for b in page(conn).blocks if isinstance(b, SearchTable))
    assert len(listing.frame) == len(ACTIVITIES)  # cancelled ones are listed too
    by_title = listing.frame.set_index("Aktivitet")
    assert by_title.loc["UCCN-mötet", "Deltagare"] == "ca 100"
    assert by_title.loc["Matfestival", "Deltagare"] == "inga uppgifter"
    assert by_title.loc["Matfestival", "Tid"] == "2023"
    assert by_title.loc["EU-projekt", "Tid"] == "september 2021–juni 2023"
    assert by_title.loc["UCCN-mötet", "Ramaktivitet"] == (
        "Strategisk utveckling, Information och marknadsföring"
    )
    # The search runs over title, partners, description, results and lead, case-blind.
    hits = listing.frame[listing.haystack.str.contains("om matfestival").to_numpy()]
    assert list(hits["Aktivitet"]) == ["Matfestival"]


def test_an_area_filter_keeps_only_that_area_in_the_bars(conn):
    chart = page(conn, framework_area="competence_development").chart("framework-by-level")
    assert set(chart.data["area"]) == {"Kompetensutveckling"}


def test_english_page_uses_english_words(conn):
    texts = " ".join(page(conn, lang="en").texts())
    assert "Framework activities" in texts
    assert "Kompetensutveckling" not in texts
