"""The dashboard's frame: page setup, language, shared filters in the sidebar and the URL,
navigation, then the page."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project: add it so
# that `uccn_data` and `dashboard` import the same way as in tests.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import cache, i18n, login, state, turns, upload_guard  # noqa: E402
from dashboard.auth import at_least  # noqa: E402
from uccn_data import reference as ref  # noqa: E402
from uccn_data.kpis import Filters  # noqa: E402
from uccn_data.pages import words  # noqa: E402
from uccn_data.problems import StoreBusyError, StoreError  # noqa: E402

# The sidebar's filters are in a popover (see below), which Streamlit draws at the end of the
# page, so with the keyboard they came only after the whole page: 26 presses of Tab. This puts
# them where they stand, as an open disclosure's content: Tab on the open "Urval" button goes
# into them, Shift+Tab from the first goes back to the button, Tab from the last goes on to what
# follows the button, and Shift+Tab from there comes back to the last. Escape closes the popover
# and returns to the button (Streamlit's own).
# Installed once per browser page; it only moves focus, it never changes a value.
FILTERS_IN_TAB_ORDER = """
if (!window.uccnFiltersInTabOrder) {
  window.uccnFiltersInTabOrder = true;
  const focusable = 'a[href], button:not([disabled]), input:not([disabled]), summary, '
    + '[tabindex]:not([tabindex="-1"])';
  // What Tab stops at: drawn, and not taken out of the order (a select's own arrow button).
  const shown = (root) => [...root.querySelectorAll(focusable)].filter(
    (e) => e.offsetParent && e.tabIndex >= 0);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const button = document.querySelector(
      '[data-testid="stSidebar"] [data-testid="stPopover"] button[aria-expanded="true"]');
    const body = document.querySelector('[data-testid="stPopoverBody"]');
    if (!button || !body) return;
    // The selects' own inputs: Streamlit takes them out of the tab order (tabindex -1) while
    // the focus is outside the popover, so they are found by kind, not by tabindex.
    const items = [...body.querySelectorAll('input:not([disabled])')].filter(
      (e) => e.offsetParent);
    if (!items.length) return;
    let to = null;
    const page = shown(document).filter((e) => !body.contains(e));
    const next = page[page.indexOf(button) + 1];
    if (event.shiftKey) {
      if (event.target === items[0]) to = button;
      else if (event.target === next) to = items[items.length - 1];
    } else if (event.target === button) to = items[0];
    else if (event.target === items[items.length - 1]) to = next || button;
    if (to) { event.preventDefault(); to.focus(); }
  }, true);
}
"""

# Before anything else: only a session that drew the coordinators' uploader may upload.
upload_guard.install()

# On a session's first run the link sets the view; after that the view is the session's own,
# and the URL and the sidebar are written from it (see dashboard/state.py).
before: state.View | None = st.session_state.get(state.KEY)
lang = before.lang if before else state.language()
presenting = before.presenting if before else st.query_params.get("present") == "1"
t = i18n.t
st.set_page_config(
    page_title=t("app.title", lang),
    page_icon="🍽️",
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "auto",
)
# Screen readers pick their voice from <html lang>; Streamlit always writes "en".
st.html(
    f"<script>document.documentElement.lang = {lang!r};{FILTERS_IN_TAB_ORDER}</script>",
    unsafe_allow_javascript=True,
)

store_problem: str | None = None
info: dict[str, Any] | None
try:
    info = cache.store_info()
except StoreBusyError:
    info, store_problem = None, t("store.busy", lang)
except StoreError as exc:
    info, store_problem = None, t("store.error", lang, detail=exc.message(lang))
periods = (info or {}).get("periods") or [ref.AGREEMENT_2021_2024]
period_ids = [p.period_id for p in periods]
default_period = state.default_period(periods, date.today())

view = state.settle(periods, default_period, store_ready=bool(info and info["exists"]))
lang = view.lang
state.to_widgets(view)
state.to_query(view)


def _all(value: object, labels: dict[str, ref.Label] | None = None) -> str:
    if not value:
        return t("filter.all", lang)
    return i18n.label(labels, value, lang) if labels else str(value)


def filters(chosen: ref.AgreementPeriod) -> None:
    """The five shared filters; their keys are the view's (dashboard/state.py)."""
    st.selectbox(
        t("filter.period", lang),
        period_ids,
        key="f_period",
        on_change=state.changed,
        args=("f_period", periods),
    )
    st.selectbox(
        t("filter.year", lang),
        ["", *chosen.years],
        format_func=lambda y: t("filter.all_years", lang) if y == "" else str(y),
        key="f_year",
        on_change=state.changed,
        args=("f_year", periods),
    )
    st.selectbox(
        t("filter.area", lang),
        ["", *ref.FRAMEWORK_AREAS],
        format_func=lambda v: _all(v, ref.FRAMEWORK_AREAS),
        key="f_area",
        on_change=state.changed,
        args=("f_area", periods),
    )
    st.selectbox(
        t("filter.theme", lang),
        ["", *ref.THEMES],
        format_func=lambda v: _all(v, ref.THEMES),
        key="f_theme",
        on_change=state.changed,
        args=("f_theme", periods),
    )
    st.selectbox(
        t("filter.municipality", lang),
        ["", *ref.MUNICIPALITY_CODES],
        format_func=lambda v: _all(v and ref.MUNICIPALITY_CODES[v]),
        key="f_municipality",
        on_change=state.changed,
        args=("f_municipality", periods),
    )


