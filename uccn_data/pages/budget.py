"""Ekonomi / Budget and leverage: Östersund's money against its 100,000 SEK a year, what it
was spent on, who funded it, budgets beside the money spent, and how far outside funding
multiplied it.

Unknown amounts are unknown, never 0 kr (DATA_CONTRACT v2): a sum of nothing reads "inga
uppgifter" / "not reported", and a row whose amount is unknown stays empty in the tables with
"belopp okänt" / "amount unknown" beside it. A budget is shown beside the money spent, never
added to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import common, words
from uccn_data.pages.model import Block, Card, Cards, Chart, Heading, Metric, Page, Text
from uccn_data.pages.words import t
from uccn_data.reports import texts

# column -> the key of its heading in tables, legends and axis titles
HEADERS = {
    "year": "filter.year",
    "ostersund_sek": "budget.col_ostersund",
    "region_sek": "budget.col_region",
    "commitment_sek": "budget.col_commitment",
    "external_sek": "budget.col_external",
    "budget_sek": "budget.col_budget",
    "amounts_unknown": "budget.col_amounts_unknown",
    "leverage_ratio": "budget.col_leverage",
    "cumulative_ostersund_sek": "budget.col_cum_ostersund",
    "cumulative_commitment_sek": "budget.col_cum_commitment",
    "cumulative_external_sek": "budget.col_cum_external",
    "category": "budget.col_category",
    "funder": "budget.col_funder",
    "amount_sek": "budget.col_amount",
    "note": "budget.col_note",
}
# The key figure of each card, in order, whose comment goes under it (the share of the
# commitment is no key figure of its own).
CARD_KPIS = ("ostersund_spending_sek", None, "external_funding_sek", "leverage_ratio")
# Budgets beside the money spent, per year: never added to it.
PARTIES = ["ostersund_sek", "region_sek", "external_sek", "budget_sek"]


def intro(lang: str) -> list[Block]:
    """The heading and the lead: all a page shows before there is a store."""
    return [Heading(t("budget.heading", lang), 1), Text(t("budget.lead", lang))]


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page for the filters, in `lang`."""
    summary = kpis.money_summary(conn, f).iloc[0]
    blocks = intro(lang)
    blocks.append(common.finality(conn, f, lang))
    if not summary["years_reported"] and pd.isna(summary["budget_sek"]):
        return Page([*blocks, Text(t("budget.empty", lang), "info")])
    blocks += notes(f, summary, lang)
    money = kpis.money_by_year(conn, f)
    figures = kpis.headline(conn, f).set_index("kpi")
    blocks += common.cards_with_commentary(
        conn, f, cards(money, summary, figures, lang), CARD_KPIS, lang
    )
    spending = kpis.spending_by_category(conn, f)
    blocks += [
        commitment_chart(money, summary, lang),
        budgets_chart(money, summary, lang),
        categories_chart(spending, lang),
        external_chart(spending, lang),
        leverage_chart(money, summary, figures.loc["leverage_ratio", "target"], lang),
        cumulative_chart(money, summary, lang),
    ]
    return Page(blocks)


def notes(f: Filters, summary: Any, lang: str) -> list[Block]:
    """How comparable the amounts are, before any of them is read (the cards say how
    complete)."""
    found: list[Block] = []
    if f.framework_area or f.theme or f.municipality:
        # Spending reaches these filters only through its activity: say so, or money not tied
        # to an activity would seem to have gone missing.
        found.append(Text(t("budget.filtered_note", lang), "caption"))
    if summary["amounts_unknown"]:
        count = int(summary["amounts_unknown"])
        found.append(Text(t("budget.unknown_note", lang, count=count), "caption"))
    if summary["spread_rows"]:
        found.append(Text(t("budget.spread_note", lang), "caption"))
    found.append(Text(t("budget.currency_note", lang), "caption"))
    return found


def cards(money: pd.DataFrame, summary: Any, figures: pd.DataFrame, lang: str) -> Cards:
    """Östersund's money, its share of the commitment, the external money and the leverage,
    each money card saying how complete the amounts are."""
    note = common.money_note(money, summary, lang)
    commitment = summary["commitment_sek"]
    share = Card(
        [
            Metric(
                t("budget.share_label", lang),
                texts.percent(summary["share_of_commitment"], lang),
                help=t("budget.share_help", lang),
            )
        ],
        captions=[
            t("budget.share_caption", lang, commitment=texts.money(commitment, lang))
            if pd.notna(commitment)
            else t("budget.no_commitment", lang)
        ],
    )
    return Cards(
        [
            common.kpi_card(
                "ostersund_spending_sek", figures.loc["ostersund_spending_sek"], lang, note=note
            ),
            share,
            common.kpi_card(
                "external_funding_sek", figures.loc["external_funding_sek"], lang, note=note
            ),
            common.kpi_card("leverage_ratio", figures.loc["leverage_ratio"], lang, note=note),
        ],
        per_row=4,
    )


def headers(lang: str) -> dict[str, str]:
    return {column: t(key, lang) for column, key in HEADERS.items()}


