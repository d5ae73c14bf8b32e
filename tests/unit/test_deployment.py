"""What the deployment promises, checked on the files IT is given: Streamlit's settings, the
start command (Makefile, Dockerfile, systemd), the reverse proxy's headers, the sign-in
example, the scheduled backup (run for real on a store) and the documents that explain them.

The running server, the proxy in front of it and the browser are tested in tests/e2e
(test_no_lookup.py, test_proxy.py, test_grid_download.py).
"""

from __future__ import annotations

import gzip
import os
import re
import shlex
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests import nginx_site
from tests.conftest import ROOT
from tests.deployment_files import (
    NETBLOCK,
    docker_command,
    docker_env,
    instruction,
    make_run_command,
)
from uccn_data.store import Store

CONFIG = ROOT / ".streamlit" / "config.toml"
SECRETS_EXAMPLE = ROOT / ".streamlit" / "secrets.toml.example"
NGINX = ROOT / "deploy" / "nginx" / "uccn.conf"
SYSTEMD = ROOT / "deploy" / "systemd"


def config() -> dict[str, Any]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


# --- Streamlit's settings ---------------------------------------------------------------


def test_every_setting_in_config_toml_is_one_streamlit_knows():
    """A misspelt or retired option is ignored without a word; then a protection is gone."""
    from streamlit import config as st_config

    known = set(st_config._config_options_template)
    for section, options in config().items():
        for name in options:
            assert f"{section}.{name}" in known, f"{section}.{name} is not a Streamlit option"


def test_the_tables_own_download_and_copy_are_off():
    """Finding 6: the grid's "Download as CSV" exported =HYPERLINK(...) live; our downloads
    neutralise it (the browser test shows the button gone, and what it would have given)."""
    assert config()["client"]["disableDataExport"] is True


def test_websockets_and_uploads_are_checked_for_their_origin():
    server = config()["server"]
    assert server["enableCORS"] is True
    assert server["enableXsrfProtection"] is True
    assert server.get("corsAllowedOrigins", []) == []  # no other site is let in


def test_no_statistics_and_no_public_address_lookup_at_start():
    browser = config()["browser"]
    assert browser["gatherUsageStats"] is False
    # Given an address, Streamlit does not ask a web service for the machine's at start.
    assert browser["serverAddress"] == "localhost"


# --- Issue 16: the first visitor of a fresh process does not wait for the imports ---------


def python_code(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`code` run by this Python in a process of its own, from `cwd`, with `env` added to this
    process's environment; its output as text."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, **env},
    )


@pytest.mark.processes
@pytest.mark.parametrize(("script", "ahead"), [("dashboard/app.py", True), ("other.py", False)])
def test_the_dashboards_first_run_modules_are_imported_while_the_server_starts(
    script, ahead, tmp_path
):
    """`python -m dashboard.serve run dashboard/app.py` imports the charts, the KPIs and
    the frame in the background, then builds the first Overview (dashboard/warm.py); any
    other script (the benchmarks' bare page) is left alone. With no store there is nothing
    to build, and no store file is made."""
    code = (
        "import sys\n"
        "from dashboard import serve\n"
        f"thread = serve.import_ahead(['run', {script!r}, '--server.port', '8501'])\n"
        "if thread: thread.join()\n"
        "print(thread is not None, 'uccn_data.pages.overview' in sys.modules,"
        " 'dashboard.charts' in sys.modules, 'dashboard.warm' in sys.modules)\n"
    )
    missing = tmp_path / "none.duckdb"
    done = python_code(code, ROOT, UCCN_DB=str(missing))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(ahead)] * 4
    assert not missing.exists()


