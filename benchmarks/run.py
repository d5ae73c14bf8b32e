"""`make bench`: the import of 100,000 spending rows against DuckDB's own read_csv, side by side.

Both read the same file, a Swedish Excel "CSV UTF-8" export (`;`, decimal comma, spaces
between thousands, `kr`), each in a fresh process, alternating, several rounds; the medians
are compared. Results are printed and written to benchmarks/results.json.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
ROWS = 100_000
ROUNDS = 5
GOAL_RATIO = 4.0
GOAL_PEAK_MB = 300.0


def spending_file(path: Path, rows: int = ROWS) -> None:
    """A deterministic spending file as coordinators' Excel saves it."""
    rng = random.Random(7)
    funders = ("Östersunds kommun", "Region Jämtland Härjedalen", "extern")
    categories = ("personal", "resor", "evenemang", "marknadsföring", "projekt", "övrigt")
    lines = ["post_id;datum;belopp;finansiär;finansiär_namn;kategori;aktivitet_id"]
    for i in range(rows):
        amount = rng.randint(100, 250_000) + rng.choice((0, 0.5, 0.25))
        whole, _, frac = f"{amount:.2f}".partition(".")
        grouped = f"{int(whole):,}".replace(",", "\u00a0")
        lines.append(
            f"K{i:06d};{2021 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d};{grouped},{frac} kr;"
            f"{rng.choice(funders)};{'Tillväxtverket' if i % 7 == 0 else ''};{rng.choice(categories)};"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def run_once(mode: str, file: Path, work: Path, n: int) -> dict[str, float]:
    store = work / f"{mode}-{n}.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.import_once", mode, str(file), str(store)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        file = work / "kostnader.csv"
        spending_file(file)
        runs: dict[str, list[dict[str, float]]] = {"duckdb": [], "ours": []}
        for n in range(ROUNDS):
            for mode in ("duckdb", "ours"):
                runs[mode].append(run_once(mode, file, work, n))
        size_mb = file.stat().st_size / 1024 / 1024
    base = statistics.median(r["seconds"] for r in runs["duckdb"])
    ours = statistics.median(r["seconds"] for r in runs["ours"])
    peak = max(r["peak_mb"] for r in runs["ours"])
    libraries = statistics.median(r["libraries_mb"] for r in runs["ours"])
    ratio = ours / base
    result = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "rows": ROWS,
        "file_mb": round(size_mb, 1),
        "rounds": ROUNDS,
        "duckdb_read_csv_s": round(base, 3),
        "uccn_import_s": round(ours, 3),
        "ratio": round(ratio, 2),
        "ratio_goal": GOAL_RATIO,
        "peak_memory_mb": round(peak, 1),
        "peak_memory_goal_mb": GOAL_PEAK_MB,
        "memory_before_import_mb": round(libraries, 1),
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    mark = lambda ok: "ok" if ok else "MISSED"  # noqa: E731
    print(
        f"Import of {ROWS:,} spending rows ({size_mb:.1f} MB, Swedish Excel CSV), median of {ROUNDS}:"
    )
    print(f"  DuckDB read_csv into a table   {base * 1000:8.0f} ms   (baseline)")
    print(f"  uccn_data import (read, check, commit) {ours * 1000:8.0f} ms")
    print(
        f"  ratio                          {ratio:8.2f}      goal <= {GOAL_RATIO}  {mark(ratio <= GOAL_RATIO)}"
    )
    print(
        f"  peak memory of the import      {peak:8.0f} MB   goal <= {GOAL_PEAK_MB:.0f}  {mark(peak <= GOAL_PEAK_MB)}"
    )
    print(f"    before the timed import      {libraries:8.0f} MB")
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
