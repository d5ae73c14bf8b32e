"""WCAG 2.1 AA in the browser: axe-core on every page in both languages, and the sidebar's
filters, language switch, navigation and sign-in used with the keyboard alone.

Serious and critical axe violations fail the test; moderate and minor ones are listed in the
test output and in screenshots/axe-report.txt for review.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard import i18n
from tests.app.test_data import BROKEN
from tests.conftest import swedish_csv
from uccn_data import reference as ref

from .browser import (
    COORDINATOR,
    FILTER_LABELS,
    FILTERS_BUTTON,
    PASSWORD,
    SCREENSHOTS,
    click_link,
    nav_links,
    open_expanders,
    open_filters,
    query,
    sign_in,
    upload,
    wait_ready,
)

pytestmark = pytest.mark.e2e

# WCAG 2.0 and 2.1, levels A and AA (what the Swedish law asks for through EN 301 549), and
# axe's best practices, which are reported by impact like the rest.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
FAILING = ("serious", "critical")
REPORT = SCREENSHOTS / "axe-report.txt"


@pytest.fixture(scope="module")
def report() -> Iterator[list[str]]:
    """Lines for screenshots/axe-report.txt, written when the module is done."""
    lines: list[str] = []
    yield lines
    SCREENSHOTS.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines or ["No axe violations."]) + "\n", encoding="utf-8")


def audit(page: Any, where: str, report: list[str]) -> list[tuple[str, str, str]]:
    """Run axe-core on the page as it is: every finding as (impact, rule, text), each also
    in the report."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS).response
    findings = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            line = (
                f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) at "
                f"{' '.join(node['target'])}: {node['html'][:160]}"
            )
            report.append(line)
            print(line)
            detail = line + "\n    " + node["failureSummary"].replace("\n", "\n    ")
            findings.append((str(violation["impact"]), str(violation["id"]), detail))
    return findings


def assert_none_serious(findings: list[tuple[str, str, str]], where: str) -> None:
    """Fail on serious and critical findings; list the others (moderate, minor) as a warning
    in the test output, with the report for the details."""
    others = Counter(f"{impact} {rule}" for impact, rule, _ in findings if impact not in FAILING)
    if others:
        listed = ", ".join(f"{name} x{count}" for name, count in sorted(others.items()))
        warnings.warn(f"axe on {where}: {listed} (details in {REPORT})", stacklevel=2)
    serious = [detail for impact, _, detail in findings if impact in FAILING]
    assert serious == [], "\n".join(serious)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_serious_axe_violation_on_any_page(
    open_app: Callable[..., Any], report: list[str], lang: str
):
    page = open_app(lang=lang)
    findings = []
    links = nav_links(page)
    assert len(links) >= 8
    for label, path in links:
        click_link(page, label, path)
        # The charts' data tables and the sign-in form are checked too, not just their titles.
        open_expanders(page)
        open_filters(page)  # the five selects, drawn only once "Urval" is opened
        findings += audit(page, f"{lang} /{path}", report)
    assert_none_serious(findings, f"every page ({lang})")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_serious_axe_violation_on_the_data_page(
    open_app: Callable[..., Any], report: list[str], lang: str
):
    page = open_app(lang=lang)
    sign_in(page, lang)
    click_link(page, i18n.t("nav.data", lang), "data")
    findings = audit(page, f"{lang} /data", report)
    # With a file's errors on show, as a coordinator sees them.
    upload(page, "kostnader.csv", swedish_csv(BROKEN))
    page.get_by_text(i18n.t("data.errors", lang, count=2)).wait_for()
    findings += audit(page, f"{lang} /data (errors)", report)
    # The form for one record, a tab of its own.
    page.get_by_role("tab", name=i18n.t("data.tab_record", lang)).click()
    page.get_by_text(i18n.t("data.record_save", lang)).wait_for()
    findings += audit(page, f"{lang} /data (one record)", report)
    assert_none_serious(findings, f"the Data page ({lang})")


# --- Keyboard -------------------------------------------------------------------------------

_FOCUSED = """() => {
  const e = document.activeElement;
  const md = e.querySelector && e.querySelector('[data-testid="stMarkdownContainer"]');
  return {tag: e.tagName, label: e.getAttribute('aria-label') || '', role: e.getAttribute('role') || '',
          text: ((md && md.innerText) || e.innerText || '').trim(), testid: e.getAttribute('data-testid') || ''};
}"""


def tab_to(page: Any, wanted: Callable[[dict[str, str]], bool], limit: int = 60) -> int:
    """Press Tab until the focused element is the one wanted; how many presses it took.

    The journey starts where a keyboard user's starts on a freshly opened page, at the top of
    the document: a late-drawn element (a chart's or a table's widget) must not have moved the
    focus into the page body first, which on a busy machine it sometimes did. A journey that
    comes round to the document again goes on from the top, as a user's does; on a busy
    machine one CI run saw the first round before all the sidebar was drawn."""
    page.wait_for_selector(FILTERS_BUTTON)
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); }")
    return tab_on(page, wanted, limit)


def tab_on(page: Any, wanted: Callable[[dict[str, str]], bool], limit: int = 60) -> int:
    """Press Tab from where the focus is until the focused element is the one wanted; how
    many presses it took."""
    seen: list[tuple[str, str, str]] = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        seen.append((focused["tag"], focused["role"], focused["label"] or focused["text"][:20]))
        if focused["tag"] == "BODY":
            wait_ready(page)
        if wanted(focused):
            return presses
    raise AssertionError(f"not reached with {limit} presses of Tab; focus went: {seen}")


