"""Charts drawn as inline SVG: for the printable report (`chart_svg`), bars and lines with
their numbers on them, and every chart of the dashboard's pages (`line_chart`, `bar_chart`,
`heatmap_chart`, `timeline_chart`, `municipality_map_chart`, `world_map_chart`).

Drawn by hand rather than with a charting library so that the report is one file that needs
nothing from any other host, prints sharply at any size, and shows its numbers as text, and
so that a page of lines and bars does not load Plotly's 4.7 MB script (issue 16).
Series differ by pattern, dash or marker as well as colour, never by colour alone.
"""

from __future__ import annotations

import itertools
import math
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import TypeVar

import numpy as np

from uccn_data.reports import texts
from uccn_data.reports.content import PALETTE, ChartSpec

TEXT, GRID = "#1b2631", "#d5dbe0"
FONT = 'font-family="Arial, Helvetica, sans-serif"'
WIDTH = 720
LONG_LABEL = 14  # as in the deck: long category names turn the bars sideways
DASHES = ("", "6 4", "2 3", "8 3 2 3")
# Five steps divide every round top (1, 2, 2.5, 5, 10 times a power of ten) into round ticks.
TICKS = 5


def _nice_max(value: float) -> float:
    """A round top for the value axis (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _defs(prefix: str, n: int) -> str:
    """White hatching over the series colour for every series after the first."""
    parts = []
    for i in range(1, n):
        angle = (45, 135, 0, 90)[(i - 1) % 4]
        parts.append(
            f'<pattern id="{prefix}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate({angle})"><rect width="6" height="6" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/><line x1="0" y1="0" x2="0" y2="6" '
            'stroke="#ffffff" stroke-width="2"/></pattern>'
        )
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def _fill(prefix: str, i: int) -> str:
    return PALETTE[0] if i == 0 else f"url(#{prefix}-p{i})"


# Whitespace other than a space and the no-break spaces numbers are written with (`12 500 kr`).
_BREAKS = re.compile(r"[^\S \u00a0\u202f]+")


# Markdown's and Streamlit's marks (emphasis, links, code, strike, math, directives), written
# as character references: the browser shows the same characters, and no Markdown reader sees
# a mark in them.
MARKDOWN_MARKS = str.maketrans({c: f"&#{ord(c)};" for c in "*_[]`~$\\"})


def plain(text: object) -> str:
    """`text` escaped for SVG or HTML (quotes too), each line break or tab made a space and
    every Markdown mark a character reference: a drawing holds no line break, so where a
    page passes it through Markdown as an HTML block (which ends at a blank line) no part of
    it can be read as Markdown, and were it read, `**fet**` would still be shown as typed."""
    return escape(_BREAKS.sub(" ", str(text))).translate(MARKDOWN_MARKS)


def _text(x: float, y: float, words: str, anchor: str = "middle", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" {FONT} '
        f'fill="{TEXT}">{plain(words)}</text>'
    )


def _legend(spec: ChartSpec, prefix: str, y: float, line: bool) -> str:
    if len(spec.series) < 2:
        return ""
    parts, x = [], 10.0
    for i, name in enumerate(spec.series):
        if line:
            dash = (
                f' stroke-dasharray="{DASHES[i % len(DASHES)]}"' if DASHES[i % len(DASHES)] else ""
            )
            colour = PALETTE[i % len(PALETTE)]
            parts.append(
                f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" stroke="{colour}" '
                f'stroke-width="3"{dash}/>'
            )
        else:
            parts.append(
                f'<rect x="{x}" y="{y - 12}" width="22" height="12" fill="{_fill(prefix, i)}"/>'
            )
        parts.append(_text(x + 28, y, name, "start"))
        x += 40 + 7 * len(name)
    return "".join(parts)


def chart_svg(spec: ChartSpec, alt: str, prefix: str, lang: str) -> str:
    """The chart as an `<svg role="img">` whose `<title>` is its text alternative."""
    if spec.kind == "line":
        body, height = _lines(spec, prefix, lang)
    elif len(spec.series) > 1 or max((len(c) for c in spec.categories), default=0) > LONG_LABEL:
        # Side by side, several series' value labels would run into each other.
        body, height = _sideways_bars(spec, prefix, lang)
    else:
        body, height = _bars(spec, prefix, lang)
    return (
        f'<svg role="img" aria-labelledby="{prefix}-title" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{prefix}-title">{escape(alt)}</title>{_defs(prefix, len(spec.series))}'
        f"{body}</svg>"
    )


def _grid(
    left: float, right: float, top: float, plot_h: float, top_value: float, unit: str, lang: str
) -> str:
    """Horizontal grid lines with the value written at each."""
    parts = []
    for k in range(TICKS + 1):
        y = top + plot_h - plot_h * k / TICKS
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>')
        value = top_value * k / TICKS
        parts.append(_text(left - 6, y + 4, texts.by_unit(unit, value, lang), "end", 11))
    return "".join(parts)


def _values(spec: ChartSpec) -> list[float]:
    return [v for values in spec.series.values() for v in values if v is not None]


def _bars(spec: ChartSpec, prefix: str, lang: str) -> tuple[str, int]:
    """Columns, grouped by category, each with its value written above it."""
    # Room at the bottom for the category names, and for the legend when there is one.
    bottom = 70 if len(spec.series) > 1 else 40
    height, left, right, top = 290 + bottom - 40, 70, 10, 20
    top_value = _nice_max(max(_values(spec), default=0))
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    parts = [_grid(left, WIDTH - right, top, plot_h, top_value, spec.unit, lang)]
    n_cat, n_ser = max(len(spec.categories), 1), max(len(spec.series), 1)
    group = plot_w / n_cat
    bar = group * 0.8 / n_ser
    for c, category in enumerate(spec.categories):
        x0 = left + group * c + group * 0.1
        for s, values in enumerate(spec.series.values()):
            value = values[c]
            if value is None:
                continue
            h = plot_h * value / top_value
            x, y = x0 + bar * s, top + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{_fill(prefix, s)}"/>'
            )
            size = 11 if n_ser == 1 else 9
            parts.append(
                _text(x + bar / 2, y - 4, texts.by_unit(spec.unit, value, lang), size=size)
            )
        parts.append(_text(left + group * (c + 0.5), top + plot_h + 18, category))
    parts.append(_legend(spec, prefix, height - 12, line=False))
    return "".join(parts), height


def _sideways_bars(spec: ChartSpec, prefix: str, lang: str) -> tuple[str, int]:
    """Horizontal bars for long category names: the name on the left, the value after."""
    label_w, value_w, row, gap = 290, 110, 16, 10
    n_ser = max(len(spec.series), 1)
    band = row * n_ser + gap
    legend = 30 if n_ser > 1 else 0
    height = int(band * len(spec.categories) + 10 + legend)
    top_value = _nice_max(max(_values(spec), default=0))
    plot_w = WIDTH - label_w - value_w
    parts = []
    for c, category in enumerate(spec.categories):
        y0 = 5 + band * c
        shown = category if len(category) <= 44 else category[:43] + "…"
        parts.append(_text(label_w - 8, y0 + band / 2, shown, "end"))
        for s, values in enumerate(spec.series.values()):
            value = values[c]
            if value is None:
                continue
            w = plot_w * value / top_value
            y = y0 + row * s
            parts.append(
                f'<rect x="{label_w}" y="{y:.1f}" width="{w:.1f}" height="{row - 2}" '
                f'fill="{_fill(prefix, s)}"/>'
            )
            label = texts.by_unit(spec.unit, value, lang)
            parts.append(_text(label_w + w + 4, y + row - 4, label, "start", 11))
    parts.append(_legend(spec, prefix, height - 8, line=False))
    return "".join(parts), height


def _lines(spec: ChartSpec, prefix: str, lang: str) -> tuple[str, int]:
    """One line per series over the categories, markers with their values."""
    height, left, right, top, bottom = 320, 70, 20, 20, 70
    top_value = _nice_max(max(_values(spec), default=0))
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    n_cat = max(len(spec.categories), 1)
    step = plot_w / n_cat
    parts = [_grid(left, WIDTH - right, top, plot_h, top_value, spec.unit, lang)]
    for c, category in enumerate(spec.categories):
        parts.append(_text(left + step * (c + 0.5), top + plot_h + 18, category))
    for s, values in enumerate(spec.series.values()):
        colour = PALETTE[s % len(PALETTE)]
        points = [
            (left + step * (c + 0.5), top + plot_h - plot_h * v / top_value, v)
            for c, v in enumerate(values)
            if v is not None
        ]
        dash = DASHES[s % len(DASHES)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        for x, y, v in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
            parts.append(_text(x, y - 8, texts.by_unit(spec.unit, v, lang), size=10))
    parts.append(_legend(spec, prefix, height - 12, line=True))
    return "".join(parts), height


# --- the dashboard's line charts ---------------------------------------------------------
# Drawn here rather than by Plotly because a page without a Plotly chart does not load
# Plotly's 4.7 MB script at all: on this 2-core machine one Plotly line chart added about
# 340 ms to a warm reload of a minimal page, the same chart as SVG about 40 ms (issue 16).

LINE_WIDTH, LINE_HEIGHT = 800, 360
# The same chart drawn for a phone, where the wide one would shrink its words to 6 px.
NARROW_WIDTH = 420
LINE_FONT = 14
# Average advance of a character at LINE_FONT in Arial/DejaVu Sans, for laying out labels.
CHAR_W = 0.56 * LINE_FONT
# Eight markers for eight colours: four shapes, filled and then open, so that no two series
# of a chart differ by colour alone.
SHAPES = ("circle", "square", "diamond", "triangle")
MARKERS = [(shape, True) for shape in SHAPES] + [(shape, False) for shape in SHAPES]
# Values are written beside the markers only while they cannot run into each other.
MAX_LABELLED_POINTS = 12


def _nice_step(span: float, whole: bool) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about five ticks;
    at least 1 when the values are whole numbers (no tick at 0.5 people)."""
    if span <= 0:
        return 1.0
    raw = span / TICKS
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if raw <= s * power)
    return max(step, 1.0) if whole else step


