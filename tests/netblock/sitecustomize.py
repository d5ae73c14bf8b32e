"""A process started with this folder on PYTHONPATH may reach this machine only.

Python imports `sitecustomize` at start; this one adds an audit hook that refuses, inside the
process, every name lookup of another host and every connection to or datagram for another
address, and writes each attempt as one line to the file named by NETBLOCK_LOG. Its first
line, "armed <pid>", shows the block was in place, so that an empty record means something.
Connecting a UDP socket sends nothing (Streamlit does it to learn which local address routes
outward), so that alone is let through.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from typing import Any

_LOG = os.environ.get("NETBLOCK_LOG", "")


def _local(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host is None or host in ("", "localhost", "0.0.0.0", "::", "::1"):  # noqa: S104
        return True
    text = str(host)
    return text.startswith(("127.", "::ffff:127.")) or text.endswith(".localhost")


def _write(line: str) -> None:
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(line + "\n")


def _refuse_outside(event: str, args: tuple[Any, ...]) -> None:
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
        host = args[0]
    elif event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[1]
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        if event == "socket.connect" and sock.type == socket.SOCK_DGRAM:
            return
        host = address[0]
    else:
        return
    if _local(host):
        return
    _write(f"{event} {host}")
    raise OSError(errno.ENETUNREACH, f"network blocked for this test: {event} {host}")


if _LOG:
    _write(f"armed {os.getpid()}")
    sys.addaudithook(_refuse_outside)
