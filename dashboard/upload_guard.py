"""Only a session that shows the file uploader can upload a file; the server refuses the rest.

Streamlit's upload endpoint (`PUT /_stcore/upload_file/<session>/<file>`) is not tied to a
widget: it stores a file for any live session, whatever that session's script draws, and
keeps it in memory until the session ends. A viewer, who never sees an uploader, could so
put one 20 MB file after another into its own session. The endpoint stores through the
runtime's uploaded-file manager (the one every script run reaches as
`ctx.uploaded_file_mgr`), so `install` wraps that manager's `add_file`: a file is kept only
for a session that `allow` has named (the Data page calls it, for a signed-in coordinator,
as it draws the uploader), and then only the newest one (the uploader takes one file at a
time). Any other upload is answered 403 before it is stored.

A session stays allowed until it ends, also after its coordinator signs out; it can then
hold one file at most, and no page reads it. The guard holds from the first script run on
the server (app.py calls `install` first thing); until then no page has been shown either.
"""

from __future__ import annotations

import threading
from typing import Any

from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

_ALLOWED: set[str] = set()  # session ids whose script has drawn the uploader
_LOCK = threading.Lock()
_MARK = "_uccn_upload_guard"


def install() -> None:
    """Guard this server's uploaded-file manager (once; later calls cost a look-up).

    Call it on every script run, before any page: the first run of the first session then
    guards the server before any browser has had a chance to upload."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        guard(ctx.uploaded_file_mgr)


def allow() -> None:
    """Let this session upload: call it where the uploader is drawn, after the role check."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        guard(ctx.uploaded_file_mgr)
        with _LOCK:
            _ALLOWED.add(ctx.session_id)


def guard(manager: Any) -> None:
    """Wrap `manager.add_file` (and `remove_session_files`, to forget ended sessions).

    Raises nothing itself; the wrapped `add_file` raises starlette's HTTPException(403) for a
    session that may not upload, which the upload endpoint returns as it is."""
    if getattr(manager, _MARK, False):
        return
    store = manager.add_file
    forget = manager.remove_session_files

    def add_file(session_id: str, file: UploadedFileRec) -> None:
        from starlette.exceptions import HTTPException

        with _LOCK:
            allowed = session_id in _ALLOWED
        if not allowed:
            raise HTTPException(status_code=403, detail="No uploads in this session.")
        # One uploader, one file: an earlier one is never read again.
        held = list(getattr(manager, "file_storage", {}).get(session_id, {}))  # one C call
        for file_id in held:
            if file_id != file.file_id:
                manager.remove_file(session_id, file_id)
        store(session_id, file)

    def remove_session_files(session_id: str) -> None:
        with _LOCK:
            _ALLOWED.discard(session_id)
        forget(session_id)

    manager.add_file = add_file
    manager.remove_session_files = remove_session_files
    setattr(manager, _MARK, True)
