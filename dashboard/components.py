"""Shared render helpers: a key figure card with its target and status in words."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import i18n
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


def kpi_card(key: str, row: Any, lang: str) -> None:
    """A key figure with its target and, in words (not colour alone), its progress."""
    definition = KPI_DEFINITIONS[key]
    target = row["target"]
    has_target = target is not None and target == target
    caption = (
        i18n.t("overview.target", lang, target=format_value(key, target, lang))
        if has_target
        else i18n.t("overview.no_target", lang)
    )
    status = row["status"]
    delta = i18n.t(f"status.{status}", lang) if isinstance(status, str) else None
    st.metric(
        definition.name(lang),
        format_value(key, row["value"], lang),
        delta=delta,
        delta_color="off",
        delta_arrow="off",
        help=definition.definition(lang),
        border=True,
    )
    st.caption(caption)
