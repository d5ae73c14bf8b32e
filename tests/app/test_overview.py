"""The Overview page in real Streamlit (AppTest): demo, empty and missing stores, both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.components import format_value
from tests.conftest import ROOT
from uccn_data import kpis
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.store import Store

APP = str(ROOT / "dashboard" / "app.py")


def run(store_path: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("UCCN_DB", str(store_path))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_overview_shows_the_period_figures_from_the_kpi_functions(demo_store, monkeypatch, lang):
    at = run(demo_store.path, monkeypatch, lang=lang)
    assert not at.exception
    assert at.title[0].value == i18n.t("overview.heading", lang)
    assert any(i18n.t("demo.notice", lang) in info.value for info in at.info)
    with demo_store.reading() as conn:
        values = kpis.kpi_values(conn, kpis.Filters())
    shown = {m.label: m.value for m in at.metric}
    for key in (
        "activities",
        "smes_reached",
        "exchanges",
        "ostersund_spending_sek",
        "leverage_ratio",
    ):
        label = KPI_DEFINITIONS[key].name(lang)
        assert shown[label] == format_value(key, values[key], lang)


def test_choosing_a_year_changes_the_figures(demo_store, monkeypatch):
    at = run(demo_store.path, monkeypatch)
    at.selectbox(key="f_year").set_value(2022).run()
    assert not at.exception
    with demo_store.reading() as conn:
        activities_2022 = kpis.kpi(conn, "activities", kpis.Filters(year=2022))
    label = KPI_DEFINITIONS["activities"].name("sv")
    assert {m.label: m.value for m in at.metric}[label] == format_value(
        "activities", activities_2022, "sv"
    )


def test_an_empty_store_is_a_friendly_empty_state(tmp_path, monkeypatch):
    store = Store(tmp_path / "empty.duckdb")
    store.initialise()
    at = run(store.path, monkeypatch)
    assert not at.exception
    assert any(i18n.t("overview.empty", "sv") in info.value for info in at.info)


def test_a_missing_store_says_how_to_get_data(tmp_path, monkeypatch):
    at = run(tmp_path / "none.duckdb", monkeypatch, lang="en")
    assert not at.exception
    assert any("python -m uccn_data demo" in info.value for info in at.info)


def test_an_unknown_language_falls_back_to_swedish(demo_store, monkeypatch):
    at = run(demo_store.path, monkeypatch, lang="xx")
    assert not at.exception
    assert at.title[0].value == "Översikt"


def test_every_string_has_both_translations():
    assert set(i18n.strings("sv")) == set(i18n.strings("en"))
    assert len(i18n.strings("sv")) > 20
    for lang in i18n.LANGUAGES:
        assert all(value.strip() for value in i18n.strings(lang).values())
