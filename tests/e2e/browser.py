"""What the browser tests share: the pages as the sidebar lists them, waiting for Streamlit to
finish a run, the sidebar's filters, signing in, screenshots and the record of requests."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from dashboard import i18n
from tests.conftest import ROOT

SCREENSHOTS = ROOT / "screenshots"
PASSWORD = "ett långt och hemligt lösenord"
COORDINATOR = "anna"
FILTER_LABELS = {  # query-string name -> the select's label key
    "period": "filter.period",
    "year": "filter.year",
    "area": "filter.area",
    "theme": "filter.theme",
    "municipality": "filter.municipality",
}


@dataclass(frozen=True)
class App:
    """The running dashboard (conftest's `app` fixture)."""

    port: int
    store: Path
    log: Path
    base: str = ""  # server.baseUrlPath, when a proxy serves the dashboard under a folder

    def url(self, path: str = "", **query: str) -> str:
        qs = "&".join(f"{k}={v}" for k, v in query.items())
        folder = "/".join(part for part in (self.base.strip("/"), path) if part)
        return f"http://127.0.0.1:{self.port}/{folder}" + (f"?{qs}" if qs else "")


@dataclass(frozen=True)
class Page:
    """A page in the sidebar, and how much it shows on the unfiltered demo store."""

    name: str  # views/<name>.py, nav.<name>, <name>.heading
    path: str  # url_path in app.py
    charts: int
    tables: int


PAGES = [
    Page("overview", "", charts=1, tables=1),
    Page("framework", "ramaktiviteter", charts=4, tables=5),
    Page("smes", "foretag", charts=4, tables=5),  # the municipality map is one of the charts
    Page("exchanges", "utbyten", charts=4, tables=5),  # so is the world map
    Page("budget", "ekonomi", charts=4, tables=4),
    Page("staff", "arbetstid", charts=1, tables=1),
    Page("sdg11", "agenda2030", charts=3, tables=3),
    Page("completeness", "datakvalitet", charts=0, tables=4),
    Page("about", "om", charts=0, tables=1),
]
DATA_PAGE = Page("data", "data", charts=0, tables=0)

# Settled: connected, no script running, no status widget, and the main block drawn with
# nothing left over (stale) from the previous run.
_SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  return !!main && !!main.querySelector('[data-testid="stElementContainer"]')
    && !document.querySelector('[data-stale="true"]');
}"""


def wait_ready(page: Any, timeout_s: float = 60) -> None:
    """Until Streamlit has finished the run and drawn the page, and stayed so for a moment
    (a run can start another, e.g. after a language change)."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    calm = 0
    while calm < 3:
        if time.monotonic() > deadline:
            raise AssertionError(f"the page was still running after {timeout_s:.0f} s: {page.url}")
        calm = calm + 1 if page.evaluate(_SETTLED) else 0
        page.wait_for_timeout(100)


# Drawn charts, one count each: Plotly's once its bundle (loaded after the page) has drawn it,
# and those drawn as SVG on the server (counted by their wide drawing).
DRAWN_CHARTS = """() =>
  [...document.querySelectorAll('.js-plotly-plot')].filter(c => c.querySelector('.main-svg')).length
  + document.querySelectorAll('.uccn-chart .wide svg').length"""


def wait_for_charts(page: Any, count: int, timeout_s: float = 30) -> None:
    """Until `count` charts are drawn, Plotly's or SVG (`DRAWN_CHARTS`)."""
    if count:
        page.wait_for_function(
            f"n => ({DRAWN_CHARTS})() >= n",
            arg=count,
            timeout=timeout_s * 1000,
        )


def nav_links(page: Any) -> list[tuple[str, str]]:
    """The sidebar navigation as (label, path), in order; pages added later are in it too."""
    links = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')].map(a => [
             a.querySelector('[data-testid="stMarkdownContainer"]').innerText.trim(),
             new URL(a.href).pathname.slice(1)])"""
    )
    return [(str(label), str(path)) for label, path in links]


def click_link(page: Any, label: str, path: str) -> None:
    """Open a page the way a reader does: its link in the sidebar navigation."""
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name=label, exact=True).click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/" + path)
    wait_ready(page)
    page.locator("h1").first.wait_for(timeout=30_000)


def click_nav(page: Any, target: Page, lang: str) -> None:
    """Open one of our pages from the sidebar and wait for its own heading."""
    click_link(page, i18n.t(f"nav.{target.name}", lang), target.path)
    heading = i18n.t(f"{target.name}.heading", lang)
    page.locator("h1", has_text=heading).first.wait_for(timeout=30_000)


def html_lang(page: Any, expected: str, timeout_s: float = 10) -> str:
    """`<html lang>` once app.py's script has set it to `expected`, or what it is instead
    after `timeout_s` (the script runs when Streamlit draws it, a moment after the page)."""
    from playwright.sync_api import TimeoutError as Timeout

    with contextlib.suppress(Timeout):  # the caller's assertion shows what the page has
        page.wait_for_function(
            "lang => document.documentElement.lang === lang", arg=expected, timeout=timeout_s * 1000
        )
    return str(page.evaluate("document.documentElement.lang"))


def query(page: Any) -> dict[str, str]:
    """The current URL's query string as a flat dict."""
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


