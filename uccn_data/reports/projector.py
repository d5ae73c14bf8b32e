"""The meeting screens laid out for a projector: each key figure split into its value, target
and status in words, as a table a room can read, and each chart as bars whose labels fit.

`dashboard/views/present.py` draws what this returns; the numbers, words and alt texts are the
screens' own (`uccn_data.reports.content.screens`), so the projector, the deck and the printed
report still show one and the same thing.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from uccn_data.pages import model, words
from uccn_data.reports import texts
from uccn_data.reports.content import format_table
from uccn_data.reports.screen import ChartSpec, Screen, ScreenComment
from uccn_data.reports.texts import t

# The statuses a figure with a target can have (`uccn_data.reports.builders.headline`).
STATUSES = ("on_track", "at_risk", "behind", "no_value", "not_yet")
# The word carries the status; the mark only lets the eye find it, and the two that need the
# meeting's attention are bold as well.
MARKS = {"on_track": "✓", "at_risk": "⚠", "behind": "✗"}
ATTENTION = ("at_risk", "behind")
# Category names longer than this are drawn as horizontal bars, their names beside the bars
# (wrapped at WRAP characters) rather than slanted or cut under them.
LONG_CATEGORY = 12
WRAP = 28
# Type for a room, as Plotly layout properties over `labelled_bar`'s own; a bar label too small
# to read is left out rather than shrunk (the table has every value).
# (The text colour is the dashboard's, repeated: the data package never imports the UI.)
CHART_LAYOUT = {
    "font_size": 18,
    "legend_font_size": 18,
    "xaxis_tickfont": {"size": 18, "color": "#1b2631"},
    "yaxis_tickfont": {"size": 18, "color": "#1b2631"},
    "uniformtext": {"minsize": 15, "mode": "hide"},
    "margin": {"t": 10, "b": 10, "l": 10, "r": 10},
}
# How much of the coordinators' comments a screen shows under its figures, which must leave
# the window unscrolled (about three lines beside the headline's table): characters in all,
# and lines of each. The rest opens on demand, whole.
COMMENT_CHARS, COMMENT_LINES = 200, 3


@dataclass(frozen=True)
class Figure:
    """One key figure as the projector shows it: `value` alone (`378 471 kr`); `target`,
    `status` (in words, `risk`) and `status_key` (`at_risk`) are "" for a figure without a
    target."""

    label: str
    value: str
    target: str = ""
    status: str = ""
    status_key: str = ""

    @property
    def needs_attention(self) -> bool:
        return self.status_key in ATTENTION


@cache
def _with_target(lang: str) -> re.Pattern[str]:
    # The headline writes `378 471 kr (mål 400 000 kr, risk)` from one template; reading it
    # back with that same template keeps the two from drifting apart.
    pattern = re.escape(texts.TEXTS["headline.figure"][lang == "en"])
    for name in ("value", "target", "status"):
        pattern = pattern.replace(re.escape(f"{{{name}}}"), f"(?P<{name}>.+?)")
    return re.compile(f"^{pattern}$")


def figures(screen: Screen, lang: str) -> list[Figure]:
    """The screen's key figures in its order, each with its target and status apart."""
    statuses = {t(f"status.{key}", lang): key for key in STATUSES}
    found = []
    for label, value in screen.figures:
        parts = _with_target(lang).match(value)
        if parts and parts["status"] in statuses:
            status = parts["status"]
            found.append(Figure(label, parts["value"], parts["target"], status, statuses[status]))
        else:
            found.append(Figure(label, value))
    return found


def status_text(figure: Figure) -> str:
    """The status as a table cell (Markdown): `✓ I fas`, bold `**⚠ Risk**`, or ""."""
    if not figure.status:
        return ""
    # One unbroken line (`✓ On track`): a status split over two lines is easily misread.
    word = words.markdown(figure.status[:1].upper() + figure.status[1:])
    mark = MARKS.get(figure.status_key)
    shown = (f"{mark} {word}" if mark else word).replace(" ", "\N{NO-BREAK SPACE}")
    return f"**{shown}**" if figure.needs_attention else shown


def _unbroken(value: str) -> str:
    # A number and its unit, or "inga uppgifter", read as one: never split over two lines.
    return words.markdown(value).replace(" ", "\N{NO-BREAK SPACE}")


def figure_table(found: list[Figure], lang: str) -> pd.DataFrame:
    """The key figures as rows of Markdown (Streamlit's table reads it; every text escaped):
    name and value, plus target and status when any figure has a target."""
    columns = {
        t("col.kpi", lang): [words.markdown(f.label) for f in found],
        # The value is what the room reads first: bold.
        t("col.value", lang): [f"**{_unbroken(f.value)}**" for f in found],
    }
    if any(f.status for f in found):
        columns[t("col.target", lang)] = [_unbroken(f.target) for f in found]
        columns[t("col.status", lang)] = [status_text(f) for f in found]
    return pd.DataFrame(columns)


