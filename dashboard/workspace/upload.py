"""Läs in fil / Upload: choose a table, drop a file, see it checked, import it on a click.

Every click anywhere on the page reruns this script; reading and checking a large file takes
minutes. So a file is checked once per upload (Streamlit's `file_id`), table asked for and
version of the store (the check looks up known activities and counts new and changed rows
against the store), and the result is kept in the session: the other runs only draw it.

The reading, checking and importing of a large file happen in a child process under a
memory cap and a time limit (uccn_data/worker.py): this session's thread only waits, and
every other session's pages stay as quick as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dashboard import cache, upload_guard
from dashboard.i18n import t
from dashboard.login import current_user_name, require
from dashboard.state import View
from uccn_data import worker
from uccn_data.importer import ImportReport
from uccn_data.pages.words import markdown
from uccn_data.pages.workspace import XLSX, preview_frame, problems_frame, table_label
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store
from uccn_data.tables import TABLES

CHECKED = "_upload_checked"  # session key: this session's one CheckedUpload


@dataclass(frozen=True)
class Shown:
    """What the page shows of one checked upload in one language, built once."""

    problems: pd.DataFrame
    error_report: bytes | None  # the file back with its errors marked; None if not read
    preview: pd.DataFrame | None  # the first rows as they will read back; None with errors


@dataclass
class CheckedUpload:
    """The check of one upload. `key` is (file_id, table asked for, store version)."""

    key: tuple[Any, ...]
    report: ImportReport
    shown: dict[str, Shown] = field(default_factory=dict)  # by language


def show(view: View, store: Store) -> None:
    """The upload tab: the table and file widgets, then the check, the preview and Import."""
    lang = view.lang
    st.write(t("data.upload_lead", lang))
    chosen = st.selectbox(
        t("data.table", lang),
        ["", *TABLES],
        format_func=lambda n: t("data.recognise", lang) if n == "" else table_label(n, lang),
        key="upload_table",
    )
    # Only here, after the page's role check, may this session upload (dashboard/upload_guard).
    upload_guard.allow()
    upload = st.file_uploader(t("data.file", lang), type=["csv", "xlsx"], key="upload_file")
    if upload is None:
        st.session_state.pop(CHECKED, None)  # the file was removed: let its rows go
        return
    checked = checked_upload(store, upload, chosen or None, lang)
    report, shown = checked.report, shown_upload(checked, upload, lang)
    if report.table:
        st.caption(t("data.checked_as", lang, table=table_label(report.table, lang)))
    if report.errors:
        st.error(t("data.errors", lang, count=len(report.errors)))
        st.dataframe(shown.problems, hide_index=True, key="upload_errors")
        if shown.error_report is not None:  # not for a file that could not be read
            st.download_button(
                t("data.error_report", lang),
                shown.error_report,
                file_name=f"fel-{upload.name.rsplit('.', 1)[0]}.xlsx",
                mime=XLSX,
                key="download_error_report",
                on_click="ignore",
            )
    for warning in report.warnings:
        # A warning names the file's own header or cell (an unknown column, a city): it is
        # shown as typed, never as Markdown that could link or fetch an image.
        text = markdown(f"{warning.column or ''}: {warning.message(lang)}")
        st.warning(text, icon=":material/info:")
    if report.checked is None or not report.ok or report.result is None:
        return
    r = report.result
    st.success(
        t(
            "data.ready",
            lang,
            rows=report.checked.n_rows,
            inserted=r.inserted,
            updated=r.updated,
            unchanged=r.unchanged,
        )
    )
    st.dataframe(shown.preview, hide_index=True, key="upload_preview")
    if st.session_state.get("_committed") == report.file_sha256:
        # A second click, or the same file again in this session: one import only.
        st.info(t("data.already_committed", lang))
    elif st.button(t("data.commit", lang), type="primary", key="commit"):
        require("coordinator", lang)
        commit(store, upload, report, lang)


def checked_upload(
    store: Store, upload: UploadedFile, table: str | None, lang: str
) -> CheckedUpload:
    """The upload's check, from the session when nothing it depends on has changed; else the
    file is read and checked now (a dry run: nothing is written). A store that cannot be used
    stops the page with its message."""
    # The version from before the check: a write during it makes the next run check again.
    key = (upload.file_id, table, cache.store_version())
    kept = st.session_state.get(CHECKED)
    if isinstance(kept, CheckedUpload) and kept.key == key:
        return kept
    try:
        with st.spinner(t("data.checking", lang)):
            report = worker.import_file(
                store.path, upload.getvalue(), upload.name, table, dry_run=True
            )
    except (StoreBusyError, StoreError) as exc:
        st.error(exc.message(lang))
        st.stop()
    checked = CheckedUpload(key, report)
    st.session_state[CHECKED] = checked
    return checked


def shown_upload(checked: CheckedUpload, upload: UploadedFile, lang: str) -> Shown:
    """The error table, error report and preview of a checked upload in `lang`, built on the
    first run that shows them in that language."""
    if lang not in checked.shown:
        report = checked.report
        # Only for a file that was read: one that could not be (too large, unreadable) has
        # its one message on the page, and reading it again would cost as much once more.
        error_report = (
            worker.error_report(upload.getvalue(), upload.name, report.errors, report.table, lang)
            if report.errors and report.checked is not None
            else None
        )
        preview = preview_frame(report) if report.ok else None
        checked.shown[lang] = Shown(problems_frame(report, lang), error_report, preview)
    return checked.shown[lang]


def commit(store: Store, upload: UploadedFile, report: ImportReport, lang: str) -> None:
    """Import the checked file whole, as the signed-in user, and say what it did.

    `import_file` checks the file once more: the store may have changed since the check."""
    try:
        with st.spinner(t("data.importing", lang)):
            done = worker.import_file(
                store.path, upload.getvalue(), upload.name, report.table, user=current_user_name()
            )
    except (StoreBusyError, StoreError) as exc:
        st.error(exc.message(lang))
        return
    if not done.ok or done.result is None:
        st.error(t("data.errors", lang, count=len(done.errors)))
        for problem in done.errors:
            st.text(problem.message(lang))  # a limit passed, or the store changed meanwhile
        return
    st.session_state["_committed"] = done.file_sha256
    cache.clear()
    d = done.result
    st.success(
        t(
            "data.committed",
            lang,
            id=d.import_id,
            inserted=d.inserted,
            updated=d.updated,
            unchanged=d.unchanged,
        )
    )
