"""One record in a form (issue 15 part 4), in real Streamlit: a coordinator adds an activity
without a spreadsheet, it shows on the pages, and undo removes it; a mistake is named by its
field and nothing is written; an existing record opens with its values as a file holds them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_data import metric, open_app
from tests.app.test_periods import shown
from uccn_data.store import Store

NEW_ACTIVITY = {
    "activity_id": "F-2024-01",
    "title": "Matfrukost för nya krögare",
    "framework_area": "Kompetensutveckling",
    "theme": "Mat",
    "start_date": "2024-05-02",
    "level": "regional",
    "lead": "gemensam",
    "municipality": "Östersund",
    "participants": "ca 25",
    "status": "genomförd",
}


def fill(at: AppTest, values: dict[str, str]) -> AppTest:
    for name, value in values.items():
        at.text_input(key=f"record_activities_{name}").input(value)
    next(b for b in at.button if b.label == "Spara posten").click()
    return at.run()


def test_an_activity_added_in_the_form_shows_on_the_pages_and_undo_removes_it(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    before = int(metric(at, "activities").replace("\u00a0", "").replace(" ", ""))
    at.switch_page("views/data.py").run()
    assert "En post" in [tab.label for tab in at.tabs]

    fill(at, NEW_ACTIVITY)
    assert not at.exception
    newest = demo_copy.history()[0]
    assert newest["table_name"] == "activities" and newest["rows_inserted"] == 1
    assert newest["file_name"] == "formulär aktiviteter F-2024-01"
    assert [s.value for s in at.success] == [
        f"Posten F\\-2024\\-01 är sparad (import {newest['import_id']}). "
        "Den kan ångras under Historik."
    ]
    with demo_copy.reading() as conn:
        stored = conn.execute(
            "select title, participants, participants_approx from activities "
            "where activity_id = 'F-2024-01'"
        ).fetchall()
    assert stored == [("Matfrukost för nya krögare", 25, "about")]

    at.switch_page("views/overview.py").run()
    assert int(metric(at, "activities").replace("\u00a0", "").replace(" ", "")) == before + 1
    at.switch_page("views/framework.py").run()
    listed = [d.value for d in at.dataframe if "Aktivitet" in d.value.columns]
    assert any("Matfrukost för nya krögare" in set(frame["Aktivitet"]) for frame in listed)

    at.switch_page("views/data.py").run()
    at.selectbox(key="undo_id").set_value(newest["import_id"])
    at.button(key="undo").click().run()
    next(b for b in at.button if b.label in ("Ja, ångra", "Ångra importen")).click().run()
    with demo_copy.reading() as conn:
        gone = conn.execute(
            "select count(*) from activities where activity_id = 'F-2024-01'"
        ).fetchone()
    assert gone == (0,)


def test_a_mistake_is_named_by_its_field_and_nothing_is_written(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    before = demo_copy.history()
    fill(at, {**NEW_ACTIVITY, "start_date": "2024-02-30"})
    assert not at.exception
    errors = [shown(e.value) for e in at.error]
    assert errors[0] == "Posten sparades inte. Rätta det som står nedan; inget har ändrats."
    assert any(e.startswith("startdatum: ") for e in errors[1:])
    assert demo_copy.history() == before


def test_an_existing_record_opens_with_its_values_as_a_file_holds_them(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    at.selectbox(key="record_id_activities").set_value("A2019-001").run()
    assert at.text_input(key="record_activities_start_date").value == "2019-09"
    assert at.text_input(key="record_activities_smes_count").value == "minst 40"
    assert at.text_input(key="record_activities_activity_id").disabled


def test_a_spending_row_goes_through_the_same_checks_as_a_file_closed_years_included(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_copy.close_year(2023, "Alva Admin")
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    at.selectbox(key="record_table").set_value("spending").run()
    row = {
        "spending_id": "F-K-1",
        "date": "2023-06-01",
        "amount_sek": "1 500 kr",
        "funder": "extern",
        "category": "resor",
    }

    def save(values: dict[str, str]) -> None:
        for name, value in values.items():
            at.text_input(key=f"record_spending_{name}").input(value)
        next(b for b in at.button if b.label == "Spara posten").click()
        at.run()

    save(row)
    assert any("2023" in shown(e.value) and "Alva Admin" in shown(e.value) for e in at.error)
    assert demo_copy.history()[0]["file_name"] != "formulär kostnader F-K-1"

    save({**row, "date": "2024-06-01"})
    assert not at.error
    assert demo_copy.history()[0]["file_name"] == "formulär kostnader F-K-1"
    with demo_copy.reading() as conn:
        assert conn.execute(
            "select amount_sek from spending where spending_id = 'F-K-1'"
        ).fetchone() == (1500,)
