"""Mål / Targets: the yearly target per key figure, edited in a table and saved through the
same checks as an uploaded targets file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.i18n import t
from dashboard.login import current_user_name, require
from dashboard.state import View
from uccn_data.export import frame_to_csv
from uccn_data.importer import import_file
from uccn_data.pages.workspace import kpi_labels, problems_frame, targets_frame
from uccn_data.store import Store


def show(view: View, store: Store) -> None:
    """The targets editor and its Save button."""
    lang = view.lang
    st.write(t("data.targets_lead", lang))
    existing = (
        store.table("targets").to_pandas()
        if store.exists()
        else pd.DataFrame(columns=["year", "kpi", "target"])
    )
    edited = st.data_editor(
        targets_frame(existing, lang),
        num_rows="add",
        hide_index=True,
        key="targets_editor",
        column_config={
            "year": st.column_config.NumberColumn(
                t("filter.year", lang), min_value=2010, max_value=2100, step=1, format="%d"
            ),
            "kpi": st.column_config.SelectboxColumn(
                t("data.col_kpi", lang), options=list(kpi_labels(lang).values())
            ),
            "target": st.column_config.NumberColumn(t("data.col_target", lang), min_value=0.0),
        },
    )
    if st.button(t("data.save_targets", lang), key="save_targets"):
        require("coordinator", lang)
        save(store, edited, lang)


def save(store: Store, edited: pd.DataFrame, lang: str) -> None:
    """Save the edited table as a targets file would be imported, and say what it did."""
    as_file = frame_to_csv(
        edited.rename(columns={"year": "ar", "kpi": "nyckeltal", "target": "malvarde"})
    )
    if not store.exists():
        store.initialise()
    saved = import_file(
        store, as_file, "mål (redigerade i tabellen)", "targets", user=current_user_name()
    )
    if saved.ok and saved.result is not None:
        cache.clear()
        s = saved.result
        st.success(
            t(
                "data.committed",
                lang,
                id=s.import_id,
                inserted=s.inserted,
                updated=s.updated,
                unchanged=s.unchanged,
            )
        )
    else:
        st.error(t("data.errors", lang, count=len(saved.errors)))
        st.dataframe(problems_frame(saved, lang), hide_index=True, key="targets_errors")
