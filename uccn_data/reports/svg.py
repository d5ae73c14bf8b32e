"""Charts drawn as inline SVG for the printable report: bars and lines with their numbers on them.

Drawn by hand rather than with a charting library so that the report is one file that needs
nothing from any other host, prints sharply at any size, and shows its numbers as text.
Series differ by pattern or dash as well as colour, never by colour alone.
"""

from __future__ import annotations

import math
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


def _text(x: float, y: float, words: str, anchor: str = "middle", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" {FONT} '
        f'fill="{TEXT}">{escape(words)}</text>'
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
