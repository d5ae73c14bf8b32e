"""The budget screen, with (v2) budgets beside the money spent and never added to it, and the
outcomes screen (v2): awards, agreements, publications, strategies, roles in the network and
media coverage, listed by kind.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import notes, texts, written
from uccn_data.reports.notes import known
from uccn_data.reports.screen import ChartSpec, Screen, chart_alt
from uccn_data.reports.texts import t


def _series(values: pd.Series) -> list[float | None]:
    """A chart's values: unknown stays unknown (a gap), never a bar of 0."""
    return [known(v) for v in values]


def budget(
    conn: Connection,
    f: Filters,
    lang: str,
    scope: str,
    as_of: date | None = None,
    *,
    window: bool = False,
) -> Screen:
    """Östersund's money against its commitment (none in a reporting window), the Region's,
    external funding and leverage, with the budgets beside them."""
    summary = kpis.money_summary(conn, f).iloc[0]
    money = kpis.money_by_year(conn, f)
    share = texts.percent(summary["share_of_commitment"], lang)
    name = KPI_DEFINITIONS
    figures = [
        (name["ostersund_spending_sek"].name(lang), texts.money(summary["ostersund_sek"], lang)),
        *([] if window else [(t("budget.share", lang), share)]),
        (name["external_funding_sek"].name(lang), texts.money(summary["external_sek"], lang)),
        (name["leverage_ratio"].name(lang), texts.ratio(summary["leverage_ratio"], lang)),
        (t("fig.budget", lang), texts.money(summary["budget_sek"], lang)),
    ]
    columns = {
        "ostersund_sek": t("col.ostersund", lang),
        **({} if window else {"commitment_sek": t("col.commitment", lang)}),
        "external_sek": t("col.external", lang),
        "budget_sek": t("col.budget", lang),
    }
    leverage = t("col.leverage", lang)
    years = [str(y) for y in money["year"]]
    series = {heading: _series(money[c]) for c, heading in columns.items()}
    table = pd.DataFrame(
        {
            t("col.year", lang): years,
            **series,
            leverage: _series(money["leverage_ratio"]),
        }
    )
    units = {**{h: "sek" for h in columns.values()}, leverage: "ratio"}
    subtitle = t("budget.subtitle_window" if window else "budget.subtitle", lang, scope=scope)
    screen = Screen(
        "budget", t("budget.name", lang), t("budget.title_empty", lang), subtitle, figures,
        table, None, "", units, notes=notes.money_notes(conn, f, lang, as_of),
    )  # fmt: skip
    if known(summary["total_sek"]) is None and known(summary["budget_sek"]) is None:
        return screen
    chart = ChartSpec("bar", years, series, "sek")
    alt = chart_alt(t("budget.alt_v2", lang), chart, lang)
    screen = replace(screen, chart=chart, alt=alt)
    if known(summary["total_sek"]) is None:
        return screen  # budgets only: nothing spent is reported yet
    ratio = known(summary["leverage_ratio"])
    words = {"ratio": texts.ratio(ratio, lang)} if ratio is not None else {}
    suffix = "" if ratio is not None else "_no_leverage"
    if window:
        used = texts.money(summary["ostersund_sek"], lang)
        title = t(f"budget.title_window{suffix}", lang, used=used, **words)
    else:
        commitment = texts.money(summary["commitment_sek"], lang)
        title = t(f"budget.title{suffix}", lang, share=share, commitment=commitment, **words)
    return replace(screen, title=title)


def outcomes(conn: Connection, f: Filters, lang: str, scope: str) -> Screen:
    """What the work led to beyond the activities, counted and listed by kind."""
    listed = kpis.outcomes_list(conn, f)
    by_kind = kpis.outcomes_by_kind(conn, f)
    kinds = [ref.OUTCOME_KINDS[str(k)](lang) for k in by_kind["kind"]]
    counts = [int(n) for n in by_kind["outcomes"]]
    figures = [(t("outcomes.total", lang), texts.number(len(listed), lang))]
    figures += [(k, texts.number(n, lang)) for k, n in zip(kinds, counts, strict=True) if n]
    heading, count = t("col.kind", lang), t("col.count", lang)
    table = pd.DataFrame({heading: kinds, count: counts})
    undated = int(listed["date"].isna().sum())
    found_notes = (
        [t("outcomes.undated_note", lang, n=texts.number(undated, lang))] if undated else []
    )
    screen = Screen(
        "outcomes", t("outcomes.name", lang), t("outcomes.title_empty", lang),
        t("outcomes.subtitle", lang, scope=scope), figures, table, None, "", {count: "count"},
        notes=found_notes, listing=written.outcomes_by_kind(listed, lang),
    )  # fmt: skip
    if not len(listed):
        return screen
    chart = ChartSpec("bar", kinds, {count: [float(n) for n in counts]})
    title = t("outcomes.title", lang, n=texts.number(len(listed), lang))
    return replace(
        screen, title=title, chart=chart, alt=chart_alt(t("outcomes.alt", lang), chart, lang)
    )
