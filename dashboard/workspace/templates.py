"""Mallar / Templates: an empty file for every table, as CSV and as Excel with lists of the
allowed values and a sheet explaining each column."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.i18n import t
from dashboard.state import View
from uccn_data.pages.workspace import XLSX, table_label
from uccn_data.tables import TABLES
from uccn_data.templates import template_csv, template_xlsx


def show(view: View) -> None:
    """One row per table: its name, then a CSV and an Excel download."""
    lang = view.lang
    st.write(t("data.templates_lead", lang))
    for name, table in TABLES.items():
        left, middle, right = st.columns([3, 1, 1])
        left.write(table_label(name, lang))
        middle.download_button(
            "CSV",
            # Built when clicked, not on every run of the Data page (seven workbooks).
            partial(template_csv, table),
            file_name=f"{table.alias}.csv",
            mime="text/csv",
            key=f"tpl-csv-{name}",
            on_click="ignore",
        )
        right.download_button(
            "Excel",
            partial(template_xlsx, table, lang),
            file_name=f"{table.alias}.xlsx",
            mime=XLSX,
            key=f"tpl-xlsx-{name}",
            on_click="ignore",
        )