def _tick_text(unit: str, value: float, step: float, lang: str) -> str:
    """A tick's value by its unit, with as many decimals as the step has (0.25 -> 2). Money
    as a plain number: the value axis' title names the currency, and a `0 kr` at the foot of
    the axis would read as a figure beside a line whose amounts are not reported."""
    if unit in ("share", "points"):
        # In per cent: a step of 0.025 is 2.5 points, written with its one decimal.
        points, step = (value * 100, step * 100) if unit == "share" else (value, step)
        return texts.percent(points / 100, lang, _decimals(step))
    return texts.number(value, lang, _decimals(step))


def _value_axis(reach: Sequence[float], unit: str, lang: str) -> tuple[list[float], list[str]]:
    """The value axis' round ticks, from 0 or below to the highest of `reach` or above, and
    each one written (`_tick_text`)."""
    high, low = max(reach, default=0.0), min(reach, default=0.0)
    whole = unit in ("count", "sek") and all(float(v).is_integer() for v in reach)
    step = _nice_step(max(high, 0) - min(low, 0), whole)
    bottom_value = math.floor(min(low, 0) / step) * step
    top_value = max(math.ceil(max(high, 0) / step) * step, bottom_value + step)
    ticks = [bottom_value + k * step for k in range(round((top_value - bottom_value) / step) + 1)]
    return ticks, [_tick_text(unit, v, step, lang) for v in ticks]


def _decimals(step: float) -> int:
    """The decimals a tick step needs to be written exactly: 0.25 -> 2, 5 -> 0."""
    return len(f"{step:.9f}".rstrip("0").split(".")[1])


def _value_text(unit: str, value: float, lang: str) -> str:
    """A point's value by its unit; a count that is not whole (half hours) keeps a decimal."""
    if unit == "count" and not float(value).is_integer():
        return texts.number(value, lang, 1)
    return texts.by_unit(unit, value, lang)


def _marker(i: int, x: float, y: float, r: float, colour: str, tip: str) -> str:
    """Series `i`'s marker (its shape, filled or open: never colour alone), with `tip` (its
    value) as hover text."""
    shape, filled = MARKERS[i % len(MARKERS)]
    tip_el = f"<title>{plain(tip)}</title>" if tip else ""
    common = (
        f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
        if filled
        else f'fill="#ffffff" stroke="{colour}" stroke-width="2"'
    )
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {common}>{tip_el}</rect>'
    if shape == "diamond":
        d = r * 1.3
        points = f"{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} {x - d:.1f},{y:.1f}"
        return f'<polygon points="{points}" {common}>{tip_el}</polygon>'
    if shape == "triangle":
        d = r * 1.3
        points = f"{x:.1f},{y - d:.1f} {x + d:.1f},{y + d * 0.8:.1f} {x - d:.1f},{y + d * 0.8:.1f}"
        return f'<polygon points="{points}" {common}>{tip_el}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}>{tip_el}</circle>'


def _legend_rows(
    names: list[str], left: float, right: float, swatch: Callable[[int, float, float], str]
) -> tuple[list[str], int]:
    """The series' swatches (`swatch(i, x, y)`, 28 px wide) and names in rows across the
    top; the rows used."""
    parts, x, row = [], left, 0
    for i, name in enumerate(names):
        width = 34 + CHAR_W * len(name) + 18
        if x > left and x + width > right:
            x, row = left, row + 1
        y = 16 + 22 * row
        parts.append(swatch(i, x, y))
        parts.append(_text(x + 34, y, name, "start", LINE_FONT))
        x += width
    return parts, row + 1 if names else 0


