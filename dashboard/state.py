"""What the user chose: one `View`, owned by one plain session key.

The link sets it once, on a session's first run:
`?lang=en&period=2021-2024&year=2023&area=competence_development&theme=gastronomy&municipality=2380`
(`&present=1` for the projector). Values that are unknown or malformed fall back to the default,
with a notice. From then on the URL and the sidebar's widgets are copies written from the view
every run, never read back as its source: a widget changes the view only through its own
callback. Streamlit empties the query string on a page change and may drop a widget's key when
the server is busy; neither can lose the reader's language or filters any more.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

import streamlit as st

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from uccn_data import reference as ref
from uccn_data.kpis import Filters

# Query-string name -> what the value may be.
CHOICES = {
    "area": list(ref.FRAMEWORK_AREAS),
    "theme": list(ref.THEMES),
    "municipality": list(ref.MUNICIPALITY_CODES),
}


@dataclass
class View:
    """The language and filters of this run, and what in the link could not be used."""

    lang: str
    filters: Filters
    notices: list[tuple[str, str]] = field(default_factory=list)  # (name, bad value)
    store_ready: bool = True  # False for a fresh install before any data: pages show empty states
    presenting: bool = False  # ?present=1: the projector view alone, no menu


KEY = "_view"
# Widget key -> the view's field it edits.
WIDGETS = {
    "f_lang": "lang",
    "f_period": "period",
    "f_year": "year",
    "f_area": "framework_area",
    "f_theme": "theme",
    "f_municipality": "municipality",
}


def language() -> str:
    """`?lang=sv|en`; anything else falls back to Swedish."""
    value = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def from_query(period_ids: list[str], default_period: str) -> View:
    """Read the link's filters, keeping what is valid and noting what is not."""
    params = st.query_params
    notices: list[tuple[str, str]] = []
    lang_value = params.get("lang")
    if lang_value is not None and lang_value not in LANGUAGES:
        notices.append(("lang", lang_value))
    period = params.get("period", default_period)
    if period not in period_ids:
        notices.append(("period", period))
        period = default_period
    year: int | None = None
    raw_year = params.get("year")
    if raw_year:
        try:
            year = int(raw_year)
        except ValueError:
            notices.append(("year", raw_year))
        else:
            if str(year) != raw_year.strip() or not _year_in(period, year, period_ids):
                notices.append(("year", raw_year))
                year = None
    chosen: dict[str, str | None] = {}
    for name, allowed in CHOICES.items():
        value = params.get(name)
        if value is not None and value not in allowed:
            notices.append((name, value))
            value = None
        chosen[name] = value
    filters = Filters(
        period=period,
        year=year,
        framework_area=chosen["area"],
        theme=chosen["theme"],
        municipality=chosen["municipality"],
    )
    return View(language(), filters, notices, presenting=params.get("present") == "1")


def _year_in(period: str, year: int, period_ids: list[str]) -> bool:
    try:
        first, last = (int(part) for part in period.split("-"))
    except ValueError:
        return False
    return first <= year <= last


def query(view: View) -> dict[str, str]:
    """The view as a link's query (only what differs from the defaults)."""
    f = view.filters
    wanted = {
        "present": "1" if view.presenting else None,
        "lang": view.lang if view.lang != DEFAULT_LANGUAGE else None,
        "period": f.period,
        "year": str(f.year) if f.year is not None else None,
        "area": f.framework_area,
        "theme": f.theme,
        "municipality": f.municipality,
    }
    return {name: value for name, value in wanted.items() if value is not None}


def to_query(view: View) -> None:
    """Write the view to the URL, so a copied link reopens it."""
    wanted = query(view)
    for name in ("present", "lang", "period", "year", "area", "theme", "municipality"):
        if name not in wanted:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != wanted[name]:
            st.query_params[name] = wanted[name]


def to_widgets(view: View) -> None:
    """Set the sidebar's widgets from the view, before they are drawn in this run."""
    st.session_state["f_lang"] = view.lang
    st.session_state["f_period"] = view.filters.period
    # "" stands for "all": a None selection would show Streamlit's empty placeholder.
    st.session_state["f_year"] = view.filters.year or ""
    st.session_state["f_area"] = view.filters.framework_area or ""
    st.session_state["f_theme"] = view.filters.theme or ""
    st.session_state["f_municipality"] = view.filters.municipality or ""


def default_period(periods: list[ref.AgreementPeriod], today: date) -> str:
    """The id of the period a link without one opens: the real agreement in force on `today`,
    else the latest real one. An example period only when the store holds nothing else."""
    real = [p for p in periods if not p.is_example] or periods
    return next((p.period_id for p in real if p.start <= today <= p.end), real[-1].period_id)


def settle(periods: list[ref.AgreementPeriod], default_period: str, store_ready: bool) -> View:
    """The view of this run: the session's own, or on its first run the link's.

    The link's notices are shown on that first run only. A period that no longer exists (an
    admin removed it) falls back to the default, with all its years."""
    view: View | None = st.session_state.get(KEY)
    period_ids = [p.period_id for p in periods]
    if view is None:
        view = from_query(period_ids, default_period)
    else:
        view = replace(view, notices=[])
        if view.filters.period not in period_ids:
            view = replace(view, filters=Filters(default_period))
    view = replace(view, store_ready=store_ready)
    st.session_state[KEY] = view
    return view


def changed(widget: str, periods: list[ref.AgreementPeriod]) -> None:
    """A sidebar widget's callback: its new value goes into the view (Streamlit runs it
    before the script, so the whole run, labels included, already uses it)."""
    view: View = st.session_state[KEY]
    value = st.session_state.get(widget)
    name = WIDGETS[widget]
    if name == "lang":
        if value in LANGUAGES:  # a segmented control can be clicked off: keep the language
            st.session_state[KEY] = replace(view, lang=value)
        return
    chosen = value or None  # "" stands for "all"
    fields: dict[str, Any] = {**asdict(view.filters), name: chosen}
    filters = Filters(**fields)
    if name == "period":
        period = next((p for p in periods if p.period_id == chosen), None)
        if period is None:
            return
        if filters.year not in period.years:
            filters = replace(filters, year=None)
    st.session_state[KEY] = replace(view, filters=filters)


def current() -> View:
    """The view app.py settled on for this run (pages call this)."""
    view: View = st.session_state[KEY]
    return view
