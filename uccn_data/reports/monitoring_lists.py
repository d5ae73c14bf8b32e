"""Sections 4 and 5 of the UNESCO draft and the pieces the other sections share: the local
initiatives per framework activity with their results and the period's outcomes; the
inter-city cooperation (partner cities, regions and organisations, activities with UCCN cities
and other international activities); activity and partner tables; and the coordinators'
comments in the places for the officials' narrative.
Which activity goes in which section is decided in monitoring_data.

Dates are shown as they were written ("May 2018"), counts as reported ("about 250"), a local
initiative under every framework activity it names, and text from files or comments as text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
from docx.enum.text import WD_COLOR_INDEX

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.commentary import Comment, comment_for
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import monitoring_data, texts, written
from uccn_data.reports.docx_parts import placeholder, table
from uccn_data.reports.monitoring_texts import mt
from uccn_data.reports.notes import missing, positive
from uccn_data.reports.texts import t

COMMUNICATION = "information_marketing"
# The framework areas whose comment fills a place in sections 4 and 5 (communication is 6).
LOCAL_COMMENT, INTERCITY_COMMENT = "competence_development", "strategic_development"


def _n(value: Any, lang: str) -> str:
    return texts.number(value, lang)


# --- the coordinators' comments -------------------------------------------------------------


def comment_lines(
    doc: Any, comment: Comment, lang: str, *, lead: str | None = None, style: str | None = None
) -> None:
    """A comment as one paragraph of plain text (runs, never parsed), after a bold `lead`;
    an English reader given the Swedish text is told so, highlighted, to translate it."""
    paragraph = doc.add_paragraph(style=style)
    if lead:
        paragraph.add_run(f"{lead}: ").bold = True
    paragraph.add_run(comment.text(lang))
    if not comment.translated(lang):
        note = paragraph.add_run(" " + mt("comment.only_sv", lang))
        note.italic = True
        note.font.highlight_color = WD_COLOR_INDEX.YELLOW


def narrative(doc: Any, conn: Connection, scope: str, period_id: str, what: str, lang: str) -> None:
    """A place for the officials' text: the coordinators' comment on `scope` for the whole
    period when there is one, else a highlighted placeholder saying what to write."""
    comment = comment_for(conn, scope, period_id)
    if comment is None:
        placeholder(doc, what, lang)
    else:
        comment_lines(doc, comment, lang)


# --- activities as tables -------------------------------------------------------------------


def _when(row: Any, lang: str) -> str:
    """The span as written; one not completed says its status: `2026 (planned)`."""
    when = written.when(row, lang)
    if str(row.status) == "completed":
        return when
    status = texts.label(ref.STATUSES, str(row.status), lang).lower()
    return mt("with_status", lang, when=when, status=status)


def places(row: Any, lang: str) -> str:
    """Where an activity took place: its municipalities, the county, abroad."""
    return ", ".join(written.place(p, lang) for p in written.items(row.municipality_all))


def _results(row: Any, lang: str) -> str:
    return written.text(row.results) or texts.not_reported(lang)


def activity_table(doc: Any, listed: pd.DataFrame, lang: str, *, lead: str, none: str) -> None:
    """Activities with when, theme, where, participants and who led them; `none` if empty."""
    if listed.empty:
        doc.add_paragraph(none)
        return
    doc.add_paragraph(lead)
    headers = ["col.activity", "col.when", "col.theme", "col.where", "col.participants", "col.lead"]
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                written.text(r.title),
                _when(r, lang),
                written.labels(ref.THEMES, written.items(r.theme_all), lang),
                places(r, lang),
                written.participants(r, lang),
                written.lead(r, lang),
            ]
            for r in listed.itertuples()
        ],
        (4, 2.2, 2.4, 2.2, 1.6, 2.4),
    )


# --- 4 --------------------------------------------------------------------------------------


def local(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    """Section 4: per framework activity its figures and its regional and national
    activities with their results, then the period's outcomes."""
    doc.add_heading(mt("h.local", lang), 1)
    doc.add_paragraph(mt("local.where_else", lang))
    for area, name in ref.FRAMEWORK_AREAS.items():
        scoped = replace(f, framework_area=area)
        s = kpis.activity_summary(conn, scoped).iloc[0]
        smes = kpis.sme_summary(conn, scoped).iloc[0]
        doc.add_heading(name(lang), 2)
        doc.add_paragraph(t(f"area.purpose.{area}", lang))
        doc.add_paragraph(
            mt(
                "local.figures",
                lang,
                n=_n(s["activities"], lang),
                done=_n(s["activities_completed"], lang),
                people=texts.total(
                    s["activity_participants"], s["activity_participants_approx"], lang
                ),
                smes=texts.total(smes["smes_reached"], smes["smes_counted_approx"], lang),
                share=texts.percent(s["sdg11_aligned_share"], lang),
            )
        )
        if positive(s["activities_in_several_areas"]):
            several = _n(s["activities_in_several_areas"], lang)
            doc.add_paragraph(mt("local.several", lang, n=several))
        _initiatives(doc, monitoring_data.local_initiatives(kpis.activity_list(conn, scoped)), lang)
        what = mt("local.what", lang, area=name(lang))
        if area == LOCAL_COMMENT:
            narrative(doc, conn, area, f.period, what, lang)
        else:
            placeholder(doc, what, lang)
    _outcomes(doc, conn, f, lang)


