"""Företag / SMEs and regional reach: how many companies the work reaches, and where."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, charts, i18n, state, text
from dashboard.components import chart, format_value
from uccn_data import geometry
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t
AND = t("smes.and", lang)
COUNT = t("smes.col_smes", lang)
CARDS = ("smes_reached", "smes_outside_ostersund_share", "smes_repeat")

st.title(t("smes.heading", lang))
st.write(t("smes.lead", lang))
if f.municipality:
    # Elsewhere the filter is where an activity took place; here it is the company's home.
    st.caption(t("smes.municipality_note", lang, name=ref.MUNICIPALITY_CODES[f.municipality]))
if not view.store_ready:
    st.stop()

summary = cache.kpi_frame("sme_summary", f).iloc[0]
# Reached = the companies listed by name plus those activities only count ("over 20 farms"):
# unknown when there are neither, and "ca" when a count is an estimate.
reached, listed = summary["smes_reached"], int(summary["smes_listed"])
columns = st.columns(3)
for column, key in zip(columns, CARDS, strict=True):
    definition = KPI_DEFINITIONS[key]
    if key == "smes_reached":
        value = i18n.total(reached, summary["smes_counted_approx"], lang)
    else:
        value = format_value(key, summary[key], lang)
    column.metric(definition.name(lang), value, help=definition.definition(lang), border=True)
if pd.isna(reached) or not reached:
    st.info(t("smes.empty", lang))
    st.stop()
has_counts = pd.notna(summary["smes_counted"])
if has_counts:
    counted = i18n.total(summary["smes_counted"], summary["smes_counted_approx"], lang)
    split = t("smes.split", lang, listed=i18n.number(listed, lang), counted=counted)
else:
    split = t("smes.split_listed", lang, listed=i18n.number(listed, lang))
columns[0].caption(split)
if not listed:
    st.info(t("smes.none_listed", lang))
    st.stop()
if has_counts:
    # The breakdowns know only the companies listed by name: a count has no home or sector.
    st.caption(t("smes.listed_only", lang, listed=i18n.number(listed, lang)))


def place(code: str) -> str:
    if code == ref.OTHER_MUNICIPALITY:
        return t("municipality.other", lang)
    return ref.MUNICIPALITY_CODES.get(code) or t("municipality.unknown", lang)


def listing(frame: pd.DataFrame) -> str:
    """`Livsmedel 22, Konsthantverk 9`: the numbers of a chart for its text alternative."""
    pairs = zip(frame["category"], frame["smes"], strict=True)
    return ", ".join(f"{c} {i18n.number(n, lang)}" for c, n in pairs)


def lead(key: str, frame: pd.DataFrame, **params: object) -> str:
    """A title naming the breakdown's leader(s) by number of companies."""
    return text.finding(key, lang, frame, "category", "smes", and_word=AND, **params)


def smes_bar(frame: pd.DataFrame, header: str, *, title: str, alt_key: str, key: str) -> None:
    figure = charts.bar(
        frame,
        "category",
        "smes",
        horizontal=len(frame) > 4,  # long category names read better as rows
        value_title=COUNT,
        category_title=header,
    )
    table = frame.rename(columns={"category": header, "smes": COUNT})
    alt = t(alt_key, lang, values=listing(frame))
    chart(figure, title=title, alt=alt, table=table, key=key, lang=lang)


# Distinct companies per year: one company in three years counts in each of them.
by_year = cache.kpi_frame("smes_by", f, "year").sort_values("category")
if len(by_year) == 1:
    count, year = int(by_year["smes"].iloc[0]), by_year["category"].iloc[0]
    title = t("smes.year_title_one", lang, count=count, year=year)
else:
    title = lead("smes.year_title", by_year)
header = t("smes.col_year", lang)
smes_bar(by_year, header, title=title, alt_key="smes.year_alt", key="smes-year")

by_place = cache.kpi_frame("smes_by_municipality", f)
names = [place(c) for c in by_place["municipality"]]
on_map = by_place["municipality"].isin(list(ref.MUNICIPALITY_CODES)).to_numpy()
shown = pd.DataFrame({"category": names, "smes": by_place["smes"]})
figure = charts.municipality_map(
    by_place.assign(name=names, text=[i18n.number(n, lang) for n in by_place["smes"]]),
    geometry.municipality_outlines(),
    geometry.municipality_label_points(),
    code="municipality",
    name="name",
    value="smes",
    value_text="text",
)
share = format_value("smes_outside_ostersund_share", summary["smes_outside_ostersund_share"], lang)
outside = int(summary["smes_outside_ostersund"])
# The share is of the companies whose municipality is known: an unknown one is neither.
known = int(by_place.loc[by_place["municipality"] != "", "smes"].sum())
title = t("smes.map_title", lang, share=share, outside=outside, total=known)
alt = t("smes.map_alt", lang, values=listing(shown))
table = shown.rename(columns={"category": t("smes.col_municipality", lang), "smes": COUNT})
chart(figure, title=title, alt=alt, table=table, key="smes-map", lang=lang)
if not on_map.all():
    # Companies from outside the county, or with no municipality given, have no place on it.
    st.caption(t("smes.off_map", lang, places=listing(shown[~on_map])))

left, right = st.columns(2)
with left:
    by_sector = cache.kpi_frame("smes_by", f, "sector")
    sectors = [i18n.label(ref.SECTORS, s, lang) for s in by_sector["category"]]
    by_sector = by_sector.assign(category=sectors)
    title = lead("smes.sector_title", by_sector, total=listed)
    header = t("smes.col_sector", lang)
    smes_bar(by_sector, header, title=title, alt_key="smes.sector_alt", key="smes-sector")
with right:
    order = list(ref.SIZE_CLASSES)  # micro, small, medium: smallest first, not most first
    by_size = cache.kpi_frame("smes_by", f, "size_class")
    by_size = by_size.sort_values("category", key=lambda s: s.map(order.index))
    sizes = [i18n.label(ref.SIZE_CLASSES, s, lang) for s in by_size["category"]]
    by_size = by_size.assign(category=sizes)
    title = lead("smes.size_title", by_size, total=listed)
    header = t("smes.col_size", lang)
    smes_bar(by_size, header, title=title, alt_key="smes.size_alt", key="smes-size")

# Organisation numbers arrive masked from the KPI function: a sole trader's is personal data.
repeat = cache.kpi_frame("smes_reached_more_than_once", f)
count = len(repeat)
st.subheader(t("smes.repeat_title_one" if count == 1 else "smes.repeat_title", lang, count=count))
if repeat.empty:
    st.info(t("smes.repeat_none", lang))
else:
    table = pd.DataFrame(
        {
            t("smes.col_company", lang): repeat["company_name"],
            t("smes.col_org_number", lang): repeat["org_number"],
            t("smes.col_municipality", lang): [place(c) for c in repeat["municipality"]],
            t("smes.col_activities", lang): repeat["activities"],
        }
    )
    st.dataframe(table, hide_index=True, key="smes-repeat-table")
    st.caption(t("smes.repeat_privacy", lang))
