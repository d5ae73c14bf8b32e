"""A process killed (SIGKILL) in the middle of a large import or of the backup before it:
the store opens afterwards, holds exactly what it held before, and the log shows no part of
the import. A real subprocess is really killed, at a different moment each time."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, swedish_csv
from uccn_data.backup import backup_folder, backup_store, backups, fingerprint, verify_same
from uccn_data.importer import import_file
from uccn_data.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROWS = 150_000
HEADER = ["post_id", "datum", "belopp", "finansiar", "kategori"]

# The import as the command line or the dashboard runs it, with a line printed as the backup
# starts and as the writing starts, so the test knows when to pull the plug.
IMPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import uccn_data.backup as backup
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    real_backup = backup.backup_before_writing


    def announced(conn, path):
        print("backing up", flush=True)
        done = real_backup(conn, path)
        print("writing", flush=True)
        return done


    backup.backup_before_writing = announced
    file = Path(sys.argv[2])
    report = import_file(Store(sys.argv[1]), file.read_bytes(), file.name, "spending", user="crash")
    print("done" if report.ok else "refused", flush=True)
    """
)


# The command line's restore, with a line printed once the backup has been checked and the
# replacing begins.
RESTORER = textwrap.dedent(
    """
    import sys

    import uccn_data.backup as backup
    from uccn_data.__main__ import main

    real_check = backup.check_backup


    def announced(path):
        real_check(path)
        print("restoring", flush=True)


    backup.check_backup = announced
    sys.exit(main(["restore", sys.argv[2], "--db", sys.argv[1]]))
    """
)


def spending_file(prefix: str, rows: int = ROWS) -> bytes:
    return swedish_csv(
        [
            HEADER,
            *(
                [f"{prefix}{i:06d}", "2023-04-01", f"{i % 99_999},50", "extern", "resor"]
                for i in range(rows)
            ),
        ]
    )


def snapshot(store: Store) -> dict[str, Any]:
    """Every table's shape, row count and content checksum, and the import log in full."""
    with store.reading() as conn:
        state = fingerprint(conn)
        state["log"] = conn.execute("select * from import_log order by import_id").fetchall()
    return state


def start_import(store: Store, file: Path, script: str = IMPORTER) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(store.path), str(file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(process: subprocess.Popen[str], marker: str) -> None:
    assert process.stdout is not None
    while (line := process.stdout.readline()) != "":
        if line.strip() == marker:
            return
    raise AssertionError(f"the import ended before '{marker}': {process.stderr.read()}")  # type: ignore[union-attr]


def test_a_killed_import_or_backup_loses_nothing_and_writes_nothing(store: Store, tmp_path: Path):
    # A store with work in it, so that the backup before each import takes a while too.
    report = import_file(store, spending_file("OLD"), "tidigare.csv", "spending", user="test")
    assert report.ok
    big = tmp_path / "kostnader_2024.csv"
    big.write_bytes(spending_file("NEW"))
    before = snapshot(store)
    earlier = set(backups(store.path))
    states = [before]
    rng = random.Random(8)
    # Writing 150,000 rows takes about half a second here, the backup about a quarter.
    plan = [("writing", rng.uniform(0.0, 0.3)) for _ in range(4)] + [
        ("backing up", rng.uniform(0.0, 0.15)) for _ in range(3)
    ]
    killed_midway = []
    for phase, delay in plan:
        process = start_import(store, big)
        wait_for(process, phase)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        said = process.stdout.read() if process.stdout else ""
        assert process.returncode == -signal.SIGKILL, (phase, delay, said)
        after = snapshot(store)
        if after == before:
            killed_midway.append((phase, round(delay, 3)))
            continue
        # Killed just after the commit: then the import must be there whole.
        new = [entry for entry in after["log"] if entry not in before["log"]]
        assert len(new) == 1 and new[0][6] == ROWS, (phase, delay, new)
        states.append(after)  # the undo's backup holds it
        store.undo(new[0][0], user="test")
        before = snapshot(store)
        states.append(before)
    print("killed in the middle (phase, seconds after its start):", killed_midway)
    assert len(killed_midway) >= 4, killed_midway
    assert any(phase == "backing up" for phase, _ in killed_midway)
    assert any(phase == "writing" for phase, _ in killed_midway)

    # Every backup left behind is a whole copy of the store as it was; a half-written one
    # is only ever a `.partial` file, which the next backup clears away.
    for kept in set(backups(store.path)) - earlier:
        with Store(kept).reading() as conn:
            state = fingerprint(conn)
            state["log"] = conn.execute("select * from import_log order by import_id").fetchall()
        assert state in states, kept

    # The store is fully usable afterwards: the same import, left alone, lands whole.
    process = start_import(store, big)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and out.splitlines()[-1] == "done", err
    with store.reading() as conn:
        rows = conn.execute("select count(*) from spending").fetchall()[0][0]
        log = conn.execute(
            "select rows_inserted from import_log where undone_at is null order by import_id"
        ).fetchall()
    assert rows == 2 * ROWS and log == [(ROWS,), (ROWS,)]
    assert not list(backup_folder(store.path).glob("*.partial"))


def test_a_killed_restore_leaves_the_store_as_it_was_or_restored_whole(
    store: Store, tmp_path: Path
):
    for prefix in ("OLD", "NEW"):
        file = spending_file(prefix)
        assert import_file(store, file, f"{prefix}.csv", "spending", user="test").ok
        if prefix == "OLD":
            saved = backup_store(store, tmp_path / "saved.duckdb")
    before = snapshot(store)
    rng = random.Random(11)
    killed_midway = []
    for delay in [rng.uniform(0.0, 0.5) for _ in range(3)]:
        process = start_import(store, saved, RESTORER)
        wait_for(process, "restoring")
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if snapshot(store) == before:
            killed_midway.append(round(delay, 3))
        else:  # killed after the restore committed: then it is the backup, whole
            verify_same(saved, store.path)
            break
    print("restores killed in the middle, seconds after the check:", killed_midway)
    assert killed_midway, "no restore was killed in the middle"
    process = start_import(store, saved, RESTORER)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    verify_same(saved, store.path)
