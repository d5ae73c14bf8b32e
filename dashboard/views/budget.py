"""Ekonomi / Budget and leverage: Östersund's money against its 100,000 SEK a year, what it
was spent on, and how far outside funding multiplied it."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from dashboard import cache, charts, i18n, state
from dashboard.components import chart, kpi_card
from uccn_data import reference as ref

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t
HEADERS = {
    "year": t("filter.year", lang),
    "ostersund_sek": t("budget.col_ostersund", lang),
    "commitment_sek": t("budget.col_commitment", lang),
    "external_sek": t("budget.col_external", lang),
    "leverage_ratio": t("budget.col_leverage", lang),
    "cumulative_ostersund_sek": t("budget.col_cum_ostersund", lang),
    "cumulative_commitment_sek": t("budget.col_cum_commitment", lang),
    "cumulative_external_sek": t("budget.col_cum_external", lang),
    "category": t("budget.col_category", lang),
    "funder": t("budget.col_funder", lang),
    "amount_sek": t("budget.col_amount", lang),
}


def kr(value: float | None) -> str:
    return i18n.money(value, lang)


def table(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The numbers behind a chart, unformatted (the CSV stays computable), human headers."""
    return frame[list(columns)].rename(columns=HEADERS)


def alt(key: str, numbers: Iterable[str], **params: object) -> str:
    return t(key, lang, **params) + " " + "; ".join(numbers)


st.title(t("budget.heading", lang))
st.write(t("budget.lead", lang))
if not view.store_ready:
    st.stop()

summary = cache.kpi_frame("money_summary", f).iloc[0]
if not summary["total_sek"]:
    st.info(t("budget.empty", lang))
    st.stop()
if f.framework_area or f.theme or f.municipality:
    # Spending reaches these filters only through its activity: say so, or money not tied
    # to an activity would seem to have gone missing.
    st.caption(t("budget.filtered_note", lang))

figures = cache.kpi_frame("headline", f).set_index("kpi")
cards = st.columns(4)
with cards[0]:
    kpi_card("ostersund_spending_sek", figures.loc["ostersund_spending_sek"], lang)
with cards[1], st.container(border=True):
    share = i18n.percent(summary["share_of_commitment"], lang)
    st.metric(t("budget.share_label", lang), share, help=t("budget.share_help", lang))
    st.caption(t("budget.share_caption", lang, commitment=kr(summary["commitment_sek"])))
with cards[2]:
    kpi_card("external_funding_sek", figures.loc["external_funding_sek"], lang)
with cards[3]:
    kpi_card("leverage_ratio", figures.loc["leverage_ratio"], lang)

money = cache.kpi_frame("money_by_year", f)
# Years as words make a category axis: no 2021.5 ticks.
by_year = money.assign(year=money["year"].astype(str), text=money["ostersund_sek"].map(kr))
commitment = kr(money["commitment_sek"].iloc[0])
chart(
    charts.labelled_bar(
        by_year,
        "year",
        "ostersund_sek",
        "text",
        value_title=HEADERS["ostersund_sek"],
        target=float(money["commitment_sek"].iloc[0]),
        target_label=t("budget.commitment_line", lang, amount=commitment),
    ),
    title=t("budget.used_title", lang, share=share, commitment=kr(summary["commitment_sek"])),
    alt=alt(
        "budget.used_alt",
        (f"{r.year}: {kr(r.ostersund_sek)}" for r in money.itertuples()),
        commitment=commitment,
    ),
    table=table(money, "year", "ostersund_sek", "commitment_sek"),
    key="budget-commitment",
    lang=lang,
)

spending = cache.kpi_frame("spending_by_category", f)
totals = spending.groupby("category")["amount_sek"].sum().sort_values(ascending=False)
names = [i18n.label(ref.SPENDING_CATEGORIES, c, lang) for c in totals.index]
# Largest category first; funders stacked in the agreement's order in every bar.
by_category = spending.assign(
    order=spending["category"].map({c: i for i, c in enumerate(totals.index)}),
    funder_order=spending["funder"].map({c: i for i, c in enumerate(ref.FUNDERS)}),
    category=[i18n.label(ref.SPENDING_CATEGORIES, c, lang) for c in spending["category"]],
    funder=[i18n.label(ref.FUNDERS, c, lang) for c in spending["funder"]],
    text=spending["amount_sek"].map(kr),
).sort_values(["order", "funder_order"])
chart(
    charts.labelled_bar(
        by_category.sort_values(["funder_order", "order"]),
        "category",
        "amount_sek",
        "text",
        series="funder",
        horizontal=True,
        value_title=HEADERS["amount_sek"],
        category_order=names,
    ),
    title=t("budget.categories_title", lang, category=names[0], amount=kr(totals.iloc[0])),
    alt=alt("budget.categories_alt", (f"{n}: {kr(v)}" for n, v in zip(names, totals, strict=True))),
    table=table(by_category, "category", "funder", "amount_sek"),
    key="budget-categories",
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

running = ["cumulative_ostersund_sek", "cumulative_commitment_sek", "cumulative_external_sek"]
cumulative = by_year.melt("year", running, var_name="series", value_name="sek")
cumulative["series"] = cumulative["series"].map(HEADERS)
end = money.iloc[-1]
chart(
    charts.lines(cumulative, "year", "sek", series="series", value_title=HEADERS["amount_sek"]),
    title=t(
        "budget.cumulative_title",
        lang,
        year=int(end["year"]),
        external=kr(end["cumulative_external_sek"]),
        ostersund=kr(end["cumulative_ostersund_sek"]),
        commitment=kr(end["cumulative_commitment_sek"]),
    ),
    alt=alt(
        "budget.cumulative_alt",
        (
            f"{r.year}: {kr(r.cumulative_ostersund_sek)}, {kr(r.cumulative_commitment_sek)}, "
            f"{kr(r.cumulative_external_sek)}"
            for r in money.itertuples()
        ),
    ),
    table=table(money, "year", *running),
    key="budget-cumulative",
    lang=lang,
)