@pytest.mark.processes
def test_the_first_run_modules_wait_for_the_server_to_be_up(tmp_path):
    """With the server's start signal, nothing is imported before the server is up (the
    imports would hold its start back), and everything is once it is."""
    code = (
        "import importlib, threading, time\n"
        "from dashboard import serve\n"
        "asked = []\n"
        "real = importlib.import_module\n"
        "importlib.import_module = lambda name: (asked.append(name), real(name))[1]\n"
        "up = threading.Event()\n"
        "thread = serve.import_ahead(['run', 'dashboard/app.py'], up)\n"
        "time.sleep(0.3)\n"
        "print(len(asked), thread.is_alive())\n"
        "up.set(); thread.join()\n"
        "print(*asked)\n"
    )
    done = python_code(code, ROOT, UCCN_DB=str(tmp_path / "none.duckdb"))
    assert done.returncode == 0, done.stderr
    waiting, imported = done.stdout.splitlines()
    assert waiting == "0 True"
    from dashboard.serve import FIRST_RUN_MODULES

    # (pandas asks importlib for modules of its own meanwhile)
    assert [name for name in imported.split() if name in FIRST_RUN_MODULES] == list(
        FIRST_RUN_MODULES
    )


def test_the_server_start_signal_follows_streamlits_own_start(monkeypatch):
    from streamlit.web import bootstrap

    from dashboard.serve import signal_server_up

    started: list[object] = []

    def failing_start(server: object) -> None:
        started.append(server)
        raise OSError("no terminal")

    monkeypatch.setattr(bootstrap, "_on_server_start", failing_start)
    up = signal_server_up()
    assert not up.is_set()
    with pytest.raises(OSError):
        bootstrap._on_server_start("the server")
    # Streamlit's own start ran, with its argument, and the imports may go on even so.
    assert started == ["the server"]
    assert up.is_set()


# --- A page opened by its link names the server's root (issue 16) -----------------------

STREAMLIT_PAGE = (
    '<html lang="en"><head><script>window.prerenderReady = false</script>\n'
    '    <script type="module" crossorigin src="./static/js/index.js"></script>'
    "</head><body></body></html>"
)


@pytest.mark.parametrize(
    ("base", "root"),
    [(None, '"/"'), ("", '"/"'), ("uccn", '"/uccn"'), ("/uccn/", '"/uccn"'), ("a/b", '"/a/b"')],
)
def test_the_page_names_the_servers_root_before_streamlits_script(base, root):
    from dashboard.serve import ROOT_SCRIPT, index_page

    page = index_page(STREAMLIT_PAGE, base)
    assert f"BACKEND_BASE_URL: window.location.origin + {root}" in page
    assert page.index("BACKEND_BASE_URL") < page.index('<script type="module"')
    # Streamlit's page is otherwise as it was.
    assert page.replace(ROOT_SCRIPT % root, "") == STREAMLIT_PAGE


def test_a_base_path_cannot_end_the_script():
    from dashboard.serve import index_page

    page = index_page(STREAMLIT_PAGE, "x</script><script>alert(1)")
    assert "</script><script>alert" not in page
    assert "\\u003c/script>" in page


def test_a_streamlit_page_without_its_module_script_stops_the_start():
    from dashboard.serve import index_page

    with pytest.raises(RuntimeError, match=r"index\.html"):
        index_page("<html><script src=old.js></script></html>", None)


