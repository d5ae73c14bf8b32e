"""Sections 4 and 5 of the UNESCO draft, the lists: each framework activity with its completed
activities, the outcomes of the period by kind, and the inter-city cooperation: partner cities,
networks and other partners, and (v2) every activity with UCCN partner cities, whatever its
framework activity.

Dates are shown as they were written ("May 2018"), counts as reported ("about 250"), and an
activity is listed under every framework activity it names.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import texts, written
from uccn_data.reports.docx_parts import placeholder, table
from uccn_data.reports.monitoring_texts import mt
from uccn_data.reports.notes import missing, positive
from uccn_data.reports.texts import t


def _n(value: Any, lang: str) -> str:
    return texts.number(value, lang)


def local(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    doc.add_heading(mt("h.local", lang), 1)
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
        listed = kpis.activity_list(conn, scoped)
        done = listed[listed["status"] == "completed"]
        if done.empty:
            doc.add_paragraph(mt("local.none", lang))
        else:
            doc.add_paragraph(mt("local.completed", lang))
            headers = [
                "col.activity",
                "col.when",
                "col.theme",
                "col.where",
                "col.participants",
                "col.lead",
            ]
            table(
                doc,
                [mt(h, lang) for h in headers],
                [
                    [
                        written.text(r.title),
                        written.when(r, lang),
                        written.labels(ref.THEMES, written.items(r.theme_all), lang),
                        ", ".join(written.place(p, lang) for p in written.items(r.municipality_all)),
                        written.participants(r, lang),
                        written.lead(r, lang),
                    ]
                    for r in done.itertuples()
                ],
                (4, 2.2, 2.4, 2.2, 1.6, 2.4),
            )  # fmt: skip
        placeholder(doc, mt("local.what", lang, area=name(lang)), lang)
    _outcomes(doc, conn, f, lang)


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


def intercity(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
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
    _with_uccn_cities(doc, conn, f, lang)
    placeholder(doc, mt("intercity.what", lang), lang)


def _with_uccn_cities(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    """Every activity that names a UCCN city among its partners, in any framework activity."""
    listed = kpis.activity_list(conn, f)
    projects = [
        r
        for r in listed.itertuples()
        if r.status != "cancelled" and written.items(r.partner_uccn_cities)
    ]
    if not projects:
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
            for r in projects
        ],
        (4.5, 2.2, 3, 2.5, 1.6),
    )


def other_partners(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    """Networks (a UCCN annual meeting), regions and organisations met in exchanges, with the
    cities and countries a network meeting brought together, as reported ("about 120")."""
    partners = kpis.exchange_partners(conn, f)
    if partners.empty:
        return
    doc.add_paragraph(mt("global.networks", lang))
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
                _count(r.cities_count, r.cities_count_approx, lang) if network else "",
                _count(r.countries_count, r.countries_count_approx, lang) if network else "",
            ]
            for r in partners.itertuples()
            for network in [str(r.partner_type) == "network"]
        ],
        (4, 2, 1.5, 1.8, 1.8),
    )


def _count(value: Any, approx: Any, lang: str) -> str:
    return texts.count(value, None if missing(approx) else str(approx), lang)
