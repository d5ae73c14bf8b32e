"""A process killed (SIGKILL) in the middle of a large import or of the backup before it:
the store opens afterwards, holds exactly what it held before, and the log shows no part of
the import. A real subprocess is really killed, at a different moment each time, and the
test checks each kill against the step the process had really reached when it died (which,
on a busy machine, is not always the step it was aimed at)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, swedish_csv
from uccn_data.backup import backup_folder, backup_store, backups, fingerprint, verify_same
from uccn_data.importer import import_file
from uccn_data.store import Store

# SIGKILL is POSIX; the backups taken before each write are part of what is checked. Each test
# starts and kills importing processes: `make test` runs them, `make check` does not.
pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.backups,
    pytest.mark.processes,
]

ROWS = 150_000
HEADER = ["post_id", "datum", "belopp", "finansiar", "kategori"]

# The process announces each step (with the time, on the test's own monotonic clock) just
# before it takes it and flushes the line, so whatever it had said before it died is still
# in the pipe for the test to read.
ANNOUNCE = textwrap.dedent(
    """
    import time


    def reached(step):
        print(step, time.monotonic(), sep="\\t", flush=True)
    """
)

# The import as the command line or the dashboard runs it: the backup starts, the writing
# starts (the backup is done), the transaction has committed, the import has returned.
IMPORTER = ANNOUNCE + textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import uccn_data.snapshots as snapshots
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    real_backup = snapshots.backup_before_writing
    real_commit = Store.commit


    def announced_backup(conn, path):
        reached("backing up")
        done = real_backup(conn, path)
        reached("writing")
        return done


    def announced_commit(self, *args, **kwargs):
        result = real_commit(self, *args, **kwargs)
        reached("committed")
        return result


    snapshots.backup_before_writing = announced_backup
    Store.commit = announced_commit
    file = Path(sys.argv[2])
    report = import_file(Store(sys.argv[1]), file.read_bytes(), file.name, "spending", user="crash")
    reached("done" if report.ok else "refused")
    """
)

# The command line's restore: the backup has been checked and the replacing begins, the
# replacing has committed (the check of the files after it begins), the command has returned.
RESTORER = ANNOUNCE + textwrap.dedent(
    """
    import sys

    import uccn_data.backup as backup
    from uccn_data.__main__ import main

    real_check = backup.check_backup
    real_verify = backup.verify_same


    def announced_check(path):
        real_check(path)
        reached("restoring")


    def announced_verify(*args, **kwargs):
        reached("restored")
        return real_verify(*args, **kwargs)


    backup.check_backup = announced_check
    backup.verify_same = announced_verify
    code = main(["restore", sys.argv[2], "--db", sys.argv[1]])
    reached("done")
    sys.exit(code)
    """
)


@dataclass
class Kill:
    """One kill: the step it was aimed at and the step the process had really reached."""

    aimed_at: str
    delay: float  # seconds after the aimed-at step was announced
    landed_in: str  # the last step the process announced before it died
    into: float  # seconds between that announcement and the kill
    store: str = ""  # what the store held afterwards: "as before" or "the import whole"

    def __str__(self) -> str:
        return (
            f"aimed at {self.aimed_at} +{self.delay:.3f} s, landed in {self.landed_in} "
            f"+{self.into:.3f} s: {self.store}"
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


def start(store: Store, file: Path, script: str = IMPORTER) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(store.path), str(file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def steps(lines: list[str]) -> list[tuple[str, float]]:
    """The announced steps, in order, with when each was announced."""
    found = []
    for line in lines:
        step, _, at = line.rstrip("\n").partition("\t")
        found.append((step, float(at)))
    return found


def kill_at(process: subprocess.Popen[str], step: str, delay: float) -> Kill:
    """Wait for `step`, wait `delay` more, kill the process, and say where the kill landed."""
    assert process.stdout is not None and process.stderr is not None
    said: list[str] = []
    while (line := process.stdout.readline()) != "":
        said.append(line)
        if line.split("\t")[0] == step:
            break
    else:
        raise AssertionError(f"the process ended before '{step}': {process.stderr.read()}")
    time.sleep(delay)
    killed_at = time.monotonic()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    said += process.stdout.readlines()
    landed_in, announced_at = steps(said)[-1]
    # A process that had already ended is not killed; it must have ended well.
    assert process.returncode == -signal.SIGKILL or (
        process.returncode == 0 and landed_in == "done"
    ), (process.returncode, said, process.stderr.read())
    return Kill(step, delay, landed_in, killed_at - announced_at)


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
    kills: list[Kill] = []

    def midway(step: str) -> int:
        return sum(k.landed_in == step and k.store == "as before" for k in kills)

    # The plan first; then, if too few kills really landed in the middle of a step (the
    # machine was quicker or slower than planned), a few more, right as that step starts.
    while plan or len(kills) < 7 + 4:
        if plan:
            step, delay = plan.pop(0)
        elif midway("backing up") == 0:
            step, delay = "backing up", 0.0
        elif midway("writing") == 0 or midway("writing") + midway("backing up") < 4:
            step, delay = "writing", 0.0
        else:
            break
        kill = kill_at(start(store, big), step, delay)
        kills.append(kill)
        after = snapshot(store)
        if after == before:
            kill.store = "as before"
            # Once the import has announced its commit, it is in the store.
            assert kill.landed_in in ("backing up", "writing"), kill
            continue
        kill.store = "the import whole"
        # Only a kill after the writing began can leave the import in: then it is there whole
        # (a kill that landed in "writing" came just after the commit, before its announcement).
        assert kill.landed_in != "backing up", kill
        new = [entry for entry in after["log"] if entry not in before["log"]]
        assert len(new) == 1 and new[0][6] == ROWS, (kill, new)
        states.append(after)  # the undo's backup holds it
        store.undo(new[0][0], user="test")
        before = snapshot(store)
        states.append(before)
    print("kills:", *kills, sep="\n  ")
    assert midway("backing up") >= 1, [str(k) for k in kills]
    assert midway("writing") >= 1, [str(k) for k in kills]
    assert midway("backing up") + midway("writing") >= 4, [str(k) for k in kills]

    # Every backup left behind is a whole copy of the store as it was; a half-written one
    # is only ever a `.partial` file, which the next backup clears away.
    for kept in set(backups(store.path)) - earlier:
        with Store(kept).reading() as conn:
            state = fingerprint(conn)
            state["log"] = conn.execute("select * from import_log order by import_id").fetchall()
        assert state in states, kept

    # The store is fully usable afterwards: the same import, left alone, lands whole.
    process = start(store, big)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and out.splitlines()[-1].startswith("done\t"), err
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
    kills: list[Kill] = []
    for delay in [rng.uniform(0.0, 0.5) for _ in range(3)]:
        kill = kill_at(start(store, saved, RESTORER), "restoring", delay)
        kills.append(kill)
        if snapshot(store) == before:
            kill.store = "as before"
            # Once the restore has announced its commit, the backup is the store.
            assert kill.landed_in == "restoring", kill
        else:  # killed after the restore committed: then it is the backup, whole
            kill.store = "the backup whole"
            verify_same(saved, store.path)
            break
    print("restores killed:", *kills, sep="\n  ")
    assert any(k.store == "as before" for k in kills), [str(k) for k in kills]
    process = start(store, saved, RESTORER)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    verify_same(saved, store.path)
