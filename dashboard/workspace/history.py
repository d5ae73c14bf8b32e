"""Historik / History: every import, who made it and what it changed, and undo behind a
confirmation. A record or comment deleted in a form is an entry too, undone the same way:
what it deleted comes back."""

from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.i18n import t
from dashboard.login import current_user_name, require
from dashboard.state import View
from uccn_data.pages.workspace import history_frame
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store, UndoRefused


def show(view: View, store: Store) -> None:
    """The import log, the import to undo and its dialog, and what the last undo did."""
    lang = view.lang
    history = store.history() if store.exists() else []
    if not history:
        st.info(t("data.no_history", lang))
    else:
        st.dataframe(history_frame(history, lang), hide_index=True, key="history")
        active = [h["import_id"] for h in history if h["undone_at"] is None]
        if active:
            target = st.selectbox(t("data.undo_which", lang), active, key="undo_id")
            if st.button(t("data.undo", lang), key="undo"):
                st.session_state["_confirm_undo"] = int(target)
            if "_confirm_undo" in st.session_state:
                undoing = st.session_state["_confirm_undo"]
                deletion = any(h["import_id"] == undoing and h.get("rows_deleted") for h in history)
                confirm_undo(store, lang, undoing, deletion)
    if "_undo_refused" in st.session_state:
        st.error(st.session_state.pop("_undo_refused"))
    if "_undone" in st.session_state:
        import_id, removed, restored = st.session_state.pop("_undone")
        st.success(t("data.undone", lang, id=import_id, removed=removed, restored=restored))


def forget_undo() -> None:
    st.session_state.pop("_confirm_undo", None)


def confirm_undo(store: Store, lang: str, import_id: int, deletion: bool = False) -> None:
    """The confirmation dialog. It stays open while `_confirm_undo` is set, so its buttons work
    on any rerun; closing it, or Cancel, forgets the request. `deletion`: the entry deleted
    rows (a form's delete), which the undo brings back."""

    @st.dialog(t("data.undo_title", lang), on_dismiss=forget_undo)
    def dialog() -> None:
        said = "data.history_undo_deletion" if deletion else "data.undo_confirm"
        st.write(t(said, lang, id=import_id))
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
                # What a deletion took away is restored, like the rows an import changed.
                restored = result.updated + result.deleted
                st.session_state["_undone"] = (result.import_id, result.inserted, restored)
            st.rerun()

    dialog()
