"""The Budget and leverage page in real Streamlit: its numbers are the KPI functions' numbers."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd
import pytest

from dashboard import i18n
from tests.app.conftest import drawn_charts, open_chart_data, svg_charts
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reports.texts import figure as format_value

CHARTS = [
    "budget-commitment",
    "budget-budgets",
    "budget-categories",
    "budget-external",
    "budget-leverage",
    "budget-cumulative",
]


def table(at, *columns: str) -> pd.DataFrame:
    """The one chart table with exactly these headers (AppTest does not expose table keys)."""
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
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
    assert drawn_charts(at) == [f"chart-{key}" for key in CHARTS]
    # Every chart is drawn as SVG on the server, so the page loads no Plotly at all; each
    # column's hover text is that year's amount as the page writes it.
    assert not at.get("plotly_chart")
    hover = re.findall(r"<title>([^<]*)</title></rect>", svg_charts(at)["budget-commitment"])
    wide = hover[: len(hover) // 2]  # the wide drawing, then the phone's
    assert wide == [
        f"{r.year}: {i18n.money(r.ostersund_sek, lang)}"
        for r in money.itertuples()
        if pd.notna(r.ostersund_sek)
    ]
    # "Visa data" closed sends neither table nor download; opened, each chart's arrive.
    assert not at.get("download_button") and not at.dataframe
    assert len([e for e in at.expander if e.label == t("chart.show_data")]) == len(CHARTS)
    open_chart_data(at)
    assert [d.key for d in at.get("download_button")] == [f"download-{key}" for key in CHARTS]
    assert len(at.dataframe) == len(CHARTS)
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
    categories = table(at, *key, t("budget.col_amount"), t("budget.col_note"))
    # (v2) An unknown amount stays empty, never 0, and says so beside it.
    want = spending.assign(
        category=[i18n.label(ref.SPENDING_CATEGORIES, c, lang) for c in spending["category"]],
        funder=[i18n.label(ref.FUNDERS, c, lang) for c in spending["funder"]],
        note=[t("budget.amount_unknown") if pd.isna(a) else "" for a in spending["amount_sek"]],
    )
    same(
        categories.sort_values(key),
        want.set_axis([*key, t("budget.col_amount"), t("budget.col_note")], axis=1).sort_values(
            key
        ),
    )
    # Largest category first, as the heading says.
    totals = spending.groupby("category")["amount_sek"].sum()
    assert categories.iloc[0, 0] == i18n.label(ref.SPENDING_CATEGORIES, totals.idxmax(), lang)

    # (v2) Budgets beside the money spent, per year, with the amounts unknown counted.
    parties = ["ostersund_sek", "region_sek", "external_sek", "budget_sek", "amounts_unknown"]
    headers = [year, ostersund, t("budget.col_region"), external, t("budget.col_budget")]
    headers.append(t("budget.col_amounts_unknown"))
    same(table(at, *headers), money[["year", *parties]].set_axis(headers, axis=1))
    budgets = t("budget.budgets_title", budget=i18n.money(summary["budget_sek"], lang), spent="§")
    assert any(h.startswith(budgets.split("§")[0]) for h in headings)
    # The budget is never added to the money spent.
    assert summary["total_sek"] == pytest.approx(
        summary["ostersund_sek"] + summary["region_sek"] + summary["external_sek"]
    )

    # (v2) External funding by the finer kinds of funder: every funder that is neither party.
    outside = spending[~spending["funder"].isin(list(ref.ORGANISATIONS))]
    by_kind = outside.groupby("funder")["amount_sek"].sum(min_count=1)
    shown_kinds = table(at, t("budget.col_funder"), t("budget.col_amount"), t("budget.col_note"))
    assert dict(zip(shown_kinds.iloc[:, 0], shown_kinds.iloc[:, 1], strict=True)) == pytest.approx(
        {i18n.label(ref.FUNDERS, k, lang): v for k, v in by_kind.items()}, nan_ok=True
    )
    assert set(by_kind.index) > {"external"}, "the demo has the finer kinds"
    assert by_kind.sum() == pytest.approx(summary["external_sek"])


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


# --- contract version 2: unknown is not zero, budgets apart, finer funders ---------------

# "0 kr" as a figure, not the end of "100 000 kr".
ZERO_KRONOR = re.compile(r"(?<![\d\u00a0 ])0[\u00a0 ]kr|SEK[\u00a0 ]0(?![\d,.])")
SPENDING_HEADER = ["post_id", "datum", "slutdatum", "belopp", "valuta", "vaxelkurs", "typ"]
SPENDING_HEADER += ["finansiar", "kategori"]


def texts(at) -> list[str]:
    parts = [*at.markdown, *at.caption, *at.subheader, *at.info]
    return [m.value for m in at.metric] + [p.value for p in parts]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_demo_says_how_complete_and_comparable_the_amounts_are(demo_store, open_page, lang):
    at = open_page(demo_store.path, "budget", lang=lang)
    assert not at.exception, at.exception
    with demo_store.reading() as conn:
        summary = kpis.money_summary(conn, kpis.Filters()).iloc[0]
    captions = [c.value for c in at.caption]
    assert summary["amounts_unknown"] > 0 and summary["spread_rows"] > 0, "the demo has both"
    unknown = i18n.t("budget.unknown_note", lang, count=int(summary["amounts_unknown"]))
    assert unknown in captions
    assert i18n.t("budget.spread_note", lang) in captions
    assert i18n.t("budget.currency_note", lang) in captions
    # Each money card says for how many years spending is reported and how many are unknown.
    note = i18n.t("completeness.years", lang, reported=4, years=4)
    note += "; " + i18n.t("completeness.amounts_unknown", lang, count=2)
    assert captions.count(note) == 3


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_unknown_amounts_and_budgets_alone_are_never_0_kr(store, load, open_page, lang):
    """A funder with an unknown amount and a budget, no money spent known: nothing reads 0 kr,
    nothing is behind, and the budget is not counted as money spent."""
    load(
        "spending",
        [
            SPENDING_HEADER,
            ["K1", "2022-05", "", "", "", "", "utfall", "annan kommun", "evenemang"],
            ["K2", "2022-01", "2023-12", "240 000", "", "", "budget", "eu", "projekt"],
            ["K3", "2023-03-10", "", "1 000 EUR", "", "11,5", "utfall", "eu", "resor"],
        ],
    )
    at = open_page(store.path, "budget", lang=lang)
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown[KPI_DEFINITIONS["ostersund_spending_sek"].name(lang)] == i18n.not_reported(lang)
    assert shown[KPI_DEFINITIONS["leverage_ratio"].name(lang)] == i18n.not_reported(lang)
    # The EUR row in kronor; the budget beside it, never added.
    assert shown[KPI_DEFINITIONS["external_funding_sek"].name(lang)] == i18n.money(11500, lang)
    budgets = i18n.t(
        "budget.budgets_title",
        lang,
        budget=i18n.money(240000, lang),
        spent=i18n.money(11500, lang),
    )
    assert budgets in [s.value for s in at.subheader]
    everything = texts(at)
    assert not [s for s in everything if ZERO_KRONOR.search(s)], everything
    assert not any(i18n.t("status.behind", lang) in s for s in everything)
    assert i18n.t("budget.unknown_note", lang, count=1) in everything
    assert i18n.t("budget.spread_note", lang) in everything
    assert i18n.t("budget.used_title_unknown", lang) in everything
    funder, amount, note = (i18n.t(f"budget.col_{c}", lang) for c in ("funder", "amount", "note"))
    external = table(at, funder, amount, note)
    unknown = external[external[funder] == i18n.label(ref.FUNDERS, "municipality_other", lang)]
    assert unknown[amount].isna().all()
    assert list(unknown[note]) == [i18n.t("budget.amount_unknown", lang)]


def test_a_reporting_window_has_no_commitment_line(demo_store, tmp_path, open_page):
    import shutil
    from datetime import date

    from uccn_data.store import Store

    copy = Store(shutil.copy(demo_store.path, tmp_path / "window.duckdb"))
    copy.save_period(
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
    at = open_page(copy.path, "budget", lang="en", period="2016-2020")
    assert not at.exception, at.exception
    assert i18n.t("budget.no_commitment", "en") in [c.value for c in at.caption]
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert not any(i18n.t(f"status.{s}", "en") in b for b in badges for s in ("behind", "at_risk"))
