"""The presentation mode on a projector's screen, in a real browser: at 1280×720 and 1920×1080,
in Swedish and English, every screen fits the window with nothing to scroll and no text cut
off, each key figure's status reads in words on the screen, the chart is wholly in view and
sized to the window, type is large, and the demo notice is one small line at the bottom.

A screenshot of every screen is left in screenshots/ (`present-<lang>-<size>-<n>.png`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from dashboard import i18n
from uccn_data import kpis
from uccn_data.reports import projector
from uccn_data.reports.content import screens
from uccn_data.store import Store

from .browser import App, screenshot, wait_ready

pytestmark = pytest.mark.e2e

SIZES = [(1280, 720), (1920, 1080)]
# Sub-pixel rounding, nothing more.
TOLERANCE = 2

# Everything the page measures about itself, in one go: what scrolls, what is cut off, where
# the chart, the title and the demo notice are.
MEASURE = """(tol) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const box = (el) => { const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; };
  const shown = (el) => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !el.closest('details:not([open]) > :not(summary)')
      && getComputedStyle(el).visibility !== 'hidden'; };
  const cut = [];
  for (const el of main.querySelectorAll('*')) {
    if (el.closest('svg') || !shown(el) || !el.innerText || !el.innerText.trim()) continue;
    const s = getComputedStyle(el);
    const clips = (o) => o !== 'visible';
    const wide = el.scrollWidth > el.clientWidth + tol && clips(s.overflowX);
    const tall = el.scrollHeight > el.clientHeight + tol && clips(s.overflowY)
      && el !== main;
    const ellipsis = s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth;
    if (wide || tall || ellipsis) cut.push(el.innerText.trim().slice(0, 80));
  }
  const chart = main.querySelector('[data-testid="stPlotlyChart"]');
  const notice = [...main.querySelectorAll('[data-testid="stAlert"]')]
    .find((el) => el.querySelector('[data-testid="stAlertContentInfo"]'));
  const title = main.querySelector('h1');
  return {
    scroll: [main.scrollHeight, main.clientHeight],
    cut,
    chart: chart ? box(chart) : null,
    notice: notice ? {...box(notice), size: parseFloat(getComputedStyle(
      notice.querySelector("p") || notice).fontSize)} : null,
    title: title ? parseFloat(getComputedStyle(title).fontSize) : 0,
  };
}"""

# The innermost element outside the chart holding all of a key figure's words (name, value,
# status), where it is, and the smallest type any of its words is set in.
FIGURE = """(words) => {
  const norm = (s) => s.replace(/\\s+/g, ' ').trim().toLowerCase();
  const main = document.querySelector('[data-testid="stMain"]');
  const holds = (el) => { const text = norm(el.innerText || '');
    return !el.closest('[data-testid="stPlotlyChart"]')
      && words.every((w) => text.includes(norm(w))); };
  const found = [...main.querySelectorAll('*')]
    .find((el) => holds(el) && ![...el.children].some(holds));
  if (!found) return null;
  const r = found.getBoundingClientRect();
  const sizes = [found, ...found.querySelectorAll('*')]
    .filter((el) => [...el.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()))
    .map((el) => parseFloat(getComputedStyle(el).fontSize));
  return {top: r.top, bottom: r.bottom, size: Math.min(...sizes)};
}"""


def settled(page: Any, script: str, arg: Any, timeout_s: float = 15) -> Any:
    """`script(arg)` in the page once two readings 300 ms apart agree: the screen has stopped
    moving (on a busy machine the first screen was measured while the window's new size was
    still being laid out, with every figure found a moment later)."""
    last = page.evaluate(script, arg)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        now = page.evaluate(script, arg)
        if now == last:
            break
        last = now
    return last


def key_figures(store: Store, lang: str) -> list[list[list[str]]]:
    """Per screen, the words of each key figure: its name, its value, and its status in words
    when it has a target."""
    with store.reading() as conn:
        shown = screens(conn, kpis.Filters(), lang)
    return [
        [[f.label, f.value, *([f.status] if f.status else [])] for f in projector.figures(s, lang)]
        for s in shown
    ]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_the_projector(
    open_app: Callable[..., Any], app: App, size: tuple[int, int], lang: str
) -> None:
    width, height = size
    expected = key_figures(Store(app.store), lang)
    page = open_app("", present="1", lang=lang)
    page.set_viewport_size({"width": width, "height": height})
    wait_ready(page)
    problems: list[str] = []
    for n, figures in enumerate(expected, start=1):
        where = i18n.t("present.position", lang, n=n, total=len(expected))
        if n > 1:
            page.locator(".st-key-slide_next button").click()
            wait_ready(page)
        page.get_by_text(where, exact=True).wait_for(timeout=30_000)
        if page.locator('[data-testid="stPlotlyChart"]').count():
            page.wait_for_function(
                "() => !!document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg')"
            )
        if figures:  # the figures' table is drawn after the position line
            page.wait_for_function(
                f"words => ({FIGURE})(words) !== null", arg=figures[0], timeout=30_000
            )
        page.wait_for_timeout(400)  # the chart takes the height the window leaves it
        seen = settled(page, MEASURE, TOLERANCE)
        found = [page.evaluate(FIGURE, words) for words in figures]
        screenshot(page, f"present-{lang}-{width}x{height}-{n:02d}")

        def fault(text: str, screen: int = n) -> None:
            problems.append(f"screen {screen}: {text}")

        scroll, client = seen["scroll"]
        if scroll > client + TOLERANCE:
            fault(f"scrolls: {scroll} px of content in a {client} px window")
        for text in seen["cut"]:
            fault(f"text cut off: {text!r}")
        for words, spot in zip(figures, found, strict=True):
            said = " ".join(words)
            if spot is None:
                fault(f"{said!r} is not on the screen")
            elif spot["top"] < 0 or spot["bottom"] > height + TOLERANCE:
                fault(f"{said!r} is outside the window ({spot['top']:.0f} px)")
            elif spot["size"] < 0.025 * height:
                fault(f"{said!r} is set in {spot['size']:.0f} px, too small for a room")
        chart = seen["chart"]
        if chart is not None:
            if chart["top"] < 0 or chart["bottom"] > height + TOLERANCE:
                fault(f"the chart runs from {chart['top']:.0f} to {chart['bottom']:.0f} px")
            if chart["height"] < 0.3 * height:
                fault(f"the chart is only {chart['height']:.0f} px tall")
        if seen["title"] < 0.045 * height:
            fault(f"the title is {seen['title']:.0f} px, too small for a room")
        notice = seen["notice"]
        if notice is None:
            fault("no demo notice")
        elif notice["top"] < 0.85 * height or notice["bottom"] > height + TOLERANCE:
            fault(f"the demo notice is at {notice['top']:.0f} px, not a line at the bottom")
        elif notice["height"] > 3 * notice["size"] or notice["size"] > 0.03 * height:
            fault(f"the demo notice is {notice['height']:.0f} px tall, not one small line")
    assert problems == [], f"{len(problems)} problems at {width}×{height}:\n" + "\n".join(problems)
