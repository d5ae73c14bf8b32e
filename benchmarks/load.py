"""Twenty people open the Overview at once and change filters: does every page render, and
how long does the slowest twentieth wait? (A benchmark, not a test: it reports a figure.)

    python -m benchmarks.load --store PATH [--sessions 20]

All traffic stays on this machine: one Streamlit server on a loopback port and headless
Chromium pages against it, a bounded number of page loads each.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, Server

FILTERS = ["", "?year=2022", "?area=competence_development", "?year=2024&theme=gastronomy"]


async def session(browser: Any, url: str, times: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        for query in FILTERS:
            started = time.perf_counter()
            # Twenty browsers on two cores are slow to even start a page: wait generously,
            # a slow page is the figure being measured, not an error.
            await page.goto(url + query, wait_until="commit", timeout=300_000)
            await page.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=300_000)
            await page.wait_for_function(
                "() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=300_000
            )
            times.append((time.perf_counter() - started) * 1000)
            if await page.locator("[data-testid='stException']").count():
                errors.append(f"exception on {query or 'the default view'}")
    except Exception as exc:  # a session that never rendered is an error to report, not a crash
        errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        await context.close()


async def run(store: Path, sessions: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    server = Server(ROOT / "dashboard" / "app.py", {"UCCN_DB": str(store)})
    times: list[float] = []
    errors: list[str] = []
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # One warm-up visit, so the figure is about load, not about the first start.
            await session(browser, server.url, [], [])
            started = time.perf_counter()
            await asyncio.gather(
                *(session(browser, server.url, times, errors) for _ in range(sessions))
            )
            wall = time.perf_counter() - started
            await browser.close()
        rss = server.rss_mb()
    finally:
        server.stop()
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else float("nan")
    return {
        "sessions": sessions,
        "page_loads": len(times),
        "errors": errors,
        "median_ms": statistics.median(times) if times else None,
        "p95_ms": p95,
        "wall_s": wall,
        "server_rss_mb": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.store, args.sessions))))


if __name__ == "__main__":
    main()
