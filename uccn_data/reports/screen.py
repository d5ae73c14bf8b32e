"""What a meeting screen is: one finding, its key figures, a chart any output can draw natively,
and the numbers behind it, in one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from uccn_data.kpis import Filters
from uccn_data.reports import texts
from uccn_data.reports.texts import t

# The one palette for pages and meeting outputs (dashboard/charts.py uses it): each colour 3:1
# against white (non-text contrast, WCAG 1.4.11) and told apart with the common colour-vision
# deficiencies when paired with patterns; a test checks every one.
PALETTE = ("#1f5f8b", "#b34700", "#2e7d32", "#7b3f98", "#a3123a", "#5d4037", "#00695c", "#455a64")


@dataclass(frozen=True)
class ChartSpec:
    """A chart any output can draw natively: bars or lines, categories, series -> values."""

    kind: Literal["bar", "line"]
    categories: list[str]
    series: dict[str, list[float | None]]
    unit: str = "count"  # how values are written: count, sek, share, ratio, points (per cent)


@dataclass(frozen=True)
class ScreenComment:
    """The coordinators' comment on a screen's figures, ready to show as plain text: its
    `heading` (naming the key figure when it is about one), the `text` exactly as written and,
    for an English reader given the Swedish text, a `note` saying so ("" otherwise)."""

    heading: str
    text: str
    note: str = ""


# eq=False: a screen holds DataFrames, which have no single truth value to compare by.
@dataclass(frozen=True, eq=False)
class Screen:
    """One message for a projector: the finding, its key figures, a chart and its numbers."""

    key: str
    name: str
    title: str
    subtitle: str
    figures: list[tuple[str, str]]
    table: pd.DataFrame
    chart: ChartSpec | None
    alt: str
    # Column heading -> unit, for writing the table's numbers in the reader's language.
    units: dict[str, str] = field(default_factory=dict)
    details: pd.DataFrame | None = None
    # (v2) How to read the figures: completeness, what counts more than once, approximations.
    notes: list[str] = field(default_factory=list)
    # (v2) The items behind the figures, grouped under a heading (outcomes by kind): each
    # line is plain text, some of it from uploaded files.
    listing: list[tuple[str, list[str]]] = field(default_factory=list)
    # Why there is no chart, when the reason is not an empty selection (a reporting window).
    no_chart: str = ""
    # (follow-up cycle) The coordinators' comments on the screen's figures, plain text.
    comments: list[ScreenComment] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.chart is None


def scope_text(f: Filters, lang: str, *, window: bool = False) -> str:
    """`Avtalsperioden 2021-2024`, `2023 i avtalsperioden 2021-2024`, or (v2) the same for a
    reporting window, which is not an agreement period."""
    kind = "window" if window else "period"
    if f.year is None:
        return t(f"report.scope_{kind}", lang, period=f.period)
    return t(
        f"report.scope_{kind}_year" if window else "report.scope_year",
        lang,
        year=f.year,
        period=f.period,
    )


def no_chart_text(screen: Screen, lang: str) -> str:
    """What an output shows in place of a missing chart."""
    return screen.no_chart or t("report.no_data_screen", lang)


def chart_alt(prefix: str, chart: ChartSpec, lang: str) -> str:
    """The chart's text alternative: what it shows, then every value it draws."""
    parts = []
    for name, values in chart.series.items():
        pairs = ", ".join(
            f"{c} {texts.by_unit(chart.unit, v, lang)}"
            for c, v in zip(chart.categories, values, strict=True)
        )
        parts.append(f"{name}: {pairs}" if len(chart.series) > 1 else pairs)
    return f"{prefix} {'; '.join(parts)}."
