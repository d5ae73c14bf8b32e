"""Start Streamlit for the dashboard so that the server itself never asks the internet anything,
and so that a page opened by its own link connects at once.

Use it exactly as the `streamlit` command, e.g. `python -m dashboard.serve run dashboard/app.py
--server.port 8501` (that is what `make run` and the container image run).

Why it exists, first: Streamlit 1.67 asks a public web service (checkip.amazonaws.com, over
http and then https, one second each) for the machine's public address whenever it refuses a
websocket for its Origin, and again on the next refusal, since a failure is not remembered
(`streamlit.web.server.server_util.is_url_from_allowed_origins`). No configuration option turns
that off: `browser.serverAddress` only spares the lookup at start. So before the server starts
we tell Streamlit that the machine has no public address. The refusal itself is unchanged: an
address Streamlit would have learnt that way only ever served to *allow* an Origin, and the
dashboard is reached through its own host name (same-origin) or `server.corsAllowedOrigins`.

Second: a page opened by its link (`/ekonomi?lang=sv`, every page but the Overview) did not
know where the server's root is, so Streamlit's page first asked `/ekonomi/_stcore/health`,
got a 404, waited its 100 ms retry pause and only then asked `/_stcore/health`: about 110 ms of
each such load before the script could start. The page Streamlit serves is therefore its own
index.html with one line more, which names the server's root (`window.__streamlit`, read by
Streamlit's page before it connects), and the page language from the link (Streamlit writes
"en" until the app's first run corrects it).

Third: Streamlit sends its own scripts and styles (about 5 MB for a first visit) from the file,
64 KB at a time through a worker thread, uncompressed. At a meeting of thirty that was about
4.7 s of the server's one interpreter, the most of any part of the burst (issue 16). Each such
file is now kept in memory, with a gzip copy made once, and sent whole (`StaticMemory`).
"""

from __future__ import annotations

import asyncio
import gzip
import importlib
import json
import os
import sys
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit import net_util
from streamlit.web import bootstrap, cli
from streamlit.web.server.starlette import starlette_static_routes


def no_public_address() -> str | None:
    """Stands in for `streamlit.net_util.get_external_ip`: no lookup, no public address."""
    return None


def keep_lookups_local() -> None:
    """Replace Streamlit's public-address lookup for this process (before the server starts).

    Raises RuntimeError if Streamlit no longer has the function, so that an upgrade that moves
    it stops the start instead of silently bringing the lookup back.
    """
    if not callable(getattr(net_util, "get_external_ip", None)):
        raise RuntimeError(
            "streamlit.net_util.get_external_ip is gone: check how this Streamlit version "
            "finds the machine's public address before starting the dashboard."
        )
    # Both callers (the origin check and the start-up banner) look the function up on the
    # module at call time, so replacing the module attribute reaches them.
    net_util.get_external_ip = no_public_address


# Run in the page before Streamlit's own script. The root is the page's origin and the server's
# base path (`server.baseUrlPath`, "" unless a proxy serves the dashboard under a folder): the
# address Streamlit's probing settles on when the proxy passes the path on unchanged, which
# Streamlit's base path requires anyway. The language is the link's last `lang` (as
# `st.query_params` reads it): English for "en", Swedish otherwise, as dashboard/state.py.
ROOT_SCRIPT = """<script>
      window.__streamlit = Object.assign({}, window.__streamlit, {
        BACKEND_BASE_URL: window.location.origin + %s
      });
      document.documentElement.lang =
        new URLSearchParams(window.location.search).getAll("lang").pop() === "en" ? "en" : "sv";
    </script>
    """
# Streamlit's index.html, where the line goes: before its own script, which reads the root.
FIRST_SCRIPT = '<script type="module"'


