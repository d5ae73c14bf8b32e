"""The Overview page in real Streamlit (AppTest): demo, empty and missing stores, both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from tests.app.conftest import HTML_TABLE, drawn_charts, svg_charts, tables
from tests.conftest import ROOT
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reports.texts import figure as format_value
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


# --- contract version 2: unknown is not zero --------------------------------------------

ACTIVITY_HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå"]
ACTIVITY_HEADER += ["ansvarig", "deltagare", "status"]
ACTIVITIES = [
    ["A1", "Matmarknad", "information_marketing", "mat", "2022-05-01", "regional", "gemensam",
     "ca 250", "genomförd"],
    ["A2", "Kockutbyte", "competence_development;strategic_development", "mat", "2022-09-12",
     "internationell", "östersund", "12", "genomförd"],
    ["A3", "Seminarium", "strategic_development", "kultur", "2023-02-01", "regional", "region",
     "", "genomförd"],
]  # fmt: skip
# "0 kr" as a figure, not the end of "100 000 kr": no digit or digit-group space before it.
ZERO_KRONOR = re.compile(r"(?<![\d\u00a0 ])0[\u00a0 ]kr|SEK[\u00a0 ]0(?![\d,.])")


def everything(at: AppTest) -> list[str]:
    """Every text the page shows: metric values, badges, captions, headings, info boxes."""
    parts = [*at.markdown, *at.caption, *at.subheader, *at.info, *at.title]
    return [m.value for m in at.metric] + [p.value for p in parts]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_spending_rows_is_not_reported_never_0_kr_or_behind(store, load, monkeypatch, lang):
    """A store with activities and no spending at all: the money is unknown, not 0 kr, and
    has no status (DATA_CONTRACT v2: unknown is not zero)."""
    load("activities", [ACTIVITY_HEADER, *ACTIVITIES])
    at = run(store.path, monkeypatch, lang=lang)
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    for key in ("ostersund_spending_sek", "external_funding_sek", "leverage_ratio"):
        assert shown[KPI_DEFINITIONS[key].name(lang)] == i18n.not_reported(lang), key
    assert shown[KPI_DEFINITIONS["activities"].name(lang)] == "3"
    text = everything(at)
    assert not [s for s in text if ZERO_KRONOR.search(s)], text
    for status in ("behind", "at_risk", "on_track"):
        assert not any(i18n.t(f"status.{status}", lang) in s for s in text), status
    # The money cards say why: nothing reported, for none of the years, and no status.
    badges = [s for s in text if "-badge[" in s]
    assert sum(i18n.t("status.unknown", lang) in b for b in badges) >= 3
    years = i18n.t("completeness.years", lang, reported=0, years=4)
    assert sum(c.value == years for c in at.caption) == 3
    assert i18n.t("completeness.staff_none", lang) in [c.value for c in at.caption]


def test_participant_sums_and_activities_in_several_areas(store, load, monkeypatch):
    load("activities", [ACTIVITY_HEADER, *ACTIVITIES])
    at = run(store.path, monkeypatch, lang="en")
    assert not at.exception, at.exception
    text = "\n".join(everything(at))
    # 250 (approximate) + 12 = 262, reported for two of the three activities.
    assert "Participants in the activities: about 262, reported for 2 of 3 activities." in text
    assert i18n.t("overview.participants_approx", "en", count=1) in text
    # The trend counts A2 in both its areas; the total counts it once.
    assert i18n.t("overview.several_areas", "en", count=1, total="3") in text
    assert i18n.t("outcomes.empty", "en") in text


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_demo_outcomes_are_listed_as_plain_text(demo_store, monkeypatch, lang):
    at = run(demo_store.path, monkeypatch, lang=lang)
    assert not at.exception, at.exception
    with demo_store.reading() as conn:
        found = kpis.outcomes_list(conn, kpis.Filters())
        summary = kpis.activity_summary(conn, kpis.Filters()).iloc[0]
    assert i18n.t("outcomes.title", lang, count=len(found)) in [s.value for s in at.subheader]
    table = next(
        d.value for d in tables(at) if i18n.t("outcomes.col_title", lang) in d.value.columns
    )
    assert list(table[i18n.t("outcomes.col_title", lang)]) == list(found["title"])
    # Dates as written: a month is "maj 2023", never an invented day.
    dates = list(table[i18n.t("outcomes.col_date", lang)])
    assert i18n.written_date(pd.Timestamp("2023-05-01"), "month", lang) in dates
    if summary["activity_participants_approx"]:
        approx = i18n.total(summary["activity_participants"], 1, lang)
        assert any(approx in m.value for m in at.markdown)


def test_outcome_text_is_never_markup(store, load, monkeypatch):
    load(
        "outcomes",
        [
            ["resultat_id", "typ", "titel", "datum", "partner"],
            [
                "R1",
                "utmärkelse",
                "**Pris** <script>alert(1)</script>",
                "2022-05",
                "[x](http://e.x)",
            ],
        ],
    )
    at = run(store.path, monkeypatch, lang="en")
    assert not at.exception, at.exception
    table = next(d.value for d in tables(at) if "Outcome" in d.value.columns)
    assert table.loc[0, "Outcome"] == "**Pris** <script>alert(1)</script>"
    assert table.loc[0, "When"] == "May 2022"
    assert table.loc[0, "Partner"] == "[x](http://e.x)"
    markup = [m.value for m in at.markdown if HTML_TABLE.match(m.value) and "Pris" in m.value]
    assert len(markup) == 1
    # Outside the table the text is nowhere; inside it, it is escaped HTML on one line with
    # the table: an HTML block, which Markdown leaves as written (Chromium shows it so in
    # tests/e2e/test_security_rendering.py).
    assert not any("<script>" in s or "**Pris**" in s for s in everything(at) if s not in markup)
    assert "<script>" not in markup[0] and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup[0]
    assert "\n" not in markup[0] and "<a " not in markup[0]


def test_a_reporting_window_has_no_targets_and_no_status(demo_store, tmp_path, monkeypatch):
    import shutil
    from datetime import date

    from uccn_data import reference as ref

    copy = Store(shutil.copy(demo_store.path, tmp_path / "window.duckdb"))
    window = ref.AgreementPeriod(
        "2016-2020", date(2016, 1, 1), date(2020, 12, 31), None, None, False, "", "", "reporting"
    )
    copy.save_period(window)
    at = run(copy.path, monkeypatch, lang="en", period="2016-2020")
    assert not at.exception, at.exception
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert badges and all(("No target" in b) or ("No status" in b) for b in badges), badges


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_trend_is_drawn_with_every_area_and_year_as_the_kpi_gives_them(
    demo_store, monkeypatch, lang
):
    """The Overview's line chart is drawn as SVG on the server (no Plotly on the page a whole
    meeting opens): each area in the legend and each year's count in its marker's hover text,
    written the reader's way, and announced with its text alternative."""
    at = run(demo_store.path, monkeypatch, lang=lang)
    assert drawn_charts(at) == ["chart-overview-trend"]
    assert not at.get("plotly_chart")
    drawing = svg_charts(at)["overview-trend"]
    with demo_store.reading() as conn:
        trend = kpis.activities_by_year(conn, kpis.Filters())
    assert len(trend) > 3
    for r in trend.itertuples():
        area = i18n.label(ref.FRAMEWORK_AREAS, r.framework_area, lang)
        assert f"<title>{area}, {int(r.year)}: {i18n.number(r.activities, lang)}</title>" in drawing
    alt = re.search(r'role="figure" aria-label="([^"]+)"', drawing)
    assert alt and alt[1].startswith(i18n.t("overview.trend_alt", lang))
