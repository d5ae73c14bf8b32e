"""The coordinators' comments (kommentarer) beside the figures they are about: on the pages, in
the presentation mode, on the slides and in their speaker notes, and in the printable report.
A comment shows for its own period and year only, in the reader's language when written in it
(else in Swedish, saying so), and always as the characters typed: never a link or an image."""

from __future__ import annotations

import io
from datetime import date
from html import escape
from typing import Any

import pytest
from pptx import Presentation

from tests.conftest import swedish_csv
from uccn_data import reference as ref
from uccn_data.importer import import_file
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Filters
from uccn_data.pages import budget, framework, overview, sdg11, smes, words
from uccn_data.pages.model import Block, Cards, Columns, Expander, Heading, Page, Text
from uccn_data.pages.words import t
from uccn_data.reports import projector
from uccn_data.reports.content import Screen, screens
from uccn_data.reports.deck import build_deck
from uccn_data.reports.html_report import build_html
from uccn_data.store import Store

PERIOD = ref.AGREEMENT_2021_2024.period_id
AS_OF = date(2026, 11, 12)  # the demo's own "today"
YEAR = Filters(year=2024)
MARKUP = "Bra år. [länk](http://evil.example) <b>x</b>"
PLAIN = "[x](http://a) <img src=x> **bold**"  # Swedish only
AREA = "Kompetensutvecklingen växte med två kurser."  # Swedish only
# Longer than a projector screen or a slide has room for.
LONG = " ".join(["Fler utbyten än något år tidigare, de flesta digitala."] * 12) + " Slut."


@pytest.fixture
def commented(demo_copy: Store) -> Store:
    """The demo with comments on 2024 imported as a coordinator's file, and one on SDG 11 for
    the whole period."""
    rows = [
        ["omfattning", "avtalsperiod", "år", "text_sv", "text_en"],
        ["helhet", PERIOD, "2024", MARKUP, "Good year."],
        ["competence_development", PERIOD, "2024", AREA, ""],
        ["leverage_ratio", PERIOD, "2024", PLAIN, ""],
        ["smes_reached", PERIOD, "2024", "Fler företag nåddes.", "More SMEs were reached."],
        ["exchanges", PERIOD, "2024", LONG, ""],
        ["sdg11", PERIOD, "", "Hela perioden: fler aktiviteter för mål 11.", ""],
    ]
    report = import_file(demo_copy, swedish_csv(rows), "k.csv", "comments")
    assert report.ok, report.errors
    return demo_copy


def page(store: Store, module: Any, f: Filters, lang: str) -> Page:
    with store.reading() as conn:
        built: Page = module.build(conn, f, lang)
    return built


def column_with(built: Page, heading_or_label: str) -> list[Block]:
    """The column of a cards-with-comments row whose card is headed or labelled so."""
    for block in built.blocks:
        if not isinstance(block, Columns):
            continue
        for column in block.columns:
            for card in (c for b in column if isinstance(b, Cards) for c in b.cards):
                if heading_or_label in [card.heading, *(m.label for m in card.metrics)]:
                    return column
    raise AssertionError(f"no card {heading_or_label!r} with its comments beside it")


def plain_texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Text) and b.style == "plain"]


def meeting(store: Store, lang: str, f: Filters = YEAR) -> list[Screen]:
    with store.reading() as conn:
        return screens(conn, f, lang, as_of=AS_OF)


def by_key(found: list[Screen], key: str) -> Screen:
    return next(s for s in found if s.key == key)


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("sv", MARKUP), ("en", "Good year.")])
def test_the_overview_shows_the_years_comment_in_the_readers_language(commented, lang, said):
    shown = page(commented, overview, YEAR, lang).texts()
    # As written, right under its heading (the Overview also shows the comment on a headline
    # figure under that figure's card).
    assert shown[shown.index(said) - 1] == t("commentary.heading", lang)
    after = shown[shown.index(said) + 1 :]
    assert not after or after[0] != t("commentary.swedish_only", lang)


def test_an_english_reader_gets_a_swedish_only_comment_in_swedish_and_is_told_so(commented):
    english = page(commented, budget, YEAR, "en").texts()
    assert PLAIN in english
    assert english[english.index(PLAIN) + 1] == "This comment is only available in Swedish."
    swedish = page(commented, budget, YEAR, "sv").texts()
    assert PLAIN in swedish and t("commentary.swedish_only", "sv") not in swedish


