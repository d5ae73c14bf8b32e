"""Text from a file, the store or a link is shown as typed wherever the dashboard renders
Markdown: never a link, an image fetched from elsewhere, a colour or HTML.

Streamlit renders headings, captions, `st.write`, message boxes, metric labels and help as
GitHub Markdown, which also turns bare addresses (`http://…`, `www.…`, `name@host`) into links
after the backslash escapes are read. `words.markdown` is the one helper for such text; these
tests feed it Markdown links, images, colour directives, HTML and bare addresses, and then
feed the same to every builder that puts a file's or the store's words into Markdown: a
record whose every free-text field is hostile, built as every page in both languages. (The
browser test, tests/e2e/test_security_rendering.py, checks what Chromium makes of it.)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from dashboard import charts
from tests.conftest import swedish_csv
from uccn_data import reference as ref
from uccn_data.importer import import_file
from uccn_data.kpis import Filters
from uccn_data.pages import (
    about,
    budget,
    completeness,
    exchanges,
    framework,
    overview,
    sdg11,
    smes,
    staff,
    words,
    workspace,
)
from uccn_data.pages.model import (
    Cards,
    Chart,
    Columns,
    Expander,
    Heading,
    Page,
    SearchTable,
    Text,
)
from uccn_data.problems import Problem
from uccn_data.store import Store

LINK = "[KLICKA](http://evil/p)"
IMAGE = "![x](http://evil/t.png)"
COLOUR = ":red[**VARNING**]"
HTML = "<img src=x onerror=alert(1)>"
BARE = "http://evil.example/p"
WWW = "www.evil.se"
MAIL = "anna@evil.se"
PAYLOADS = [LINK, IMAGE, COLOUR, HTML, BARE, WWW, MAIL]
# A payload Markdown would act on: a construct left unescaped, or (GitHub's autolinks are
# found in the text after the escapes are read) a bare address left whole.
CONSTRUCT = re.compile(r"\[KLICKA\]\(|!\[x\]\(|:red\[|<img")
AUTOLINK = re.compile(r"https?://|www\.|@evil", re.IGNORECASE)
BUILDERS = [overview, framework, smes, exchanges, budget, staff, sdg11, completeness, about]
PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def unescaped(markdown: str) -> str:
    """The text Markdown reads from `markdown`: backslash escapes resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def is_live(markdown: str) -> bool:
    """Whether Markdown would form a link, image, colour or HTML tag from a payload in
    `markdown`: a payload's character left unescaped, or a bare address left whole."""
    left_unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "\x00", markdown)
    return bool(CONSTRUCT.search(left_unescaped) or AUTOLINK.search(unescaped(markdown)))


# --- the helper -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        *PAYLOADS,
        f"Se {BARE} och {WWW}",
        "HTTPS://EVIL.EXAMPLE",
        "WWW.EVIL.SE",
        "_www.evil.se_ (www.evil.se)",
        "mailto:anna@evil.se",
        "$x^2$ ~~s~~",
    ],
)
def test_the_helper_escapes_every_construct_and_reads_as_typed(value: str):
    shown = words.markdown(value)
    assert not is_live(shown)
    # Every ASCII punctuation character is escaped: no construct can start anywhere.
    assert not PUNCTUATION.search(re.sub(r"\\[!-/:-@\[-`{-~]", "", shown))
    # And the reader reads exactly what was typed (the word joiner is invisible).
    assert unescaped(shown).replace(words.WORD_JOINER, "") == value


def test_the_helper_breaks_bare_addresses_with_an_invisible_joiner():
    assert words.markdown(BARE) == "http\\:\u2060\\/\\/evil\\.example\\/p"
    assert words.markdown(WWW) == "www\u2060\\.evil\\.se"
    assert words.markdown(MAIL) == "anna\\@\u2060evil\\.se"
    assert words.markdown("Östersund 2023") == "Östersund 2023"  # plain words are untouched