def index_page(streamlit_index: str, base_url: str | None) -> str:
    """Streamlit's index.html (`streamlit_index`, its text) with ROOT_SCRIPT before the first
    module script, for a server whose `server.baseUrlPath` is `base_url` (None or "" for none;
    slashes around it do not matter).

    Raises RuntimeError if the page has no module script, so that a Streamlit upgrade that
    changes its page stops the start instead of silently bringing the probing back.
    """
    at = streamlit_index.find(FIRST_SCRIPT)
    if at < 0:
        raise RuntimeError(
            "Streamlit's index.html has no module script: check how this Streamlit version "
            "loads its page before starting the dashboard (dashboard/serve.py)."
        )
    path = (base_url or "").strip("/")
    root = json.dumps(f"/{path}" if path else "/").replace("<", "\\u003c")
    return streamlit_index[:at] + ROOT_SCRIPT % root + streamlit_index[at:]


Responder = Callable[[str, Any], Awaitable[Any]]


def with_own_index(
    get_response: Responder, index: Path, page: str, memory: StaticMemory | None = None
) -> Responder:
    """Streamlit's static files' `get_response(path, scope)`, answering `page` (HTML text)
    wherever it would answer the file `index` (the root, and every page's own address), and
    with `memory` every other whole file from memory (`StaticMemory.answer`); every other
    answer, a 304 included, as it was. The page is kept in memory: a file of ours in a
    temporary folder would be removed by the system's clean-up of old files while the server
    runs."""
    from starlette.responses import FileResponse, HTMLResponse

    index = index.resolve()

    async def get_response_with_own_index(path: str, scope: Any) -> Any:
        response = await get_response(path, scope)
        if not isinstance(response, FileResponse):
            return response
        # The name first: resolving every file's path cost the burst 3 % of its time.
        if os.path.basename(response.path) == index.name and Path(response.path).resolve() == index:
            # No validator: the page is ours, so a browser's copy of Streamlit's own must not
            # be confirmed by Streamlit's file's.
            cache = response.headers.get("cache-control", "no-cache")
            return HTMLResponse(page, headers={"Cache-Control": cache})
        if memory is not None:
            return await memory.answer(response, scope)
        return response

    return get_response_with_own_index


# Streamlit 1.67's static folder holds about 30 MB, of which a visit asks for 5-8 MB; what a
# process keeps is bounded all the same, and a file over the bound is sent from disk.
STATIC_MEMORY_MB = 48
# What gzip makes much smaller. Fonts (woff2) and images are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


@dataclass(frozen=True)
class Kept:
    """A static file as read once: its bytes and, for text, their gzip (None otherwise)."""

    body: bytes
    gzipped: bytes | None


