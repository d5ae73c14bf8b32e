"""The Budget and leverage page in real Streamlit: its numbers are the KPI functions' numbers."""

from __future__ import annotations

from functools import partial

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.components import format_value
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS

CHARTS = ["budget-commitment", "budget-categories", "budget-leverage", "budget-cumulative"]


def table(at, *columns: str) -> pd.DataFrame:
    """The one chart table with exactly these headers (AppTest does not expose table keys)."""
    found = [d.value for d in at.dataframe if list(d.value.columns) == list(columns)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0].reset_index(drop=True)


def same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False
    )


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_page_shows_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "budget", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("budget.heading", lang)
    f = kpis.Filters()
    with demo_store.reading() as conn:
        money = kpis.money_by_year(conn, f)
        summary = kpis.money_summary(conn, f).iloc[0]
        spending = kpis.spending_by_category(conn, f)
        values = kpis.kpi_values(conn, f)
    t = partial(i18n.t, lang=lang)

    # Cards: the headline figures and the share of the commitment.
    shown = {m.label: m.value for m in at.metric}
    for key in ("ostersund_spending_sek", "external_funding_sek", "leverage_ratio"):
        assert shown[KPI_DEFINITIONS[key].name(lang)] == format_value(key, values[key], lang)
    assert shown[t("budget.share_label")] == i18n.percent(summary["share_of_commitment"], lang)

    # Every chart: a heading that states the finding, alt text, a table and a download.
    headings = [s.value for s in at.subheader]
    assert headings[0] == i18n.t(
        "budget.used_title",
        lang,
        share=i18n.percent(summary["share_of_commitment"], lang),
        commitment=i18n.money(summary["commitment_sek"], lang),
    )
    assert (
        i18n.t("budget.leverage_title", lang, ratio=i18n.ratio(summary["leverage_ratio"], lang))
        in headings
    )
    assert [c.key for c in at.get("plotly_chart")] == [f"chart-{key}" for key in CHARTS]
    assert [d.key for d in at.get("download_button")] == [f"download-{key}" for key in CHARTS]
    alts = [c.value for c in at.caption if c.value.startswith(t("chart.alt_prefix"))]
    assert len(alts) == len(CHARTS)
    assert i18n.money(money["ostersund_sek"].iloc[0], lang) in alts[0]

    year, ostersund, external = (
        t("filter.year"),
        t("budget.col_ostersund"),
        t("budget.col_external"),
    )
    headers = [year, ostersund, t("budget.col_commitment")]
    same(
        table(at, *headers),
        money[["year", "ostersund_sek", "commitment_sek"]].set_axis(headers, axis=1),
    )
    headers = [year, ostersund, external, t("budget.col_leverage")]
    same(
        table(at, *headers),
        money[["year", "ostersund_sek", "external_sek", "leverage_ratio"]].set_axis(
            headers, axis=1
        ),
    )
    running = ["cumulative_ostersund_sek", "cumulative_commitment_sek", "cumulative_external_sek"]
    headers = [year, *(t(f"budget.col_cum_{c.split('_')[1]}") for c in running)]
    same(table(at, *headers), money[["year", *running]].set_axis(headers, axis=1))

    key = [t("budget.col_category"), t("budget.col_funder")]
    categories = table(at, *key, t("budget.col_amount"))
    want = spending.assign(
        category=[i18n.label(ref.SPENDING_CATEGORIES, c, lang) for c in spending["category"]],
        funder=[i18n.label(ref.FUNDERS, c, lang) for c in spending["funder"]],
    )
    same(
        categories.sort_values(key),
        want.set_axis([*key, t("budget.col_amount")], axis=1).sort_values(key),
    )
    # Largest category first, as the heading says.
    totals = spending.groupby("category")["amount_sek"].sum()
    assert categories.iloc[0, 0] == i18n.label(ref.SPENDING_CATEGORIES, totals.idxmax(), lang)


def test_a_year_in_the_link_changes_the_numbers(demo_store, open_page):
    at = open_page(demo_store.path, "budget", year="2022")
    assert not at.exception, at.exception
    f = kpis.Filters(year=2022)
    with demo_store.reading() as conn:
        money = kpis.money_by_year(conn, f)
        whole = kpis.money_summary(conn, kpis.Filters()).iloc[0]
        summary = kpis.money_summary(conn, f).iloc[0]
    year, ostersund = i18n.t("filter.year", "sv"), i18n.t("budget.col_ostersund", "sv")
    shown = table(at, year, ostersund, i18n.t("budget.col_commitment", "sv"))
    assert list(shown[year]) == [2022]
    assert shown[ostersund].iloc[0] == pytest.approx(money["ostersund_sek"].iloc[0])
    assert summary["ostersund_sek"] != whole["ostersund_sek"]
    label = KPI_DEFINITIONS["ostersund_spending_sek"].name("sv")
    assert {m.label: m.value for m in at.metric}[label] == i18n.money(
        summary["ostersund_sek"], "sv"
    )


def test_an_activity_filter_says_that_unlinked_spending_drops_out(demo_store, open_page):
    at = open_page(demo_store.path, "budget", area="competence_development", lang="en")
    assert not at.exception, at.exception
    assert i18n.t("budget.filtered_note", "en") in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_is_a_friendly_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "budget", lang=lang)
    assert not at.exception, at.exception
    assert i18n.t("budget.empty", lang) in [i.value for i in at.info]
    assert not at.dataframe
