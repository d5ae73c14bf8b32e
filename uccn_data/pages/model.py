"""What a dashboard page is, as data: headings, text, key-figure cards, charts with their
findings, alt texts and tables, and lists. The meeting outputs' `Screen` is the same idea for a
projector; a page has more room, so it is a sequence of blocks.

Builders in `uccn_data.pages.<page>` return a `Page` in one language; the dashboard only draws
it (`dashboard/render.py`). So every number, finding and alt text a page shows is computed,
cached and tested here, once, and never recomputed on a warm run.

Every string in a block is ready to show. Text that a user or a file supplied has already been
escaped by the builder (`words.markdown`, `words.plotly`) where it goes into Markdown or a
Plotly label; tables are always shown as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

# The chart kinds `dashboard/charts.py` draws; `options` are the keyword arguments of its
# builder for the kind (`_bar`, `_lines` ...; for a heatmap, see `_heatmap_svg`).
ChartKind = Literal[
    "bar",
    "lines",
    "heatmap",
    "timeline",
    "municipality_map",
    "world_map",
    "labelled_bar",
    "lines_over_target",
]


@dataclass(frozen=True)
class Heading:
    """`level` 1 is the page title, 2 a section, 3 a sub-section."""

    text: str
    level: Literal[1, 2, 3] = 2


@dataclass(frozen=True)
class Text:
    """A paragraph (`write`), a small note (`caption`), a boxed message, or `plain` text
    shown exactly as written (no Markdown at all: a file's own notes)."""

    text: str
    style: Literal["write", "caption", "info", "warning", "success", "plain"] = "write"


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str | None = None
    delta: str | None = None
    # A fall is good news (costs): the delta's colour is reversed.
    inverse: bool = False


@dataclass(frozen=True)
class Badge:
    """A status in words with an icon, so it never rests on colour alone."""

    text: str
    icon: str
    colour: Literal["green", "orange", "red", "gray", "blue", "violet"]


@dataclass(frozen=True)
class Card:
    """A bordered box: an optional heading, key figures, a status and notes."""

    metrics: list[Metric]
    heading: str | None = None
    badge: Badge | None = None
    captions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Cards:
    """Cards in rows of `per_row`, so keyboard and screen-reader order follows the rows the
    eye reads, not each column top to bottom."""

    cards: list[Card]
    per_row: int = 4


# eq=False: blocks holding DataFrames have no single truth value to compare by.
@dataclass(frozen=True, eq=False)
class Chart:
    """A chart with its finding as heading, its text alternative, and the numbers behind it.

    `data` and `options` are what `dashboard/charts.py` draws the kind from; `table` is what "Visa data"
    shows and downloads (human headings, unformatted numbers so the CSV stays computable). An
    empty table means an empty selection: the page says so instead of drawing."""

    key: str
    title: str
    kind: ChartKind
    data: pd.DataFrame
    alt: str
    table: pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)
    # How the chart writes its values where it writes them itself (the line and bar charts,
    # drawn as SVG): `uccn_data.reports.texts.by_unit`'s count, sek, share, ratio or points.
    unit: str = "count"


@dataclass(frozen=True, eq=False)
class Table:
    """A plain-text table; `links` names the columns holding checked http(s) addresses."""

    key: str
    frame: pd.DataFrame
    links: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class SearchTable:
    """A list the reader can search: rows whose `haystack` (case-folded, one per row) contains
    the query, at most `limit` of them shown, with how many matched. The search box's widget
    key is `<key>-search`, the table's `<key>-list`.

    `count_text` and `capped_text` are format strings with `{shown}` and `{total}`."""

    key: str
    label: str
    placeholder: str
    frame: pd.DataFrame
    haystack: pd.Series
    count_text: str
    capped_text: str
    no_match: str
    limit: int = 500
    links: tuple[str, ...] = ()
    after: list[str] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class Expander:
    """Blocks behind a "show more" line, closed until asked."""

    label: str
    blocks: list[Block]


@dataclass(frozen=True, eq=False)
class Columns:
    """Blocks side by side, one list per column (narrow screens stack them)."""

    columns: list[list[Block]]


@dataclass(frozen=True, eq=False)
class Download:
    """A file the reader can download, made when the page is built (the reporting calendar's
    .ics): a button labelled `label`, widget key `<key>`."""

    key: str
    label: str
    data: bytes
    file_name: str
    mime: str


Block = Heading | Text | Cards | Chart | Table | SearchTable | Expander | Columns | Download


@dataclass(frozen=True, eq=False)
class Page:
    """A whole page in one language, top to bottom."""

    blocks: list[Block]

    def charts(self) -> list[Chart]:
        """Every chart on the page, expanders included, in page order."""
        return [b for b in _walk(self.blocks) if isinstance(b, Chart)]

    def texts(self) -> list[str]:
        """Every heading, paragraph, caption, card text and chart title and alt text, in page
        order: what a reader (or a test) reads on the page."""
        out: list[str] = []
        for b in _walk(self.blocks):
            if isinstance(b, Heading | Text):
                out.append(b.text)
            elif isinstance(b, Cards):
                for c in b.cards:
                    out.extend([c.heading or "", *(f"{m.label}: {m.value}" for m in c.metrics)])
                    out.extend([c.badge.text] if c.badge else [])
                    out.extend(c.captions)
            elif isinstance(b, Chart):
                out.extend([b.title, b.alt])
            elif isinstance(b, SearchTable):
                out.extend(b.after)
        return [s for s in out if s]

    def chart(self, key: str) -> Chart:
        """The chart with this key; KeyError if the page has none."""
        for c in self.charts():
            if c.key == key:
                return c
        raise KeyError(key)


def _walk(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        if isinstance(b, Expander):
            out.extend(_walk(b.blocks))
        elif isinstance(b, Columns):
            for column in b.columns:
                out.extend(_walk(column))
    return out
