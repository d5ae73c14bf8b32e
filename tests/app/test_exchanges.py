"""Utbyten / International exchanges in real Streamlit (AppTest): the numbers shown are the KPI
functions' numbers, filters change them, the map is drawn on plain axes with nothing fetched,
and city names from the data stay text."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from dashboard import i18n
from tests.app.conftest import drawn_charts, open_chart_data, svg_charts, tables
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.countries import country_name
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.pages import words as text
from uccn_data.reports.texts import figure as format_value

CARDS = (
    "exchanges",
    "exchange_participants",
    "partner_cities",
    "partner_countries",
    "uccn_exchange_share",
)
COUNTS = ("exchanges", "participants", "smes_involved")


def table(at, *columns: str) -> pd.DataFrame:
    """The first data table on the page whose columns are exactly `columns`."""
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
    for frame in tables(at):
        if tuple(frame.value.columns) == columns:
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(r) for r in frame.itertuples(index=False)]


def check_numbers(at, store, f: kpis.Filters, lang: str) -> None:
    """Cards and every chart's table hold exactly what the KPI functions return."""
    t = i18n.t
    with store.reading() as conn:
        summary = kpis.exchange_summary(conn, f).iloc[0]
        by = {d: kpis.exchanges_by(conn, f, d) for d in kpis.EXCHANGE_DIMENSIONS}
        cities = kpis.exchange_cities(conn, f)
    shown = {m.label: m.value for m in at.metric}
    for key in CARDS:
        want = format_value(key, summary[key], lang)
        if key == "exchange_participants":  # v2: a sum with estimates in it says so
            want = i18n.total(summary[key], summary["exchange_participants_approx"], lang)
        assert shown[KPI_DEFINITIONS[key].name(lang)] == want
    assert shown[t("exchanges.card_smes", lang)] == i18n.number(
        summary["exchange_smes_involved"], lang
    )

    counts = [t(f"exchanges.col_{c}", lang) for c in ("exchanges", "participants", "smes")]
    for dimension, header, name in (
        ("direction", "exchanges.col_direction", lambda d: ref.DIRECTIONS[d](lang)),
        ("year", "exchanges.col_year", str),
        ("partner_country", "exchanges.col_country", lambda c: country_name(c, lang)),
    ):
        got = table(at, t(header, lang), *counts)
        want = by[dimension].assign(category=[name(c) for c in by[dimension]["category"]])
        assert rows(got) == rows(want), dimension
        if dimension != "partner_country":  # v2: an exchange counts in each country it names
            assert got[counts[0]].sum() == summary["exchanges"]
        elif got[counts[0]].sum() != summary["exchanges"]:
            note = t(
                "exchanges.country_note",
                lang,
                counted=int(got[counts[0]].sum()),
                total=int(summary["exchanges"]),
            )
            assert note in [c.value for c in at.caption]

    # v2: membership is yes or unknown (a city missing from UNESCO's list), never "no" for that.
    membership = [
        "unknown" if pd.isna(m) else ("yes" if m else "no") for m in cities["uccn_member"]
    ]
    city, country, uccn = (t(f"exchanges.col_{c}", lang) for c in ("city", "country", "uccn"))
    partners = table(at, city, country, uccn, *counts)
    assert partners[city].tolist() == cities["partner_city"].tolist()
    assert partners[country].tolist() == [country_name(c, lang) for c in cities.partner_country]
    assert partners[uccn].tolist() == [t(f"exchanges.{m}", lang) for m in membership]
    assert partners[counts[0]].tolist() == cities["exchanges"].tolist()
    for header, column in zip(counts[1:], COUNTS[1:], strict=True):  # unknown in words
        assert partners[header].tolist() == [
            i18n.not_reported(lang) if pd.isna(v) else i18n.number(v, lang) for v in cities[column]
        ]
    assert len(partners) == summary["partner_cities"]

    placed = cities.dropna(subset=["lat", "lon"])
    lat, lon = t("exchanges.col_lat", lang), t("exchanges.col_lon", lang)
    on_map = table(at, city, country, uccn, lat, lon, counts[0])
    assert on_map[city].tolist() == placed["partner_city"].tolist()
    assert on_map[lat].tolist() == placed["lat"].tolist()
    assert on_map[counts[0]].tolist() == placed["exchanges"].tolist()
    unplaced = cities.loc[cities["lat"].isna(), "partner_city"]
    if len(unplaced):  # cities with no known position are named under the map
        caption = next(
            c.value
            for c in at.caption
            if c.value.startswith(t("exchanges.off_map", lang, cities="").split(":")[0])
        )
        assert all(text.markdown(c) in caption for c in unplaced)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_cards_charts_and_list_show_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "exchanges", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("exchanges.heading", lang)
    check_numbers(at, demo_store, kpis.Filters(), lang)
    with demo_store.reading() as conn:
        cities = kpis.exchange_cities(conn, kpis.Filters())
    top = cities.iloc[0]
    headings = [s.value for s in at.subheader]
    # v2: the demo has cities of unknown membership, shown as unknown and counted.
    unknown = int(kpis_summary(demo_store)["exchanges_membership_unknown"])
    assert unknown and cities["uccn_member"].isna().any()
    assert i18n.t("exchanges.no", lang) not in table_column(at, i18n.t("exchanges.col_uccn", lang))
    captions = [c.value for c in at.caption]
    assert i18n.t("exchanges.membership_unknown", lang, count=unknown) in captions
    assert (
        i18n.t("exchanges.partners_title", lang, names=top.partner_city, count=int(top.exchanges))
        in headings
    ), "the partner list's heading names the most frequent partner city"


