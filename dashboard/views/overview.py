"""Översikt / Overview: built by `uccn_data.pages.overview`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import overview

view = state.current()
if not view.store_ready:
    render.blocks(overview.intro(view.filters, view.lang), None, view.lang)
else:
    render.page(cache.page(overview.build, view.filters, view.lang), view.lang)
