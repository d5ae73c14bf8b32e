"""Start Streamlit for the dashboard so that the server itself never asks the internet anything.

Use it exactly as the `streamlit` command, e.g. `python -m dashboard.serve run dashboard/app.py
--server.port 8501` (that is what `make run` and the container image run).

Why it exists: Streamlit 1.67 asks a public web service (checkip.amazonaws.com, over http and
then https, one second each) for the machine's public address whenever it refuses a websocket
for its Origin, and again on the next refusal, since a failure is not remembered
(`streamlit.web.server.server_util.is_url_from_allowed_origins`). No configuration option turns
that off: `browser.serverAddress` only spares the lookup at start. So before the server starts
we tell Streamlit that the machine has no public address. The refusal itself is unchanged: an
address Streamlit would have learnt that way only ever served to *allow* an Origin, and the
dashboard is reached through its own host name (same-origin) or `server.corsAllowedOrigins`.
"""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path

from streamlit import net_util
from streamlit.web import cli


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


APP = Path(__file__).with_name("app.py").resolve()
# What the dashboard's first run imports before it can draw the Overview: pandas, DuckDB,
# Plotly, the KPIs and the frame. About 1.5 s on this 2-core machine, paid by the first
# visitor of a fresh process unless it is done while the server starts.
FIRST_RUN_MODULES = ("dashboard.cache", "dashboard.login", "uccn_data.pages.overview")


def import_ahead(argv: list[str]) -> threading.Thread | None:
    """When `argv` runs the dashboard's own app.py, import FIRST_RUN_MODULES in a background
    thread while the server starts, then fill the first Overview's caches
    (`dashboard.warm.first_overview`), so the first visitor (at a meeting: the whole room, in
    the same seconds) does not wait for either; another script (the bare page the benchmarks
    compare with) is left as it is. Returns the thread, or None. An import or a store read
    that fails is left to fail again, with its message, in the script run that needs it."""
    if not any(arg.endswith(".py") and Path(arg).resolve() == APP for arg in argv):
        return None

    def load() -> None:
        for name in FIRST_RUN_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: S112 - shown by the script run instead
                continue
        try:
            from dashboard import warm

            warm.first_overview()
        except Exception:  # noqa: S110 - a store problem is shown by the script run instead
            pass

    thread = threading.Thread(target=load, name="uccn-import-ahead", daemon=True)
    thread.start()
    return thread


def main() -> None:
    """`streamlit` with the given arguments, without the public-address lookup, the
    dashboard's modules imported and its first Overview built while the server starts."""
    keep_lookups_local()
    import_ahead(sys.argv[1:])
    # prog_name as `python -m streamlit` gives it, so Streamlit sees the usual command line.
    sys.exit(cli.main(prog_name="streamlit"))


if __name__ == "__main__":
    main()