@pytest.mark.parametrize("f", [Filters(year=2023), Filters()], ids=["2023", "whole-period"])
def test_a_comment_on_2024_shows_neither_on_2023_nor_on_the_whole_period(commented, f):
    for module, text in ((overview, MARKUP), (framework, AREA), (budget, PLAIN)):
        assert text not in page(commented, module, f, "sv").texts(), module.__name__


def test_a_comment_on_the_whole_period_shows_there_and_not_on_one_year(commented):
    whole = "Hela perioden: fler aktiviteter för mål 11."
    assert whole in page(commented, sdg11, Filters(), "sv").texts()
    assert whole not in page(commented, sdg11, YEAR, "sv").texts()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_framework_page_shows_an_areas_comment_under_that_areas_card(commented, lang):
    built = page(commented, framework, YEAR, lang)
    names = {a: words.label(ref.FRAMEWORK_AREAS, a, lang) for a in ref.FRAMEWORK_AREAS}
    assert plain_texts(column_with(built, names["competence_development"])) == [AREA]
    for other in ("information_marketing", "strategic_development"):
        assert plain_texts(column_with(built, names[other])) == []
    assert built.texts().count(AREA) == 1


@pytest.mark.parametrize(
    ("module", "kpi", "said"),
    [(budget, "leverage_ratio", PLAIN), (smes, "smes_reached", "Fler företag nåddes.")],
)
def test_a_key_figures_comment_stands_under_its_own_card(commented, module, kpi, said):
    built = page(commented, module, YEAR, "sv")
    column = column_with(built, KPI_DEFINITIONS[kpi].name("sv"))
    assert plain_texts(column) == [said]
    assert Heading(t("commentary.heading", "sv"), 3) in column
    assert built.texts().count(said) == 1  # under its card only


def test_a_page_without_comments_keeps_its_row_of_cards(commented):
    built = page(commented, budget, Filters(year=2023), "sv")
    assert [len(b.cards) for b in built.blocks if isinstance(b, Cards)] == [4]
    assert not any(isinstance(b, Columns) for b in built.blocks)


# --- meeting outputs --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_meeting_screens_carry_each_comment_on_the_screen_of_its_figures(commented, lang):
    found = meeting(commented, lang)
    headline = by_key(found, "headline").comments
    assert [c.text for c in headline] == [MARKUP if lang == "sv" else "Good year."]
    assert headline[0].heading == t("commentary.heading", lang) and headline[0].note == ""
    area = by_key(found, "area:competence_development").comments
    assert [c.text for c in area] == [AREA]
    assert area[0].note == ("" if lang == "sv" else t("commentary.swedish_only", "en"))
    (money,) = by_key(found, "budget").comments
    name = KPI_DEFINITIONS["leverage_ratio"].name(lang)
    assert money.heading == t("commentary.on_figure", lang, figure=name)
    assert money.text == PLAIN
    # Each comment on one screen, none on a screen it is not about; not one of them on 2023
    # (which has the demo's own comments).
    assert sum(len(s.comments) for s in found) == 5
    ours = {
        MARKUP,
        "Good year.",
        AREA,
        PLAIN,
        LONG,
        "Fler företag nåddes.",
        "More SMEs were reached.",
    }
    earlier = [c.text for s in meeting(commented, lang, Filters(year=2023)) for c in s.comments]
    assert earlier and not ours & set(earlier)


def test_the_presentation_shows_a_comment_as_plain_text_under_the_figures(commented):
    budget_screen = by_key(meeting(commented, "sv"), "budget")
    shown = projector.comments(budget_screen)
    assert plain_texts(shown) == [PLAIN]
    heading = t("commentary.on_figure", "sv", figure="Växling")
    assert isinstance(shown[0], Heading) and shown[0].text == words.markdown(heading)
    # Short enough to show whole: nothing more opens on demand.
    labels = [b.label for b in projector.on_demand(budget_screen, "sv")]
    assert t("present.comment_whole", "sv") not in labels


