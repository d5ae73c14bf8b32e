"""A draft of UNESCO's UCCN Membership Monitoring Report for one agreement period, as a .docx.

The draft follows the report's sections, fills in every figure and list the store can give,
and leaves highlighted places for the narrative only the officials can write. English is the
default because the report goes to UNESCO; Swedish is for preparing it at home.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import texts
from uccn_data.reports.content import has_data
from uccn_data.reports.monitoring_texts import mt
from uccn_data.reports.texts import t
from uccn_data.store import sql

DESIGNATION_YEAR = 2010  # Östersund became a UNESCO City of Gastronomy in 2010
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}
TEXT_WIDTH = Cm(16)  # between the default margins of an A4 page


def build_monitoring_report(
    conn: Connection, period_id: str, lang: str = "en", *, as_of: date | None = None
) -> bytes:
    """The draft for `period_id` (raises kpis.UnknownPeriod for a period the store lacks)."""
    lang = "sv" if lang == "sv" else "en"
    agreement = kpis.period(conn, period_id)
    f = Filters(period=period_id)
    doc = Document()
    doc.core_properties.title = mt("title", lang)
    doc.core_properties.language = LANGUAGE_TAGS[lang]
    _language(doc, lang)
    doc.add_heading(mt("title", lang), 0)
    start, end = texts.day(agreement.start, lang), texts.day(agreement.end, lang)
    doc.add_paragraph(mt("period", lang, start=start, end=end, period=period_id))
    doc.add_paragraph(mt("drafted", lang, date=texts.day(as_of or date.today(), lang)))
    doc.add_paragraph(mt("how_to", lang))
    if kpis.is_demo(conn):
        _notice(doc, mt("demo", lang))
    if not has_data(conn):
        _notice(doc, mt("no_data", lang))
    values = kpis.kpi_values(conn, f)
    _summary(doc, conn, f, values, lang)
    _general(doc, lang, f"{start} – {end}")
    _global(doc, conn, f, values, lang)
    _local(doc, conn, f, lang)
    _intercity(doc, conn, f, lang)
    _plan(doc, conn, agreement, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _language(doc: Any, lang: str) -> None:
    """Tag the default text language, so Word's proofing and screen readers get it right."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    tag = properties.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        properties.append(tag)
    tag.set(qn("w:val"), LANGUAGE_TAGS[lang])


