"""What the user chose, kept in the URL so that a copied link reopens the same view."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES


def language() -> str:
    """`?lang=sv|en`; anything else falls back to Swedish."""
    value = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE
