"""Agenda 2030 / SDG 11 in real Streamlit (AppTest): the matrix, the coverage and the shares
are the KPI functions' numbers, in both languages, with filters, and on an empty store."""

from __future__ import annotations

from dataclasses import replace

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


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_charts_show_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "sdg11", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("sdg11.heading", lang)
    with demo_store.reading() as conn:
        coverage = kpis.sdg11_coverage(conn, kpis.Filters())
        by_area = kpis.sdg11_by_area(conn, kpis.Filters())
    area_col = i18n.t("filter.area", lang)

    matrix = table(at, area_col, *ref.SDG11_CODES).set_index(area_col)
    for r in coverage.itertuples():
        assert matrix.loc[ref.FRAMEWORK_AREAS[r.framework_area](lang), r.target] == r.activities

    per_target = coverage.groupby("target")["activities"].sum()
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
            total=by_area["activities"].sum(),
        )
        in headings
    )
    texts = " ".join(m.value for m in at.markdown)
    for target in ref.sdg11_targets():
        assert (target.en if lang == "en" else target.sv) in texts
    assert i18n.t("sdg11.declaration_heading", lang) in [h.value for h in at.header]
    assert "2016" in i18n.t("sdg11.declaration", lang)
    assert all(figure.proto.alt for figure in at.get("plotly_chart"))


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
    assert not at.get("plotly_chart")
    # The target texts and the declaration need no data.
    assert i18n.t("sdg11.declaration_heading", lang) in [h.value for h in at.header]


def test_a_tie_is_named_as_a_tie(demo_store, open_page):
    query = {"year": "2022", "area": "competence_development", "theme": "gastronomy"}
    at = open_page(demo_store.path, "sdg11", lang="en", **query)
    assert not at.exception, at.exception
    f = kpis.Filters(year=2022, framework_area="competence_development", theme="gastronomy")
    with demo_store.reading() as conn:
        per_target = kpis.sdg11_coverage(conn, f).groupby("target")["activities"].sum()
        total = kpis.sdg11_by_area(conn, f)["activities"].sum()
    leaders = sorted(per_target[per_target == per_target.max()].index)
    assert len(leaders) > 1, "this selection of the demo has tied targets"
    want = i18n.t(
        "sdg11.coverage_title_tie",
        "en",
        covered=int((per_target > 0).sum()),
        names=text.join([text.markdown(c) for c in leaders], "and"),
        count=per_target.max(),
        total=total,
    )
    assert want in [s.value for s in at.subheader]
