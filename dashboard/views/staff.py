"""Arbetstid / Staff time: the hours each party gives against its commitment of 30 % of an
official's full-time year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, charts, i18n, state
from dashboard.components import chart, completeness_notes, kpi_card
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
committed = setting["committed_share"]
has_commitment = pd.notna(committed)
share = i18n.percent(committed, lang)
st.write(
    t(
        "staff.setting" if has_commitment else "staff.setting_window",
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
notes = completeness_notes(f, lang)
for column, organisation in zip(st.columns(len(ref.ORGANISATIONS)), ref.ORGANISATIONS, strict=True):
    row = given.loc[organisation]
    with column:
        key = f"staff_share_{organisation}"
        # A party with no rows is not reported, never 0 hours: the card says so, no status.
        kpi_card(key, figures.loc[key], lang, note=notes.get(key))
        if pd.notna(row["hours"]) and has_commitment:
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
# Below the commitment only where a share is known; a party with no rows is not reported,
# which is neither "met" nor "below" (DATA_CONTRACT v2).
known = given["share_of_full_time"].notna()
below = [names[o] for o in names if known[o] and given.loc[o, "share_of_full_time"] < committed]
missing = [names[o] for o in names if not known[o]]
if below:
    title = t(
        "staff.title_below",
        lang,
        names=t("staff.and", lang).join(below),
        share=share,
        shares=shares,
    )
elif missing:
    title = t(
        "staff.title_unreported", lang, names=t("staff.and", lang).join(missing), shares=shares
    )
elif has_commitment:
    title = t("staff.title_met", lang, share=share, shares=shares)
else:
    title = t("staff.title_window", lang, shares=shares)
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
        target=float(setting["expected_hours_per_month"]) if has_commitment else None,
        target_label=t("staff.target_label", lang, share=share, hours=per_month),
    ),
    title=title,
    alt=t("staff.alt" if has_commitment else "staff.alt_window", lang, share=share, hours=per_month)
    + " "
    + "; ".join(
        t(
            "staff.alt_party" if known[o] else "staff.alt_party_unreported",
            lang,
            name=names[o],
            hours=hours(given.loc[o, "hours"]),
            months=int(given.loc[o, "months"]),
            note=notes.get(f"staff_share_{o}", "").lower(),
            expected=hours(given.loc[o, "expected_hours"])
            if has_commitment
            else t("staff.no_commitment", lang),
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
