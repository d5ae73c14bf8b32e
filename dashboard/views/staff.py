"""Arbetstid / Staff time: the hours each party gives against its commitment of 30 % of an
official's full-time year."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, i18n, state
from dashboard.components import chart, kpi_card
from uccn_data import reference as ref

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t


def hours(value: float | None) -> str:
    """Whole hours as `2 054`, half hours kept: `515,5`."""
    whole = value is None or value != value or float(value).is_integer()
    return i18n.number(value, lang, 0 if whole else 1)


st.title(t("staff.heading", lang))
st.write(t("staff.lead", lang))
if not view.store_ready:
    st.stop()

# The yardstick first: what "30 % of a full-time year" means in hours is a setting.
setting = cache.kpi_frame("staff_commitment", f).iloc[0]
share = i18n.percent(setting["committed_share"], lang)
st.write(
    t(
        "staff.setting",
        lang,
        full_time=hours(setting["full_time_hours"]),
        share=share,
        per_year=hours(setting["expected_hours_per_year"]),
        per_month=hours(setting["expected_hours_per_month"]),
    )
)
if f.framework_area or f.theme or f.municipality:
    # Staff time is reported per party and month, not per activity.
    st.caption(t("staff.filters_ignored", lang))

monthly = cache.kpi_frame("staff_time_by_month", f)
if monthly.empty:
    st.info(t("staff.empty", lang))
    st.stop()

given = cache.kpi_frame("staff_time", f).set_index("organisation")
figures = cache.kpi_frame("headline", f).set_index("kpi")
for column, organisation in zip(st.columns(len(ref.ORGANISATIONS)), ref.ORGANISATIONS, strict=True):
    row = given.loc[organisation]
    with column:
        kpi_card(f"staff_share_{organisation}", figures.loc[f"staff_share_{organisation}"], lang)
        st.caption(
            t(
                "staff.card_hours",
                lang,
                hours=hours(row["hours"]),
                months=int(row["months"]),
                expected=hours(row["expected_hours"]),
                share=share,
            )
        )

names = {o: i18n.label(ref.ORGANISATIONS, o, lang) for o in ref.ORGANISATIONS}
# One decimal, so that 29,8 % is not shown as the 30 % it falls short of.
shares = ", ".join(
    f"{names[o]} {i18n.percent(given.loc[o, 'share_of_full_time'], lang, 1)}" for o in names
)
# A share not yet computable (no months) counts as below: nothing given is not "met".
below = [
    names[o] for o in names if not given.loc[o, "share_of_full_time"] >= setting["committed_share"]
]
title = (
    t("staff.title_below", lang, names=t("staff.and", lang).join(below), share=share, shares=shares)
    if below
    else t("staff.title_met", lang, share=share, shares=shares)
)
per_month = hours(setting["expected_hours_per_month"])
lines = monthly.assign(organisation=monthly["organisation"].map(names))
columns = {
    "month": t("staff.col_month", lang),
    "organisation": t("staff.col_party", lang),
    "hours": t("staff.col_hours", lang),
    "expected_hours": t("staff.col_expected", lang),
}
chart(
    charts.lines_over_target(
        lines,
        "month",
        "hours",
        series="organisation",
        value_title=columns["hours"],
        monthly=True,
        target=float(setting["expected_hours_per_month"]),
        target_label=t("staff.target_label", lang, share=share, hours=per_month),
    ),
    title=title,
    alt=t("staff.alt", lang, share=share, hours=per_month)
    + " "
    + "; ".join(
        t(
            "staff.alt_party",
            lang,
            name=names[o],
            hours=hours(given.loc[o, "hours"]),
            months=int(given.loc[o, "months"]),
            expected=hours(given.loc[o, "expected_hours"]),
        )
        for o in names
    ),
    # Months as `2024-03`, the Swedish standard, in both languages.
    table=lines.assign(month=lines["month"].dt.strftime("%Y-%m"))[list(columns)].rename(
        columns=columns
    ),
    key="staff-monthly",
    lang=lang,
)