def _line_legend(names: list[str], left: float, right: float) -> tuple[list[str], int]:
    """The lines' swatches (line, dash and marker) in rows across the top; the rows used."""

    def swatch(i: int, x: float, y: float) -> str:
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        return (
            f'<line x1="{x:.1f}" y1="{y - 5}" x2="{x + 28:.1f}" y2="{y - 5}" stroke="{colour}" '
            f'stroke-width="3"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
            + _marker(i, x + 14, y - 5, 4.5, colour, "")
        )

    return _legend_rows(names, left, right, swatch)


def _checked(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    target: float | None,
) -> tuple[dict[str, list[float | None]], float | None]:
    """The series with NaN made None (not reported, as None is), and the target likewise.

    Raises ValueError when a series has not one value per category, or an infinite value."""
    for name, values in series.items():
        if len(values) != len(categories):
            raise ValueError(
                f"series {name!r} has {len(values)} values for {len(categories)} categories"
            )
    known = {
        name: [None if v is None or math.isnan(v) else float(v) for v in values]
        for name, values in series.items()
    }
    if any(math.isinf(v) for values in known.values() for v in values if v is not None):
        raise ValueError("a value is infinite")
    return known, None if target is None or math.isnan(target) else target


def line_chart(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    alt: str,
    prefix: str,
    lang: str,
    unit: str = "count",
    value_title: str = "",
    target: float | None = None,
    target_label: str = "",
    width: int = LINE_WIDTH,
) -> str:
    """Lines over `categories` (years, months: already written as the reader reads them), one
    per series (name -> one value or None per category; a legend unless the one series is named
    ""), as an `<svg role="img">` whose
    `<title>` is `alt`. Series differ by colour, dash and marker shape; every marker's hover
    text gives its series, category and value. A None is not reported: the line has a gap
    there and no marker, never a 0. `target` draws a dashed, labelled line across. `unit` is
    how values are written (`texts.by_unit`: count, sek, share, ratio, points). `prefix` makes
    the element ids unique on the page. `width` is the drawing's own width in px at 14 px
    text (`NARROW_WIDTH` for a phone): it is drawn to fill the width it is given, so a
    narrower drawing names fewer categories and wraps its legend sooner. All text is
    escaped here.

    Raises ValueError when a series has not one value per category, or an infinite value."""
    series, target = _checked(categories, series, target)
    names = list(series)
    values = [v for name in names for v in series[name] if v is not None]
    ticks, tick_texts = _value_axis(values + ([target] if target is not None else []), unit, lang)
    bottom_value, top_value = ticks[0], ticks[-1]

    title_room = 24 if value_title else 0
    left = title_room + 10 + CHAR_W * max((len(s) for s in tick_texts), default=1)
    right = width - 16
    legend, rows = _line_legend(names, 10, right) if any(names) else ([], 0)
    top = 22 * rows + 24
    plot_bottom = LINE_HEIGHT - 34
    plot_h, plot_w = plot_bottom - top, right - left

    def y_of(value: float) -> float:
        return plot_bottom - plot_h * (value - bottom_value) / (top_value - bottom_value)

    n = max(len(categories), 1)
    band = plot_w / n

    def x_of(c: int) -> float:
        return left + band * (c + 0.5)

    parts = list(legend)
    parts += _upright_axes(
        ticks, tick_texts, y_of, left, right, top, plot_bottom, plot_bottom, value_title
    )
    parts += _category_names(categories, x_of, band, plot_bottom + 22)

    labelled = len(names) == 1 and len(categories) <= MAX_LABELLED_POINTS
    radius = 5.0 if len(categories) <= 24 else 3.5
    for s, name in enumerate(names):
        colour, dash = PALETTE[s % len(PALETTE)], DASHES[s % len(DASHES)]
        # A gap where a value is not reported: one polyline per unbroken run.
        run: list[str] = []
        runs = [run]
        for c, point in enumerate(series[name]):
            if point is None:
                run = []
                runs.append(run)
            else:
                run.append(f"{x_of(c):.1f},{y_of(point):.1f}")
        for points in runs:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    'stroke-width="3"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
                )
        for c, point in enumerate(series[name]):
            if point is None:
                continue
            shown = _value_text(unit, point, lang)
            tip = f"{name}, {categories[c]}: {shown}" if name else f"{categories[c]}: {shown}"
            x, y = x_of(c), y_of(point)
            parts.append(_marker(s, x, y, radius, colour, tip))
            if labelled:
                parts.append(_text(x, y - 10, shown, size=LINE_FONT - 1))
    # Over the lines, so that its words stay readable where a line crosses them.
    if target is not None:
        parts += _target_across(y_of(target), left, right, target_label)

    ident = plain(prefix)
    return (
        f'<svg role="img" aria-labelledby="{ident}-title" viewBox="0 0 {width} '
        f'{LINE_HEIGHT}" width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{plain(alt)}</title>{"".join(parts)}</svg>'
    )


def _upright_axes(
    ticks: Sequence[float],
    tick_texts: Sequence[str],
    y_of: Callable[[float], float],
    left: float,
    right: float,
    top: float,
    bottom: float,
    base: float,
    value_title: str,
) -> list[str]:
    """An upright value axis: a grid line at each tick with its value at the left, the base
    line at `base` (the foot of the plot for lines, 0 for bars) and the axis' title, turned."""
    parts = []
    for value, label in zip(ticks, tick_texts, strict=True):
        y = y_of(value)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 8, y + 5, label, "end", LINE_FONT))
    parts.append(
        f'<line x1="{left:.1f}" y1="{base:.1f}" x2="{right}" y2="{base:.1f}" stroke="{TEXT}"/>'
    )
    if value_title:
        middle = (top + bottom) / 2
        parts.append(
            f'<text transform="translate(16 {middle:.1f}) rotate(-90)" text-anchor="middle" '
            f'font-size="{LINE_FONT}" {FONT} fill="{TEXT}">{plain(value_title)}</text>'
        )
    return parts


def _category_names(
    categories: Sequence[str], x_of: Callable[[int], float], band: float, y: float
) -> list[str]:
    """The categories' names under the plot: every k-th, so that they never run together."""
    every = max(1, math.ceil((CHAR_W * max((len(c) for c in categories), default=1) + 14) / band))
    return [
        _text(x_of(c), y, category, size=LINE_FONT)
        for c, category in enumerate(categories)
        if c % every == 0
    ]


def _target_across(y: float, left: float, right: float, label: str) -> list[str]:
    """A dashed line across the plot at height `y`, its label at the left on a light ground,
    drawn over the data so that its words stay readable where the data crosses them."""
    parts = [
        f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{TEXT}" '
        'stroke-width="2" stroke-dasharray="8 5"/>'
    ]
    if label:
        label_w = CHAR_W * len(label) + 8
        parts.append(
            f'<rect x="{left + 2:.1f}" y="{y - 21:.1f}" width="{label_w:.1f}" height="18" '
            'fill="#ffffff" fill-opacity="0.85"/>'
        )
        parts.append(_text(left + 6, y - 7, label, "start", LINE_FONT))
    return parts


