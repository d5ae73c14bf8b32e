"""One row written or deleted from a form on the Data page (one record, a comment): the form
saved as the one-row file it stands for, through the very import a file goes through (checks,
messages, closed years, log, undo), and a deletion through `Store.delete`, each shown to the
reader in their language with what was typed kept as plain text."""

from __future__ import annotations

import csv
import io
from typing import Any

import streamlit as st

from dashboard import cache
from dashboard.login import current_user_name, require
from uccn_data.importer import import_file
from uccn_data.pages import words
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import ImportResult, Store
from uccn_data.tables import Table


def one_row_file(table: Table, values: dict[str, Any]) -> bytes:
    """The form as the file it stands for: the table's columns, one row, `;`, UTF-8.
    A missing or empty value is an empty cell."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    names = [c.name for c in table.columns]
    writer.writerow(names)
    writer.writerow([str(values.get(n) or "") for n in names])
    return buffer.getvalue().encode("utf-8")


def import_row(
    store: Store,
    table: Table,
    values: dict[str, Any],
    file_name: str,
    refused: str,
    lang: str,
) -> ImportResult | None:
    """Import `values` (column name -> what a file's cell would hold) as a one-row file of
    `table`, logged under `file_name` by the signed-in user.

    On success the cached pages are forgotten and the result returned. Otherwise the reader is
    told why in the page (the store's message, or `refused` followed by each problem, named by
    its column's alias) and None is returned; nothing was written."""
    require("coordinator", lang)
    try:
        report = import_file(
            store,
            one_row_file(table, values),
            file_name,
            table.name,
            user=current_user_name(),
        )
    except (StoreError, StoreBusyError) as exc:
        st.error(exc.message(lang))
        return None
    if not report.ok:
        st.error(refused)
        known = {c.name for c in table.columns}
        for problem in report.errors:
            said = problem.message(lang)
            if problem.column is not None and problem.column in known:
                said = f"{table.column(str(problem.column)).alias}: {said}"
            st.error(words.markdown(said))  # it may quote what was typed
        return None
    cache.clear()
    return report.result


def delete_row(
    store: Store, table: Table, key: dict[str, Any], file_name: str, lang: str
) -> ImportResult | None:
    """Delete the row of `table` whose key is `key` (every key column; None for an empty
    cell), logged under `file_name` by the signed-in user and undoable under History.

    On success the cached pages are forgotten and the result returned; a refusal
    (`DeleteRefused`: no such row, a closed year, an activity still referred to) or a store
    that cannot be written is shown as an error in `lang` and None returned."""
    require("coordinator", lang)
    try:
        result = store.delete(table.name, key, file_name=file_name, user=current_user_name())
    except (StoreError, StoreBusyError) as exc:
        # The message names the record by its key, which a coordinator typed.
        st.error(words.markdown(exc.message(lang)))
        return None
    cache.clear()
    return result
