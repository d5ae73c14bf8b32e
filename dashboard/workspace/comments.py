"""Kommentarer / Comments: the coordinators' analysis of the figures, written on the Data page.

A comment is about a scope (the whole, a framework area, a KPI, SDG 11), a period and one year
of it or the whole period; it is written in Swedish, English optional. Saving it is a one-row
file of the `comments` table through the very import a file goes through (checks, closed
years, log, undo under History); deleting it goes through `Store.delete`, logged and undone the
same way. What was written is shown back as plain text only (a table cell), never as Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.state import View
from dashboard.workspace import one_row
from uccn_data import reference as ref
from uccn_data.commentary import Comment, comment_for, comments_on
from uccn_data.pages import words
from uccn_data.store import Store
from uccn_data.tables import COMMENT_MAX_LENGTH, COMMENTS

WHOLE_PERIOD = 0  # the choice "the whole period" in the year selector (stored as no year)
LOADED = "_comment_loaded"  # which comment the text fields were last filled with
DONE = "_comment_done"  # what the last save or delete did, shown after the rerun


def show(view: View, store: Store) -> None:
    """The comment to write (scope, period, year), its texts prefilled with the stored
    comment, save and delete, what that did, and the period's comments as a table."""
    lang = view.lang
    st.caption(t("data.comments_lead", lang))
    if not store.exists():
        st.info(t("data.comments_no_store", lang))
        return
    scopes = COMMENTS.column("scope").choices or {}
    periods = {p.period_id: p for p in store.periods()}
    if not scopes or not periods:
        st.info(t("data.comments_no_store", lang))
        return

    scope = str(
        st.selectbox(
            t("data.comments_scope", lang),
            list(scopes),
            format_func=lambda s: scopes[s](lang),
            key="comment_scope",
        )
    )
    ids = list(periods)
    period_id = str(
        st.selectbox(
            t("data.comments_period", lang),
            ids,
            index=ids.index(view.filters.period) if view.filters.period in ids else 0,
            key="comment_period",
        )
    )
    period = periods[period_id]
    years = [WHOLE_PERIOD, *period.years]
    chosen_year = st.selectbox(
        t("data.comments_year", lang),
        years,
        index=years.index(view.filters.year) if view.filters.year in years else 0,
        format_func=lambda y: (
            t("data.comments_whole_period", lang) if y == WHOLE_PERIOD else str(y)
        ),
        # One selector per period: their years differ.
        key=f"comment_year_{period_id}",
    )
    year = None if not chosen_year else int(chosen_year)

    with store.reading() as conn:
        current = comment_for(conn, scope, period_id, year)
        listed = [c for y in (None, *period.years) for c in comments_on(conn, period_id, y)]
    _fill(scope, period_id, year, current)
    st.caption(t("data.comments_current" if current else "data.comments_new", lang))

    where = {
        "scope": scopes[scope](lang),
        "period": period_id,
        "year": year if year is not None else t("data.comments_whole_period", lang).lower(),
    }
    with st.form("comment_form"):
        help_text = t("data.comments_text_help", lang, limit=COMMENT_MAX_LENGTH)
        text_sv = st.text_area(
            t("data.comments_text_sv", lang),
            key="comment_text_sv",
            max_chars=COMMENT_MAX_LENGTH,
            help=help_text,
        )
        text_en = st.text_area(
            t("data.comments_text_en", lang),
            key="comment_text_en",
            max_chars=COMMENT_MAX_LENGTH,
            help=help_text,
        )
        saved = st.form_submit_button(t("data.comments_save", lang))
    if saved:
        result = one_row.import_row(
            store,
            COMMENTS,
            {
                "scope": scope,
                "period": period_id,
                "year": year,
                "text_sv": text_sv,
                "text_en": text_en,
            },
            t("data.comments_file", lang, **where),
            t("data.comments_refused", lang),
            lang,
        )
        if result is not None:
            st.session_state[DONE] = t("data.comments_saved", lang, import_id=result.import_id)
            st.rerun()

    if current is not None:
        confirmed = st.checkbox(
            t("data.comments_delete_confirm", lang),
            # One box per comment: a tick given for one must not carry over to the next.
            key=f"comment_delete_confirm_{scope}_{period_id}_{year}",
        )
        if st.button(t("data.comments_delete", lang), key="comment_delete", disabled=not confirmed):
            result = one_row.delete_row(
                store,
                COMMENTS,
                {"scope": scope, "period": period_id, "year": year},
                t("data.comments_file", lang, **where),
                lang,
            )
            if result is not None:
                st.session_state[DONE] = t(
                    "data.comments_deleted", lang, import_id=result.import_id
                )
                st.rerun()
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE))

    st.subheader(t("data.comments_list", lang, period=words.markdown(period_id)))
    if listed:
        st.dataframe(_listing(listed, scopes, lang), hide_index=True)
    else:
        st.info(t("data.comments_none", lang, period=words.markdown(period_id)))


def _fill(scope: str, period_id: str, year: int | None, current: Comment | None) -> None:
    """Put the stored comment (or nothing) into the text fields when the choice or the stored
    comment has changed since they were last filled: a save, a deletion or an undo under
    History shows at once, while text being written survives other reruns."""
    texts = (current.text_sv, current.text_en or "") if current else ("", "")
    loaded = (scope, period_id, year, *texts)
    if st.session_state.get(LOADED) != loaded:
        st.session_state["comment_text_sv"], st.session_state["comment_text_en"] = texts
        st.session_state[LOADED] = loaded


def _listing(found: list[Comment], scopes: dict[str, ref.Label], lang: str) -> pd.DataFrame:
    """The comments as a reader's table: what each is about, its year, both texts as written."""
    whole = t("data.comments_whole_period", lang)
    return pd.DataFrame(
        {
            t("data.comments_col_scope", lang): [
                scopes[c.scope](lang) if c.scope in scopes else c.scope for c in found
            ],
            t("data.comments_col_year", lang): [
                whole if c.year is None else str(c.year) for c in found
            ],
            t("data.comments_col_sv", lang): [c.text_sv for c in found],
            t("data.comments_col_en", lang): [c.text_en or "" for c in found],
        }
    )
