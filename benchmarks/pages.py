"""Warm script run time of every page (AppTest, median of several runs) on a demo store.

    python -m benchmarks.pages [--scale N] [--runs N]

A page's first run fills the caches; the figure that matters for a meeting room is the
warm one, when people change filters back and forth over data already read.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "framework", "smes", "exchanges", "budget", "staff", "sdg11", "about")
GOAL_MS = 150.0


def measure(store_path: Path, runs: int = 7) -> dict[str, dict[str, float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["UCCN_DB"] = str(store_path)
    results: dict[str, dict[str, float]] = {}
    for page in PAGES:
        for lang in ("sv", "en"):
            at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
            at.query_params["lang"] = lang
            at.run()
            if page != "overview":
                at.switch_page(f"views/{page}.py").run()
            at.run()  # fill the caches for this page
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                at.run()
                times.append((time.perf_counter() - started) * 1000)
            if at.exception:
                raise RuntimeError(f"{page} ({lang}) raised: {at.exception}")
            results[f"{page}/{lang}"] = {
                "median_ms": statistics.median(times),
                "max_ms": max(times),
            }
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from uccn_data.demo import build_demo
    from uccn_data.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "demo.duckdb")
        build_demo(store, scale=args.scale)
        results = measure(store.path, args.runs)
    print(f"Warm page script runs (AppTest, median of {args.runs}), demo scale {args.scale}:")
    for name, r in results.items():
        mark = "ok" if r["median_ms"] <= GOAL_MS else "MISSED"
        print(
            f"  {name:<16} {r['median_ms']:7.1f} ms  (max {r['max_ms']:6.1f})  goal <= {GOAL_MS:.0f}  {mark}"
        )
    print(json.dumps({"scale": args.scale, "pages": results}))


if __name__ == "__main__":
    main()
