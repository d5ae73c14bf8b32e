"""A page opened by its own link (as a link sent before a meeting is) connects at once.

Streamlit's page does not know the server's root when the address names a page
(`/ekonomi?lang=sv`): it asked `/ekonomi/_stcore/health` first, got a 404, waited 100 ms and
then asked the root. `dashboard/serve.py` serves a page that names the root, also under a base
path (`server.baseUrlPath`, when a proxy serves the dashboard under a folder). These tests watch
every request the browser makes and the page it draws.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from dashboard import i18n

from .browser import PAGES, App, RequestLog, wait_ready
from .conftest import VIEWPORT, running_dashboard

pytestmark = pytest.mark.e2e
H1 = "[data-testid='stAppViewContainer'] h1"


@pytest.fixture(scope="module")
def under_folder(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The dashboard as served under /uccn/ (`--server.baseUrlPath uccn`)."""
    with running_dashboard(
        tmp_path_factory.mktemp("base-path"), "--server.baseUrlPath", "uccn"
    ) as app:
        yield app


def open_by_link(browser: Any, app: App, path: str, lang: str) -> tuple[Any, list[str]]:
    """A new browser session opening the page at `path` by its link, until drawn, and the
    path of every request it made."""
    log = RequestLog()
    context = browser.new_context(viewport=VIEWPORT)
    context.on("request", lambda request: log.add(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: log.add(socket.url))
    page.goto(app.url(path, lang=lang))
    wait_ready(page)
    page.locator(H1).first.wait_for()
    return page, [urlsplit(url).path for url in log.urls]


def streamlit_calls(paths: list[str]) -> list[str]:
    """The requests for Streamlit's own endpoints: health, host-config and the socket."""
    return [path for path in paths if "/_stcore/" in path and "upload_file" not in path]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("page", [p for p in PAGES if p.path], ids=lambda p: p.name)
def test_a_page_opened_by_its_link_asks_the_root_only(browser: Any, app: App, page: Any, lang):
    opened, paths = open_by_link(browser, app, page.path, lang)
    try:
        calls = streamlit_calls(paths)
        assert calls, "the page never reached the server"
        assert all(call.startswith("/_stcore/") for call in calls), calls
        assert opened.locator(H1).first.inner_text() == i18n.t(f"{page.name}.heading", lang)
    finally:
        opened.context.close()


def test_under_a_folder_the_page_asks_that_folder(browser: Any, under_folder: App):
    opened, paths = open_by_link(browser, under_folder, "ekonomi", "en")
    try:
        calls = streamlit_calls(paths)
        assert calls and all(call.startswith("/uccn/_stcore/") for call in calls), calls
        assert opened.locator(H1).first.inner_text() == i18n.t("budget.heading", "en")
        # The sidebar's links stay under the folder.
        link = opened.locator("[data-testid='stSidebarNav'] a").nth(1).get_attribute("href")
        assert urlsplit(link or "").path.startswith("/uccn/")
    finally:
        opened.context.close()


@pytest.mark.parametrize(("lang", "expected"), [("en", "en"), ("sv", "sv"), ("xx", "sv")])
def test_the_page_has_the_links_language_before_the_app_runs(
    browser: Any, app: App, lang: str, expected: str
):
    # Before the socket opens, only the page the server sent can have set it.
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/_stcore/**", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(app.url("om", lang=lang), wait_until="domcontentloaded")
        assert page.evaluate("() => document.documentElement.lang") == expected
    finally:
        context.close()


def test_the_page_served_names_the_root_once(app: App):
    url = app.url("utbyten", lang="sv")
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - our own http address
        html = answer.read().decode("utf-8")
    assert html.count("BACKEND_BASE_URL") == 1
    assert html.index("BACKEND_BASE_URL") < html.index('<script type="module"')
