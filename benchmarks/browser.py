"""What a person sees in headless Chromium, side by side with a bare Streamlit page.

    python -m benchmarks.browser --store PATH [--nav-store PATH] [--runs N]

Measured in one run on this machine, every figure against the bare page served the same way
(`python -m dashboard.serve run ...`, as `make run` starts the dashboard):

- cold start: process start to the first Overview ready, as a ratio to the bare page's, in a
  browser that has never seen either (each server's first visit ever);
- restart: the same, for a server restarted at the address the browser has visited (its code
  cached, as for people who opened the link before), and the first Overview from a server
  started RESTART_IDLE_S earlier (as at a meeting: the server is up before the room arrives;
  the dashboard builds that page while it starts, dashboard/warm.py);
- warm reload: every page in both languages opened again by its link once its caches are
  filled (the store given by --store, scale 100 in `make bench`); the median over all those
  loads against the bare page's median (a ratio); and the frame alone: the dashboard with no
  store, whose Overview is its heading, its lead and a notice in the full frame (language, filters,
  menu, sign-in), reloaded between the same loads, against the bare page: the part of the
  ratio that is Streamlit's sidebar, widgets and menu rather than the pages' content;
- in-app navigation: a click on a page's link in the sidebar to the new page settled, every
  page in both languages (the store given by --nav-store, scale 1 in `make bench`); median and
  worst, and the bare page's clicks between its two pages for comparison;
- the server's resident memory after every page has been visited.

"Ready" and "settled" mean: the script run that the load or click started has finished (its
`script_finished` message reached the page's websocket), the page's h1 is drawn (on a click:
the new page's h1) and no element still waits for its code (no skeleton). The status widget is
not the signal: Streamlit shows it only after 500 ms of running and fades it out over 200 ms,
so a quick run never shows it and a slow one keeps it 200 ms after the page is complete.
Needs /usr/bin/chromium and Playwright (the e2e test setup).
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
# Every page a viewer can open: name -> its URL path.
PAGES = {
    "overview": "",
    "framework": "ramaktiviteter",
    "smes": "foretag",
    "exchanges": "utbyten",
    "budget": "ekonomi",
    "staff": "arbetstid",
    "sdg11": "agenda2030",
    "completeness": "datakvalitet",
    "reports": "rapporter",
    "present": "presentation",
    "about": "om",
}
LANGUAGES = ("sv", "en")
# The baseline: what Streamlit alone costs. Two pages in the sidebar, as the dashboard's menu,
# so that navigation has a baseline too; the first page holds only a title.
BARE_APP = """import streamlit as st


def first() -> None:
    st.title("UCCN")


def second() -> None:
    st.title("UCCN, sida 2")