@pytest.mark.parametrize(
    "query", [{"municipality": "2321"}, {"municipality": "2313"}, {"year": "2022"}]
)
def test_filters_change_the_numbers(demo_store, open_page, query):
    f = kpis.Filters(
        municipality=query.get("municipality"),
        year=int(query["year"]) if "year" in query else None,
    )
    at = open_page(demo_store.path, "exchanges", **query)
    assert not at.exception, at.exception
    with demo_store.reading() as conn:
        everything = kpis.exchange_summary(conn, kpis.Filters()).iloc[0]["exchanges"]
        narrowed = kpis.exchange_summary(conn, f).iloc[0]["exchanges"]
    assert narrowed < everything
    if narrowed:
        check_numbers(at, demo_store, f, "sv")
    else:  # no exchange in the demo is linked to an activity in Åre: the empty state
        assert at.metric[0].value == "0"
        assert any(i18n.t("exchanges.empty", "sv") in i.value for i in at.info)
    if "municipality" in query:  # says that the filter reaches exchanges through activities
        assert any(i18n.t("exchanges.filter_note", "sv") == c.value for c in at.caption)


def test_the_map_is_drawn_with_nothing_fetched(demo_store, open_page):
    at = open_page(demo_store.path, "exchanges", lang="en")
    # Every chart, the map too, is drawn as SVG on the server: the page loads no Plotly.
    assert not at.get("plotly_chart")
    assert sorted(drawn_charts(at)) == sorted(
        f"chart-exchanges-{k}" for k in ("map", "direction", "year", "country")
    )
    assert not any("http" in drawing for drawing in svg_charts(at).values())
    drawing = svg_charts(at)["exchanges-map"]
    words = re.findall(r">([^<>]+)</text>", drawing)
    assert "Östersund" in words, "home is on the map"
    # UCCN membership is told in words in the legend, not by colour alone, and every placed
    # city is named, its exchanges in its hover text.
    assert i18n.t("exchanges.series_uccn", "en") in words
    with demo_store.reading() as conn:
        cities = kpis.exchange_cities(conn, kpis.Filters()).dropna(subset=["lat", "lon"])
    for city, n in zip(cities["partner_city"], cities["exchanges"], strict=True):
        assert html.escape(city) in words
        assert f"<title>{html.escape(city)}, " in drawing and f": {n}</title>" in drawing


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_is_a_friendly_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "exchanges", lang=lang)
    assert not at.exception, at.exception
    assert any(i18n.t("exchanges.empty", lang) in i.value for i in at.info)
    assert not at.get("plotly_chart")


HOSTILE = "[Klicka här](http://evil.example) **<b>Fet</b>** :red[röd] $x$"


def kpis_summary(store) -> pd.Series:
    with store.reading() as conn:
        return kpis.exchange_summary(conn, kpis.Filters()).iloc[0]


def test_city_names_from_the_data_stay_text(store, load, open_page):
    load(
        "exchanges",
        [
            ["utbyte_id", "datum", "riktning", "partnerstad", "land", "deltagare"],
            ["E1", "2022-03-03", "digital", HOSTILE, "SE", 4],
            ["E2", "2022-04-04", "utresande", HOSTILE, "SE", 2],
            ["E3", "2022-05-05", "digital", "Bergen", "NO", 3],
        ],
    )
    at = open_page(store.path, "exchanges", lang="en")
    assert not at.exception, at.exception
    escaped = text.markdown(HOSTILE)
    # Named under the map (no known position) and in the heading, escaped as markdown ...
    assert any(escaped in c.value and HOSTILE not in c.value for c in at.caption)
    assert any(escaped in s.value for s in at.subheader)
    # ... and as it was typed in the partner list, which Streamlit shows as plain text.
    assert HOSTILE in table_column(at, i18n.t("exchanges.col_city", "en"))
    for chart in at.get("plotly_chart"):
        assert "<b>Fet" not in chart.proto.spec
    for drawing in svg_charts(at).values():
        assert "<b>Fet" not in drawing


