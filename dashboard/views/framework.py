"""Ramaktiviteter / Framework activities: built by `uccn_data.pages.framework`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import framework

view = state.current()
if not view.store_ready:
    render.blocks(framework.intro(view.lang), None, view.lang)
else:
    render.page(cache.page(framework.build, view.filters, view.lang), view.lang)
