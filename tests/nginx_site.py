"""The reverse-proxy example (deploy/nginx/uccn.conf) filled in as an installer does, for nginx
to run from a throwaway folder: ports, a self-signed certificate, the dashboard processes.

With several processes it takes the cookie routing that docs/deployment.md ("More processes
on one host") tells the installer to paste in, word for word (tests/unit/test_deployment.py
checks that the guide still says so). Used by tests/e2e/test_proxy.py and by make bench's
burst through the proxy (benchmarks/burst.py).
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT

HOST = "uccn.example.se"  # the example's host name, kept
EXAMPLE = ROOT / "deploy" / "nginx" / "uccn.conf"

# docs/deployment.md: what replaces the example's `upstream` block for two or more processes
# ({servers} stands for their `server` lines), and the header added to the 443 server block.
ROUTED_UPSTREAM = """    map $cookie_uccn_route $uccn_route {
        ""      $request_id;          # a first visit: a new random route
        default $cookie_uccn_route;   # later requests: the same one
    }
    upstream uccn_dashboard {
        hash $uccn_route consistent;
{servers}
    }"""
ROUTE_COOKIE = (
    '    add_header Set-Cookie "uccn_route=$uccn_route; Path=/; Secure; HttpOnly; SameSite=Lax" '
    "always;"
)
ROUTES_LOG = "routes.log"
ROUTE_COOKIE_AFTER = '    add_header X-Content-Type-Options "nosniff" always;'


def find_nginx() -> str | None:
    """The nginx program, or None if it is not installed."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).is_file()), None
    )


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for HOST, valid for a day: (certificate, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def site(
    folder: Path, app_ports: Sequence[int], https: int, http: int, plain: int | None = None
) -> Path:
    """The example with an installer's replacements: ports, certificate, the dashboard's
    port; with more than one port, the guide's cookie routing over them. With `plain`, the
    TLS site also answers without TLS on that port (a benchmark's clients, whose Python TLS
    would take the cores the server needs; never for an installation)."""
    cert, key = certificate(folder)
    text = EXAMPLE.read_text(encoding="utf-8")
    single = "upstream uccn_dashboard {\n    server 127.0.0.1:8501;\n}"
    if len(app_ports) == 1:
        upstream = f"upstream uccn_dashboard {{\n    server 127.0.0.1:{app_ports[0]};\n}}"
    else:
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in app_ports)
        upstream = "\n".join(
            line.removeprefix("    ")
            for line in ROUTED_UPSTREAM.replace("{servers}", servers).splitlines()
        )
    replacements = [
        (single, upstream),
        (
            "listen 443 ssl;",
            f"listen 127.0.0.1:{https} ssl;"
            + (f"\n    listen 127.0.0.1:{plain};" if plain is not None else ""),
        ),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("/etc/ssl/uccn/fullchain.pem", str(cert)),
        ("/etc/ssl/uccn/privkey.pem", str(key)),
        ("/var/cache/nginx/uccn", str(folder / "static-cache")),
    ]
    if len(app_ports) > 1:
        replacements.append((ROUTE_COOKIE_AFTER, ROUTE_COOKIE_AFTER + "\n" + ROUTE_COOKIE))
    for old, new in replacements:
        assert old in text, f"the example no longer has {old!r}"
        text = text.replace(old, new)
    text = re.sub(r"^\s*listen \[::\].*\n", "", text, flags=re.MULTILINE)  # IPv4 here
    path = folder / "uccn.conf"
    path.write_text(text, encoding="utf-8")
    return path


def main_config(folder: Path, site_path: Path) -> Path:
    """nginx's own frame around the site, everything in `folder`; each request's routing
    cookie and the dashboard process it went to are logged in ROUTES_LOG there."""
    temps = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers write the temp folders here
    main = folder / "nginx.conf"
    main.write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\nevents {{}}\n"
        f"http {{\n    log_format routes '$cookie_uccn_route $upstream_addr';\n"
        f"    access_log {folder / ROUTES_LOG} routes;\n{temps}\n    include {site_path};\n}}\n",
        encoding="utf-8",
    )
    return main


def unchecked_tls() -> ssl.SSLContext:
    """A client's TLS settings for the throwaway certificate: not checked."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _healthy(https: int) -> bool:
    try:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", https, timeout=2, context=unchecked_tls()
        )
        connection.request("GET", "/_stcore/health", headers={"Host": HOST})
        return connection.getresponse().status == 200
    except OSError:
        return False


@contextmanager
def running(
    nginx: str,
    folder: Path,
    app_ports: Sequence[int],
    https: int,
    http: int,
    plain: int | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """nginx in front of the dashboard processes on `app_ports` (`plain` as for site()),
    until the block ends; AssertionError with nginx's own words if it refuses the
    configuration or does not answer on /_stcore/health within 30 s."""
    main = main_config(folder, site(folder, app_ports, https, http, plain))
    checked = subprocess.run(
        [nginx, "-t", "-c", str(main)], capture_output=True, text=True, timeout=30
    )
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [nginx, "-c", str(main), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not _healthy(https):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, (folder / "error.log").read_text()
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=15)
