"""One way for the Data page's admin tabs to make a change to the store: the role checked
again on the server, a store that cannot be written shown as a message in the reader's
language (never a traceback), and the cached pages forgotten when it went through."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import cache
from dashboard.login import require
from uccn_data.problems import StoreBusyError, StoreError


def apply(change: Callable[[], object], lang: str, role: str = "admin") -> bool:
    """Run `change` for a user with at least `role`; True if it went through."""
    require(role, lang)
    try:
        change()
    except (StoreError, StoreBusyError) as refused:
        st.error(refused.message(lang))
        return False
    cache.clear()
    return True
