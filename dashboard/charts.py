"""Pure functions DataFrame -> Plotly figure, styled for a public body and WCAG 2.1 AA.

No Streamlit here. Colours keep at least 3:1 contrast against the white background (a test
checks every one), and series also differ by pattern, marker or dash, never by colour alone.
Callers pass frames whose category columns already hold the words users read.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, ParamSpec

import pandas as pd
import plotly.graph_objects as go

from uccn_data import geometry
from uccn_data.pages.model import Chart
from uccn_data.reports import svg as svg_charts
from uccn_data.reports import texts
from uccn_data.reports.screen import PALETTE as SCREEN_PALETTE

BACKGROUND = "#ffffff"
TEXT = "#1b2631"
GRID = "#d5dbe0"
# Dark enough for 3:1 against white (non-text contrast, WCAG 1.4.11), and told apart by
# people with the common colour-vision deficiencies when paired with the patterns below.
PALETTE = SCREEN_PALETTE  # one palette for pages and meeting outputs: the data package's
PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "pentagon")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
STATUS_COLOURS = {"on_track": "#2e7d32", "at_risk": "#b34700", "behind": "#a3123a"}
TARGET_LINE = "#1b2631"

# Plotly's own menu, trimmed: no logo link, nothing that sends data anywhere.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _pattern(i: int) -> dict[str, object]:
    """White hatching over the series colour. `overlay` keeps the colour underneath: the
    default (`replace`) would draw white lines on nothing, and the bar would look empty."""
    return {
        "shape": PATTERNS[i % len(PATTERNS)],
        "fgcolor": "#ffffff",
        "fillmode": "overlay",
        "size": 8,
    }


# A figure is built as Plotly's own JSON structure (a dict) and made a `go.Figure` once, at
# the end, where Plotly checks every property: building it step by step through
# `update_layout` and `update_xaxes` walked Plotly's property paths on every call and cost
# ten times as much (24 figures: 0.81 -> 0.07 s). At a meeting every new filter a person picks
# draws its page's charts afresh while the room waits (issue 16).
Spec = dict[str, Any]

AXES = {
    "gridcolor": GRID,
    "linecolor": TEXT,
    "zerolinecolor": GRID,
    "automargin": True,
    "ticks": "",
}


def _spec(
    traces: list[Spec],
    *,
    height: int = 360,
    legend: bool = True,
    xaxis: Spec | None = None,
    yaxis: Spec | None = None,
    **layout: Any,
) -> Spec:
    """A figure's structure: the traces, the house layout and the chart's own axes."""
    return {
        "data": traces,
        "layout": {
            # No template: copying and checking plotly_white costs ~7 ms a figure, which on a
            # page of charts eats the 150 ms budget. Everything it gave is set here instead.
            "template": "none",
            "colorway": list(PALETTE),
            "paper_bgcolor": BACKGROUND,
            "plot_bgcolor": BACKGROUND,
            "font": {"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": TEXT},
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
            "showlegend": legend,
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            "hoverlabel": {"font": {"size": 14}},
            **layout,
            "xaxis": {**(xaxis or {}), **AXES},
            "yaxis": {**(yaxis or {}), **AXES},
        },
    }


P = ParamSpec("P")


def _figure(make: Callable[P, Spec]) -> Callable[P, go.Figure]:
    """The public chart function for the builder `make` (`_bar` -> `bar`): same arguments, same
    docstring, a Plotly figure instead of its structure. The page cache draws from the builders
    (`draw`), and makes each structure a figure only once."""

    @wraps(make)
    def figure(*args: P.args, **kwargs: P.kwargs) -> go.Figure:
        return go.Figure(make(*args, **kwargs))

    figure.__name__ = figure.__qualname__ = make.__name__.lstrip("_")
    # help() and the docs tell what it returns, not the builder's structure.
    figure.__signature__ = inspect.signature(make).replace(  # type: ignore[attr-defined]
        return_annotation="go.Figure"
    )
    return figure


def _title(text: str) -> Spec:
    return {"text": text}


def _target_line(spec: Spec, target: float, label: str) -> None:
    """A dashed horizontal line at `target` across the plot, labelled at its top left (what
    Plotly's `add_hline` makes)."""
    layout = spec["layout"]
    layout.setdefault("shapes", []).append(
        {
            "type": "line",
            "line": {"color": TARGET_LINE, "dash": "dash", "width": 2},
            "x0": 0,
            "x1": 1,
            "xref": "x domain",
            "y0": target,
            "y1": target,
            "yref": "y",
        }
    )
    layout.setdefault("annotations", []).append(
        {
            "showarrow": False,
            "text": label,
            "x": 0,
            "xanchor": "left",
            "xref": "x domain",
            "y": target,
            "yanchor": "bottom",
            "yref": "y",
        }
    )


def _bar(
    frame: pd.DataFrame,
    category: str,
    value: str,
    *,
    series: str | None = None,
    horizontal: bool = False,
    stacked: bool = True,
    value_title: str = "",
    category_title: str = "",
    text_format: str | None = None,
) -> Spec:
    """Bars per category; with `series`, one patterned, coloured bar group per series value."""
    groups: Sequence[tuple[object, pd.DataFrame]] = (
        list(frame.groupby(series, sort=False)) if series else [("", frame)]
    )
    traces = []
    for i, (name, part) in enumerate(groups):
        x, y = (part[value], part[category]) if horizontal else (part[category], part[value])
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": y,
                "name": str(name),
                "orientation": "h" if horizontal else "v",
                "marker": {
                    "color": colour(i),
                    "pattern": _pattern(i),
                    "line": {"color": TEXT, "width": 0.5},
                },
                "text": part[value]
                if text_format is None
                else [text_format.format(v) for v in part[value]],
                "textposition": "auto",
            }
        )
    xaxis: Spec
    yaxis: Spec
    if horizontal:
        xaxis = {"title": _title(value_title)}
        yaxis = {"title": _title(category_title), "autorange": "reversed"}
    else:
        xaxis = {"title": _title(category_title), "type": "category"}
        yaxis = {"title": _title(value_title)}
    return _spec(
        traces,
        legend=bool(series),
        height=max(300, 40 * frame[category].nunique() + 120) if horizontal else 360,
        xaxis=xaxis,
        yaxis=yaxis,
        barmode="stack" if stacked else "group",
    )


