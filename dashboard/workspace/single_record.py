"""En post / One record: add or change one activity, exchange, spending row or outcome in a
form, without a spreadsheet.

The form is a one-row file: its fields are the table's columns, typed as in a file
(`2018-05`, `ca 120`, `1 500 kr`), and saving it goes through the very import a file does:
the same checks and messages, the same all-or-nothing write, an entry in the import log and
an undo under History. An existing record can be deleted too, behind a confirmation; the
deletion is logged and undone the same way.
"""

from __future__ import annotations

from typing import Any

import pyarrow.compute as pc
import streamlit as st

from dashboard.i18n import t
from dashboard.login import require
from dashboard.state import View
from dashboard.workspace import one_row
from uccn_data.export import rows_as_written
from uccn_data.pages import words
from uccn_data.store import Store
from uccn_data.tables import TABLES, Table

EDITABLE = ("activities", "exchanges", "spending", "outcomes")
NEW = ""  # the choice "a new record" in the record selector


def field_key(table: Table, column: str) -> str:
    return f"record_{table.name}_{column}"


def show(view: View, store: Store) -> None:
    """The table, the record (new or existing), its fields, what saving it did, and for an
    existing record a delete behind a confirmation."""
    lang = view.lang
    st.caption(t("data.record_lead", lang))
    name = st.selectbox(
        t("data.record_table", lang),
        EDITABLE,
        format_func=lambda n: TABLES[n].label(lang),
        key="record_table",
    )
    table = TABLES[name or EDITABLE[0]]
    key = table.key[0]
    if st.session_state.pop("_record_forget", None) == table.name:
        # The record just deleted is no longer one to choose: back to a new, empty one.
        st.session_state[f"record_id_{table.name}"] = NEW
        _fill(store, table)
    existing = store.table(table.name) if store.exists() else None
    ids = [] if existing is None else [str(v) for v in existing[key].to_pylist()]
    chosen = st.selectbox(
        t("data.record_which", lang),
        [NEW, *ids],
        format_func=lambda i: t("data.record_new", lang) if i == NEW else i,
        key=f"record_id_{table.name}",
        on_change=_fill,
        args=(store, table),
    )
    with st.form(f"record_form_{table.name}"):
        values = {
            c.name: st.text_input(
                f"{c.alias}{' *' if c.required else ''}",
                key=field_key(table, c.name),
                disabled=c.name == key and chosen != NEW,
                help=t("data.record_column_help", lang, name=c.name),
            )
            for c in table.columns
        }
        saved = st.form_submit_button(t("data.record_save", lang))
    if saved:
        require("coordinator", lang)
        if chosen != NEW:
            values[key] = chosen or ""
        _save(store, table, values, lang)
    if "_record_saved" in st.session_state:
        found = st.session_state.pop("_record_saved")
        st.success(t("data.record_saved", lang, **found))
    if chosen and chosen != NEW:
        _offer_delete(store, table, chosen, lang)
    if "_record_deleted" in st.session_state:
        st.success(t("data.record_deleted", lang, **st.session_state.pop("_record_deleted")))


def _offer_delete(store: Store, table: Table, record: str, lang: str) -> None:
    """The button that deletes the chosen record, usable once its confirmation is ticked."""
    confirmed = st.checkbox(
        t("data.record_delete_confirm", lang, id=words.markdown(record)),
        # One box per record: a tick given for one must not carry over to the next chosen.
        key=f"record_delete_confirm_{table.name}_{record}",
    )
    if not st.button(
        t("data.record_delete", lang), key=f"record_delete_{table.name}", disabled=not confirmed
    ):
        return
    result = one_row.delete_row(
        store,
        table,
        {table.key[0]: record},
        t("data.record_delete_file", lang, id=record),
        lang,
    )
    if result is None:
        return
    st.session_state["_record_deleted"] = {
        "id": words.markdown(record),
        "import_id": result.import_id,
    }
    st.session_state["_record_forget"] = table.name
    st.rerun()


def _fill(store: Store, table: Table) -> None:
    """Put the chosen record's values into the fields, as a file would hold them (or empty
    them for a new record)."""
    chosen = st.session_state.get(f"record_id_{table.name}", NEW)
    row: dict[str, str] = {}
    if chosen != NEW and store.exists():
        data = store.table(table.name)
        one = data.filter(pc.equal(data[table.key[0]], chosen))
        row = rows_as_written(table, one)[0] if one.num_rows else {}
    for column in table.columns:
        st.session_state[field_key(table, column.name)] = row.get(column.name, "")


def _save(store: Store, table: Table, values: dict[str, Any], lang: str) -> None:
    record = str(values.get(table.key[0]) or "")
    result = one_row.import_row(
        store,
        table,
        values,
        f"{t('data.record_file', lang)} {table.alias} {record}".strip(),
        t("data.record_refused", lang),
        lang,
    )
    if result is None:
        return
    st.session_state["_record_saved"] = {
        "id": words.markdown(record),
        "import_id": result.import_id,
    }
    st.rerun()