st.navigation(
    [st.Page(first, title="UCCN", default=True), st.Page(second, title="Sida 2", url_path="sida2")]
).run()
"""
# How long a restarted server is left alone before its first visit (see the module docstring).
RESTART_IDLE_S = 5
GOAL_RELOAD_RATIO = 1.5
GOAL_COLD_RATIO = 1.5
GOAL_NAV_MEDIAN_S = 0.4
GOAL_NAV_WORST_S = 0.8
H1 = "[data-testid='stAppViewContainer'] h1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bare_script(folder: Path) -> Path:
    """Write the bare page into `folder`; returns its path."""
    path = folder / "bare.py"
    path.write_text(BARE_APP, encoding="utf-8")
    return path


class Server:
    """The dashboard's start command (`python -m dashboard.serve run SCRIPT`, as `make run`) in a
    subprocess, from a folder holding only the project's Streamlit config (no secrets: every
    visitor is a viewer), on `port` or a free one. Blocks until /_stcore/health answers;
    RuntimeError after 60 s."""

    def __init__(self, script: Path, env: dict[str, str], port: int | None = None) -> None:
        # A given port: a restart at the same address, whose code the browser has cached.
        self.port = port or free_port()
        self.folder = Path(tempfile.mkdtemp())
        (self.folder / ".streamlit").mkdir()
        shutil.copy(ROOT / ".streamlit" / "config.toml", self.folder / ".streamlit" / "config.toml")
        python_path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dashboard.serve", "run", str(script),
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.serverAddress", "localhost"],
            cwd=self.folder, env={**os.environ, "PYTHONPATH": python_path, **env},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/_stcore/health", timeout=1
                ) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the server for {script.name} did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rss_mb(self) -> float:
        """Resident memory of the server process now, in MB (NaN once it has ended)."""
        try:
            lines = Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
        except OSError:
            return float("nan")
        for line in lines:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server process has used so far."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        # utime and stime are fields 14 and 15 of stat; [0] here is field 3 (the state).
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def script_finished_field() -> int:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return int(ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number)


# Counts, in the page, the ForwardMsgs that end a script run (`script_finished`, except "ended
# early for a rerun"), read from the websocket before Streamlit's own handler sees them. Only
# the message's top level is scanned (the field is a varint there), so nothing is decoded.
FINISHED_COUNTER = """(() => {
  const FIELD = %d, EARLY_FOR_RERUN = 2;
  window.__runsFinished = 0;
  const finished = (buffer) => {
    const b = new Uint8Array(buffer);
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = b[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value;
    };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag %% 8;
      if (wire === 0) { const v = varint(); if (field === FIELD) return v !== EARLY_FOR_RERUN; }
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data instanceof ArrayBuffer && finished(event.data)) window.__runsFinished += 1;
      });
    }
  };
})();"""

SETTLED = """([before, oldTitle]) => {
  if ((window.__runsFinished || 0) <= before) return false;
  const h1 = document.querySelector("[data-testid='stAppViewContainer'] h1");
  if (!h1 || (oldTitle !== null && h1.textContent === oldTitle)) return false;
  return !document.querySelector("[data-testid='stSkeleton']");
}"""


def counting(context: Any) -> Any:
    """`context` (a Playwright BrowserContext, sync or async) with every page counting its
    finished script runs (see FINISHED_COUNTER). Returns what add_init_script returns."""
    return context.add_init_script(FINISHED_COUNTER % script_finished_field())


def finished_runs(page: Any) -> int:
    return int(page.evaluate("() => window.__runsFinished || 0"))


def ready(
    page: Any, before: int = 0, old_title: str | None = None, timeout_ms: int = 120_000
) -> None:
    """Until a script run after the first `before` has finished, the h1 (other than
    `old_title`) is drawn and no element waits for its code. Needs `counting(context)`."""
    page.wait_for_function(SETTLED, arg=[before, old_title], timeout=timeout_ms, polling="raf")


def page_ready_ms(page: Any, url: str) -> float:
    """Open `url` in `page` and time it to ready, in ms."""
    page.bring_to_front()
    started = time.perf_counter()
    page.goto(url)
    ready(page)
    return (time.perf_counter() - started) * 1000


def click_ms(page: Any, path: str) -> float:
    """Click the sidebar's link to `path` and time it to the new page settled, in ms."""
    page.bring_to_front()  # a tab in the background draws (and polls) at a throttled pace
    before = finished_runs(page)
    old = page.locator(H1).first.inner_text()
    link = page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']")
    started = time.perf_counter()
    link.click()
    ready(page, before, old)
    return (time.perf_counter() - started) * 1000


def lang_url(base: str, path: str, lang: str) -> str:
    return f"{base}{path}?lang={lang}"


def navigation(app: Any, bare: Any, app_url: str, bare_url: str, rounds: int) -> dict[str, Any]:
    """Click through every page in the sidebar, in both languages, `rounds` times after one
    unmeasured round (each page's caches filled); the bare page's two pages are clicked in
    turn between the app's clicks. Times in ms."""
    clicks: dict[str, list[float]] = {}
    bare_clicks: list[float] = []
    order = [*list(PAGES)[1:], "overview"]
    for lang in LANGUAGES:
        app.goto(lang_url(app_url, "", lang))
        ready(app)
        bare.goto(bare_url)
        ready(bare)
        bare_at_first = True
        for round_ in range(rounds + 1):
            for name in order:
                ms = click_ms(app, PAGES[name])
                bare_ms = click_ms(bare, "sida2" if bare_at_first else "")
                bare_at_first = not bare_at_first
                if round_:
                    clicks.setdefault(f"{name}/{lang}", []).append(ms)
                    bare_clicks.append(bare_ms)
    every = [ms for times in clicks.values() for ms in times]
    return {
        "clicks_ms": clicks,
        "median_ms": statistics.median(every),
        "worst_ms": max(every),
        "worst_page": max(clicks, key=lambda k: max(clicks[k])),
        "bare_median_ms": statistics.median(bare_clicks),
        "bare_worst_ms": max(bare_clicks),
    }


