"""Ekonomi / Budget and leverage: Östersund's money against its 100,000 SEK a year, what it
was spent on, who funded it, budgets beside the money spent, and how far outside funding
multiplied it. Unknown amounts are unknown, never 0 kr (DATA_CONTRACT v2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import cache, charts, i18n, state
from dashboard.components import chart, completeness_notes, kpi_card
from uccn_data import reference as ref

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t
HEADERS = {
    "year": t("filter.year", lang),
    "ostersund_sek": t("budget.col_ostersund", lang),
    "region_sek": t("budget.col_region", lang),
    "commitment_sek": t("budget.col_commitment", lang),
    "external_sek": t("budget.col_external", lang),
    "budget_sek": t("budget.col_budget", lang),
    "amounts_unknown": t("budget.col_amounts_unknown", lang),
    "leverage_ratio": t("budget.col_leverage", lang),
    "cumulative_ostersund_sek": t("budget.col_cum_ostersund", lang),
    "cumulative_commitment_sek": t("budget.col_cum_commitment", lang),
    "cumulative_external_sek": t("budget.col_cum_external", lang),
    "category": t("budget.col_category", lang),
    "funder": t("budget.col_funder", lang),
    "amount_sek": t("budget.col_amount", lang),
    "note": t("budget.col_note", lang),
}


def kr(value: float | None) -> str:
    return i18n.money(value, lang)


def table(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The numbers behind a chart, unformatted (the CSV stays computable), human headers."""
    return frame[list(columns)].rename(columns=HEADERS)


def alt(key: str, numbers: Iterable[str], **params: object) -> str:
    return t(key, lang, **params) + " " + "; ".join(numbers)


def bars(frame: pd.DataFrame, category: str, value: str, **options: Any) -> go.Figure:
    """Bars with each amount written on it the reader's way (`12 500 kr`)."""
    options.setdefault("value_title", HEADERS["amount_sek"])
    return charts.labelled_bar(
        frame.assign(text=frame[value].map(kr)), category, value, "text", **options
    )


def noted(frame: pd.DataFrame) -> pd.DataFrame:
    """An amount that is unknown stays empty (never 0) and says "amount unknown" beside it."""
    unknown = t("budget.amount_unknown", lang)
    return frame.assign(note=[unknown if pd.isna(v) else "" for v in frame["amount_sek"]])


st.title(t("budget.heading", lang))
st.write(t("budget.lead", lang))
if not view.store_ready:
    st.stop()

summary = cache.kpi_frame("money_summary", f).iloc[0]
if not summary["years_reported"] and pd.isna(summary["budget_sek"]):
    st.info(t("budget.empty", lang))
    st.stop()
if f.framework_area or f.theme or f.municipality:
    # Spending reaches these filters only through its activity: say so, or money not tied
    # to an activity would seem to have gone missing.
    st.caption(t("budget.filtered_note", lang))
# How comparable the amounts are, before any of them is read (the cards say how complete).
if summary["amounts_unknown"]:
    st.caption(t("budget.unknown_note", lang, count=int(summary["amounts_unknown"])))
if summary["spread_rows"]:
    st.caption(t("budget.spread_note", lang))
st.caption(t("budget.currency_note", lang))

figures = cache.kpi_frame("headline", f).set_index("kpi")
commitment = summary["commitment_sek"]
has_commitment = pd.notna(commitment)
note = completeness_notes(f, lang).get("ostersund_spending_sek")
cards = st.columns(4)
with cards[0]:
    kpi_card("ostersund_spending_sek", figures.loc["ostersund_spending_sek"], lang, note=note)
with cards[1], st.container(border=True):
    share = i18n.percent(summary["share_of_commitment"], lang)
    st.metric(t("budget.share_label", lang), share, help=t("budget.share_help", lang))
    st.caption(
        t("budget.share_caption", lang, commitment=kr(commitment))
        if has_commitment
        else t("budget.no_commitment", lang)
    )
with cards[2]:
    kpi_card("external_funding_sek", figures.loc["external_funding_sek"], lang, note=note)
with cards[3]:
    kpi_card("leverage_ratio", figures.loc["leverage_ratio"], lang, note=note)

money = cache.kpi_frame("money_by_year", f)
# Years as words make a category axis: no 2021.5 ticks.
by_year = money.assign(year=money["year"].astype(str))
if pd.isna(summary["ostersund_sek"]):
    used_title = t("budget.used_title_unknown", lang)
elif has_commitment:
    used_title = t("budget.used_title", lang, share=share, commitment=kr(commitment))
else:
    used_title = t("budget.used_title_window", lang, amount=kr(summary["ostersund_sek"]))
chart(
    bars(
        by_year,
        "year",
        "ostersund_sek",
        value_title=HEADERS["ostersund_sek"],
        target=float(money["commitment_sek"].iloc[0]) if has_commitment else None,
        target_label=t("budget.commitment_line", lang, amount=kr(commitment)),
    ),
    title=used_title,
    alt=alt(
        "budget.used_alt" if has_commitment else "budget.used_alt_window",
        (f"{r.year}: {kr(r.ostersund_sek)}" for r in money.itertuples()),
        commitment=kr(commitment),
    ),
    table=table(money, "year", "ostersund_sek", "commitment_sek"),
    key="budget-commitment",
    lang=lang,
)