def _notice(doc: Any, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.bold = True


def _placeholder(doc: Any, what: str, lang: str) -> None:
    """A highlighted place for the officials' own text, impossible to overlook or to send."""
    run = doc.add_paragraph().add_run(mt("placeholder", lang, what=what))
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _table(
    doc: Any, headers: list[str], rows: list[list[str]], widths: tuple[float, ...] = ()
) -> Any:
    """A table with a repeating header row; `widths` share the text width between columns
    (Word's equal columns would squeeze an activity's title into a word per line)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    # The header row repeats on every page and is announced as a header by screen readers.
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    if widths:
        table.autofit = False
        sizes = [int(TEXT_WIDTH * share / sum(widths)) for share in widths]
        # Word reads the cells' widths, LibreOffice the grid's: set both.
        for column, size in zip(table.columns, sizes, strict=True):
            column.width = size
        for row in table.rows:
            for cell, size in zip(row.cells, sizes, strict=True):
                cell.width = size
    doc.add_paragraph()
    return table


def _summary(doc: Any, conn: Connection, f: Filters, v: dict[str, float | None], lang: str) -> None:
    doc.add_heading(mt("h.summary", lang), 1)
    _placeholder(doc, mt("summary.what", lang), lang)
    money = kpis.money_summary(conn, f).iloc[0]
    doc.add_paragraph(mt("summary.figures", lang))
    lines = [
        mt("fig.activities", lang, n=_n(v["activities"], lang), done=_n(v["activities_completed"], lang)),
        mt("fig.smes", lang, n=_n(v["smes_reached"], lang), share=texts.percent(v["smes_outside_ostersund_share"], lang)),
        mt("fig.exchanges", lang, n=_n(v["exchanges"], lang), cities=_n(v["partner_cities"], lang), countries=_n(v["partner_countries"], lang)),
        mt("fig.money", lang, used=texts.money(v["ostersund_spending_sek"], lang), commitment=texts.money(money["commitment_sek"], lang)),
        mt("fig.external", lang, external=texts.money(v["external_funding_sek"], lang), ratio=texts.ratio(v["leverage_ratio"], lang)),
        mt("fig.sdg11", lang, share=texts.percent(v["sdg11_aligned_share"], lang)),
    ]  # fmt: skip
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")


def _n(value: Any, lang: str) -> str:
    return texts.number(value, lang)


def _general(doc: Any, lang: str, period: str) -> None:
    doc.add_heading(mt("h.general", lang), 1)
    rows = [
        [mt("g.city", lang), "Östersund"],
        [mt("g.country", lang), mt("g.country_value", lang)],
        [mt("g.field", lang), mt("g.field_value", lang)],
        [mt("g.designation", lang), str(DESIGNATION_YEAR)],
        [mt("g.period", lang), period],
        [mt("g.entity", lang), mt("g.entity_value", lang)],
    ]
    table = _table(doc, [mt("g.item", lang), mt("g.value", lang)], rows)
    for key, what in (("g.contact", "g.contact_what"), ("g.submitted", "g.submitted_what")):
        cells = table.add_row().cells
        cells[0].text = mt(key, lang)
        run = cells[1].paragraphs[0].add_run(mt("placeholder", lang, what=mt(what, lang)))
        run.italic = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _global(doc: Any, conn: Connection, f: Filters, v: dict[str, float | None], lang: str) -> None:
    doc.add_heading(mt("h.global", lang), 1)
    doc.add_paragraph(mt("global.facts", lang))
    share = v["uccn_exchange_share"]
    # The share is UCCN exchanges over all exchanges, so this gives the count back exactly.
    uccn = round((share or 0) * (v["exchanges"] or 0))
    doc.add_paragraph(
        mt(
            "global.figures",
            lang,
            uccn=_n(uccn, lang),
            n=_n(v["exchanges"], lang),
            share=texts.percent(share, lang),
            council=_n(v["unesco_council_followups"], lang),
            team=_n(v["team_sweden_activities"], lang),
        )
    )
    _placeholder(doc, mt("global.what", lang), lang)


def _local(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    doc.add_heading(mt("h.local", lang), 1)
    summary = kpis.framework_summary(conn, f).set_index("framework_area")
    for area, name in ref.FRAMEWORK_AREAS.items():
        scoped = Filters(period=f.period, framework_area=area)
        row = summary.loc[area]
        smes = kpis.sme_summary(conn, scoped)["smes_reached"].iloc[0]
        doc.add_heading(name(lang), 2)
        doc.add_paragraph(t(f"area.purpose.{area}", lang))
        doc.add_paragraph(
            mt(
                "local.figures",
                lang,
                n=_n(row["activities"], lang),
                done=_n(row["activities_completed"], lang),
                people=_n(row["participants"], lang),
                smes=_n(float(smes), lang),
                share=texts.percent(row["sdg11_aligned_share"], lang),
            )
        )
        listed = kpis.activity_list(conn, scoped)
        done = listed[listed["status"] == "completed"]
        if done.empty:
            doc.add_paragraph(mt("local.none", lang))
        else:
            doc.add_paragraph(mt("local.completed", lang))
            headers = ["col.activity", "col.start", "col.end", "col.theme", "col.municipality"]
            _table(
                doc,
                [mt(h, lang) for h in headers],
                [
                    [
                        str(r.title),
                        texts.day(r.start_date, lang),
                        texts.day(None if _missing(r.end_date) else r.end_date, lang),
                        texts.label(ref.THEMES, str(r.theme), lang),
                        ref.MUNICIPALITY_CODES.get(str(r.municipality), ""),
                    ]
                    for r in done.itertuples()
                ],
                (4, 2.2, 2.2, 2.8, 2.6),
            )
        _placeholder(doc, mt("local.what", lang, area=name(lang)), lang)


def _missing(value: Any) -> bool:
    return value is None or value != value or str(value) == "NaT"


def _intercity(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    doc.add_heading(mt("h.intercity", lang), 1)
    s = kpis.exchange_summary(conn, f).iloc[0]
    doc.add_paragraph(
        mt(
            "intercity.figures",
            lang,
            n=_n(s["exchanges"], lang),
            outbound=_n(s["exchanges_outbound"], lang),
            inbound=_n(s["exchanges_inbound"], lang),
            digital=_n(s["exchanges_digital"], lang),
            people=_n(s["exchange_participants"], lang),
            smes=_n(s["exchange_smes_involved"], lang),
        )
    )
    cities = kpis.exchange_cities(conn, f)
    if cities.empty:
        doc.add_paragraph(mt("intercity.none", lang))
    else:
        doc.add_paragraph(mt("intercity.partners", lang))
        headers = ["col.city", "col.country", "col.uccn", "col.exchanges", "col.participants"]
        _table(
            doc,
            [mt(h, lang) for h in headers],
            [
                [
                    str(r.partner_city),
                    str(r.partner_country),
                    mt("yes" if r.uccn_member else "no", lang),
                    _n(r.exchanges, lang),
                    _n(r.participants, lang),
                ]
                for r in cities.itertuples()
            ],
            (3, 1.2, 1.5, 1.5, 1.6),
        )
    projects = kpis.activity_list(
        conn, Filters(period=f.period, framework_area="strategic_development")
    )
    projects = projects[projects["status"] != "cancelled"]
    if projects.empty:
        doc.add_paragraph(mt("intercity.no_projects", lang))
    else:
        doc.add_paragraph(mt("intercity.projects", lang))
        headers = ["col.activity", "col.start", "col.status", "col.partners"]
        _table(
            doc,
            [mt(h, lang) for h in headers],
            [
                [
                    str(r.title),
                    texts.day(r.start_date, lang),
                    texts.label(ref.STATUSES, str(r.status), lang),
                    str(r.partners),
                ]
                for r in projects.itertuples()
            ],
            (5, 2, 2, 3),
        )
    _placeholder(doc, mt("intercity.what", lang), lang)


def _plan(doc: Any, conn: Connection, agreement: ref.AgreementPeriod, lang: str) -> None:
    doc.add_heading(mt("h.plan", lang), 1)
    ids = [str(r[0]) for r in conn.execute(sql("periods.sql")).fetchall()]
    later = [p for p in (kpis.period(conn, i) for i in ids) if p.start > agreement.end]
    if later:
        following = later[0]
        doc.add_paragraph(
            mt(
                "plan.next",
                lang,
                period=following.period_id,
                start=texts.day(following.start, lang),
                end=texts.day(following.end, lang),
                money=texts.money(following.ostersund_sek_per_year, lang),
                share=texts.percent(following.staff_share, lang),
            )
        )
        if following.is_example:
            doc.add_paragraph(mt("plan.example", lang))
        registered = kpis.activity_summary(conn, Filters(period=following.period_id))
        doc.add_paragraph(mt("plan.registered", lang, n=_n(registered["activities"].iloc[0], lang)))
    else:
        doc.add_paragraph(mt("plan.none", lang))
    for what in ("plan.local", "plan.intercity", "plan.budget"):
        _placeholder(doc, mt(what, lang), lang)
