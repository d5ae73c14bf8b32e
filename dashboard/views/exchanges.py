"""Utbyten / International exchanges: with whom, where, which way, and how many took part."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, charts, i18n, state, text
from dashboard.components import chart, format_value
from uccn_data import geometry
from uccn_data import reference as ref
from uccn_data.countries import country_name
from uccn_data.kpi_definitions import KPI_DEFINITIONS

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t
AND = t("exchanges.and", lang)
COLUMNS = ("city", "country", "uccn", "lat", "lon", "exchanges", "participants", "smes")
HEADERS = {c: t(f"exchanges.col_{c}", lang) for c in COLUMNS}

st.title(t("exchanges.heading", lang))
st.write(t("exchanges.lead", lang))
if f.framework_area or f.theme or f.municipality:
    st.caption(t("exchanges.filter_note", lang))
if not view.store_ready:
    st.stop()

summary = cache.kpi_frame("exchange_summary", f).iloc[0]
total = int(summary["exchanges"])
CARDS = ["exchanges", "exchange_participants", "exchange_smes_involved"]
CARDS += ["partner_cities", "partner_countries", "uccn_exchange_share"]
columns = st.columns(3)
for i, key in enumerate(CARDS):
    if key in KPI_DEFINITIONS:
        definition = KPI_DEFINITIONS[key]
        label, help_text = definition.name(lang), definition.definition(lang)
        value = format_value(key, summary[key], lang)
    else:  # companies in exchanges is no key figure with a target: the page has its words
        label, help_text = t("exchanges.card_smes", lang), t("exchanges.card_smes_help", lang)
        value = i18n.number(summary[key], lang)
    if key == "exchange_participants":  # a sum with an estimate in it says "ca"
        value = i18n.total(summary[key], summary["exchange_participants_approx"], lang)
    columns[i % 3].metric(label, value, help=help_text, border=True)
unknown = int(summary["exchanges_membership_unknown"])
if unknown:  # a city missing from UNESCO's list is unknown, never "not a member"
    columns[2].caption(t("exchanges.membership_unknown", lang, count=unknown))
if not total:
    st.info(t("exchanges.empty", lang))
    st.stop()
networks, others = int(summary["exchanges_network"]), int(summary["exchanges_other_partners"])
if networks or others:
    st.caption(t("exchanges.not_cities", lang, networks=networks, others=others))


def listing(names: pd.Series, counts: pd.Series) -> str:
    """`Bergen 7, Parma 2`: a chart's numbers for its text alternative (names escaped)."""
    pairs = zip(names, counts, strict=True)
    return ", ".join(f"{text.markdown(c)} {i18n.number(n, lang)}" for c, n in pairs)


def reported(value: object, approx: object = None, blank: str | None = None) -> str:
    """A count as reported (`ca 100`); unknown in words, or `blank` where a count is optional
    (the formatter takes None, not pandas' NA)."""
    if pd.isna(value):
        return i18n.not_reported(lang) if blank is None else blank
    return i18n.count(value, approx, lang)


def lead(key: str, frame: pd.DataFrame, name: str = "category", **params: object) -> str:
    """A title naming the breakdown's leader(s) by number of exchanges."""
    return text.finding(key, lang, frame, name, "exchanges", and_word=AND, **params)


def exchanges_bar(frame: pd.DataFrame, header: str, *, title: str, alt_key: str, key: str) -> None:
    """Exchanges per category; the table adds participants and companies."""
    figure = charts.bar(
        frame.assign(category=[text.plotly(c) for c in frame["category"]]),
        "category",
        "exchanges",
        horizontal=len(frame) > 4,  # many countries read better as rows
        value_title=HEADERS["exchanges"],
        category_title=header,
    )
    alt = t(alt_key, lang, values=listing(frame["category"], frame["exchanges"]))
    headers = [header, HEADERS["exchanges"], HEADERS["participants"], HEADERS["smes"]]
    chart(figure, title=title, alt=alt, table=frame.set_axis(headers, axis=1), key=key, lang=lang)


# Membership is true, false (only if a file says so) or unknown: never "no" for unknown.
MEMBERSHIP = {True: "yes", False: "no", None: "unknown"}
SERIES = {"yes": "uccn", "no": "other", "unknown": "unknown"}  # the map's legend
SERIES = {m: t(f"exchanges.series_{key}", lang) for m, key in SERIES.items()}
cities = cache.kpi_frame("exchange_cities", f)
member = [MEMBERSHIP[None if pd.isna(m) else bool(m)] for m in cities["uccn_member"]]
cities = cities.assign(
    city=cities["partner_city"],
    country=[country_name(c, lang) for c in cities["partner_country"]],
    uccn=[t(f"exchanges.{m}", lang) for m in member],
    series=[SERIES[m] for m in member],
    label=[text.plotly(c) for c in cities["partner_city"]],
    participants=[reported(n) for n in cities["participants"]],
    smes=[reported(n) for n in cities["smes_involved"]],
)
# Only cities whose position the reference list knows can go on the map.
placed = cities.dropna(subset=["lat", "lon"])
counts = {"cities": int(summary["partner_cities"]), "countries": int(summary["partner_countries"])}
share = summary["uccn_exchange_share"]
if pd.isna(share):  # no exchange with a city of known membership: no share to state
    map_title = t("exchanges.map_title_no_share", lang, **counts)