# --- the dashboard's bar charts ----------------------------------------------------------
# Drawn here for the same reason as the lines: the Budget page, whose charts are all bars and
# lines, then loads no Plotly at all, and every Plotly chart left on the other pages cost
# about 80 ms of a warm reload on this 2-core machine (issue 16).

LABEL_FONT = 13
LABEL_CHAR_W = 0.56 * LABEL_FONT
# A horizontal bar's thickness and the space between two categories' bars, in px.
BAR_ROW, BAR_GAP = 20, 12
# Names beside horizontal bars take at most this share of the width; longer ones are cut
# with "…" (the hover text, the alt text and the data table have them whole).
NAME_SHARE = 0.4
# Words written inside a stacked part: white with a dark outline, readable over any colour
# and over the hatching.
ON_BAR = (
    f'fill="#ffffff" stroke="{TEXT}" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'
)


def _name_room(names: Sequence[str], width: float) -> tuple[float, int]:
    """The column for names at the left of a drawing `width` wide (px: at most NAME_SHARE of
    it), and how many characters of a name it holds. The estimate of a name's width is
    Arial's; DejaVu Sans, where Arial is missing, is wider: 20 px to spare."""
    longest = max((len(n) for n in names), default=1)
    if CHAR_W * longest + 20 <= width * NAME_SHARE:
        return CHAR_W * longest + 20, longest
    return width * NAME_SHARE, max(4, int((width * NAME_SHARE - 20) / CHAR_W))


def _cut(name: str, fit: int) -> str:
    """`name`, or its first `fit` - 1 characters and "…"."""
    return name if len(name) <= fit else name[: fit - 1] + "…"


def bar_chart(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    alt: str,
    prefix: str,
    lang: str,
    unit: str = "count",
    labels: Mapping[str, Sequence[str | None]] | None = None,
    horizontal: bool = False,
    stacked: bool = False,
    value_title: str = "",
    category_title: str = "",
    target: float | None = None,
    target_label: str = "",
    width: int = LINE_WIDTH,
) -> str:
    """Bars per category (names already written as the reader reads them), one per series
    (name -> one value or None per category; a legend unless the one series is named ""),
    side by side or `stacked`, upright or `horizontal` (the names at the left; also where a
    name would not fit under its column at `width`, since every bar is named), as an
    `<svg role="img">` whose `<title>` is `alt`. Series differ by colour and
    hatching, never colour alone. Each bar's words are `labels[name][c]` (amounts as the
    page writes them, `12 500 kr`), where that is None or not given its value by `unit`
    (`texts.by_unit`); they are written beside the bar where they fit, and every bar's hover
    text has them. A None value is not reported: no bar, and its words (`inga uppgifter`) at
    the foot where they fit (side by side: a stack has no room), never a 0. Words "" are
    none: a series with no row for a category has no bar and says nothing there. `target`
    draws a dashed line across, `target_label` its words in the legend. `prefix` makes the
    element ids unique on the page; `width` is the drawing's width in px at 14 px text
    (`NARROW_WIDTH` for a phone). An upright chart is `LINE_HEIGHT` high; a horizontal one
    as high as its rows need. All text is escaped here.

    Raises ValueError when a series or its labels have not one entry per category, or a
    value is infinite."""
    series, target = _checked(categories, series, target)
    names = list(series)
    # One series has nothing to stack: its words go above its columns.
    stacked = stacked and len(names) > 1
    if labels is not None and any(len(labels[n]) != len(categories) for n in names):
        raise ValueError(f"labels need one entry per category ({len(categories)})")

    def words_of(s: int, c: int) -> str:
        own = None if labels is None else labels[names[s]][c]
        if own is not None:
            return str(own)
        value = series[names[s]][c]
        return texts.not_reported(lang) if value is None else _value_text(unit, value, lang)

    # What the value axis must reach: each bar, or each stack's parts above and below 0.
    if stacked:
        reach = [
            sum(v for n in names if (v := series[n][c]) is not None and v > 0)
            for c in range(len(categories))
        ] + [
            sum(v for n in names if (v := series[n][c]) is not None and v < 0)
            for c in range(len(categories))
        ]
    else:
        reach = [v for n in names for v in series[n] if v is not None]
    ticks, tick_texts = _value_axis(reach + ([target] if target is not None else []), unit, lang)
    bars = _Bars(categories, series, words_of, prefix, stacked, ticks)
    upright = not horizontal and bars.upright_fits(width, tick_texts, value_title)
    draw = bars.upright if upright else bars.sideways
    height, body = draw(tick_texts, width, value_title, category_title, target, target_label)
    ident = plain(prefix)
    return (
        f'<svg role="img" aria-labelledby="{ident}-title" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{plain(alt)}</title>{_defs(ident, len(names))}'
        f"{''.join(body)}</svg>"
    )


