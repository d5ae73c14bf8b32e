"""Removing an agreement period or reporting window (admins), behind a confirmation; never
the last agreement period."""

from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.i18n import t
from dashboard.login import require
from dashboard.state import View
from uccn_data import reference as ref
from uccn_data.pages import words
from uccn_data.pages.workspace import kind_label
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store


def show(view: View, store: Store, periods: list[ref.AgreementPeriod]) -> None:
    """The period to remove, its button and dialog, and why a removal was refused."""
    lang = view.lang
    by_id = {p.period_id: p for p in periods}
    doomed = st.selectbox(t("data.period_remove_which", lang), list(by_id), key="period_remove_id")
    if st.button(t("data.period_remove", lang), key="period_remove"):
        target = by_id.get(doomed or "")
        agreements = [p for p in periods if p.kind == "agreement"]
        if target is None:
            pass
        elif target.kind == "agreement" and len(agreements) == 1:
            st.session_state["_period_refused"] = t(
                "data.period_last", lang, period=words.markdown(target.period_id)
            )
        else:
            st.session_state["_confirm_period_removal"] = target.period_id
    if "_period_refused" in st.session_state:
        st.error(st.session_state.pop("_period_refused"))
    if st.session_state.get("_confirm_period_removal") in by_id:
        confirm_removal(store, by_id[st.session_state["_confirm_period_removal"]], lang)


def forget_removal() -> None:
    st.session_state.pop("_confirm_period_removal", None)


def confirm_removal(store: Store, period: ref.AgreementPeriod, lang: str) -> None:
    """The confirmation dialog; it stays open while `_confirm_period_removal` is set."""
    kind = kind_label(period.kind, lang)

    @st.dialog(t("data.period_remove_title", lang), on_dismiss=forget_removal)
    def dialog() -> None:
        st.write(
            t(
                "data.period_remove_confirm",
                lang,
                kind=kind,
                period=words.markdown(period.period_id),
            )
        )
        yes, no = st.columns(2)
        if no.button(t("data.undo_cancel", lang), key="period_remove_no"):
            forget_removal()
            st.rerun()
        if yes.button(t("data.period_remove_yes", lang), type="primary", key="period_remove_yes"):
            require("admin", lang)
            forget_removal()
            try:
                store.remove_period(period.period_id)
            except (StoreBusyError, StoreError) as exc:
                # Also the store's own refusal to remove the last agreement period.
                st.session_state["_period_refused"] = exc.message(lang)
            else:
                cache.clear()
                st.session_state["_period_select"] = ""
                st.session_state["_period_done"] = t(
                    "data.period_removed", lang, kind=kind, period=period.period_id
                )
            st.rerun()

    dialog()