FILTERS_BUTTON = '[data-testid="stSidebar"] [data-testid="stPopover"] button'


def open_filters(page: Any) -> Any:
    """Open the sidebar's "Urval" popover, unless it is open, and wait for its five selects
    (the browser draws them only once it is opened). Returns the popover's body."""
    body = page.locator('[data-testid="stPopoverBody"]')
    if page.locator(f'{FILTERS_BUTTON}[aria-expanded="true"]').count() == 0:
        page.locator(FILTERS_BUTTON).click()
    body.locator('input[role="combobox"]').nth(len(FILTER_LABELS) - 1).wait_for()
    return body


def filter_values(page: Any, names: Any, lang: str) -> dict[str, str]:
    """What the selects for the filters `names` show: the sidebar's "Urval" popover opened,
    read and closed again with Escape, as a person does before going on (open, it covers the
    menu)."""
    body = open_filters(page)
    values = {}
    for name in names:
        label = i18n.t(FILTER_LABELS[name], lang)
        values[name] = str(body.locator(f'input[aria-label="{label}"]').input_value())
    page.keyboard.press("Escape")
    body.wait_for(state="detached")
    return values


def selection_summary(page: Any) -> str:
    """The sidebar's line under "Urval": what the filters hold, in words."""
    summary = page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]').first
    return str(summary.inner_text())


def open_expanders(page: Any, within: str = "") -> None:
    """Open every closed expander (charts' "Visa data" tables, the sign-in form), or those
    inside the CSS selector `within` (e.g. the main area), and wait until each holds its
    elements: a chart's table is sent only once it is opened (a rerun, dashboard/render.py)."""
    scope = f"{within} " if within else ""
    page.evaluate(
        """(scope) => document.querySelectorAll(scope + '[data-testid="stExpander"] details:not([open]) > summary')
                   .forEach(summary => summary.click())""",
        scope,
    )
    page.wait_for_function(
        """(scope) => [...document.querySelectorAll(scope + '[data-testid="stExpander"] details')].every(
                   d => d.open && d.querySelector('[data-testid="stElementContainer"]'))
               && !document.querySelector('[data-testid="stSkeleton"]')""",
        arg=scope,
    )


def sign_in(page: Any, lang: str, user: str = COORDINATOR, password: str = PASSWORD) -> None:
    """Through the sidebar's "Logga in (samordnare)" expander and its form."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    expander = sidebar.locator("details", has_text=i18n.t("login.heading", lang))
    if expander.get_attribute("open") is None:
        expander.locator("summary").click()
    data_link = page.locator('[data-testid="stSidebarNav"]').get_by_role(
        "link", name=i18n.t("nav.data", lang), exact=True
    )
    from playwright.sync_api import TimeoutError as Timeout

    # On a loaded machine the click can land while the form is still taking the typed words
    # in, and the run it starts then sees empty fields; the person would simply press again.
    for attempt in range(2):
        wait_ready(page)
        sidebar.get_by_label(i18n.t("login.username", lang), exact=True).fill(user)
        sidebar.get_by_label(i18n.t("login.password", lang), exact=True).fill(password)
        sidebar.get_by_role("button", name=i18n.t("login.sign_in", lang), exact=True).click()
        try:
            data_link.wait_for(timeout=20_000)
            break
        except Timeout:
            if attempt:
                raise
    wait_ready(page)


def screenshot(page: Any, name: str) -> Path:
    """The whole page as a PNG in screenshots/ (the main area scrolls inside the window, so the
    window is made as tall as the page for the picture, then put back)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0"
    )
    path = SCREENSHOTS / f"{name}.png"
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height), 12_000)})
        page.wait_for_timeout(300)  # charts redraw at the new size
        page.screenshot(path=str(path))
        page.set_viewport_size(size)
    else:
        page.screenshot(path=str(path))
    return path


def is_foreign(url: str, port: int) -> bool:
    """Whether `url` goes anywhere but the app itself (data: and blob: stay in the browser)."""
    if url.startswith(("data:", "blob:")):
        return False
    parts = urlsplit(url)
    own = parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in (
        "127.0.0.1",
        "localhost",
    )
    return not (own and parts.port == port)


@dataclass
class RequestLog:
    """Every address the browser asked for: pages, scripts, fonts, images and sockets."""

    urls: list[str] = field(default_factory=list)

    def add(self, url: str) -> None:
        self.urls.append(url)

    def foreign(self, port: int) -> list[str]:
        return [url for url in self.urls if is_foreign(url, port)]


def upload(page: Any, name: str, content: bytes) -> None:
    """Give the Data page's file uploader a file, as a drop or the file dialog would."""
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )
    wait_ready(page)