def table(frame: pd.DataFrame, lang: str, *columns: str) -> pd.DataFrame:
    """The numbers behind a chart, unformatted (the CSV stays computable), human headers."""
    return frame[list(columns)].rename(columns=headers(lang))


def alt(key: str, lang: str, numbers: Iterable[str], **params: object) -> str:
    return t(key, lang, **params) + " " + "; ".join(numbers)


def labelled(frame: pd.DataFrame, value: str, lang: str) -> pd.DataFrame:
    """Each amount written on its bar the reader's way (`12 500 kr`)."""
    return frame.assign(text=[texts.money(v, lang) for v in frame[value]])


def noted(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An amount that is unknown stays empty (never 0) and says "amount unknown" beside it."""
    unknown = t("budget.amount_unknown", lang)
    return frame.assign(note=[unknown if pd.isna(v) else "" for v in frame["amount_sek"]])


def by_year(money: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Years as words make a category axis: no 2021.5 ticks."""
    return money[["year", *columns]].assign(year=money["year"].astype(str))


def commitment_chart(money: pd.DataFrame, summary: Any, lang: str) -> Chart:
    """Östersund's money per year against its commitment line."""
    commitment = summary["commitment_sek"]
    has_commitment = pd.notna(commitment)
    kr = texts.money(commitment, lang)
    # The line and its words are the yearly commitment; the title's is the whole period's.
    per_year = float(money["commitment_sek"].iloc[0]) if has_commitment else None
    kr_per_year = texts.money(per_year, lang)
    if pd.isna(summary["ostersund_sek"]):
        title = t("budget.used_title_unknown", lang)
    elif has_commitment:
        share = texts.percent(summary["share_of_commitment"], lang)
        title = t("budget.used_title", lang, share=share, commitment=kr)
    else:
        amount = texts.money(summary["ostersund_sek"], lang)
        title = t("budget.used_title_window", lang, amount=amount)
    return Chart(
        key="budget-commitment",
        title=title,
        kind="labelled_bar",
        data=labelled(by_year(money, "ostersund_sek"), "ostersund_sek", lang),
        options={
            "category": "year",
            "value": "ostersund_sek",
            "text": "text",
            "value_title": t(HEADERS["ostersund_sek"], lang),
            "target": per_year,
            "target_label": t("budget.commitment_line", lang, amount=kr_per_year),
        },
        alt=alt(
            "budget.used_alt" if has_commitment else "budget.used_alt_window",
            lang,
            (f"{r.year}: {texts.money(r.ostersund_sek, lang)}" for r in words.rows(money)),
            commitment=kr_per_year,
        ),
        table=table(money, lang, "year", "ostersund_sek", "commitment_sek"),
    )


def budgets_chart(money: pd.DataFrame, summary: Any, lang: str) -> Chart:
    """Per year: the money each party spent and the budgets, side by side, never added."""
    named = headers(lang)
    side_by_side = by_year(money, *PARTIES).melt(
        "year", PARTIES, var_name="series", value_name="sek"
    )
    side_by_side["series"] = side_by_side["series"].map(named)

    def kr(value: object) -> str:
        return texts.money(value, lang)

    return Chart(
        key="budget-budgets",
        title=t(
            "budget.budgets_title",
            lang,
            budget=kr(summary["budget_sek"]),
            spent=kr(summary["total_sek"]),
        ),
        kind="labelled_bar",
        data=labelled(side_by_side, "sek", lang),
        options={
            "category": "year",
            "value": "sek",
            "text": "text",
            "series": "series",
            "stacked": False,  # budgets beside the money spent, never on top of it
            "value_title": named["amount_sek"],
        },
        alt=alt(
            "budget.budgets_alt",
            lang,
            (
                f"{r.year}: {kr(r.ostersund_sek)}, {kr(r.region_sek)}, {kr(r.external_sek)}, "
                f"{kr(r.budget_sek)} "
                f"({t('completeness.amounts_unknown', lang, count=r.amounts_unknown)})"
                for r in words.rows(money)
            ),
        ),
        table=table(money, lang, "year", *PARTIES, "amounts_unknown"),
    )


def categories_chart(spending: pd.DataFrame, lang: str) -> Chart:
    """Spending per category, largest first, the funders stacked in the agreement's order."""
    # min_count: a category whose every amount is unknown is unknown, not 0 kr.
    totals = spending.groupby("category")["amount_sek"].sum(min_count=1)
    totals = totals.sort_values(ascending=False)
    names = [words.label(ref.SPENDING_CATEGORIES, c, lang) for c in totals.index]
    by_category = spending.assign(
        order=spending["category"].map({c: i for i, c in enumerate(totals.index)}),
        funder_order=spending["funder"].map({c: i for i, c in enumerate(ref.FUNDERS)}),
        category=[words.label(ref.SPENDING_CATEGORIES, c, lang) for c in spending["category"]],
        funder=[words.label(ref.FUNDERS, c, lang) for c in spending["funder"]],
    ).sort_values(["order", "funder_order"])
    if totals.notna().any():
        amount = texts.money(totals.iloc[0], lang)
        title = t("budget.categories_title", lang, category=words.markdown(names[0]), amount=amount)
    else:
        title = t("budget.categories_title_none", lang)
    bars = by_category.sort_values(["funder_order", "order"])[["category", "funder", "amount_sek"]]
    return Chart(
        key="budget-categories",
        title=title,
        kind="labelled_bar",
        data=labelled(bars, "amount_sek", lang),
        options={
            "category": "category",
            "value": "amount_sek",
            "text": "text",
            "series": "funder",
            "horizontal": True,
            "category_order": names,
            "value_title": t(HEADERS["amount_sek"], lang),
        },
        alt=alt(
            "budget.categories_alt",
            lang,
            (f"{n}: {texts.money(v, lang)}" for n, v in zip(names, totals, strict=True)),
        ),
        table=table(noted(by_category, lang), lang, "category", "funder", "amount_sek", "note"),
    )


def external_chart(spending: pd.DataFrame, lang: str) -> Chart:
    """External funding: every funder that is neither party, by its finer kind, largest first."""
    external = (
        spending[spending["funder"].isin(ref.EXTERNAL_FUNDERS)]
        .groupby("funder")["amount_sek"]
        .sum(min_count=1)
        .sort_values(ascending=False)
        .reset_index()
    )
    external["funder"] = [words.label(ref.FUNDERS, c, lang) for c in external["funder"]]
    if external["amount_sek"].notna().any():
        funder = words.markdown(external["funder"].iloc[0])
        amount = texts.money(external["amount_sek"].iloc[0], lang)
        title = t("budget.external_title", lang, funder=funder, amount=amount)
    else:
        title = t("budget.external_title_none", lang)
    return Chart(
        key="budget-external",
        title=title,
        kind="labelled_bar",
        data=labelled(external, "amount_sek", lang),
        options={
            "category": "funder",
            "value": "amount_sek",
            "text": "text",
            "horizontal": True,
            "value_title": t(HEADERS["amount_sek"], lang),
        },
        alt=alt(
            "budget.external_alt",
            lang,
            (f"{r.funder}: {texts.money(r.amount_sek, lang)}" for r in words.rows(external)),
        ),
        table=table(noted(external, lang), lang, "funder", "amount_sek", "note"),
    )


def leverage_chart(money: pd.DataFrame, summary: Any, target: Any, lang: str) -> Chart:
    """External money per municipal krona, per year, against its target when one is set."""
    leverage = summary["leverage_ratio"]
    target_text = t("budget.leverage_target", lang, ratio=texts.ratio(target, lang))
    return Chart(
        key="budget-leverage",
        title=t("budget.leverage_title", lang, ratio=texts.ratio(leverage, lang))
        if pd.notna(leverage)
        else t("budget.leverage_title_none", lang),
        kind="lines_over_target",
        data=by_year(money, "leverage_ratio"),
        options={
            "x": "year",
            "y": "leverage_ratio",
            "value_title": t(HEADERS["leverage_ratio"], lang),
            "target": float(target) if pd.notna(target) else None,
            "target_label": target_text,
        },
        unit="ratio",
        alt=alt(
            "budget.leverage_alt",
            lang,
            [f"{r.year}: {texts.ratio(r.leverage_ratio, lang)}" for r in words.rows(money)]
            + ([target_text] if pd.notna(target) else []),
        ),
        table=table(money, lang, "year", "ostersund_sek", "external_sek", "leverage_ratio"),
    )


def cumulative_chart(money: pd.DataFrame, summary: Any, lang: str) -> Chart:
    """Running totals year by year; a reporting window has no commitment line to add up."""
    has_commitment = pd.notna(summary["commitment_sek"])
    named = headers(lang)
    running = ["cumulative_ostersund_sek", "cumulative_external_sek"]
    running[1:1] = ["cumulative_commitment_sek"] if has_commitment else []
    cumulative = by_year(money, *running).melt("year", running, var_name="series", value_name="sek")
    cumulative["series"] = cumulative["series"].map(named)
    end = money.iloc[-1]

    def kr(value: object) -> str:
        return texts.money(value, lang)

    return Chart(
        key="budget-cumulative",
        title=t(
            "budget.cumulative_title" if has_commitment else "budget.cumulative_title_window",
            lang,
            year=int(end["year"]),
            external=kr(end["cumulative_external_sek"]),
            ostersund=kr(end["cumulative_ostersund_sek"]),
            commitment=kr(end["cumulative_commitment_sek"]),
        ),
        kind="lines",
        data=cumulative,
        options={"x": "year", "y": "sek", "series": "series", "value_title": named["amount_sek"]},
        unit="sek",
        alt=alt(
            "budget.cumulative_alt",
            lang,
            (
                f"{r.year}: " + ", ".join(f"{named[c]} {kr(getattr(r, c))}" for c in running)
                for r in words.rows(money)
            ),
        ),
        table=table(money, lang, "year", *running),
    )
