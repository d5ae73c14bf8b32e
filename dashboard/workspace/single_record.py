"""En post / One record: add or change one activity, exchange, spending row or outcome in a
form, without a spreadsheet.

The form is a one-row file: its fields are the table's columns, typed as in a file
(`2018-05`, `ca 120`, `1 500 kr`), and saving it goes through the very import a file does:
the same checks and messages, the same all-or-nothing write, an entry in the import log and
an undo under History.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pyarrow.compute as pc
import streamlit as st

from dashboard import cache
from dashboard.i18n import t
from dashboard.login import current_user_name, require
from dashboard.state import View
from uccn_data.export import rows_as_written
from uccn_data.importer import import_file
from uccn_data.pages import words
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store
from uccn_data.tables import TABLES, Table

EDITABLE = ("activities", "exchanges", "spending", "outcomes")
NEW = ""  # the choice "a new record" in the record selector


def field_key(table: Table, column: str) -> str:
    return f"record_{table.name}_{column}"


def show(view: View, store: Store) -> None:
    """The table, the record (new or existing), its fields, and what saving it did."""
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


def one_row_file(table: Table, values: dict[str, Any]) -> bytes:
    """The form as the file it stands for: the table's columns, one row, `;`, UTF-8."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    names = [c.name for c in table.columns]
    writer.writerow(names)
    writer.writerow([str(values.get(n) or "") for n in names])
    return buffer.getvalue().encode("utf-8")


def _save(store: Store, table: Table, values: dict[str, Any], lang: str) -> None:
    record = str(values.get(table.key[0]) or "")
    try:
        report = import_file(
            store,
            one_row_file(table, values),
            f"{t('data.record_file', lang)} {table.alias} {record}".strip(),
            table.name,
            user=current_user_name(),
        )
    except (StoreError, StoreBusyError) as refused:
        st.error(refused.message(lang))
        return
    if not report.ok:
        st.error(t("data.record_refused", lang))
        for problem in report.errors:
            said = problem.message(lang)
            if _known(table, problem.column):
                said = f"{table.column(str(problem.column)).alias}: {said}"
            st.error(words.markdown(said))  # it may quote what was typed
        return
    cache.clear()
    result = report.result
    st.session_state["_record_saved"] = {
        "id": words.markdown(record),
        "import_id": result.import_id if result else "",
    }
    st.rerun()


def _known(table: Table, column: str | None) -> bool:
    return column is not None and column in {c.name for c in table.columns}
