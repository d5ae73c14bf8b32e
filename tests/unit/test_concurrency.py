"""Several writers at once: threads (two coordinators in the dashboard) and a command-line
import in another process. Every import lands whole or is refused as busy; the log matches
the tables, in the store and in every backup taken on the way."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, swedish_csv
from tests.unit.test_store import _hold_lock
from uccn_data.backup import backups
from uccn_data.importer import import_file
from uccn_data.problems import StoreBusyError
from uccn_data.store import Store

HEADER = ["post_id", "datum", "belopp", "finansiar", "kategori"]
ROWS = 1500


def spending_file(name: str) -> bytes:
    """Rows whose keys start with the file's name, so each file's rows can be told apart."""
    return swedish_csv(
        [
            HEADER,
            *([f"{name}.{i}", "2023-04-01", f"{i},25", "extern", "resor"] for i in range(ROWS)),
        ]
    )


@dataclass
class Attempt:
    name: str
    outcome: str = "not run"  # landed, busy, or the unexpected exception


def run_thread(path: Path, attempts: list[Attempt], busy_timeout: float, start: threading.Barrier):
    start.wait()
    for attempt in attempts:  # a bounded loop: each attempt once
        try:
            report = import_file(
                Store(path, busy_timeout=busy_timeout),
                spending_file(attempt.name),
                f"{attempt.name}.csv",
                "spending",
                user=attempt.name,
            )
            attempt.outcome = "landed" if report.ok else f"refused: {report.errors}"
        except StoreBusyError as busy:
            assert "busy" in busy.message("en") and "upptaget" in busy.message("sv")
            attempt.outcome = "busy"
        except Exception as exc:  # the property under test: nothing else ever comes out
            attempt.outcome = f"{type(exc).__name__}: {exc}"


def landed_files(conn) -> dict[str, int]:
    """Per import in the log: the file's name and the rows it says it inserted."""
    rows = conn.execute(
        "select file_name, rows_inserted from import_log where undone_at is null"
    ).fetchall()
    return {name.removesuffix(".csv"): n for name, n in rows}


def rows_per_file(conn) -> dict[str, int]:
    rows = conn.execute(
        "select split_part(spending_id, '.', 1), count(*) from spending group by 1"
    ).fetchall()
    return dict(rows)


@pytest.mark.processes
@pytest.mark.backups  # the backups taken between the imports are checked too
def test_threads_and_another_process_import_at_once_and_nothing_is_half_applied(
    store: Store, tmp_path: Path
):
    cli_file = tmp_path / "cli.csv"
    cli_file.write_bytes(spending_file("cli"))
    patient = [[Attempt(f"p{t}x{k}") for k in range(3)] for t in range(2)]
    impatient = [[Attempt(f"i{t}x{k}") for k in range(3)] for t in range(3)]
    start = threading.Barrier(len(patient) + len(impatient) + 1)
    threads = [
        threading.Thread(target=run_thread, args=(store.path, attempts, 60.0, start))
        for attempts in patient
    ] + [
        threading.Thread(target=run_thread, args=(store.path, attempts, 0.05, start))
        for attempts in impatient
    ]
    for thread in threads:
        thread.start()
    # A dashboard or a second coordinator holds the store as the imports begin: the
    # impatient ones are told "busy", the patient ones and the command line wait and land.
    holder = _hold_lock(store.path, 1.0)
    command = ["import", "spending", str(cli_file), "--db", str(store.path), "--lang", "en"]
    cli = subprocess.Popen(
        [sys.executable, "-m", "uccn_data", *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    start.wait()
    for thread in threads:
        thread.join(timeout=120)
    _, cli_err = cli.communicate(timeout=120)
    holder.wait(timeout=20)

    attempts = [a for group in patient + impatient for a in group]
    assert {a.outcome for a in attempts} <= {"landed", "busy"}, [
        (a.name, a.outcome) for a in attempts
    ]
    assert all(a.outcome == "landed" for group in patient for a in group)
    assert any(a.outcome == "busy" for a in attempts)
    assert cli.returncode in (0, 2), cli_err
    if cli.returncode == 2:
        assert "busy" in cli_err and "Traceback" not in cli_err
    expected = {a.name for a in attempts if a.outcome == "landed"}
    if cli.returncode == 0:
        expected.add("cli")

    with store.reading() as conn:
        log = landed_files(conn)
        in_table = rows_per_file(conn)
    assert set(log) == expected
    # Whole or not at all: each landed file has all its rows, no refused file has any.
    assert in_table == dict.fromkeys(expected, ROWS)
    assert log == in_table

    # Every backup taken between the imports is a consistent store as well.
    kept = backups(store.path)
    assert kept
    for backup in kept:
        with Store(backup).reading() as conn:
            log, in_table = landed_files(conn), rows_per_file(conn)
        assert log == in_table and set(in_table.values()) <= {ROWS}, backup
