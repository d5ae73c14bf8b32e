"""UNESCO-uppgifter / UNESCO details (admins): the general information of the UNESCO
monitoring report that only people can give (designation date, entity responsible, focal
point, city-government contact, web resources). The draft shows what is saved here and a
highlighted place for what is not (uccn_data.unesco_details)."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.state import View
from dashboard.workspace.changes import apply
from uccn_data import unesco_details
from uccn_data.store import Store
from uccn_data.unesco_details import FIELDS, UnescoDetails


def show(view: View, store: Store) -> None:
    """The saved facts in a form, one field each, and the button that saves them all."""
    lang = view.lang
    st.caption(t("data.unesco_lead", lang))
    if not store.exists():
        st.info(t("data.no_history", lang))
        return
    saved = unesco_details.read(store)
    with st.form("unesco_details_form"):
        typed: dict[str, str] = {}
        for field in FIELDS:
            widget = st.text_area if field.multiline else st.text_input
            typed[field.name] = widget(
                field.label(lang),
                value=saved.value(field.name) or "",
                help=field.hint(lang),
                max_chars=field.max_length,
                key=f"unesco_{field.name}",
            )
        submitted = st.form_submit_button(t("data.unesco_save", lang))
    if submitted:
        details = UnescoDetails(**{name: unesco_details.cleaned(v) for name, v in typed.items()})
        long = unesco_details.too_long(details)
        for field in long:
            st.error(
                t("data.unesco_too_long", lang, field=field.label(lang), limit=field.max_length)
            )
        if not long and apply(lambda: unesco_details.save(store, details), lang):
            st.session_state["_unesco_saved"] = True
            st.rerun()
    if st.session_state.pop("_unesco_saved", False):
        st.success(t("data.unesco_saved", lang))
    missing = [f.label(lang) for f in FIELDS if saved.value(f.name) is None]
    if missing:
        st.info(t("data.unesco_missing", lang, fields=", ".join(missing)))