class StaticMemory:
    """Streamlit's static files in memory, each read (and compressed) once per file version
    and sent whole. Thread-safe; at most `limit_bytes` kept in all (bodies and gzip copies)."""

    def __init__(self, limit_bytes: int = STATIC_MEMORY_MB * 1_000_000) -> None:
        self.limit_bytes = limit_bytes
        self._kept: dict[tuple[str, int, int], Kept] = {}
        # Files being read: a room arriving at a fresh process asks for the same script at
        # once, and each would otherwise read and compress it.
        self._reading: dict[tuple[str, int, int], asyncio.Future[Kept | None]] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    async def answer(self, response: Any, scope: Any) -> Any:
        """For Starlette's FileResponse `response` to the request `scope`: the same answer
        (status 200, the same headers: type, validators, caching) with the body from memory,
        gzip-encoded when the request accepts gzip and the file is text (then with
        `Vary: Accept-Encoding` and a weak ETag, as nginx marks what it compresses). A range
        request, any method but GET, another status, a response without the file's status
        (and so without its validators) or a file over the bound gets `response` itself."""
        from starlette.responses import Response

        stat = response.stat_result  # given by StaticFiles, with the headers it makes
        if (
            stat is None
            or scope.get("method") != "GET"
            or response.status_code != 200
            or _asks(scope, b"range")
        ):
            return response
        headers = dict(response.headers)
        key = (str(response.path), stat.st_mtime_ns, stat.st_size)
        kept = self._kept.get(key)
        if kept is None:
            kept = await self._read_once(key, headers.get("content-type", ""))
            if kept is None:
                return response
        headers.pop("content-length", None)  # the body's own is set below
        body = kept.body
        if kept.gzipped is not None:
            headers["vary"] = "Accept-Encoding"
            if _accepts_gzip(scope):
                body = kept.gzipped
                headers["content-encoding"] = "gzip"
                headers.pop("accept-ranges", None)  # a range is of the file, not of this
                if "etag" in headers and not headers["etag"].startswith("W/"):
                    headers["etag"] = "W/" + headers["etag"]
        return Response(body, status_code=200, headers=headers)

    async def _read_once(self, key: tuple[str, int, int], content_type: str) -> Kept | None:
        """The file `key` names, read (and compressed if text) once, off the event loop (zlib
        lets go of the GIL), and kept; None if it would pass the bound or cannot be read.
        Requests that come while it is being read wait for that read."""
        from anyio import to_thread

        path, _, size = key
        with self._lock:
            waiting = self._reading.get(key)
            if waiting is None:
                # Bodies and their gzip copies: a copy is never larger than its file.
                if self._bytes + 2 * size > self.limit_bytes:
                    return None
                reading: asyncio.Future[Kept | None] = asyncio.get_running_loop().create_future()
                self._reading[key] = reading
        if waiting is not None:
            return await asyncio.shield(waiting)
        kept: Kept | None = None
        try:
            kept = await to_thread.run_sync(_read, path, content_type.startswith(COMPRESSIBLE))
        except OSError:
            kept = None  # sent from the file, whose own answer says what went wrong
        finally:
            with self._lock:
                # Checked again: other files may have been kept in the meantime.
                size = len(kept.body) + len(kept.gzipped or b"") if kept else 0
                if kept and key not in self._kept and self._bytes + size <= self.limit_bytes:
                    self._kept[key] = kept
                    self._bytes += size
                self._reading.pop(key, None)
            reading.set_result(kept)
        return kept


def _read(path: str, compress: bool) -> Kept:
    body = Path(path).read_bytes()
    gzipped = gzip.compress(body, compresslevel=6, mtime=0) if compress else None
    return Kept(body, gzipped if gzipped is not None and len(gzipped) < len(body) else None)


def _asks(scope: Any, name: bytes) -> bool:
    return any(key.lower() == name for key, _ in scope.get("headers", []))


def _accepts_gzip(scope: Any) -> bool:
    """Whether the request's Accept-Encoding accepts gzip: named with a quality above 0, or
    not named and `*` accepted (RFC 9110, 12.5.3)."""
    qualities: dict[str, float] = {}
    for key, value in scope.get("headers", []):
        if key.lower() != b"accept-encoding":
            continue
        for item in value.decode("latin-1").split(","):
            coding, _, params = item.strip().partition(";")
            quality = params.strip().lower().removeprefix("q=") if params.strip() else "1"
            try:
                qualities[coding.strip().lower()] = float(quality)
            except ValueError:
                qualities[coding.strip().lower()] = 0.0
    return qualities.get("gzip", qualities.get("*", 0.0)) > 0


def serve_own_index() -> None:
    """Make Streamlit's server (started later in this process) answer `index_page` where it
    answers its own index.html, and its other static files from memory (`StaticMemory`).

    Raises RuntimeError if Streamlit no longer builds its static files this way, so that an
    upgrade stops the start instead of silently serving the page without the root.
    """
    original: Callable[..., Any] | None = getattr(
        starlette_static_routes, "create_streamlit_static_handler", None
    )
    if not callable(original):
        raise RuntimeError(
            "streamlit.web.server.starlette.starlette_static_routes."
            "create_streamlit_static_handler is gone: check how this Streamlit version "
            "serves its page before starting the dashboard."
        )

    def handler(directory: str, base_url: str | None) -> Any:
        static = original(directory=directory, base_url=base_url)
        if not callable(getattr(static, "get_response", None)):
            raise RuntimeError(
                "Streamlit's static files have no get_response: check how this Streamlit "
                "version serves its page before starting the dashboard (dashboard/serve.py)."
            )
        index = Path(directory, "index.html")
        page = index_page(index.read_text(encoding="utf-8"), base_url)
        # Starlette's StaticFiles calls self.get_response, so the instance's own comes first.
        static.get_response = with_own_index(static.get_response, index, page, StaticMemory())
        return static

    # create_streamlit_static_assets_routes looks the function up on the module at call time.
    starlette_static_routes.create_streamlit_static_handler = handler


