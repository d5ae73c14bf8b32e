"""Avtalsperioder / Agreement periods (admins): add or change an agreement period or a
reporting window, with the same checks as `python -m uccn_data period add`."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import cache
from dashboard.i18n import t
from dashboard.login import require
from dashboard.state import View
from dashboard.workspace import period_removal
from uccn_data import reference as ref
from uccn_data.__main__ import MAX_NOTE, PERIOD_KINDS
from uccn_data.pages import words
from uccn_data.pages.workspace import kind_label, new_period_span, period_messages, periods_frame
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store

# The years a period may lie in, as the command line checks them (PERIOD_YEARS).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def show(view: View, store: Store) -> None:
    """The periods table, the form for a new or chosen period, then removal."""
    lang = view.lang
    periods = store.periods() if store.exists() else []
    by_id = {p.period_id: p for p in periods}
    st.dataframe(periods_frame(periods, lang), hide_index=True, key="periods")
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
    period = form(by_id.get(chosen), chosen, periods, lang)
    if period is not None:
        require("admin", lang)
        save(store, period, by_id.get(chosen) is None, periods, lang)
    if periods:
        st.divider()
        period_removal.show(view, store, periods)


def form(
    current: ref.AgreementPeriod | None, chosen: str, periods: list[ref.AgreementPeriod], lang: str
) -> ref.AgreementPeriod | None:
    """The kind and the form for `current` (None: a new period); the period as entered once
    the form is submitted, else None."""
    # Every field is keyed by the chosen period, so choosing another fills in its values.
    suffix = chosen or "_new"
    kind = st.radio(
        t("data.col_kind", lang),
        PERIOD_KINDS,
        index=PERIOD_KINDS.index(current.kind) if current else 0,
        format_func=lambda k: kind_label(k, lang),
        horizontal=True,
        key=f"period_kind{suffix}",
    )
    first, last = (current.start, current.end) if current else new_period_span(periods)
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
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
            format="YYYY-MM-DD",
            key=f"period_start{suffix}",
        )
        end = right.date_input(
            t("data.col_end", lang),
            value=last,
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
            format="YYYY-MM-DD",
            key=f"period_end{suffix}",
        )
        sek: float | None = None
        share: float | None = None
        if kind == "agreement":
            known_sek = current.ostersund_sek_per_year if current else None
            known_share = current.staff_share if current else None
            sek = st.number_input(
                t("data.col_sek", lang),
                0.0,
                99_999_999.0,
                100_000.0 if known_sek is None else known_sek,
                step=10_000.0,
                key=f"period_sek{suffix}",
            )
            share = st.number_input(
                t("data.col_share", lang),
                0.0,
                1.0,
                0.30 if known_share is None else known_share,
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
        if not st.form_submit_button(t("data.save_period", lang)):
            return None
    return ref.AgreementPeriod(
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


def save(
    store: Store,
    period: ref.AgreementPeriod,
    is_new: bool,
    periods: list[ref.AgreementPeriod],
    lang: str,
) -> None:
    """Save `period` if it passes the checks, else say what is wrong with each field."""
    messages = period_messages(period, periods, is_new, lang)
    if messages:
        st.error(t("data.period_not_saved", lang))
        for message in messages:
            st.error(message)
        return
    try:
        if not store.exists():
            store.initialise()
        store.save_period(period)
    except (StoreBusyError, StoreError) as exc:
        st.error(exc.message(lang))
        return
    cache.clear()
    st.session_state["_period_select"] = period.period_id
    st.session_state["_period_done"] = t(
        "data.period_saved",
        lang,
        kind=kind_label(period.kind, lang),
        period=words.markdown(period.period_id),
    )
    st.rerun()
