"""Charts drawn as inline SVG for the printable report: bars and lines with their numbers on them.

Drawn by hand rather than with a charting library so that the report is one file that needs
nothing from any other host, prints sharply at any size, and shows its numbers as text.
Series differ by pattern or dash as well as colour, never by colour alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from html import escape

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


def plain(text: object) -> str:
    """`text` escaped for SVG or HTML (quotes too), each line break or tab made a space: a
    drawing holds no line break, so where a page passes it through Markdown as an HTML block
    (which ends at a blank line) no part of it can be read as Markdown."""
    return escape(_BREAKS.sub(" ", str(text)))


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


def _line_legend(names: list[str], left: float, right: float) -> tuple[list[str], int]:
    """The series' swatches (line, dash and marker) in rows across the top; the rows used."""
    parts, x, row = [], left, 0
    for i, name in enumerate(names):
        width = 34 + CHAR_W * len(name) + 18
        if x > left and x + width > right:
            x, row = left, row + 1
        y = 16 + 22 * row
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 5}" x2="{x + 28:.1f}" y2="{y - 5}" stroke="{colour}" '
            f'stroke-width="3"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
        )
        parts.append(_marker(i, x + 14, y - 5, 4.5, colour, ""))
        parts.append(_text(x + 34, y, name, "start", LINE_FONT))
        x += width
    return parts, row + 1 if names else 0


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
    names = list(series)
    for name in names:
        if len(series[name]) != len(categories):
            raise ValueError(
                f"series {name!r} has {len(series[name])} values for {len(categories)} categories"
            )
    # NaN is not reported, as None is.
    series = {
        name: [None if v is None or math.isnan(v) else v for v in series[name]] for name in names
    }
    if target is not None and math.isnan(target):
        target = None
    if any(math.isinf(v) for name in names for v in series[name] if v is not None):
        raise ValueError("a value is infinite")
    values = [v for name in names for v in series[name] if v is not None]
    reach = values + ([target] if target is not None else [])
    high, low = max(reach, default=0.0), min(reach, default=0.0)
    whole = unit in ("count", "sek") and all(float(v).is_integer() for v in reach)
    step = _nice_step(max(high, 0) - min(low, 0), whole)
    bottom_value = math.floor(min(low, 0) / step) * step
    top_value = max(math.ceil(max(high, 0) / step) * step, bottom_value + step)
    ticks = [bottom_value + k * step for k in range(round((top_value - bottom_value) / step) + 1)]
    tick_texts = [_tick_text(unit, v, step, lang) for v in ticks]

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
    for value, label in zip(ticks, tick_texts, strict=True):
        y = y_of(value)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 8, y + 5, label, "end", LINE_FONT))
    parts.append(
        f'<line x1="{left:.1f}" y1="{plot_bottom}" x2="{right}" y2="{plot_bottom}" stroke="{TEXT}"/>'
    )
    if value_title:
        middle = (top + plot_bottom) / 2
        parts.append(
            f'<text transform="translate(16 {middle:.1f}) rotate(-90)" text-anchor="middle" '
            f'font-size="{LINE_FONT}" {FONT} fill="{TEXT}">{plain(value_title)}</text>'
        )
    # Every k-th category named, so that the names never run into each other.
    every = max(1, math.ceil((CHAR_W * max((len(c) for c in categories), default=1) + 14) / band))
    for c, category in enumerate(categories):
        if c % every == 0:
            parts.append(_text(x_of(c), plot_bottom + 22, category, size=LINE_FONT))

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
        y = y_of(target)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{TEXT}" '
            'stroke-width="2" stroke-dasharray="8 5"/>'
        )
        if target_label:
            label_w = CHAR_W * len(target_label) + 8
            parts.append(
                f'<rect x="{left + 2:.1f}" y="{y - 21:.1f}" width="{label_w:.1f}" height="18" '
                'fill="#ffffff" fill-opacity="0.85"/>'
            )
            parts.append(_text(left + 6, y - 7, target_label, "start", LINE_FONT))

    ident = plain(prefix)
    return (
        f'<svg role="img" aria-labelledby="{ident}-title" viewBox="0 0 {width} '
        f'{LINE_HEIGHT}" width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{plain(alt)}</title>{"".join(parts)}</svg>'
    )
