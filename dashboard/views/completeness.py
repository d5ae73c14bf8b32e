"""Datakvalitet / Data completeness: built by `uccn_data.pages.completeness`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import completeness

view = state.current()
if not view.store_ready:
    render.blocks(completeness.intro(view.filters, view.lang), None, view.lang)
else:
    render.page(cache.page(completeness.build, view.filters, view.lang), view.lang)
