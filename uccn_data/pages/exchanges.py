"""Utbyten / International exchanges: with whom, where, which way, and how many took part.

Partner cities are counted one by one (a meeting with three cities counts for each), and a
city's UCCN membership is yes, no (only when a file says so) or unknown (a city missing from
UNESCO's list), never "no" for unknown. Regions, organisations and networks are partners too,
but not cities: they are listed apart, with what a network meeting gathered as reported.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.countries import country_name
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

COLUMNS = ("city", "country", "uccn", "lat", "lon", "exchanges", "participants", "smes")
CARDS = (
    "exchanges",
    "exchange_participants",
    "exchange_smes_involved",
    "partner_cities",
    "partner_countries",
    "uccn_exchange_share",
)
# Membership is true, false (only if a file says so) or unknown: never "no" for unknown.
MEMBERSHIP: dict[bool | None, str] = {True: "yes", False: "no", None: "unknown"}
SERIES = {"yes": "uccn", "no": "other", "unknown": "unknown"}  # the map's legend, in order
# Drawn side by side by the view: the page model has no columns block (yet).


def headers(lang: str) -> dict[str, str]:
    return {c: t(f"exchanges.col_{c}", lang) for c in COLUMNS}


def intro(f: Filters, lang: str) -> list[Block]:
    """The heading, the lead and what the filters reach: all a page shows before there is a
    store."""
    blocks: list[Block] = [
        Heading(t("exchanges.heading", lang), 1),
        Text(t("exchanges.lead", lang)),
    ]
    if f.framework_area or f.theme or f.municipality:
        blocks.append(Text(t("exchanges.filter_note", lang), "caption"))
    return blocks


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page for the filters, in `lang`."""
    summary = kpis.exchange_summary(conn, f).iloc[0]
    total = int(summary["exchanges"])
    unknown = int(summary["exchanges_membership_unknown"])
    blocks = intro(f, lang)
    blocks.append(common.finality(conn, f, lang))
    blocks += common.cards_with_commentary(conn, f, cards(summary, unknown, lang), CARDS, lang)
    if not total:
        blocks.append(Text(t("exchanges.empty", lang), "info"))
        return Page(blocks)
    networks, others = int(summary["exchanges_network"]), int(summary["exchanges_other_partners"])
    if networks or others:
        blocks.append(
            Text(t("exchanges.not_cities", lang, networks=networks, others=others), "caption")
        )
    # Partner names are free text: a personal identity number in one is masked.
    cities = partner_cities(mask_frame(kpis.exchange_cities(conn, f)), lang)
    blocks += world_map(cities, summary, unknown, lang)
    direction = by_direction(kpis.exchanges_by(conn, f, "direction"), total, lang)
    blocks.append(
        Columns([[direction], [by_year(kpis.exchanges_by(conn, f, "year"), total, lang)]])
    )
    blocks += by_country(kpis.exchanges_by(conn, f, "partner_country"), total, lang)
    blocks += partners(cities, total - networks - others, lang)
    blocks += apart(mask_frame(kpis.exchange_partners(conn, f)), networks + others, lang)
    return Page(blocks)


def cards(summary: Any, unknown: int, lang: str) -> Cards:
    """The key figures in rows of three; the share says when it is of the known only."""
    out = []
    for key in CARDS:
        if key in KPI_DEFINITIONS:
            definition = KPI_DEFINITIONS[key]
            label, help_text = definition.name(lang), definition.definition(lang)
            value = texts.figure(key, summary[key], lang)
        else:  # companies in exchanges is no key figure with a target: the page has its words
            label, help_text = t("exchanges.card_smes", lang), t("exchanges.card_smes_help", lang)
            value = texts.number(summary[key], lang)
        if key == "exchange_participants":  # a sum with an estimate in it says "ca"
            value = texts.total(summary[key], summary["exchange_participants_approx"], lang)
        out.append(Card([Metric(label, value, help=help_text)]))
    if unknown:  # a city missing from UNESCO's list is unknown, never "not a member"
        note = t("exchanges.membership_unknown", lang, count=unknown)
        out[-1] = Card(out[-1].metrics, captions=[note])
    return Cards(out, per_row=3)


def _reported(value: object, lang: str, approx: object = None, blank: str | None = None) -> str:
    """A count as reported (`ca 100`); unknown in words, or `blank` where a count is optional."""
    if pd.isna(value):  # type: ignore[call-overload]
        return texts.not_reported(lang) if blank is None else blank
    return texts.count(value, approx if isinstance(approx, str) else None, lang)