APP = Path(__file__).with_name("app.py").resolve()
# What the dashboard's first run imports before it can draw the Overview: pandas, DuckDB, the
# KPIs and the frame. About 0.5 s on this 2-core machine (Streamlit's own 0.4 s apart), paid by
# the first visitor of a fresh process unless it is done before they arrive.
FIRST_RUN_MODULES = ("dashboard.cache", "dashboard.login", "uccn_data.pages.overview")


# How long the imports wait for the server to be up before they start anyway.
SERVER_START_WAIT_S = 10.0
# The English Overview is built this long after the Swedish one, which a link opens by
# default: built at once, it takes turns with the first visitor's page on one interpreter (a
# cold start to the first Overview took 2,941 ms without the wait and 2,889 ms with it,
# medians of nine in alternation at scale 100: a small gain, within a day's spread). Someone
# who opens the English link in those seconds has it built by their own run, as before
# warming existed.
OTHER_LANGUAGES_AFTER_S = 2.0


def import_ahead(
    argv: list[str], server_up: threading.Event | None = None
) -> threading.Thread | None:
    """When `argv` runs the dashboard's own app.py, import FIRST_RUN_MODULES in a background
    thread, then fill the first Overview's caches (`dashboard.warm.first_overview`), so the
    first visitor (at a meeting: the whole room, in the same seconds) does not wait for either;
    another script (the bare page the benchmarks compare with) is left as it is.

    With `server_up`, the thread starts its work once that event is set (or after
    SERVER_START_WAIT_S): imports and the server's own start take turns on one interpreter,
    so importing first held the server back by about 0.4 s, during which a browser could not
    even fetch the page's scripts. Once the server is up, the browser loads and runs those
    scripts on its own cores while the imports go on here.

    Returns the thread, or None. An import or a store read that fails is left to fail again,
    with its message, in the script run that needs it."""
    if not any(arg.endswith(".py") and Path(arg).resolve() == APP for arg in argv):
        return None

    def load() -> None:
        if server_up is not None:
            server_up.wait(SERVER_START_WAIT_S)
        for name in FIRST_RUN_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: S112 - shown by the script run instead
                continue
        try:
            from dashboard import warm

            warm.first_overview(other_languages_after_s=OTHER_LANGUAGES_AFTER_S)
        except Exception:  # noqa: S110 - a store problem is shown by the script run instead
            pass

    thread = threading.Thread(target=load, name="uccn-import-ahead", daemon=True)
    thread.start()
    return thread


def signal_server_up() -> threading.Event:
    """An event set once Streamlit's server accepts sessions (after its
    `bootstrap._on_server_start`, which runs once the server has started). If Streamlit no
    longer has that function, the event is simply never set (see SERVER_START_WAIT_S)."""
    up = threading.Event()
    started: Callable[..., Any] | None = getattr(bootstrap, "_on_server_start", None)
    if callable(started):

        def on_server_start(*args: Any, **kwargs: Any) -> Any:
            try:
                return started(*args, **kwargs)
            finally:
                up.set()

        # bootstrap.run looks the function up on the module when the server has started.
        bootstrap._on_server_start = on_server_start
    return up


def main() -> None:
    """`streamlit` with the given arguments, without the public-address lookup, with a page
    that knows the server's root, the dashboard's modules imported and its first Overview
    built as soon as the server is up."""
    keep_lookups_local()
    serve_own_index()
    import_ahead(sys.argv[1:], signal_server_up())
    # prog_name as `python -m streamlit` gives it, so Streamlit sees the usual command line.
    sys.exit(cli.main(prog_name="streamlit"))


if __name__ == "__main__":
    main()