def restarts(page: Any, servers: dict[str, Server], bare: Path, store: Path) -> dict[str, Any]:
    """Each of servers["bare"] (the script `bare`) and servers["app"] (the dashboard on
    `store`) restarted at its port, twice in alternation: process start to the Overview ready
    at once, and the Overview's load after the server has been up RESTART_IDLE_S. The servers
    in `servers` are replaced by the last restarted ones. Times in ms."""
    scripts = {"bare": bare, "app": ROOT / "dashboard" / "app.py"}
    env = {"UCCN_DB": str(store)}
    at_once: dict[str, list[float]] = {"bare": [], "app": []}
    after_idle: dict[str, list[float]] = {"bare": [], "app": []}
    for round_ in range(2):
        for name in ("bare", "app") if round_ == 0 else ("app", "bare"):
            for waited in (False, True):
                port = servers[name].port
                servers[name].stop()
                page.goto("about:blank")
                servers[name] = Server(scripts[name], env, port=port)
                if waited:
                    time.sleep(RESTART_IDLE_S)
                    after_idle[name].append(
                        page_ready_ms(page, lang_url(servers[name].url, "", "sv"))
                    )
                else:
                    page.goto(lang_url(servers[name].url, "", "sv"))
                    ready(page)
                    at_once[name].append((time.perf_counter() - servers[name].started) * 1000)
    result: dict[str, Any] = {}
    for key, times in (("cold_cached_ms", at_once), ("after_idle_ms", after_idle)):
        result[key] = {name: statistics.median(v) for name, v in times.items()}
        result[key.replace("_ms", "_ratio")] = result[key]["app"] / result[key]["bare"]
    return result


def measure(
    store: Path, runs: int, nav_store: Path | None = None, nav_rounds: int = 2
) -> dict[str, Any]:
    """Cold start, warm reloads on `store`, in-app navigation on `nav_store` (default: the
    same store) and the server's memory, each against the bare page. Shapes in the module
    docstring; times in ms, memory in MB."""
    from playwright.sync_api import sync_playwright

    # Absolute: the servers start in folders of their own (see Server).
    store = store.resolve()
    nav_store = (nav_store or store).resolve()
    results: dict[str, Any] = {}
    servers: dict[str, Server] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        bare_path = bare_script(Path(tmp))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            counting(context)
            page = context.new_page()

            # Cold start: process start to the first page ready, the bare page first.
            cold: dict[str, float] = {}
            for name, script, db in (
                ("bare", bare_path, store),
                ("app", ROOT / "dashboard" / "app.py", store),
            ):
                server = Server(script, {"UCCN_DB": str(db)})
                servers[name] = server
                page.goto(lang_url(server.url, "", "sv"))
                ready(page)
                cold[name] = (time.perf_counter() - server.started) * 1000
            results["cold_start_ms"] = cold
            results["cold_ratio"] = cold["app"] / cold["bare"]

            # Warm reload: each page and language once to fill its caches, then `runs` loads,
            # each after a load of the bare page; the frame alone once per page and language.
            servers["frame"] = Server(
                ROOT / "dashboard" / "app.py", {"UCCN_DB": str(Path(tmp) / "no-store.duckdb")}
            )
            frame_url = lang_url(servers["frame"].url, "", "sv")
            page_ready_ms(page, frame_url)
            loads: dict[str, list[float]] = {}
            bare_loads: list[float] = []
            frame_loads: list[float] = []
            for name, path in PAGES.items():
                for lang in LANGUAGES:
                    url = lang_url(servers["app"].url, path, lang)
                    page_ready_ms(page, url)
                    for _ in range(runs):
                        bare_loads.append(page_ready_ms(page, servers["bare"].url))
                        loads.setdefault(f"{name}/{lang}", []).append(page_ready_ms(page, url))
                    frame_loads.append(page_ready_ms(page, frame_url))
            every = [ms for times in loads.values() for ms in times]
            median = statistics.median(every)
            bare = statistics.median(bare_loads)
            frame = statistics.median(frame_loads)
            results["reload"] = {
                "pages_ms": {k: statistics.median(v) for k, v in loads.items()},
                "median_ms": median,
                "slowest_page": max(loads, key=lambda k: statistics.median(loads[k])),
                "bare_ms": bare,
                "ratio": median / bare,
                "frame_ms": frame,
                "frame_ratio": frame / bare,
            }
            servers.pop("frame").stop()
            results["server_rss_mb"] = servers["app"].rss_mb()

            # In-app navigation, on its own server and store.
            servers["nav"] = Server(ROOT / "dashboard" / "app.py", {"UCCN_DB": str(nav_store)})
            bare_page = context.new_page()
            results["navigation"] = navigation(
                page, bare_page, servers["nav"].url, servers["bare"].url, nav_rounds
            )
            bare_page.close()
            results["restart"] = restarts(page, servers, bare_path, store)
        finally:
            browser.close()
            for server in servers.values():
                server.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--nav-store", type=Path)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--nav-rounds", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(measure(args.store, args.runs, args.nav_store, args.nav_rounds), indent=2))


if __name__ == "__main__":
    main()
