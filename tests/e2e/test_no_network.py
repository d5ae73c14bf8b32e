"""Nothing leaves the machine: every request the browser makes while the pages are used,
maps and fonts included, goes to the app itself (data: and blob: stay in the browser).

Requests to other hosts are recorded and then refused inside the browser (conftest), so the
test sees them without anything reaching the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dashboard import i18n

from .browser import (
    DATA_PAGE,
    PAGES,
    App,
    RequestLog,
    click_link,
    click_nav,
    nav_links,
    open_expanders,
    sign_in,
    wait_for_charts,
)

pytestmark = pytest.mark.e2e
MAPS = {"smes", "exchanges"}  # the municipality map and the world map


def use_charts(page: Any) -> None:
    """Hover over every chart, as a reader does to see its numbers (Plotly, on the meeting
    screens, draws labels and may fetch what it needs then)."""
    for chart in page.locator(".js-plotly-plot, .uccn-chart").all():
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_request_leaves_the_machine(open_app: Callable[..., Any], app: App, lang: str):
    log = RequestLog()
    page = open_app(lang=lang, log=log)
    known = {p.path: p for p in PAGES}
    for label, path in nav_links(page):
        click_link(page, label, path)
        target = known.get(path)
        if target is not None:
            wait_for_charts(page, target.charts)
            if target.name in MAPS:  # drawn here, from the outlines the app ships
                assert page.locator(".uccn-chart[data-chart$='-map'] svg").count() >= 1
        open_expanders(page)
        use_charts(page)
    sign_in(page, lang)
    click_nav(page, DATA_PAGE, lang)
    for tab in page.get_by_role("tab").all():
        tab.click()
    page.wait_for_timeout(500)  # the last requests (fonts, images) of the last page

    assert log.foreign(app.port) == []
    own = [url for url in log.urls if not url.startswith(("data:", "blob:"))]
    # The record saw the page, its scripts, its fonts and its socket to the server.
    assert any(url.endswith(".js") for url in own)
    assert any(url.split("?")[0].endswith((".woff2", ".woff", ".ttf")) for url in own)
    assert any(url.startswith("ws://") for url in own)


def test_the_record_catches_a_request_to_another_host(open_app: Callable[..., Any], app: App):
    """The check above would fail if a page asked a CDN for a font or a map tile."""
    log = RequestLog()
    page = open_app(log=log)
    page.evaluate(
        """() => {
          const font = document.createElement('link');
          font.rel = 'stylesheet';
          font.href = 'https://fonts.googleapis.com/css2?family=Source+Sans+3';
          document.head.appendChild(font);
          new Image().src = 'https://tile.openstreetmap.org/1/1/1.png';
        }"""
    )
    page.wait_for_timeout(500)
    assert set(log.foreign(app.port)) == {
        "https://fonts.googleapis.com/css2?family=Source+Sans+3",
        "https://tile.openstreetmap.org/1/1/1.png",
    }