@dataclass(frozen=True)
class _Bars:
    """A bar chart's parts, shared by its upright and its sideways drawing: each bar's span
    on the value axis and its words."""

    categories: Sequence[str]
    series: Mapping[str, Sequence[float | None]]
    words_of: Callable[[int, int], str]
    prefix: str
    stacked: bool
    ticks: Sequence[float]

    @property
    def names(self) -> list[str]:
        return list(self.series)

    def spans(self) -> list[tuple[int, int, float | None, float | None]]:
        """(category, series, start, end) of every bar or stacked part; None, None for a value
        not reported. Stacks grow away from 0, above it and below it apart."""
        found: list[tuple[int, int, float | None, float | None]] = []
        for c in range(len(self.categories)):
            above = below = 0.0
            for s, name in enumerate(self.names):
                value = self.series[name][c]
                if value is None:
                    found.append((c, s, None, None))
                elif not self.stacked:
                    found.append((c, s, 0.0, value))
                elif value >= 0:
                    found.append((c, s, above, above + value))
                    above += value
                else:
                    found.append((c, s, below, below + value))
                    below += value
        return found

    def tip(self, c: int, s: int) -> str:
        name = self.names[s]
        words = f"{self.categories[c]}: {self.words_of(s, c)}"
        return f"<title>{plain(f'{name}, {words}' if name else words)}</title>"

    def bar(self, s: int, x: float, y: float, w: float, h: float, tip: str) -> str:
        return (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
            f'fill="{_fill(plain(self.prefix), s)}" stroke="{TEXT}" stroke-width="0.5">'
            f"{tip}</rect>"
        )

    def on_bar(self, x: float, y: float, words: str) -> str:
        return (
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="{LABEL_FONT}" '
            f"{FONT} {ON_BAR}>{plain(words)}</text>"
        )

    def legend(self, right: float, target_label: str) -> tuple[list[str], int]:
        """The series' swatches, and the target's dashed line with its words: in the legend,
        where no bar can hide them."""
        names = self.names if any(self.names) else []
        fill = plain(self.prefix)

        def swatch(i: int, x: float, y: float) -> str:
            if i == len(names):
                return (
                    f'<line x1="{x:.1f}" y1="{y - 5}" x2="{x + 28:.1f}" y2="{y - 5}" '
                    f'stroke="{TEXT}" stroke-width="2" stroke-dasharray="8 5"/>'
                )
            return (
                f'<rect x="{x:.1f}" y="{y - 12:.1f}" width="28" height="14" '
                f'fill="{_fill(fill, i)}" stroke="{TEXT}" stroke-width="0.5"/>'
            )

        return _legend_rows(names + ([target_label] if target_label else []), 10, right, swatch)

    def columns(
        self, width: int, tick_texts: Sequence[str], value_title: str
    ) -> tuple[float, float, float]:
        """An upright drawing's plot: its left and right edge and each category's band."""
        left = (24 if value_title else 0) + 10 + CHAR_W * max(len(s) for s in tick_texts)
        right = width - 16
        return left, right, (right - left) / max(len(self.categories), 1)

    def upright_fits(self, width: int, tick_texts: Sequence[str], value_title: str) -> bool:
        """Whether every category's name fits under its column (`_category_names` names
        them all): else the bars are drawn sideways, as a bar chart must name every bar."""
        band = self.columns(width, tick_texts, value_title)[2]
        return CHAR_W * max((len(c) for c in self.categories), default=0) + 14 <= band

    def upright(
        self,
        tick_texts: Sequence[str],
        width: int,
        value_title: str,
        category_title: str,
        target: float | None,
        target_label: str,
    ) -> tuple[float, list[str]]:
        """Columns over the categories, the value axis at the left; (height, parts)."""
        bottom_value, top_value = self.ticks[0], self.ticks[-1]
        left, right, band = self.columns(width, tick_texts, value_title)
        legend, rows = self.legend(right, target_label if target is not None else "")
        # Room above the highest column for its words.
        top = 22 * rows + 24 + (0 if self.stacked else LABEL_FONT + 4)
        plot_bottom = LINE_HEIGHT - 34 - (22 if category_title else 0)
        plot_h, plot_w = plot_bottom - top, right - left

        def y_of(value: float) -> float:
            return plot_bottom - plot_h * (value - bottom_value) / (top_value - bottom_value)

        def x_of(c: int) -> float:
            return left + band * (c + 0.5)

        n_bars = 1 if self.stacked else max(len(self.names), 1)
        group = band * 0.7
        bar_w = group / n_bars
        # Words above a lone column may use its whole band; beside others, its own width.
        room = (band if n_bars == 1 else bar_w + 2) - 2
        zero = y_of(0)
        parts = _upright_axes(
            self.ticks, tick_texts, y_of, left, right, top, plot_bottom, zero, value_title
        )
        words_parts = []
        for c, s, start, end in self.spans():
            x = x_of(c) - group / 2 + (0 if self.stacked else bar_w * s)
            words = self.words_of(s, c)
            fits = 0 < LABEL_CHAR_W * len(words) <= room
            if start is None or end is None:
                if fits and not self.stacked:
                    words_parts.append(_text(x + bar_w / 2, zero - 6, words, size=LABEL_FONT))
                continue
            y0, y1 = sorted((y_of(start), y_of(end)))
            parts.append(self.bar(s, x, y0, bar_w, y1 - y0, self.tip(c, s)))
            if self.stacked:
                if LABEL_CHAR_W * len(words) <= bar_w - 4 and y1 - y0 >= LABEL_FONT + 4:
                    words_parts.append(self.on_bar(x + bar_w / 2, (y0 + y1) / 2 + 5, words))
            elif fits:
                y = y0 - 6 if end >= 0 else y1 + LABEL_FONT + 2
                words_parts.append(_text(x + bar_w / 2, y, words, size=LABEL_FONT))
        parts += words_parts
        parts += _category_names(self.categories, x_of, band, plot_bottom + 22)
        if category_title:
            parts.append(_text(left + plot_w / 2, plot_bottom + 46, category_title, size=LINE_FONT))
        if target is not None:
            parts += _target_across(y_of(target), left, right, "")
        return LINE_HEIGHT, parts + legend

    def sideways(
        self,
        tick_texts: Sequence[str],
        width: int,
        value_title: str,
        category_title: str,
        target: float | None,
        target_label: str,
    ) -> tuple[float, list[str]]:
        """Bars across, the categories' names at their left, the values under the plot;
        (height, parts)."""
        bottom_value, top_value = self.ticks[0], self.ticks[-1]
        legend, rows = self.legend(width - 16, target_label if target is not None else "")
        top = 22 * rows + (12 if rows else 8)
        parts = list(legend)
        if category_title:
            top += 22
        name_w, fit = _name_room(self.categories, width)
        n_bars = 1 if self.stacked else max(len(self.names), 1)
        band = BAR_ROW * n_bars + BAR_GAP
        words = {(c, s): self.words_of(s, c) for c, s, _, _ in self.spans()}
        after = 0 if self.stacked else max((len(w) for w in words.values()), default=0)
        left = name_w
        right = width - max(16 + CHAR_W * len(tick_texts[-1]) / 2, LABEL_CHAR_W * after + 12)
        plot_bottom = top + band * len(self.categories)
        plot_w = right - left

        def x_of(value: float) -> float:
            return left + plot_w * (value - bottom_value) / (top_value - bottom_value)

        # Every k-th value written under the plot, so that they never run together.
        space = plot_w / max(len(self.ticks) - 1, 1)
        every = max(1, math.ceil((CHAR_W * max(len(s) for s in tick_texts) + 10) / space))
        for k, (value, label) in enumerate(zip(self.ticks, tick_texts, strict=True)):
            x = x_of(value)
            parts.append(
                f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{plot_bottom}" stroke="{GRID}"/>'
            )
            if k % every == 0:
                parts.append(_text(x, plot_bottom + 20, label, size=LINE_FONT))
        zero = x_of(0)
        parts.append(
            f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{plot_bottom}" stroke="{TEXT}"/>'
        )
        if category_title:
            parts.append(_text(left - 8, top - 8, category_title, "end", LINE_FONT))
        for c, category in enumerate(self.categories):
            shown = _cut(category, fit)
            parts.append(_text(left - 8, top + band * (c + 0.5) + 5, shown, "end", LINE_FONT))
        for c, s, start, end in self.spans():
            y = top + band * c + BAR_GAP / 2 + (0 if self.stacked else BAR_ROW * s)
            said = words[(c, s)]
            if start is None or end is None:
                if said and not self.stacked:
                    parts.append(_text(zero + 4, y + BAR_ROW - 6, said, "start", LABEL_FONT))
                continue
            x0, x1 = sorted((x_of(start), x_of(end)))
            parts.append(self.bar(s, x0, y, x1 - x0, BAR_ROW - 2, self.tip(c, s)))
            if self.stacked:
                if LABEL_CHAR_W * len(said) <= x1 - x0 - 6:
                    parts.append(self.on_bar((x0 + x1) / 2, y + BAR_ROW - 6, said))
            else:
                parts.append(_text(max(x1, zero) + 4, y + BAR_ROW - 6, said, "start", LABEL_FONT))
        height = plot_bottom + 30
        if value_title:
            parts.append(_text(left + plot_w / 2, plot_bottom + 46, value_title, size=LINE_FONT))
            height += 24
        if target is not None:
            x = x_of(target)
            parts.append(
                f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{plot_bottom}" '
                f'stroke="{TEXT}" stroke-width="2" stroke-dasharray="8 5"/>'
            )
        return height, parts


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2.1's contrast ratio between two `#rrggbb` colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the dashboard's matrix (heatmap) ----------------------------------------------------
# A cell's shade runs from LOW (none) to PALETTE[0] (the most); its number is written in it.
LOW = "#f2f5f7"
CELL_H = 44


