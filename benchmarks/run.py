"""`make bench`: every figure against its goal, side by side with its baseline, in one run.

The import of 100,000 spending rows against DuckDB's own read_csv: both read the same file,
a Swedish Excel "CSV UTF-8" export (`;`, decimal comma, spaces between thousands, `kr`), each
in a fresh process, alternating, several rounds; the medians are compared. Then how quickly
files past the limits are refused and a busy store is reported (limits.py), the pages' warm
script runs (pages.py); with a browser, against a bare Streamlit page: the warm reload of
every page in both languages, navigation from the sidebar and the cold start (browser.py);
the meeting burst of 10, 30 and 60 sessions speaking Streamlit's protocol, the larger ones
again over two dashboard processes, the burst of 30 over two processes behind nginx as the
deployment guide sets it up (if nginx is installed), a burst of 30 with one real Chromium
(the bare page's too), and the capacity of one process (burst.py); last, whether a
viewer's pages stay quick while a coordinator's 100,000-row file is checked and how soon a
60,000 x 200 workbook is refused (upload_isolation.py). Results are printed and written to
benchmarks/results.json, with the date and the commit measured.
"""

from __future__ import annotations

import asyncio
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
from typing import Any

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


def browser_lines(b: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """The (what, figure, goal, met) rows of benchmarks.browser.measure's result."""
    from benchmarks import browser

    reload, nav = b["reload"], b["navigation"]
    return [
        (
            "warm page reload, every page sv+en, scale 100, vs bare",
            f"{reload['median_ms']:.0f} / {reload['bare_ms']:.0f} ms = {reload['ratio']:.2f}x",
            f"<= {browser.GOAL_RELOAD_RATIO}x",
            reload["ratio"] <= browser.GOAL_RELOAD_RATIO,
        ),
        (
            "  the frame alone (no store: heading, lead, notice) vs bare",
            f"{reload['frame_ms']:.0f} / {reload['bare_ms']:.0f} ms = {reload['frame_ratio']:.2f}x",
            "report",
            None,
        ),
        (
            "sidebar navigation, click to settled, scale 1: median",
            f"{nav['median_ms']:.0f} ms (bare {nav['bare_median_ms']:.0f} ms)",
            f"<= {browser.GOAL_NAV_MEDIAN_S * 1000:.0f} ms",
            nav["median_ms"] <= browser.GOAL_NAV_MEDIAN_S * 1000,
        ),
        (
            "sidebar navigation, click to settled, scale 1: worst",
            f"{nav['worst_ms']:.0f} ms {nav['worst_page']} (bare {nav['bare_worst_ms']:.0f} ms)",
            f"<= {browser.GOAL_NAV_WORST_S * 1000:.0f} ms",
            nav["worst_ms"] <= browser.GOAL_NAV_WORST_S * 1000,
        ),
        (
            "cold start to the first Overview, scale 100, vs bare",
            f"{b['cold_start_ms']['app']:.0f} / {b['cold_start_ms']['bare']:.0f} ms = {b['cold_ratio']:.2f}x",
            f"<= {browser.GOAL_COLD_RATIO}x",
            b["cold_ratio"] <= browser.GOAL_COLD_RATIO,
        ),
        *restart_lines(b["restart"]),
        (
            "server memory after every page, scale 100",
            f"{b['server_rss_mb']:.0f} MB",
            "<= 400 MB",
            b["server_rss_mb"] <= 400,
        ),
    ]


def restart_lines(r: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """Rows for benchmarks.browser.restarts: reported, not held to a goal."""
    from benchmarks import browser

    rows = []
    for key, what in (
        ("cold_cached", "  restart at a visited address, start to first Overview"),
        ("after_idle", f"  first Overview from a server up {browser.RESTART_IDLE_S} s"),
    ):
        ms = r[f"{key}_ms"]
        figure = f"{ms['app']:.0f} / {ms['bare']:.0f} ms = {r[f'{key}_ratio']:.2f}x"
        rows.append((what + ", vs bare", figure, "report", None))
    return rows


def commit() -> str:
    """The commit measured (short hash), marked when the work tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} with uncommitted changes" if changed else head


def main() -> None:
    from benchmarks import browser, limits, pages
    from uccn_data.demo import build_demo
    from uccn_data.store import Store

    started = time.monotonic()
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores",
        "commit": commit(),
        "date": time.strftime("%Y-%m-%d"),
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
            b = browser.measure(stores[100], runs=2, nav_store=stores[1])
            results["browser"] = b
            lines.extend(browser_lines(b))
        else:
            lines.append(
                (
                    "browser figures",
                    "skipped: no /usr/bin/chromium (apt-get install chromium)",
                    "",
                    None,
                )
            )

        # The meeting burst: protocol sessions, no browsers (one Chromium if there is one).
        from benchmarks import burst

        meeting = asyncio.run(burst.run(stores[1]))
        results["burst_scale_1"] = meeting
        lines.extend(burst.lines(meeting))

        # One upload must not slow everyone: a viewer while a coordinator's file is checked.
        from benchmarks import upload_isolation

        in_browser = (
            asyncio.run(upload_isolation.run(stores[1]))
            if Path(browser.CHROMIUM).exists()
            else None
        )
        in_worker = upload_isolation.refusal_in_worker()
        results["upload_isolation"] = {"worker": in_worker, "browser": in_browser}
        lines.extend(upload_isolation.lines(in_worker, in_browser))

    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(
        f"\nBenchmarks on {results['machine']}, {results['date']}, commit {results['commit']} "
        f"({results['minutes']} min)"
    )
    width = max(len(w) for w, *_ in lines)
    figures = max(len(f) for _, f, *_ in lines)
    for what, figure, goal, met in lines:
        mark = "" if met is None else ("ok" if met else "MISSED")
        print(f"  {what:<{width}}  {figure:>{figures}}  {goal:>14}  {mark}")
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
