"""Draws a page built by `uccn_data.pages`: the views only call this.

Every chart comes with its finding as heading, the figure with its alt text, the alt text also
as a caption, and a "Visa data / Show data" table with a CSV download: WCAG's text alternative
for a chart, met everywhere at once. Tables are plain text (Streamlit's grid never renders
Markdown or HTML); only a `links` column, checked as http(s) on import, is a live link.

A page's own tables (`model.Table`) are HTML tables with every cell escaped here; Streamlit's
data grid, which costs a browser about 0.1 s to load and draw (issue 16), is kept for what
is searched or opened on request (the search table, the "Visa data" tables) and for a table
too long to draw whole.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.cache import Drawn
from uccn_data.pages import model
from uccn_data.reports.svg import MARKDOWN_MARKS, plain


def page(drawn: Drawn, lang: str) -> None:
    """Every block of the page, top to bottom."""
    blocks(drawn.page.blocks, drawn, lang)


def blocks(items: list[model.Block], drawn: Drawn | None, lang: str) -> None:
    """Blocks in order; `drawn` holds the figures of the page's charts (None for a page
    with no chart, such as the heading before there is a store)."""
    for block in items:
        if isinstance(block, model.Heading):
            heading(block)
        elif isinstance(block, model.Text):
            TEXT_STYLES[block.style](block.text)
        elif isinstance(block, model.Cards):
            cards(block)
        elif isinstance(block, model.Chart) and drawn is not None:
            chart(block, drawn, lang)
        elif isinstance(block, model.Table):
            table(block, lang)
        elif isinstance(block, model.SearchTable):
            search_table(block)
        elif isinstance(block, model.Columns):
            for column, items in zip(st.columns(len(block.columns)), block.columns, strict=True):
                with column:
                    blocks(items, drawn, lang)
        elif isinstance(block, model.Expander):
            with st.expander(block.label):
                blocks(block.blocks, drawn, lang)
        elif isinstance(block, model.Download):
            st.download_button(
                block.label,
                block.data,
                file_name=block.file_name,
                mime=block.mime,
                key=block.key,
                on_click="ignore",
            )


def heading(block: model.Heading) -> None:
    if block.level == 1:
        st.title(block.text)
    elif block.level == 2:
        st.header(block.text)
    else:
        st.subheader(block.text)


TEXT_STYLES: dict[str, Callable[[str], object]] = {
    "write": st.write,
    "caption": st.caption,
    "info": st.info,
    "warning": st.warning,
    "success": st.success,
    "plain": st.text,
}


def cards(block: model.Cards) -> None:
    for i, card in enumerate(block.cards):
        if i % block.per_row == 0:
            columns = st.columns(block.per_row)
        with columns[i % block.per_row], st.container(border=True):
            if card.heading:
                st.subheader(card.heading)
            for m in card.metrics:
                st.metric(
                    m.label,
                    m.value,
                    delta=m.delta,
                    delta_color="inverse" if m.inverse else "normal",
                    help=m.help,
                )
            if card.badge:
                st.badge(card.badge.text, icon=card.badge.icon, color=card.badge.colour)
            for caption in card.captions:
                st.caption(caption)


def chart(block: model.Chart, drawn: Drawn, lang: str) -> None:
    st.subheader(block.title)
    if block.table.empty:
        st.info(i18n.t("chart.empty", lang))
        return
    svg(block, drawn.svgs[block.key])
    st.caption(i18n.t("chart.alt_prefix", lang) + block.alt)
    chart_data(block, drawn, lang)


# The phone's drawing replaces the wide one where the wide one would shrink its words below
# about 10 px: in a chart narrower than 600 px (the chart's own width, so a sidebar that
# narrows the page counts too).
SVG_WIDTHS = (
    "<style>.uccn-chart{container-type:inline-size}.uccn-chart .narrow{display:none}"
    "@container (max-width: 600px){.uccn-chart .wide{display:none}"
    ".uccn-chart .narrow{display:block}}</style>"
)


def svg(block: model.Chart, drawings: tuple[str, str]) -> None:
    """A chart drawn as SVG on the server (`charts.svg`, every text in it escaped there): its
    wide drawing, or on a phone its narrow one, announced as a figure with its text
    alternative.

    Markdown leaves it as written: an HTML block that starts with a <div> is passed through
    whole, up to the first blank line, and the drawings have none."""
    wide, narrow = drawings
    st.markdown(
        f'<div class="uccn-chart" data-chart="{plain(block.key)}" role="figure" '
        f'aria-label="{plain(block.alt)}">'
        f'<div class="wide" aria-hidden="true" style="max-width: 960px">{wide}</div>'
        f'<div class="narrow" aria-hidden="true">{narrow}</div>{SVG_WIDTHS}</div>',
        unsafe_allow_html=True,
    )


def chart_data(block: model.Chart, drawn: Drawn, lang: str) -> None:
    """The chart's "Visa data" table and its CSV download, sent only once the expander is
    opened: a closed data grid per chart still cost the browser its drawing on every load
    (issue 16). Opening one reruns the page (its parts come from the cache). Not a fragment:
    a fragment's rerun asked for while another runs is dropped, so a reader who opened two
    tables quickly saw the second empty for good. The open state is
    `st.session_state[data_key(block.key)]`."""
    with st.expander(
        i18n.t("chart.show_data", lang), key=data_key(block.key), on_change="rerun"
    ) as box:
        if not box.open:
            return
        st.dataframe(block.table, hide_index=True, key=f"table-{block.key}")
        st.download_button(
            i18n.t("chart.download", lang),
            data=drawn.csv[block.key],
            file_name=f"{block.key}.csv",
            mime="text/csv",
            key=f"download-{block.key}",
            on_click="ignore",
        )


def data_key(chart_key: str) -> str:
    """The session-state key of a chart's "Visa data" expander: True while it is open."""
    return f"show-data-{chart_key}"


