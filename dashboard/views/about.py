"""Om / About: what every key figure means, where the data comes from, and the
accessibility statement a Swedish public body must publish (lagen (2018:1937))."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from dashboard import cache, i18n, state
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.tables import TABLES

# A placeholder until the organisation names the address that will answer; the statement
# says so in words, so nobody takes it for confirmed.
CONTACT = "uccn@ostersund.se"
# The day the statement was last reviewed: change it with every review.
STATEMENT_DATE = date(2026, 11, 29)

view = state.current()
lang = view.lang
t = i18n.t


def bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


st.title(t("about.heading", lang))
st.write(t("about.lead", lang))

# Definitions and the statement come from the code, not the store: shown even before data.
st.header(t("about.kpis_heading", lang))
st.write(t("about.kpis_lead", lang))
st.write(
    t(
        "about.status_explained",
        lang,
        on_track=i18n.percent(kpis.ON_TRACK, lang),
        at_risk=i18n.percent(kpis.AT_RISK, lang),
    )
)
st.write(t("about.unknown_explained", lang, unknown=i18n.not_reported(lang)))
for definition in KPI_DEFINITIONS.values():
    st.markdown(f"**{definition.name(lang)}**  \n{definition.definition(lang)}")
    st.caption(
        t(
            "about.kpi_meta",
            lang,
            code=definition.key,
            unit=t(f"about.unit_{definition.unit}", lang),
            over_years=t(f"about.over_years_{definition.over_years}", lang),
        )
    )

st.header(t("about.sources_heading", lang))
st.write(t("about.sources_lead", lang, count=len(TABLES)))
st.markdown(
    bullets(
        [
            t(
                "about.source_item",
                lang,
                name=table.label(lang),
                alias=table.alias,
                text=t(f"about.source_{table.name}", lang),
            )
            for table in TABLES.values()
        ]
    )
)
st.subheader(t("about.reference_heading", lang))
st.write(t("about.reference_lead", lang))
cities = pd.Series([c.creative_field for c in ref.uccn_cities()]).value_counts()
fields = {f: t(f"about.field_{f}", lang) for f in ref.UCCN_CREATIVE_FIELDS}
st.markdown(
    bullets(
        [
            t("about.reference_municipalities", lang, count=len(ref.municipalities())),
            t("about.reference_sdg11", lang, count=len(ref.sdg11_targets())),
            t("about.reference_sdg_goals", lang, count=len(ref.sdg_goals())),
            t(
                "about.reference_uccn",
                lang,
                count=len(ref.uccn_cities()),
                fields=len(fields),
                by_field=", ".join(f"{name} {cities.get(f, 0)}" for f, name in fields.items()),
            ),
        ]
    )
)
# The sources as the reference files state them, with their dates: plain text, not markup.
with st.expander(t("about.uccn_source", lang)):
    st.text(ref.uccn_source())
with st.expander(t("about.sdg_goals", lang)):
    # The notes atop the goals' file (the reference module has no public reader for them yet).
    st.text(ref._comments("sdg_goals.csv"))
    name = t("about.col_goal_name", lang)
    goals = pd.DataFrame(
        {
            t("about.col_goal", lang): [g.goal for g in ref.sdg_goals()],
            name: [g.en if lang == "en" else g.sv for g in ref.sdg_goals()],
        }
    )
    st.dataframe(goals, hide_index=True, key="about-sdg-goals")

st.header(t("about.store_heading", lang))
if not view.store_ready:
    st.write(t("about.no_store", lang))
else:
    info = cache.store_info()
    imported: datetime | None = info["last_import_at"]
    if imported is None:
        st.write(t("about.no_import", lang))
    else:
        # The log keeps UTC; readers think in Swedish time, summer and winter.
        local = (imported if imported.tzinfo else imported.replace(tzinfo=UTC)).astimezone(
            ZoneInfo("Europe/Stockholm")
        )
        st.write(t("about.last_import", lang, when=f"{local:%Y-%m-%d %H:%M}"))
    if info["is_demo"]:
        st.write(t("about.demo", lang))
    setting = cache.kpi_frame("staff_commitment", view.filters).iloc[0]
    st.write(t("about.full_time", lang, hours=i18n.number(setting["full_time_hours"], lang)))
    st.subheader(t("about.periods_heading", lang))
    # A reporting window has no commitments: say so, rather than "not reported".
    none = t("about.no_commitment", lang)
    periods = pd.DataFrame(
        {
            t("about.col_period", lang): p.period_id,
            t("about.col_start", lang): i18n.day(p.start, lang),
            t("about.col_end", lang): i18n.day(p.end, lang),
            t("about.col_money", lang): i18n.money(p.ostersund_sek_per_year, lang)
            if p.ostersund_sek_per_year is not None
            else none,
            t("about.col_staff", lang): i18n.percent(p.staff_share, lang)
            if p.staff_share is not None
            else none,
            t("about.col_kind", lang): t(
                "about.kind_reporting"
                if p.kind == "reporting"
                else ("about.kind_example" if p.is_example else "about.kind_agreement"),
                lang,
            ),
            t("about.col_note", lang): p.note_en if lang == "en" else p.note_sv,
        }
        for p in info["periods"]
    )
    st.dataframe(periods, hide_index=True, key="about-periods")

st.header(t("about.a11y_heading", lang))
st.write(t("about.a11y_intro", lang))
st.subheader(t("about.a11y_status_heading", lang))
st.write(t("about.a11y_status", lang))
st.subheader(t("about.a11y_known_heading", lang))
st.markdown(
    bullets(
        [
            t("about.a11y_known_hover", lang),
            t("about.a11y_known_untested", lang),
            t("about.a11y_known_automated", lang),
        ]
    )
)
st.subheader(t("about.a11y_done_heading", lang))
st.write(t("about.a11y_done", lang))
st.subheader(t("about.a11y_report_heading", lang))
st.write(t("about.a11y_report", lang, contact=CONTACT))
st.write(t("about.a11y_contact_note", lang, contact=CONTACT))
st.subheader(t("about.a11y_enforcement_heading", lang))
st.write(t("about.a11y_enforcement", lang))
st.caption(t("about.a11y_prepared", lang, date=i18n.day(STATEMENT_DATE, lang)))