def test_a_problem_message_quoting_a_file_is_escaped_as_a_whole():
    """The Data page shows a warning as `column: message`; the column is the file's own
    header for an unknown column, and a message can quote cells (a city not in UNESCO's
    list). `dashboard/workspace/upload.py` escapes the whole line."""
    for problem in (
        Problem("unknown_column", row=1, column=IMAGE, value=IMAGE),
        Problem("uccn_unknown", row=2, column="partner_city", params={"cities": LINK}),
    ):
        for lang in ("sv", "en"):
            line = words.markdown(f"{problem.column}: {problem.message(lang)}")
            assert not is_live(line)


def test_a_period_message_quoting_what_was_typed_is_escaped():
    period = ref.AgreementPeriod(
        LINK, date(2025, 1, 1), date(2028, 12, 31), 1.0, 0.1, False, "", ""
    )
    for lang in ("sv", "en"):
        messages = workspace.period_messages(period, [period], True, lang)
        assert messages and not any(is_live(m) for m in messages)
        assert any(words.markdown(LINK) in m for m in messages)


# --- every page, built on a record whose free text is hostile -----------------------------

ACTIVITIES = [
    ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig",
     "ansvarig_namn", "status", "partner", "beskrivning", "resultat"],
    ["A1", f"{LINK} {HTML}", "competence_development", "gastronomi", "2022-03-01", "regional",
     "extern", MAIL, "genomförd", f"{COLOUR} {WWW}", IMAGE, BARE],
    ["A2", IMAGE, "information_marketing", "kultur", "2023-05-01", "nationell", "gemensam", "",
     "genomförd", LINK, HTML, COLOUR],
]  # fmt: skip
SMES = [
    ["aktivitet_id", "organisationsnummer", "företagsnamn", "kommun", "bransch", "storlek"],
    ["A1", "556677-8899", LINK, "Östersund", "design", "mikro"],
    ["A2", "556677-8899", LINK, "Östersund", "design", "mikro"],
    ["A2", "556036-0793", IMAGE, "Åre", "livsmedel", "liten"],
]
# The city named like an address is the commonest partner: the heading names it.
CITIES = "; ".join([LINK, IMAGE, COLOUR, HTML, WWW, MAIL])
EXCHANGES = [
    ["utbyte_id", "datum", "riktning", "partnertyp", "partnerstad", "land"],
    ["E1", "2022-03-10", "utresande", "stad", BARE, "Sverige"],
    ["E2", "2022-06-01", "inkommande", "stad", BARE, "Sverige"],
    ["E3", "2023-02-02", "digital", "stad", CITIES, "Sverige"],
    ["E4", "2023-03-03", "digital", "organisation", LINK, ""],
    ["E5", "2023-04-04", "digital", "nätverk", IMAGE, ""],
]
OUTCOMES = [
    ["resultat_id", "typ", "titel", "datum", "partner", "beskrivning"],
    ["R1", "avtal", LINK, "2022-05-01", IMAGE, HTML],
    ["R2", "media", COLOUR, "2023", BARE, WWW],
]
SPENDING = [
    ["post_id", "datum", "belopp", "finansiär", "finansiär_namn", "kategori", "aktivitet_id"],
    ["K1", "2022-03-01", "1000", "extern", LINK, "resor", "A1"],
]
FILES = {
    "activities": ACTIVITIES,
    "sme_participation": SMES,
    "exchanges": EXCHANGES,
    "outcomes": OUTCOMES,
    "spending": SPENDING,
}
# A period's id is the coordinator's too: `www.evil.se` is a valid one ([A-Za-z0-9._-]).
PERIOD = ref.AgreementPeriod(
    WWW, date(2021, 1, 1), date(2024, 12, 31), 100_000.0, 0.3, False, LINK, LINK
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("hostile") / "uccn.duckdb")
    store.initialise()
    for table, rows in FILES.items():
        report = import_file(store, swedish_csv(rows, "utf-8"), f"{table}.csv", table, user="t")
        assert report.ok, [(p.row, p.column, p.message("en")) for p in report.errors]
    store.save_period(PERIOD)
    return store


def walk(items: list[Any]) -> Iterator[Any]:
    for block in items:
        yield block
        if isinstance(block, Expander):
            yield from walk(block.blocks)
        elif isinstance(block, Columns):
            for column in block.columns:
                yield from walk(column)


