"""What Chromium makes of Markdown that a link or a file tries to slip in: no link to another
host, no image fetched from one, the values shown as typed, and no request leaving the
machine.

The security review's link put a live link, an outside image and red bold text into the
bad-value notice; a partner city named like an address became a live link in the Exchanges
page's caption. Streamlit renders GitHub Markdown, whose bare-address links survive backslash
escapes: this test is where that is seen, in the browser that renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest

from dashboard import i18n
from tests.conftest import swedish_csv
from uccn_data.importer import import_file
from uccn_data.store import Store

from .browser import PAGES, App, RequestLog, click_nav, wait_for_charts

pytestmark = pytest.mark.e2e

LINK = "[KLICKA](http://evil/p)"
IMAGE = "![x](http://evil/t.png)"
COLOUR = ":red[**VARNING**]"
BARE = "http://evil.example/p"
WWW = "www.evil.se"
HTML = "<img src=x onerror=alert(1)>"
MATERIAL = ":material/home: Hem"  # Streamlit's Markdown element rewrites ":material/"
EXCHANGES = PAGES[3]

# Links and images anywhere in the page that point at another host (the app's own links are
# relative or to 127.0.0.1; Plotly's SVG images are data: URLs).
_FOREIGN = """() => ({
  links: [...document.querySelectorAll('a[href]')].map(a => a.href)
    .filter(h => !h.startsWith(location.origin) && !h.startsWith('#')),
  images: [...document.querySelectorAll('img[src], image[href]')]
    .map(i => i.src || i.getAttribute('href'))
    .filter(s => s && !s.startsWith(location.origin) && !s.startsWith('data:')),
})"""


def visible_text(page: Any, selector: str) -> str:
    """What a reader sees in the elements matched, as one text (the invisible word joiner
    that keeps bare addresses from becoming links is not seen)."""
    texts = page.locator(selector).all_inner_texts()
    return "\n".join(texts).replace("\u2060", "")


def foreign(page: Any) -> dict[str, list[str]]:
    return dict(page.evaluate(_FOREIGN))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_reviewers_link_shows_plain_text_and_fetches_nothing(
    open_app: Callable[..., Any], app: App, lang: str
):
    log = RequestLog()
    page = open_app(log=log, lang=lang, theme=quote(LINK), area=quote(IMAGE), period=quote(COLOUR))
    page.wait_for_timeout(500)  # an image would be fetched by now
    notice = visible_text(page, '[data-testid="stAlert"]')
    for name, value in (("theme", LINK), ("area", IMAGE), ("period", COLOUR)):
        assert i18n.t("filter.bad_value", lang, name=name, value=value) in notice
    assert foreign(page) == {"links": [], "images": []}
    # No red or bold text was formed inside our own warning.
    alerts = page.locator('[data-testid="stAlert"]')
    assert alerts.locator("strong, b, [class*='Color'], span[style*='color']").count() == 0
    assert log.foreign(app.port) == []


def test_bare_addresses_in_the_link_are_no_links(open_app: Callable[..., Any], app: App):
    log = RequestLog()
    page = open_app(log=log, theme=quote(BARE), municipality=quote(WWW))
    notice = visible_text(page, '[data-testid="stAlert"]')
    assert BARE in notice and WWW in notice
    assert foreign(page) == {"links": [], "images": []}
    assert log.foreign(app.port) == []


@pytest.fixture
def hostile_cities(app: App) -> Iterator[Store]:
    """Exchanges with partner cities named like an address, a link, an image and HTML, in
    the session's demo store; undone afterwards, so the other tests see the demo as it was."""
    store = Store(app.store)
    rows = [
        ["utbyte_id", "datum", "riktning", "partnerstad", "land"],
        ["SEC-1", "2023-01-10", "utresande", BARE, "Sverige"],
        ["SEC-2", "2023-02-10", "digital", f"{LINK}; {IMAGE}; {WWW}; {HTML}", "Sverige"],
        ["SEC-3", "2023-03-10", "digital", f"{COLOUR}; {MATERIAL}", "Sverige"],
    ]
    report = import_file(store, swedish_csv(rows, "utf-8"), "utbyten.csv", "exchanges", user="t")
    assert report.ok, [(p.row, p.column, p.message("en")) for p in report.errors]
    assert report.result is not None and report.result.import_id is not None
    try:
        yield store
    finally:
        store.undo(report.result.import_id, user="t")


def test_partner_cities_named_like_addresses_stay_text(
    hostile_cities: Store, open_app: Callable[..., Any], app: App
):
    log = RequestLog()
    page = open_app(log=log)
    click_nav(page, EXCHANGES, "sv")
    wait_for_charts(page, EXCHANGES.charts)
    page.wait_for_timeout(500)
    # The cities without a place on the map are named in a caption, as typed.
    main = visible_text(page, '[data-testid="stMain"] [data-testid="stCaptionContainer"]')
    for city in (BARE, LINK, IMAGE, WWW, HTML):
        assert city in main, city
    # The list of partner cities is an HTML table: each city in its cell as typed, and no
    # link, image or emphasis made of it.
    listed = page.locator('.uccn-table[data-table="exchanges-partners-table"]')
    cells = [c.replace("\u2060", "") for c in listed.locator("tbody td").all_inner_texts()]
    for city in (BARE, LINK, IMAGE, WWW, HTML, COLOUR, MATERIAL):
        assert city in cells, city
    assert listed.locator("a, img, strong, em, code, span[style*='color']").count() == 0
    assert listed.locator("[data-testid='stIconMaterial'], .katex").count() == 0
    assert foreign(page) == {"links": [], "images": []}
    assert log.foreign(app.port) == []
