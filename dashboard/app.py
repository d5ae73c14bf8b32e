"""The dashboard's frame: page setup, language, shared filters in the sidebar and the URL,
navigation, then the page."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project: add it so
# that `uccn_data` and `dashboard` import the same way as in tests.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import cache, i18n, login, state  # noqa: E402
from dashboard.auth import at_least  # noqa: E402
from uccn_data import reference as ref  # noqa: E402
from uccn_data.kpis import Filters  # noqa: E402
from uccn_data.problems import StoreBusyError, StoreError  # noqa: E402

# Streamlit empties the query string when the sidebar navigation changes page. Within a
# session that is not a new link: the language and filters already chosen stay (to_query
# below writes them back into the URL). A new link opens a new session, so it still applies.
# The language and filters are restored from the view of the previous run, a plain session
# key: Streamlit may drop a widget's own key (`f_lang`) between runs when it is busy, and a
# reader on a slow laptop then lost the language and the filters on every page change.
previous: state.View | None = st.session_state.get("_view")
navigated = not st.query_params and "_synced" in st.session_state and previous is not None
if navigated and previous is not None:
    state.to_widgets(previous)
lang = previous.lang if navigated and previous is not None else state.language()
t = i18n.t
st.set_page_config(
    page_title=t("app.title", lang),
    page_icon="🍽️",
    layout="wide",
    initial_sidebar_state="collapsed" if st.query_params.get("present") == "1" else "auto",
)
# Screen readers pick their voice from <html lang>; Streamlit always writes "en".
st.html(
    f"<script>document.documentElement.lang = {lang!r};</script>",
    unsafe_allow_javascript=True,
)

store_problem: str | None = None
try:
    info = cache.store_info()
except StoreBusyError:
    info, store_problem = None, t("store.busy", lang)
except StoreError as exc:
    info, store_problem = None, t("store.error", lang, detail=exc.message(lang))
periods = (info or {}).get("periods") or [ref.AGREEMENT_2021_2024]
period_ids = [p.period_id for p in periods]
today = date.today()
# The default is the real agreement in force (or the latest real one), never an example.
real = [p for p in periods if not p.is_example] or periods
default_period = next((p.period_id for p in real if p.start <= today <= p.end), real[-1].period_id)

view = state.from_query(period_ids, default_period)
url_signature = dict(st.query_params)
if st.session_state.get("_synced") != url_signature and not navigated:
    # The link changed from outside (first visit, a pasted link): it sets the widgets.
    state.to_widgets(view)


def _all(value: object, labels: dict[str, ref.Label] | None = None) -> str:
    if not value:
        return t("filter.all", lang)
    return i18n.label(labels, value, lang) if labels else str(value)


with st.sidebar:
    st.segmented_control(
        t("filter.language", lang),
        list(i18n.LANGUAGES),
        format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
        key="f_lang",
    )
    st.header(t("filter.heading", lang))
    period_id = st.selectbox(t("filter.period", lang), period_ids, key="f_period")
    chosen = next(p for p in periods if p.period_id == period_id)
    if chosen.is_example:
        st.caption(t("period.example", lang, period=period_id))
    if st.session_state.get("f_year") not in ("", *chosen.years):
        st.session_state["f_year"] = ""
    year = st.selectbox(
        t("filter.year", lang),
        ["", *chosen.years],
        format_func=lambda y: t("filter.all_years", lang) if y == "" else str(y),
        key="f_year",
    )
    area = st.selectbox(
        t("filter.area", lang),
        ["", *ref.FRAMEWORK_AREAS],
        format_func=lambda v: _all(v, ref.FRAMEWORK_AREAS),
        key="f_area",
    )
    theme = st.selectbox(
        t("filter.theme", lang),
        ["", *ref.THEMES],
        format_func=lambda v: _all(v, ref.THEMES),
        key="f_theme",
    )
    municipality = st.selectbox(
        t("filter.municipality", lang),
        ["", *ref.MUNICIPALITY_CODES],
        format_func=lambda v: _all(v and ref.MUNICIPALITY_CODES[v]),
        key="f_municipality",
    )

chosen_lang = st.session_state.get("f_lang") or lang
view = state.View(
    chosen_lang,
    Filters(period_id, year or None, area or None, theme or None, municipality or None),
    view.notices,
    store_ready=bool(info and info["exists"]),
)
state.to_query(view)
st.session_state["_synced"] = dict(st.query_params)
st.session_state["_view"] = view
if chosen_lang != lang:
    st.rerun()  # the whole page, labels included, in the newly chosen language

for name, value in view.notices:
    st.warning(t("filter.bad_value", lang, name=name, value=value), icon=":material/link_off:")
if store_problem:
    st.error(store_problem)
elif info and not info["exists"]:
    st.info(t("store.missing", lang))
elif info and info["is_demo"]:
    st.info(t("demo.notice", lang), icon=":material/science:")

VIEWS = Path(__file__).with_name("views")


def page(file: str, key: str, icon: str, url: str, default: bool = False) -> st.Page:
    return st.Page(VIEWS / file, title=t(key, lang), icon=icon, url_path=url, default=default)


pages = [
    page("overview.py", "nav.overview", ":material/dashboard:", "oversikt", default=True),
    page("framework.py", "nav.framework", ":material/account_tree:", "ramaktiviteter"),
    page("smes.py", "nav.smes", ":material/storefront:", "foretag"),
    page("exchanges.py", "nav.exchanges", ":material/travel_explore:", "utbyten"),
    page("budget.py", "nav.budget", ":material/payments:", "ekonomi"),
    page("staff.py", "nav.staff", ":material/schedule:", "arbetstid"),
    page("sdg11.py", "nav.sdg11", ":material/location_city:", "agenda2030"),
    page("reports.py", "nav.reports", ":material/description:", "rapporter"),
    page("present.py", "nav.present", ":material/slideshow:", "presentation"),
    page("about.py", "nav.about", ":material/info:", "om"),
]
login.sidebar(lang)
if at_least(login.current_role(), "coordinator"):
    # Viewers do not see the workspace at all; the page re-checks the role itself too.
    pages.append(page("data.py", "nav.data", ":material/upload_file:", "data"))
presenting = st.query_params.get("present") == "1"
if presenting:
    # ?present=1: the projector view alone, no menu; the filters in the link still apply.
    pages = [
        page("present.py", "nav.present", ":material/slideshow:", "presentation", default=True)
    ]
try:
    st.navigation(pages, position="hidden" if presenting else "sidebar").run()
except StoreBusyError:
    st.warning(t("store.busy", lang))
except StoreError as exc:
    st.error(t("store.error", lang, detail=exc.message(lang)))
