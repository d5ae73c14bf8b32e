"""Företag / SMEs and regional reach: how many companies the work reaches, and where.

Reached is the companies listed by name plus those activities only count ("över 20 gårdar"):
unknown when there are neither, "ca" when a count is an estimate (DATA_CONTRACT v2). The
breakdowns (year, municipality, sector, size) know only the companies listed by name, and
say so. Organisation numbers arrive masked from `kpis`: a sole trader's is personal data.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import common, words
from uccn_data.pages.model import (
    Block,
    Card,
    Cards,
    Chart,
    Columns,
    Heading,
    Metric,
    Page,
    Table,
    Text,
)
from uccn_data.pages.words import t
from uccn_data.privacy import mask_frame
from uccn_data.reports import texts

CARDS = ("smes_reached", "smes_outside_ostersund_share", "smes_repeat")
# The two charts the view sets side by side (layout only: they are built with the rest).


def intro(f: Filters, lang: str) -> list[Block]:
    """The heading, the lead and what the municipality filter means here: all a page shows
    before there is a store."""
    blocks: list[Block] = [Heading(t("smes.heading", lang), 1), Text(t("smes.lead", lang))]
    if f.municipality:
        # Elsewhere the filter is where an activity took place; here it is the company's home.
        name = words.markdown(ref.MUNICIPALITY_CODES[f.municipality])
        blocks.append(Text(t("smes.municipality_note", lang, name=name), "caption"))
    return blocks


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page for the filters, in `lang`."""
    blocks = intro(f, lang)
    blocks.append(common.finality(conn, f, lang))
    summary = kpis.sme_summary(conn, f).iloc[0]
    reached, listed = summary["smes_reached"], int(summary["smes_listed"])
    cards = [card(key, summary, lang) for key in CARDS]
    if pd.isna(reached) or not reached:
        blocks += common.cards_with_commentary(conn, f, Cards(cards, per_row=3), CARDS, lang)
        return Page([*blocks, Text(t("smes.empty", lang), "info")])
    has_counts = pd.notna(summary["smes_counted"])
    number = texts.number(listed, lang)
    if has_counts:
        counted = texts.total(summary["smes_counted"], summary["smes_counted_approx"], lang)
        split = t("smes.split", lang, listed=number, counted=counted)
    else:
        split = t("smes.split_listed", lang, listed=number)
    cards[0] = Card(cards[0].metrics, captions=[split])  # under the card it splits
    blocks += common.cards_with_commentary(conn, f, Cards(cards, per_row=3), CARDS, lang)
    if not listed:
        return Page([*blocks, Text(t("smes.none_listed", lang), "info")])
    if has_counts:
        # The breakdowns know only the companies listed by name: a count has no home or sector.
        blocks.append(Text(t("smes.listed_only", lang, listed=number), "caption"))

    # Distinct companies per year: one company in three years counts in each of them.
    by_year = kpis.smes_by(conn, f, "year").sort_values("category")
    if len(by_year) == 1:
        count, year = int(by_year["smes"].iloc[0]), by_year["category"].iloc[0]
        title = t("smes.year_title_one", lang, count=count, year=year)
    else:
        title = _lead("smes.year_title", by_year, lang)
    blocks.append(_bar("smes-year", by_year, "smes.col_year", title, "smes.year_alt", lang))
    blocks += _map(conn, f, summary, lang)

    by_sector = kpis.smes_by(conn, f, "sector")
    by_sector = by_sector.assign(
        category=[words.label(ref.SECTORS, s, lang) for s in by_sector["category"]]
    )
    title = _lead("smes.sector_title", by_sector, lang, total=listed)
    sector = _bar("smes-sector", by_sector, "smes.col_sector", title, "smes.sector_alt", lang)

    order = list(ref.SIZE_CLASSES)  # micro, small, medium: smallest first, not most first
    by_size = kpis.smes_by(conn, f, "size_class")
    by_size = by_size.sort_values("category", key=lambda s: s.map(order.index))
    by_size = by_size.assign(
        category=[words.label(ref.SIZE_CLASSES, s, lang) for s in by_size["category"]]
    )
    title = _lead("smes.size_title", by_size, lang, total=listed)
    size = _bar("smes-size", by_size, "smes.col_size", title, "smes.size_alt", lang)
    blocks.append(Columns([[sector], [size]]))
    blocks += _repeat(conn, f, lang)
    return Page(blocks)


