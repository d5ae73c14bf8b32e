"""The reverse-proxy example (deploy/nginx/uccn.conf) in front of the dashboard, for real:
nginx accepts the file, answers over TLS with the headers that stop framing, keeps Streamlit's
metrics inside, sends plain http to https and passes the page's websocket (finding 9 of
issue 14: Streamlit cannot send those headers or close its metrics itself).

nginx runs from the example with only what an installer replaces replaced: the host's
ports, a throwaway certificate and the dashboard's port. Without nginx (`apt-get install
nginx`) these tests are skipped; tests/unit/test_deployment.py still checks the file.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.deployment_files import Served, docker_command, free_port, run_apart, serve, with_port
from tests.nginx_site import HOST, ROUTES_LOG, find_nginx, running, unchecked_tls

pytestmark = pytest.mark.e2e
FRAMING = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
}


@dataclass(frozen=True)
class Proxy:
    https: int
    http: int
    app: Served
    folder: Path  # nginx's configuration, logs and cache


@pytest.fixture(scope="module")
def nginx() -> str:
    found = find_nginx()
    if found is None:
        message = "nginx is not installed (`apt-get install nginx`); the proxy example is unchecked"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(message + ". In CI a skip would hide it.", pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def proxy(nginx: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    app_folder = tmp_path_factory.mktemp("proxied")
    (app_folder / "data").mkdir()
    app_port = free_port()
    command = with_port(docker_command(), app_port)
    env = {"UCCN_DB": str(app_folder / "data" / "uccn.duckdb")}
    folder = tmp_path_factory.mktemp("nginx")
    https, http = free_port(), free_port()
    with serve(app_folder, command, env) as app, running(nginx, folder, [app_port], https, http):
        yield Proxy(https, http, app, folder)


@pytest.fixture(scope="module")
def routed(nginx: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """Two dashboard processes on one store behind nginx with the guide's cookie routing:
    (nginx's https port, its folder)."""
    store = tmp_path_factory.mktemp("routed-store") / "uccn.duckdb"
    folder = tmp_path_factory.mktemp("nginx-routed")
    https, http = free_port(), free_port()
    with contextlib.ExitStack() as stack:
        ports = [free_port(), free_port()]
        for port in ports:
            command = with_port(docker_command(), port)
            stack.enter_context(
                serve(tmp_path_factory.mktemp("routed"), command, {"UCCN_DB": str(store)})
            )
        stack.enter_context(running(nginx, folder, ports, https, http))
        yield https, folder


def _get(
    port: int, path: str, tls: bool = True, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """GET `path` from the proxy as a browser at https://HOST would: (status, headers, body),
    the body as sent (compressed if it was)."""
    try:
        if tls:
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", port, timeout=10, context=unchecked_tls()
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except OSError:
        return 0, {}, b""


def _websocket(port: int, origin: str) -> str:
    import websockets
    from websockets.exceptions import InvalidStatus

    async def attempt() -> str:
        try:
            async with websockets.connect(
                f"wss://{HOST}/_stcore/stream",
                host="127.0.0.1",
                port=port,
                ssl=unchecked_tls(),
                server_hostname=HOST,
                origin=origin,
                open_timeout=20,
            ):
                return "open"
        except InvalidStatus as refused:
            return f"refused {refused.response.status_code}"

    return run_apart(attempt())


@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/ramaktiviteter", "/no-such-page"])
def test_every_answer_forbids_framing(proxy: Proxy, path: str):
    status, headers, _ = _get(proxy.https, path)
    assert status == 200
    for name, value in FRAMING.items():
        assert headers.get(name) == value, name


@pytest.mark.parametrize(
    "path", ["/_stcore/metrics", "/_stcore/metrics/", "/_stcore/%6Detrics", "//_stcore/metrics"]
)
def test_the_metrics_are_closed_from_outside(proxy: Proxy, path: str):
    status, headers, body = _get(proxy.https, path)
    assert status == 404
    assert b"session" not in body.lower()
    assert headers.get("X-Frame-Options") == "DENY"  # errors carry the headers too


def test_streamlits_scripts_arrive_compressed_and_are_kept_by_the_proxy(proxy: Proxy):
    """Issue 16: the page's main script, as a browser asks for it, is gzip-compressed to under
    half, decompresses to Streamlit's own bytes, keeps the framing headers, and lands in the
    proxy's cache so the next visitor's copy does not come from the dashboard."""
    status, _, page = _get(proxy.https, "/")
    assert status == 200
    script = re.search(rb'src="\.?/?(static/js/index\.[^"]+\.js)"', page)
    assert script, page[:500]
    path = "/" + script.group(1).decode()
    direct = http.client.HTTPConnection("127.0.0.1", proxy.app.port, timeout=10)
    direct.request("GET", path)
    original = direct.getresponse().read()
    status, headers, body = _get(proxy.https, path, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == original
    assert len(body) < len(original) / 2
    assert headers.get("X-Frame-Options") == "DENY"
    assert any(f.is_file() for f in (proxy.folder / "static-cache").rglob("*"))


def test_the_metrics_are_still_there_on_the_machine(proxy: Proxy):
    """Streamlit itself serves them to anyone who reaches it: why the proxy must close them."""
    connection = http.client.HTTPConnection("127.0.0.1", proxy.app.port, timeout=10)
    connection.request("GET", "/_stcore/metrics")
    assert connection.getresponse().status == 200


def test_plain_http_goes_to_https(proxy: Proxy):
    status, headers, _ = _get(proxy.http, "/om?lang=en", tls=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/om?lang=en"


def test_the_page_connects_through_the_proxy_and_others_do_not(proxy: Proxy):
    assert _websocket(proxy.https, f"https://{HOST}") == "open"
    assert _websocket(proxy.https, "https://evil.example") == "refused 403"
    assert proxy.app.attempts() == []


def test_the_guides_cookie_routing_keeps_each_visitor_on_one_process_and_uses_both(
    routed: tuple[int, Path],
):
    """docs/deployment.md, "More processes on one host": a first visit gets a route of its
    own; every later request carrying it reaches the same process (a session's websocket and
    uploads must), and the visitors are spread over both processes."""
    https, folder = routed
    for _ in range(16):
        status, headers, _ = _get(https, "/")
        assert status == 200
        cookie = headers["Set-Cookie"].split(";")[0]
        assert cookie.startswith("uccn_route=")
        for path in ("/_stcore/health", "/om?lang=en", "/_stcore/host-config"):
            assert _get(https, path, headers={"Cookie": cookie})[0] == 200
    served: dict[str, set[str]] = {}
    for line in (folder / ROUTES_LOG).read_text(encoding="utf-8").splitlines():
        route, upstream = line.split()
        if route != "-":  # a first visit, before it has its route
            served.setdefault(route, set()).add(upstream)
    assert len(served) == 16
    assert all(len(upstreams) == 1 for upstreams in served.values()), served
    assert len(set().union(*served.values())) == 2
