"""The meeting screens as a 16:9 PowerPoint deck whose charts are native, editable chart objects.

Charts are python-pptx chart objects (their numbers sit in an embedded workbook), not pictures,
so an official can restyle or correct a chart in PowerPoint and nothing needs a browser to
draw it. Every chart carries its text alternative in the shape's `descr`, which PowerPoint
shows as alt text and screen readers read.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from uccn_data import kpis
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import words
from uccn_data.reports import texts
from uccn_data.reports.content import (
    PALETTE,
    ChartSpec,
    Screen,
    ScreenComment,
    has_data,
    is_window,
    no_chart_text,
    reading_notes,
    scope_text,
    screens,
    sources,
)
from uccn_data.reports.texts import t

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)


def _rgb(hex_colour: str) -> RGBColor:
    colour: RGBColor = RGBColor.from_string(hex_colour.lstrip("#"))  # type: ignore[no-untyped-call]
    return colour


TEXT, MUTED, WARNING, GRID = _rgb("1B2631"), _rgb("455A64"), _rgb("A3123A"), _rgb("D5DBE0")
TITLE_ONLY, TITLE_SLIDE = 5, 0
# Bars turn sideways when their names are long: a column chart would tilt them unreadably.
LONG_LABEL = 14
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}
NOTES_HEIGHT = Inches(0.75)
# Lines of a list (headings included) that fit in the chart's place at 11–13 pt, and the
# characters of an 11 pt line there.
LISTING_LINES, LISTING_CHARS = 17, 95
# The coordinators' comments take the foot of the chart's place: lines of it that fit there at
# 10–12 pt (the last kept for saying a comment was shortened), and the characters of a 12 pt
# line beside the headline's crowded figures. The speaker notes hold every comment whole.
COMMENT_HEIGHT = Inches(1.3)
COMMENT_LINES, COMMENT_CHARS = 5, 80


def build_deck(
    conn: Connection,
    filters: Filters,
    lang: str,
    since: date | None = None,
    *,
    as_of: date | None = None,
) -> bytes:
    """The deck for the filters and language: title, one slide per screen, sources."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    scope = scope_text(filters, lang, window=is_window(conn, filters))
    deck.core_properties.title = f"{t('report.name', lang)} – {scope}"
    deck.core_properties.language = LANGUAGE_TAGS.get(lang, "sv-SE")
    demo = kpis.is_demo(conn)
    _title_slide(deck, conn, filters, lang, demo, as_of or date.today())
    for screen in screens(conn, filters, lang, since, as_of=as_of):
        _screen_slide(deck, screen, lang, demo)
    _sources_slide(deck, conn, lang, demo)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _write(frame: Any, lines: list[tuple[str, int, bool, RGBColor]], lang: str) -> None:
    """Fill a text frame: one paragraph per (text, size, bold, colour), tagged with the
    language so that PowerPoint's proofing and screen readers pronounce it right."""
    frame.clear()
    frame.word_wrap = True
    for i, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = colour
        run.font._rPr.set("lang", LANGUAGE_TAGS.get(lang, "sv-SE"))


def _text_box(slide: Any, box: tuple[int, int, int, int], lines: list[Any], lang: str) -> Any:
    shape = slide.shapes.add_textbox(*(Emu(v) for v in box))
    _write(shape.text_frame, lines, lang)
    return shape


def _title(slide: Any, text: str, lang: str) -> None:
    # The title placeholder stays the slide's title (screen readers and the outline use it);
    # it is only moved, because the default layout is drawn for a 4:3 slide.
    shape = slide.shapes.title
    _place(shape, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.1))
    # Two lines at most: long findings (the budget's, in English) get smaller type.
    _write(shape.text_frame, [(text, 28 if len(text) <= 75 else 24, True, TEXT)], lang)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP


def _demo_footer(slide: Any, lang: str, demo: bool) -> None:
    """Slides get copied into other decks one by one, so each demo slide says it is demo."""
    if demo:
        box = (MARGIN, HEIGHT - Inches(0.45), WIDTH - 2 * MARGIN, Inches(0.35))
        _text_box(slide, box, [(t("report.demo", lang), 10, False, WARNING)], lang)


