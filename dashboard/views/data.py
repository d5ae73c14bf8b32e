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
from uccn_data.export import cell_text, file_columns, frame_to_csv
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
            # The rows as they will read back: lists, "maj 2018", "ca 250" as written.
            spec = TABLES[report.table or ""]
            preview = pd.DataFrame(
                {
                    spec.column(name).alias: [cell_text(v, kind) for v in values]
                    for name, kind, values in file_columns(spec, report.checked.data.slice(0, 50))
                }
            )
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
    # The same checks as `python -m uccn_data period add/remove`.
    from datetime import timedelta

    from uccn_data.__main__ import MAX_NOTE, PERIOD_KINDS, period_problems

    with admin_tabs[0]:
        require("admin", lang)
        periods = store.periods() if store.exists() else []
        by_id = {p.period_id: p for p in periods}

        def kind_label(kind: str) -> str:
            labels = {
                "agreement": t("data.kind_agreement", lang),
                "reporting": t("data.kind_reporting", lang),
            }
            return labels.get(kind, kind)

        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("data.col_period_id", lang): p.period_id,
                        t("data.col_kind", lang): kind_label(p.kind),
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
        if "_period_done" in st.session_state:
            st.success(st.session_state.pop("_period_done"))
        if "_period_select" in st.session_state:
            # Set before the select box exists: after a save it shows what was saved.
            st.session_state["period_edit"] = st.session_state.pop("_period_select")
        if st.session_state.get("period_edit") not in ("", *by_id):
            st.session_state["period_edit"] = ""
        st.write(t("data.period_lead", lang))
        chosen = st.selectbox(
            t("data.period_which", lang),
            ["", *by_id],
            format_func=lambda i: t("data.period_new", lang) if i == "" else i,
            key="period_edit",
        )
        current = by_id.get(chosen)
        # Every field is keyed by the chosen period, so choosing another fills in its values.
        suffix = chosen or "_new"
        kind = st.radio(
            t("data.col_kind", lang),
            PERIOD_KINDS,
            index=PERIOD_KINDS.index(current.kind) if current else 0,
            format_func=kind_label,
            horizontal=True,
            key=f"period_kind{suffix}",
        )
        if current is not None:
            first, last = current.start, current.end
        else:
            # A new period follows the latest agreement period, four years long.
            ends = [p.end for p in periods if p.kind == "agreement"]
            first = max(ends) + timedelta(days=1) if ends else date(2021, 1, 1)
            last = date(first.year + 4, first.month, 1) - timedelta(days=1)
        with st.form("period_form"):
            period_id = st.text_input(
                t("data.col_period_id", lang),
                value=chosen,
                max_chars=40,
                disabled=current is not None,
                help=t("data.period_id_help", lang),
                key=f"period_id{suffix}",
            )
            left, right = st.columns(2)
            start = left.date_input(
                t("data.col_start", lang),
                value=first,
                min_value=date(2000, 1, 1),
                max_value=date(2100, 12, 31),
                format="YYYY-MM-DD",
                key=f"period_start{suffix}",
            )
            end = right.date_input(
                t("data.col_end", lang),
                value=last,
                min_value=date(2000, 1, 1),
                max_value=date(2100, 12, 31),
                format="YYYY-MM-DD",
                key=f"period_end{suffix}",
            )
            sek: float | None = None
            share: float | None = None
            if kind == "agreement":
                sek = st.number_input(
                    t("data.col_sek", lang),
                    0.0,
                    99_999_999.0,
                    100_000.0
                    if current is None or current.ostersund_sek_per_year is None
                    else current.ostersund_sek_per_year,
                    step=10_000.0,
                    key=f"period_sek{suffix}",
                )
                share = st.number_input(
                    t("data.col_share", lang),
                    0.0,
                    1.0,
                    0.30 if current is None or current.staff_share is None else current.staff_share,
                    step=0.05,
                    key=f"period_share{suffix}",
                )
            else:
                st.caption(t("data.window_no_commitments", lang))
            example = st.checkbox(
                t("data.col_example", lang),
                value=current.is_example if current else False,
                key=f"period_example{suffix}",
            )
            note_sv = st.text_input(
                t("data.period_note_sv", lang),
                value=current.note_sv if current else "",
                max_chars=MAX_NOTE,
                key=f"period_note_sv{suffix}",
            )
            note_en = st.text_input(
                t("data.period_note_en", lang),
                value=current.note_en if current else "",
                max_chars=MAX_NOTE,
                key=f"period_note_en{suffix}",
            )
            submitted = st.form_submit_button(t("data.save_period", lang))
        if submitted:
            require("admin", lang)
            period = ref.AgreementPeriod(
                (period_id or "").strip(),
                start if isinstance(start, date) else first,
                end if isinstance(end, date) else last,
                None if sek is None else float(sek),
                None if share is None else float(share),
                bool(example),
                note_sv.strip(),
                note_en.strip(),
                kind or "agreement",
            )
            field_labels = {
                "id": t("data.col_period_id", lang),
                "start": t("data.col_start", lang),
                "end": t("data.col_end", lang),
                "kind": t("data.col_kind", lang),
                "sek_per_year": t("data.col_sek", lang),
                "staff_share": t("data.col_share", lang),
                "note_sv": t("data.period_note_sv", lang),
                "note_en": t("data.period_note_en", lang),
            }
            problems = [
                f"{field_labels[p.field]}: {p.message(lang)}"
                for p in period_problems(period, periods)
            ]
            if current is None and period.period_id in by_id:
                problems.append(t("data.period_exists", lang, period=period.period_id))
            if problems:
                st.error(t("data.period_not_saved", lang))
                for problem in problems:
                    st.error(problem)
            else:
                try:
                    if not store.exists():
                        store.initialise()
                    store.save_period(period)
                except (StoreBusyError, StoreError) as exc:
                    st.error(exc.message(lang))
                else:
                    cache.clear()
                    st.session_state["_period_select"] = period.period_id
                    st.session_state["_period_done"] = t(
                        "data.period_saved",
                        lang,
                        kind=kind_label(period.kind),
                        period=period.period_id,
                    )
                    st.rerun()

        if periods:
            st.divider()
            doomed = st.selectbox(
                t("data.period_remove_which", lang), list(by_id), key="period_remove_id"
            )

            def forget_removal() -> None:
                st.session_state.pop("_confirm_period_removal", None)

            @st.dialog(t("data.period_remove_title", lang), on_dismiss=forget_removal)
            def confirm_removal(removed_id: str) -> None:
                st.write(
                    t(
                        "data.period_remove_confirm",
                        lang,
                        kind=kind_label(by_id[removed_id].kind),
                        period=removed_id,
                    )
                )
                yes, no = st.columns(2)
                if no.button(t("data.undo_cancel", lang), key="period_remove_no"):
                    forget_removal()
                    st.rerun()
                if yes.button(
                    t("data.period_remove_yes", lang), type="primary", key="period_remove_yes"
                ):
                    require("admin", lang)
                    forget_removal()
                    try:
                        store.remove_period(removed_id)
                    except (StoreBusyError, StoreError) as exc:
                        # Also the store's own refusal to remove the last agreement period.
                        st.session_state["_period_refused"] = exc.message(lang)
                    else:
                        cache.clear()
                        st.session_state["_period_select"] = ""
                        st.session_state["_period_done"] = t(
                            "data.period_removed",
                            lang,
                            kind=kind_label(by_id[removed_id].kind),
                            period=removed_id,
                        )
                    st.rerun()

            if st.button(t("data.period_remove", lang), key="period_remove"):
                target = by_id.get(doomed or "")
                agreements = [p for p in periods if p.kind == "agreement"]
                if target is None:
                    pass
                elif target.kind == "agreement" and len(agreements) == 1:
                    st.session_state["_period_refused"] = t(
                        "data.period_last", lang, period=target.period_id
                    )
                else:
                    st.session_state["_confirm_period_removal"] = target.period_id
            if "_period_refused" in st.session_state:
                st.error(st.session_state.pop("_period_refused"))
            if st.session_state.get("_confirm_period_removal") in by_id:
                confirm_removal(st.session_state["_confirm_period_removal"])
