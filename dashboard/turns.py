"""Page runs take turns: one reading page draws at a time in this process.

When thirty people open the link in the same seconds, thirty script threads built and drew
their pages side by side. Python runs one of them at a time anyway (the GIL), so side by side
only meant that every page finished late, and that the server's own loop, which sends
Streamlit's scripts and the finished pages, got its turn less often. In turns, the first to
come is the first served and the loop keeps up. The first Overview of a cold burst of 30 on
2 cores, three bursts each, with and without turns taken in alternation: p95 14.0 -> 8.6 s,
p50 10.3 -> 7.3 s (medians; issue 16). One person alone never waits.

The coordinators' workspace and the reports page take no turn: an import or a slide deck may
take seconds, and nobody else's page should wait for it. A page that waits longer than
WAIT_S (a page stuck on a busy store) goes ahead without its turn rather than wait on.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Python's threading.Semaphore wakes its waiters in the order they came (its Condition keeps
# them in a queue), which is what makes the turns fair.
_TURN = threading.Semaphore(1)
WAIT_S = 30.0
# The pages (st.Page url_path) that never take a turn: their runs may be long.
OWN_PACE = frozenset({"data", "rapporter"})


@contextmanager
def turn(url_path: str, wait_s: float = WAIT_S) -> Iterator[bool]:
    """Hold this process's one page turn while the block runs; yields whether it did.

    Pages in OWN_PACE run at once without it, and so does a page that has waited `wait_s`
    seconds. The turn is given back however the block ends (st.stop and st.rerun raise)."""
    if url_path in OWN_PACE:
        yield False
        return
    held = _TURN.acquire(timeout=wait_s)
    try:
        yield held
    finally:
        if held:
            _TURN.release()
