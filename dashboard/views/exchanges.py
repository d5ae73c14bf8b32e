"""Utbyten / International exchanges: built by `uccn_data.pages.exchanges`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import exchanges

view = state.current()
if not view.store_ready:
    render.blocks(exchanges.intro(view.filters, view.lang), None, view.lang)
else:
    render.page(cache.page(exchanges.build, view.filters, view.lang), view.lang)