def _answer(
    static: Any, url_path: str, relative: str, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    """What Streamlit's static files (`static`) answer a GET of `url_path` (`relative` to
    their folder) with the request `headers` (accept_encoding="gzip" for Accept-Encoding), as
    the server would send it."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    sent = [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    scope = {"type": "http", "method": "GET", "path": url_path, "headers": sent, "root_path": ""}
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # this one when they ran first in the same session.
    with ThreadPoolExecutor(1) as thread:
        response = thread.submit(asyncio.run, static.get_response(relative, scope)).result()
    # A file's answer is sent from the file, as the server would.
    body = bytes(response.body) if hasattr(response, "body") else Path(response.path).read_bytes()
    return response.status_code, dict(response.headers), body


def test_the_server_answers_its_own_page_wherever_streamlit_answers_its_index(
    tmp_path, monkeypatch
):
    from streamlit.web.server.starlette import starlette_static_routes as routes

    from dashboard import serve

    static = tmp_path / "static"
    (static / "static" / "js").mkdir(parents=True)
    (static / "static" / "js" / "index.js").write_text("// app", encoding="utf-8")
    (static / "index.html").write_text(STREAMLIT_PAGE, encoding="utf-8")
    # Put back what serve_own_index replaces when the test ends.
    monkeypatch.setattr(
        routes, "create_streamlit_static_handler", routes.create_streamlit_static_handler
    )
    serve.serve_own_index()
    files = routes.create_streamlit_static_handler(directory=str(static), base_url="uccn")

    for url_path, relative in (("/uccn/", "."), ("/uccn/ekonomi", "ekonomi")):
        status, headers, body = _answer(files, url_path, relative)
        assert status == 200
        assert headers["content-type"].startswith("text/html")
        assert headers["cache-control"] == "no-cache"
        assert "etag" not in headers
        assert body.decode("utf-8") == serve.index_page(STREAMLIT_PAGE, "uccn")
    status, headers, body = _answer(files, "/uccn/static/js/index.js", "static/js/index.js")
    assert (status, body) == (200, b"// app")
    assert "immutable" in headers["cache-control"]
    # Streamlit's own file is as it was.
    assert (static / "index.html").read_text(encoding="utf-8") == STREAMLIT_PAGE


SCRIPT = b"export const words = [" + b", ".join(b'"ord %d"' % i for i in range(3000)) + b"];\n"


@pytest.fixture
def static_files(tmp_path, monkeypatch) -> tuple[Path, Any]:
    """Streamlit's static files as the start command serves them, from a folder of our own
    with a script, a font and Streamlit's page."""
    from streamlit.web.server.starlette import starlette_static_routes as routes

    from dashboard import serve

    static = tmp_path / "static"
    (static / "static" / "js").mkdir(parents=True)
    (static / "static" / "media").mkdir()
    (static / "static" / "js" / "index.js").write_bytes(SCRIPT)
    (static / "static" / "media" / "font.woff2").write_bytes(bytes(range(256)) * 40)
    (static / "index.html").write_text(STREAMLIT_PAGE, encoding="utf-8")
    monkeypatch.setattr(
        routes, "create_streamlit_static_handler", routes.create_streamlit_static_handler
    )
    serve.serve_own_index()
    return static, routes.create_streamlit_static_handler(directory=str(static), base_url=None)


def test_streamlits_scripts_are_sent_whole_and_compressed_for_a_browser_that_accepts_it(
    static_files,
):
    folder, files = static_files
    js = ("/static/js/index.js", "static/js/index.js")
    plain = _answer(files, *js)
    packed = _answer(files, *js, accept_encoding="gzip, deflate, br")
    assert plain[0] == packed[0] == 200
    assert plain[2] == SCRIPT and "content-encoding" not in plain[1]
    assert gzip.decompress(packed[2]) == SCRIPT and packed[1]["content-encoding"] == "gzip"
    assert len(packed[2]) < len(SCRIPT) / 3
    assert packed[1]["content-length"] == str(len(packed[2]))
    assert plain[1]["content-length"] == str(len(SCRIPT))
    for headers in (plain[1], packed[1]):
        assert headers["vary"] == "Accept-Encoding"
        assert headers["content-type"].startswith(("text/javascript", "application/javascript"))
        assert "immutable" in headers["cache-control"]
        assert headers["last-modified"]
    # The compressed copy is another representation: its validator is the file's, marked weak,
    # and a range (always of the file) is not offered on it.
    assert packed[1]["etag"] == "W/" + plain[1]["etag"]
    assert plain[1]["accept-ranges"] == "bytes" and "accept-ranges" not in packed[1]
    # A browser that refuses gzip gets the file as it is.
    assert _answer(files, *js, accept_encoding="gzip;q=0, identity")[2] == SCRIPT
    # A font is compressed already: sent as it is, whatever the browser accepts.
    font = _answer(files, "/static/media/font.woff2", "static/media/font.woff2",
                   accept_encoding="gzip")  # fmt: skip
    assert font[2] == (folder / "static" / "media" / "font.woff2").read_bytes()
    assert "content-encoding" not in font[1] and "vary" not in font[1]
    # A browser's copy is confirmed as before.
    assert _answer(files, *js, if_none_match=plain[1]["etag"])[0] == 304


def test_a_changed_static_file_is_sent_as_it_is_now(static_files):
    folder, files = static_files
    js = ("/static/js/index.js", "static/js/index.js")
    assert _answer(files, *js)[2] == SCRIPT
    script = folder / "static" / "js" / "index.js"
    # The same size, another time: a new version all the same.
    changed = SCRIPT.replace(b"ord", b"ORD")
    script.write_bytes(changed)
    os.utime(script, ns=(1_900_000_000_000_000_000, 1_900_000_000_000_000_000))
    assert _answer(files, *js)[2] == changed
    assert gzip.decompress(_answer(files, *js, accept_encoding="gzip")[2]) == changed


def test_a_room_asking_for_a_script_at_once_has_it_read_once(tmp_path, monkeypatch):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from starlette.responses import FileResponse

    from dashboard import serve

    script = tmp_path / "big.js"
    script.write_bytes(SCRIPT)
    reads: list[str] = []
    real_read = serve._read

    def counted(path: str, compress: bool) -> Any:
        reads.append(path)
        return real_read(path, compress)

    monkeypatch.setattr(serve, "_read", counted)
    memory = serve.StaticMemory()
    scope = {"type": "http", "method": "GET", "headers": [(b"accept-encoding", b"gzip")]}

    async def room() -> list[Any]:
        asked = [FileResponse(script, stat_result=os.stat(script)) for _ in range(30)]
        return list(await asyncio.gather(*(memory.answer(r, scope) for r in asked)))

    with ThreadPoolExecutor(1) as thread:
        answers = thread.submit(asyncio.run, room()).result()
    assert len(reads) == 1
    assert {gzip.decompress(bytes(a.body)) for a in answers} == {SCRIPT}


@pytest.mark.parametrize(
    ("accept", "gzip_sent"),
    [
        ("gzip, deflate, br", True),
        ("GZIP", True),
        ("gzip;q=0.5, identity", True),
        ("*", True),
        ("gzip;q=0, *", False),  # named and refused: the * does not bring it back
        ("gzip;q=0", False),
        ("br, identity", False),
        ("gzip;q=x", False),
        ("", False),
    ],
)
def test_gzip_is_sent_only_where_the_browser_accepts_it(accept, gzip_sent):
    from dashboard.serve import _accepts_gzip

    assert _accepts_gzip({"headers": [(b"accept-encoding", accept.encode())]}) is gzip_sent
    assert _accepts_gzip({"headers": []}) is False


@pytest.mark.parametrize(
    ("limit", "method", "headers", "from_memory"),
    [
        (10 * len(SCRIPT), "GET", [(b"accept-encoding", b"gzip")], True),
        (len(SCRIPT) // 2, "GET", [(b"accept-encoding", b"gzip")], False),  # over the bound
        (10 * len(SCRIPT), "GET", [(b"range", b"bytes=0-9")], False),  # Starlette's 206
        (10 * len(SCRIPT), "HEAD", [], False),
    ],
    ids=["kept", "over-the-bound", "range", "head"],
)
def test_only_whole_gets_within_the_bound_are_answered_from_memory(
    tmp_path, limit, method, headers, from_memory
):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from starlette.responses import FileResponse

    from dashboard.serve import StaticMemory

    script = tmp_path / "big.js"
    script.write_bytes(SCRIPT)
    memory = StaticMemory(limit_bytes=limit)
    scope = {"type": "http", "method": method, "headers": headers}
    response = FileResponse(script, stat_result=os.stat(script))
    with ThreadPoolExecutor(1) as thread:
        answer = thread.submit(asyncio.run, memory.answer(response, scope)).result()
    # Otherwise the file's own answer, sent from the file as Streamlit would.
    assert (answer is not response) == from_memory


@pytest.mark.processes
def test_a_real_server_start_lets_the_first_run_modules_go(tmp_path):
    """Streamlit's own start, in a process of its own, sets the signal the imports wait for
    (if an upgrade stopped calling the hook, they would start 10 s late, unnoticed)."""
    (tmp_path / "bare.py").write_text('import streamlit as st\nst.title("x")\n', "utf-8")
    code = (
        "import os, threading\n"
        "from streamlit.web import cli\n"
        "from dashboard import serve\n"
        "up = serve.signal_server_up()\n"
        "def report():\n"
        "    print('up' if up.wait(60) else 'not up', flush=True)\n"
        "    os._exit(0)\n"
        "threading.Thread(target=report, daemon=True).start()\n"
        "cli.main(['run', 'bare.py', '--server.port', '0', '--server.headless', 'true',"
        " '--server.address', '127.0.0.1', '--browser.gatherUsageStats', 'false'],"
        " prog_name='streamlit')\n"
    )
    done = python_code(code, tmp_path, PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    assert done.stdout.strip().splitlines()[-1:] == ["up"], done.stderr[-2000:]


# --- Finding 8: no lookup of the machine's public address -------------------------------


def _origin_check(keep_local: bool, tmp_path: Path) -> tuple[str, list[str]]:
    """Streamlit's own origin check for a foreign origin, in a process whose network is
    blocked; returns its answer and the attempts to reach another host."""
    log = tmp_path / f"net-{keep_local}.log"
    code = (
        "from dashboard.serve import keep_lookups_local\n"
        f"if {keep_local}: keep_lookups_local()\n"
        "from streamlit.web.server import server_util\n"
        "print(server_util.is_url_from_allowed_origins('https://evil.example'))\n"
    )
    done = python_code(
        code,
        ROOT,
        PYTHONPATH=os.pathsep.join([str(NETBLOCK), str(ROOT)]),
        NETBLOCK_LOG=str(log),
    )
    assert done.returncode == 0, done.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].startswith("armed"), "the network block was not in place"
    return done.stdout.strip(), lines[1:]


@pytest.mark.processes
def test_a_refused_origin_makes_no_lookup_with_the_launcher(tmp_path: Path):
    answer, attempts = _origin_check(keep_local=True, tmp_path=tmp_path)
    assert answer == "False"  # still refused
    assert attempts == []


@pytest.mark.processes
def test_without_the_launcher_streamlit_asks_a_web_service(tmp_path: Path):
    """The control: the check above would see the lookup (this is what finding 8 saw)."""
    answer, attempts = _origin_check(keep_local=False, tmp_path=tmp_path)
    assert answer == "False"
    assert any("checkip.amazonaws.com" in line for line in attempts), attempts


# --- One start command everywhere -------------------------------------------------------


def test_the_image_starts_the_dashboard_as_make_run_does():
    env, command = make_run_command()
    assert command == docker_command()
    assert command[:4] == ["python", "-m", "dashboard.serve", "run"]
    assert set(env) == {"UCCN_DB"} and "UCCN_DB" in docker_env()


def test_the_systemd_service_starts_the_same_command():
    text = (SYSTEMD / "uccn.service").read_text(encoding="utf-8")
    (start,) = re.findall(r"^ExecStart=(.+)$", text, re.MULTILINE)
    words = shlex.split(start)
    assert words[0] == "/opt/uccn/.venv/bin/python"
    command = docker_command()
    assert words[1 : len(command)] == command[1:]
    # Only reachable through the proxy on the same machine.
    assert words[len(command) :] == ["--server.address", "127.0.0.1"]


def test_the_image_runs_unprivileged_with_the_store_on_a_volume_and_a_health_check():
    (user,) = instruction("USER")
    assert user not in ("root", "0") and not user.startswith(("root:", "0:"))
    assert instruction("VOLUME") == ['["/data"]']
    assert docker_env()["UCCN_DB"].startswith("/data/")
    (health,) = instruction("HEALTHCHECK")
    port = docker_command()[docker_command().index("--server.port") + 1]
    assert f"http://127.0.0.1:{port}/_stcore/health" in health
    assert instruction("EXPOSE") == [port]


def test_the_image_holds_no_secrets_or_data():
    copied = " ".join(instruction("COPY") + instruction("ADD"))
    assert "secrets" not in copied and ".duckdb" not in copied
    assert "COPY . ." not in (ROOT / "Dockerfile").read_text(encoding="utf-8")
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for kept_out in (".streamlit/secrets.toml", "*.duckdb", ".venv/", ".git/", "data/"):
        assert kept_out in ignored


# --- The reverse proxy ------------------------------------------------------------------


def nginx() -> str:
    """The example without its comments."""
    return "\n".join(
        line.split("#", 1)[0].rstrip() for line in NGINX.read_text(encoding="utf-8").splitlines()
    )


def _block(text: str, opening: str) -> str:
    """The body of the `{ ... }` block whose head is `opening` (e.g. "location = /x")."""
    start = text.index(opening + " {")
    depth, i = 0, text.index("{", start)
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1 : j]
    raise AssertionError(f"unclosed block {opening}")


def _server(text: str, listening: str) -> str:
    """The body of the `server { ... }` block with `listen <listening>`."""
    rest = text
    while "server {" in rest:
        body = _block(rest, "server")
        if f"listen {listening}" in body:
            return body
        rest = rest[rest.index(body) + len(body) :]
    raise AssertionError(f"no server listens on {listening}")


@pytest.mark.parametrize(
    "header",
    [
        "add_header Content-Security-Policy \"frame-ancestors 'none'\" always;",
        'add_header X-Frame-Options "DENY" always;',
        'add_header Strict-Transport-Security "max-age=31536000" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
    ],
)
def test_the_proxy_sends_the_security_headers(header: str):
    tls = _server(nginx(), "443 ssl")
    assert header in tls


def test_no_location_drops_the_headers():
    """nginx forgets the server's add_header in a location that adds one of its own."""
    tls = _server(nginx(), "443 ssl")
    locations = re.findall(r"(location [^{]+?) \{", tls)
    assert len(locations) == 4
    for location in locations:
        assert "add_header" not in _block(tls, location)


def test_the_proxy_closes_the_metrics_and_speaks_tls_only():
    text = nginx()
    metrics = _block(text, "location ^~ /_stcore/metrics")
    assert metrics.strip() == "return 404;"
    tls = _server(text, "443 ssl")
    assert re.search(r"ssl_certificate\s+\S+;", tls) and re.search(r"ssl_certificate_key\s+", tls)
    assert "TLSv1.2 TLSv1.3" in tls and "TLSv1.1" not in tls
    plain = _server(text, "80;")
    assert "return 301 https://$host$request_uri;" in plain and "proxy_pass" not in plain


def test_the_proxy_passes_the_websocket_and_the_origin_host():
    stream = _block(nginx(), "location = /_stcore/stream")
    for line in (
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $uccn_connection;",
        "proxy_set_header Host $http_host;",
        # the client's address for the sign-in's slow-down, replaced, never appended to
        "proxy_set_header X-Forwarded-For $remote_addr;",
    ):
        assert line in stream


def test_the_guide_gives_the_cookie_routing_that_is_tested_and_measured():
    """docs/deployment.md's lines for several processes are the ones tests/e2e/test_proxy.py
    and make bench's burst through nginx run (tests/nginx_site.py), word for word."""
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    two = "        server 127.0.0.1:8501;\n        server 127.0.0.1:8502;"
    assert nginx_site.ROUTED_UPSTREAM.replace("{servers}", two) in guide
    assert nginx_site.ROUTE_COOKIE in guide
    assert nginx_site.ROUTE_COOKIE_AFTER.strip() in nginx()


def test_only_streamlits_own_files_are_cached_and_compressed():
    """Issue 16: the same few MB of scripts for every visitor, never anything per user."""
    tls = _server(nginx(), "443 ssl")
    static = _block(tls, "location ^~ /static/")
    for line in ("proxy_cache uccn_static;", "proxy_cache_lock on;", "gzip on;"):
        assert line in static
    # One plain copy kept: the dashboard would send a gzip copy to a proxy that asks for it.
    assert 'proxy_set_header Accept-Encoding "";' in static
    # Python names a script's type from the system's list: text/javascript on Debian.
    assert "application/javascript" in static and "text/javascript" in static
    assert tls.count("proxy_cache ") == 1 and tls.count("gzip on;") == 1


# --- Sign-in with Microsoft Entra ID ----------------------------------------------------


def entra_example() -> dict[str, Any]:
    """The example's commented [auth] block, switched on as the instructions say."""
    lines = SECRETS_EXAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index("# [auth]")
    block = []
    for line in lines[start:]:
        if not line.startswith("# ") or (line.startswith("# [") and block):
            break
        block.append(line[2:])
    return tomllib.loads("\n".join(block))


def test_the_secrets_example_shows_entra_id_for_st_login():
    auth = entra_example()["auth"]
    assert set(auth) == {
        "redirect_uri",
        "cookie_secret",
        "client_id",
        "client_secret",
        "server_metadata_url",
    }
    assert re.fullmatch(
        r"https://login\.microsoftonline\.com/<tenant>/v2\.0/\.well-known/openid-configuration",
        auth["server_metadata_url"],
    )
    # st.login answers on /oauth2callback; the proxy serves https only.
    assert auth["redirect_uri"].startswith("https://")
    assert auth["redirect_uri"].endswith("/oauth2callback")


def test_the_secrets_example_as_it_is_is_valid_toml_with_roles():
    example = tomllib.loads(SECRETS_EXAMPLE.read_text(encoding="utf-8"))
    assert "auth" not in example  # turned on by the reader, not by copying
    assert "uccn" in example


# --- Backups on a schedule --------------------------------------------------------------


def _backup(store: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "UCCN_DB": str(store),
        "BACKUP_DIR": str(folder),
        "KEEP_DAYS": "35",
        "PYTHON": sys.executable,
    }
    return subprocess.run(
        ["sh", str(ROOT / "deploy" / "backup.sh")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@pytest.mark.processes
def test_the_scheduled_backup_makes_a_checked_copy_and_prunes_only_its_old_ones(
    tmp_path: Path, store: Store
):
    from uccn_data.backup import check_backup

    folder = tmp_path / "backups"
    folder.mkdir()
    old_copy, someone_elses = folder / "uccn-20200101-000000.duckdb", folder / "manual.duckdb"
    month_old = folder / "uccn-20200201-000000.duckdb"
    for path, days in ((old_copy, 40), (someone_elses, 40), (month_old, 30)):
        path.write_bytes(b"")
        then = time.time() - days * 86400
        os.utime(path, (then, then))

    done = _backup(store.path, folder)

    assert done.returncode == 0, done.stderr
    made = sorted(set(folder.glob("uccn-*.duckdb")) - {month_old})
    assert len(made) == 1 and made[0].stat().st_size > 0
    check_backup(made[0])  # raises unless it is a whole store this program can restore
    assert not old_copy.exists()
    assert someone_elses.exists() and month_old.exists()


@pytest.mark.processes
def test_a_failed_backup_is_reported_to_the_scheduler(tmp_path: Path):
    done = _backup(tmp_path / "no-such-store.duckdb", tmp_path / "backups")
    assert done.returncode != 0
    assert list((tmp_path / "backups").glob("*")) == []


def test_the_timer_runs_the_backup_every_night():
    timer = (SYSTEMD / "uccn-backup.timer").read_text(encoding="utf-8")
    assert re.search(r"^OnCalendar=\*-\*-\* \d\d:\d\d:00$", timer, re.MULTILINE)
    assert "Persistent=true" in timer
    service = (SYSTEMD / "uccn-backup.service").read_text(encoding="utf-8")
    assert re.search(r"^ExecStart=/bin/sh /opt/uccn/deploy/backup\.sh$", service, re.MULTILINE)
    assert "Type=oneshot" in service


# --- The documents ----------------------------------------------------------------------


def test_every_deployment_file_is_explained_in_the_guide():
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    files = [ROOT / "Dockerfile", SECRETS_EXAMPLE, *sorted((ROOT / "deploy").rglob("*.*"))]
    for path in files:
        assert str(path.relative_to(ROOT)) in guide, f"{path.relative_to(ROOT)} is not in docs"
    for topic in ("Entra", "restore", "upgrade", "/_stcore/health", "not covered"):
        assert topic.lower() in guide.lower(), topic


def test_security_md_says_how_to_report_a_problem():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert re.search(r"^## .*(report|rapportera)", text, re.MULTILINE | re.IGNORECASE)
    for topic in ("sign-in", "role", "mask", "plain text", "upload", "network", "backup"):
        assert topic in text.lower(), topic
