"""Företag / SMEs in real Streamlit (AppTest): the numbers shown are the KPI functions' numbers,
filters change them, the map is drawn from shipped geometry, and no sole trader's personal
identity number ever reaches the page."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from dashboard import i18n
from tests.app.conftest import drawn_charts, open_chart_data, svg_charts, tables
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reports.texts import figure as format_value

CARDS = ("smes_reached", "smes_outside_ostersund_share", "smes_repeat")


def table(at, *columns: str) -> pd.DataFrame:
    """The first data table on the page whose columns are exactly `columns`."""
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
    for frame in tables(at):
        if tuple(frame.value.columns) == columns:
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def place(code: str, lang: str) -> str:
    if code == "other":
        return i18n.t("municipality.other", lang)
    return ref.MUNICIPALITY_CODES.get(code) or i18n.t("municipality.unknown", lang)


def pairs(frame: pd.DataFrame) -> list[tuple[object, int]]:
    return [(a, int(b)) for a, b in zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True)]


def check_numbers(at, store, f: kpis.Filters, lang: str) -> None:
    """Cards and every chart's table hold exactly what the KPI functions return."""
    t = i18n.t
    with store.reading() as conn:
        summary = kpis.sme_summary(conn, f).iloc[0]
        by_year = kpis.smes_by(conn, f, "year")
        by_place = kpis.smes_by_municipality(conn, f)
        by_sector = kpis.smes_by(conn, f, "sector")
        by_size = kpis.smes_by(conn, f, "size_class")
        repeat = kpis.smes_reached_more_than_once(conn, f)
    shown = {m.label: m.value for m in at.metric}
    # v2: reached = listed by name + counted by activities, "ca" when a count is an estimate.
    reached = i18n.total(summary["smes_reached"], summary["smes_counted_approx"], lang)
    assert shown[KPI_DEFINITIONS["smes_reached"].name(lang)] == reached
    for key in CARDS[1:]:
        assert shown[KPI_DEFINITIONS[key].name(lang)] == format_value(key, summary[key], lang)

    count = t("smes.col_smes", lang)
    years = table(at, t("smes.col_year", lang), count)
    assert sorted(pairs(years)) == sorted(pairs(by_year))
    places = table(at, t("smes.col_municipality", lang), count)
    assert pairs(places) == [(place(c, lang), n) for c, n in pairs(by_place)]
    assert sum(n for _, n in pairs(places)) == summary["smes_listed"]  # the map: listed ones
    sectors = table(at, t("smes.col_sector", lang), count)
    assert pairs(sectors) == [(ref.SECTORS[c](lang), n) for c, n in pairs(by_sector)]
    sizes = table(at, t("smes.col_size", lang), count)
    assert sorted(pairs(sizes)) == sorted((ref.SIZE_CLASSES[c](lang), n) for c, n in pairs(by_size))

    if repeat.empty:
        assert summary["smes_repeat"] == 0
        assert any(i.value == t("smes.repeat_none", lang) for i in at.info)
        return
    listed = table(
        at,
        t("smes.col_company", lang),
        t("smes.col_org_number", lang),
        t("smes.col_municipality", lang),
        t("smes.col_activities", lang),
    )
    assert len(listed) == summary["smes_repeat"] == len(repeat)
    assert listed.iloc[:, 0].tolist() == repeat["company_name"].tolist()
    assert listed.iloc[:, 1].tolist() == repeat["org_number"].tolist()
    assert listed.iloc[:, 2].tolist() == [place(c, lang) for c in repeat["municipality"]]
    assert listed.iloc[:, 3].tolist() == repeat["activities"].tolist()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_cards_charts_and_list_show_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "smes", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("smes.heading", lang)
    check_numbers(at, demo_store, kpis.Filters(), lang)
    with demo_store.reading() as conn:
        summary = kpis.sme_summary(conn, kpis.Filters()).iloc[0]
    share = format_value("smes_outside_ostersund_share", summary.smes_outside_ostersund_share, lang)
    headings = [s.value for s in at.subheader]
    assert any(h.startswith(share) for h in headings), "the map's title states the share"
    # The demo has companies from outside the county: named under the map, not on it.
    assert any(i18n.t("municipality.other", lang) in c.value for c in at.caption)
    # Reached is split: listed by name and counted by the activities (approximate marked).
    assert summary.smes_counted_approx > 0, "the demo has estimated counts"
    counted = i18n.total(summary.smes_counted, summary.smes_counted_approx, lang)
    listed = i18n.number(summary.smes_listed, lang)
    captions = [c.value for c in at.caption]
    assert i18n.t("smes.split", lang, listed=listed, counted=counted) in captions
    assert counted.startswith("ca " if lang == "sv" else "about ")
    assert i18n.t("smes.listed_only", lang, listed=listed) in captions


