"""Every page, both languages, demo and empty store, and links with filters: no exception."""

from __future__ import annotations

import pytest

from dashboard import i18n

PAGES = [
    "overview",
    "framework",
    "smes",
    "exchanges",
    "budget",
    "staff",
    "sdg11",
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


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_demo_store(demo_store, open_page, page, lang):
    at = open_page(demo_store.path, page, lang=lang)
    assert not at.exception, at.exception
    assert at.title, "every page has a heading"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_every_filter_set(demo_store, open_page, page):
    at = open_page(demo_store.path, page, **FILTERED)
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert at.query_params["year"] == ["2023"] or at.query_params["year"] == "2023"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_an_empty_state_on_a_fresh_install(empty_store, open_page, page):
    at = open_page(empty_store.path, page)
    assert not at.exception, at.exception


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
    assert any(value in w.value for w in at.warning)


def test_filters_go_into_the_link(demo_store, open_page):
    at = open_page(demo_store.path, "overview")
    at.selectbox(key="f_area").set_value("strategic_development").run()
    at.selectbox(key="f_year").set_value(2022).run()
    assert not at.exception
    assert at.query_params["area"] in ("strategic_development", ["strategic_development"])
    assert at.query_params["year"] in ("2022", ["2022"])


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
def window_store(demo_store, tmp_path_factory: pytest.TempPathFactory):
    """(v2) The demo data with a reporting window, 2016-2020: no commitments, so no targets."""
    import shutil
    from datetime import date

    from uccn_data import reference as ref
    from uccn_data.store import Store

    store = Store(shutil.copy(demo_store.path, tmp_path_factory.mktemp("window") / "w.duckdb"))
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
    # No commitments, so no progress status anywhere.
    for status in ("on_track", "at_risk", "behind"):
        word = i18n.t(f"status.{status}", "en")
        assert not any(f"{word}]" in m.value for m in at.markdown if "-badge[" in m.value)
