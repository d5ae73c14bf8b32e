"""The store: upsert by key, all-or-nothing, undo, migrations and DuckDB's one-writer lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, swedish_csv
from uccn_data.importer import import_file
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import SCHEMA_VERSION, Store, UndoRefused
from uccn_data.tables import TABLES

HEADER = [
    "aktivitet_id",
    "titel",
    "ramaktivitet",
    "tema",
    "startdatum",
    "nivå",
    "ansvarig",
    "status",
]


def activity(activity_id: str, title: str = "Matmöte", status: str = "genomförd") -> list[str]:
    return [
        activity_id,
        title,
        "Kompetensutveckling",
        "Mat",
        "2023-04-01",
        "regional",
        "gemensam",
        status,
    ]


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a user could see change: every table's rows and the import log."""
    state: dict[str, Any] = {name: store.table(name).to_pylist() for name in TABLES}
    state["log"] = store.history()
    return state


def test_same_file_twice_changes_nothing_and_a_corrected_file_replaces_its_rows(store, load):
    first = load("activities", [HEADER, activity("A1"), activity("A2")])
    assert (first.result.inserted, first.result.updated, first.result.unchanged) == (2, 0, 0)
    before = store.table("activities").to_pylist()

    again = load("activities", [HEADER, activity("A1"), activity("A2")])
    assert (again.result.inserted, again.result.updated, again.result.unchanged) == (0, 0, 2)
    assert store.table("activities").to_pylist() == before

    fixed = load("activities", [HEADER, activity("A2", title="Matmöte, rättad"), activity("A3")])
    assert (fixed.result.inserted, fixed.result.updated, fixed.result.unchanged) == (1, 1, 0)
    titles = dict(
        zip(
            *store.table("activities").select(["activity_id", "title"]).to_pydict().values(),
            strict=True,
        )
    )
    assert titles == {"A1": "Matmöte", "A2": "Matmöte, rättad", "A3": "Matmöte"}


def test_a_file_with_one_error_writes_nothing(store, load):
    load("activities", [HEADER, activity("A1")])
    before = snapshot(store)
    bad = [
        HEADER,
        activity("A1", title="Ny titel"),
        activity("A2"),
        activity("A3", status="kanske"),
    ]
    report = import_file(store, swedish_csv(bad), "bad.csv", "activities")
    assert not report.ok
    assert [(p.row, p.column) for p in report.errors] == [(4, "status")]
    assert snapshot(store) == before


def test_undo_restores_exactly_what_the_import_replaced(store, load):
    load("activities", [HEADER, activity("A1"), activity("A2")])
    before = snapshot(store)
    changed = load("activities", [HEADER, activity("A1", title="Ändrad"), activity("A9")])
    assert store.table("activities").num_rows == 3

    undone = store.undo(changed.result.import_id, user="test")
    assert (undone.inserted, undone.updated) == (1, 1)
    after = snapshot(store)
    assert {k: v for k, v in after.items() if k != "log"} == {
        k: v for k, v in before.items() if k != "log"
    }
    entry = next(e for e in after["log"] if e["import_id"] == changed.result.import_id)
    assert entry["undone_at"] is not None and entry["undone_by"] == "test"


def test_undo_is_refused_when_it_would_lose_later_work(store, load):
    first = load("activities", [HEADER, activity("A1")])
    load("activities", [HEADER, activity("A1", title="Senare ändring")])
    with pytest.raises(UndoRefused) as refused:
        store.undo(first.result.import_id)
    assert "2" in refused.value.message("sv") and "Undo that one first" in refused.value.message(
        "en"
    )


def test_undo_of_activities_still_used_by_smes_is_refused(store, load):
    first = load("activities", [HEADER, activity("A1")])
    load(
        "sme_participation",
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "bransch", "storlek"],
            ["A1", "556036-0793", "Jämtbröd AB", "livsmedel", "mikro"],
        ],
    )
    before = snapshot(store)
    with pytest.raises(UndoRefused):
        store.undo(first.result.import_id)
    assert snapshot(store) == before


def test_undo_twice_or_of_an_unknown_import_is_a_message(store, load):
    report = load("activities", [HEADER, activity("A1")])
    store.undo(report.result.import_id)
    for import_id in (report.result.import_id, 999):
        with pytest.raises(UndoRefused) as refused:
            store.undo(import_id)
        assert refused.value.message("sv") and refused.value.message("en")


def test_initialise_is_idempotent_and_records_the_schema_version(store):
    store.initialise()
    assert store.schema_version() == SCHEMA_VERSION
    assert [p.period_id for p in store.periods()] == ["2021-2024"]
    assert store.full_time_hours() == 1700.0


def test_a_missing_or_foreign_store_is_a_message_not_a_traceback(tmp_path: Path):
    with pytest.raises(StoreError) as missing:
        Store(tmp_path / "none.duckdb").activity_ids()
    assert "demo" in missing.value.message("sv")
    foreign = tmp_path / "notes.duckdb"
    foreign.write_text("this is not a database")
    with pytest.raises(StoreError):
        Store(foreign).initialise()


HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    conn = duckdb.connect(sys.argv[1])
    conn.execute("begin transaction")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("commit")
    conn.close()
    """
)


def _hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process (a dashboard, a second coordinator) holding the store open."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


@pytest.mark.processes
def test_a_busy_store_is_retried_then_reported_as_busy(store: Store):
    holder = _hold_lock(store.path, 3.0)
    try:
        impatient = Store(store.path, busy_timeout=0.3)
        with pytest.raises(StoreBusyError) as busy:
            impatient.activity_ids()
        # It gave up while the other process still held the store (for 3 s): it did not
        # wait it out. How long it took is measured by `make bench` (benchmarks/limits.py).
        assert holder.poll() is None
        assert "upptaget" in busy.value.message("sv") and "busy" in busy.value.message("en")
    finally:
        holder.wait(timeout=20)


@pytest.mark.processes
def test_the_command_line_imports_while_another_process_has_the_store_open(
    store: Store, tmp_path: Path
):
    file = tmp_path / "aktiviteter.csv"
    file.write_bytes(swedish_csv([HEADER, activity("A1")]))
    holder = _hold_lock(store.path, 1.5)
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "uccn_data",
                "import",
                "aktiviteter",
                str(file),
                "--db",
                str(store.path),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        holder.wait(timeout=20)
    assert done.returncode == 0, done.stderr
    assert store.activity_ids() == {"A1"}


def test_a_file_for_another_table_says_which_table_it_fits(store):
    sme_file = swedish_csv(
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "bransch", "storlek"],
            ["A1", "556036-0793", "Jämtbröd AB", "livsmedel", "mikro"],
        ]
    )
    report = import_file(store, sme_file, "foretag.csv", "aktiviteter")
    assert not report.ok
    assert report.errors[0].code == "looks_like_table"
    assert "foretag" in report.errors[0].message("sv") and "sme_participation" in report.errors[
        0
    ].message("en")


def test_the_summary_on_one_connection_says_what_each_question_says(store, load, demo_copy):
    """`Store.summary`, what every page asks of the store, answers as the three questions it
    stands for, on an empty store and after imports, and on the demo."""
    for one in (store, demo_copy):
        assert one.summary() == {
            "periods": one.periods(),
            "is_demo": one.is_demo(),
            "last_import_at": one.last_import_at(),
        }
    assert store.summary()["last_import_at"] is None and not store.summary()["is_demo"]
    load("activities", [HEADER, activity("A1")])
    imported = store.summary()["last_import_at"]
    assert imported is not None and imported == store.last_import_at()
    assert demo_copy.summary()["is_demo"] is True