def _ink(fill: str) -> str:
    """The words' colour on `fill`: our dark text where it reads at WCAG's 4.5:1, else black
    or white, whichever reads best (on the middle shades only black reaches 4.5:1)."""
    if contrast_ratio(TEXT, fill) >= 4.5:
        return TEXT
    return max(("#000000", "#ffffff"), key=lambda colour: contrast_ratio(colour, fill))


def _shade(share: float) -> str:
    """The colour `share` (0 to 1, clamped) of the way from LOW to the first series colour."""
    share = min(max(share, 0.0), 1.0)
    low = [int(LOW[i : i + 2], 16) for i in (1, 3, 5)]
    high = [int(PALETTE[0][i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high, strict=True)
    )


def heatmap_chart(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    alt: str,
    prefix: str,
    lang: str,
    unit: str = "count",
    width: int = LINE_WIDTH,
) -> str:
    """A matrix of `values[r][c]` with the rows' names at the left and the columns' above,
    every cell's number written in it (the shade only repeats it) in the colour that reads
    best on it (WCAG's 4.5:1), and as its hover text with its row and column. Where the
    numbers would not fit their cells (a phone), rows and columns change places; a column
    name too long for its cell is wrapped over up to three lines. As an `<svg role="img">`
    whose `<title>` is `alt`; `width` as `bar_chart`'s; all text escaped here.

    Raises ValueError when `values` has not one row of one value per column for each row,
    or a value is not finite."""
    if len(values) != len(rows) or any(len(v) != len(columns) for v in values):
        raise ValueError(f"values need {len(rows)} rows of {len(columns)} values")
    if not all(math.isfinite(v) for line in values for v in line):
        raise ValueError("a value is not finite")
    top_value = max((v for line in values for v in line), default=0.0)
    written = [[_value_text(unit, v, lang) for v in line] for line in values]
    need = CHAR_W * max((len(w) for line in written for w in line), default=1) + 8

    def cell(down: Sequence[str], across: Sequence[str]) -> float:
        """A cell's width, with `down` named at the left."""
        return (width - 8 - _name_room(down, width)[0]) / max(len(across), 1)

    def crowded(down: Sequence[str], across: Sequence[str]) -> bool:
        """Whether a number, or a word of a column's name, is wider than its cell."""
        words = max((len(w) for name in across for w in name.split()), default=1)
        return max(need, CHAR_W * words + 6) > cell(down, across)

    turned = crowded(rows, columns) and cell(columns, rows) > cell(rows, columns)
    down, across = (columns, rows) if turned else (rows, columns)
    name_w, fit = _name_room(down, width)
    cell_w = cell(down, across)
    per_line = max(3, int((cell_w - 6) / CHAR_W))
    heads = [textwrap.wrap(name, per_line) or [""] for name in across]
    heads = [lines if len(lines) <= 3 else [*lines[:2], lines[2][:-1] + "…"] for lines in heads]
    head = 14 + 20 * max((len(lines) for lines in heads), default=1)
    parts = []
    for a, lines in enumerate(heads):
        x = name_w + cell_w * (a + 0.5)
        bottom = head - 10 - 20 * (len(lines) - 1)
        parts += [_text(x, bottom + 20 * k, line, size=LINE_FONT) for k, line in enumerate(lines)]
    for d, name in enumerate(down):
        y = head + CELL_H * d
        parts.append(_text(name_w - 8, y + CELL_H / 2 + 5, _cut(name, fit), "end", LINE_FONT))
        for a in range(len(across)):
            r, c = (a, d) if turned else (d, a)
            value, words = values[r][c], written[r][c]
            fill = _shade(value / top_value if top_value > 0 else 0.0)
            ink = _ink(fill)
            x = name_w + cell_w * a
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell_w - 2:.1f}" '
                f'height="{CELL_H - 2}" fill="{fill}"><title>'
                f"{plain(f'{rows[r]}, {columns[c]}: {words}')}</title></rect>"
            )
            parts.append(
                f'<text x="{x + cell_w / 2:.1f}" y="{y + CELL_H / 2 + 5:.1f}" '
                f'text-anchor="middle" font-size="{LINE_FONT}" {FONT} fill="{ink}">'
                f"{plain(words)}</text>"
            )
    height = head + CELL_H * len(down) + 8
    ident = plain(prefix)
    return (
        f'<svg role="img" aria-labelledby="{ident}-title" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{plain(alt)}</title>{"".join(parts)}</svg>'
    )


# --- the dashboard's timeline ------------------------------------------------------------
# Rows of at most this height, and a drawing of at most about TIMELINE_ROOM px of rows: a
# long list of activities gets thinner rows, not a longer page. Names are written beside rows
# only from NAMED_ROW px up; below that the hover texts, the alt text and the table have them.
TIMELINE_ROW, TIMELINE_ROOM, NAMED_ROW = 22, 780, 14