def _listing(names: pd.Series, counts: pd.Series, lang: str) -> str:
    """`Bergen 7, Parma 2`: a chart's numbers for its text alternative (names escaped)."""
    pairs = zip(names, counts, strict=True)
    return ", ".join(f"{words.markdown(c)} {texts.number(n, lang)}" for c, n in pairs)


def _lead(key: str, frame: pd.DataFrame, lang: str, name: str = "category", **params: Any) -> str:
    """A title naming the breakdown's leader(s) by number of exchanges."""
    and_word = t("exchanges.and", lang)
    return words.finding(key, lang, frame, name, "exchanges", and_word=and_word, **params)


def partner_cities(cities: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`kpis.exchange_cities` with what the page shows of each city."""
    member = [MEMBERSHIP[None if pd.isna(m) else bool(m)] for m in cities["uccn_member"]]
    series = {m: t(f"exchanges.series_{key}", lang) for m, key in SERIES.items()}
    return cities.assign(
        city=cities["partner_city"],
        country=[country_name(c, lang) for c in cities["partner_country"]],
        uccn=[t(f"exchanges.{m}", lang) for m in member],
        series=[series[m] for m in member],
        label=cities["partner_city"],  # as written: the drawing escapes every word itself
        participants=[_reported(n, lang) for n in cities["participants"]],
        smes=[_reported(n, lang) for n in cities["smes_involved"]],
    )


def world_map(cities: pd.DataFrame, summary: Any, unknown: int, lang: str) -> list[Block]:
    """The partner cities whose position the reference list knows, on a world map titled by
    the UCCN share; the others named beneath it."""
    placed = cities.dropna(subset=["lat", "lon"])
    counts = {
        "cities": int(summary["partner_cities"]),
        "countries": int(summary["partner_countries"]),
    }
    share = summary["uccn_exchange_share"]
    if pd.isna(share):  # no exchange with a city of known membership: no share to state
        title = t("exchanges.map_title_no_share", lang, **counts)
    else:
        key = "exchanges.map_title_known" if unknown else "exchanges.map_title"
        share_text = texts.figure("uccn_exchange_share", share, lang)
        title = t(key, lang, share=share_text, **counts)
    blocks: list[Block] = []
    if placed.empty and len(cities):
        blocks += [Heading(title, 3), Text(t("exchanges.map_none", lang), "info")]
    elif len(placed):  # with networks only there are no cities to place
        home = next(m for m in ref.municipalities() if m.code == ref.OSTERSUND_CODE)
        series = [t(f"exchanges.series_{key}", lang) for key in SERIES.values()]
        columns = headers(lang)
        alt = t(
            "exchanges.map_alt", lang, values=_listing(placed["city"], placed["exchanges"], lang)
        )
        table = placed[["city", "country", "uccn", "lat", "lon", "exchanges"]]
        blocks.append(
            Chart(
                key="exchanges-map",
                title=title,
                kind="world_map",
                data=placed[["lat", "lon", "label", "exchanges", "series"]],
                options={
                    "home": (home.lat, home.lon, home.name),
                    "lat": "lat",
                    "lon": "lon",
                    "label": "label",
                    "size": "exchanges",
                    "series": "series",
                    "series_order": series,
                },
                alt=alt,
                table=table.rename(columns=columns),
            )
        )
    unplaced = cities.loc[~cities.index.isin(placed.index), "city"]
    if len(unplaced):
        names = ", ".join(words.markdown(c) for c in unplaced)
        blocks.append(Text(t("exchanges.off_map", lang, cities=names), "caption"))
    return blocks


def exchanges_bar(
    frame: pd.DataFrame, header: str, *, title: str, alt_key: str, key: str, lang: str
) -> Chart:
    """Exchanges per category (already in words); the table adds participants and companies.
    The names go to the chart as written: the SVG drawing escapes every word itself."""
    columns = headers(lang)
    return Chart(
        key=key,
        title=title,
        kind="bar",
        data=frame,
        options={
            "category": "category",
            "value": "exchanges",
            "horizontal": len(frame) > 4,  # many countries read better as rows
            "value_title": columns["exchanges"],
            "category_title": header,
        },
        alt=t(alt_key, lang, values=_listing(frame["category"], frame["exchanges"], lang)),
        table=frame.set_axis(
            [header, columns["exchanges"], columns["participants"], columns["smes"]], axis=1
        ),
    )


def by_direction(frame: pd.DataFrame, total: int, lang: str) -> Chart:
    """Exchanges per direction, titled by the most common one."""
    top = frame["exchanges"].max()
    leaders = frame.loc[frame["exchanges"] == top, "category"]
    shown = frame.assign(category=[words.label(ref.DIRECTIONS, d, lang) for d in frame["category"]])
    if len(leaders) == 1:  # each direction has its own sentence: Swedish inflects the word
        title = t(f"exchanges.direction_title.{leaders.iloc[0]}", lang, count=int(top), total=total)
    else:
        lowered = shown.assign(category=shown["category"].str.lower())
        title = _lead("exchanges.direction_title", lowered, lang, total=total)
    header = t("exchanges.col_direction", lang)
    return exchanges_bar(
        shown,
        header,
        title=title,
        alt_key="exchanges.direction_alt",
        key="exchanges-direction",
        lang=lang,
    )


def by_year(frame: pd.DataFrame, total: int, lang: str) -> Chart:
    """Exchanges per year, titled by the year with the most (or the one year)."""
    if len(frame) == 1:
        year = frame["category"].iloc[0]
        title = t("exchanges.year_title_one", lang, count=total, year=year)
    else:
        title = _lead("exchanges.year_title", frame, lang)
    header = t("exchanges.col_year", lang)
    return exchanges_bar(
        frame, header, title=title, alt_key="exchanges.year_alt", key="exchanges-year", lang=lang
    )


def by_country(frame: pd.DataFrame, total: int, lang: str) -> list[Block]:
    """Exchanges per partner country: one exchange in each country it names, and a network
    may name none, so the bars need not add up to the total (a note says so)."""
    shown = frame.assign(category=[country_name(c, lang) for c in frame["category"]])
    if shown.empty:  # networks and organisations may name no country
        title = t("exchanges.country_title_empty", lang)
    else:
        title = _lead("exchanges.country_title", shown, lang)
    blocks: list[Block] = [
        exchanges_bar(
            shown,
            headers(lang)["country"],
            title=title,
            alt_key="exchanges.country_alt",
            key="exchanges-country",
            lang=lang,
        )
    ]
    counted = int(shown["exchanges"].sum())
    if counted != total:
        blocks.append(
            Text(t("exchanges.country_note", lang, counted=counted, total=total), "caption")
        )
    return blocks


def partners(cities: pd.DataFrame, with_cities: int, lang: str) -> list[Block]:
    """Every partner city, titled by the most frequent; `with_cities` is the number of
    exchanges with cities, which the list exceeds when a meeting had several."""
    if not len(cities):
        return []
    listed = cities[["city", "country", "uccn", "exchanges", "participants", "smes"]]
    blocks: list[Block] = [
        Heading(_lead("exchanges.partners_title", cities, lang, name="city"), 3),
        Table("exchanges-partners-table", listed.rename(columns=headers(lang))),
    ]
    if int(cities["exchanges"].sum()) > with_cities:
        blocks.append(Text(t("exchanges.partners_note", lang), "caption"))
    return blocks


def apart(found: pd.DataFrame, count: int, lang: str) -> list[Block]:
    """Regions, organisations and networks, with the cities and countries a network meeting
    gathered as reported (`ca 100`); a count not given is left blank."""
    if not len(found):
        return []
    columns = headers(lang)
    table = pd.DataFrame(
        {
            t("exchanges.col_partner", lang): found["partner"],
            t("exchanges.col_type", lang): [
                words.label(ref.PARTNER_TYPES, k, lang) for k in found["partner_type"]
            ],
            columns["exchanges"]: found["exchanges"],
            t("exchanges.col_cities", lang): [
                _reported(n, lang, a, "")
                for n, a in zip(found["cities_count"], found["cities_count_approx"], strict=True)
            ],
            t("exchanges.col_countries", lang): [
                _reported(n, lang, a, "")
                for n, a in zip(
                    found["countries_count"], found["countries_count_approx"], strict=True
                )
            ],
            columns["participants"]: [_reported(n, lang) for n in found["participants"]],
        }
    )
    return [
        Heading(t("exchanges.apart_title", lang, count=count), 3),
        Table("exchanges-apart-table", table),
    ]