def choose_with_arrows(page: Any, option: str, limit: int = 40) -> None:
    """In the focused select: ArrowDown opens it, ArrowDown moves to `option`, Enter picks."""
    # On a busy machine the first key can land while the select is still being drawn; the
    # select keeps the focus, so the key is pressed again (a user would do the same).
    for attempt in range(3):
        page.keyboard.press("ArrowDown")
        try:
            page.wait_for_selector('[role="listbox"]', timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    for _ in range(limit):
        active = page.evaluate(
            """() => { const id = document.activeElement.getAttribute('aria-activedescendant');
                       const o = id && document.getElementById(id); return o ? o.innerText.trim() : ''; }"""
        )
        if active == option:
            page.keyboard.press("Enter")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{option!r} not reached with the arrow keys")


# One value per filter that differs from the default, as the select shows it and as the URL.
KEYBOARD_CHOICES = {
    "period": ("2025-2028", "2025-2028"),
    "year": ("2023", "2023"),
    "area": (ref.FRAMEWORK_AREAS["strategic_development"].sv, "strategic_development"),
    "theme": (ref.THEMES["tourism"].sv, "tourism"),
    "municipality": (ref.MUNICIPALITY_CODES["2380"], "2380"),
}


@pytest.mark.parametrize("name", list(KEYBOARD_CHOICES))
def test_every_filter_works_with_the_keyboard(open_app: Callable[..., Any], name: str):
    page = open_app(lang="sv")
    shown, in_url = KEYBOARD_CHOICES[name]
    label = i18n.t(FILTER_LABELS[name], "sv")
    assert query(page).get(name) != in_url
    open_filters_with_the_keyboard(page)
    tab_on(page, lambda f: f["role"] == "combobox" and f["label"] == label, limit=10)
    choose_with_arrows(page, shown)
    page.wait_for_url(lambda url: f"{name}={in_url}" in url)
    wait_ready(page)
    assert query(page).get(name) == in_url
    assert page.locator(f'input[aria-label="{label}"]').input_value() == shown


def is_filters_button(focused: dict[str, str]) -> bool:
    return focused["tag"] == "BUTTON" and i18n.t("filter.heading", "sv") in focused["text"]


def open_filters_with_the_keyboard(page: Any) -> None:
    """Tab to the sidebar's "Urval" button and open it with Enter."""
    tab_to(page, is_filters_button)
    page.keyboard.press("Enter")
    page.locator('[data-testid="stPopoverBody"] input[role="combobox"]').first.wait_for()


def test_the_filters_follow_their_button_in_the_tab_order(open_app: Callable[..., Any]):
    """Streamlit draws the popover at the end of the page; from its button, Tab goes into it,
    through the five selects in order and on to what follows the button in the sidebar, and
    Shift+Tab takes the same way back; Escape closes it and leaves the focus on the button."""
    page = open_app(lang="sv")
    open_filters_with_the_keyboard(page)
    labels = []
    for _ in FILTER_LABELS:
        page.keyboard.press("Tab")
        labels.append(page.evaluate(_FOCUSED)["label"])
    assert labels == [i18n.t(key, "sv") for key in FILTER_LABELS.values()]
    page.keyboard.press("Tab")  # past the last select: the sign-in, next in the sidebar
    after = page.evaluate(_FOCUSED)
    assert after["tag"] == "SUMMARY" and i18n.t("login.heading", "sv") in after["text"]
    page.keyboard.press("Shift+Tab")  # back to the last select
    assert page.evaluate(_FOCUSED)["label"] == i18n.t("filter.municipality", "sv")
    for _ in FILTER_LABELS:  # up through the other four, then out to the button
        page.keyboard.press("Shift+Tab")
    assert is_filters_button(page.evaluate(_FOCUSED))
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED)["label"] == i18n.t("filter.period", "sv")
    page.keyboard.press("Escape")
    page.locator('[data-testid="stPopoverBody"]').wait_for(state="detached")
    assert is_filters_button(page.evaluate(_FOCUSED))


def test_the_navigation_works_with_the_keyboard(open_app: Callable[..., Any]):
    page = open_app(lang="sv")
    presses = tab_to(page, lambda f: f["testid"] == "stSidebarNavLink" and f["text"] == "Företag")
    assert presses <= 5  # after "skip to content" and the links above it
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == "/foretag")
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == i18n.t("smes.heading", "sv")


def test_the_language_switch_works_with_the_keyboard(open_app: Callable[..., Any]):
    page = open_app(lang="sv")
    # A radio group: Tab reaches the chosen language, the arrow keys the other one.
    tab_to(page, lambda f: f["role"] == "radio" and f["text"] == "Svenska")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(_FOCUSED)["text"] == "English"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    wait_ready(page)
    assert query(page).get("lang") == "en"
    assert page.locator("h1").first.inner_text() == i18n.t("overview.heading", "en")


def test_signing_in_works_with_the_keyboard(open_app: Callable[..., Any]):
    page = open_app(lang="sv")
    heading = i18n.t("login.heading", "sv")
    tab_to(page, lambda f: f["tag"] == "SUMMARY" and heading in f["text"])
    page.keyboard.press("Enter")
    username = i18n.t("login.username", "sv")
    page.locator(f'[data-testid="stSidebar"] input[aria-label="{username}"]').wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED)["label"] == username
    page.keyboard.type(COORDINATOR)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")  # submits the form
    data_link = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Data")
    data_link.wait_for(timeout=30_000)
    wait_ready(page)
