"""Agenda 2030 / SDG 11 in real Streamlit (AppTest): the matrix, the coverage and the shares
are the KPI functions' numbers, in both languages, with filters, and on an empty store."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pandas as pd
import pytest

from dashboard import i18n
from tests.app.conftest import open_chart_data, svg_charts, tables
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.pages import words as text


def table(at, *columns: str) -> pd.DataFrame:
    """The first data table on the page whose columns start with `columns`."""
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
    for frame in tables(at):
        if tuple(frame.value.columns[: len(columns)]) == columns:
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_charts_show_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "sdg11", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("sdg11.heading", lang)
    with demo_store.reading() as conn:
        coverage = kpis.sdg11_coverage(conn, kpis.Filters())
        by_area = kpis.sdg11_by_area(conn, kpis.Filters())
        listed = kpis.activity_list(conn, kpis.Filters())
    area_col = i18n.t("filter.area", lang)
    held = listed[listed["status"] != "cancelled"]

    matrix = table(at, area_col, *ref.SDG11_CODES).set_index(area_col)
    for r in coverage.itertuples():
        assert matrix.loc[ref.FRAMEWORK_AREAS[r.framework_area](lang), r.target] == r.activities

    # v2: each activity once per target, though the matrix counts it in every area it names.
    per_target = per_activity(held, "sdg11_targets").value_counts()
    per_target = per_target.reindex(list(ref.SDG11_CODES), fill_value=0)
    assert coverage["activities"].sum() > per_target.sum(), "the demo has several areas"
    target_col = i18n.t("sdg11.col_target", lang)
    shown = table(at, target_col, i18n.t("sdg11.col_text", lang)).set_index(target_col)
    assert list(shown.index) == list(ref.SDG11_CODES)
    assert shown[i18n.t("sdg11.col_activities", lang)].to_dict() == per_target.to_dict()

    shares = table(at, area_col, i18n.t("sdg11.col_activities", lang))
    assert shares[i18n.t("sdg11.col_share", lang)].tolist() == [
        i18n.percent(v, lang) for v in by_area["sdg11_aligned_share"]
    ]
    assert shares[i18n.t("sdg11.col_aligned", lang)].tolist() == by_area["sdg11_aligned"].tolist()

    headings = [s.value for s in at.subheader]
    assert (per_target == per_target.max()).sum() == 1, "the demo has one most served target"
    top = per_target.idxmax()
    assert (
        i18n.t(
            "sdg11.coverage_title",
            lang,
            covered=int((per_target > 0).sum()),
            names=text.markdown(top),
            count=per_target[top],
            total=len(held),
        )
        in headings
    )
    several = sum(len(a) > 1 for a in held["framework_area_all"])
    assert i18n.t("sdg11.matrix_note", lang, count=several, total=len(held)) in [
        c.value for c in at.caption
    ]
    texts = " ".join(m.value for m in at.markdown)
    for target in ref.sdg11_targets():
        assert (target.en if lang == "en" else target.sv) in texts
    assert i18n.t("sdg11.declaration_heading", lang) in [h.value for h in at.header]
    assert "2016" in i18n.t("sdg11.declaration", lang)
    # Every chart is drawn as SVG on the server, so the page loads no Plotly at all; each
    # cell of the matrix has the number its table has, with its area and target.
    assert not at.get("plotly_chart")
    cells = re.findall(r"<title>([^<]*)</title></rect>", svg_charts(at)["sdg11-matrix"])
    for r in coverage.itertuples():
        area = ref.FRAMEWORK_AREAS[r.framework_area](lang)
        assert html.escape(f"{area}, {r.target}: {i18n.number(r.activities, lang)}") in cells


def per_activity(held: pd.DataFrame, column: str) -> pd.Series:
    """Every code each activity names in a list column, once per activity."""
    return pd.Series([c for codes in held[column] for c in set(codes.split(", ")) if c])


def test_a_framework_area_narrows_every_chart(demo_store, open_page):
    at = open_page(demo_store.path, "sdg11", lang="en", area="competence_development")
    assert not at.exception, at.exception
    f = kpis.Filters(framework_area="competence_development")
    with demo_store.reading() as conn:
        coverage = kpis.sdg11_coverage(conn, f)
        by_area = kpis.sdg11_by_area(conn, f)
    mine = coverage[coverage["framework_area"] == "competence_development"]
    matrix = table(at, "Framework activity", *ref.SDG11_CODES)
    assert matrix["Framework activity"].tolist() == ["Competence development"]
    assert matrix.iloc[0, 1:].tolist() == mine["activities"].tolist()
    shares = table(at, "Framework activity", "Activities")
    assert shares["Share linked to SDG 11"].tolist() == [
        i18n.percent(by_area["sdg11_aligned_share"].iloc[0], "en")
    ]
    assert any(
        s.value.endswith("of the activities in Competence development are linked to SDG 11")
        for s in at.subheader
    )

    at.selectbox(key="f_year").set_value(2021).run()
    assert not at.exception, at.exception
    with demo_store.reading() as conn:
        coverage_2021 = kpis.sdg11_coverage(conn, replace(f, year=2021))
    per_target = coverage_2021[coverage_2021["framework_area"] == "competence_development"]
    shown = table(at, "Target", "Target text").set_index("Target")["Activities"]
    assert shown.to_dict() == per_target.set_index("target")["activities"].to_dict()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_shows_the_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "sdg11", lang=lang)
    assert not at.exception, at.exception
    assert [i.value for i in at.info].count(i18n.t("chart.empty", lang)) == 3
    assert i18n.t("sdg11.goals_none", lang) in [i.value for i in at.info]
    assert not at.get("plotly_chart")
    # The target texts and the declaration need no data.
    assert i18n.t("sdg11.declaration_heading", lang) in [h.value for h in at.header]


HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig",
          "status", "sdg11", "andra_hållbarhetsmål"]  # fmt: skip
ROWS = [  # A1 names two areas: summed over the matrix rows, 11.3 would lead 3 to 2
    ["A1", "Ett", "kompetensutveckling; strategisk utveckling", "mat", "2022-03-01", "regional",
     "gemensam", "genomförd", "11.3", "8.9; 12.3"],
    ["A2", "Två", "kompetensutveckling", "mat", "2022-04-01", "regional", "gemensam", "genomförd",
     "11.3", "SDG 8"],
    ["A3", "Tre", "strategisk utveckling", "mat", "2022-05-01", "regional", "gemensam",
     "genomförd", "11.4", "4"],
    ["A4", "Fyra", "information och marknadsföring", "mat", "2022-06-01", "regional", "gemensam",
     "genomförd", "11.4", ""],
    ["A5", "Fem", "information och marknadsföring", "mat", "2022-07-01", "regional", "gemensam",
     "genomförd", "", "Mål 12"],
]  # fmt: skip


def test_a_tie_is_named_as_a_tie_counting_each_activity_once(store, load, open_page):
    load("activities", [HEADER, *ROWS])
    at = open_page(store.path, "sdg11", lang="en")
    assert not at.exception, at.exception
    headings = [s.value for s in at.subheader]
    tie = text.join([text.markdown("11.3"), text.markdown("11.4")], "and")
    assert (
        i18n.t("sdg11.coverage_title_tie", "en", covered=2, names=tie, count=2, total=5) in headings
    )
    shown = table(at, "Target", "Target text").set_index("Target")["Activities"]
    assert shown[["11.3", "11.4"]].tolist() == [2, 2]
    assert i18n.t("sdg11.matrix_note", "en", count=1, total=5) in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_other_goals_are_shown_beside_sdg11_with_their_names(store, load, open_page, lang):
    load("activities", [HEADER, *ROWS])
    at = open_page(store.path, "sdg11", lang=lang)
    assert not at.exception, at.exception
    goals = {g.goal: g.en if lang == "en" else g.sv for g in ref.sdg_goals()}
    t = i18n.t
    shown = table(at, t("sdg11.col_goal", lang), t("sdg11.col_goal_name", lang))
    assert shown.values.tolist() == [
        [4, goals[4], 1, ""],
        [8, goals[8], 2, "8.9"],  # "8.9" and "SDG 8" are both goal 8: A1 and A2
        [11, goals[11], 4, "11.3, 11.4"],  # goal 11 itself, for comparison
        [12, goals[12], 2, "12.3"],
    ]
    tie = text.join(["8", "12"], t("sdg11.and", lang))
    want = t("sdg11.goals_title_tie", lang, names=tie, count=2, total=5)
    assert want in [s.value for s in at.subheader]
    drawing = svg_charts(at)["sdg11-goals"]
    alt = html.unescape(re.search(r'aria-label="([^"]+)"', drawing)[1])
    assert alt.startswith(t("sdg11.goals_alt", lang))
    assert goals[4] in alt