bar = _figure(_bar)


def _lines(
    frame: pd.DataFrame,
    x: str,
    y: str,
    *,
    series: str | None = None,
    value_title: str = "",
    x_title: str = "",
    target: float | None = None,
    target_label: str = "",
) -> Spec:
    """One line per series with its own marker and dash; an optional dashed target line."""
    groups = list(frame.groupby(series, sort=False)) if series else [("", frame)]
    traces = [
        {
            "type": "scatter",
            "x": part[x],
            "y": part[y],
            "name": str(name),
            "mode": "lines+markers",
            "line": {"color": colour(i), "width": 3, "dash": DASHES[i % len(DASHES)]},
            "marker": {"symbol": MARKERS[i % len(MARKERS)], "size": 9},
        }
        for i, (name, part) in enumerate(groups)
    ]
    xaxis: Spec = {"title": _title(x_title)}
    if _are_years(frame[x]):
        # Years: one tick per year, never "2 021,5".
        xaxis.update(tickmode="linear", dtick=1, tickformat="d")
    spec = _spec(
        traces,
        legend=bool(series),
        xaxis=xaxis,
        yaxis={"title": _title(value_title), "rangemode": "tozero"},
    )
    if target is not None:
        _target_line(spec, target, target_label)
    return spec


lines = _figure(_lines)