def selection_summary(chosen_filters: Filters, chosen: ref.AgreementPeriod) -> str:
    """What the filters hold, in words, for under the closed "Urval" popover: Markdown text,
    one "Label: value" line per filter (period and year always, the other three when set),
    every value escaped so that it shows as written."""
    f = chosen_filters
    parts = [
        f"{t('filter.period', lang)}: {words.markdown(chosen.period_id)}",
        f"{t('filter.year', lang)}: {f.year or t('filter.all_years', lang)}",
    ]
    # Named as the selects name them (`_all`); the view holds only known codes (state.py).
    narrowing = (
        ("filter.area", f.framework_area, _all(f.framework_area, ref.FRAMEWORK_AREAS)),
        ("filter.theme", f.theme, _all(f.theme, ref.THEMES)),
        (
            "filter.municipality",
            f.municipality,
            _all(f.municipality and ref.MUNICIPALITY_CODES[f.municipality]),
        ),
    )
    parts += [
        f"{t(key, lang)}: {words.markdown(shown)}" for key, value, shown in narrowing if value
    ]
    return "  \n".join(parts)


with st.sidebar:
    st.segmented_control(
        t("filter.language", lang),
        list(i18n.LANGUAGES),
        format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
        key="f_lang",
        on_change=state.changed,
        args=("f_lang", periods),
    )
    chosen = next(p for p in periods if p.period_id == view.filters.period)
    # The five filters sit in a popover: its content is drawn in the browser only once it is
    # opened, and drawing five selects on every page load cost about 150 ms (a third of a bare
    # Streamlit page) before the page showed anything. What is chosen stays in sight below it.
    with st.popover(t("filter.heading", lang), icon=":material/tune:", width="stretch"):
        filters(chosen)
    st.caption(selection_summary(view.filters, chosen))
    if chosen.is_example:
        st.caption(t("period.example", lang, period=words.markdown(chosen.period_id)))

for name, value in view.notices:
    # The value is whatever the link held: shown as typed, never as Markdown (a link, an
    # image fetched from elsewhere, red text inside our own warning).
    notice = t("filter.bad_value", lang, name=name, value=words.markdown(value))
    st.warning(notice, icon=":material/link_off:")
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
    page("completeness.py", "nav.completeness", ":material/fact_check:", "datakvalitet"),
    page("reports.py", "nav.reports", ":material/description:", "rapporter"),
    page("present.py", "nav.present", ":material/slideshow:", "presentation"),
    page("about.py", "nav.about", ":material/info:", "om"),
]
login.sidebar(lang)
if at_least(login.current_role(), "coordinator"):
    # Viewers do not see the workspace at all; the page re-checks the role itself too.
    pages.append(page("data.py", "nav.data", ":material/upload_file:", "data"))
if view.presenting:
    # ?present=1: the projector view alone, no menu; the filters in the link still apply.
    pages = [
        page("present.py", "nav.present", ":material/slideshow:", "presentation", default=True)
    ]
try:
    chosen = st.navigation(pages, position="hidden" if view.presenting else "sidebar")
    with turns.turn(chosen.url_path):
        chosen.run()
except StoreBusyError:
    st.warning(t("store.busy", lang))
except StoreError as exc:
    st.error(t("store.error", lang, detail=exc.message(lang)))
