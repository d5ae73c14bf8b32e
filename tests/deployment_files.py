"""The start command as IT is given it (Dockerfile, Makefile), read from those files, and a way
to run it for a test: in a folder laid out as the image's /app, with the network blocked.

Used by tests/unit/test_deployment.py (the files agree) and tests/e2e (the command works).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

NETBLOCK = ROOT / "tests" / "netblock"  # its sitecustomize.py refuses other hosts


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def instruction(name: str) -> list[str]:
    """The arguments of every `name` instruction in the Dockerfile, in order."""
    return [rest for word, rest in _dockerfile() if word == name]


def docker_env() -> dict[str, str]:
    """The image's ENV, merged."""
    env: dict[str, str] = {}
    for rest in instruction("ENV"):
        for pair in shlex.split(rest):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def docker_command() -> list[str]:
    """The image's CMD (exec form)."""
    (cmd,) = instruction("CMD")
    return list(json.loads(cmd))


def make_run_command() -> tuple[dict[str, str], list[str]]:
    """`make run`'s recipe with the Makefile's defaults filled in: (environment, command),
    with `$(BIN)/python` written as the image writes it, `python`."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert recipe, "the Makefile has no run target"
    (line,) = recipe.group(1).splitlines()
    port = re.search(r"^PORT\s*\?=\s*(\S+)", text, re.MULTILINE)
    assert port, "the Makefile has no PORT default"
    words = shlex.split(line.strip().replace("$(PORT)", port.group(1)))
    env = {}
    while "=" in words[0]:
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    if words[0] == "$(BIN)/python":
        words[0] = "python"
    return env, words


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(port: int, base: str = "") -> bool:
    """Whether the server on `port` answers its health check (under the base path `base`)."""
    prefix = f"/{base.strip('/')}" if base.strip("/") else ""
    url = f"http://127.0.0.1:{port}{prefix}/_stcore/health"
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            return bool(r.status == 200)
    except OSError:
        return False


@dataclass(frozen=True)
class Served:
    """A dashboard started by `serve`: its port, its output and its network record."""

    port: int
    log: Path
    network_log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def attempts(self) -> list[str]:
        """Every attempt to reach another host (the first line only says the block was on)."""
        lines = self.network_log.read_text(encoding="utf-8").splitlines()
        assert lines and lines[0].startswith("armed"), "the network block was not in place"
        return lines[1:]


def with_port(command: Sequence[str], port: int) -> list[str]:
    """The command with `--server.port` set to `port`."""
    words = list(command)
    words[words.index("--server.port") + 1] = str(port)
    return words


@contextlib.contextmanager
def serve(
    folder: Path, command: Sequence[str], env: Mapping[str, str], timeout_s: float = 90
) -> Iterator[Served]:
    """Run `command` (its `python` as this interpreter) in `folder`, laid out as the image's
    /app: the code linked in, the project's Streamlit settings copied (never its secrets),
    HOME inside it. The process may reach no host but this one; until it answers on
    /_stcore/health, then until the block ends."""
    for package in ("dashboard", "uccn_data"):
        (folder / package).symlink_to(ROOT / package, target_is_directory=True)
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "config.toml").write_bytes(
        (ROOT / ".streamlit" / "config.toml").read_bytes()
    )
    port = int(command[command.index("--server.port") + 1])
    log, network_log = folder / "server.log", folder / "network.log"
    words = [sys.executable if command[0] == "python" else command[0], *command[1:]]
    full_env = {
        **os.environ,
        "HOME": str(folder),
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(NETBLOCK),
        "NETBLOCK_LOG": str(network_log),
        **env,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            words, cwd=folder, env=full_env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + timeout_s
        while not healthy(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    f"{shlex.join(command)} did not start:\n"
                    + log.read_text(errors="replace")[-3000:]
                )
            time.sleep(0.2)
        yield Served(port, log, network_log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def run_apart(coroutine: Any) -> Any:
    """Run a coroutine to its end on its own event loop in its own thread: the browser
    tests' Playwright keeps an event loop running in this thread, where asyncio.run refuses."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as apart:
        return apart.submit(asyncio.run, coroutine).result()
