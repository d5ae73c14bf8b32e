"""Fastställda år / Closed years (admins): close a year whose figures are final, reopen one,
and the log of both. While a year is closed, imports, target edits and undos that would change
its rows are refused (uccn_data.store)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.login import current_user_name
from dashboard.state import View
from dashboard.workspace.changes import apply
from uccn_data.reports.texts import stockholm_time
from uccn_data.store import Store


def show(view: View, store: Store) -> None:
    """The closed years, the year to close or reopen with its button, and the log."""
    lang = view.lang
    st.caption(t("data.years_lead", lang))
    if not store.exists():
        st.info(t("data.no_history", lang))
        return
    closed = store.closed_years()
    periods = store.periods()
    span = range(min(p.start.year for p in periods), max(p.end.year for p in periods) + 1)
    if closed:
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.years_year", lang): [str(c.year) for c in closed.values()],
                    t("data.years_closed_on", lang): [c.closed_on() for c in closed.values()],
                    t("data.years_closed_by", lang): [c.closed_by for c in closed.values()],
                }
            ),
            hide_index=True,
            key="closed_years",
        )
    else:
        st.info(t("data.years_none", lang))

    close, reopen = st.columns(2)
    open_years = [y for y in span if y not in closed]
    if open_years:
        year = close.selectbox(t("data.years_to_close", lang), open_years, key="year_close_which")
        if close.button(t("data.years_close", lang), key="year_close") and year is not None:
            _act(lambda: store.close_year(int(year), _who()), "data.years_closed", int(year), lang)
    if closed:
        year = reopen.selectbox(
            t("data.years_to_reopen", lang), list(closed), key="year_reopen_which"
        )
        if reopen.button(t("data.years_reopen", lang), key="year_reopen") and year is not None:
            _act(
                lambda: store.reopen_year(int(year), _who()), "data.years_reopened", int(year), lang
            )
    if "_year_done" in st.session_state:
        key, year = st.session_state.pop("_year_done")
        st.success(t(key, lang, year=year))

    log = store.year_log()
    if log:
        st.subheader(t("data.years_log", lang))
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.years_when", lang): [stockholm_time(e["at"]) for e in log],
                    t("data.years_year", lang): [str(e["year"]) for e in log],
                    t("data.years_action", lang): [
                        t(f"data.years_action_{e['action']}", lang) for e in log
                    ],
                    t("data.years_by", lang): [e["by"] for e in log],
                }
            ),
            hide_index=True,
            key="year_log",
        )


def _who() -> str:
    return current_user_name() or "admin"


def _act(change: Callable[[], object], done: str, year: int, lang: str) -> None:
    """Close or reopen, then show the page afresh with what was done."""
    if apply(change, lang):
        st.session_state["_year_done"] = (done, year)
        st.rerun()