def card(key: str, summary: Any, lang: str) -> Card:
    """A key figure with its definition; reached says "ca" when it includes an estimate."""
    definition = KPI_DEFINITIONS[key]
    if key == "smes_reached":
        value = texts.total(summary[key], summary["smes_counted_approx"], lang)
    else:
        value = texts.figure(key, summary[key], lang)
    return Card([Metric(definition.name(lang), value, help=definition.definition(lang))])


def place(code: str, lang: str) -> str:
    """A municipality code as a name; outside the county and unknown in words."""
    if code == ref.OTHER_MUNICIPALITY:
        return t("municipality.other", lang)
    return ref.MUNICIPALITY_CODES.get(code) or t("municipality.unknown", lang)


def _listing(frame: pd.DataFrame, lang: str) -> str:
    """`Livsmedel 22, Konsthantverk 9`: the numbers of a chart for its text alternative."""
    pairs = zip(frame["category"], frame["smes"], strict=True)
    return ", ".join(f"{c} {texts.number(n, lang)}" for c, n in pairs)


def _lead(key: str, frame: pd.DataFrame, lang: str, **params: object) -> str:
    """A title naming the breakdown's leader(s) by number of companies (a tie says so)."""
    and_word = t("smes.and", lang)
    return words.finding(key, lang, frame, "category", "smes", and_word=and_word, **params)


def _bar(key: str, frame: pd.DataFrame, header: str, title: str, alt: str, lang: str) -> Chart:
    """Companies per category as bars; long category lists read better as rows."""
    count, heading = t("smes.col_smes", lang), t(header, lang)
    return Chart(
        key=key,
        title=title,
        kind="bar",
        data=frame,
        options={
            "category": "category",
            "value": "smes",
            "horizontal": len(frame) > 4,
            "value_title": count,
            "category_title": heading,
        },
        alt=t(alt, lang, values=_listing(frame, lang)),
        table=frame.rename(columns={"category": heading, "smes": count}),
    )


def _map(conn: Connection, f: Filters, summary: Any, lang: str) -> list[Block]:
    """The county's municipalities shaded by companies, titled by the share outside
    Östersund; companies from outside the county or of no known municipality named below."""
    by_place = kpis.smes_by_municipality(conn, f)
    names = [place(c, lang) for c in by_place["municipality"]]
    on_map = by_place["municipality"].isin(list(ref.MUNICIPALITY_CODES)).to_numpy()
    shown = pd.DataFrame({"category": names, "smes": by_place["smes"]})
    share = texts.figure(
        "smes_outside_ostersund_share", summary["smes_outside_ostersund_share"], lang
    )
    outside = int(summary["smes_outside_ostersund"])
    # The share is of the companies whose municipality is known: an unknown one is neither.
    known = int(by_place.loc[by_place["municipality"] != "", "smes"].sum())
    blocks: list[Block] = [
        Chart(
            key="smes-map",
            title=t("smes.map_title", lang, share=share, outside=outside, total=known),
            kind="municipality_map",
            data=by_place.assign(
                name=names, text=[texts.number(n, lang) for n in by_place["smes"]]
            ),
            options={
                "code": "municipality",
                "name": "name",
                "value": "smes",
                "value_text": "text",
            },
            alt=t("smes.map_alt", lang, values=_listing(shown, lang)),
            table=shown.rename(
                columns={
                    "category": t("smes.col_municipality", lang),
                    "smes": t("smes.col_smes", lang),
                }
            ),
        )
    ]
    if not on_map.all():
        # Companies from outside the county, or with no municipality given, have no place on it.
        off = _listing(shown[~on_map], lang)
        blocks.append(Text(t("smes.off_map", lang, places=off), "caption"))
    return blocks


def _repeat(conn: Connection, f: Filters, lang: str) -> list[Block]:
    """The companies in more than one activity, with their numbers masked."""
    # A sole trader's company name often holds the owner's personal identity number too.
    repeat = mask_frame(kpis.smes_reached_more_than_once(conn, f))
    count = len(repeat)
    key = "smes.repeat_title_one" if count == 1 else "smes.repeat_title"
    blocks: list[Block] = [Heading(t(key, lang, count=count), 3)]
    if repeat.empty:
        return [*blocks, Text(t("smes.repeat_none", lang), "info")]
    table = pd.DataFrame(
        {
            t("smes.col_company", lang): repeat["company_name"],
            t("smes.col_org_number", lang): repeat["org_number"],
            t("smes.col_municipality", lang): [place(c, lang) for c in repeat["municipality"]],
            t("smes.col_activities", lang): repeat["activities"],
        }
    )
    return [
        *blocks,
        Table("smes-repeat-table", table),
        Text(t("smes.repeat_privacy", lang), "caption"),
    ]
