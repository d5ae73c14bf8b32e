"""Översikt / Overview: the period's headline key figures against the agreement."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, i18n
from dashboard.components import kpi_card
from dashboard.state import language
from uccn_data import kpis
from uccn_data.problems import StoreBusyError, StoreError

lang = language()
t = i18n.t

st.title(t("overview.heading", lang))
st.caption(t("app.subtitle", lang))

path = str(cache.store_path())
try:
    version = cache.store_version()
    info = cache.store_info(path, version)
except StoreBusyError:
    st.warning(t("store.busy", lang))
    st.stop()
except StoreError as exc:
    if not cache.store_path().exists():
        st.info(t("store.missing", lang))
    else:
        st.error(t("store.error", lang, detail=exc.message(lang)))
    st.stop()

if info["is_demo"]:
    st.info(t("demo.notice", lang), icon=":material/science:")

periods = info["periods"]
period_ids = [p.period_id for p in periods]
period_id = st.selectbox(t("filter.period", lang), period_ids, key="period")
chosen = next(p for p in periods if p.period_id == period_id)
if chosen.is_example:
    st.caption(t("period.example", lang, period=period_id))
years = [None, *chosen.years]
year = st.selectbox(
    t("filter.year", lang),
    years,
    format_func=lambda y: t("filter.all_years", lang) if y is None else str(y),
    key="year",
)
filters = kpis.Filters(period=period_id, year=year)
scope = (
    t("overview.scope_period", lang, period=period_id)
    if year is None
    else t("overview.scope_year", lang, year=year, period=period_id)
)
st.write(t("overview.lead", lang, scope=scope))

try:
    figures = cache.headline(path, version, cache.key(filters)).set_index("kpi")
except StoreBusyError:
    st.warning(t("store.busy", lang))
    st.stop()

if not figures.loc["activities", "value"]:
    st.info(t("overview.empty", lang))

HEADLINE = [
    "activities",
    "smes_reached",
    "exchanges",
    "partner_cities",
    "ostersund_spending_sek",
    "external_funding_sek",
    "leverage_ratio",
    "staff_share_ostersund",
    "staff_share_region",
    "sdg11_aligned_share",
]
columns = st.columns(5)
for i, key in enumerate(HEADLINE):
    with columns[i % 5]:
        kpi_card(key, figures.loc[key], lang)

if info["last_import_at"] is not None:
    st.caption(t("overview.last_import", lang, when=f"{info['last_import_at']:%Y-%m-%d %H:%M}"))
