"""Issue 16: the first Overview is built while the server starts (dashboard/warm.py), so the
first visitor's run finds it ready instead of building it."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n, warm
from tests.conftest import ROOT
from uccn_data.pages import overview

APP = str(ROOT / "dashboard" / "app.py")


def never_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, building the Overview fails: a page that shows it must have found it
    built already. Named as the real builder, since the cache knows builders by name."""
    real = overview.build

    def build(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the Overview was built again")

    build.__module__, build.__qualname__ = real.__module__, real.__qualname__
    monkeypatch.setattr(overview, "build", build)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_visitor_after_warming_gets_the_overview_without_building_it(
    demo_copy, monkeypatch, lang
):
    # A store of its own: no other test can have built its pages.
    monkeypatch.setenv("UCCN_DB", str(demo_copy.path))
    assert warm.first_overview() is True
    never_built(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    if lang != "sv":
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == i18n.t("overview.heading", lang)
    assert len(at.metric) >= 10  # the headline cards, from the warmed page


def test_without_warming_the_first_visitor_builds_it(demo_copy, monkeypatch, caplog):
    """The check above can fail: with nothing warmed, the visitor's run builds the page (the
    page shows a redacted error; the server log has the builder's)."""
    monkeypatch.setenv("UCCN_DB", str(demo_copy.path))
    never_built(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.exception
    assert "the Overview was built again" in caplog.text


def test_before_the_first_import_nothing_is_built_or_created(tmp_path, monkeypatch):
    """A fresh install with no store file: the page explains it; warming creates nothing."""
    missing = tmp_path / "none.duckdb"
    monkeypatch.setenv("UCCN_DB", str(missing))
    assert warm.first_overview() is False
    assert not missing.exists()
