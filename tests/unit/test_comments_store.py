"""Comments (kommentarer, v2 follow-up cycle) in the store, and one record deleted: the key
with an empty year, the checks a coordinator's file meets, the log and the undo. Driven
through `import_file`, the store and the command line, as a coordinator would."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import swedish_csv
from uccn_data.__main__ import main
from uccn_data.commentary import comment_for, comments_on
from uccn_data.importer import ImportReport, import_file
from uccn_data.reference import AgreementPeriod
from uccn_data.store import DeleteRefused, Store, UndoRefused

HEADER = ["omfattning", "avtalsperiod", "år", "text_sv", "text_en"]


def upload(store: Store, rows: list[list[Any]]) -> ImportReport:
    return import_file(store, swedish_csv([HEADER, *rows]), "kommentarer.csv", "kommentarer")


def problems(report: ImportReport) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in report.errors]


def stored(store: Store) -> list[tuple[Any, ...]]:
    return [
        (r["scope"], r["period"], r["year"], r["text_sv"], r["text_en"])
        for r in store.table("comments").to_pylist()
    ]


def test_a_comment_for_a_year_and_one_for_the_whole_period_are_two_comments(store):
    report = upload(
        store,
        [
            ["Helhet", "2021-2024", "2024", "Året med flest utbyten.", "The year of most exchanges."],
            ["helhet", "2021-2024", "", "Perioden i korthet.", ""],
            ["Kompetensutveckling", "2021-2024", "2024", "Fler kurser.", ""],
        ],
    )  # fmt: skip
    assert report.ok, problems(report)
    assert report.result is not None and report.result.inserted == 3
    with store.reading() as conn:
        year = comment_for(conn, "overall", "2021-2024", 2024)
        whole = comment_for(conn, "overall", "2021-2024")
        assert comment_for(conn, "overall", "2021-2024", 2023) is None
        assert [c.scope for c in comments_on(conn, "2021-2024", 2024)] == [
            "competence_development",
            "overall",
        ]
    assert year is not None and whole is not None
    assert year.text("sv") == "Året med flest utbyten."
    assert year.text("en") == "The year of most exchanges." and year.translated("en")
    # No English: the English reader gets the Swedish text, and is told so.
    assert whole.text("en") == "Perioden i korthet." and not whole.translated("en")


def test_saving_the_same_comment_again_changes_nothing_and_a_new_text_replaces_it(store):
    rows = [["helhet", "2021-2024", "", "Första versionen.", ""]]
    assert upload(store, rows).ok
    again = upload(store, rows)
    assert again.result is not None and (again.result.inserted, again.result.unchanged) == (0, 1)

    changed = upload(store, [["helhet", "2021-2024", "", "Andra versionen.", "Second."]])
    assert changed.result is not None and changed.result.updated == 1
    assert stored(store) == [("overall", "2021-2024", None, "Andra versionen.", "Second.")]

    store.undo(changed.result.import_id)  # the first version comes back, whole period and all
    assert stored(store) == [("overall", "2021-2024", None, "Första versionen.", None)]


def test_a_file_naming_one_comment_twice_is_refused_whole_period_included(store):
    report = upload(
        store,
        [
            ["helhet", "2021-2024", "", "En.", ""],
            ["sdg11", "2021-2024", "2022", "Två.", ""],
            ["Overall", "2021-2024", "", "Tre.", ""],
        ],
    )
    assert problems(report) == [(2, "scope", "duplicate_key"), (4, "scope", "duplicate_key")]
    assert "4" in report.errors[0].message("sv") and stored(store) == []


def test_an_unknown_period_and_a_year_outside_the_period_name_row_and_column(store):
    report = upload(
        store,
        [
            ["helhet", "2016-2020", "", "Historiken.", ""],
            ["helhet", "2021-2024", "2019", "Före avtalet.", ""],
            ["nyckeltal saknas", "2021-2024", "", "Vad?", ""],
        ],
    )
    assert problems(report) == [
        (2, "period", "unknown_period"),
        (3, "year", "year_outside_period"),
        (4, "scope", "bad_enum"),
    ]
    sv = [p.message("sv") for p in report.errors]
    assert "2021-2024" in sv[0] and "period add" in sv[0]
    assert "2021–2024" in sv[1] and "tom" in sv[1]
    assert stored(store) == []

    # Once the reporting window is added, the same comment goes in.
    store.save_period(
        AgreementPeriod(
            "2016-2020",
            date(2016, 1, 1),
            date(2020, 12, 31),
            None,
            None,
            False,
            "Före avtalet",
            "Before the agreement",
            kind="reporting",
        )
    )
    assert upload(store, [["helhet", "2016-2020", "2018", "Historiken.", ""]]).ok


def test_a_comment_longer_than_4000_characters_is_refused(store):
    report = upload(store, [["helhet", "2021-2024", "", "å" * 4001, ""]])
    assert [p[1] for p in problems(report)] == ["text_sv"] and stored(store) == []
    assert upload(store, [["helhet", "2021-2024", "", "å" * 4000, ""]]).ok


def test_markup_is_stored_exactly_as_written(store):
    text = "Se [länken](http://evil.example) <img src=x onerror=alert(1)> **fet**"
    assert upload(store, [["helhet", "2021-2024", "2024", text, ""]]).ok
    assert stored(store)[0][3] == text


def test_import_kommentarer_from_the_command_line(store, tmp_path, capsys):
    path = tmp_path / "kommentarer.csv"
    path.write_bytes(swedish_csv([HEADER, ["helhet", "2021-2024", "2024", "Bra år.", ""]]))
    assert main(["import", "kommentarer", str(path), "--db", str(store.path)]) == 0
    assert "1" in capsys.readouterr().out
    assert stored(store) == [("overall", "2021-2024", 2024, "Bra år.", None)]

    store.close_year(2024, by="Åsa Öberg")
    path.write_bytes(swedish_csv([HEADER, ["helhet", "2021-2024", "2024", "Ändrad.", ""]]))
    assert main(["import", "kommentarer", str(path), "--db", str(store.path)]) == 1
    out = capsys.readouterr()
    assert "2024" in out.out + out.err and "Åsa Öberg" in out.out + out.err
    assert stored(store) == [("overall", "2021-2024", 2024, "Bra år.", None)]


# --- one record deleted ----------------------------------------------------------------------


ACTIVITY = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig"]
ACTIVITY += ["status"]


def activity(activity_id: str, start: str = "2024-03-01") -> list[str]:
    return [
        activity_id,
        "Matmöte",
        "Kompetensutveckling",
        "Mat",
        start,
        "regional",
        "gemensam",
        "genomförd",
    ]


def test_a_deleted_comment_is_logged_and_undo_brings_it_back(store):
    assert upload(store, [["helhet", "2021-2024", "", "Perioden.", "The period."]]).ok
    result = store.delete(
        "comments", {"scope": "overall", "period": "2021-2024", "year": None}, "Formulär"
    )
    assert result.deleted == 1 and stored(store) == []
    logged = store.history()[0]
    assert (logged["table_name"], logged["rows_deleted"], logged["file_name"]) == (
        "comments",
        1,
        "Formulär",
    )
    store.undo(result.import_id)
    assert stored(store) == [("overall", "2021-2024", None, "Perioden.", "The period.")]


def test_deleting_what_is_not_there_or_what_others_use_is_refused_and_writes_nothing(store, load):
    load("activities", [ACTIVITY, activity("A1")])
    load(
        "sme_participation",
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "bransch", "storlek"],
            ["A1", "556036-0793", "Jämtbröd AB", "livsmedel", "mikro"],
        ],
    )
    before = store.history()
    with pytest.raises(DeleteRefused) as used:
        store.delete("activities", {"activity_id": "A1"}, "Formulär: A1")
    assert "A1" in used.value.message("sv") and "företag" in used.value.message("sv")
    with pytest.raises(DeleteRefused) as missing:
        store.delete("activities", {"activity_id": "A9"}, "Formulär: A9")
    assert "A9" in missing.value.message("en")
    assert store.history() == before and store.activity_ids() == {"A1"}


def test_a_deletion_in_a_closed_year_is_refused(store, load):
    load("activities", [ACTIVITY, activity("A23", "2023-05-01")])
    store.close_year(2023, by="Åsa Öberg")
    with pytest.raises(DeleteRefused) as refused:
        store.delete("activities", {"activity_id": "A23"}, "Formulär: A23")
    assert "2023" in refused.value.message("sv") and "Åsa Öberg" in refused.value.message("sv")
    assert store.activity_ids() == {"A23"}


def test_undoing_the_import_of_a_deleted_row_waits_for_the_deletion_to_be_undone(store, load):
    first = load("activities", [ACTIVITY, activity("A1")])
    deletion = store.delete("activities", {"activity_id": "A1"}, "Formulär: A1")
    with pytest.raises(UndoRefused) as refused:
        store.undo(first.result.import_id)
    assert str(deletion.import_id) in refused.value.message("en")
    store.undo(deletion.import_id)
    store.undo(first.result.import_id)
    assert store.activity_ids() == set()
