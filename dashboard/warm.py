"""The first Overview, read and built as soon as the server is up (issue 16).

At a meeting the whole room opens the link in the same seconds, often not long after the
server was (re)started. Without this, the first of them waited for the store's first reads and
the Overview's first build, and everyone arriving during that time waited with them: a first
visit to a server that had been up 6 s took 1.73 s, and 1.24 s with this (scale 100, medians
of four in alternation, this project's 2-core machine). Here the same cached functions a page run calls fill the
same caches, so a visitor's run finds them ready; one who arrives while they are still being
filled waits for that one computation instead of starting another (Streamlit computes a cache
entry once per key).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from dashboard import cache, state
from dashboard.i18n import LANGUAGES
from uccn_data.kpis import Filters
from uccn_data.pages import overview

# Streamlit warns about every cache call made outside a page run ("missing ScriptRunContext"),
# and about a cache first used before its runtime exists (it then keeps entries in memory,
# which is what its runtime does too). Warming is both by design: the server log would
# otherwise open with a dozen false alarms.
_LOGGERS = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
)


class _NotThisThread(logging.Filter):
    def __init__(self, thread_name: str) -> None:
        super().__init__()
        self.thread_name = thread_name

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != self.thread_name


@contextmanager
def _quiet(thread_name: str) -> Iterator[None]:
    """Silence those warnings for `thread_name` only (other threads' still reach the log)."""
    quiet = _NotThisThread(thread_name)
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    for logger in loggers:
        logger.addFilter(quiet)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)


def first_overview(other_languages_after_s: float = 0.0) -> bool:
    """Fill the caches for the Overview a link without filters opens: the store's info, and
    the page for the default period (state.default_period) in each language, Swedish first
    (the link's default), the others `other_languages_after_s` seconds later. Returns False,
    having built nothing, when there is no store yet; raises StoreError / StoreBusyError as
    a page run would (the caller decides whether that matters: a page run shows it to the
    reader)."""
    with _quiet(threading.current_thread().name):
        info = cache.store_info()
        if not info["exists"]:
            return False
        filters = Filters(state.default_period(info["periods"], date.today()))
        for lang in LANGUAGES:
            if lang != LANGUAGES[0]:
                time.sleep(other_languages_after_s)
            cache.page(overview.build, filters, lang)
    return True
