"""Page runs take turns: one reading page draws at a time in this process.

When thirty people open the link in the same seconds, thirty script threads built and drew
their pages side by side. Python runs one of them at a time anyway (the GIL), so side by side
only meant that every page finished late, and that the server's own loop, which sends
Streamlit's scripts and the finished pages, got its turn less often. In turns, the first to
come is the first served and the loop keeps up. The first Overview of a cold burst of 30 on
2 cores, three bursts each, with and without turns taken in alternation: p95 14.0 -> 8.6 s,
p50 10.3 -> 7.3 s (medians; issue 16). One person alone never waits.

The coordinators' workspace and the reports page take no turn: an import or a slide deck may
take seconds, and nobody else's page should wait for it. Two limits keep one slow page from
holding up the rest:
- a page that has waited WAIT_S goes ahead without its turn rather than wait on;
- a turn held longer than OVERDUE_S (a page stuck on a busy store, or a run that never ends)
  no longer holds anyone back: the next in line takes the turn. A warm page takes 25-150 ms
  and a cold one about a second, so only a page in trouble is overdue. Without this limit, one
  run stuck for good made every later page in the process wait the full WAIT_S.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

WAIT_S = 30.0
OVERDUE_S = 10.0
# The pages (st.Page url_path) that never take a turn: their runs may be long.
OWN_PACE = frozenset({"data", "rapporter"})

_log = logging.getLogger(__name__)


class Turns:
    """One turn, given in the order the askers came; a holder past `overdue_s` seconds no
    longer counts as holding it. Thread-safe; times in seconds of `clock`."""

    def __init__(self, overdue_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.overdue_s = overdue_s
        self._clock = clock
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()  # the waiting askers, first come first
        self._holder: object | None = None
        self._since = 0.0

    def waiting(self) -> int:
        """How many askers wait for the turn now."""
        with self._cond:
            return len(self._queue)

    def take(self, asker: object, wait_s: float) -> bool:
        """Wait, at most `wait_s` seconds, until `asker` is first in line and the turn is free
        or overdue; then it holds the turn (True). False: it waited `wait_s` in vain."""
        with self._cond:
            self._queue.append(asker)
            deadline = self._clock() + wait_s
            try:
                while True:
                    now = self._clock()
                    free_at = now if self._holder is None else self._since + self.overdue_s
                    first = self._queue[0] is asker
                    if first and free_at <= now:
                        if self._holder is not None:
                            _log.warning(
                                "a page run has held its turn for %.0f s; the next goes ahead",
                                now - self._since,
                            )
                        self._holder, self._since = asker, now
                        return True
                    if now >= deadline:
                        return False
                    self._cond.wait(min(deadline, free_at) - now if first else deadline - now)
            finally:
                self._queue.remove(asker)
                self._cond.notify_all()  # the next in line may be first now

    def give_back(self, asker: object) -> None:
        """`asker`'s run has ended; the turn is free unless someone took it as overdue."""
        with self._cond:
            if self._holder is asker:
                self._holder = None
            self._cond.notify_all()


_TURN = Turns(OVERDUE_S)


@contextmanager
def turn(url_path: str, wait_s: float = WAIT_S, turns: Turns = _TURN) -> Iterator[bool]:
    """Hold this process's one page turn while the block runs; yields whether it did.

    Pages in OWN_PACE run at once without it, and so does a page that has waited `wait_s`
    seconds. The turn is given back however the block ends (st.stop and st.rerun raise)."""
    if url_path in OWN_PACE:
        yield False
        return
    asker = object()
    held = turns.take(asker, wait_s)
    try:
        yield held
    finally:
        if held:
            turns.give_back(asker)