def rendered_as_markdown(page: Page) -> list[str]:
    """Every string `dashboard/render.py` hands to a Markdown-rendering Streamlit call:
    headings, text (not `plain`), card headings, captions, metric labels and help, badges,
    chart titles and alt texts (a caption), a search list's label and notes, expanders."""
    out: list[str] = []
    for block in walk(page.blocks):
        if isinstance(block, Heading) or (isinstance(block, Text) and block.style != "plain"):
            out.append(block.text)
        elif isinstance(block, Cards):
            for card in block.cards:
                out += [card.heading or "", *card.captions]
                out += [card.badge.text] if card.badge else []
                out += [x for m in card.metrics for x in (m.label, m.help or "")]
        elif isinstance(block, Chart):
            out += [block.title, block.alt]
        elif isinstance(block, SearchTable):
            out += [block.label, block.count_text, block.capped_text, block.no_match]
            out += block.after
        elif isinstance(block, Expander):
            out.append(block.label)
    return [s for s in out if s]


# What a chart's drawing may hold: our own shapes and words, nothing that links or loads.
DRAWN = {"svg", "title", "defs", "pattern", "rect", "line", "polyline", "polygon", "circle",
         "path", "text"}  # fmt: skip


def drawings(page: Page) -> Iterator[ET.Element]:
    """Every chart of the page as the browser gets it (`dashboard.charts.svg`: the drawing for
    a wide screen and the phone's), parsed: it must be well formed."""
    for block in walk(page.blocks):
        if isinstance(block, Chart) and not block.table.empty:
            for narrow in (False, True):
                yield ET.fromstring(charts.svg(block, "sv", narrow=narrow))  # noqa: S314


@pytest.fixture(scope="module")
def pages(hostile: Store) -> dict[tuple[str, str, str], Page]:
    built = {}
    with hostile.reading() as conn:
        for builder in BUILDERS:
            for lang in ("sv", "en"):
                for period in ("2021-2024", WWW):
                    built[builder.__name__, lang, period] = builder.build(
                        conn, Filters(period), lang
                    )
    return built


def test_no_page_hands_a_hostile_value_to_markdown(pages: dict[Any, Page]):
    for key, page in pages.items():
        live = [s for s in rendered_as_markdown(page) if is_live(s)]
        assert live == [], key


def test_no_chart_holds_live_html(pages: dict[Any, Page]):
    """The hostile names are drawn, as words: no element of theirs, no attribute that links."""
    for key, page in pages.items():
        for drawing in drawings(page):
            tags = {element.tag for element in drawing.iter()}
            assert tags <= DRAWN, (key, tags - DRAWN)
            links = [a for e in drawing.iter() for a in e.attrib if a.endswith("href")]
            assert not links and not any(
                a.startswith("on") for e in drawing.iter() for a in e.attrib
            ), key


def test_the_hostile_values_are_shown_not_dropped(pages: dict[Any, Page]):
    """The Exchanges page names the address-like city in its heading and the cities not on
    the map in a caption, escaped; the timeline's labels are the titles, HTML-escaped; the
    Overview's lead names the period."""
    page = pages["uccn_data.pages.exchanges", "sv", "2021-2024"]
    shown = "\n".join(rendered_as_markdown(page))
    for value in PAYLOADS:
        assert words.markdown(value) in shown, value
    framework_page = pages["uccn_data.pages.framework", "en", "2021-2024"]
    timeline = charts.svg(framework_page.chart("framework-timeline"), "en")
    tips = [t.text or "" for t in ET.fromstring(timeline).iter("title")]  # noqa: S314
    assert any(t.startswith("[KLICKA](http://evil/p) <img src=x onerror=") for t in tips)
    lead = rendered_as_markdown(pages["uccn_data.pages.overview", "sv", WWW])[1]
    assert words.markdown(WWW) in lead and not is_live(lead)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pages_without_a_store_are_our_own_words(lang: str):
    """What a page shows before there is a store has no outside text, only the filters'
    municipality name (from the reference list, escaped all the same)."""
    for blocks in (
        overview.intro(Filters(WWW), lang),
        framework.intro(lang),
        smes.intro(Filters("2021-2024", municipality="2380"), lang),
        exchanges.intro(Filters("2021-2024"), lang),
    ):
        assert not [s for s in rendered_as_markdown(Page(blocks)) if is_live(s)]
