"""Datakvalitet / Data completeness: how much of the record is there for the chosen period or
year, so a meeting knows what its figures rest on.

It lists the ended months without staff time, per party; the months with money spent; the
last import of each table; activities without participants, SMEs or an SDG 11 link;
exchanges without participants; and partner cities whose UCCN membership is unknown. The
titles come from the coordinators' files and are shown in plain-text tables only.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from uccn_data import deadlines, kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import common, overview, words
from uccn_data.pages.model import (
    Block,
    Card,
    Cards,
    Download,
    Heading,
    Metric,
    Page,
    Table,
    Text,
)
from uccn_data.pages.words import t
from uccn_data.reports import texts
from uccn_data.store import deadlines_on
from uccn_data.tables import TABLES

GAPS = ("no_participants", "no_smes", "no_sdg", "exchange_no_participants")


def intro(f: Filters, lang: str) -> list[Block]:
    """The heading and the lead: all a page shows before there is a store."""
    return [
        Heading(t("completeness.heading", lang), 1),
        Text(t("completeness.lead", lang, scope=overview.scope(f, lang))),
    ]


def build(conn: Connection, f: Filters, lang: str, today: date | None = None) -> Page:
    """The whole page for the filters, in `lang`; `today` (default: today) decides which
    months have ended."""
    blocks = intro(f, lang)
    blocks.append(common.finality(conn, f, lang))
    months = kpis.months_in_scope(conn, f, today)
    missing = kpis.staff_months_missing(conn, f, today)
    spent = kpis.spending_months(conn, f)
    gaps = kpis.completeness_gaps(conn, f)
    blocks.append(common.how_current(conn, f, lang, today, "write"))

    cards = [
        Card(
            [
                Metric(
                    t("completeness.staff_months", lang, party=ref.ORGANISATIONS[org](lang)),
                    t("completeness.of", lang, n=len(months) - len(gone), total=len(months)),
                )
            ]
        )
        for org, gone in missing.items()
    ]
    cards.append(
        Card(
            [
                Metric(
                    t("completeness.spending_months", lang),
                    t("completeness.of", lang, n=len([m for m in spent if m in months]),
                      total=len(months)),
                )
            ]
        )
    )  # fmt: skip
    for gap in GAPS:
        cards.append(
            Card(
                [
                    Metric(
                        t(f"completeness.gap_{gap}", lang),
                        texts.number(int((gaps["gap"] == gap).sum()), lang),
                    )
                ]
            )
        )
    blocks.append(Cards(cards, per_row=3))

    blocks += calendar(conn, lang, today)
    blocks.append(Heading(t("completeness.staff_heading", lang)))
    blocks.append(Table("completeness-staff", staff_table(missing, lang)))
    blocks.append(Heading(t("completeness.spending_heading", lang)))
    without = [m for m in months if m not in set(spent)]
    blocks.append(
        Text(
            t("completeness.spending_none_missing", lang)
            if not without
            else t(
                "completeness.spending_missing",
                lang,
                months=", ".join(common.month(m, lang) for m in without),
            )
        )
    )
    blocks.append(Heading(t("completeness.imports_heading", lang)))
    blocks.append(Table("completeness-imports", imports_table(conn, lang)))
    blocks.append(Heading(t("completeness.gaps_heading", lang)))
    if gaps.empty:
        blocks.append(Text(t("completeness.gaps_none", lang)))
    else:
        blocks.append(Table("completeness-gaps", gaps_table(gaps, lang)))
    blocks.append(Heading(t("completeness.cities_heading", lang)))
    cities = kpis.exchange_cities(conn, f)
    unknown = cities[cities["uccn_member"].isna()]
    if unknown.empty:
        blocks.append(Text(t("completeness.cities_none", lang)))
    else:
        blocks.append(
            Table(
                "completeness-cities",
                pd.DataFrame(
                    {
                        t("completeness.city", lang): unknown["partner_city"].tolist(),
                        t("completeness.country", lang): unknown["partner_country"].tolist(),
                    }
                ),
            )
        )
    return Page(blocks)


def staff_table(missing: dict[str, list[date]], lang: str) -> pd.DataFrame:
    """Per party, the ended months without staff time (or that none is missing)."""
    return pd.DataFrame(
        {
            t("completeness.party", lang): [ref.ORGANISATIONS[o](lang) for o in missing],
            t("completeness.months_missing", lang): [
                ", ".join(common.month(m, lang) for m in gone)
                or t("completeness.none_missing", lang)
                for gone in missing.values()
            ],
        }
    )


def imports_table(conn: Connection, lang: str) -> pd.DataFrame:
    """Each table: its rows and its last import still in force (Swedish time), or never."""
    found = {r["table_name"]: r for r in kpis.table_rows(conn).to_dict("records")}
    names = [n for n in TABLES if n in found]
    last = [found[n]["last_import_at"] for n in names]
    return pd.DataFrame(
        {
            t("completeness.table", lang): [TABLES[n].label(lang) for n in names],
            t("completeness.rows", lang): [
                texts.number(int(found[n]["row_count"]), lang) for n in names
            ],
            t("completeness.last_import", lang): [
                t("completeness.never", lang)
                if at is None or at != at
                else texts.stockholm_time(at)
                for at in last
            ],
        }
    )


def gaps_table(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each gap as a reader fixes it: what is missing, the id and title, and the date."""
    return pd.DataFrame(
        {
            t("completeness.missing", lang): [
                t(f"completeness.gap_{g}", lang) for g in gaps["gap"]
            ],
            "ID": gaps["id"].tolist(),
            t("completeness.title", lang): gaps["title"].fillna("").tolist(),
            t("completeness.date", lang): [
                texts.day(pd.Timestamp(d).date(), lang) for d in gaps["date"]
            ],
        }
    )


def calendar(conn: Connection, lang: str, today: date | None = None) -> list[Block]:
    """The reporting calendar: what is due next and what is still missing for it, every
    deadline, and the calendar as an .ics file."""
    found = deadlines_on(conn)
    blocks: list[Block] = [Heading(t("calendar.heading", lang))]
    if not found:
        return [*blocks, Text(t("calendar.none", lang))]
    coming = deadlines.next_due(conn, today)
    if coming is None:
        blocks.append(Text(t("calendar.no_next", lang)))
    else:
        blocks.append(
            Text(
                t(
                    "calendar.next",
                    lang,
                    title=words.markdown(coming.title(lang)),
                    due=texts.day(coming.due, lang),
                    year=coming.year,
                ),
                "info",
            )
        )
        missing = deadlines.still_missing(conn, coming, lang, today)
        if missing:
            blocks.append(Text(t("calendar.next_missing", lang)))
            blocks.append(Text("\n".join(f"- {m}" for m in missing)))
        else:
            blocks.append(Text(t("calendar.next_complete", lang), "success"))
    blocks.append(
        Table(
            "completeness-calendar",
            pd.DataFrame(
                {
                    t("calendar.due", lang): [texts.day(d.due, lang) for d in found],
                    t("calendar.title", lang): [d.title(lang) for d in found],
                    t("calendar.year", lang): [str(d.year) for d in found],
                }
            ),
        )
    )
    blocks.append(
        Download(
            "completeness-ics",
            t("calendar.download", lang),
            deadlines.ics(found, lang),
            "uccn-rapportkalender.ics",
            "text/calendar",
        )
    )
    return blocks