def _initiatives(doc: Any, listed: pd.DataFrame, lang: str) -> None:
    if listed.empty:
        doc.add_paragraph(mt("local.none", lang))
        return
    doc.add_paragraph(mt("local.listed", lang))
    headers = ["col.activity", "col.when", "col.level", "col.where", "col.participants",
               "col.lead", "col.results"]  # fmt: skip
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                written.text(r.title),
                _when(r, lang),
                texts.label(ref.LEVELS, str(r.level), lang),
                places(r, lang),
                written.participants(r, lang),
                written.lead(r, lang),
                _results(r, lang),
            ]
            for r in listed.itertuples()
        ],
        (3.2, 1.8, 1.4, 1.8, 1.4, 1.8, 4.2),
    )


def _outcomes(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    """(v2) Awards, agreements, publications, strategies and media, by kind (roles in the
    network are in section 3)."""
    doc.add_heading(mt("h.outcomes", lang), 2)
    found = kpis.outcomes_list(conn, f)
    found = found[found["kind"] != "network_role"]
    if found.empty:
        doc.add_paragraph(mt("outcomes.none", lang))
        return
    doc.add_paragraph(mt("outcomes.lead", lang))
    order = {k: i for i, k in enumerate(ref.OUTCOME_KINDS)}
    rows = sorted(found.itertuples(), key=lambda r: order.get(str(r.kind), len(order)))
    headers = ["col.kind", "col.outcome", "col.when", "col.partner"]
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                texts.label(ref.OUTCOME_KINDS, str(r.kind), lang),
                " ".join(p for p in (written.text(r.title), written.text(r.url)) if p),
                written.when(r, lang, "date", "end_date"),
                written.text(r.partner),
            ]
            for r in rows
        ],
        (2, 6, 2.2, 3),
    )


def _member(value: Any, lang: str) -> str:
    """A partner city's UCCN membership: yes, no (the file said so) or unknown."""
    if missing(value):
        return mt("unknown", lang)
    return mt("yes" if bool(value) else "no", lang)


# --- 5 --------------------------------------------------------------------------------------