def timeline_chart(
    rows: Sequence[str],
    starts: Sequence[date],
    ends: Sequence[date],
    series: Sequence[str],
    tips: Sequence[str],
    *,
    alt: str,
    prefix: str,
    width: int = LINE_WIDTH,
) -> str:
    """One bar per row from its start to its end (the end day included; at least a day, so
    that a one-day event shows), coloured and hatched by its series (a legend names them in
    order of first appearance), the row's name at its left while rows are tall enough,
    `tips[i]` as its hover text. Years under the plot, or months (`2024-03`, the Swedish
    standard) for a span under two years. As an `<svg role="img">` whose `<title>` is `alt`;
    `width` as `bar_chart`'s; all text escaped here.

    Raises ValueError when the sequences differ in length, or an end is before its start."""
    n = len(rows)
    if not len(starts) == len(ends) == len(series) == len(tips) == n:
        raise ValueError("rows, starts, ends, series and tips need one entry each")
    if any(e < s for s, e in zip(starts, ends, strict=True)):
        raise ValueError("an end is before its start")
    names = list(dict.fromkeys(series))
    fill = plain(prefix)

    def swatch(i: int, x: float, y: float) -> str:
        return (
            f'<rect x="{x:.1f}" y="{y - 12:.1f}" width="28" height="14" '
            f'fill="{_fill(fill, i)}" stroke="{TEXT}" stroke-width="0.5"/>'
        )

    legend, legend_rows = _legend_rows(names, 10, width - 16, swatch)
    top = 22 * legend_rows + 12
    row_h = max(4.0, min(float(TIMELINE_ROW), TIMELINE_ROOM / max(n, 1)))
    named = row_h >= NAMED_ROW
    name_w, fit = _name_room(rows, width) if named else (10.0, 0)
    first = min(starts, default=date.today())
    last = max(ends, default=first) + timedelta(days=1)
    ticks, tick_texts = _date_ticks(first, last)
    low, high = min(ticks[0], first), max(ticks[-1], last)
    # Room for half the first and the last date written under their ticks.
    left = max(name_w, CHAR_W * len(tick_texts[0]) / 2 + 4)
    right = width - CHAR_W * len(tick_texts[-1]) / 2 - 4
    plot_bottom = top + row_h * n

    def x_of(day: date) -> float:
        return left + (right - left) * (day - low).days / max((high - low).days, 1)

    parts = list(legend)
    # Every k-th date written, so that they never run together on a phone.
    space = min((x_of(b) - x_of(a) for a, b in itertools.pairwise(ticks)), default=right - left)
    every = max(1, math.ceil((CHAR_W * max(len(t) for t in tick_texts) + 10) / space))
    for k, (day, label) in enumerate(zip(ticks, tick_texts, strict=True)):
        x = x_of(day)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{plot_bottom:.1f}" stroke="{GRID}"/>'
        )
        if k % every == 0:
            parts.append(_text(x, plot_bottom + 20, label, size=LINE_FONT))
    for i in range(n):
        y = top + row_h * i
        x0 = x_of(starts[i])
        x1 = max(x_of(ends[i] + timedelta(days=1)), x0 + 2)
        s = names.index(series[i])
        parts.append(
            f'<rect x="{x0:.1f}" y="{y + 1:.1f}" width="{x1 - x0:.1f}" height="{row_h - 2:.1f}" '
            f'fill="{_fill(fill, s)}" stroke="{TEXT}" stroke-width="0.5">'
            f"<title>{plain(tips[i])}</title></rect>"
        )
        if named:
            parts.append(_text(left - 8, y + row_h / 2 + 5, _cut(rows[i], fit), "end", LABEL_FONT))
    height = plot_bottom + 32
    ident = plain(prefix)
    return (
        f'<svg role="img" aria-labelledby="{ident}-title" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{plain(alt)}</title>{_defs(ident, len(names))}'
        f"{''.join(parts)}</svg>"
    )


