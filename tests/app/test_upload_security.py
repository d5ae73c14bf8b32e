"""The Data page against careless and hostile uploads, in real Streamlit (AppTest):

- a large file is checked once, in a child process, and a file over the limits is refused
  with a message naming the limit (uccn_data/worker.py, uccn_data/sizes.py);
- a file name is only ever text: one starting with `'` is not an error (security review,
  finding 10);
- a viewer's session has no uploader on any page, and the server keeps no file for a
  session that has none (dashboard/upload_guard.py; security review, finding 9).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.exceptions import HTTPException
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.testing.v1 import AppTest

from dashboard import upload_guard
from tests.app.test_data import BROKEN, FIXED, frame_with, open_app
from tests.conftest import swedish_csv
from tests.unit.test_upload_limits import same_rows, sheet, spending
from uccn_data import worker
from uccn_data.store import Store

VIEWER_PAGES = [
    "overview", "framework", "smes", "exchanges", "budget", "staff", "sdg11", "completeness",
    "reports",
    "present", "about",
]  # fmt: skip
SESSION = "test session id"  # AppTest's one session id


@pytest.fixture
def store(demo_copy: Store) -> Store:
    return demo_copy


def children(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    """Count the child processes the worker starts (each still runs)."""
    started: list[None] = []
    real: Callable[..., Any] = worker._in_child

    def counting(*args: Any) -> Any:
        started.append(None)
        return real(*args)

    monkeypatch.setattr(worker, "_in_child", counting)
    return started


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_file").upload(name, data, "application/octet-stream")
    return at.run(timeout=180)


# --- a large file: once, in a child, under the limits -------------------------------------


@pytest.mark.processes
def test_a_large_file_is_checked_once_in_a_child_and_imported(store, monkeypatch):
    started = children(monkeypatch)
    at = open_app(store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()

    upload(at, "kostnader.csv", spending(100_000))
    at.run()
    at.selectbox(key="f_year").set_value(2022).run()

    assert not at.exception
    assert len(started) == 1  # checked once, in a child, for every rerun
    assert any("100000 rader, varav 100000 nya" in s.value for s in at.success)

    before = len(store.history())
    at.button(key="commit").click().run(timeout=180)
    assert len(started) == 2  # the import, in a child of its own
    assert any("100000 nya" in s.value for s in at.success)
    assert len(store.history()) == before + 1


def test_a_workbook_over_the_cell_limit_is_refused_naming_the_limit(demo_store, monkeypatch):
    at = open_app(demo_store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    before = demo_store.history()

    upload(at, "stor.xlsx", sheet(same_rows(60_000, 200)))

    assert not at.exception
    (message,) = frame_with(at, "Rad")["Vad är fel och vad ska göras"]
    assert "fler än 2\u00a0000\u00a0000 celler" in message and "Dela upp" in message
    assert not [b for b in at.button if b.key == "commit"]
    assert demo_store.history() == before


@pytest.mark.processes
def test_a_child_over_its_memory_cap_is_a_message_on_the_page(store, monkeypatch):
    monkeypatch.setenv("UCCN_IMPORT_MEMORY_MB", "220")
    at = open_app(store, monkeypatch, role="coordinator", lang="en")
    at.switch_page("views/data.py").run()

    upload(at, "stor.csv", spending(200_000))

    assert not at.exception
    (message,) = frame_with(at, "Row")["What is wrong and what to do"]
    assert "more than 220 MB of memory" in message and "Split it" in message


# --- a file name is text ------------------------------------------------------------------


NAMES = ["'x.csv", "x'.csv", "'.csv", "a" * 27 + "'b.csv", "[KLICKA](http://evil)*?:.csv"]


@pytest.mark.parametrize("name", NAMES)
def test_any_file_name_is_taken_as_it_is(store, monkeypatch, name):
    """A name starting with `'` stopped the page ("This app has encountered an error"): it
    named a sheet of the error report, and Excel forbids that there."""
    at = open_app(store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()

    upload(at, name, swedish_csv(BROKEN))
    assert not at.exception
    assert list(frame_with(at, "Rad")["Rad"]) == [3, 4]
    assert any(b.label.startswith("Ladda ned felrapporten") for b in at.get("download_button"))

    upload(at, name, swedish_csv(FIXED))
    at.button(key="commit").click().run()
    assert not at.exception
    assert store.history()[0]["file_name"] == name
    assert name in list(frame_with(at, "Fil")["Fil"])  # the history, as plain text


# --- no uploads from a viewer's session ---------------------------------------------------


@pytest.fixture
def endpoint() -> MemoryUploadedFileManager:
    """The uploaded-file manager the server's upload endpoint stores through, guarded as
    dashboard/app.py guards the server's own; AppTest's one session starts not allowed."""
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    upload_guard.guard(manager)
    manager.remove_session_files(SESSION)  # a session that ends is forgotten
    return manager


def put(manager: MemoryUploadedFileManager, file_id: str, session: str = SESSION) -> None:
    """What `PUT /_stcore/upload_file/<session>/<file_id>` does with a 19 MB file."""
    manager.add_file(session, UploadedFileRec(file_id, "stor.csv", "text/csv", b"x" * (19 << 20)))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_viewer_has_no_uploader_on_any_page_and_cannot_upload(
    demo_store, monkeypatch, endpoint, lang
):
    at = open_app(demo_store, monkeypatch, lang=lang)
    for name in VIEWER_PAGES:
        at.switch_page(f"views/{name}.py").run()
        assert not at.exception, name
        assert not at.get("file_uploader"), name
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/data.py")

    with pytest.raises(HTTPException) as refused:
        put(endpoint, "a")
    assert refused.value.status_code == 403
    assert endpoint.get_files(SESSION, ["a"]) == []


def test_a_coordinator_can_upload_one_file_at_a_time(store, monkeypatch, endpoint):
    at = open_app(store, monkeypatch, role="coordinator")
    at.run()
    with pytest.raises(HTTPException):  # signed in, but no uploader drawn yet
        put(endpoint, "a")

    at.switch_page("views/data.py").run()
    assert len(at.get("file_uploader")) == 1
    put(endpoint, "a")
    put(endpoint, "b")
    assert [f.file_id for f in endpoint.get_files(SESSION, ["a", "b"])] == ["b"]
    with pytest.raises(HTTPException):  # any other session, still not
        put(endpoint, "c", session="another session")