def chart(screen: Screen, lang: str) -> model.Chart | None:
    """The screen's chart as `dashboard.charts.labelled_bar` draws it, or None without one.

    Its data has one row per category and series, in the chart's order: category (escaped for
    Plotly; long names wrapped with `<br>` and drawn as horizontal bars, beside the bars
    rather than slanted under them), series, value, and text (the value as the reader writes
    it, `12 500 kr`)."""
    spec: ChartSpec | None = screen.chart
    if spec is None:
        return None
    horizontal = max((len(c) for c in spec.categories), default=0) > LONG_CATEGORY
    rows = [
        (
            "<br>".join(textwrap.wrap(words.plotly(category), WRAP) or [""])
            if horizontal
            else words.plotly(category),
            words.plotly(name),
            value,
            "" if value is None else texts.by_unit(spec.unit, value, lang),
        )
        for name, values in spec.series.items()
        for category, value in zip(spec.categories, values, strict=True)
    ]
    frame = pd.DataFrame(rows, columns=["category", "series", "value", "text"])
    options = {
        "category": "category",
        "value": "value",
        "text": "text",
        "series": "series" if len(spec.series) > 1 else None,
        "horizontal": horizontal,
        "stacked": False,
    }
    return model.Chart(
        key=f"present-{screen.key}",
        title=screen.title,
        kind="labelled_bar",
        data=frame,
        alt=screen.alt,
        table=screen.table,
        options=options,
    )


def _shown(screen: Screen) -> list[tuple[ScreenComment, str]]:
    """Each comment the screen has room for, with as much of its text as fits: whole, or
    cut at a word and ending in "…"."""
    shown = []
    room = COMMENT_CHARS
    for comment in screen.comments:
        if room <= 0:
            break
        lines = comment.text.splitlines()
        text = comment.text
        if len(text) > room or len(lines) > COMMENT_LINES:
            start = "\n".join(lines[:COMMENT_LINES])
            if len(start) > room:
                start = start[:room].rsplit(" ", 1)[0]
            text = start.rstrip() + " …"
        shown.append((comment, text))
        room -= len(text)
    return shown


def _blocks(shown: list[tuple[ScreenComment, str]]) -> list[model.Block]:
    blocks: list[model.Block] = []
    for comment, text in shown:
        # h2 under the screen's h1; the text as written, plain: never a link or an image.
        blocks += [model.Heading(words.markdown(comment.heading), 2), model.Text(text, "plain")]
        if comment.note:
            blocks.append(model.Text(words.markdown(comment.note), "caption"))
    return blocks


def comments(screen: Screen) -> list[model.Block]:
    """The coordinators' comments under the screen's figures, as much as the window holds:
    each heading, the text as written and, for an English reader given the Swedish text, a
    note saying so. What does not fit opens whole on demand (`on_demand`)."""
    return _blocks(_shown(screen))


def _whole_comments(screen: Screen) -> list[model.Block]:
    """Every comment whole, when the screen shows only part of them; nothing otherwise."""
    shown = _shown(screen)
    if len(shown) == len(screen.comments) and all(c.text == text for c, text in shown):
        return []
    return _blocks([(c, c.text) for c in screen.comments])


def on_demand(screen: Screen, lang: str) -> list[model.Block]:
    """What opens under a screen when asked, closed until then: "Visa data" (the chart's text
    alternative, the numbers behind the screen and the activities behind them, and the items
    behind its figures under their headings), when the screen has notes, "Så läses
    siffrorna" (how complete the figures are, what counts more than once), and, when the
    screen shows only part of the coordinators' comments, the whole of them. Every name from
    the store is plain text."""
    shown: list[model.Block] = []
    if screen.alt:
        shown.append(model.Text(words.t("chart.alt_prefix", lang) + screen.alt, "plain"))
    shown.append(model.Table(f"present-{screen.key}-numbers", format_table(screen, lang)))
    if screen.details is not None and len(screen.details):
        shown.append(model.Table(f"present-{screen.key}-details", screen.details))
    for heading, items in screen.listing:
        # h2 under the screen's h1: heading levels go one step at a time.
        shown.append(model.Heading(words.markdown(heading), 2))
        shown.append(model.Text("\n".join(f"• {item}" for item in items), "plain"))
    blocks: list[model.Block] = [model.Expander(words.t("chart.show_data", lang), shown)]
    if screen.notes:
        notes: list[model.Block] = [model.Text(note, "plain") for note in screen.notes]
        blocks.append(model.Expander(words.t("present.notes", lang), notes))
    if whole := _whole_comments(screen):
        blocks.append(model.Expander(words.t("present.comment_whole", lang), whole))
    return blocks


def widths(found: list[Figure]) -> list[int]:
    """The figures' and the chart's shares of the width: the table is wider when it has a
    target and a status to show."""
    return [7, 5] if any(f.status for f in found) else [4, 6]


def meeting_date(raw: str | None) -> date | None:
    """The last meeting's date from a link (`2026-01-31`); None when there is none or it is
    not a date (the page then says so)."""
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