def _are_years(values: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(values) or values.empty:
        return False
    numbers = pd.to_numeric(values, errors="coerce")
    return bool(
        numbers.notna().all() and (numbers % 1 == 0).all() and numbers.between(1900, 2100).all()
    )


MAP_FILL = ("#e8eef3", "#b9cddd", "#7fa5c2", "#4a7ea6", "#1f5f8b")
OUTLINE = "#8a99a6"


def _municipality_map(
    frame: pd.DataFrame,
    outlines: dict[str, list[list[tuple[float, float]]]] | None = None,
    places: dict[str, tuple[float, float]] | None = None,
    *,
    code: str,
    name: str,
    value: str,
    value_text: str,
) -> Spec:
    """The eight municipalities, shaded by `value` and with the number written in each.

    Drawn on plain axes from outlines the app ships (no map tiles, nothing fetched); the
    number is printed in every municipality, so the shading only repeats it.
    """
    values = dict(zip(frame[code], frame[value], strict=True))
    names = dict(zip(frame[code], frame[name], strict=True))
    texts = dict(zip(frame[code], frame[value_text], strict=True))
    top = max([v for v in values.values() if v == v] or [0]) or 1
    # The shipped outlines unless a caller brings its own: a page's data need not carry them.
    outlines = geometry.municipality_outlines() if outlines is None else outlines
    places = geometry.municipality_label_points() if places is None else places
    traces: list[Spec] = [
        {
            "type": "scatter",
            "x": [p[0] for p in ring],
            "y": [p[1] for p in ring],
            "fill": "toself",
            "fillcolor": MAP_FILL[_shade_index(values.get(scb, 0), top)],
            "line": {"color": OUTLINE, "width": 1},
            "mode": "lines",
            "hoverinfo": "text",
            "text": f"{names.get(scb, scb)}: {texts.get(scb, '0')}",
            "showlegend": False,
        }
        for scb, rings in outlines.items()
        for ring in rings
    ]
    labelled = [c for c in outlines if c in places]
    traces.append(
        {
            "type": "scatter",
            "x": [places[c][1] for c in labelled],
            "y": [places[c][0] for c in labelled],
            "mode": "text",
            "text": [f"<b>{names.get(c, c)}</b><br>{texts.get(c, '0')}" for c in labelled],
            # White on the two darkest shades, dark text elsewhere: 4.5:1 either way.
            "textfont": {
                "color": [
                    "#ffffff" if _shade_index(values.get(c, 0), top) >= 3 else TEXT
                    for c in labelled
                ],
                "size": 13,
            },
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    xaxis, yaxis = _plain_map_axes(latitude=63.0)
    return _spec(traces, height=560, legend=False, xaxis=xaxis, yaxis=yaxis)


municipality_map = _figure(_municipality_map)


def _shade_index(value: float | None, top: float) -> int:
    share = (value or 0) / top if top else 0
    return min(len(MAP_FILL) - 1, round(share * (len(MAP_FILL) - 1)))


def _world_map(
    frame: pd.DataFrame,
    outline: tuple[Any, Any] | None,
    home: tuple[float, float, str],
    *,
    lat: str,
    lon: str,
    label: str,
    size: str,
    series: str,
    series_order: Sequence[str] = (),
) -> Spec:
    """Partner cities with a line from Östersund, over country outlines the app ships.

    Marker shape and colour both tell the series (UCCN member, not, or unknown), and each
    city is named on the map, so nothing rests on colour alone. A series named in
    `series_order` keeps its place, colour and marker whichever others the frame holds, so
    "membership unknown" never takes the members' look from one filter to the next.
    """
    outline = geometry.world_outlines() if outline is None else outline
    traces: list[Spec] = [
        {
            "type": "scatter",
            "x": outline[0],
            "y": outline[1],
            "mode": "lines",
            "line": {"color": OUTLINE, "width": 0.7},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    home_lat, home_lon, home_name = home
    placed = frame.dropna(subset=[lat, lon])
    # Every line from Östersund in one trace (None between them): one trace per city made
    # the figure slow to build and to send.
    spokes_x: list[float | None] = []
    spokes_y: list[float | None] = []
    for city_lon, city_lat in zip(placed[lon], placed[lat], strict=True):
        spokes_x += [home_lon, float(city_lon), None]
        spokes_y += [home_lat, float(city_lat), None]
    traces.append(
        {
            "type": "scatter",
            "x": spokes_x,
            "y": spokes_y,
            "mode": "lines",
            "line": {"color": GRID, "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    groups = dict(list(placed.groupby(series, sort=False)))
    order = [*series_order, *(name for name in groups if name not in series_order)]
    for i, name in enumerate(order):
        if name not in groups:
            continue
        part = groups[name]
        traces.append(
            {
                "type": "scatter",
                "x": part[lon],
                "y": part[lat],
                "mode": "markers+text",
                "name": str(name),
                "text": part[label],
                "textposition": "top center",
                "textfont": {"size": 11},
                "marker": {
                    "size": 8 + 3 * part[size].clip(upper=8),
                    "color": colour(i),
                    "symbol": MARKERS[i % len(MARKERS)],
                    "line": {"color": TEXT, "width": 1},
                },
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": [home_lon],
            "y": [home_lat],
            "mode": "markers+text",
            "name": home_name,
            "text": [home_name],
            "textposition": "bottom center",
            "marker": {"size": 14, "color": TEXT, "symbol": "star"},
        }
    )
    lons = [home_lon, *placed[lon]]
    lats = [home_lat, *placed[lat]]
    xaxis, yaxis = _plain_map_axes(latitude=45.0)
    xaxis["range"] = [min(lons) - 12, max(lons) + 12]
    yaxis["range"] = [max(min(lats) - 8, -60), min(max(lats) + 8, 85)]
    return _spec(traces, height=560, xaxis=xaxis, yaxis=yaxis)


world_map = _figure(_world_map)


def _plain_map_axes(latitude: float) -> tuple[Spec, Spec]:
    """Longitude across, latitude up, stretched so shapes look right at that latitude."""
    import math

    return (
        {"visible": False, "showgrid": False},
        {
            "visible": False,
            "showgrid": False,
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians(latitude)),
        },
    )


# WCAG's contrast ratio between two #rrggbb colours; the SVG charts choose their words'
# colour by it.
contrast_ratio = svg_charts.contrast_ratio


# --- budget and staff pages ---


def _labelled_bar(
    frame: pd.DataFrame,
    category: str,
    value: str,
    text: str,
    *,
    series: str | None = None,
    horizontal: bool = False,
    stacked: bool = True,
    value_title: str = "",
    category_title: str = "",
    category_order: Sequence[str] | None = None,
    target: float | None = None,
    target_label: str = "",
) -> Spec:
    """`bar()` with each bar's words taken from a column (amounts already written the
    reader's way, `12 500 kr`), categories in the given order (else the frame's), and an
    optional dashed, labelled target line so a commitment is read without relying on colour."""
    spec = _bar(
        frame,
        category,
        value,
        series=series,
        horizontal=horizontal,
        stacked=stacked,
        value_title=value_title,
        category_title=category_title,
    )
    # _bar() makes one trace per series value in the frame's order: the same split here.
    # A dark outline keeps white words readable over the patterns.
    parts = [part for _, part in frame.groupby(series, sort=False)] if series else [frame]
    for trace, part in zip(spec["data"], parts, strict=True):
        trace["text"] = list(part[text])
        trace["textfont"] = {"shadow": "1px 1px 2px #1b2631"}
    layout = spec["layout"]
    # The legend reads in the same order as the stack.
    layout["legend"] = {**layout["legend"], "traceorder": "normal"}
    layout["yaxis" if horizontal else "xaxis"].update(
        categoryorder="array", categoryarray=list(category_order or frame[category].unique())
    )
    if target is not None:
        _target_line(spec, target, target_label)
    return _readable_labels(spec)


labelled_bar = _figure(_labelled_bar)


def _lines_over_target(
    frame: pd.DataFrame,
    x: str,
    y: str,
    *,
    target: float | None,
    target_label: str,
    series: str | None = None,
    value_title: str = "",
    monthly: bool = False,
) -> Spec:
    """`lines()` with its target label kept readable where the lines cross it; `monthly`
    writes months as `2024-03`, the Swedish standard, never English month names."""
    spec = _lines(
        frame,
        x,
        y,
        series=series,
        value_title=value_title,
        target=target,
        target_label=target_label,
    )
    if monthly:
        spec["layout"]["xaxis"]["tickformat"] = "%Y-%m"
    return _readable_labels(spec)


lines_over_target = _figure(_lines_over_target)


def _readable_labels(spec: Spec) -> Spec:
    for annotation in spec["layout"].get("annotations", []):
        annotation["bgcolor"] = "rgba(255, 255, 255, 0.85)"
    return spec


# --- presentation mode -------------------------------------------------------------------


def from_series(
    kind: str, categories: list[str], series: dict[str, list[float | None]]
) -> go.Figure:
    """A meeting screen's chart (bars or lines, categories × series) as a Plotly figure."""
    frame = pd.DataFrame(
        [
            (c, name, v)
            for name, values in series.items()
            for c, v in zip(categories, values, strict=True)
        ],
        columns=["category", "series", "value"],
    )
    several = len(series) > 1
    if kind == "line":
        spec = _lines(frame, "category", "value", series="series" if several else None)
        spec["layout"]["xaxis"]["type"] = "category"
    else:
        spec = _bar(frame, "category", "value", series="series" if several else None, stacked=False)
    layout = spec["layout"]
    layout["height"] = 460
    layout["font"] = {**layout["font"], "size": 18}
    return go.Figure(spec)


def _localise(spec: Spec, lang: str) -> Spec:
    """Axis numbers as the language writes them: `100 000` and `2,5` in Swedish, never the
    `100k` that Plotly writes by default."""
    layout = spec["layout"]
    layout["separators"] = ", " if lang == "sv" else ".,"
    for name in ("xaxis", "yaxis"):
        axis = layout[name]
        if axis.get("type") != "category" and not axis.get("tickformat"):
            axis.update(exponentformat="none", separatethousands=True)
    return spec


# Line and bar charts are drawn as SVG on the server (`uccn_data.reports.svg`), not by Plotly:
# a page whose charts are all SVG does not load Plotly's 4.7 MB script at all (the Overview,
# the page a whole meeting opens at once, and the Budget page), and on the others each Plotly
# chart left cost about 80 ms of a warm reload (issue 16). The meeting screens
# (`views/present.py`) keep Plotly's bars: they are sized to the projector's window.
LINE_KINDS = frozenset({"lines", "lines_over_target"})
BAR_KINDS = frozenset({"bar", "labelled_bar"})
SVG_KINDS = LINE_KINDS | BAR_KINDS | {"heatmap", "timeline"}


def svg(chart: Chart, lang: str, narrow: bool = False) -> str:
    """A line- or bar-chart block (a kind in SVG_KINDS) as inline SVG, from the options its
    Plotly builder takes and the block's `unit`. Lines (`lines()`, `lines_over_target()`: x,
    y, series, value_title, target, target_label, monthly): the x values written as the reader
    reads them, years as `2024`, months as `2024-03`; a missing value is a gap in its line.
    Bars: see `_bar_svg`. Never a 0 for a value not reported. `narrow`: drawn for a phone's
    width (`svg_charts.NARROW_WIDTH`).

    Raises ValueError for a kind that is not drawn as SVG."""
    if chart.kind in BAR_KINDS:
        return _bar_svg(chart, lang, narrow)
    if chart.kind == "heatmap":
        return _heatmap_svg(chart, lang, narrow)
    if chart.kind == "timeline":
        return _timeline_svg(chart, narrow)
    if chart.kind not in LINE_KINDS:
        raise ValueError(f"{chart.kind} charts are drawn by Plotly, not as SVG")
    options, frame = chart.options, chart.data
    x, y, series = options["x"], options["y"], options.get("series")
    present = frame[x].dropna()
    # Every month or year from the first to the last, so that one nobody reported is a gap
    # where it belongs and the line does not run straight across it.
    key_of: Callable[[Any], Any]
    if options.get("monthly") or pd.api.types.is_datetime64_any_dtype(present):

        def key_of(value: Any) -> Any:
            return pd.Timestamp(value).to_period("M")

        months = [key_of(v) for v in present]
        keys: list[Any] = (
            list(pd.period_range(min(months), max(months), freq="M")) if months else []
        )
        categories = [k.strftime("%Y-%m") for k in keys]
    elif _are_years(present):
        key_of = int
        keys = list(range(int(present.min()), int(present.max()) + 1)) if len(present) else []
        categories = [str(k) for k in keys]
    else:

        def key_of(value: Any) -> Any:
            return value

        keys = sorted(present.unique())
        categories = [str(k) for k in keys]
    groups = list(frame.groupby(series, sort=False)) if series else [("", frame)]
    values: dict[str, list[float | None]] = {}
    for name, part in groups:
        known: dict[Any, float] = {}
        for at, value in zip(part[x], part[y], strict=True):
            if not (pd.isna(at) or pd.isna(value)):
                known.setdefault(key_of(at), float(value))
        values[str(name)] = [known.get(k) for k in keys]
    target = options.get("target")
    if target is not None and pd.isna(target):
        target = None
    return svg_charts.line_chart(
        categories,
        values,
        alt=chart.alt,
        prefix=f"chart-{chart.key}" + ("-narrow" if narrow else ""),
        lang=lang,
        unit=chart.unit,
        value_title=options.get("value_title", ""),
        target=None if target is None else float(target),
        target_label=options.get("target_label", ""),
        width=svg_charts.NARROW_WIDTH if narrow else svg_charts.LINE_WIDTH,
    )


def _timeline_svg(chart: Chart, narrow: bool) -> str:
    """A `timeline` block as SVG, from its options: the columns of each row's name (`row`),
    its first and last day (`start`, `end`: dates or timestamps), its series (`series`) and
    its hover text (`hover`); a row with no start is left out."""
    options, frame = chart.options, chart.data
    frame = frame[frame[options["start"]].notna()]
    starts = [pd.Timestamp(d).date() for d in frame[options["start"]]]
    ends = [
        start if pd.isna(end) else max(pd.Timestamp(end).date(), start)
        for start, end in zip(starts, frame[options["end"]], strict=True)
    ]
    return svg_charts.timeline_chart(
        [str(r) for r in frame[options["row"]]],
        starts,
        ends,
        [str(s) for s in frame[options["series"]]],
        [str(h) for h in frame[options["hover"]]],
        alt=chart.alt,
        prefix=f"chart-{chart.key}" + ("-narrow" if narrow else ""),
        width=svg_charts.NARROW_WIDTH if narrow else svg_charts.LINE_WIDTH,
    )


def _heatmap_svg(chart: Chart, lang: str, narrow: bool) -> str:
    """A `heatmap` block as SVG, from its options (row, column, value, row_order,
    column_order): `value` summed per row and column in the given orders, a cell with none
    0 (what it counts: the activities of an area for a target)."""
    options = chart.options
    grid = chart.data.pivot_table(
        index=options["row"],
        columns=options["column"],
        values=options["value"],
        aggfunc="sum",
        fill_value=0,
    ).reindex(index=list(options["row_order"]), columns=list(options["column_order"]), fill_value=0)
    return svg_charts.heatmap_chart(
        [str(r) for r in grid.index],
        [str(c) for c in grid.columns],
        grid.to_numpy(dtype=float).tolist(),
        alt=chart.alt,
        prefix=f"chart-{chart.key}" + ("-narrow" if narrow else ""),
        lang=lang,
        unit=chart.unit,
        width=svg_charts.NARROW_WIDTH if narrow else svg_charts.LINE_WIDTH,
    )


def _bar_svg(chart: Chart, lang: str, narrow: bool) -> str:
    """A `bar` or `labelled_bar` block as SVG, from the options `bar()` and `labelled_bar()`
    take: category, value, series, horizontal, stacked (the default, as in `bar()`),
    value_title, category_title, and for `labelled_bar` the column of each bar's words
    (`text`), category_order, target and target_label; for `bar`, `text_format` writes each
    value (`"{:.0f} %"`), else it is written by the block's `unit`. Categories come in the
    given order, else the frame's; series in the frame's."""
    options, frame = chart.options, chart.data
    category, value, series = options["category"], options["value"], options.get("series")
    categories = [str(c) for c in options.get("category_order") or frame[category].unique()]
    groups = list(frame.groupby(series, sort=False)) if series else [("", frame)]
    text, text_format = options.get("text"), options.get("text_format")
    values: dict[str, list[float | None]] = {}
    labels: dict[str, list[str]] = {}
    for name, part in groups:
        at = {str(c): i for i, c in reversed(list(enumerate(part[category])))}
        rows = [at.get(c) for c in categories]
        found = [None if i is None else part[value].iloc[i] for i in rows]
        values[str(name)] = [None if v is None or pd.isna(v) else float(v) for v in found]
        if text is not None:
            words = [
                texts.not_reported(lang) if i is None else str(part[text].iloc[i]) for i in rows
            ]
        elif text_format is not None:
            words = [
                texts.not_reported(lang) if v is None else text_format.format(v)
                for v in values[str(name)]
            ]
        else:
            continue
        labels[str(name)] = words
    target = options.get("target")
    if target is not None and pd.isna(target):
        target = None
    return svg_charts.bar_chart(
        categories,
        values,
        alt=chart.alt,
        prefix=f"chart-{chart.key}" + ("-narrow" if narrow else ""),
        lang=lang,
        unit=chart.unit,
        labels=labels or None,
        horizontal=bool(options.get("horizontal", False)),
        stacked=bool(options.get("stacked", True)),
        value_title=options.get("value_title", ""),
        category_title=options.get("category_title", ""),
        target=None if target is None else float(target),
        target_label=options.get("target_label", ""),
        width=svg_charts.NARROW_WIDTH if narrow else svg_charts.LINE_WIDTH,
    )


def draw(chart: Chart, lang: str) -> go.Figure:
    """A page's chart block as a Plotly figure: `charts.<kind>(data, **options)`, localised."""
    kinds: dict[str, Callable[..., Spec]] = {
        "bar": _bar,
        "lines": _lines,
        "municipality_map": _municipality_map,
        "world_map": _world_map,
        "labelled_bar": _labelled_bar,
        "lines_over_target": _lines_over_target,
    }
    return go.Figure(_localise(kinds[chart.kind](chart.data, **chart.options), lang))
