"""The container image's start command, run without Docker, on a machine whose network is
blocked: it answers its health check, and a websocket refused for its origin makes the server
ask no one for this machine's public address (finding 8 of issue 14).

The command and its environment are read from the Dockerfile (tests/deployment_files.py),
so this is the command the image runs; only the port and the store's folder differ. The
process runs with tests/netblock/sitecustomize.py, which refuses and records every attempt
to resolve or reach another host. The control runs plain `streamlit` with the same
arguments, and the record shows its lookup: the check can see one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deployment_files import (
    Served,
    docker_command,
    docker_env,
    free_port,
    instruction,
    run_apart,
    serve,
    with_port,
)

pytestmark = pytest.mark.e2e
FOREIGN = "https://evil.example"
LOOKUP_FAILED = "Did not auto detect external IP"  # what Streamlit logs after a lookup


def _image_env(folder: Path) -> dict[str, str]:
    env = docker_env()
    # The image's volume /data is a folder here; the store need not exist to be served.
    env["UCCN_DB"] = str(folder / "data" / Path(env["UCCN_DB"]).name)
    env.pop("HOME", None)  # serve() gives the process a HOME of its own
    (folder / "data").mkdir()
    return env


@pytest.fixture(scope="module")
def image_command(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("image")
    command = with_port(docker_command(), free_port())
    with serve(folder, command, _image_env(folder)) as served:
        yield served


def _websocket(port: int, origin: str) -> tuple[str, float]:
    """Open Streamlit's websocket with `origin`: ("open" or the refusal, seconds taken)."""
    import websockets
    from websockets.exceptions import InvalidStatus

    async def attempt() -> str:
        try:
            async with websockets.connect(
                f"ws://127.0.0.1:{port}/_stcore/stream", origin=origin, open_timeout=20
            ):
                return "open"
        except InvalidStatus as refused:
            return f"refused {refused.response.status_code}"

    started = time.monotonic()
    result = run_apart(attempt())
    return result, time.monotonic() - started


def test_the_image_command_starts_and_answers_its_health_check(image_command: Served):
    port = image_command.port
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
        assert r.status == 200 and r.read() == b"ok"
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
        assert r.status == 200 and b"<html" in r.read().lower()
    assert image_command.attempts() == []  # nothing was looked up at start either


def test_dockers_own_health_check_passes(image_command: Served):
    """The HEALTHCHECK's command as Docker would run it inside the container."""
    (health,) = instruction("HEALTHCHECK")
    words = json.loads(health[health.index("CMD") + len("CMD") :])
    port = docker_command()[docker_command().index("--server.port") + 1]
    words = [w.replace(f"127.0.0.1:{port}/", f"127.0.0.1:{image_command.port}/") for w in words]
    assert words[0] == "python"
    done = subprocess.run([sys.executable, *words[1:]], capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr
    # and it notices a server that is not there
    words = [w.replace(f":{image_command.port}/", f":{free_port()}/") for w in words]
    assert subprocess.run([sys.executable, *words[1:]], capture_output=True).returncode != 0


def test_a_websocket_refused_for_its_origin_makes_no_lookup(image_command: Served):
    for _ in range(2):  # the second refusal too: a failed lookup was never remembered
        # (No timing here: the record of network attempts is what shows there was none.)
        assert _websocket(image_command.port, FOREIGN)[0] == "refused 403"
    assert image_command.attempts() == []
    assert LOOKUP_FAILED not in image_command.output()
    assert f"origin={FOREIGN}" in image_command.output()  # it was refused, and said so


def test_the_apps_own_origin_still_connects(image_command: Served):
    port = image_command.port
    assert _websocket(port, f"http://127.0.0.1:{port}")[0] == "open"
    assert _websocket(port, f"http://localhost:{port}")[0] == "open"


def test_no_other_site_may_read_the_apps_answers(image_command: Served):
    request = urllib.request.Request(
        f"http://127.0.0.1:{image_command.port}/_stcore/health", headers={"Origin": FOREIGN}
    )
    with urllib.request.urlopen(request, timeout=5) as r:  # noqa: S310 (http, ours)
        assert r.headers.get("Access-Control-Allow-Origin") in (None, "")


def test_plain_streamlit_would_have_asked(tmp_path: Path):
    """The control: the same arguments to `streamlit` itself, and the record shows the
    lookup that finding 8 saw, so an empty record above means there was none."""
    command = with_port(docker_command(), free_port())
    assert command[:3] == ["python", "-m", "dashboard.serve"]
    plain = ["python", "-m", "streamlit", *command[3:]]
    with serve(tmp_path, plain, _image_env(tmp_path)) as served:
        assert served.attempts() == []
        assert _websocket(served.port, FOREIGN)[0] == "refused 403"
        assert any("checkip.amazonaws.com" in line for line in served.attempts())
        assert LOOKUP_FAILED in served.output()
