"""Every page, both languages, demo and empty store, and links with filters: each shows its
heading and its key figures as the KPI functions compute them, or its empty state."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.pages import words
from uccn_data.reports import texts
from uccn_data.store import Store

PAGES = [
    "overview",
    "framework",
    "smes",
    "exchanges",
    "budget",
    "staff",
    "sdg11",
    "completeness",
    "reports",
    "present",
    "about",
]
FILTERED = {
    "period": "2021-2024",
    "year": "2023",
    "area": "competence_development",
    "theme": "gastronomy",
    "municipality": "2380",
}
# The key figures a page shows as cards for the whole selection. (Framework's cards are per
# framework activity and Staff's per party; their own tests check them.)
CARDS = {
    "overview": ("activities", "smes_reached", "exchanges", "partner_cities"),
    "smes": ("smes_reached",),
    "exchanges": ("exchanges", "partner_cities"),
    "budget": ("external_funding_sek", "leverage_ratio"),
}
# What a page says when the store holds nothing yet.
EMPTY = {
    "overview": "overview.empty",
    "framework": "framework.empty",
    "smes": "smes.empty",
    "exchanges": "exchanges.empty",
    "budget": "budget.empty",
    "staff": "staff.empty",
    "sdg11": "chart.empty",
}


def filters(query: dict[str, str]) -> kpis.Filters:
    return kpis.Filters(
        query.get("period", kpis.Filters.period),
        int(query["year"]) if "year" in query else None,
        query.get("area"),
        query.get("theme"),
        query.get("municipality"),
    )


def heading(store: Store, page: str, lang: str, f: kpis.Filters) -> str:
    """The page's heading. The presentation opens on its first screen, whose heading is
    the finding: how many of the key figures with a status are on track."""
    if page != "present":
        return i18n.t(f"{page}.heading", lang)
    with store.reading() as conn:
        rows = kpis.headline(conn, f)
    statuses = [s for s in rows["status"] if isinstance(s, str)]
    if not statuses:
        return texts.t("headline.name", lang)
    on_track = statuses.count("on_track")
    return texts.t("headline.title", lang, on_track=on_track, with_target=len(statuses))


def assert_shows(
    at: AppTest, store: Store, page: str, lang: str, query: dict[str, Any], cards: bool = True
):
    """The page ran, has its heading, and its cards show the KPI functions' figures."""
    assert not at.exception, at.exception
    f = filters(query)
    assert at.title[0].value == heading(store, page, lang, f)
    if page not in CARDS or not cards:
        return
    with store.reading() as conn:
        values = kpis.kpi_values(conn, f)
    shown = {m.label: m.value for m in at.metric}
    for key in CARDS[page]:
        written = texts.figure(key, values[key], lang)
        card = shown[KPI_DEFINITIONS[key].name(lang)]
        # A figure that was partly estimated is written "about 398" / "cirka 398".
        assert card == written or card.endswith(f" {written}"), (key, card, written)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_demo_store(demo_store, open_page, page, lang):
    at = open_page(demo_store.path, page, lang=lang)
    assert_shows(at, demo_store, page, lang, {})
    assert any(i18n.t("demo.notice", lang) in info.value for info in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_every_filter_set(demo_store, open_page, page):
    at = open_page(demo_store.path, page, **FILTERED)
    assert_shows(at, demo_store, page, "sv", FILTERED)
    assert not at.warning, [w.value for w in at.warning]
    assert at.query_params["year"] == ["2023"] or at.query_params["year"] == "2023"
    chosen = {key: at.selectbox(key=f"f_{key}").value for key in FILTERED}
    assert chosen == {**FILTERED, "year": 2023}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_an_empty_state_on_a_fresh_install(empty_store, open_page, page):
    at = open_page(empty_store.path, page, lang="en")
    # Money and staff time with nothing reported show the message instead of their cards.
    assert_shows(at, empty_store, page, "en", {}, cards=page not in ("budget", "staff"))
    if page in ("budget", "staff"):
        assert not at.metric
    if page in EMPTY:
        assert i18n.t(EMPTY[page], "en") in [i.value for i in at.info]
    assert not any(i18n.t("demo.notice", "en") in info.value for info in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_how_to_get_data_when_there_is_no_store(tmp_path, open_page, page):
    at = open_page(tmp_path / "missing.duckdb", page, lang="en")
    assert not at.exception, at.exception
    assert any("python -m uccn_data demo" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("year", "20x3"),
        ("year", "1999"),
        ("period", "1066-1070"),
        ("area", "cooking"),
        ("theme", "<script>"),
        ("municipality", "9999"),
        ("lang", "fi"),
    ],
)
def test_a_bad_link_falls_back_with_a_notice(demo_store, open_page, name, value):
    at = open_page(demo_store.path, None, **{name: value})  # the link opens the default page
    assert not at.exception, at.exception
    # Shown as typed: escaped for Markdown, so a link or a colour directive never forms.
    assert any(words.markdown(value) in w.value for w in at.warning)


def test_filters_go_into_the_link(demo_store, open_page):
    at = open_page(demo_store.path, "overview")
    at.selectbox(key="f_area").set_value("strategic_development").run()
    at.selectbox(key="f_year").set_value(2022).run()
    assert not at.exception
    assert at.query_params["area"] in ("strategic_development", ["strategic_development"])
    assert at.query_params["year"] in ("2022", ["2022"])
    # The line under "Urval" follows: the filters themselves are in a closed popover. Each
    # value is escaped as Markdown, so it is shown exactly as written.
    assert at.sidebar.caption[0].value.split("  \n") == [
        "Avtalsperiod: " + words.markdown("2021-2024"),
        "År: 2022",
        "Ramaktivitet: "
        + words.markdown(i18n.label(ref.FRAMEWORK_AREAS, "strategic_development", "sv")),
    ]


def test_the_selection_line_names_every_filter_set_in_english(demo_store, open_page):
    at = open_page(demo_store.path, None, lang="en", **FILTERED)
    assert at.sidebar.caption[0].value.split("  \n") == [
        "Agreement period: " + words.markdown("2021-2024"),
        "Year: 2023",
        "Framework activity: "
        + words.markdown(i18n.label(ref.FRAMEWORK_AREAS, "competence_development", "en")),
        "Theme: " + words.markdown(i18n.label(ref.THEMES, "gastronomy", "en")),
        "Municipality: " + words.markdown(ref.MUNICIPALITY_CODES["2380"]),
    ]


def test_a_copied_link_reopens_the_same_view(demo_store, open_page):
    at = open_page(demo_store.path, None, lang="en", **FILTERED)
    assert not at.exception
    chosen = {
        key: at.selectbox(key=key).value
        for key in ("f_period", "f_year", "f_area", "f_theme", "f_municipality")
    }
    assert chosen == {
        "f_period": "2021-2024",
        "f_year": 2023,
        "f_area": "competence_development",
        "f_theme": "gastronomy",
        "f_municipality": "2380",
    }
    assert at.title[0].value == "Overview"
    # And the view is the filtered one: the headline figure is the KPI function's for those filters.
    from uccn_data import kpis
    from uccn_data.kpi_definitions import KPI_DEFINITIONS

    f = kpis.Filters("2021-2024", 2023, "competence_development", "gastronomy", "2380")
    with demo_store.reading() as conn:
        activities = kpis.kpi(conn, "activities", f)
    shown = {m.label: m.value for m in at.metric}
    assert shown[KPI_DEFINITIONS["activities"].name("en")] == f"{activities:,.0f}"


@pytest.fixture(scope="module")
def window_store(demo_template, tmp_path_factory: pytest.TempPathFactory):
    """(v2) The demo data with a reporting window, 2016-2020: no commitments, so no targets."""
    import shutil
    from datetime import date

    from uccn_data import reference as ref
    from uccn_data.store import Store

    store = Store(shutil.copy(demo_template, tmp_path_factory.mktemp("window") / "w.duckdb"))
    store.save_period(
        ref.AgreementPeriod(
            "2016-2020",
            date(2016, 1, 1),
            date(2020, 12, 31),
            None,
            None,
            False,
            "",
            "",
            "reporting",
        )
    )
    return store


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_a_reporting_window(window_store, open_page, page):
    at = open_page(window_store.path, page, period="2016-2020", lang="en")
    assert not at.exception, at.exception
    if page != "present":  # the presentation's heading says it is a window: test_present
        assert at.title[0].value == i18n.t(f"{page}.heading", "en")
    # No commitments, so no progress status anywhere.
    for status in ("on_track", "at_risk", "behind"):
        word = i18n.t(f"status.{status}", "en")
        assert not any(f"{word}]" in m.value for m in at.markdown if "-badge[" in m.value)