def table_column(at, header: str) -> list[str]:
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
    return [v for frame in tables(at) if header in frame.value for v in frame.value[header]]


V2_HEADER = ["utbyte_id", "datum", "slutdatum", "riktning", "partnertyp", "partnerstad", "land",
             "antal_städer", "antal_länder", "deltagare"]  # fmt: skip
V2_ROWS = [
    ["E1", "2022-05-16", "2022-05-20", "inkommande", "stad", "Parma; Tucson; Storuman",
     "Italien; USA; Sverige", "", "", "ca 12"],
    ["E2", "2023-07", "", "utresande", "nätverk", "UCCN:s årsmöte", "", "ca 100", "över 90", "2"],
    ["E3", "2024-09-10", "", "digital", "stad", "Parma", "Italien", "", "", "5"],
    ["E4", "2024-10-01", "", "digital", "stad", "Storuman", "Sverige", "", "", "3"],
]  # fmt: skip


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_v2_exchanges_are_counted_per_city_with_networks_apart(store, load, open_page, lang):
    load("exchanges", [V2_HEADER, *V2_ROWS])
    at = open_page(store.path, "exchanges", lang=lang)
    assert not at.exception, at.exception
    t = i18n.t
    about = "ca" if lang == "sv" else "about"
    shown = {m.label: m.value for m in at.metric}
    names = {k: KPI_DEFINITIONS[k].name(lang) for k in CARDS}
    assert shown[names["exchanges"]] == "4"
    assert shown[names["partner_cities"]] == "3"  # a meeting with three cities counts three
    assert shown[names["partner_countries"]] == "3"
    assert shown[names["exchange_participants"]] == f"{about} 22"
    # Storuman is not in UNESCO's list: unknown, not "no"; the share is of the known (2 of 2).
    assert shown[names["uccn_exchange_share"]] == format_value("uccn_exchange_share", 1.0, lang)
    captions = [c.value for c in at.caption]
    assert t("exchanges.membership_unknown", lang, count=1) in captions
    assert t("exchanges.not_cities", lang, networks=1, others=0) in captions
    assert t("exchanges.partners_note", lang) in captions
    assert t("exchanges.country_note", lang, counted=5, total=4) in captions
    headings = [s.value for s in at.subheader]
    share = format_value("uccn_exchange_share", 1.0, lang)
    assert t("exchanges.map_title_known", lang, share=share, cities=3, countries=3) in headings

    city, uccn, count = (t(f"exchanges.col_{c}", lang) for c in ("city", "uccn", "exchanges"))
    headers = [t(f"exchanges.col_{c}", lang) for c in ("country", "participants", "smes")]
    partners = table(at, city, headers[0], uccn, count, *headers[1:]).set_index(city)
    assert partners[count].to_dict() == {"Parma": 2, "Storuman": 2, "Tucson": 1}
    assert partners.loc["Storuman", uccn] == t("exchanges.unknown", lang)
    assert partners.loc["Parma", uccn] == t("exchanges.yes", lang)

    # The network meeting is listed apart, with the cities and countries as reported.
    apart = table(
        at,
        t("exchanges.col_partner", lang),
        t("exchanges.col_type", lang),
        count,
        t("exchanges.col_cities", lang),
        t("exchanges.col_countries", lang),
        t("exchanges.col_participants", lang),
    )
    assert apart.values.tolist() == [
        ["UCCN:s årsmöte", ref.PARTNER_TYPES["network"](lang), 1, f"{about} 100", "> 90", "2"]
    ]
    assert t("exchanges.apart_title", lang, count=1) in headings


def test_a_selection_with_only_a_network_meeting(store, load, open_page):
    load("exchanges", [V2_HEADER, V2_ROWS[1]])
    at = open_page(store.path, "exchanges", lang="en")
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown[KPI_DEFINITIONS["partner_cities"].name("en")] == "0"
    # No city whose membership is known: no share, and no map of cities.
    assert shown[KPI_DEFINITIONS["uccn_exchange_share"].name("en")] == "not reported"
    headings = [s.value for s in at.subheader]
    assert i18n.t("exchanges.country_title_empty", "en") in headings
    assert i18n.t("exchanges.apart_title", "en", count=1) in headings
    charts = drawn_charts(at)
    assert "chart-exchanges-map" not in charts
    assert "chart-exchanges-direction" in charts
