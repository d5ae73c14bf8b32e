"""One record in a form (issue 15 part 4), in real Streamlit: a coordinator adds an activity
without a spreadsheet, it shows on the pages, and undo removes it; a mistake is named by its
field and nothing is written; an existing record opens with its values as a file holds them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_data import frame_with, metric, open_app
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


def unreferenced_activity(store: Store) -> tuple[str, str]:
    """An activity of the demo data that no SME, exchange, spending row or outcome refers
    to, with a title no other activity has: (id, title)."""
    with store.reading() as conn:
        found = conn.execute(
            "select activity_id, title from activities a "
            "where not exists (select 1 from (select activity_id from sme_participation "
            "union all select activity_id from exchanges union all select activity_id "
            "from spending union all select activity_id from outcomes) u "
            "where u.activity_id = a.activity_id) "
            "and (select count(*) from activities b where b.title = a.title) = 1 "
            "order by activity_id limit 1"
        ).fetchone()
    assert found is not None
    return str(found[0]), str(found[1])


def framework_titles(at: AppTest) -> set[str]:
    at.switch_page("views/framework.py").run()
    return {
        title
        for frame in (d.value for d in at.dataframe if "Aktivitet" in d.value.columns)
        for title in frame["Aktivitet"]
    }


def activities_shown(at: AppTest) -> int:
    at.switch_page("views/overview.py").run()
    return int(metric(at, "activities").replace("\u00a0", "").replace(" ", ""))


def delete_record(at: AppTest, table: str, record: str) -> AppTest:
    at.selectbox(key=f"record_id_{table}").set_value(record).run()
    assert at.button(key=f"record_delete_{table}").disabled  # not before it is confirmed
    at.checkbox(key=f"record_delete_confirm_{table}_{record}").check().run()
    return at.button(key=f"record_delete_{table}").click().run()


def test_an_activity_nothing_refers_to_is_deleted_from_the_pages_and_undo_brings_it_back(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    activity, title = unreferenced_activity(demo_copy)
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    before = activities_shown(at)
    assert title in framework_titles(at)

    at.switch_page("views/data.py").run()
    delete_record(at, "activities", activity)
    assert not at.exception and not at.error
    newest = demo_copy.history()[0]
    assert (newest["table_name"], newest["file_name"]) == ("activities", f"Formulär: {activity}")
    assert (newest["rows_deleted"], newest["imported_by"]) == (1, "Anna Samordnare")
    assert [shown(s.value) for s in at.success] == [
        f"Posten {activity} är borttagen (import {newest['import_id']}). "
        "Det kan ångras under Historik."
    ]
    # The form is back to a new record, and History shows the entry as a deletion.
    assert at.selectbox(key="record_id_activities").value == ""
    log = frame_with(at, "Borttagna")
    assert log.iloc[0]["Borttagna"] == 1 and log.iloc[0]["Fil"] == f"Formulär: {activity}"

    assert activities_shown(at) == before - 1
    assert title not in framework_titles(at)

    at.switch_page("views/data.py").run()
    at.selectbox(key="undo_id").set_value(newest["import_id"])
    at.button(key="undo").click().run()
    assert any(
        m.value == f"Import {newest['import_id']} ångras: det den tog bort kommer tillbaka."
        for m in at.markdown
    )
    next(b for b in at.button if b.label == "Ja, ångra").click().run()
    assert [s.value for s in at.success] == [
        f"Import {newest['import_id']} är ångrad: 0 rader borttagna, 1 återställda."
    ]
    assert activities_shown(at) == before
    assert title in framework_titles(at)


def test_an_activity_that_smes_refer_to_cannot_be_deleted(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo_copy.reading() as conn:
        found = conn.execute(
            "select activity_id from sme_participation group by 1 order by count(*) desc limit 1"
        ).fetchone()
    assert found is not None
    activity = str(found[0])
    before = demo_copy.history()
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    delete_record(at, "activities", activity)
    assert not at.exception and not at.success
    [error] = [shown(e.value) for e in at.error]
    assert error.startswith(f"Aktiviteten {activity} kan inte tas bort: ")
    assert error.endswith("hänvisar till den. Ta bort eller ändra dem först.")
    assert demo_copy.history() == before
    assert activity in demo_copy.activity_ids()
