"""The reporting calendar (issue 15): deadlines an admin sets, what is still missing for the
next one on the demo store (whose region left out November and December 2023), and the
calendar as an .ics file read back with icalendar as Outlook would read it."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from uccn_data import deadlines, kpis
from uccn_data.kpis import Filters
from uccn_data.pages import completeness
from uccn_data.pages.model import Download, Table, Text
from uccn_data.store import Deadline, Store

TODAY = date(2024, 1, 20)
ANNUAL_2023 = Deadline("annual-2023", date(2024, 2, 14), 2023, "Årsuppföljning 2023", "")
ANNUAL_2022 = Deadline("annual-2022", date(2023, 2, 14), 2022, "Årsuppföljning 2022", "Annual 2022")


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(shutil.copy(demo_template, tmp_path_factory.mktemp("calendar") / "d.duckdb"))
    store.save_deadline(ANNUAL_2023)
    store.save_deadline(ANNUAL_2022)
    return store


def test_deadlines_are_kept_earliest_first_replaced_by_id_and_removed(store: Store) -> None:
    store.save_deadline(ANNUAL_2023)
    store.save_deadline(ANNUAL_2022)
    assert store.deadlines() == [ANNUAL_2022, ANNUAL_2023]
    moved = Deadline("annual-2023", date(2024, 3, 1), 2023, "Årsuppföljning 2023, ny tid")
    store.save_deadline(moved)
    assert store.deadlines() == [ANNUAL_2022, moved]
    assert store.remove_deadline("annual-2022") is True
    assert store.remove_deadline("annual-2022") is False
    assert store.deadlines() == [moved]
    assert moved.title("en") == "Årsuppföljning 2023, ny tid"  # no English: the Swedish


def test_the_next_deadline_and_what_is_still_missing_for_it(demo: Store) -> None:
    with demo.reading() as conn:
        assert deadlines.next_due(conn, TODAY) == ANNUAL_2023
        assert deadlines.next_due(conn, date(2025, 1, 1)) is None
        missing = deadlines.still_missing(conn, ANNUAL_2023, "sv", TODAY)
        gaps = kpis.completeness_gaps(conn, Filters(year=2023))
    assert missing[0] == (
        "Arbetstid saknas för Region Jämtland Härjedalen: november 2023, december 2023."
    )
    # One sentence per kind of gap, with the count the store holds.
    for gap, count in gaps["gap"].value_counts().items():
        assert any(m.startswith(f"{count} ") for m in missing), gap
    assert not any("Östersunds kommun" in m for m in missing)


def test_the_completeness_page_shows_the_calendar_and_offers_it_as_ics(demo: Store) -> None:
    with demo.reading() as conn:
        page = completeness.build(conn, Filters(), "sv", today=TODAY)
    assert "Nästa: Årsuppföljning 2023, 2024-02-14 (uppgifterna för 2023)." in page.texts()
    listed = next(b.frame for b in page.blocks if isinstance(b, Table) and "Vad" in b.frame)
    assert list(listed["Datum"]) == ["2023-02-14", "2024-02-14"]
    download = next(b for b in page.blocks if isinstance(b, Download))
    assert download.file_name.endswith(".ics") and download.mime == "text/calendar"
    events = Calendar.from_ical(download.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Årsuppföljning 2022", "Årsuppföljning 2023"]
    missing = [b.text for b in page.blocks if isinstance(b, Text) and b.text.startswith("- ")]
    assert missing and "november 2023, december 2023" in missing[0]


def test_the_ics_file_has_all_day_events_with_a_reminder_a_week_before() -> None:
    stamp = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
    data = deadlines.ics([ANNUAL_2022, ANNUAL_2023], "en", now=stamp)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    first, second = calendar.walk("VEVENT")
    assert str(first["SUMMARY"]) == "Annual 2022"  # its English title
    assert str(second["SUMMARY"]) == "Årsuppföljning 2023"  # none in English: the Swedish
    assert first.decoded("DTSTART") == date(2023, 2, 14)
    assert first.decoded("DTEND") == date(2023, 2, 15)
    assert first.decoded("DTSTAMP") == stamp
    assert str(first["UID"]) != str(second["UID"])
    (alarm,) = first.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=deadlines.REMINDER_DAYS)


def test_a_store_without_dates_says_how_to_add_them(store: Store) -> None:
    with store.reading() as conn:
        page = completeness.build(conn, Filters(), "en", today=TODAY)
    assert "No dates are set. An admin adds them on the Data page." in page.texts()
    assert not [b for b in page.blocks if isinstance(b, Download)]
