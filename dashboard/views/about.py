"""Om / About: built by `uccn_data.pages.about`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import about

view = state.current()
if not view.store_ready:
    render.blocks(about.without_store(view.lang), None, view.lang)
else:
    render.page(cache.page(about.build, view.filters, view.lang), view.lang)
