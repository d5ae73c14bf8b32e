"""The only place with Streamlit caches: store reads keyed by the store file's version.

A cache entry is keyed by the filters and by the store file's modification time and size,
so an import from anywhere (the command line included) shows on the next page run.
"""

from __future__ import annotations

import os
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from uccn_data import kpis
from uccn_data.store import Store, default_path


def store_path() -> Path:
    return default_path()


def store_version() -> tuple[float, int, float, int]:
    """Changes whenever the store file (or its write-ahead log) changes."""
    path = store_path()
    wal = Path(str(path) + ".wal")

    def stat(p: Path) -> tuple[float, int]:
        try:
            s = os.stat(p)
        except FileNotFoundError:
            return (0.0, 0)
        return (s.st_mtime, s.st_size)

    return (*stat(path), *stat(wal))


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def store_info(path: str, version: tuple[Any, ...]) -> dict[str, Any]:
    """Periods, demo flag and last import time: what every page needs about the store."""
    store = Store(path)
    return {
        "exists": store.exists(),
        "periods": store.periods(),
        "is_demo": store.is_demo(),
        "last_import_at": store.last_import_at(),
    }


@st.cache_data(ttl=600, max_entries=128, show_spinner=False)
def headline(path: str, version: tuple[Any, ...], filters: tuple[Any, ...]) -> pd.DataFrame:
    f = kpis.Filters(*filters)
    with Store(path).reading() as conn:
        return kpis.headline(conn, f)


@st.cache_data(ttl=600, max_entries=128, show_spinner=False)
def money_by_year(path: str, version: tuple[Any, ...], filters: tuple[Any, ...]) -> pd.DataFrame:
    with Store(path).reading() as conn:
        return kpis.money_by_year(conn, kpis.Filters(*filters))


def key(filters: kpis.Filters) -> tuple[Any, ...]:
    return astuple(filters)
