"""Shared render helpers: key figure cards, and charts that always come with their data.

Every chart goes through `chart()`: a heading that states the finding, the figure with its
alt text, the alt text also as a caption, and a "Visa data / Show data" table with a CSV
download. That is how WCAG's text alternative for a chart is met everywhere at once.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import i18n
from dashboard.charts import PLOTLY_CONFIG
from uccn_data.export import frame_to_csv
from uccn_data.kpi_definitions import KPI_DEFINITIONS


def format_value(key: str, value: float | None, lang: str) -> str:
    unit = KPI_DEFINITIONS[key].unit
    if unit == "sek":
        return i18n.money(value, lang)
    if unit == "share":
        return i18n.percent(value, lang)
    if unit == "ratio":
        return i18n.ratio(value, lang)
    return i18n.number(value, lang)


def kpi_card(key: str, row: Any, lang: str, previous: float | None = None) -> None:
    """A key figure with its target, its progress in words (not colour alone) and the change
    from the previous year when one is given."""
    definition = KPI_DEFINITIONS[key]
    target = row["target"]
    has_target = target is not None and target == target
    status = row["status"] if isinstance(row["status"], str) else None
    status_text = i18n.t(f"status.{status}", lang) if status else i18n.t("status.none", lang)
    value = row["value"]
    delta = None
    if previous is not None and previous == previous and value is not None and value == value:
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
        st.badge(status_text, icon=icon, color=badge_colour)
        st.caption(target_text)


def localise(figure: go.Figure, lang: str) -> None:
    """Axis numbers as the language writes them: `100 000` and `2,5` in Swedish, never the
    `100k` that Plotly writes by default."""
    figure.update_layout(separators=", " if lang == "sv" else ".,")
    for axis in (figure.layout.xaxis, figure.layout.yaxis):
        if axis.type != "category" and not axis.tickformat:
            axis.update(exponentformat="none", separatethousands=True)


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
    localise(figure, lang)
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