@pytest.mark.parametrize("query", [{"municipality": "2321"}, {"year": "2022"}])
def test_filters_change_the_numbers(demo_store, open_page, query):
    f = kpis.Filters(
        municipality=query.get("municipality"),
        year=int(query["year"]) if "year" in query else None,
    )
    at = open_page(demo_store.path, "smes", **query)
    assert not at.exception, at.exception
    check_numbers(at, demo_store, f, "sv")
    with demo_store.reading() as conn:
        everything = kpis.sme_summary(conn, kpis.Filters()).iloc[0]["smes_reached"]
        narrowed = kpis.sme_summary(conn, f).iloc[0]["smes_reached"]
    assert 0 < narrowed < everything
    if "municipality" in query:  # the filter means where the company is based
        assert any("Åre" in c.value for c in at.caption)


def sole_trader_numbers(store) -> list[str]:
    with store.reading() as conn:
        rows = conn.execute(
            "select distinct org_number from sme_participation "
            "where substr(org_number, 3, 1) in ('0', '1')"
        ).fetchall()
    return [r[0] for r in rows]


def everything_shown(at) -> list[str]:
    """Every value a viewer can read: table cells, text elements, figures, and each element's
    raw message as a last net."""
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
    texts: list[str] = []
    for frame in tables(at):
        texts += [str(v) for v in frame.value.to_numpy().ravel()]
        texts += [str(c) for c in frame.value.columns]
    for kind in ("title", "subheader", "markdown", "caption", "info", "metric", "text"):
        for element in getattr(at, kind):
            texts.append(str(element.value))
            texts.append(str(getattr(element, "label", "")))
    texts += [chart.proto.spec for chart in at.get("plotly_chart")]

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            texts.append(str(getattr(child, "proto", "")))
            walk(child)

    walk(at._tree)
    return texts


@pytest.mark.parametrize("page", ["smes", "exchanges"])
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_sole_traders_number_appears_in_full(demo_store, open_page, page, lang):
    numbers = sole_trader_numbers(demo_store)
    assert numbers, "the demo must hold sole traders for this test to mean anything"
    at = open_page(demo_store.path, page, lang=lang)
    assert not at.exception, at.exception
    shown = everything_shown(at)
    for number in numbers:
        for form in (number, f"{number[:6]}-{number[6:]}"):
            assert not any(form in value for value in shown), f"{form} is shown in full"
    if page == "smes":
        # Sole traders reached more than once are listed, masked, so the check bites.
        masked = {f"{n[:6]}-****" for n in numbers}
        listed = set(
            next(t.value for t in tables(at) if t.key == "smes-repeat-table")[
                i18n.t("smes.col_org_number", lang)
            ]
        )
        assert masked & listed