def _title_slide(
    deck: Any, conn: Connection, f: Filters, lang: str, demo: bool, today: date
) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    _place(title, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN, Inches(1.6))
    _write(title.text_frame, [(t("report.name", lang), 40, True, TEXT)], lang)
    window = is_window(conn, f)
    lines = [
        (scope_text(f, lang, window=window), 24, True, TEXT),
        (t("report.agreement", lang), 16, False, MUTED),
        (t("report.city", lang), 16, False, MUTED),
        (t("report.date", lang, date=texts.day(today, lang)), 16, False, MUTED),
    ]
    if window:
        lines.append((t("report.window", lang, period=f.period), 14, False, TEXT))
    if kpis.period(conn, f.period).is_example:
        lines.append((t("report.example_period", lang, period=f.period), 16, False, WARNING))
    if demo:
        lines.append((t("report.demo", lang), 16, True, WARNING))
    if not has_data(conn):
        lines.append((t("report.no_data", lang), 16, True, WARNING))
    # How to read every slide's figures: "not reported" is unknown, "ca" is approximate.
    lines += [(note, 12, False, MUTED) for note in reading_notes(lang)]
    _place(subtitle, MARGIN, Inches(3.1), WIDTH - 2 * MARGIN, Inches(4.0))
    _write(subtitle.text_frame, lines, lang)


def _number_format(unit: str, lang: str) -> str:
    """Excel number formats for the chart labels (PowerPoint applies the viewer's separators)."""
    if unit == "sek":
        return '#,##0" kr"' if lang != "en" else '"SEK "#,##0'
    if unit == "points":
        return '0" %"' if lang != "en" else '0"%"'
    if unit == "ratio":
        return "0.00"
    return "#,##0"


def add_chart(
    slide: Any, spec: ChartSpec, alt: str, box: tuple[int, int, int, int], lang: str
) -> Any:
    """A native chart from a spec, coloured with the accessible palette, with its alt text."""
    # python-pptx's chart data classes carry no type hints.
    data = CategoryChartData(number_format=_number_format(spec.unit, lang))  # type: ignore[no-untyped-call]
    data.categories = spec.categories
    for name, values in spec.series.items():
        data.add_series(name, values)  # type: ignore[no-untyped-call]
    # As in the printed report: several series' labels side by side would run together.
    sideways = (
        len(spec.series) > 1 or max((len(c) for c in spec.categories), default=0) > LONG_LABEL
    )
    if spec.kind == "line":
        kind = XL_CHART_TYPE.LINE_MARKERS
    else:
        kind = XL_CHART_TYPE.BAR_CLUSTERED if sideways else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.shapes.add_chart(kind, *(Emu(v) for v in box), data)
    frame.name = "Chart"
    # Alt text: cNvPr/@descr is what PowerPoint's "Alt Text" pane edits.
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt)
    chart = frame.chart
    chart.font.size = Pt(12)
    chart.font.color.rgb = TEXT
    chart.has_title = False  # the slide's title states the finding
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = _number_format(spec.unit, lang)
    labels.number_format_is_linked = False
    labels.font.size = Pt(11)
    if spec.kind == "bar":
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.gap_width = 60
    if kind == XL_CHART_TYPE.BAR_CLUSTERED:
        # Horizontal bars draw the first category at the bottom; read top-down instead.
        chart.category_axis.reverse_order = True
    chart.value_axis.tick_labels.number_format = _number_format(spec.unit, lang)
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = GRID
    for i, series in enumerate(plot.series):
        colour = _rgb(PALETTE[i % len(PALETTE)])
        if spec.kind == "bar":
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
        else:
            series.format.line.color.rgb = colour
    return frame


