"""The only place with Streamlit caches: store reads keyed by the store file's version.

Entries are keyed by the filters and by the store file's modification time and size, so an
import from anywhere (the command line included) shows on the next page run, and bounded so a
room full of people changing filters cannot grow the server without limit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import charts
from uccn_data import kpis
from uccn_data.export import frame_to_csv
from uccn_data.pages.model import Page
from uccn_data.problems import StoreError
from uccn_data.store import Store, default_path


def store_path() -> Path:
    return default_path()


def store_version() -> tuple[float, int, float, int]:
    """Changes whenever the store file (or its write-ahead log) changes."""
    path = store_path()

    def stat(p: Path) -> tuple[float, int]:
        try:
            s = os.stat(p)
        except FileNotFoundError:
            return (0.0, 0)
        return (s.st_mtime, s.st_size)

    return (*stat(path), *stat(Path(str(path) + ".wal")))


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _store_info(path: str, version: tuple[Any, ...]) -> dict[str, Any]:
    store = Store(path)
    if not store.exists():
        return {"exists": False, "periods": [], "is_demo": False, "last_import_at": None}
    return {"exists": True, **store.summary()}


def store_info() -> dict[str, Any]:
    """Periods, demo flag and last import time: what every page needs about the store.

    A store from an earlier version is migrated once (with a backup) before it is read.
    Raises StoreError / StoreBusyError for a store that cannot be read.
    """
    _migrated(str(store_path()), store_version())
    return _store_info(str(store_path()), store_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def _migrated(path: str, version: tuple[Any, ...]) -> bool:
    # Once per store file and version: the check itself opens the store.
    return Store(path).migrate_if_older()


@dataclass(frozen=True, eq=False)
class Drawn:
    """A built page with its charts drawn and their tables written as CSV: all a warm run
    needs, so it only sends them."""

    page: Page
    # Chart key -> its drawings (`charts.svg`) for a wide screen and for a phone.
    svgs: dict[str, tuple[str, str]]
    csv: dict[str, bytes]


Builder = Callable[[kpis.Connection, kpis.Filters, str], Page]


# A resource, not data: a warm run gets the very objects built before, with no unpickling (a
# page's tables at scale run to thousands of rows). Nothing downstream changes them: blocks
# are frozen and `render` only reads.
@st.cache_resource(ttl=600, max_entries=256, show_spinner=False)
def _page(
    path: str,
    version: tuple[Any, ...],
    name: str,
    filters: tuple[Any, ...],
    lang: str,
    _build: Builder,
) -> Drawn:
    with Store(path).reading() as conn:
        page = _build(conn, kpis.Filters(*filters), lang)
    drawable = [c for c in page.charts() if not c.table.empty]
    return Drawn(
        page,
        {c.key: (charts.svg(c, lang), charts.svg(c, lang, narrow=True)) for c in drawable},
        {c.key: frame_to_csv(c.table) for c in drawable},
    )


def page(build: Builder, filters: kpis.Filters, lang: str) -> Drawn:
    """`build(conn, filters, lang)` (a `uccn_data.pages` builder), cached per store version,
    filters and language, with its charts drawn. Shared between sessions: read only."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _page(str(store_path()), store_version(), name, astuple(filters), lang, build)


# A resource, like `_page`: each presentation run took a copy of the whole deck (every
# screen's tables) out of a data cache to show one screen. Screens are frozen, and the
# presentation only reads them; the tuple keeps a caller from reordering the deck for others.
@st.cache_resource(ttl=600, max_entries=32, show_spinner=False)
def _meeting_screens(
    path: str, version: tuple[Any, ...], filters: tuple[Any, ...], lang: str, since: Any
) -> tuple[Any, ...]:
    from uccn_data.reports.content import screens

    with Store(path).reading() as conn:
        return tuple(screens(conn, kpis.Filters(*filters), lang, since))


def meeting_screens(filters: kpis.Filters, lang: str, since: Any = None) -> tuple[Any, ...]:
    """The meeting screens (presentation mode) for the filters, in order. Shared between
    sessions: read only."""
    return _meeting_screens(str(store_path()), store_version(), astuple(filters), lang, since)


@st.cache_resource(max_entries=4)
def _accounts(frozen: str) -> Any:
    import json

    from dashboard.auth import Accounts

    return Accounts.from_secrets(json.loads(frozen))


def accounts(settings: dict[str, Any]) -> Any:
    """The built-in accounts, one object per process so that failed attempts (the sign-in back-off)
    are counted across every session and browser tab."""
    import json

    return _accounts(json.dumps(settings, sort_keys=True, default=str))


def clear() -> None:
    """Forget every cached read (after an import or undo from the dashboard)."""
    _store_info.clear()
    _page.clear()
    _meeting_screens.clear()


__all__ = ["StoreError", "clear", "page", "store_info", "store_path", "store_version"]
