"""`make bench`: the import of 100,000 spending rows against DuckDB's own read_csv, side by side.

Both read the same file, a Swedish Excel "CSV UTF-8" export (`;`, decimal comma, spaces
between thousands, `kr`), each in a fresh process, alternating, several rounds; the medians
are compared. Then how quickly files past the limits are refused and a busy store is
reported (limits.py), the pages' warm runs and, with a browser, their load times; last,
whether a viewer's pages stay quick while a coordinator's 100,000-row file is checked and how
soon a 60,000 x 200 workbook is refused (upload_isolation.py). Results are printed and
written to benchmarks/results.json.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
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


def import_benchmark() -> dict[str, float]:
    """Our whole import against DuckDB's read_csv of the same file, alternating, in fresh
    processes (so each peak memory belongs to one run)."""
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
    return {
        "rows": ROWS,
        "file_mb": round(size_mb, 1),
        "duckdb_read_csv_ms": round(base * 1000, 1),
        "uccn_import_ms": round(ours * 1000, 1),
        "ratio": round(ours / base, 2),
        "peak_memory_mb": round(max(r["peak_mb"] for r in runs["ours"]), 1),
        "memory_before_import_mb": round(
            statistics.median(r["libraries_mb"] for r in runs["ours"]), 1
        ),
    }


def main() -> None:
    from benchmarks import browser, limits, pages
    from uccn_data.demo import build_demo
    from uccn_data.store import Store

    started = time.monotonic()
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores"
    }
    lines: list[tuple[str, str, str, bool | None]] = []  # (what, figure, goal, met)

    imp = import_benchmark()
    results["import"] = imp
    lines.append(
        (
            "import 100,000 rows vs DuckDB read_csv",
            f"{imp['uccn_import_ms']:.0f} / {imp['duckdb_read_csv_ms']:.0f} ms = {imp['ratio']:.2f}x",
            "<= 4x",
            imp["ratio"] <= GOAL_RATIO,
        )
    )
    lines.append(
        (
            "peak memory of that import",
            f"{imp['peak_memory_mb']:.0f} MB",
            "<= 300 MB",
            imp["peak_memory_mb"] <= GOAL_PEAK_MB,
        )
    )

    refused, held = limits.refusals(), limits.busy()
    results["refusals"] = refused
    results["busy_store"] = held
    lines.extend(limits.lines(refused, held))

    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        for scale in (1, 100):
            store = Store(Path(tmp) / f"demo-{scale}.duckdb")
            build_demo(store, scale=scale)
            stores[scale] = store.path
            measured = pages.measure(store.path, runs=5)
            results[f"pages_scale_{scale}"] = measured
            for name, r in measured.items():
                lines.append(
                    (
                        f"warm script run {name}, scale {scale}",
                        f"{r['median_ms']:.0f} ms",
                        "<= 150 ms",
                        r["median_ms"] <= pages.GOAL_MS,
                    )
                )
        if Path(browser.CHROMIUM).exists():
            b = browser.measure(stores[100], runs=3)
            results["browser_scale_100"] = b
            lines.append(
                (
                    "cold start vs bare page",
                    f"{b['cold_start_ms']['app']:.0f} / {b['cold_start_ms']['bare']:.0f} ms = {b['cold_ratio']:.2f}x",
                    "<= 1.5x",
                    b["cold_ratio"] <= 1.5,
                )
            )
            for name, ratio in b["ratios"].items():
                lines.append(
                    (
                        f"page ready {name} vs bare page",
                        f"{b['pages'][name]:.0f} / {b['bare_ms']:.0f} ms = {ratio:.2f}x",
                        "<= 1.3x",
                        ratio <= 1.3,
                    )
                )
            lines.append(
                (
                    "server memory after every page, scale 100",
                    f"{b['server_rss_mb']:.0f} MB",
                    "<= 400 MB",
                    b["server_rss_mb"] <= 400,
                )
            )
            from benchmarks import load

            heavy = load.asyncio.run(load.run(stores[1], sessions=20))
            results["load_20_sessions"] = heavy
            lines.append(
                (
                    "20 sessions at once, 4 views each: errors",
                    str(len(heavy["errors"])),
                    "0",
                    not heavy["errors"],
                )
            )
            lines.append(
                (
                    "20 sessions at once: page ready, 95th percentile",
                    f"{heavy['p95_ms'] / 1000:.1f} s (median {heavy['median_ms'] / 1000:.1f} s)"
                    if heavy.get("p95_ms") is not None
                    else "no page load finished",
                    "report",
                    None,
                )
            )
        else:
            lines.append(
                (
                    "browser figures",
                    "skipped: no /usr/bin/chromium (apt-get install chromium)",
                    "",
                    None,
                )
            )

        # One upload must not slow everyone: a viewer while a coordinator's file is checked.
        from benchmarks import upload_isolation

        in_browser = (
            upload_isolation.asyncio.run(upload_isolation.run(stores[1]))
            if Path(browser.CHROMIUM).exists()
            else None
        )
        in_worker = upload_isolation.refusal_in_worker()
        results["upload_isolation"] = {"worker": in_worker, "browser": in_browser}
        lines.extend(upload_isolation.lines(in_worker, in_browser))

    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nBenchmarks on {results['machine']} ({results['minutes']} min)")
    width = max(len(w) for w, *_ in lines)
    for what, figure, goal, met in lines:
        mark = "" if met is None else ("ok" if met else "MISSED")
        print(f"  {what:<{width}}  {figure:>34}  {goal:>10}  {mark}")
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