# Up to this many rows a page's table is HTML; a longer one (the demo store at scale 100 has
# tables of 1,200 to 7,600 rows) is the grid, which draws only the rows in view: as HTML the
# Data quality page's reload took 1.4 s instead of about 0.6 s.
HTML_TABLE_MAX_ROWS = 100


def table(block: model.Table, lang: str) -> None:
    """A page's table: up to HTML_TABLE_MAX_ROWS rows as an HTML table, every header and cell
    escaped (`table_html`), a longer one as the data grid."""
    if len(block.frame) > HTML_TABLE_MAX_ROWS:
        grid(block.frame, block.key, block.links)
    else:
        st.markdown(table_html(block, lang), unsafe_allow_html=True)


# Numbers right-aligned as in the grid; a wide table scrolls inside its own box on a phone
# instead of widening the page (WCAG 1.4.10), and the box takes keyboard focus so that a
# keyboard can scroll it (WCAG 2.1.1).
TABLE_STYLE = (
    "<style>.uccn-table{overflow-x:auto;max-width:100%}"
    ".uccn-table table{margin:0}.uccn-table td.num{text-align:right}</style>"
)


def table_html(block: model.Table, lang: str) -> str:
    """`block.frame` as one line of HTML: a focusable, labelled box holding a <table> with a
    header row of <th scope="col">, one row per frame row, no index.

    Every header and cell is escaped with `html.escape`, and line breaks in a cell become
    <br>: the text has no tag, no entity and no blank line of its own, so Markdown leaves the
    whole block as written (an HTML block that starts with <div> runs to the first blank
    line) and the reader sees the text as typed. A missing value is an empty cell. A cell in
    a `block.links` column that starts with http:// or https:// (checked on import, checked
    again here) is a link that opens in a new tab; anything else there is text."""
    frame = block.frame
    numeric = [
        pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
        for dtype in frame.dtypes
    ]
    links = [name in block.links for name in frame.columns]
    head = "".join(f'<th scope="col">{_cell_text(name)}</th>' for name in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for value, is_number, is_link in zip(values, numeric, links, strict=True):
            text = _cell_text(value)
            if is_link and isinstance(value, str) and value.startswith(("http://", "https://")):
                text = f'<a href="{text}" target="_blank" rel="noopener noreferrer">{text}</a>'
            cells.append(f'<td class="num">{text}</td>' if is_number else f"<td>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    label = i18n.t(
        "table.label", lang, columns=", ".join(" ".join(str(c).split()) for c in frame.columns)
    )
    return (
        f'<div class="uccn-table" data-table="{html.escape(block.key)}" role="region" '
        f'tabindex="0" aria-label="{_cell_text(label)}"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{TABLE_STYLE}</div>"
    )


# Markdown's and Streamlit's marks as character references, as in the drawings (svg.plain),
# and the colon: Streamlit's Markdown element rewrites ":material/" to ":material_" in its
# whole text before parsing it, inside an HTML block as well.
CELL_MARKS = {**MARKDOWN_MARKS, ord(":"): "&#58;"}


def _cell_text(value: object) -> str:
    """`value` as HTML text: escaped, Markdown's marks and the colon as character references
    (CELL_MARKS), each line break a <br>; a missing value is empty."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    escaped = html.escape(str(value), quote=True).translate(CELL_MARKS)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def grid(frame: pd.DataFrame, key: str, links: tuple[str, ...] = ()) -> None:
    """Streamlit's data grid: sorting, resizing, and a live link only in `links` columns."""
    st.dataframe(
        frame,
        hide_index=True,
        key=key,
        column_config={name: st.column_config.LinkColumn() for name in links},
    )


def search_table(block: model.SearchTable) -> None:
    query = st.text_input(block.label, key=f"{block.key}-search", placeholder=block.placeholder)
    found = block.frame
    if query.strip():
        hits = block.haystack.str.contains(query.strip().casefold(), regex=False)
        found = block.frame[hits.to_numpy()]
    total = len(block.frame)
    st.caption(block.count_text.format(shown=len(found), total=total))
    if len(found) > block.limit:
        st.caption(block.capped_text.format(shown=block.limit, total=total))
        found = found.head(block.limit)
    if found.empty:
        st.info(block.no_match)
        return
    grid(found, f"{block.key}-list", block.links)
    for caption in block.after:
        st.caption(caption)