def test_a_long_comment_is_shortened_on_the_projector_and_opens_whole(commented):
    screen = by_key(meeting(commented, "sv"), "exchanges")
    (start,) = plain_texts(projector.comments(screen))
    assert start.endswith(" …") and LONG.startswith(start.removesuffix(" …"))
    assert len(start) <= projector.COMMENT_CHARS + 2
    whole = next(
        b
        for b in projector.on_demand(screen, "sv")
        if isinstance(b, Expander) and b.label == t("present.comment_whole", "sv")
    )
    assert plain_texts(whole.blocks) == [LONG]


def slides(store: Store, lang: str) -> list[tuple[str, list[str], str]]:
    """Each screen's key, its slide's paragraphs and its speaker notes."""
    with store.reading() as conn:
        deck = Presentation(io.BytesIO(build_deck(conn, YEAR, lang, as_of=AS_OF)))
    keys = [s.key for s in meeting(store, lang)]
    found = []
    for key, slide in zip(keys, list(deck.slides)[1:-1], strict=True):
        paragraphs = [
            p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs
        ]
        found.append((key, paragraphs, slide.notes_slide.notes_text_frame.text))
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_deck_has_each_comment_on_its_slide_and_in_the_speaker_notes(commented, lang):
    deck = {key: (shown, notes) for key, shown, notes in slides(commented, lang)}
    overall = MARKUP if lang == "sv" else "Good year."
    shown, notes = deck["headline"]
    assert overall in shown and overall in notes.splitlines()
    shown, notes = deck["area:competence_development"]
    assert AREA in shown and AREA in notes.splitlines()
    if lang == "en":
        assert t("commentary.swedish_only", "en") in shown
    shown, notes = deck["budget"]
    figure = KPI_DEFINITIONS["leverage_ratio"].name(lang)
    assert t("commentary.on_figure", lang, figure=figure) in shown
    assert PLAIN in shown and PLAIN in notes.splitlines()
    assert not any(MARKUP in p or "Good year." in p for p in deck["smes"][0])


def test_a_long_comment_is_cut_on_its_slide_and_whole_in_the_speaker_notes(commented):
    shown, notes = {key: (s, n) for key, s, n in slides(commented, "sv")}["exchanges"]
    cut = next(p for p in shown if p.startswith("Fler utbyten"))
    assert cut.endswith(" …") and len(cut) < len(LONG)
    assert t("commentary.cut", "sv") in shown
    assert LONG in notes.splitlines()


def test_the_deck_writes_a_comment_as_plain_runs_never_a_link(commented):
    with commented.reading() as conn:
        deck = Presentation(io.BytesIO(build_deck(conn, YEAR, "sv", as_of=AS_OF)))
    runs = [
        r
        for slide in deck.slides
        for s in slide.shapes
        if s.has_text_frame
        for p in s.text_frame.paragraphs
        for r in p.runs
        if r.text in (PLAIN, MARKUP)
    ]
    assert {r.text for r in runs} == {PLAIN, MARKUP}
    assert all(r.hyperlink.address is None for r in runs)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_printable_report_shows_each_comment_escaped(commented, lang):
    with commented.reading() as conn:
        report = build_html(conn, YEAR, lang, as_of=AS_OF)
    if lang == "sv":
        assert f'<p class="comment-text">{escape(MARKUP)}</p>' in report
    else:
        assert '<p class="comment-text">Good year.</p>' in report
    assert f'<p class="comment-text">{escape(PLAIN)}</p>' in report
    assert escape(t("commentary.heading", lang)) in report
    for raw in ('<a href="http://evil', "<b>x</b>", "<img src=x>", 'href="http://a"'):
        assert raw not in report
    # The words of the text survive as typed, only its < > are written as entities.
    assert "[x](http://a) &lt;img src=x&gt; **bold**" in report
    assert report.count('class="comment"') == 5


def test_markup_like_text_reads_verbatim_in_every_output(commented):
    """`[x](http://a)`, `<img src=x>` and `**bold**` reach every reader as typed."""
    column = column_with(page(commented, budget, YEAR, "sv"), "Växling")
    # `plain` is drawn with Streamlit's st.text: no Markdown at all.
    assert next((b.text, b.style) for b in column if isinstance(b, Text)) == (PLAIN, "plain")
    screen = by_key(meeting(commented, "sv"), "budget")
    assert [b.text for b in projector.comments(screen) if isinstance(b, Text)] == [PLAIN]
    shown, notes = {key: (s, n) for key, s, n in slides(commented, "sv")}["budget"]
    assert PLAIN in shown and PLAIN in notes.splitlines()