def intercity(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    """Section 5: the exchanges and their partners (network meetings are in section 3), the
    activities with UCCN cities and the other international activities."""
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
            people=texts.total(s["exchange_participants"], s["exchange_participants_approx"], lang),
            smes=_n(s["exchange_smes_involved"], lang),
        )
    )
    if positive(s["exchanges_network"]) or positive(s["exchanges_other_partners"]):
        doc.add_paragraph(
            mt(
                "intercity.other_partners",
                lang,
                network=_n(positive(s["exchanges_network"]), lang),
                other=_n(positive(s["exchanges_other_partners"]), lang),
            )
        )
    cities = kpis.exchange_cities(conn, f)
    if cities.empty:
        doc.add_paragraph(mt("intercity.none", lang))
    else:
        doc.add_paragraph(mt("intercity.partners", lang))
        headers = ["col.city", "col.country", "col.uccn", "col.exchanges", "col.participants"]
        table(
            doc,
            [mt(h, lang) for h in headers],
            [
                [
                    written.text(r.partner_city),
                    written.text(r.partner_country),
                    _member(r.uccn_member, lang),
                    _n(r.exchanges, lang),
                    _n(r.participants, lang),
                ]
                for r in cities.itertuples()
            ],
            (3, 1.2, 1.5, 1.5, 1.6),
        )
    partners_table(doc, conn, f, lang, networks=False)
    listed = kpis.activity_list(conn, f)
    _with_uccn_cities(doc, monitoring_data.with_uccn_cities(listed), lang)
    _other_international(doc, monitoring_data.other_international(listed), lang)
    narrative(doc, conn, INTERCITY_COMMENT, f.period, mt("intercity.what", lang), lang)


def _with_uccn_cities(doc: Any, projects: pd.DataFrame, lang: str) -> None:
    """Every activity that names a UCCN city among its partners, in any framework activity."""
    if projects.empty:
        doc.add_paragraph(mt("intercity.no_projects", lang))
        return
    doc.add_paragraph(mt("intercity.projects", lang))
    headers = ["col.activity", "col.when", "col.areas", "col.uccn_cities", "col.status"]
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                written.text(r.title),
                written.when(r, lang),
                written.labels(ref.FRAMEWORK_AREAS, written.items(r.framework_area_all), lang),
                ", ".join(written.items(r.partner_uccn_cities)),
                texts.label(ref.STATUSES, str(r.status), lang),
            ]
            for r in projects.itertuples()
        ],
        (4.5, 2.2, 3, 2.5, 1.6),
    )


def _other_international(doc: Any, listed: pd.DataFrame, lang: str) -> None:
    """International activities held outside the county (or where is not known)."""
    if listed.empty:
        return
    doc.add_paragraph(mt("intercity.others", lang))
    headers = ["col.activity", "col.when", "col.where", "col.partners", "col.lead"]
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                written.text(r.title),
                _when(r, lang),
                places(r, lang) or texts.not_reported(lang),
                written.text(r.partners),
                written.lead(r, lang),
            ]
            for r in listed.itertuples()
        ],
        (4.5, 2.2, 2, 3, 2.2),
    )


def partners_table(doc: Any, conn: Connection, f: Filters, lang: str, *, networks: bool) -> None:
    """The networks met (section 3, with the cities and countries a meeting gathered, as
    reported: "about 120") or the regions and organisations (section 5) of the exchanges."""
    partners = kpis.exchange_partners(conn, f)
    is_network = partners["partner_type"] == "network"
    partners = partners[is_network if networks else ~is_network]
    if partners.empty:
        return
    doc.add_paragraph(mt("global.networks" if networks else "intercity.regions", lang))
    headers = ["col.partner", "col.partner_kind", "col.exchanges", "col.cities", "col.countries"]
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                written.text(r.partner),
                texts.label(ref.PARTNER_TYPES, str(r.partner_type), lang),
                _n(r.exchanges, lang),
                # How many cities and countries a meeting gathered: a network's figure.
                _count(r.cities_count, r.cities_count_approx, lang) if networks else "",
                _count(r.countries_count, r.countries_count_approx, lang) if networks else "",
            ]
            for r in partners.itertuples()
        ],
        (4, 2, 1.5, 1.8, 1.8),
    )


def _count(value: Any, approx: Any, lang: str) -> str:
    return texts.count(value, None if missing(approx) else str(approx), lang)
