"""Ramaktiviteter / Framework activities in real Streamlit (AppTest): the numbers shown are the
KPI functions' numbers, filters and search narrow them, and text from the data stays text."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import i18n, text
from uccn_data import kpis
from uccn_data import reference as ref


def table(at, *columns: str) -> pd.DataFrame:
    """The first data table on the page whose columns start with `columns`."""
    for frame in at.dataframe:
        if tuple(frame.value.columns[: len(columns)]) == columns:
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def expected_cards(summary: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    return [
        pair
        for r in summary.itertuples()
        for pair in (
            (i18n.t("framework.activities", lang), i18n.number(r.activities, lang)),
            (i18n.t("framework.completed", lang), i18n.number(r.activities_completed, lang)),
            (i18n.t("framework.participants", lang), i18n.number(r.participants, lang)),
            (i18n.t("framework.sdg11_share", lang), i18n.percent(r.sdg11_aligned_share, lang)),
        )
    ]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_cards_and_charts_show_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "framework", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("framework.heading", lang)
    f = kpis.Filters()
    with demo_store.reading() as conn:
        summary = kpis.framework_summary(conn, f)
        by = {d: kpis.activities_by_area(conn, f, d) for d in kpis.FRAMEWORK_DIMENSIONS}
        listed = kpis.activity_list(conn, f)
    assert [(m.label, m.value) for m in at.metric] == expected_cards(summary, lang)
    headings = [s.value for s in at.subheader]
    for area in ref.FRAMEWORK_AREAS.values():
        assert area(lang) in headings

    area_col, count_col = i18n.t("filter.area", lang), i18n.t("framework.col_activities", lang)
    for dimension, labels, heading in (
        ("theme", ref.THEMES, "filter.theme"),
        ("level", ref.LEVELS, "framework.col_level"),
        ("status", ref.STATUSES, "framework.col_status"),
    ):
        shown = table(at, area_col, i18n.t(heading, lang), count_col)
        want = {
            (ref.FRAMEWORK_AREAS[r.framework_area](lang), labels[r.category](lang)): r.activities
            for r in by[dimension].itertuples()
        }
        assert {(r[0], r[1]): r[2] for r in shown.itertuples(index=False)} == want

    # The headings state the findings, computed from the same figures.
    themes = by["theme"].groupby("category")["activities"].sum()
    assert (themes == themes.max()).sum() == 1, "the demo has one most common theme"
    top = themes.idxmax()
    assert (
        i18n.t(
            "framework.theme_title",
            lang,
            names=text.markdown(ref.THEMES[top](lang)),
            count=themes[top],
            total=themes.sum(),
        )
        in headings
    )
    held = listed[listed["status"] != "cancelled"]
    timeline = table(
        at, i18n.t("framework.col_title", lang), area_col, i18n.t("framework.col_start", lang)
    )
    assert len(timeline) == len(held)
    assert sorted(timeline.iloc[:, 0]) == sorted(held["title"])
    # Every chart carries its alt text into the figure the browser gets.
    figures = at.get("plotly_chart")
    assert len(figures) == 4
    assert all(figure.proto.alt for figure in figures)


def test_the_list_shows_every_activity_with_human_labels_and_dates(demo_store, open_page):
    at = open_page(demo_store.path, "framework", lang="en")
    with demo_store.reading() as conn:
        listed = kpis.activity_list(conn, kpis.Filters())
    shown = table(at, "Activity", "Framework activity", "Theme")
    assert len(shown) == len(listed)
    assert set(shown["Status"]) <= {label("en") for label in ref.STATUSES.values()}
    assert list(shown["Start"]) == list(listed["start_date"])  # real dates, shown formatted
    assert any(
        i18n.t("framework.list_count", "en", shown=len(listed), total=len(listed)) == c.value
        for c in at.caption
    )


def test_choosing_a_framework_area_shows_only_that_one(demo_store, open_page):
    at = open_page(demo_store.path, "framework", area="strategic_development")
    assert not at.exception, at.exception
    f = kpis.Filters(framework_area="strategic_development")
    with demo_store.reading() as conn:
        summary = kpis.framework_summary(conn, f)
        by_theme = kpis.activities_by_area(conn, f, "theme")
    assert len(summary) == 1
    assert [(m.label, m.value) for m in at.metric] == expected_cards(summary, "sv")
    shown = table(at, "Ramaktivitet", "Tema", "Aktiviteter")
    assert set(shown["Ramaktivitet"]) == {"Strategisk utveckling"}
    assert shown["Aktiviteter"].sum() == by_theme["activities"].sum()

    # The sidebar changes the same numbers.
    at.selectbox(key="f_area").set_value("information_marketing").run()
    at.selectbox(key="f_year").set_value(2022).run()
    assert not at.exception, at.exception
    f = kpis.Filters(year=2022, framework_area="information_marketing")
    with demo_store.reading() as conn:
        summary = kpis.framework_summary(conn, f)
    assert [(m.label, m.value) for m in at.metric] == expected_cards(summary, "sv")
    assert any("kvartal" in s.value for s in at.subheader), "one year is read by quarter"


def test_the_search_box_narrows_the_list(demo_store, open_page):
    at = open_page(demo_store.path, "framework")
    with demo_store.reading() as conn:
        listed = kpis.activity_list(conn, kpis.Filters())
    text = listed["title"] + " " + listed["partners"] + " " + listed["description"]
    want = listed[text.str.casefold().str.contains("unescorådet")]
    assert 0 < len(want) < len(listed)

    at.text_input(key="framework-search").input("  UNESCORÅDET ").run()
    assert not at.exception, at.exception
    shown = table(at, "Aktivitet", "Ramaktivitet", "Tema")
    assert list(shown["Aktivitet"]) == list(want["title"])

    at.text_input(key="framework-search").input("ingen sådan aktivitet finns").run()
    assert any(i18n.t("framework.list_empty", "sv") == i.value for i in at.info)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_shows_the_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "framework", lang=lang)
    assert not at.exception, at.exception
    infos = [i.value for i in at.info]
    assert i18n.t("framework.empty", lang) in infos
    assert i18n.t("chart.empty", lang) in infos
    assert not at.get("plotly_chart")


def test_text_from_the_data_stays_text(store, load, open_page):
    title = "<script>alert(1)</script> **fet** rubrik"
    header = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig"]
    header += ["partner", "status", "beskrivning"]
    load(
        "activities",
        [
            header,
            ["X1", title, "kompetensutveckling", "mat", "2022-05-01", "regional", "gemensam",
             "<b>Partner</b>", "genomförd", "_kursiv_ <img src=x onerror=alert(1)>"],
        ],
    )  # fmt: skip
    at = open_page(store.path, "framework", lang="en")
    assert not at.exception, at.exception
    shown = table(at, "Activity", "Framework activity", "Theme")
    assert shown.loc[0, "Activity"] == title
    assert shown.loc[0, "Partners"] == "<b>Partner</b>"
    rendered = [m.value for m in (*at.markdown, *at.subheader, *at.caption, *at.header)]
    assert not any("<script>" in text or "**fet**" in text for text in rendered)
    # In the timeline the title is escaped, so Plotly draws it instead of reading it as markup.
    timeline = next(c for c in at.get("plotly_chart") if '"base"' in c.proto.spec)
    spec = json.dumps(json.loads(timeline.proto.spec)["data"])
    assert "&lt;script&gt;" in spec and "<script>" not in spec
