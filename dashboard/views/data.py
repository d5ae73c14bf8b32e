"""Data: the coordinators' workspace. Upload and check a file, commit it, see and undo
imports, edit targets, fetch templates; admins also edit agreement periods.

Every action re-checks the role on the server: the page is absent from a viewer's menu, but
a typed address must not open it either.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import cache, i18n, state
from dashboard.auth import at_least
from dashboard.login import current_role, current_user_name, require
from uccn_data import reference as ref
from uccn_data.export import frame_to_csv
from uccn_data.importer import ImportReport, import_file
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store, UndoRefused
from uccn_data.tables import TABLES
from uccn_data.templates import error_report_xlsx, template_csv, template_xlsx

view = state.current()
lang = view.lang
t = i18n.t

st.title(t("data.heading", lang))
require("coordinator", lang)
store = Store(cache.store_path())


def table_label(name: str) -> str:
    return f"{TABLES[name].label(lang)} ({TABLES[name].alias})"


def problems_frame(report: ImportReport) -> pd.DataFrame:
    rows = [
        {
            **({t("data.col_sheet", lang): p.sheet} if p.sheet else {}),
            t("data.col_row", lang): p.row,
            t("data.col_column", lang): _column_as_written(p.column, report.table),
            t("data.col_value", lang): p.value,
            t("data.col_message", lang): p.message(lang),
        }
        for p in report.errors
    ]
    return pd.DataFrame(rows)


def _column_as_written(name: str | None, table: str | None) -> str | None:
    if name is None or table is None or lang == "en":
        return name
    try:
        return TABLES[table].column(name).alias
    except KeyError:
        return name


upload_tab, history_tab, targets_tab, templates_tab, *admin_tabs = st.tabs(
    [
        t("data.tab_upload", lang),
        t("data.tab_history", lang),
        t("data.tab_targets", lang),
        t("data.tab_templates", lang),
        *([t("data.tab_periods", lang)] if at_least(current_role(), "admin") else []),
    ]
)

with upload_tab:
    st.write(t("data.upload_lead", lang))
    chosen = st.selectbox(
        t("data.table", lang),
        ["", *TABLES],
        format_func=lambda n: t("data.recognise", lang) if n == "" else table_label(n),
        key="upload_table",
    )
    upload = st.file_uploader(t("data.file", lang), type=["csv", "xlsx"], key="upload_file")
    if upload is not None:
        data = upload.getvalue()
        sha = hashlib.sha256(data).hexdigest()
        try:
            report = import_file(store, data, upload.name, chosen or None, dry_run=True)
        except (StoreBusyError, StoreError) as exc:
            st.error(exc.message(lang))
            st.stop()
        if report.table:
            st.caption(t("data.checked_as", lang, table=table_label(report.table)))
        if report.errors:
            st.error(t("data.errors", lang, count=len(report.errors)))
            st.dataframe(problems_frame(report), hide_index=True, key="upload_errors")
            st.download_button(
                t("data.error_report", lang),
                error_report_xlsx(
                    data, upload.name, report.errors, TABLES.get(report.table or ""), lang
                ),
                file_name=f"fel-{upload.name.rsplit('.', 1)[0]}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="download_error_report",
                on_click="ignore",
            )
        for warning in report.warnings:
            st.warning(f"{warning.column or ''}: {warning.message(lang)}", icon=":material/info:")
        if report.checked is not None and report.ok and report.result is not None:
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
            preview = report.checked.data.slice(0, 50).to_pandas()
            preview.columns = [TABLES[report.table or ""].column(c).alias for c in preview.columns]
            st.dataframe(preview, hide_index=True, key="upload_preview")
            if st.session_state.get("_committed") == sha:
                # A second click, or the same file again in this session: one import only.
                st.info(t("data.already_committed", lang))
            elif st.button(t("data.commit", lang), type="primary", key="commit"):
                require("coordinator", lang)
                try:
                    done = import_file(
                        store, data, upload.name, report.table, user=current_user_name()
                    )
                except (StoreBusyError, StoreError) as exc:
                    st.error(exc.message(lang))
                else:
                    if done.ok and done.result is not None:
                        st.session_state["_committed"] = sha
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
                    else:
                        st.error(t("data.errors", lang, count=len(done.errors)))

with history_tab:
    history = store.history() if store.exists() else []
    if not history:
        st.info(t("data.no_history", lang))
    else:
        frame = pd.DataFrame(history)
        shown = pd.DataFrame(
            {
                t("data.col_id", lang): frame["import_id"],
                t("data.col_when", lang): frame["imported_at"].map(lambda v: f"{v:%Y-%m-%d %H:%M}"),
                t("data.col_who", lang): frame["imported_by"],
                t("data.col_table", lang): frame["table_name"].map(table_label),
                t("data.col_file", lang): frame["file_name"],
                t("data.col_rows", lang): [
                    t("data.rows_changed", lang, inserted=i, updated=u, unchanged=n)
                    for i, u, n in zip(
                        frame["rows_inserted"],
                        frame["rows_updated"],
                        frame["rows_unchanged"],
                        strict=True,
                    )
                ],
                t("data.col_undone", lang): frame["undone_at"].map(
                    lambda v: "" if pd.isna(v) else f"{v:%Y-%m-%d %H:%M}"
                ),
            }
        )
        st.dataframe(shown, hide_index=True, key="history")
        active = [h["import_id"] for h in history if h["undone_at"] is None]
        if active:
            target = st.selectbox(t("data.undo_which", lang), active, key="undo_id")

            def forget_undo() -> None:
                st.session_state.pop("_confirm_undo", None)

            # The dialog stays open while the flag is set, so its buttons work on any rerun
            # (and a closed dialog, or Cancel, forgets the request).
            @st.dialog(t("data.undo_title", lang), on_dismiss=forget_undo)
            def confirm_undo(import_id: int) -> None:
                st.write(t("data.undo_confirm", lang, id=import_id))
                yes, no = st.columns(2)
                if no.button(t("data.undo_cancel", lang), key="undo_no"):
                    forget_undo()
                    st.rerun()
                if yes.button(t("data.undo_yes", lang), type="primary", key="undo_yes"):
                    require("coordinator", lang)
                    forget_undo()
                    try:
                        result = store.undo(import_id, user=current_user_name())
                    except (UndoRefused, StoreBusyError, StoreError) as exc:
                        st.session_state["_undo_refused"] = exc.message(lang)
                    else:
                        cache.clear()
                        st.session_state["_undone"] = (
                            result.import_id,
                            result.inserted,
                            result.updated,
                        )
                    st.rerun()

            if st.button(t("data.undo", lang), key="undo"):
                st.session_state["_confirm_undo"] = int(target)
            if "_confirm_undo" in st.session_state:
                confirm_undo(st.session_state["_confirm_undo"])
        if "_undo_refused" in st.session_state:
            st.error(st.session_state.pop("_undo_refused"))
        if "_undone" in st.session_state:
            import_id, removed, restored = st.session_state.pop("_undone")
            st.success(t("data.undone", lang, id=import_id, removed=removed, restored=restored))

with targets_tab:
    st.write(t("data.targets_lead", lang))
    existing = (
        store.table("targets").to_pandas()
        if store.exists()
        else pd.DataFrame(columns=["year", "kpi", "target"])
    )
    kpi_labels = {key: d.name(lang) for key, d in KPI_DEFINITIONS.items()}
    editable = pd.DataFrame(
        {
            "year": existing["year"].astype("Int64"),
            "kpi": existing["kpi"].map(lambda k: kpi_labels.get(k, k)),
            "target": existing["target"].astype(float),
        }
    )
    edited = st.data_editor(
        editable,
        num_rows="add",
        hide_index=True,
        key="targets_editor",
        column_config={
            "year": st.column_config.NumberColumn(
                t("filter.year", lang), min_value=2010, max_value=2100, step=1, format="%d"
            ),
            "kpi": st.column_config.SelectboxColumn(
                t("data.col_kpi", lang), options=list(kpi_labels.values())
            ),
            "target": st.column_config.NumberColumn(t("data.col_target", lang), min_value=0.0),
        },
    )
    if st.button(t("data.save_targets", lang), key="save_targets"):
        require("coordinator", lang)
        # Saved through the same checks as an uploaded targets file.
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
            st.dataframe(problems_frame(saved), hide_index=True, key="targets_errors")

with templates_tab:
    st.write(t("data.templates_lead", lang))
    for name, table in TABLES.items():
        left, middle, right = st.columns([3, 1, 1])
        left.write(table_label(name))
        middle.download_button(
            "CSV",
            template_csv(table),
            file_name=f"{table.alias}.csv",
            mime="text/csv",
            key=f"tpl-csv-{name}",
            on_click="ignore",
        )
        right.download_button(
            "Excel",
            template_xlsx(table, lang),
            file_name=f"{table.alias}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"tpl-xlsx-{name}",
            on_click="ignore",
        )

if admin_tabs:
    with admin_tabs[0]:
        require("admin", lang)
        periods = store.periods() if store.exists() else []
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("filter.period", lang): p.period_id,
                        t("data.col_start", lang): p.start,
                        t("data.col_end", lang): p.end,
                        t("data.col_sek", lang): i18n.money(p.ostersund_sek_per_year, lang),
                        t("data.col_share", lang): i18n.percent(p.staff_share, lang),
                        t("data.col_example", lang): t("data.yes", lang)
                        if p.is_example
                        else t("data.no", lang),
                    }
                    for p in periods
                ]
            ),
            hide_index=True,
            key="periods",
        )
        with st.form("period_form"):
            st.write(t("data.period_lead", lang))
            first = st.number_input(
                t("data.first_year", lang), 2010, 2096, 2025, key="period_first"
            )
            sek = st.number_input(
                t("data.col_sek", lang),
                0.0,
                100_000_000.0,
                100_000.0,
                step=10_000.0,
                key="period_sek",
            )
            share = st.number_input(
                t("data.col_share", lang), 0.0, 1.0, 0.30, step=0.05, key="period_share"
            )
            example = st.checkbox(t("data.col_example", lang), key="period_example")
            note = st.text_input(t("data.period_note", lang), key="period_note")
            if st.form_submit_button(t("data.save_period", lang)):
                require("admin", lang)
                start = date(int(first), 1, 1)
                period = ref.AgreementPeriod(
                    f"{int(first)}-{int(first) + 3}",
                    start,
                    date(int(first) + 3, 12, 31),
                    float(sek),
                    float(share),
                    bool(example),
                    note,
                    note,
                )
                if not store.exists():
                    store.initialise()
                store.save_period(period)
                cache.clear()
                st.success(t("data.period_saved", lang, period=period.period_id))
