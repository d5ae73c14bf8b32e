"""A draft of UNESCO's UCCN Membership Monitoring Report for one agreement period or (v2)
reporting window, as a .docx.

The draft follows the report's sections, fills in every figure and list the store can give,
and leaves highlighted places for the narrative only the officials can write. English is the
default because the report goes to UNESCO; Swedish is for preparing it at home. A reporting
window has no commitments, so the draft states none; unknown figures read "not reported".
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx import Document

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import docx_parts, monitoring_lists, notes, texts, written
from uccn_data.reports.content import has_data, reading_notes
from uccn_data.reports.docx_parts import LANGUAGE_TAGS, placeholder, table
from uccn_data.reports.monitoring_texts import mt
from uccn_data.reports.notes import known, positive

DESIGNATION_YEAR = 2010  # Östersund became a UNESCO City of Gastronomy in 2010


def build_monitoring_report(
    conn: Connection, period_id: str, lang: str = "en", *, as_of: date | None = None
) -> bytes:
    """The draft for `period_id`, an agreement period or a reporting window (raises
    kpis.UnknownPeriod for one the store lacks)."""
    lang = "sv" if lang == "sv" else "en"
    agreement = kpis.period(conn, period_id)
    f = Filters(period=period_id)
    doc = Document()
    doc.core_properties.title = mt("title", lang)
    doc.core_properties.language = LANGUAGE_TAGS[lang]
    docx_parts.language(doc, lang)
    doc.add_heading(mt("title", lang), 0)
    start, end = texts.day(agreement.start, lang), texts.day(agreement.end, lang)
    covered = "period" if agreement.has_commitments else "period_window"
    doc.add_paragraph(mt(covered, lang, start=start, end=end, period=period_id))
    doc.add_paragraph(mt("drafted", lang, date=texts.day(as_of or date.today(), lang)))
    doc.add_paragraph(mt("how_to", lang))
    if kpis.is_demo(conn):
        docx_parts.notice(doc, mt("demo", lang))
    if not has_data(conn):
        docx_parts.notice(doc, mt("no_data", lang))
    values = kpis.kpi_values(conn, f)
    _summary(doc, conn, f, agreement, values, lang, as_of)
    _general(doc, lang, f"{start} – {end}")
    _global(doc, conn, f, values, lang)
    monitoring_lists.local(doc, conn, f, lang)
    monitoring_lists.intercity(doc, conn, f, lang)
    _plan(doc, conn, agreement, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _n(value: Any, lang: str) -> str:
    return texts.number(value, lang)


def _summary(
    doc: Any,
    conn: Connection,
    f: Filters,
    agreement: ref.AgreementPeriod,
    v: dict[str, float | None],
    lang: str,
    as_of: date | None,
) -> None:
    doc.add_heading(mt("h.summary", lang), 1)
    placeholder(doc, mt("summary.what", lang), lang)
    money = kpis.money_summary(conn, f).iloc[0]
    activity = kpis.activity_summary(conn, f).iloc[0]
    smes = kpis.sme_summary(conn, f).iloc[0]
    doc.add_paragraph(mt("summary.figures", lang))
    people = texts.total(
        activity["activity_participants"], activity["activity_participants_approx"], lang
    )
    reached = texts.total(smes["smes_reached"], smes["smes_counted_approx"], lang)
    used = texts.money(v["ostersund_spending_sek"], lang)
    lines = [
        mt("fig.activities", lang, n=_n(v["activities"], lang), done=_n(v["activities_completed"], lang)),
        mt("fig.participants", lang, people=people, known=_n(activity["activities_with_participants"], lang), n=_n(v["activities"], lang)),
        mt("fig.smes", lang, n=reached, listed=_n(smes["smes_listed"], lang), share=texts.percent(v["smes_outside_ostersund_share"], lang))
        if positive(smes["smes_listed"])
        else mt("fig.smes_unknown", lang, n=reached),
        mt("fig.exchanges", lang, n=_n(v["exchanges"], lang), cities=_n(v["partner_cities"], lang), countries=_n(v["partner_countries"], lang)),
        mt("fig.money", lang, used=used, commitment=texts.money(money["commitment_sek"], lang))
        if agreement.has_commitments
        else mt("fig.money_window", lang, used=used),
        mt("fig.external", lang, external=texts.money(v["external_funding_sek"], lang), ratio=texts.ratio(v["leverage_ratio"], lang)),
    ]  # fmt: skip
    if known(money["budget_sek"]) is not None:
        lines.append(mt("fig.budget", lang, budget=texts.money(money["budget_sek"], lang)))
    lines.append(mt("fig.sdg11", lang, share=texts.percent(v["sdg11_aligned_share"], lang)))
    lines.append(_outcome_counts(conn, f, lang))
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")
    # Unknown is not zero: how complete the figures are, said beside them.
    doc.add_paragraph(mt("summary.reading", lang))
    staff = notes.staff_note(conn, f, lang, as_of)
    about = [*reading_notes(lang), *notes.money_notes(conn, f, lang, as_of)]
    for line in [*about, *([staff] if staff else [])]:
        doc.add_paragraph(line, style="List Bullet")


def _outcome_counts(conn: Connection, f: Filters, lang: str) -> str:
    by_kind = kpis.outcomes_by_kind(conn, f)
    found = [
        f"{texts.label(ref.OUTCOME_KINDS, str(r.kind), lang)}: {_n(r.outcomes, lang)}"
        for r in by_kind.itertuples()
        if r.outcomes
    ]
    if not found:
        return mt("fig.outcomes_none", lang)
    return mt("fig.outcomes", lang, n=_n(by_kind["outcomes"].sum(), lang), kinds="; ".join(found))


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
    found = table(doc, [mt("g.item", lang), mt("g.value", lang)], rows)
    for key, what in (("g.contact", "g.contact_what"), ("g.submitted", "g.submitted_what")):
        cells = found.add_row().cells
        cells[0].text = mt(key, lang)
        docx_parts.highlighted(cells[1], mt("placeholder", lang, what=mt(what, lang)))


def _global(doc: Any, conn: Connection, f: Filters, v: dict[str, float | None], lang: str) -> None:
    """The network: facts with their source, UCCN exchanges, network meetings, and (v2) the
    roles held in the network, from the outcomes of that kind."""
    doc.add_heading(mt("h.global", lang), 1)
    doc.add_paragraph(mt("global.facts", lang))
    cities = ref.uccn_cities()
    doc.add_paragraph(
        mt(
            "global.reference",
            lang,
            n=_n(len(cities), lang),
            gastronomy=_n(sum(1 for c in cities if c.subnetwork == "gastronomy"), lang),
            source=ref.uccn_source().splitlines()[0].removeprefix("source: "),
        )
    )
    s = kpis.exchange_summary(conn, f).iloc[0]
    share = known(s["uccn_exchange_share"])
    # The share is taken among city exchanges whose membership is known: this gives the count.
    with_cities = positive(s["exchanges"]) - positive(s["exchanges_network"])
    with_cities -= positive(s["exchanges_other_partners"])
    known_membership = with_cities - positive(s["exchanges_membership_unknown"])
    doc.add_paragraph(
        mt(
            "global.figures",
            lang,
            uccn=_n(round((share or 0) * known_membership), lang),
            known=_n(known_membership, lang),
            share=texts.percent(share, lang),
            unknown=_n(positive(s["exchanges_membership_unknown"]), lang),
            council=_n(v["unesco_council_followups"], lang),
            team=_n(v["team_sweden_activities"], lang),
        )
    )
    monitoring_lists.other_partners(doc, conn, f, lang)
    roles = kpis.outcomes_list(conn, f)
    roles = roles[roles["kind"] == "network_role"]
    if roles.empty:
        doc.add_paragraph(mt("global.no_roles", lang))
    else:
        doc.add_paragraph(mt("global.roles", lang))
        for r in roles.itertuples():
            doc.add_paragraph(written.outcome_line(r, lang, with_url=True), style="List Bullet")
    placeholder(doc, mt("global.what", lang), lang)


def _plan(doc: Any, conn: Connection, agreement: ref.AgreementPeriod, lang: str) -> None:
    doc.add_heading(mt("h.plan", lang), 1)
    # The next agreement period, with commitments: a reporting window is not a plan.
    later = [
        p for p in written.stored_periods(conn) if p.start > agreement.end and p.has_commitments
    ]
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
        placeholder(doc, mt(what, lang), lang)
