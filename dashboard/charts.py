"""Pure functions DataFrame -> Plotly figure, styled for a public body and WCAG 2.1 AA.

No Streamlit here. Colours keep at least 3:1 contrast against the white background (a test
checks every one), and series also differ by pattern, marker or dash, never by colour alone.
Callers pass frames whose category columns already hold the words users read.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

BACKGROUND = "#ffffff"
TEXT = "#1b2631"
GRID = "#d5dbe0"
# Dark enough for 3:1 against white (non-text contrast, WCAG 1.4.11), and told apart by
# people with the common colour-vision deficiencies when paired with the patterns below.
PALETTE = (
    "#1f5f8b",  # blue
    "#b34700",  # burnt orange
    "#2e7d32",  # green
    "#7b3f98",  # purple
    "#a3123a",  # crimson
    "#5d4037",  # brown
    "#00695c",  # teal
    "#455a64",  # slate
)
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


def _layout(fig: go.Figure, *, height: int = 360, legend: bool = True) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": TEXT},
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font_size": 14},
    )
    fig.update_xaxes(gridcolor=GRID, linecolor=TEXT, automargin=True)
    fig.update_yaxes(gridcolor=GRID, linecolor=TEXT, automargin=True)
    return fig


def bar(
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
) -> go.Figure:
    """Bars per category; with `series`, one patterned, coloured bar group per series value."""
    fig = go.Figure()
    groups: Sequence[tuple[object, pd.DataFrame]] = (
        list(frame.groupby(series, sort=False)) if series else [("", frame)]
    )
    for i, (name, part) in enumerate(groups):
        x, y = (part[value], part[category]) if horizontal else (part[category], part[value])
        fig.add_trace(
            go.Bar(
                x=x,
                y=y,
                name=str(name),
                orientation="h" if horizontal else "v",
                marker={
                    "color": colour(i),
                    "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "fgcolor": "#ffffff"},
                    "line": {"color": TEXT, "width": 0.5},
                },
                text=part[value]
                if text_format is None
                else [text_format.format(v) for v in part[value]],
                textposition="auto",
            )
        )
    fig.update_layout(barmode="stack" if stacked else "group")
    if horizontal:
        fig.update_yaxes(title=category_title, autorange="reversed")
        fig.update_xaxes(title=value_title)
    else:
        fig.update_xaxes(title=category_title, type="category")
        fig.update_yaxes(title=value_title)
    return _layout(
        fig,
        legend=bool(series),
        height=max(300, 40 * frame[category].nunique() + 120) if horizontal else 360,
    )


def lines(
    frame: pd.DataFrame,
    x: str,
    y: str,
    *,
    series: str | None = None,
    value_title: str = "",
    x_title: str = "",
    target: float | None = None,
    target_label: str = "",
) -> go.Figure:
    """One line per series with its own marker and dash; an optional dashed target line."""
    fig = go.Figure()
    groups = list(frame.groupby(series, sort=False)) if series else [("", frame)]
    for i, (name, part) in enumerate(groups):
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y],
                name=str(name),
                mode="lines+markers",
                line={"color": colour(i), "width": 3, "dash": DASHES[i % len(DASHES)]},
                marker={"symbol": MARKERS[i % len(MARKERS)], "size": 9},
            )
        )
    if target is not None:
        fig.add_hline(
            y=target,
            line={"color": TARGET_LINE, "dash": "dash", "width": 2},
            annotation_text=target_label,
            annotation_position="top left",
        )
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=value_title, rangemode="tozero")
    return _layout(fig, legend=bool(series))


def heatmap(
    frame: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    *,
    row_order: Sequence[str],
    column_order: Sequence[str],
) -> go.Figure:
    """A matrix with the number written in every cell (the colour only repeats it)."""
    grid = frame.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    grid = grid.reindex(index=list(row_order), columns=list(column_order), fill_value=0)
    fig = go.Figure(
        go.Heatmap(
            z=grid.values,
            x=[str(c) for c in grid.columns],
            y=[str(r) for r in grid.index],
            text=grid.values,
            texttemplate="%{text}",
            textfont={"size": 15},
            colorscale=[[0, "#f2f5f7"], [1, PALETTE[0]]],
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(type="category", side="top")
    fig.update_yaxes(type="category", autorange="reversed")
    return _layout(fig, legend=False, height=max(260, 60 * len(row_order) + 80))


def timeline(
    frame: pd.DataFrame, start: str, end: str, row: str, series: str, *, hover: str | None = None
) -> go.Figure:
    """Activities as bars from start to end, one row each, coloured and patterned by series."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        duration = (
            pd.to_datetime(part[end]) - pd.to_datetime(part[start])
        ).dt.total_seconds() * 1000
        fig.add_trace(
            go.Bar(
                base=pd.to_datetime(part[start]),
                x=duration.clip(lower=86_400_000),  # at least a day, so one-day events show
                y=part[row],
                orientation="h",
                name=str(name),
                marker={
                    "color": colour(i),
                    "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "fgcolor": "#ffffff"},
                },
                hovertext=part[hover] if hover else None,
            )
        )
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", showticklabels=len(frame) <= 40)
    return _layout(fig, height=max(320, min(900, 18 * len(frame) + 120)))


def contrast_ratio(foreground: str, background: str = BACKGROUND) -> float:
    """WCAG contrast ratio between two #rrggbb colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