def _screen_slide(deck: Any, screen: Screen, lang: str, demo: bool) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(slide, screen.title, lang)
    top = Inches(1.45)
    _text_box(
        slide,
        (MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.7)),
        [(screen.subtitle, 14, False, MUTED)],
        lang,
    )
    # (v2) The screen's notes (completeness, what counts twice) run along the foot.
    body_top = Inches(2.2)
    body_height = Inches(4.7) - (NOTES_HEIGHT if screen.notes else 0)
    # The headline's ten figures with their targets need a wider column and smaller type.
    crowded = len(screen.figures) > 6
    chart_width = Inches(6.8 if crowded else 8.0)
    # The comments sit under the chart, beside the figures they are about.
    chart_height = body_height - (COMMENT_HEIGHT if screen.comments else 0)
    body: tuple[int, int, int, int] = (MARGIN, body_top, chart_width, chart_height)
    if screen.listing:
        # A list is the message (the outcomes by kind): it takes the chart's place.
        _text_box(slide, body, _listing_lines(screen.listing, lang), lang)
    elif screen.chart is not None:
        add_chart(slide, screen.chart, screen.alt, body, lang)
    else:
        empty = (MARGIN, body_top, chart_width, Inches(1.0))
        _text_box(slide, empty, [(no_chart_text(screen, lang), 20, True, MUTED)], lang)
    if screen.comments:
        said = (MARGIN, body_top + chart_height, chart_width, COMMENT_HEIGHT)
        _text_box(slide, said, _comment_lines(screen.comments, lang), lang)
    lines: list[tuple[str, int, bool, RGBColor]] = []
    for label, value in screen.figures:
        lines += [
            (label, 10 if crowded else 12, False, MUTED),
            (value, 14 if crowded else 18, True, TEXT),
        ]
    left = MARGIN + chart_width + Inches(0.3)
    _text_box(slide, (left, body_top, WIDTH - left - MARGIN, body_height), lines, lang)
    if screen.notes:
        foot = (MARGIN, body_top + body_height + Inches(0.1), WIDTH - 2 * MARGIN, NOTES_HEIGHT)
        _text_box(slide, foot, [(" ".join(screen.notes), 11, False, MUTED)], lang)
    _demo_footer(slide, lang, demo)
    # Speaker notes: the finding's context, the chart in words and what lies behind it.
    notes = [screen.subtitle]
    for comment in screen.comments:  # whole, as written: the slide may show only its start
        notes += [comment.heading, comment.text, comment.note]
    notes += [screen.alt, *screen.notes]
    for heading, items in screen.listing:
        notes += [heading, *(f"  {item}" for item in items)]
    if screen.details is not None and len(screen.details):
        notes += [" – ".join(str(v) for v in row) for row in screen.details.itertuples(index=False)]
    slide.notes_slide.notes_text_frame.text = "\n".join(n for n in notes if n)


def _comment_lines(
    comments: list[ScreenComment], lang: str
) -> list[tuple[str, int, bool, RGBColor]]:
    """The comments as the slide shows them: each heading, then its text as written, one
    paragraph per line of it, as much as `COMMENT_LINES` hold (a long line wraps and takes
    more); a text that does not fit ends at a word with "…", and a last line says that the
    speaker notes hold it whole."""
    lines: list[tuple[str, int, bool, RGBColor]] = []
    used, cut = 0, False
    for comment in comments:
        if used + 2 > COMMENT_LINES:  # a heading needs a line of its text under it
            cut = True
            break
        lines.append((comment.heading, 11, True, TEXT))
        used += 1
        for paragraph in comment.text.splitlines() or [""]:
            room = (COMMENT_LINES - used) * COMMENT_CHARS
            if room <= 0:
                cut = True
                break
            if len(paragraph) > room:
                paragraph, cut = paragraph[:room].rsplit(" ", 1)[0] + " …", True
            lines.append((paragraph, 12, False, TEXT))
            used += max(1, -(-len(paragraph) // COMMENT_CHARS))
        if comment.note and used < COMMENT_LINES:
            lines.append((comment.note, 10, False, MUTED))
            used += 1
        elif comment.note:
            cut = True
    if cut:
        lines.append((words.t("commentary.cut", lang), 10, False, MUTED))
    return lines


def _listing_lines(
    listing: list[tuple[str, list[str]]], lang: str
) -> list[tuple[str, int, bool, RGBColor]]:
    """Headed groups of plain-text lines, as many as the chart's place holds (a long line
    wraps and takes two); the rest are counted, and the speaker notes hold them all."""
    lines: list[tuple[str, int, bool, RGBColor]] = []
    total = sum(len(items) for _, items in listing)
    shown = used = 0
    full = False
    for heading, items in listing:
        # A heading needs room for one line under it; once a line is left out, stop.
        if full or used + 2 > LISTING_LINES:
            break
        lines.append((heading, 13, True, TEXT))
        used += 1
        for item in items:
            cost = -(-len(item) // LISTING_CHARS)
            if used + cost > LISTING_LINES:
                full = True
                break
            lines.append((item, 11, False, TEXT))
            used, shown = used + cost, shown + 1
    if shown < total:
        more = t("outcomes.more", lang, n=texts.number(total - shown, lang))
        lines.append((more, 11, True, MUTED))
    return lines


def _sources_slide(deck: Any, conn: Connection, lang: str, demo: bool) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(slide, t("sources.title", lang), lang)
    lines: list[tuple[str, int, bool, RGBColor]] = []
    for heading, items in sources(conn, lang):
        lines.append((heading, 14, True, TEXT))
        lines += [(f"  {item}", 13, False, TEXT) for item in items]
    box = (MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(5.4))
    _text_box(slide, box, lines, lang)
    _demo_footer(slide, lang, demo)
