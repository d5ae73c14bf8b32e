"""Shared render helpers: key figure cards, and charts that always come with their data.

A card says how complete its figure is ("spending reported for 3 of 4 years so far") and
gives an unknown figure no status: unknown is not zero (DATA_CONTRACT v2). Text from the
coordinators' files (outcome titles, partners) is shown as plain text in tables only.

Every chart goes through `chart()`: a heading that states the finding, the figure with its
alt text, the alt text also as a caption, and a "Visa data / Show data" table with a CSV
download. That is how WCAG's text alternative for a chart is met everywhere at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import cache, charts, i18n
from dashboard.charts import PLOTLY_CONFIG
from uccn_data import reference as ref
from uccn_data.export import frame_to_csv
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Filters
from uccn_data.store import period_bounds


def format_value(key: str, value: float | None, lang: str) -> str:
    unit = KPI_DEFINITIONS[key].unit
    if unit == "sek":
        return i18n.money(value, lang)
    if unit == "share":
        return i18n.percent(value, lang)
    if unit == "ratio":
        return i18n.ratio(value, lang)
    return i18n.number(value, lang)


def _missing(value: object) -> bool:
    return value is None or value != value  # NaN is not equal to itself


MONEY_KPIS = ("ostersund_spending_sek", "external_funding_sek", "leverage_ratio")


def money_note(
    money: pd.DataFrame, summary: Any, lang: str, today: date | None = None
) -> str | None:
    """How complete the money is, from `money_by_year` and `money_summary`: `spending
    reported for 3 of 4 years so far; amounts unknown: 2`. Years not yet begun cannot have been
    reported, so they are not counted (as in the reports' notes)."""
    begun = money[money["year"] <= (today or date.today()).year]
    reported = int((begun["spending_rows"] > 0).sum())
    parts = [i18n.t("completeness.years", lang, reported=reported, years=len(begun))]
    if begun.empty:  # a scope that has not begun: nothing could have been reported yet
        parts = []
    if summary["amounts_unknown"]:
        unknown = int(summary["amounts_unknown"])
        parts.append(i18n.t("completeness.amounts_unknown", lang, count=unknown))
    return "; ".join(parts) or None


def months_begun(f: Filters, today: date | None = None) -> int:
    """The months of the scope that have ended by today: the months staff time could have
    been reported for (as in the reports' notes)."""
    period = next(p for p in cache.store_info()["periods"] if p.period_id == f.period)
    lo, hi = period_bounds(period, f.year)
    last = min(hi, (today or date.today()).replace(day=1) - timedelta(days=1))
    return 0 if last < lo else (last.year - lo.year) * 12 + last.month - lo.month + 1


def staff_note(row: Any, months: int, lang: str) -> str:
    """How complete one party's staff time is: `reported for 9 of 12 months`; a party with
    no rows has reported nothing, which is not 0 hours."""
    if _missing(row["hours"]):
        return i18n.t("completeness.staff_none", lang)
    reported = int(row["months_reported"])
    return i18n.t("completeness.months", lang, reported=reported, months=max(months, reported))


def completeness_notes(f: Filters, lang: str) -> dict[str, str]:
    """Key figure -> how complete its data is, for the cards: a figure from part of the
    record says which part (DATA_CONTRACT v2)."""
    money = cache.kpi_frame("money_by_year", f)
    note = money_note(money, cache.kpi_frame("money_summary", f).iloc[0], lang)
    notes = dict.fromkeys(MONEY_KPIS, note) if note else {}
    months = months_begun(f)
    for row in cache.kpi_frame("staff_time", f).to_dict("records"):
        notes[f"staff_share_{row['organisation']}"] = staff_note(row, months, lang)
    return notes


def kpi_card(
    key: str, row: Any, lang: str, previous: float | None = None, note: str | None = None
) -> None:
    """A key figure with its target, its progress in words (not colour alone), the change
    from the previous year when one is given, and how complete its data is (`note`).

    An unknown value reads "inga uppgifter" / "not reported" and gets no status: a figure
    computed from nothing is not 0, and not behind (DATA_CONTRACT v2)."""
    definition = KPI_DEFINITIONS[key]
    target, value = row["target"], row["value"]
    has_target = not _missing(target)
    status = row["status"] if isinstance(row["status"], str) else None
    if _missing(value):
        status, status_key = None, "status.unknown"
    elif status:
        status_key = f"status.{status}"
    else:
        # A target but nothing expected yet (the scope has not begun), or no target at all.
        status_key = "status.not_yet" if has_target else "status.none"
    delta = None
    if not _missing(previous) and not _missing(value):
        delta = format_value(key, value - previous, lang)
        if value - previous > 0:
            delta = "+" + delta
    with st.container(border=True):
        st.metric(
            definition.name(lang),
            format_value(key, value, lang),
            delta=delta,
            delta_color="normal" if definition.higher_is_better else "inverse",
            help=definition.definition(lang),
        )
        target_text = (
            i18n.t("overview.target", lang, target=format_value(key, target, lang))
            if has_target
            else i18n.t("overview.no_target", lang)
        )
        # The status is a word with an icon, so it does not rest on colour alone.
        icon, badge_colour = {
            "on_track": (":material/check_circle:", "green"),
            "at_risk": (":material/warning:", "orange"),
            "behind": (":material/error:", "red"),
        }.get(status or "", (":material/remove:", "gray"))
        st.badge(i18n.t(status_key, lang), icon=icon, color=badge_colour)
        st.caption(target_text)
        if note:
            st.caption(note)


def activity_facts(activity: Any, lang: str) -> str:
    """Participants, led by others: from `activity_summary`. A sum that includes approximate
    counts says so ("ca 4 344"), and a sum of nothing is not reported, not 0."""
    approx = int(activity["activity_participants_approx"])
    facts = [
        i18n.t(
            "overview.participants",
            lang,
            total=i18n.total(activity["activity_participants"], approx, lang),
            reported=int(activity["activities_with_participants"]),
            activities=int(activity["activities"]),
        )
    ]
    if approx:
        facts.append(i18n.t("overview.participants_approx", lang, count=approx))
    if activity["activities_led_by_others"]:
        led = int(activity["activities_led_by_others"])
        facts.append(i18n.t("overview.led_by_others", lang, count=led))
    return " ".join(facts)


def several_areas_note(activity: Any, lang: str) -> str | None:
    """A breakdown by framework area counts an activity in each area it names: say so when
    it does, so the areas are not read as adding up to the total."""
    several = int(activity["activities_in_several_areas"])
    if not several:
        return None
    total = i18n.number(activity["activities"], lang)
    return i18n.t("overview.several_areas", lang, count=several, total=total)


def outcomes(found: pd.DataFrame, by_kind: pd.DataFrame, lang: str, key: str) -> None:
    """Outcomes (awards, agreements, roles in the network...): a count by kind, then a
    plain-text table. Titles and partners are the coordinators' own words, never rendered as
    Markdown or HTML."""
    st.subheader(i18n.t("outcomes.title", lang, count=len(found)))
    if found.empty:
        st.caption(i18n.t("outcomes.empty", lang))
        return
    kinds = by_kind[by_kind["outcomes"] > 0]
    st.caption(
        ", ".join(
            f"{i18n.label(ref.OUTCOME_KINDS, r.kind, lang)}: {r.outcomes}"
            for r in kinds.itertuples()
        )
    )
    when = [
        i18n.t("outcomes.undated", lang)
        if _missing(r.date)
        else i18n.written_span(r.date, r.date_precision, r.end_date, r.end_date_precision, lang)
        for r in found.itertuples()
    ]
    table = pd.DataFrame(
        {
            i18n.t("outcomes.col_date", lang): when,
            i18n.t("outcomes.col_kind", lang): [
                i18n.label(ref.OUTCOME_KINDS, k, lang) for k in found["kind"]
            ],
            i18n.t("outcomes.col_title", lang): found["title"].astype(str),
            i18n.t("outcomes.col_partner", lang): found["partner"].astype(str),
        }
    )
    st.dataframe(table, hide_index=True, key=key)


def chart(
    figure: go.Figure,
    *,
    title: str,
    alt: str,
    table: pd.DataFrame,
    key: str,
    lang: str,
) -> None:
    """A chart with its finding as heading, its text alternative, and its data table."""
    st.subheader(title)
    if table.empty:
        st.info(i18n.t("chart.empty", lang))
        return
    charts.localise(figure, lang)
    st.plotly_chart(figure, config=PLOTLY_CONFIG, alt=alt, key=f"chart-{key}")
    st.caption(i18n.t("chart.alt_prefix", lang) + alt)
    with st.expander(i18n.t("chart.show_data", lang)):
        st.dataframe(table, hide_index=True, key=f"table-{key}")
        st.download_button(
            i18n.t("chart.download", lang),
            data=frame_to_csv(table),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"download-{key}",
            on_click="ignore",
        )
