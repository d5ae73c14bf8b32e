"""A comment written in a real browser: a coordinator writes the analysis of 2024 on the Data
page's comments tab, which axe finds no serious fault in, then sees it on the Overview for
2024, as does a reader who is not signed in.

The store is the session's demo store: the comment is undone at the end, so other tests see
the Overview as it was.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any

import pytest

from dashboard import i18n
from uccn_data.commentary import OVERALL
from uccn_data.problems import StoreError
from uccn_data.store import Store
from uccn_data.tables import COMMENTS

from .browser import DATA_PAGE, PAGES, App, click_nav, open_filters, sign_in, wait_ready
from .test_accessibility import assert_none_serious, audit

pytestmark = pytest.mark.e2e

LANG = "sv"
YEAR = "2024"
SCOPES = COMMENTS.column("scope").choices or {}
WRITTEN = "E2E: 2024 kom fler företag från inlandskommunerna, mest via matmarknaderna."


def t(key: str, **params: object) -> str:
    return i18n.t(key, LANG, **params)


def undo_written(app: App) -> None:
    """Undo the import that saved the comment, if it was saved and is not undone yet."""
    store = Store(app.store)
    for entry in store.history():
        if entry["table_name"] == "comments" and entry["undone_at"] is None:
            with store.reading() as conn:
                texts = conn.execute("select text_sv from comments").fetchall()
            if (WRITTEN,) in texts:
                with contextlib.suppress(StoreError):
                    store.undo(entry["import_id"], user="e2e")
            return


def test_a_comment_written_in_the_browser_shows_on_the_overview(
    open_app: Callable[..., Any], app: App
) -> None:
    page = open_app(lang=LANG)
    sign_in(page, LANG)
    try:
        click_nav(page, DATA_PAGE, LANG)
        page.get_by_role("tab", name=t("data.tab_comments"), exact=True).click()
        main = page.locator('[data-testid="stMain"]')
        main.get_by_role("combobox", name=t("data.comments_scope"), exact=True).click()
        page.get_by_role("option", name=SCOPES[OVERALL](LANG), exact=True).click()
        wait_ready(page)
        main.get_by_role("combobox", name=t("data.comments_year"), exact=True).click()
        page.get_by_role("option", name=YEAR, exact=True).click()
        wait_ready(page)
        main.get_by_label(t("data.comments_text_sv"), exact=True).fill(WRITTEN)
        main.get_by_role("button", name=t("data.comments_save"), exact=True).click()
        page.get_by_text(re.compile(r"Kommentaren sparades \(import \d+\)")).wait_for()
        wait_ready(page)

        # The tab as a coordinator sees it after saving: the comment, delete, the list.
        findings = audit(page, f"{LANG} /data (comments)", [])
        assert_none_serious(findings, "the comments tab")

        # The coordinator opens the Overview for 2024 and reads it there.
        click_nav(page, PAGES[0], LANG)
        open_filters(page).get_by_role("combobox", name=t("filter.year"), exact=True).click()
        page.get_by_role("option", name=YEAR, exact=True).click()
        wait_ready(page)
        page.get_by_text(t("commentary.heading"), exact=True).first.wait_for()
        page.get_by_text(WRITTEN, exact=True).first.wait_for()

        # So does a reader who is not signed in (a new session), opening it by its address.
        reader = open_app(lang=LANG, year=YEAR)
        reader.get_by_text(t("commentary.heading"), exact=True).first.wait_for()
        reader.get_by_text(WRITTEN, exact=True).first.wait_for()
    finally:
        undo_written(app)
