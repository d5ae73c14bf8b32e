"""Streamlit's upload endpoint in the running server: a viewer's session, which has no
uploader, cannot store a file through it; a coordinator's, on the Data page, can.

The endpoint (`PUT /_stcore/upload_file/<session>/<file>`) takes the session id from the
address: the test reads its own session's id from the server's first message on the
websocket, as any browser could, and sends a 19 MB file from the page, with the XSRF token
Streamlit's own uploader sends.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .browser import DATA_PAGE, App, click_nav, sign_in, wait_ready
from .conftest import VIEWPORT

pytestmark = pytest.mark.e2e

LANG = "sv"
PUT_19_MB = """async sessionId => {
  const xsrf = (document.cookie.match(/_streamlit_xsrf=([^;]+)/) || [])[1] || '';
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(19 * 1024 * 1024)]), 'stor.csv');
  const answer = await fetch(`/_stcore/upload_file/${sessionId}/ett-id`, {
    method: 'PUT', body: form, headers: {'X-Xsrftoken': decodeURIComponent(xsrf)},
  });
  return answer.status;
}"""


@pytest.fixture
def session(browser: Any, app: App) -> Iterator[tuple[Any, list[str]]]:
    """A fresh browser session on the dashboard, and its Streamlit session id."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ids: list[str] = []

    def first_message(payload: bytes | str) -> None:
        if isinstance(payload, bytes) and not ids:
            try:
                message = ForwardMsg.FromString(payload)
            except Exception:  # not every frame is one whole message
                return
            if message.WhichOneof("type") == "new_session":
                ids.append(message.new_session.initialize.session_id)

    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.on("websocket", lambda socket: socket.on("framereceived", first_message))
    page.goto(app.url(lang=LANG))
    wait_ready(page)
    assert ids, "no session id in the server's first message"
    yield page, ids
    context.close()


def test_a_viewer_session_cannot_upload(session: tuple[Any, list[str]]):
    page, ids = session
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.evaluate(PUT_19_MB, ids[0]) == 403


def test_a_coordinator_on_the_data_page_can(session: tuple[Any, list[str]]):
    page, ids = session
    sign_in(page, LANG)
    click_nav(page, DATA_PAGE, LANG)
    wait_ready(page)
    assert page.locator('[data-testid="stFileUploader"]').count() == 1
    assert page.evaluate(PUT_19_MB, ids[0]) == 204
