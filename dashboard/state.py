"""What the user chose, kept in the URL so that a copied link reopens the same view.

The query string holds the language and the shared filters:
`?lang=en&period=2021-2024&year=2023&area=competence_development&theme=gastronomy&municipality=2380`.
Values that are unknown or malformed fall back to the default, with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    return View(language(), filters, notices)


def _year_in(period: str, year: int, period_ids: list[str]) -> bool:
    try:
        first, last = (int(part) for part in period.split("-"))
    except ValueError:
        return False
    return first <= year <= last


def to_query(view: View) -> None:
    """Write the view back to the URL (only what differs from the defaults)."""
    f = view.filters
    wanted = {
        "lang": view.lang if view.lang != DEFAULT_LANGUAGE else None,
        "period": f.period,
        "year": str(f.year) if f.year is not None else None,
        "area": f.framework_area,
        "theme": f.theme,
        "municipality": f.municipality,
    }
    for name, value in wanted.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def to_widgets(view: View) -> None:
    """Set the sidebar's widgets from a view (before they are drawn in this run)."""
    st.session_state["f_lang"] = view.lang
    st.session_state["f_period"] = view.filters.period
    # "" stands for "all": a None selection would show Streamlit's empty placeholder.
    st.session_state["f_year"] = view.filters.year or ""
    st.session_state["f_area"] = view.filters.framework_area or ""
    st.session_state["f_theme"] = view.filters.theme or ""
    st.session_state["f_municipality"] = view.filters.municipality or ""


def current() -> View:
    """The view app.py settled on for this run (pages call this)."""
    view: View = st.session_state["_view"]
    return view
