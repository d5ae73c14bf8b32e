"""Om / About: what every key figure means, where the data comes from, the store's state, and
the accessibility statement a Swedish public body must publish (lagen (2018:1937)).

Only the store's part (`build`: the last import, the demo flag, the full-time setting, the
periods) depends on the store; the rest comes from the code and the reference files, and is
shown even before there is a store (`without_store`). The reference files' own notes name their
sources and dates: they are shown as plain text, never as markup (`source_notes`).
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Connection, Filters
from uccn_data.pages.model import Block, Expander, Heading, Page, Table, Text
from uccn_data.pages.words import t
from uccn_data.privacy import masked
from uccn_data.reports import texts
from uccn_data.store import period_from_row, sql
from uccn_data.tables import TABLES

# A placeholder until the organisation names the address that will answer; the statement
# says so in words, so nobody takes it for confirmed.
CONTACT = "uccn@ostersund.se"
# The day the statement was last reviewed: change it with every review.
STATEMENT_DATE = date(2026, 12, 3)


def bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def intro(lang: str) -> list[Block]:
    """The heading, the lead, every key figure explained, the data sources and the reference
    data: all from the code, shown before the reference files' notes."""
    return list(_intro(lang))


@cache  # the same for every run: built once per language (blocks are frozen)
def _intro(lang: str) -> tuple[Block, ...]:
    blocks: list[Block] = [
        Heading(t("about.heading", lang), 1),
        Text(t("about.lead", lang)),
        Heading(t("about.kpis_heading", lang)),
        Text(t("about.kpis_lead", lang)),
        Text(
            t(
                "about.status_explained",
                lang,
                on_track=texts.percent(kpis.ON_TRACK, lang),
                at_risk=texts.percent(kpis.AT_RISK, lang),
            )
        ),
        Text(t("about.unknown_explained", lang, unknown=texts.not_reported(lang))),
    ]
    for definition in KPI_DEFINITIONS.values():
        blocks.append(Text(f"**{definition.name(lang)}**  \n{definition.definition(lang)}"))
        meta = t(
            "about.kpi_meta",
            lang,
            code=definition.key,
            unit=t(f"about.unit_{definition.unit}", lang),
            over_years=t(f"about.over_years_{definition.over_years}", lang),
        )
        blocks.append(Text(meta, "caption"))
    sources = [
        t(
            "about.source_item",
            lang,
            name=table.label(lang),
            alias=table.alias,
            text=t(f"about.source_{table.name}", lang),
        )
        for table in TABLES.values()
    ]
    cities = pd.Series([c.creative_field for c in ref.uccn_cities()]).value_counts()
    fields = {f: t(f"about.field_{f}", lang) for f in ref.UCCN_CREATIVE_FIELDS}
    reference = [
        t("about.reference_municipalities", lang, count=len(ref.municipalities())),
        t("about.reference_sdg11", lang, count=len(ref.sdg11_targets())),
        t("about.reference_sdg_goals", lang, count=len(ref.sdg_goals())),
        t(
            "about.reference_uccn",
            lang,
            count=len(ref.uccn_cities()),
            fields=len(fields),
            by_field=", ".join(f"{name} {cities.get(f, 0)}" for f, name in fields.items()),
        ),
    ]
    return (
        *blocks,
        Heading(t("about.sources_heading", lang)),
        Text(t("about.sources_lead", lang, count=len(TABLES))),
        Text(bullets(sources)),
        Heading(t("about.reference_heading", lang), 3),
        Text(t("about.reference_lead", lang)),
        Text(bullets(reference)),
    )


def source_notes(lang: str) -> list[Block]:
    """The UCCN city list's and the SDG goals' sources as their files state them (plain text,
    never markup), and the goals themselves, each behind a "show more" line."""
    return list(_source_notes(lang))


@cache  # shared between runs: the goals' table must not be changed in place
def _source_notes(lang: str) -> tuple[Block, ...]:
    goals = pd.DataFrame(
        {
            t("about.col_goal", lang): [g.goal for g in ref.sdg_goals()],
            t("about.col_goal_name", lang): [
                g.en if lang == "en" else g.sv for g in ref.sdg_goals()
            ],
        }
    )
    return (
        Expander(t("about.uccn_source", lang), [Text(ref.uccn_source(), "plain")]),
        # The notes atop the goals' file (the reference module has no public reader for them).
        Expander(
            t("about.sdg_goals", lang),
            [Text(ref._comments("sdg_goals.csv"), "plain"), Table("about-sdg-goals", goals)],
        ),
    )