def _date_ticks(first: date, last: date) -> tuple[list[date], list[str]]:
    """Ticks from the start of `first`'s year (or month) to `last` or past it: years (every
    second or more past twelve of them), or for a span under two years months (every third
    past eight of them), written `2024` or `2024-03`."""
    if (last - first).days >= 730:
        step = max(1, math.ceil((last.year - first.year + 1) / 12))
        years = [date(first.year, 1, 1)]
        while years[-1] < last:
            years.append(date(years[-1].year + step, 1, 1))
        return years, [str(d.year) for d in years]
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if span <= 8 else 3
    months = [date(first.year, first.month, 1)]
    while months[-1] < last:
        at = months[-1].month - 1 + step
        months.append(date(months[-1].year + at // 12, at % 12 + 1, 1))
    return months, [d.strftime("%Y-%m") for d in months]


# --- the dashboard's maps ----------------------------------------------------------------
# Drawn from outlines the app ships (`uccn_data.geometry`): no tiles, nothing fetched. Plain
# longitude across and latitude up, the longitude shrunk by the cosine of the map's middle
# latitude so that shapes look right there. A map is at most MAP_HEIGHT px high at its width.
MAP_HEIGHT = 560
MAP_FILL = ("#e8eef3", "#b9cddd", "#7fa5c2", "#4a7ea6", "#1f5f8b")
OUTLINE = "#8a99a6"


def shade_index(value: float | None, top: float) -> int:
    """Which of MAP_FILL's shades `value` takes, out of `top` (the largest): 0 for none."""
    share = (value or 0) / top if top else 0
    return min(len(MAP_FILL) - 1, round(share * (len(MAP_FILL) - 1)))


Coord = TypeVar("Coord", float, np.ndarray)


@dataclass(frozen=True)
class _Frame:
    """Where longitude and latitude land in a drawing `width` wide: the box `west, south,
    east, north` (degrees) fitted below `top` (the legend's room), centred across, the map
    itself at most MAP_HEIGHT high."""

    west: float
    south: float
    east: float
    north: float
    width: int
    top: float = 0.0

    @property
    def squeeze(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        across = (self.east - self.west) * self.squeeze
        return min(
            (self.width - 20) / max(across, 1e-9), MAP_HEIGHT / max(self.north - self.south, 1e-9)
        )

    @property
    def height(self) -> float:
        return self.top + (self.north - self.south) * self.scale + 10

    # A longitude or latitude, or an array of them (the coasts, all at once).
    def x(self, lon: Coord) -> Coord:
        across = (self.east - self.west) * self.squeeze * self.scale
        return (self.width - across) / 2 + (lon - self.west) * self.squeeze * self.scale  # type: ignore[return-value]

    def y(self, lat: Coord) -> Coord:
        return self.top + 5 + (self.north - lat) * self.scale  # type: ignore[return-value]


def _svg_frame(prefix: str, alt: str, width: int, height: float, body: str) -> str:
    """The drawing: `<svg role="img">` `width` by `height` with `alt` as its `<title>`."""
    ident = plain(prefix)
    return (
        f'<svg role="img" aria-labelledby="{ident}-title" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{plain(alt)}</title>{body}</svg>'
    )


def municipality_map_chart(
    outlines: Mapping[str, Sequence[Sequence[tuple[float, float]]]],
    places: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    values: Mapping[str, float],
    value_texts: Mapping[str, str],
    *,
    alt: str,
    prefix: str,
    width: int = LINE_WIDTH,
) -> str:
    """The municipalities (`outlines`: code -> rings of (lon, lat)) shaded by `values[code]`
    (none: the lightest shade and `0`), each named at `places[code]` (lat, lon) with its
    number under the name, in the colour that reads best on its shade; the number and name as
    its hover text too, so the shading only repeats them. As an `<svg role="img">` whose
    `<title>` is `alt`; all text escaped here."""
    points = [p for rings in outlines.values() for ring in rings for p in ring]
    if not points:
        return _svg_frame(prefix, alt, width, 40, "")
    frame = _Frame(
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
        width,
    )
    top = max(values.values(), default=0) or 1
    parts, words = [], []
    for code, rings in outlines.items():
        fill = MAP_FILL[shade_index(values.get(code, 0), top)]
        name, said = names.get(code, code), value_texts.get(code, "0")
        path = " ".join(
            "M" + "L".join(f"{frame.x(lon):.1f},{frame.y(lat):.1f}" for lon, lat in ring) + "Z"
            for ring in rings
        )
        parts.append(
            f'<path d="{path}" fill="{fill}" stroke="{OUTLINE}" stroke-width="1">'
            f"<title>{plain(f'{name}: {said}')}</title></path>"
        )
        if code in places:
            lat, lon = places[code]
            ink = _ink(fill)
            x, y = frame.x(lon), frame.y(lat)
            for dy, text, weight in ((-2, name, "bold"), (15, said, "normal")):
                words.append(
                    f'<text x="{x:.1f}" y="{y + dy:.1f}" text-anchor="middle" '
                    f'font-size="{LABEL_FONT}" font-weight="{weight}" {FONT} fill="{ink}">'
                    f"{plain(text)}</text>"
                )
    return _svg_frame(prefix, alt, width, frame.height, "".join(parts + words))


def world_map_chart(
    outline: tuple[Sequence[float] | np.ndarray, Sequence[float] | np.ndarray],
    home: tuple[float, float, str],
    cities: Sequence[tuple[float, float, str, float, str]],
    series_order: Sequence[str] = (),
    *,
    alt: str,
    prefix: str,
    lang: str,
    width: int = LINE_WIDTH,
) -> str:
    """Partner cities (`cities`: lat, lon, name, exchanges, series) with a line from home
    (lat, lon, name: a star), over the country outline (longitudes and latitudes, NaN between
    the rings), framed around them with 12° of longitude and 8° of latitude to spare. Each
    city is named; its marker's size grows with its exchanges and its shape and colour both
    tell its series (a legend names them, `series_order` first, so a series keeps its look
    from one selection to the next); its hover text gives name, series and exchanges. As an
    `<svg role="img">` whose `<title>` is `alt`; all text escaped here."""
    home_lat, home_lon, home_name = home
    lons = [home_lon, *(c[1] for c in cities)]
    lats = [home_lat, *(c[0] for c in cities)]
    order = [
        *series_order,
        *(s for s in dict.fromkeys(c[4] for c in cities) if s not in series_order),
    ]
    shown = [s for s in order if any(c[4] == s for c in cities)]
    legend, rows = _legend_rows(
        [*shown, home_name],
        10,
        width - 16,
        lambda i, x, y: (
            _marker(
                order.index(shown[i]),
                x + 14,
                y - 5,
                6,
                PALETTE[order.index(shown[i]) % len(PALETTE)],
                "",
            )
            if i < len(shown)
            else _star(x + 14, y - 5, 7, "")
        ),
    )
    frame = _Frame(
        min(lons) - 12,
        max(min(lats) - 8, -60),
        max(lons) + 12,
        min(max(lats) + 8, 85),
        width,
        top=22 * rows + 8,
    )
    # Only the coast within the frame (and a little past it) is drawn: the rest of the world
    # would be most of the drawing's size and none of what is seen.
    # Whole pixels, each point after a ring's first as a step from the one before (`l`), and
    # a point on the pixel of the one before left out: the outline is most of the drawing's
    # size, sent with every page load. Worked out for all points at once (17,000 of them: in
    # a loop of Python, the map alone took 120 ms of a page's build).
    reach = 5
    coast_lon, coast_lat = np.asarray(outline[0], dtype=float), np.asarray(outline[1], dtype=float)
    with np.errstate(invalid="ignore"):  # NaN between the rings: never inside
        inside = (
            (coast_lon >= frame.west - reach)
            & (coast_lon <= frame.east + reach)
            & (coast_lat >= frame.south - reach)
            & (coast_lat <= frame.north + reach)
        )
    xs, ys = np.rint(frame.x(coast_lon[inside])), np.rint(frame.y(coast_lat[inside]))
    # Where a run of inside points starts and ends, counted among the inside points.
    flags = np.concatenate(([0], inside.astype(np.int8), [0]))
    starts = np.cumsum(inside)[np.flatnonzero(np.diff(flags) == 1)] - 1
    lengths = np.flatnonzero(np.diff(flags) == -1) - np.flatnonzero(np.diff(flags) == 1)
    path: list[str] = []
    for start, length in zip(starts.tolist(), lengths.tolist(), strict=True):
        x, y = xs[start : start + length].astype(int), ys[start : start + length].astype(int)
        dx, dy = np.diff(x), np.diff(y)
        moved = (dx != 0) | (dy != 0)
        steps = " ".join(
            f"{a},{b}" for a, b in zip(dx[moved].tolist(), dy[moved].tolist(), strict=True)
        )
        path.append(f"M{x[0]},{y[0]}" + (f"l{steps}" if steps else ""))
    parts = [
        f'<path d="{"".join(path)}" fill="none" stroke="{OUTLINE}" stroke-width="0.7"/>',
        f'<rect x="0" y="{frame.top:.0f}" width="{width}" height="{frame.height - frame.top:.0f}" '
        f'fill="none" stroke="{GRID}"/>',
    ]
    hx, hy = frame.x(home_lon), frame.y(home_lat)
    for lat, lon, _, _, _ in cities:
        parts.append(
            f'<line x1="{hx:.1f}" y1="{hy:.1f}" x2="{frame.x(lon):.1f}" y2="{frame.y(lat):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    for lat, lon, name, exchanges, series in cities:
        i = order.index(series)
        x, y = frame.x(lon), frame.y(lat)
        r = (8 + 3 * min(exchanges, 8)) / 2
        tip = f"{name}, {series}: {_value_text('count', exchanges, lang)}"
        parts.append(_marker(i, x, y, r, PALETTE[i % len(PALETTE)], tip))
        parts.append(_text(_inside(x, name, width), y - r - 4, name, size=LABEL_FONT - 1))
    parts.append(_star(hx, hy, 9, home_name))
    parts.append(_text(_inside(hx, home_name, width), hy + 22, home_name, size=LABEL_FONT))
    return _svg_frame(prefix, alt, width, frame.height, "".join(legend + parts))


def _inside(x: float, name: str, width: float) -> float:
    """Where to centre `name` near `x` so that all of it stays within the drawing."""
    half = LABEL_CHAR_W * len(name) / 2 + 2
    return min(max(x, half), width - half)


def _star(x: float, y: float, r: float, tip: str) -> str:
    """A five-pointed star (home), dark, with `tip` as hover text."""
    points = " ".join(
        f"{x + (r if k % 2 == 0 else r * 0.45) * math.sin(math.pi * k / 5):.1f},"
        f"{y - (r if k % 2 == 0 else r * 0.45) * math.cos(math.pi * k / 5):.1f}"
        for k in range(10)
    )
    tip_el = f"<title>{plain(tip)}</title>" if tip else ""
    return f'<polygon points="{points}" fill="{TEXT}">{tip_el}</polygon>'
