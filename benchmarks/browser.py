"""Page-ready times in headless Chromium against a bare Streamlit page served the same way.

    python -m benchmarks.browser --store PATH [--runs N]

Measures, in one run and on this machine: the warm page-ready time of every page against a
page holding only `st.title` (a ratio), the cold start (`streamlit run` to the Overview ready)
against the bare page's cold start, and the server's resident memory after every page has
been visited. Needs /usr/bin/chromium and Playwright (the e2e test setup).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PAGES = {
    "overview": "",
    "framework": "ramaktiviteter",
    "smes": "foretag",
    "exchanges": "utbyten",
    "budget": "ekonomi",
    "staff": "arbetstid",
    "sdg11": "agenda2030",
    "about": "om",
}
BARE_APP = "import streamlit as st\n\nst.title('UCCN')\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`streamlit run` in a subprocess, from a folder holding only the project's config."""

    def __init__(self, script: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp())
        (self.folder / ".streamlit").mkdir()
        shutil.copy(ROOT / ".streamlit" / "config.toml", self.folder / ".streamlit" / "config.toml")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=self.folder, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/_stcore/health", timeout=1
                ) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def ready(page: Any, timeout_ms: int = 60_000) -> None:
    """Until the app has drawn and is no longer running a script."""
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=timeout_ms
    )


def page_ready_ms(page: Any, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    ready(page)
    return (time.perf_counter() - started) * 1000


def measure(store: Path, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        env = {"UCCN_DB": str(store)}
        results: dict[str, Any] = {"pages": {}}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()

            # Cold start: process start to the first page ready, for the app and the bare page.
            cold: dict[str, float] = {}
            servers: dict[str, Server] = {}
            for name, script in (("bare", bare_script), ("app", ROOT / "dashboard" / "app.py")):
                server = Server(script, env)
                page.goto(server.url)
                ready(page, 120_000)
                cold[name] = (time.perf_counter() - server.started) * 1000
                servers[name] = server
            results["cold_start_ms"] = cold
            results["cold_ratio"] = cold["app"] / cold["bare"]

            # Warm: every page reloaded a few times, the bare page in between as the baseline.
            bare_times: list[float] = []
            for name, path in PAGES.items():
                times = []
                for _ in range(runs):
                    bare_times.append(page_ready_ms(page, servers["bare"].url))
                    times.append(page_ready_ms(page, servers["app"].url + path))
                results["pages"][name] = statistics.median(times)
            bare = statistics.median(bare_times)
            results["bare_ms"] = bare
            results["ratios"] = {n: t / bare for n, t in results["pages"].items()}
            results["server_rss_mb"] = servers["app"].rss_mb()
            browser.close()
            for server in servers.values():
                server.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.store, args.runs)))


if __name__ == "__main__":
    main()
