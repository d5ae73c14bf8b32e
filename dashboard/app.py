"""The dashboard's frame: page setup, language, navigation and shared filters, then the page."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project: add it so
# that `uccn_data` and `dashboard` import the same way as in tests.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import i18n  # noqa: E402
from dashboard.state import language  # noqa: E402

lang = language()
st.set_page_config(page_title=i18n.t("app.title", lang), page_icon="🍽️", layout="wide")

VIEWS = Path(__file__).with_name("views")
pages = [
    st.Page(
        VIEWS / "overview.py",
        title=i18n.t("nav.overview", lang),
        icon=":material/dashboard:",
        url_path="oversikt",
        default=True,
    ),
]
page = st.navigation(pages)
page.run()
