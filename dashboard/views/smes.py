"""Företag / SMEs and regional reach: built by `uccn_data.pages.smes`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import smes

view = state.current()
if not view.store_ready:
    render.blocks(smes.intro(view.filters, view.lang), None, view.lang)
else:
    render.page(cache.page(smes.build, view.filters, view.lang), view.lang)
