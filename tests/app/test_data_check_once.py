"""An uploaded file is read and checked once per upload, not again on every rerun.

A click anywhere on the page (another tab, a filter in the sidebar) reruns the whole script;
with a large file, checking it again each time kept a server thread busy for minutes. The
real reader and checker run here, wrapped only to count their calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import uccn_data.importer
import uccn_data.templates
from tests.app.test_data import BROKEN, FIXED, frame_with, open_app
from tests.conftest import swedish_csv
from uccn_data.store import Store


@pytest.fixture
def demo(demo_copy: Store) -> Store:
    return demo_copy


def counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[None]:
    """Wrap `module.name` (the name its callers look up) so that every call is recorded; the
    real function still does the work."""
    real: Callable[..., Any] = getattr(module, name)
    calls: list[None] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(None)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def click_elsewhere(at: AppTest, store: Store) -> None:
    """Reruns that leave the upload as it is: the history tab, the sidebar, a plain rerun."""
    ids = [h["import_id"] for h in store.history() if h["undone_at"] is None]
    for import_id in ids[1:3]:
        at.selectbox(key="undo_id").set_value(import_id).run()
    at.selectbox(key="f_year").set_value(2022).run()
    at.selectbox(key="f_year").set_value("").run()
    at.run()
    assert not at.exception


def test_a_file_with_errors_is_read_and_checked_once(demo, monkeypatch):
    reads = counted(monkeypatch, uccn_data.importer, "read_file")
    checks = counted(monkeypatch, uccn_data.importer, "check")
    error_report_reads = counted(monkeypatch, uccn_data.templates, "read_file")
    at = open_app(demo, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    at.selectbox(key="upload_table").set_value("spending")
    at.file_uploader(key="upload_file").upload("kostnader.csv", swedish_csv(BROKEN), "text/csv")
    at.run()
    assert (len(reads), len(checks), len(error_report_reads)) == (1, 1, 1)

    click_elsewhere(at, demo)

    assert (len(reads), len(checks), len(error_report_reads)) == (1, 1, 1)
    # Still on the page after every rerun: the errors by row and the error report.
    assert list(frame_with(at, "Rad")["Rad"]) == [3, 4]
    assert any(b.label.startswith("Ladda ned felrapporten") for b in at.get("download_button"))


def test_a_valid_file_is_checked_once_and_its_preview_stays(demo, monkeypatch):
    reads = counted(monkeypatch, uccn_data.importer, "read_file")
    at = open_app(demo, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    at.file_uploader(key="upload_file").upload("kostnader.csv", swedish_csv(FIXED), "text/csv")
    at.run()

    click_elsewhere(at, demo)

    assert len(reads) == 1
    assert len(frame_with(at, "post_id")) == 3
    assert any("3 rader, varav 3 nya" in s.value for s in at.success)
    assert [b for b in at.button if b.key == "commit"]


def test_a_new_upload_another_table_or_a_changed_store_is_checked_again(demo, monkeypatch):
    reads = counted(monkeypatch, uccn_data.importer, "read_file")
    at = open_app(demo, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    uploader = at.file_uploader(key="upload_file")
    uploader.upload("kostnader.csv", swedish_csv(FIXED), "text/csv")
    at.run()
    assert len(reads) == 1

    # The same bytes uploaded again are a new upload: checked again, once.
    at.file_uploader(key="upload_file").upload("kostnader.csv", swedish_csv(FIXED), "text/csv")
    at.run().run()
    assert len(reads) == 2

    # Another table asked for: the file is judged against it, once.
    at.selectbox(key="upload_table").set_value("activities").run()
    at.run()
    assert len(reads) == 3
    assert at.error
    at.selectbox(key="upload_table").set_value("").run()
    assert len(reads) == 4

    # The import reads the file itself; the store has changed, so the next run checks the
    # file once more against it (0 new rows now), and then not again.
    at.button(key="commit").click().run()
    assert len(reads) == 5
    at.run()
    at.run()
    assert len(reads) == 6
    assert any("3 oförändrade" in s.value for s in at.success)
    assert not [b for b in at.button if b.key == "commit"]
