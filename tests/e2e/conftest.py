"""The dashboard in a real browser: one `streamlit run` over a demo store and one headless
Chromium (the system's, /usr/bin/chromium) for the whole session; each test gets a fresh
browser context, which is a fresh Streamlit session.

Without Chromium or Playwright the suite is skipped with a message on a developer machine,
and fails in CI (where `CI` is set), because there a skip would hide it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.auth import hash_password
from tests.conftest import ROOT
from tests.deployment_files import free_port, healthy

from .browser import COORDINATOR, PASSWORD, App, RequestLog, is_foreign, wait_ready

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium phones home at start; this machine's
# closed network refuses it, and the tests must not depend on it either.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1400, "height": 1000}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(what: str) -> None:
    message = (
        f"Browser tests skipped: {what}. Install Chromium with `apt-get install chromium` "
        "(Debian's package; Playwright's own browser download does not work here) and "
        "the test tools with `make test`."
    )
    if _in_ci():
        pytest.fail(
            message.replace("skipped", "cannot run in CI") + " A skip would hide them.",
            pytrace=False,
        )
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The system Chromium, or a skip (a failure in CI) saying what is missing."""
    for package in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(package) is None:
            _unavailable(f"the Python package {package} is not installed")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} is missing")
    return CHROMIUM


@contextlib.contextmanager
def running_dashboard(folder: Path, *options: str) -> Iterator[App]:
    """`python -m dashboard.serve run dashboard/app.py` (as `make run` starts it) on a fresh
    demo store in `folder`, on a free port, with Streamlit's `options` added
    (e.g. "--server.baseUrlPath", "uccn"); stopped when the block ends.

    It runs from `folder`, which gets a copy of the project's `.streamlit/config.toml` and a
    secrets file with a test coordinator, so the repository's own `.streamlit/` is never read
    or written; HOME points there too, so a developer's ~/.streamlit does not count.
    """
    store = folder / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "uccn_data", "demo", "--db", str(store)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (folder / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    (folder / ".streamlit" / "secrets.toml").write_text(
        f"[uccn.accounts.{COORDINATOR}]\n"
        'name = "Anna Samordnare"\n'
        'role = "coordinator"\n'
        f'password_hash = "{hash_password(PASSWORD)}"\n',
        encoding="utf-8",
    )
    port = free_port()
    log = folder / "server.log"
    env = {
        **os.environ,
        "UCCN_DB": str(store),
        "HOME": str(folder),
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT),  # `-m dashboard.serve` from the temporary folder
    }
    command = [
        # The start command `make run` and the container use: Streamlit without its lookup of
        # this machine's public address (dashboard/serve.py).
        sys.executable, "-m", "dashboard.serve", "run", str(ROOT / "dashboard" / "app.py"),
        "--server.port", str(port),
        "--server.headless", "true",
        # A fixed address also stops Streamlit from asking a web service for this machine's
        # public address, which it does at start when headless on all addresses.
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *options,
    ]  # fmt: skip
    base = next((v for k, v in itertools.pairwise(options) if k == "--server.baseUrlPath"), "")
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 90
        while not healthy(port, base):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "the dashboard did not start:\n" + log.read_text(errors="replace")[-3000:]
                )
            time.sleep(0.2)
        yield App(port, store, log, base)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def app(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The dashboard (`running_dashboard`) for the whole session."""
    with running_dashboard(tmp_path_factory.mktemp("e2e")) as running:
        yield running


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    """One headless system Chromium for the session (Playwright gives it a fresh profile)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def new_page(browser: Any, app: App) -> Iterator[Callable[..., Any]]:
    """Open the dashboard in a fresh context (a new Streamlit session) and wait until drawn.

    Requests to any other host are refused before they leave the browser; with `log`, every
    request and socket of the context is recorded there (a refused one too).
    """
    contexts: list[Any] = []

    def _open(path: str = "", *, log: RequestLog | None = None, **query: str) -> Any:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        if log is not None:
            context.on("request", lambda request: log.add(request.url))
        context.route(lambda url: is_foreign(url, app.port), lambda route: route.abort())
        page = context.new_page()
        if log is not None:
            page.on("websocket", lambda socket: log.add(socket.url))
        page.goto(app.url(path, **query))
        wait_ready(page)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def open_app(new_page: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """`new_page` for one test; its contexts are closed when the test ends."""
    pages: list[Any] = []

    def _open(path: str = "", **kwargs: Any) -> Any:
        page = new_page(path, **kwargs)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.context.close()
