"""How quickly a file past a shipped limit is refused, and a busy store reported as busy.

    python -m benchmarks.limits [--runs N]

The tests check that each of these happens, with its own message; the time it takes
depends on the machine and on what else runs on it, so it is measured here instead, side by
side with a baseline: for a file, one plain pass of Python's csv reader over the same bytes
(what any reading of the file costs at least); for a busy store, the store's own
`busy_timeout`, the time it is told to keep trying.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The bounds the tests used to assert on the wall clock.
GOAL_REFUSAL_S = 10.0
GOAL_BUSY_S = 2.5
BUSY_TIMEOUT_S = 0.3


def _median_seconds(run: Callable[[], None], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def refusals(runs: int = 3) -> dict[str, dict[str, float]]:
    """Per limit: the median time `import_file` takes to refuse a file just past it, and a
    plain csv read of the same bytes."""
    # The very files the fuzz test refuses (tests/unit/test_fuzz.py), so the two cannot drift.
    from tests.conftest import new_store
    from tests.unit.test_fuzz import limit_files
    from uccn_data.importer import import_file

    measured: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = new_store(Path(tmp) / "uccn.duckdb")
        # The first import pays for building the checks once; a running program has done so.
        import_file(store, b"post_id\nP1\n", "warm.csv", "spending", user="bench")
        for data, code in limit_files():

            def refuse(data: bytes = data, code: str = code) -> None:
                report = import_file(store, data, "gräns.csv", "spending", user="bench")
                assert not report.ok and any(p.code == code for p in report.errors), code

            def read(data: bytes = data) -> None:
                text = data.decode("utf-8", errors="replace")
                csv.field_size_limit(len(text) + 1)
                for _ in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
                    pass

            measured[code] = {
                "kilobytes": round(len(data) / 1024),
                "refused_s": round(_median_seconds(refuse, runs), 3),
                "csv_read_s": round(_median_seconds(read, runs), 3),
            }
    return measured


HOLDER = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
conn.execute("begin transaction")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("commit")
conn.close()
"""


def busy(runs: int = 3) -> dict[str, float]:
    """The median time until a store held open by another process is reported as busy."""
    from uccn_data.problems import StoreBusyError
    from uccn_data.store import Store

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "uccn.duckdb"
        Store(path).initialise()
        for _ in range(runs):
            holder = subprocess.Popen(
                [sys.executable, "-c", HOLDER, str(path), "3"], stdout=subprocess.PIPE, text=True
            )
            try:
                assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
                started = time.perf_counter()
                try:
                    Store(path, busy_timeout=BUSY_TIMEOUT_S).activity_ids()
                except StoreBusyError:
                    times.append(time.perf_counter() - started)
                else:
                    raise AssertionError("the store was not reported as busy")
            finally:
                holder.kill()
                holder.wait(timeout=20)
    return {"busy_timeout_s": BUSY_TIMEOUT_S, "reported_s": round(statistics.median(times), 3)}


def lines(
    refused: dict[str, dict[str, float]], held: dict[str, float]
) -> list[tuple[str, str, str, bool | None]]:
    """Rows for the benchmark table: (what, figure, goal, met)."""
    rows: list[tuple[str, str, str, bool | None]] = []
    for code, r in refused.items():
        rows.append(
            (
                f"refuse {code} ({r['kilobytes']:,.0f} kB) vs a csv read",
                f"{r['refused_s']:.2f} / {r['csv_read_s']:.2f} s",
                f"<= {GOAL_REFUSAL_S:.0f} s",
                r["refused_s"] <= GOAL_REFUSAL_S,
            )
        )
    rows.append(
        (
            "busy store reported vs its busy_timeout",
            f"{held['reported_s']:.2f} / {held['busy_timeout_s']:.2f} s",
            f"<= {GOAL_BUSY_S} s",
            held["reported_s"] <= GOAL_BUSY_S,
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    refused, held = refusals(args.runs), busy(args.runs)
    print(json.dumps({"refusals": refused, "busy_store": held}, indent=2))
    for what, figure, goal, met in lines(refused, held):
        print(f"  {what:<48}  {figure:>18}  {goal:>8}  {'ok' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
