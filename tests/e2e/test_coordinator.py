"""The coordinator's round trip in a real browser: sign in, upload a Swedish Excel file with
mistakes and see them by row, upload the corrected file, import it, see the Overview change,
undo the import behind its confirmation, and see the Overview as it was.

The store is the session's demo store; the undo at the end puts its figures back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from dashboard import i18n
from tests.app.test_data import BROKEN, FIXED
from tests.conftest import swedish_csv
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.tables import TABLES

from .browser import DATA_PAGE, PAGES, click_nav, sign_in, upload, wait_ready

pytestmark = pytest.mark.e2e

LANG = "sv"
KPI = "ostersund_spending_sek"
OSTERSUND_IN_FIXED = 250_000  # the one row of FIXED that Östersunds kommun paid


def t(key: str, **params: object) -> str:
    return i18n.t(key, LANG, **params)


def kronor(page: Any, key: str) -> int:
    """A key figure card's value in whole kronor ("376 560 kr" -> 376560)."""
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=KPI_DEFINITIONS[key].name(LANG))
    )
    return int(re.sub(r"\D", "", card.locator('[data-testid="stMetricValue"]').inner_text()))


_GRIDS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] table[role="grid"]')]
  .map(grid => [...grid.querySelectorAll('[role="row"]')]
    .map(row => [...row.querySelectorAll('th, td')].map(cell => cell.innerText.trim())))"""


def table_rows(page: Any, first_header: str) -> list[list[str]]:
    """The rows of the table whose first column is `first_header`, read from the accessible
    table that Streamlit's grid keeps behind its canvas (the visible rows)."""
    page.wait_for_function(
        f"() => ({_GRIDS})().some(g => g.length && g[0][0] === {first_header!r})"
    )
    grid = next(g for g in page.evaluate(_GRIDS) if g and g[0][0] == first_header)
    return list(grid[1:])


def test_sign_in_upload_fix_commit_and_undo(open_app: Callable[..., Any]):
    overview = PAGES[0]
    page = open_app(lang=LANG)
    before = kronor(page, KPI)

    sign_in(page, LANG)
    click_nav(page, DATA_PAGE, LANG)
    spending = f"{TABLES['spending'].label(LANG)} ({TABLES['spending'].alias})"
    page.get_by_role("combobox", name=t("data.table"), exact=True).click()
    page.get_by_role("option", name=spending, exact=True).click()
    wait_ready(page)

    # A Swedish Excel file with two mistakes: both shown on their Excel rows, nothing to import.
    upload(page, "kostnader.csv", swedish_csv(BROKEN))
    page.get_by_text(t("data.errors", count=2)).wait_for()
    rows = table_rows(page, t("data.col_row"))
    assert [(row[0], row[1]) for row in rows] == [("3", "datum"), ("4", "belopp")]
    assert page.get_by_role("button", name=t("data.commit"), exact=True).count() == 0

    # The corrected file: checked, then imported on an explicit click.
    upload(page, "kostnader.csv", swedish_csv(FIXED))
    page.get_by_text(t("data.ready", rows=3, inserted=3, updated=0, unchanged=0)).wait_for()
    page.get_by_role("button", name=t("data.commit"), exact=True).click()
    page.get_by_text(re.compile(r"Import \d+ klar: 3 nya")).wait_for()
    wait_ready(page)

    click_nav(page, overview, LANG)
    assert kronor(page, KPI) == before + OSTERSUND_IN_FIXED

    # Undo, behind a confirmation dialog.
    click_nav(page, DATA_PAGE, LANG)
    page.get_by_role("tab", name=t("data.tab_history"), exact=True).click()
    page.get_by_role("button", name=t("data.undo"), exact=True).click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert t("data.undo_title") in dialog.inner_text()
    dialog.get_by_role("button", name=t("data.undo_yes"), exact=True).click()
    page.get_by_text(re.compile(r"Import \d+ är ångrad: 3 rader borttagna")).wait_for()
    wait_ready(page)
    assert page.get_by_role("dialog").count() == 0

    click_nav(page, overview, LANG)
    assert kronor(page, KPI) == before
