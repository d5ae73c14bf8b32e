"""A draft of UNESCO's UCCN Membership Monitoring Report for one agreement period or (v2)
reporting window, as a .docx.

The draft follows the report's sections, fills in every figure and list the store can give,
and leaves highlighted places for the narrative only the officials can write; where the
coordinators have commented the period (kommentarer), their comment fills that place as plain
text. Facts about the city come from the UCCN reference list (with its source) and from the
settings an admin edits (uccn_data.unesco_details), never from sentences in code. English is
the default because the report goes to UNESCO; Swedish is for preparing it at home. A reporting
window has no commitments, so the draft states none; unknown figures read "not reported".
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd
from docx import Document

from uccn_data import kpis, unesco_details
from uccn_data import reference as ref
from uccn_data.commentary import SDG11_SCOPE, comments_on
from uccn_data.countries import country_name
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import words
from uccn_data.reports import docx_parts, monitoring_data, monitoring_lists, notes, texts, written
from uccn_data.reports.content import has_data, reading_notes
from uccn_data.reports.docx_parts import LANGUAGE_TAGS, placeholder, table
from uccn_data.reports.monitoring_lists import comment_lines, narrative
from uccn_data.reports.monitoring_texts import mt
from uccn_data.reports.notes import known, positive
from uccn_data.tables import COMMENTS


def build_monitoring_report(
    conn: Connection, period_id: str, lang: str = "en", *, as_of: date | None = None
) -> bytes:
    """The draft for `period_id`, an agreement period or a reporting window (raises
    kpis.UnknownPeriod for one the store lacks)."""
    lang = "sv" if lang == "sv" else "en"
    agreement = kpis.period(conn, period_id)
    f = Filters(period=period_id)
    designation = unesco_details.designation()
    title = mt("title", lang, city=_city(designation, lang))
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = LANGUAGE_TAGS[lang]
    docx_parts.language(doc, lang)
    doc.add_heading(title, 0)
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
    _general(doc, conn, designation, lang, f"{start} – {end}")
    _global(doc, conn, f, values, lang)
    monitoring_lists.local(doc, conn, f, lang)
    monitoring_lists.intercity(doc, conn, f, lang)
    _plan(doc, conn, agreement, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _field(designation: ref.UccnCity, lang: str) -> str:
    """The creative field in words, as the About page names it (`gastronomy`)."""
    return words.t(f"about.field_{designation.creative_field}", lang)


def _city(designation: ref.UccnCity | None, lang: str) -> str:
    """`Östersund (gastronomy)` when the reference list holds the city, else its name."""
    if designation is None:
        return unesco_details.HOME_CITY
    return mt("city_field", lang, city=designation.city, field=_field(designation, lang))


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
    narrative(doc, conn, "overall", f.period, mt("summary.what", lang), lang)
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
    _figure_comments(doc, conn, f.period, lang)


def _figure_comments(doc: Any, conn: Connection, period_id: str, lang: str) -> None:
    """The coordinators' comments on key figures and on SDG 11 for the whole period, in the
    order the key figures are defined; nothing when there are none."""
    scopes = COMMENTS.column("scope").choices or {}
    names = {key: scopes[key](lang) for key in [*KPI_DEFINITIONS, SDG11_SCOPE] if key in scopes}
    order = list(names)
    found = sorted(
        (c for c in comments_on(conn, period_id) if c.scope in names),
        key=lambda c: order.index(c.scope),
    )
    if found:
        doc.add_paragraph(mt("summary.comments", lang))
    for comment in found:
        comment_lines(doc, comment, lang, lead=names[comment.scope], style="List Bullet")


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


def _general(
    doc: Any, conn: Connection, designation: ref.UccnCity | None, lang: str, period: str
) -> None:
    """The city, its country, creative field and designation from the UCCN reference list
    (its source named below the table), and the admin-edited facts (unesco_details), each
    one not set left as a highlighted place."""
    doc.add_heading(mt("h.general", lang), 1)
    details = unesco_details.read_on(conn)
    found = table(doc, [mt("g.item", lang), mt("g.value", lang)], [])
    rows: list[tuple[str, str | None, str]] = [
        (mt("g.city", lang), designation.city if designation else unesco_details.HOME_CITY, ""),
        (
            mt("g.country", lang),
            country_name(designation.country, lang) if designation else None,
            mt("g.from_unesco", lang, what=mt("g.country", lang)),
        ),
        (
            mt("g.field", lang),
            _field(designation, lang).capitalize() if designation else None,
            mt("g.from_unesco", lang, what=mt("g.field", lang)),
        ),
    ]
    for field in unesco_details.FIELDS:
        value = details.value(field.name)
        if field.name == "designation_date" and value is None and designation is not None:
            value = str(designation.year_designated)
        what = mt("g.detail_what", lang, hint=field.hint(lang))
        rows.append((field.label(lang), value, what))
        if field.name == "designation_date":
            rows.append((mt("g.period", lang), period, ""))
    rows.append((mt("g.submitted", lang), None, mt("g.submitted_what", lang)))
    for item, value, what in rows:
        cells = found.add_row().cells
        cells[0].text = item
        if value is None:
            docx_parts.highlighted(cells[1], mt("placeholder", lang, what=what))
        else:
            cells[1].text = value  # an admin's text, set as text: never read as markup
    if designation is not None:
        source = unesco_details.designation_source()
        doc.add_paragraph(mt("g.source_list", lang, source=source))
    if details.designation_date is not None:
        doc.add_paragraph(mt("g.source_setting", lang))


def _global(doc: Any, conn: Connection, f: Filters, v: dict[str, float | None], lang: str) -> None:
    """The network: the UCCN list's counts with its source, the UCCN exchanges, (v2) the roles
    held (outcomes of the kind network_role), each network meeting (attended, hosted or
    online) and the networks met, and the international events hosted in the county."""
    doc.add_heading(mt("h.global", lang), 1)
    cities = ref.uccn_cities()
    doc.add_paragraph(
        mt(
            "global.reference",
            lang,
            n=_n(len(cities), lang),
            gastronomy=_n(sum(1 for c in cities if c.subnetwork == "gastronomy"), lang),
            source=unesco_details.designation_source(),
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
    roles = kpis.outcomes_list(conn, f)
    roles = roles[roles["kind"] == "network_role"]
    if roles.empty:
        doc.add_paragraph(mt("global.no_roles", lang))
    else:
        doc.add_paragraph(mt("global.roles", lang))
        for r in roles.itertuples():
            doc.add_paragraph(written.outcome_line(r, lang, with_url=True), style="List Bullet")
    _meetings(doc, conn, f, lang)
    monitoring_lists.partners_table(doc, conn, f, lang, networks=True)
    monitoring_lists.activity_table(
        doc,
        monitoring_data.hosted_events(kpis.activity_list(conn, f)),
        lang,
        lead=mt("global.hosted", lang),
        none=mt("global.no_hosted", lang),
    )
    placeholder(doc, mt("global.what", lang), lang)


def _meetings(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    """Each network meeting (an exchange with a network) as a line: when, attended, hosted
    or online, and how many took part, as reported."""
    listed = kpis.exchange_list(conn, f)
    meetings = listed[listed["partner_type"] == "network"]
    if meetings.empty:
        doc.add_paragraph(mt("global.no_meetings", lang))
        return
    doc.add_paragraph(mt("global.meetings", lang))
    for r in meetings.itertuples():
        line = mt(
            "global.meeting",
            lang,
            name=written.text(r.partners),
            when=written.when(r, lang, "date", "end_date"),
            how=mt(f"meeting.{r.direction}", lang),
            people=written.participants(r, lang),
        )
        doc.add_paragraph(line, style="List Bullet")


# --- 6 --------------------------------------------------------------------------------------


def _plan(doc: Any, conn: Connection, chosen: ref.AgreementPeriod, lang: str) -> None:
    """Section 6: the following period (the next stored one), its planned activities, local
    and with other cities, its budgets and its planned communication, each with its place
    for the officials' text (the communication's filled by the information and marketing
    comment when there is one)."""
    doc.add_heading(mt("h.plan", lang), 1)
    following = monitoring_data.following_period(conn, chosen)
    listed = pd.DataFrame()
    if following is None:
        doc.add_paragraph(mt("plan.none", lang))
    else:
        _following(doc, following, lang)
        f = Filters(period=following.period_id)
        listed = kpis.activity_list(conn, f)
        registered = _n(kpis.activity_summary(conn, f)["activities"].iloc[0], lang)
        doc.add_paragraph(mt("plan.registered", lang, n=registered))
    doc.add_heading(mt("h.plan_local", lang), 2)
    if following is not None:
        _planned(doc, monitoring_data.planned_local(listed), lang, intercity=False)
    placeholder(doc, mt("plan.local", lang), lang)
    doc.add_heading(mt("h.plan_intercity", lang), 2)
    if following is not None:
        _planned(doc, monitoring_data.planned_intercity(listed), lang, intercity=True)
    placeholder(doc, mt("plan.intercity", lang), lang)
    doc.add_heading(mt("h.plan_budget", lang), 2)
    if following is not None:
        _budgets(doc, conn, Filters(period=following.period_id), lang)
    placeholder(doc, mt("plan.budget", lang), lang)
    doc.add_heading(mt("h.plan_communication", lang), 2)
    if following is not None:
        area = ref.FRAMEWORK_AREAS[monitoring_lists.COMMUNICATION](lang).lower()
        found = monitoring_data.planned_communication(listed)
        doc.add_paragraph(
            mt("plan.communication", lang, area=area) if len(found) else mt("plan.no_planned", lang)
        )
        for r in found.itertuples():
            line = f"{written.text(r.title)} ({written.when(r, lang)})"
            doc.add_paragraph(line, style="List Bullet")
    narrative(
        doc,
        conn,
        monitoring_lists.COMMUNICATION,
        chosen.period_id,
        mt("plan.communication_what", lang),
        lang,
    )


def _following(doc: Any, following: ref.AgreementPeriod, lang: str) -> None:
    start, end = texts.day(following.start, lang), texts.day(following.end, lang)
    if following.has_commitments:
        doc.add_paragraph(
            mt(
                "plan.next",
                lang,
                period=following.period_id,
                start=start,
                end=end,
                money=texts.money(following.ostersund_sek_per_year, lang),
                share=texts.percent(following.staff_share, lang),
            )
        )
    else:
        doc.add_paragraph(
            mt("plan.next_window", lang, period=following.period_id, start=start, end=end)
        )
    if following.is_example:
        doc.add_paragraph(mt("plan.example", lang))


def _planned(doc: Any, listed: pd.DataFrame, lang: str, *, intercity: bool) -> None:
    if listed.empty:
        doc.add_paragraph(mt("plan.no_planned", lang))
        return
    doc.add_paragraph(mt("plan.planned_intercity" if intercity else "plan.planned_local", lang))
    last = "col.uccn_cities" if intercity else "col.where"
    headers = ["col.activity", "col.when", "col.areas", "col.level", last, "col.lead"]
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                written.text(r.title),
                written.when(r, lang),
                written.labels(ref.FRAMEWORK_AREAS, written.items(r.framework_area_all), lang),
                texts.label(ref.LEVELS, str(r.level), lang),
                ", ".join(written.items(r.partner_uccn_cities))
                if intercity
                else monitoring_lists.places(r, lang),
                written.lead(r, lang),
            ]
            for r in listed.itertuples()
        ],
        (4, 2, 2.6, 1.6, 2.2, 2.2),
    )


def _budgets(doc: Any, conn: Connection, f: Filters, lang: str) -> None:
    """The period's budget items and their total, as money_summary gives it (never added to
    money spent); an unknown amount is said, never counted as 0."""
    items = kpis.budget_list(conn, f)
    if items.empty:
        doc.add_paragraph(mt("plan.no_budget", lang))
        return
    total = kpis.money_summary(conn, f)["budget_sek"].iloc[0]
    unknown = int(items["amount_sek"].isna().sum())
    doc.add_paragraph(
        mt(
            "plan.budget_total",
            lang,
            budget=texts.money(total, lang),
            n=_n(len(items), lang),
            unknown=_n(unknown, lang),
        )
    )
    headers = ["col.category", "col.funder", "col.when", "col.amount", "col.activity"]
    table(
        doc,
        [mt(h, lang) for h in headers],
        [
            [
                texts.label(ref.SPENDING_CATEGORIES, str(r.category), lang),
                written.text(r.funder_name) or texts.label(ref.FUNDERS, str(r.funder), lang),
                written.when(r, lang, "date", "end_date"),
                _amount(r, lang),
                written.text(r.activity_title),
            ]
            for r in items.itertuples()
        ],
        (2, 3, 2.6, 2.6, 4),
    )


def _amount(row: Any, lang: str) -> str:
    """The part of a budget in the period, and the whole when the span reaches beyond it."""
    amount = texts.money(row.amount_sek, lang)
    if bool(row.partial) and known(row.whole_amount_sek) is not None:
        return mt(
            "plan.partial", lang, amount=amount, whole=texts.money(row.whole_amount_sek, lang)
        )
    return amount
