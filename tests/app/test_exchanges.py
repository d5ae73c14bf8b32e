"""Utbyten / International exchanges in real Streamlit (AppTest): the numbers shown are the KPI
functions' numbers, filters change them, the map is drawn on plain axes with nothing fetched,
and city names from the data stay text."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import i18n, text
from dashboard.components import format_value
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.countries import country_name
from uccn_data.kpi_definitions import KPI_DEFINITIONS

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
    for frame in at.dataframe:
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
        assert shown[KPI_DEFINITIONS[key].name(lang)] == format_value(key, summary[key], lang)
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
        assert got[counts[0]].sum() == summary["exchanges"]

    yes_no = [t("exchanges.yes" if m else "exchanges.no", lang) for m in cities["uccn_member"]]
    city, country, uccn = (t(f"exchanges.col_{c}", lang) for c in ("city", "country", "uccn"))
    partners = table(at, city, country, uccn, *counts)
    assert partners[city].tolist() == cities["partner_city"].tolist()
    assert partners[country].tolist() == [country_name(c, lang) for c in cities.partner_country]
    assert partners[uccn].tolist() == yes_no
    for header, column in zip(counts, COUNTS, strict=True):
        assert partners[header].tolist() == cities[column].astype(int).tolist()
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


def test_the_map_is_drawn_on_plain_axes_with_nothing_fetched(demo_store, open_page):
    at = open_page(demo_store.path, "exchanges", lang="en")
    charts = {c.proto.id.rsplit("-chart-", 1)[-1]: c for c in at.get("plotly_chart")}
    assert set(charts) == {
        "exchanges-map",
        "exchanges-direction",
        "exchanges-year",
        "exchanges-country",
    }
    for chart in charts.values():
        assert "http" not in chart.proto.spec and "http" not in chart.proto.config
    figure = json.loads(charts["exchanges-map"].proto.spec)
    assert not {"geo", "mapbox", "map"} & set(figure["layout"])
    assert {"xaxis", "yaxis"} <= set(figure["layout"])
    assert not any(trace["type"] != "scatter" for trace in figure["data"])
    names = {trace.get("name") for trace in figure["data"]}
    assert "Östersund" in names, "home is on the map"
    # UCCN membership is told in words in the legend, not by colour alone.
    assert i18n.t("exchanges.series_uccn", "en") in names


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_is_a_friendly_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "exchanges", lang=lang)
    assert not at.exception, at.exception
    assert any(i18n.t("exchanges.empty", lang) in i.value for i in at.info)
    assert not at.get("plotly_chart")


HOSTILE = "[Klicka här](http://evil.example) **<b>Fet</b>** :red[röd] $x$"


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


def table_column(at, header: str) -> list[str]:
    return [v for frame in at.dataframe if header in frame.value for v in frame.value[header]]