def without_store(lang: str) -> list[Block]:
    """The whole page before there is a store: all but the store's own facts."""
    return [*intro(lang), *source_notes(lang), *no_store(lang), *statement(lang)]


def no_store(lang: str) -> list[Block]:
    """The store's section before there is a store."""
    return [Heading(t("about.store_heading", lang)), Text(t("about.no_store", lang))]


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page, in `lang`, with the store's section: when the latest import still in
    force was made (in Swedish time), whether the data is the demo's, the full-time setting,
    and the agreement periods and reporting windows. The filters do not change it."""
    blocks: list[Block] = [*intro(lang), *source_notes(lang)]
    blocks.append(Heading(t("about.store_heading", lang)))
    imported = kpis.last_import_at(conn)
    if imported is None:
        blocks.append(Text(t("about.no_import", lang)))
    else:
        when = texts.stockholm_time(imported)
        blocks.append(Text(t("about.last_import", lang, when=when)))
    if kpis.is_demo(conn):
        blocks.append(Text(t("about.demo", lang)))
    full_time = texts.number(kpis.full_time_hours(conn), lang)
    blocks.append(Text(t("about.full_time", lang, hours=full_time)))
    blocks.append(Heading(t("about.periods_heading", lang), 3))
    blocks.append(Table("about-periods", periods(conn, lang)))
    return Page([*blocks, *statement(lang)])


def periods(conn: Connection, lang: str) -> pd.DataFrame:
    """Every agreement period and reporting window in the store, oldest first. A reporting
    window has no commitments: it says so, rather than "not reported"."""
    stored = [period_from_row(r) for r in conn.execute(sql("periods.sql")).fetchall()]
    none = t("about.no_commitment", lang)

    def kind(p: ref.AgreementPeriod) -> str:
        if p.kind == "reporting":
            return t("about.kind_reporting", lang)
        return t("about.kind_example" if p.is_example else "about.kind_agreement", lang)

    return pd.DataFrame(
        {
            t("about.col_period", lang): p.period_id,
            t("about.col_start", lang): texts.day(p.start, lang),
            t("about.col_end", lang): texts.day(p.end, lang),
            t("about.col_money", lang): none
            if p.ostersund_sek_per_year is None
            else texts.money(p.ostersund_sek_per_year, lang),
            t("about.col_staff", lang): none
            if p.staff_share is None
            else texts.percent(p.staff_share, lang),
            t("about.col_kind", lang): kind(p),
            # A note is the coordinator's free text, shown to every reader.
            t("about.col_note", lang): masked(p.note_en if lang == "en" else p.note_sv),
        }
        for p in stored
    )


def statement(lang: str) -> list[Block]:
    """The accessibility statement (lagen (2018:1937)), with its contact and the day it was
    last reviewed."""
    return list(_statement(lang))


@cache  # the same for every run: built once per language (blocks are frozen)
def _statement(lang: str) -> tuple[Block, ...]:
    return (
        Heading(t("about.a11y_heading", lang)),
        Text(t("about.a11y_intro", lang)),
        Heading(t("about.a11y_status_heading", lang), 3),
        Text(t("about.a11y_status", lang)),
        Heading(t("about.a11y_known_heading", lang), 3),
        Text(
            bullets(
                [
                    t("about.a11y_known_hover", lang),
                    t("about.a11y_known_untested", lang),
                    t("about.a11y_known_automated", lang),
                ]
            )
        ),
        Heading(t("about.a11y_done_heading", lang), 3),
        Text(t("about.a11y_done", lang)),
        Heading(t("about.a11y_report_heading", lang), 3),
        Text(t("about.a11y_report", lang, contact=CONTACT)),
        Text(t("about.a11y_contact_note", lang, contact=CONTACT)),
        Heading(t("about.a11y_enforcement_heading", lang), 3),
        Text(t("about.a11y_enforcement", lang)),
        Text(t("about.a11y_prepared", lang, date=texts.day(STATEMENT_DATE, lang)), "caption"),
    )
