"""AppTest fixtures: the real dashboard over real DuckDB stores (demo, empty, missing)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, new_store
from uccn_data.store import Store

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture
def demo_store(demo_template: Path) -> Iterator[Store]:
    """The demo data set, built once for all page tests, which only read it (a test that
    writes uses `demo_copy`). The file is checked to be unchanged after each test, because
    the next test would otherwise see its writes."""

    def version() -> tuple[int, int]:
        found = demo_template.stat()
        return (found.st_mtime_ns, found.st_size)

    before = version()
    yield Store(demo_template)
    assert version() == before, "this test wrote to the shared demo store; use demo_copy"


@pytest.fixture
def empty_store(tmp_path: Path, empty_template: Path) -> Store:
    """A fresh install: the store exists but nothing has been imported. (A copy of one made
    once per session, taking no automatic backups, as `store` in tests/conftest.py.)"""
    return new_store(tmp_path / "empty.duckdb", empty_template)


SVG_CHART = re.compile(r'^<div class="uccn-chart" data-chart="([^"]+)"')


def drawn_charts(at: AppTest) -> list[str]:
    """The keys of the charts drawn on the page (`chart-<key>`, as Plotly's elements are
    keyed), Plotly's and the SVG ones (`dashboard/render.py`, svg) alike, in page order."""
    keys = []
    for element in _walk(at.main):
        if element.type == "plotly_chart":
            keys.append(str(element.key))
        elif element.type == "markdown" and (found := SVG_CHART.match(element.value)):
            keys.append(f"chart-{found[1]}")
    return keys


def _walk(node: Any) -> Iterator[Any]:
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def svg_charts(at: AppTest) -> dict[str, str]:
    """Chart key -> the SVG drawn for it (with its wrapper), for the charts drawn as SVG."""
    return {
        found[1]: m.value for m in at.markdown if (found := SVG_CHART.match(m.value)) is not None
    }


HTML_TABLE = re.compile(r'^<div class="uccn-table" data-table="([^"]+)"')


@dataclass(frozen=True)
class ShownTable:
    """A table as the reader sees it: its key and its rows."""

    key: str
    value: pd.DataFrame


def tables(at: AppTest) -> list[ShownTable]:
    """Every table on the page in page order: Streamlit's data grids (the search table, the
    "Visa data" tables) and the page's HTML tables (`dashboard/render.py`, table_html) read
    back from the HTML the browser gets, each cell as the text a reader sees. A column whose
    cells are all right-aligned numbers is read as numbers, as the grid would hold it."""
    shown = []
    for element in _walk(at.main):
        if element.type == "dataframe":
            shown.append(ShownTable(str(element.key), element.value))
        elif element.type == "markdown" and (found := HTML_TABLE.match(element.value)):
            shown.append(ShownTable(found[1], read_table(element.value)))
    return shown


def read_table(markup: str) -> pd.DataFrame:
    """The one <table> in `markup` as a frame of the texts a reader sees (a <br> is a line
    break)."""
    root = lxml.html.fragment_fromstring(markup.replace("<br>", "\n"), create_parent="div")
    (table,) = root.iter("table")
    columns = [th.text_content() for th in table.iter("th")]
    rows = [[td.text_content() for td in tr.iter("td")] for tr in table.find("tbody")]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for i, name in enumerate(columns):
        numbers = [tr[i].get("class") == "num" for tr in table.find("tbody")]
        if numbers and all(numbers):
            frame[name] = pd.to_numeric(frame[name])
    return frame


def open_chart_data(at: AppTest) -> AppTest:
    """Open every chart's "Visa data" expander, as a reader who clicks each one, and run: the
    tables are sent only to an open expander (dashboard/render.py, chart_data)."""
    closed = [k for k in at.session_state if str(k).startswith("show-data-")]
    closed = [k for k in closed if not at.session_state[k]]
    if closed:
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


@pytest.fixture
def open_page(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the dashboard on a store, at a page (views/<name>.py), with query parameters."""

    def _open(store_path: Path, page: str | None = None, **query: str) -> AppTest:
        monkeypatch.setenv("UCCN_DB", str(store_path))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page is not None:
            at.switch_page(f"views/{page}.py").run()
        return at

    return _open


@pytest.fixture(scope="session", autouse=True)
def components_looked_up_once() -> Iterator[None]:
    """Each new AppTest reads the metadata of every installed package, looking for Streamlit
    components: a third of a page test's time. The installed packages do not change during
    a test run, so the first answer is kept for the rest (the pages themselves run as ever)."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # a Streamlit without it has nothing to look up
        yield
        return
    scan = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(scan)
    yield
    manifest_scanner.scan_component_manifests = scan


@pytest.fixture(autouse=True)
def fresh_caches(request: pytest.FixtureRequest) -> None:
    """Each test starts like a freshly started server: no cached reads, no lock-outs.

    Tests that only read the shared demo store keep its built pages between them, as a
    running server does between sessions: the caches are keyed by the store file's path and
    version, so no other store's entry can be taken for it, and building every page afresh
    for each test was half the time of `make check`. Sign-in state is always forgotten."""
    import streamlit as st

    from dashboard import cache

    if "demo_store" in request.fixturenames:
        cache._accounts.clear()
        return
    st.cache_data.clear()
    st.cache_resource.clear()
