"""The printable report: one self-contained file (nothing from any other host), language on
<html>, A4 print CSS, every chart followed by its numbers, and all data text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.unit.reports_support import (
    AS_OF,
    SINCE,
    expected_figures,
    leaks,
    screen_keys,
    shared_demo,
    shared_empty,
    sole_trader_numbers,
)
from uccn_data import kpis
from uccn_data.reports import texts
from uccn_data.reports.html_report import build_html
from uccn_data.store import Store

LANGS = ("sv", "en")
PERIOD = kpis.Filters()


class Page(HTMLParser):
    """What the tests look at: every tag in order, the links, the style, the figure lists."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self.figures: dict[str, list[str]] = {}  # section id -> dt, dd, dt, dd ...
        self._section: str | None = None
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)
        if tag == "section":
            self._section = dict(attrs).get("id")
            self.figures[self._section or ""] = []

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] == "style":
            self.style += data
        elif self._in and self._in[-1] in ("dt", "dd") and self._section:
            self.figures[self._section].append(data)

    def attribute_values(self, name: str) -> list[str]:
        return [a[name] or "" for _, a in self.tags if name in a]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def pages(demo: Store) -> dict[str, str]:
    with demo.reading() as conn:
        return {lang: build_html(conn, PERIOD, lang, SINCE, as_of=AS_OF) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_fetched_from_any_other_host(pages, lang):
    page = Page(pages[lang])
    links = page.attribute_values("src") + page.attribute_values("href")
    assert links, "the contents should link to the sections"
    assert all(link.startswith("#") for link in links), links
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert "@import" not in page.style and "url(http" not in page.style
    assert "@font-face" not in page.style
    # Not even as text: the demo's outcomes have web pages, which the printed report leaves out.
    assert "http://" not in pages[lang] and "https://" not in pages[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_has_its_language_and_prints_on_a4(pages, lang):
    page = Page(pages[lang])
    assert page.tags[0] == ("html", {"lang": lang})
    assert re.search(r"@page\s*{\s*size:\s*A4;\s*margin:\s*18mm", page.style)
    assert re.search(r"section\s*{\s*break-before:\s*page", page.style)
    assert re.search(r"table\s*{[^}]*break-inside:\s*avoid", page.style)
    assert "display: table-header-group" in page.style  # long tables repeat their header


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_followed_by_the_table_of_its_numbers(pages, lang):
    page = Page(pages[lang])
    order = [tag for tag, _ in page.tags if tag in ("section", "svg", "table")]
    assert order.count("svg") == len(screen_keys())
    for i, tag in enumerate(order):
        if tag == "svg":
            assert order[i + 1] == "table"
    titles = [a for tag, a in page.tags if tag == "svg"]
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in titles)
    assert pages[lang].count("<caption>") >= len(screen_keys())


@pytest.mark.parametrize("lang", LANGS)
def test_the_key_figures_are_the_kpi_functions_results(demo, pages, lang):
    page = Page(pages[lang])
    with demo.reading() as conn:
        for key in screen_keys():
            section = "screen-" + key.replace(":", "-").replace("_", "-")
            expected = [x for pair in expected_figures(conn, key, PERIOD, lang) for x in pair]
            assert page.figures[section] == expected, key


def test_the_demo_notice_and_the_sources_are_there(pages):
    assert texts.t("report.demo", "sv") in pages["sv"]
    assert 'id="sources"' in pages["en"] and texts.t("sources.title", "en") in pages["en"]


def test_text_from_uploaded_files_is_escaped(store, load):
    load(
        "activities",
        [
            ["activity_id", "title", "framework_area", "theme", "start_date", "level", "lead", "status"],
            ["X1", '<script>alert("x")</script> & <b>Ost</b>', "Kompetensutveckling", "Mat",
             "2026-10-01", "regional", "gemensam", "genomförd"],
        ],
    )  # fmt: skip
    with store.reading() as conn:
        page = build_html(conn, PERIOD, "sv", SINCE, as_of=AS_OF)
    assert "<script" not in page.lower() and "<b>Ost" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Ost&lt;/b&gt;" in page


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_store_makes_a_report_that_says_there_is_no_data_yet(tmp_path_factory, lang):
    with shared_empty(tmp_path_factory).reading() as conn:
        page = build_html(conn, PERIOD, lang, SINCE, as_of=AS_OF)
    assert texts.t("report.no_data", lang) in page
    assert page.count(texts.t("report.no_data_screen", lang)) == len(screen_keys())
    assert "<svg" not in page


def test_no_sole_traders_number_is_in_the_report(demo, pages):
    numbers = sole_trader_numbers(demo)
    for page in pages.values():
        assert leaks(page, numbers) == []
