"""Agenda 2030 / SDG 11: built by `uccn_data.pages.sdg11`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import sdg11

view = state.current()
if not view.store_ready:
    render.blocks(sdg11.intro(view.lang), None, view.lang)
else:
    render.page(cache.page(sdg11.build, view.filters, view.lang), view.lang)
