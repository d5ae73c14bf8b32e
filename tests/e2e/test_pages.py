"""Every page from the sidebar in Swedish and English, in a real browser: no exception, the
page's charts drawn with their text alternatives and its tables present, `<html lang>` right,
a link's filters applied and kept from page to page; a screenshot of each page for review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dashboard import i18n
from uccn_data import reference as ref

from .browser import (
    PAGES,
    Page,
    click_link,
    click_nav,
    filter_values,
    html_lang,
    nav_links,
    open_expanders,
    query,
    screenshot,
    selection_summary,
    wait_for_charts,
)

pytestmark = pytest.mark.e2e

FILTERS = {"year": "2023", "area": "competence_development", "municipality": "2380"}


@pytest.fixture(scope="module")
def reader(new_page: Callable[..., Any]) -> Callable[[str], Any]:
    """One reader per language, going from page to page through the sidebar like a person."""
    pages: dict[str, Any] = {}

    def _reader(lang: str) -> Any:
        if lang not in pages:
            pages[lang] = new_page(lang=lang)
        return pages[lang]

    return _reader


def exceptions(page: Any) -> list[str]:
    return [str(e) for e in page.locator('[data-testid="stException"]').all_inner_texts()]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.name)
def test_every_page_from_the_sidebar(reader: Callable[[str], Any], target: Page, lang: str):
    page = reader(lang)
    click_nav(page, target, lang)

    assert exceptions(page) == []
    assert html_lang(page, lang) == lang
    assert query(page).get("lang", "sv") == lang
    wait_for_charts(page, target.charts)
    # Plotly's charts, and the line charts drawn as SVG on the server.
    charts = page.locator('[data-testid="stPlotlyChart"], .uccn-chart').all()
    assert len(charts) >= target.charts
    for chart in charts:
        # Drawn, and announced with its text alternative (WCAG 1.1.1).
        assert chart.locator(".js-plotly-plot .main-svg, svg[role=img]").count() > 0
        assert chart.get_attribute("role") == "figure"
        assert len(chart.get_attribute("aria-label") or "") > 20
    index = PAGES.index(target) + 1
    shot = screenshot(page, f"{lang}-{index:02d}-{target.name}")
    assert shot.stat().st_size > 10_000
    # Each chart's table arrives once its "Visa data" is opened, as a data grid; the page's
    # own tables are HTML tables, with a header row.
    open_expanders(page, within='[data-testid="stMain"]')
    assert page.locator('[data-testid="stDataFrame"], .uccn-table').count() >= target.tables
    for shown in page.locator(".uccn-table").all():
        assert shown.locator("thead th[scope=col]").count() > 0
        assert shown.locator("tbody tr").count() > 0


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_other_page_in_the_sidebar(reader: Callable[[str], Any], lang: str):
    """Pages added to the menu after this suite's table of pages still get the basic checks."""
    page = reader(lang)
    known = {p.path for p in PAGES}
    for label, path in nav_links(page):
        if path in known:
            continue
        click_link(page, label, path)
        assert exceptions(page) == [], path
        assert html_lang(page, lang) == lang, path
        for chart in page.locator('[data-testid="stPlotlyChart"], .uccn-chart').all():
            assert len(chart.get_attribute("aria-label") or "") > 20, path
        screenshot(page, f"{lang}-{path}")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_link_with_filters_applies_them_and_they_stay_from_page_to_page(
    open_app: Callable[..., Any], lang: str
):
    page = open_app(lang=lang, **FILTERS)
    shown = {
        "year": "2023",
        "area": i18n.label(ref.FRAMEWORK_AREAS, "competence_development", lang),
        "municipality": ref.MUNICIPALITY_CODES["2380"],
        "theme": i18n.t("filter.all", lang),
    }
    period = query(page)["period"]
    lead = i18n.t(
        "overview.lead",
        lang,
        scope=i18n.t("overview.scope_year", lang, year=2023, period=period),
    )
    assert page.locator('[data-testid="stMain"]').get_by_text(lead, exact=True).count() == 1
    assert filter_values(page, shown, lang) == shown
    # What the filters hold is in sight without opening them; "all themes" is not spelt out.
    summary = selection_summary(page)
    assert f"{i18n.t('filter.year', lang)}: 2023" in summary
    assert f"{i18n.t('filter.area', lang)}: {shown['area']}" in summary
    assert f"{i18n.t('filter.municipality', lang)}: {shown['municipality']}" in summary
    assert i18n.t("filter.theme", lang) not in summary

    for target in (PAGES[1], PAGES[4], PAGES[0]):  # framework, budget, back to the overview
        click_nav(page, target, lang)
        assert exceptions(page) == []
        assert filter_values(page, shown, lang) == shown
        assert query(page).items() >= FILTERS.items()
        assert query(page).get("lang", "sv") == lang
        assert html_lang(page, lang) == lang
    assert page.locator('[data-testid="stMain"]').get_by_text(lead, exact=True).count() == 1
