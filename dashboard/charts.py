"""A page's chart blocks drawn: as SVG on the server (`svg`: every kind a page has) or as a
Plotly figure (`draw`: the meeting screens' bars, sized to the projector's window),
styled for a public body and WCAG 2.1 AA.

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
from uccn_data.reports.screen import PALETTE as SCREEN_PALETTE

BACKGROUND = "#ffffff"
TEXT = "#1b2631"
GRID = "#d5dbe0"
# Dark enough for 3:1 against white (non-text contrast, WCAG 1.4.11), and told apart by
# people with the common colour-vision deficiencies when paired with the patterns below.
PALETTE = SCREEN_PALETTE  # one palette for pages and meeting outputs: the data package's
PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
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
    docstring, a Plotly figure instead of its structure. `draw` (the meeting screens) builds
    from the builders, and makes each structure a figure only once."""

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


def _are_years(values: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(values) or values.empty:
        return False
    numbers = pd.to_numeric(values, errors="coerce")
    return bool(
        numbers.notna().all() and (numbers % 1 == 0).all() and numbers.between(1900, 2100).all()
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


def _readable_labels(spec: Spec) -> Spec:
    for annotation in spec["layout"].get("annotations", []):
        annotation["bgcolor"] = "rgba(255, 255, 255, 0.85)"
    return spec


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


# Every chart of the pages is drawn as SVG on the server (`uccn_data.reports.svg`), not by
# Plotly: a page with a Plotly chart loads Plotly's 4.7 MB script, and on this 2-core machine
# the first Plotly chart added about 340 ms to a warm reload, each further one about 80 ms
# (issue 16). The meeting screens (`views/present.py`) keep Plotly's bars: they are sized to
# the projector's window, and are not what a whole meeting opens at once.
LINE_KINDS = frozenset({"lines", "lines_over_target"})
BAR_KINDS = frozenset({"bar", "labelled_bar"})
MAP_KINDS = frozenset({"municipality_map", "world_map"})
SVG_KINDS = LINE_KINDS | BAR_KINDS | MAP_KINDS | {"heatmap", "timeline"}


def _placed(chart: Chart, narrow: bool) -> dict[str, Any]:
    """The drawing's element-id prefix (unique on the page, the phone's drawing apart) and
    its width: what every kind's drawing takes."""
    return {
        "prefix": f"chart-{chart.key}" + ("-narrow" if narrow else ""),
        "width": svg_charts.NARROW_WIDTH if narrow else svg_charts.LINE_WIDTH,
    }


def _target(options: dict[str, Any]) -> float | None:
    """The block's target as a number; None where it has none or it is not known."""
    target = options.get("target")
    return None if target is None or pd.isna(target) else float(target)


def svg(chart: Chart, lang: str, narrow: bool = False) -> str:
    """A page's chart block (any kind in SVG_KINDS) as inline SVG, from its options and its
    `unit`. Lines (`lines`, `lines_over_target`: x, y, series, value_title, target,
    target_label, monthly): the x values written as the reader reads them, years as `2024`,
    months as `2024-03`; a missing value is a gap in its line. Bars, the heatmap, the timeline
    and the maps: see `_bar_svg`, `_heatmap_svg`, `_timeline_svg` and `_map_svg`. Never a 0
    for a value not reported. `narrow`: drawn for a phone's width (`svg_charts.NARROW_WIDTH`).

    Raises ValueError for a kind it has no drawing for."""
    if chart.kind in BAR_KINDS:
        return _bar_svg(chart, lang, narrow)
    if chart.kind == "heatmap":
        return _heatmap_svg(chart, lang, narrow)
    if chart.kind == "timeline":
        return _timeline_svg(chart, narrow)
    if chart.kind in MAP_KINDS:
        return _map_svg(chart, lang, narrow)
    if chart.kind not in LINE_KINDS:
        raise ValueError(f"no SVG drawing for {chart.kind} charts")
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
    return svg_charts.line_chart(
        categories,
        values,
        alt=chart.alt,
        **_placed(chart, narrow),
        lang=lang,
        unit=chart.unit,
        value_title=options.get("value_title", ""),
        target=_target(options),
        target_label=options.get("target_label", ""),
    )


def _map_svg(chart: Chart, lang: str, narrow: bool) -> str:
    """A map block as SVG, from the shipped outlines (`uccn_data.geometry`) and its options.
    `municipality_map`: code, name, value and value_text (the number as written), one row per
    municipality. `world_map`: lat, lon, label, size (exchanges), series and series_order, and
    home (lat, lon, name); a city with no position is left out."""
    options, frame = chart.options, chart.data
    placed = _placed(chart, narrow)
    if chart.kind == "municipality_map":
        codes = [str(c) for c in frame[options["code"]]]
        return svg_charts.municipality_map_chart(
            geometry.municipality_outlines(),
            geometry.municipality_label_points(),
            dict(zip(codes, map(str, frame[options["name"]]), strict=True)),
            dict(zip(codes, map(float, frame[options["value"]].fillna(0)), strict=True)),
            dict(zip(codes, map(str, frame[options["value_text"]]), strict=True)),
            alt=chart.alt,
            **placed,
        )
    known = frame.dropna(subset=[options["lat"], options["lon"]])
    cities = [
        (float(lat), float(lon), str(name), float(size), str(series))
        for lat, lon, name, size, series in zip(
            known[options["lat"]],
            known[options["lon"]],
            known[options["label"]],
            known[options["size"]].fillna(0),
            known[options["series"]],
            strict=True,
        )
    ]
    return svg_charts.world_map_chart(
        geometry.world_outlines(),
        options["home"],
        cities,
        list(options.get("series_order", ())),
        alt=chart.alt,
        lang=lang,
        **placed,
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
        **_placed(chart, narrow),
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
        **_placed(chart, narrow),
        lang=lang,
        unit=chart.unit,
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
    # A bar's words: its own (the `text` column, or `text_format`), None for the drawing's
    # (its value, or "not reported" for a NaN), "" for a series with no row for a category:
    # that is no bar, not an unknown one (no activity of an area in a category is 0).
    labels: dict[str, list[str | None]] = {}
    for name, part in groups:
        at = {str(c): i for i, c in reversed(list(enumerate(part[category])))}
        rows = [at.get(c) for c in categories]
        found = [None if i is None else part[value].iloc[i] for i in rows]
        values[str(name)] = [None if v is None or pd.isna(v) else float(v) for v in found]
        words: list[str | None] = []
        for i, v in zip(rows, values[str(name)], strict=True):
            if i is None:
                words.append("")
            elif text is not None:
                words.append(str(part[text].iloc[i]))
            elif text_format is not None and v is not None:
                words.append(text_format.format(v))
            else:
                words.append(None)
        labels[str(name)] = words
    return svg_charts.bar_chart(
        categories,
        values,
        alt=chart.alt,
        **_placed(chart, narrow),
        lang=lang,
        unit=chart.unit,
        labels=labels,
        horizontal=bool(options.get("horizontal", False)),
        stacked=bool(options.get("stacked", True)),
        value_title=options.get("value_title", ""),
        category_title=options.get("category_title", ""),
        target=_target(options),
        target_label=options.get("target_label", ""),
    )


def draw(chart: Chart, lang: str) -> go.Figure:
    """A meeting screen's bar chart (`uccn_data.reports.projector.chart`: a `bar` or
    `labelled_bar` block) as a Plotly figure, `bar(data, **options)` or `labelled_bar(...)`,
    localised: the presentation sizes it to the projector's window.

    Raises ValueError for any other kind (the pages' charts are drawn by `svg`)."""
    kinds: dict[str, Callable[..., Spec]] = {"bar": _bar, "labelled_bar": _labelled_bar}
    if chart.kind not in kinds:
        raise ValueError(f"{chart.kind} charts are drawn as SVG (charts.svg), not by Plotly")
    return go.Figure(_localise(kinds[chart.kind](chart.data, **chart.options), lang))
