"""The meeting screens as one self-contained HTML file that prints cleanly to A4 from any browser.

Nothing in the file points to another host: no scripts, no web fonts, no images to fetch; the
charts are inline SVG and every chart is followed by the table of numbers behind it. All text
from the store is escaped, because titles and names come from uploaded files.
"""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

from uccn_data import kpis
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import texts
from uccn_data.reports.content import (
    Screen,
    ScreenComment,
    format_table,
    has_data,
    is_window,
    no_chart_text,
    reading_notes,
    scope_text,
    screens,
    sources,
)
from uccn_data.reports.svg import chart_svg
from uccn_data.reports.texts import t

CSS = """
:root { color: #1b2631; background: #ffffff; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4;
       max-width: 190mm; margin: 0 auto; padding: 12px; }
h1 { font-size: 24pt; margin: 0 0 6pt; }
h2 { font-size: 16pt; margin: 0 0 4pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
.subtitle, .muted, ul.notes { color: #455a64; }
ul.notes { font-size: 9.5pt; padding-left: 14pt; }
div.comment { border-left: 3px solid #1f5f8b; padding: 2pt 8pt; margin: 8pt 0; }
div.comment h3 { margin-top: 4pt; }
div.comment p.comment-text { white-space: pre-line; margin: 0 0 4pt; }
h2.reading { font-size: 12pt; margin-top: 10pt; }
.notice { border: 2px solid #a3123a; color: #a3123a; padding: 6pt 8pt; font-weight: bold; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(42mm, 1fr));
             gap: 4pt 10pt; margin: 8pt 0; }
dl.figures div { border: 1px solid #d5dbe0; padding: 4pt 6pt; }
dl.figures dt { font-size: 9pt; color: #455a64; }
dl.figures dd { margin: 0; font-size: 13pt; font-weight: bold; }
figure { margin: 8pt 0; }
figcaption { font-size: 9pt; color: #455a64; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border-bottom: 1px solid #d5dbe0; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #e8eef3; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
nav ol { columns: 2; }
a { color: #1f5f8b; }
@page { size: A4; margin: 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section { break-before: page; page-break-before: always; }
  nav { break-after: page; }
  figure, dl.figures, table { break-inside: avoid; page-break-inside: avoid; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def build_html(
    conn: Connection,
    filters: Filters,
    lang: str,
    since: date | None = None,
    *,
    as_of: date | None = None,
) -> str:
    """The printable report: a cover, the contents, one section per screen, the sources."""
    lang = "en" if lang == "en" else "sv"
    today = as_of or date.today()
    all_screens = screens(conn, filters, lang, since, as_of=as_of)
    scope = scope_text(filters, lang, window=is_window(conn, filters))
    name = t("report.name", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(name)} – {escape(scope)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _cover(conn, filters, lang, today),
        _contents(all_screens, lang),
        *(_section(screen, i, lang) for i, screen in enumerate(all_screens)),
        _sources(conn, lang),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _cover(conn: Connection, f: Filters, lang: str, today: date) -> str:
    window = is_window(conn, f)
    notices = []
    if kpis.is_demo(conn):
        notices.append(t("report.demo", lang))
    if kpis.period(conn, f.period).is_example:
        notices.append(t("report.example_period", lang, period=f.period))
    if not has_data(conn):
        notices.append(t("report.no_data", lang))
    shown = "".join(f'<p class="notice" role="note">{escape(n)}</p>' for n in notices)
    window_note = f"<p>{escape(t('report.window', lang, period=f.period))}</p>" if window else ""
    reading = "".join(f"<li>{escape(n)}</li>" for n in reading_notes(lang))
    return (
        "<header>"
        f"<h1>{escape(t('report.name', lang))}: {escape(scope_text(f, lang, window=window))}</h1>"
        f'<p class="muted">{escape(t("report.agreement", lang))}</p>'
        f'<p class="muted">{escape(t("report.city", lang))}</p>'
        f"<p>{escape(t('report.date', lang, date=texts.day(today, lang)))}</p>"
        f"{window_note}{shown}"
        f'<h2 class="reading">{escape(t("report.reading", lang))}</h2><ul>{reading}</ul>'
        "</header>"
    )


def _anchor(screen: Screen) -> str:
    return "screen-" + screen.key.replace(":", "-").replace("_", "-")


def _contents(all_screens: list[Screen], lang: str) -> str:
    items = "".join(f'<li><a href="#{_anchor(s)}">{escape(s.name)}</a></li>' for s in all_screens)
    sources = f'<li><a href="#sources">{escape(t("sources.title", lang))}</a></li>'
    return (
        f'<nav aria-labelledby="contents"><h2 id="contents">{escape(t("report.contents", lang))}'
        f"</h2><ol>{items}{sources}</ol></nav>"
    )


def table_html(frame: pd.DataFrame, caption: str, numeric: set[str]) -> str:
    """A table with a caption and header cells; numeric columns right-aligned."""

    def cell(tag: str, column: object, value: object) -> str:
        kind = ' class="num"' if str(column) in numeric else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{scope}{kind}>{escape(str(value))}</{tag}>"

    head = "".join(cell("th", c, c) for c in frame.columns)
    rows = "".join(
        "<tr>"
        + "".join(cell("td", c, v) for c, v in zip(frame.columns, row, strict=True))
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _section(screen: Screen, index: int, lang: str) -> str:
    figures = "".join(
        f"<div><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>"
        for label, value in screen.figures
    )
    parts = [
        f'<section id="{_anchor(screen)}" aria-labelledby="{_anchor(screen)}-title">',
        f'<p class="muted">{escape(screen.name)}</p>',
        f'<h2 id="{_anchor(screen)}-title">{escape(screen.title)}</h2>',
        f'<p class="subtitle">{escape(screen.subtitle)}</p>',
        f'<dl class="figures" aria-label="{escape(t("report.key_figures", lang))}">{figures}</dl>',
    ]
    parts += [_comment(c) for c in screen.comments]
    if screen.notes:
        notes = "".join(f"<li>{escape(n)}</li>" for n in screen.notes)
        parts.append(
            f'<ul class="notes" aria-label="{escape(t("report.reading", lang))}">{notes}</ul>'
        )
    if screen.chart is not None:
        svg = chart_svg(screen.chart, screen.alt, f"chart{index}", lang)
        parts.append(f"<figure>{svg}<figcaption>{escape(screen.alt)}</figcaption></figure>")
    else:
        parts.append(f"<p><strong>{escape(no_chart_text(screen, lang))}</strong></p>")
    numeric = set(screen.units)
    parts.append(table_html(format_table(screen, lang), t("report.chart_data", lang), numeric))
    for heading, items in screen.listing:
        # Plain text from the store, escaped: a title or a link is never markup here.
        lines = "".join(f"<li>{escape(item)}</li>" for item in items)
        parts.append(f"<h3>{escape(heading)}</h3><ul>{lines}</ul>")
    if screen.details is not None and len(screen.details):
        parts.append(table_html(screen.details, t("report.details", lang), set()))
    parts.append("</section>")
    return "".join(parts)


def _comment(comment: ScreenComment) -> str:
    """The coordinators' comment under the figures it is about: escaped, so a link, an image
    or a tag in it reads as the characters typed; its line breaks are kept (`pre-line`)."""
    note = f'<p class="muted">{escape(comment.note)}</p>' if comment.note else ""
    return (
        f'<div class="comment"><h3>{escape(comment.heading)}</h3>'
        f'<p class="comment-text">{escape(comment.text)}</p>{note}</div>'
    )


def _sources(conn: Connection, lang: str) -> str:
    blocks = "".join(
        f"<h3>{escape(heading)}</h3><ul>{''.join(f'<li>{escape(i)}</li>' for i in items)}</ul>"
        for heading, items in sources(conn, lang)
    )
    title = escape(t("sources.title", lang))
    return (
        f'<section id="sources" aria-labelledby="sources-title">'
        f'<h2 id="sources-title">{title}</h2>{blocks}</section>'
    )
