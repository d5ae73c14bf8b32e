"""(v2) The sentences that tell a reader how complete and how exact a screen's figures are:
spending reported for 3 of 4 years, staff time for 9 of 12 months, amounts unknown, budgets
kept apart, activities counted in several framework areas.

Unknown is not zero (DATA_CONTRACT v2), so a figure built from part of the record says so
beside it, in every output alike.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.reports import texts
from uccn_data.reports.texts import t


def missing(value: Any) -> bool:
    """None, NaN, NaT and pandas' NA: a value that was never reported."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is a value
        return False


def known(value: Any) -> float | None:
    return None if missing(value) else float(value)


def positive(value: Any) -> int:
    """A count, 0 when missing."""
    return 0 if missing(value) else int(value)


def money_notes(conn: Connection, f: Filters, lang: str, as_of: date | None) -> list[str]:
    """How complete the money is: years reported of the years begun, unknown amounts, spread
    rows, and the budgets that are shown beside it."""
    today = as_of or date.today()
    money = kpis.money_by_year(conn, f)
    summary = kpis.money_summary(conn, f).iloc[0]
    begun = money[money["year"] <= today.year]
    found: list[str] = []
    if len(begun):
        reported = int((begun["spending_rows"] > 0).sum())
        found.append(
            t(
                "complete.money",
                lang,
                reported=texts.number(reported, lang),
                years=texts.number(len(begun), lang),
            )
        )
    if positive(summary["amounts_unknown"]):
        n = texts.number(summary["amounts_unknown"], lang)
        found.append(t("complete.money_unknown", lang, n=n))
    if positive(summary["spread_rows"]):
        found.append(t("complete.money_spread", lang, n=texts.number(summary["spread_rows"], lang)))
    if not missing(summary["budget_sek"]):
        found.append(t("complete.budget", lang, budget=texts.money(summary["budget_sek"], lang)))
    return found


def months_begun(conn: Connection, f: Filters, as_of: date | None) -> int:
    """The months of the scope that have ended by `as_of` (default today)."""
    lo, hi = kpis.bounds(conn, f)
    today = as_of or date.today()
    last = min(hi, today.replace(day=1) - timedelta(days=1))
    return 0 if last < lo else (last.year - lo.year) * 12 + last.month - lo.month + 1


def staff_note(conn: Connection, f: Filters, lang: str, as_of: date | None) -> str | None:
    """`Staff time reported so far: Östersund Municipality 9 of 12 months, …`."""
    months = months_begun(conn, f, as_of)
    if not months:
        return None
    staff = kpis.staff_time(conn, f)
    parts = [
        t(
            "complete.staff_part",
            lang,
            party=ref.ORGANISATIONS[str(r.organisation)](lang),
            reported=texts.number(reported, lang),
            months=texts.number(max(months, reported), lang),
        )
        for r in staff.itertuples()
        for reported in [positive(r.months_reported)]
    ]
    return t("complete.staff", lang, parts="; ".join(parts))


def activity_notes(summary: pd.DataFrame, lang: str, *, in_area: bool) -> list[str]:
    """Activities in several framework areas, led by others, and how many report
    participants, from one row of `kpis.activity_summary`."""
    row = summary.iloc[0]
    found: list[str] = []
    several = positive(row["activities_in_several_areas"])
    if several:
        key = "area.several" if in_area else "headline.several"
        found.append(t(key, lang, n=texts.number(several, lang)))
    if in_area and positive(row["activities_led_by_others"]):
        n = texts.number(row["activities_led_by_others"], lang)
        found.append(t("area.led_by_others", lang, n=n))
    if in_area and positive(row["activities"]):
        found.append(
            t(
                "complete.participants",
                lang,
                known=texts.number(row["activities_with_participants"], lang),
                total=texts.number(row["activities"], lang),
            )
        )
    return found