def test_the_map_is_drawn_from_shipped_geometry(demo_store, open_page):
    at = open_page(demo_store.path, "smes")
    # Every chart, the map too, is drawn as SVG on the server: the page loads no Plotly.
    assert not at.get("plotly_chart")
    assert sorted(drawn_charts(at)) == sorted(
        f"chart-{k}" for k in ("smes-year", "smes-map", "smes-sector", "smes-size")
    )
    assert not any("http" in drawing for drawing in svg_charts(at).values())
    drawing = svg_charts(at)["smes-map"]
    with demo_store.reading() as conn:
        by_place = kpis.smes_by_municipality(conn, kpis.Filters())
    counts = dict(zip(by_place["municipality"], by_place["smes"], strict=True))
    # Every municipality an outline with its name and number, in the wide drawing and the
    # phone's; the number is written on the map, so the shade only repeats it.
    for code, name in ref.MUNICIPALITY_CODES.items():
        said = html.escape(f"{name}: {i18n.number(counts.get(code, 0), 'sv')}")
        assert drawing.count(f"<title>{said}</title></path>") == 2, name


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_is_a_friendly_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "smes", lang=lang)
    assert not at.exception, at.exception
    assert any(i18n.t("smes.empty", lang) in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_an_empty_selection_is_a_friendly_empty_state(demo_store, open_page):
    query = {"year": "2021", "theme": "culture", "municipality": "2303"}
    with demo_store.reading() as conn:  # the premise: nobody in Ragunda that year and theme
        f = kpis.Filters(year=2021, theme="culture", municipality="2303")
        assert pd.isna(kpis.sme_summary(conn, f).iloc[0]["smes_reached"])  # unknown, not 0
    at = open_page(demo_store.path, "smes", **query)
    assert not at.exception, at.exception
    assert any(i18n.t("smes.empty", "sv") in i.value for i in at.info)
    assert not at.get("plotly_chart")


def org_number(first_nine: str) -> str:
    """A valid Swedish organisation number: nine digits and their Luhn check digit."""
    total = sum(sum(divmod(int(d) * (2 - i % 2), 10)) for i, d in enumerate(first_nine))
    return f"{first_nine}{(10 - total % 10) % 10}"


ACTIVITY_HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå"]
ACTIVITY_HEADER += ["ansvarig", "status", "kommun", "antal_företag"]


def activity(activity_id: str, smes_count: str, municipality: str = "Östersund") -> list[str]:
    return [activity_id, f"Aktivitet {activity_id}", "kompetensutveckling", "mat", "2022-05-01",
            "regional", "gemensam", "genomförd", municipality, smes_count]  # fmt: skip


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_reached_is_listed_plus_counted_with_the_split(store, load, open_page, lang):
    load("activities", [ACTIVITY_HEADER, activity("A1", ""), activity("A2", "ca 20")])
    load(
        "sme_participation",
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "kommun", "bransch", "storlek"],
            ["A1", org_number("556036079"), "Mathuset AB", "Åre", "livsmedel", "mikro"],
            ["A1", org_number("556677889"), "Fjällost AB", "Östersund", "livsmedel", "liten"],
        ],
    )
    at = open_page(store.path, "smes", lang=lang)
    assert not at.exception, at.exception
    about = "ca" if lang == "sv" else "about"
    shown = {m.label: m.value for m in at.metric}
    assert shown[KPI_DEFINITIONS["smes_reached"].name(lang)] == f"{about} 22"
    captions = [c.value for c in at.caption]
    assert i18n.t("smes.split", lang, listed="2", counted=f"{about} 20") in captions
    # The map and the breakdowns are of the two listed companies, and say so.
    assert i18n.t("smes.listed_only", lang, listed="2") in captions
    share = format_value("smes_outside_ostersund_share", 0.5, lang)
    assert i18n.t("smes.map_title", lang, share=share, outside=1, total=2) in [
        s.value for s in at.subheader
    ]


def test_companies_only_counted_have_no_breakdown(store, load, open_page):
    load("activities", [ACTIVITY_HEADER, activity("A1", "över 30")])
    at = open_page(store.path, "smes", lang="en")
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown[KPI_DEFINITIONS["smes_reached"].name("en")] == "about 30"
    assert i18n.t("smes.split", "en", listed="0", counted="about 30") in [
        c.value for c in at.caption
    ]
    assert [i.value for i in at.info][-1] == i18n.t("smes.none_listed", "en")
    assert not at.get("plotly_chart")


def test_nothing_listed_or_counted_is_unknown_not_zero(store, load, open_page):
    load("activities", [ACTIVITY_HEADER, activity("A1", "")])
    at = open_page(store.path, "smes", lang="en")
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown[KPI_DEFINITIONS["smes_reached"].name("en")] == "not reported"
    assert any(i18n.t("smes.empty", "en") in i.value for i in at.info)
