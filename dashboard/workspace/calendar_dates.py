"""Rapportkalender / Reporting calendar (admins): the dates the figures of a year are due.
The Data completeness page shows what is still missing for the next one and offers the
calendar as an .ics file; nothing is sent from here."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.state import View
from dashboard.workspace.changes import apply
from uccn_data.pages import words
from uccn_data.store import Deadline, Store

MAX_TITLE = 200


def show(view: View, store: Store) -> None:
    """The deadlines, a form to add one, and the one to remove with its button."""
    lang = view.lang
    st.caption(t("data.calendar_lead", lang))
    if not store.exists():
        st.info(t("data.no_history", lang))
        return
    found = store.deadlines()
    if found:
        st.dataframe(
            pd.DataFrame(
                {
                    t("calendar.due", lang): [d.due.isoformat() for d in found],
                    t("calendar.title", lang): [d.title(lang) for d in found],
                    t("calendar.year", lang): [str(d.year) for d in found],
                }
            ),
            hide_index=True,
            key="deadlines",
        )
    else:
        st.info(t("calendar.none", lang))

    with st.form("deadline_add", clear_on_submit=True):
        due = st.date_input(
            t("data.calendar_due", lang),
            value=None,
            min_value=date(2000, 1, 1),
            max_value=date(2099, 12, 31),
            key="deadline_due",
        )
        year = st.number_input(
            t("data.calendar_year", lang),
            min_value=2000,
            max_value=2099,
            value=date.today().year - 1,
            step=1,
            key="deadline_year",
        )
        title_sv = st.text_input(t("data.calendar_title_sv", lang), key="deadline_title_sv")
        title_en = st.text_input(t("data.calendar_title_en", lang), key="deadline_title_en")
        added = st.form_submit_button(t("data.calendar_add", lang))
    if added:
        problems = []
        if not isinstance(due, date):
            problems.append(t("data.calendar_no_due", lang))
        if not title_sv.strip():
            problems.append(t("data.calendar_no_title", lang))
        if len(title_sv) > MAX_TITLE or len(title_en) > MAX_TITLE:
            problems.append(t("data.calendar_title_long", lang, limit=MAX_TITLE))
        if problems:
            for problem in problems:
                st.error(problem)
        elif isinstance(due, date):
            deadline = Deadline(
                f"{due.isoformat()}-{int(year)}-{len(found) + 1}",
                due,
                int(year),
                title_sv.strip(),
                title_en.strip(),
            )
            if apply(lambda: store.save_deadline(deadline), lang):
                st.session_state["_deadline_added"] = deadline.title_sv
                st.rerun()
    if "_deadline_added" in st.session_state:
        title = st.session_state.pop("_deadline_added")
        st.success(t("data.calendar_added", lang, title=words.markdown(title)))

    if found:
        by_id = {d.deadline_id: d for d in found}
        doomed = st.selectbox(
            t("data.calendar_remove_which", lang),
            list(by_id),
            format_func=lambda i: f"{by_id[i].due.isoformat()} {by_id[i].title(lang)}",
            key="deadline_remove_id",
        )
        remove = st.button(t("data.calendar_remove", lang), key="deadline_remove")
        if remove and doomed and apply(lambda: store.remove_deadline(doomed), lang):
            st.rerun()