# Budgets beside the money spent, per year: never added to it.
parties = ["ostersund_sek", "region_sek", "external_sek", "budget_sek"]
side_by_side = by_year.melt("year", parties, var_name="series", value_name="sek")
side_by_side = side_by_side.assign(series=side_by_side["series"].map(HEADERS))
budgets = bars(side_by_side, "year", "sek", series="series")
budgets.update_layout(barmode="group")
chart(
    budgets,
    title=t(
        "budget.budgets_title",
        lang,
        budget=kr(summary["budget_sek"]),
        spent=kr(summary["total_sek"]),
    ),
    alt=alt(
        "budget.budgets_alt",
        (
            f"{r.year}: {kr(r.ostersund_sek)}, {kr(r.region_sek)}, {kr(r.external_sek)}, "
            f"{kr(r.budget_sek)} ({t('completeness.amounts_unknown', lang, count=r.amounts_unknown)})"
            for r in money.itertuples()
        ),
    ),
    table=table(money, "year", *parties, "amounts_unknown"),
    key="budget-budgets",
    lang=lang,
)

spending = cache.kpi_frame("spending_by_category", f)
# min_count: a category whose every amount is unknown is unknown, not 0 kr.
totals = spending.groupby("category")["amount_sek"].sum(min_count=1).sort_values(ascending=False)
names = [i18n.label(ref.SPENDING_CATEGORIES, c, lang) for c in totals.index]
# Largest category first; funders stacked in the agreement's order in every bar.
by_category = spending.assign(
    order=spending["category"].map({c: i for i, c in enumerate(totals.index)}),
    funder_order=spending["funder"].map({c: i for i, c in enumerate(ref.FUNDERS)}),
    category=[i18n.label(ref.SPENDING_CATEGORIES, c, lang) for c in spending["category"]],
    funder=[i18n.label(ref.FUNDERS, c, lang) for c in spending["funder"]],
).sort_values(["order", "funder_order"])
chart(
    bars(
        by_category.sort_values(["funder_order", "order"]),
        "category",
        "amount_sek",
        series="funder",
        horizontal=True,
        category_order=names,
    ),
    title=t("budget.categories_title", lang, category=names[0], amount=kr(totals.iloc[0]))
    if totals.notna().any()
    else t("budget.categories_title_none", lang),
    alt=alt("budget.categories_alt", (f"{n}: {kr(v)}" for n, v in zip(names, totals, strict=True))),
    table=table(noted(by_category), "category", "funder", "amount_sek", "note"),
    key="budget-categories",
    lang=lang,
)

# External funding: every funder that is neither party, by its finer kind.
external = (
    spending[spending["funder"].isin(ref.EXTERNAL_FUNDERS)]
    .groupby("funder")["amount_sek"]
    .sum(min_count=1)
    .sort_values(ascending=False)
    .reset_index()
)
external = external.assign(funder=[i18n.label(ref.FUNDERS, c, lang) for c in external["funder"]])
chart(
    bars(external, "funder", "amount_sek", horizontal=True),
    title=t(
        "budget.external_title",
        lang,
        funder=external["funder"].iloc[0],
        amount=kr(external["amount_sek"].iloc[0]),
    )
    if external["amount_sek"].notna().any()
    else t("budget.external_title_none", lang),
    alt=alt(
        "budget.external_alt", (f"{r.funder}: {kr(r.amount_sek)}" for r in external.itertuples())
    ),
    table=table(noted(external), "funder", "amount_sek", "note"),
    key="budget-external",
    lang=lang,
)

target, leverage = figures.loc["leverage_ratio", "target"], summary["leverage_ratio"]
target_text = t("budget.leverage_target", lang, ratio=i18n.ratio(target, lang))
chart(
    charts.lines_over_target(
        by_year,
        "year",
        "leverage_ratio",
        value_title=HEADERS["leverage_ratio"],
        target=float(target) if pd.notna(target) else None,
        target_label=target_text,
    ),
    title=t("budget.leverage_title", lang, ratio=i18n.ratio(leverage, lang))
    if pd.notna(leverage)
    else t("budget.leverage_title_none", lang),
    alt=alt(
        "budget.leverage_alt",
        [f"{r.year}: {i18n.ratio(r.leverage_ratio, lang)}" for r in money.itertuples()]
        + ([target_text] if pd.notna(target) else []),
    ),
    table=table(money, "year", "ostersund_sek", "external_sek", "leverage_ratio"),
    key="budget-leverage",
    lang=lang,
)

# A reporting window has no commitment: no commitment line to add up.
running = ["cumulative_ostersund_sek", "cumulative_external_sek"]
running[1:1] = ["cumulative_commitment_sek"] if has_commitment else []
cumulative = by_year.melt("year", running, var_name="series", value_name="sek")
cumulative["series"] = cumulative["series"].map(HEADERS)
end = money.iloc[-1]
chart(
    charts.lines(cumulative, "year", "sek", series="series", value_title=HEADERS["amount_sek"]),
    title=t(
        "budget.cumulative_title" if has_commitment else "budget.cumulative_title_window",
        lang,
        year=int(end["year"]),
        external=kr(end["cumulative_external_sek"]),
        ostersund=kr(end["cumulative_ostersund_sek"]),
        commitment=kr(end["cumulative_commitment_sek"]),
    ),
    alt=alt(
        "budget.cumulative_alt",
        (
            f"{r.year}: " + ", ".join(f"{HEADERS[c]} {kr(getattr(r, c))}" for c in running)
            for r in money.itertuples()
        ),
    ),
    table=table(money, "year", *running),
    key="budget-cumulative",
    lang=lang,
)