else:
    key = "exchanges.map_title_known" if unknown else "exchanges.map_title"
    map_title = t(key, lang, share=format_value("uccn_exchange_share", share, lang), **counts)
if placed.empty and len(cities):
    st.subheader(map_title)
    st.info(t("exchanges.map_none", lang))
elif len(placed):  # with networks only there are no cities to place
    home = next(m for m in ref.municipalities() if m.code == ref.OSTERSUND_CODE)
    figure = charts.world_map(
        placed,
        geometry.world_outlines(),
        (home.lat, home.lon, home.name),
        lat="lat",
        lon="lon",
        label="label",
        size="exchanges",
        series="series",
        series_order=list(SERIES.values()),
    )
    alt = t("exchanges.map_alt", lang, values=listing(placed["city"], placed["exchanges"]))
    table = placed[["city", "country", "uccn", "lat", "lon", "exchanges"]].rename(columns=HEADERS)
    chart(figure, title=map_title, alt=alt, table=table, key="exchanges-map", lang=lang)
unplaced = cities.loc[~cities.index.isin(placed.index), "city"]
if len(unplaced):
    names = ", ".join(text.markdown(c) for c in unplaced)
    st.caption(t("exchanges.off_map", lang, cities=names))

left, right = st.columns(2)
with left:
    by_direction = cache.kpi_frame("exchanges_by", f, "direction")
    top = by_direction["exchanges"].max()
    leaders = by_direction.loc[by_direction["exchanges"] == top, "category"]
    by_direction = by_direction.assign(
        category=[i18n.label(ref.DIRECTIONS, d, lang) for d in by_direction["category"]]
    )
    if len(leaders) == 1:  # each direction has its own sentence: Swedish inflects the word
        title = t(f"exchanges.direction_title.{leaders.iloc[0]}", lang, count=int(top), total=total)
    else:
        lowered = by_direction.assign(category=by_direction["category"].str.lower())
        title = lead("exchanges.direction_title", lowered, total=total)
    header = t("exchanges.col_direction", lang)
    alt_key = "exchanges.direction_alt"
    exchanges_bar(by_direction, header, title=title, alt_key=alt_key, key="exchanges-direction")
with right:
    by_year = cache.kpi_frame("exchanges_by", f, "year")
    if len(by_year) == 1:
        title = t("exchanges.year_title_one", lang, count=total, year=by_year["category"].iloc[0])
    else:
        title = lead("exchanges.year_title", by_year)
    header = t("exchanges.col_year", lang)
    exchanges_bar(by_year, header, title=title, alt_key="exchanges.year_alt", key="exchanges-year")

by_country = cache.kpi_frame("exchanges_by", f, "partner_country")
by_country = by_country.assign(category=[country_name(c, lang) for c in by_country["category"]])
if by_country.empty:  # networks and organisations may name no country
    title = t("exchanges.country_title_empty", lang)
else:
    title = lead("exchanges.country_title", by_country)
alt_key = "exchanges.country_alt"
exchanges_bar(by_country, HEADERS["country"], title=title, alt_key=alt_key, key="exchanges-country")
counted = int(by_country["exchanges"].sum())
if counted != total:  # one exchange in each country it names; a network may name none
    st.caption(t("exchanges.country_note", lang, counted=counted, total=total))

if len(cities):
    st.subheader(lead("exchanges.partners_title", cities, name="city"))
    partners = cities[["city", "country", "uccn", "exchanges", "participants", "smes"]]
    st.dataframe(partners.rename(columns=HEADERS), hide_index=True, key="exchanges-partners-table")
    if int(cities["exchanges"].sum()) > total - networks - others:
        st.caption(t("exchanges.partners_note", lang))

# Regions, organisations and networks are partners too, but not cities: listed apart, with
# the cities and countries a network meeting gathered as reported ("ca 100").
apart = cache.kpi_frame("exchange_partners", f)
if len(apart):
    st.subheader(t("exchanges.apart_title", lang, count=networks + others))
    table = pd.DataFrame(
        {
            t("exchanges.col_partner", lang): apart["partner"],
            t("exchanges.col_type", lang): [
                i18n.label(ref.PARTNER_TYPES, k, lang) for k in apart["partner_type"]
            ],
            HEADERS["exchanges"]: apart["exchanges"],
            t("exchanges.col_cities", lang): [
                reported(n, a, "") for n, a in apart[["cities_count", "cities_count_approx"]].values
            ],
            t("exchanges.col_countries", lang): [
                reported(n, a, "")
                for n, a in apart[["countries_count", "countries_count_approx"]].values
            ],
            HEADERS["participants"]: [reported(n) for n in apart["participants"]],
        }
    )
    st.dataframe(table, hide_index=True, key="exchanges-apart-table")
