"""Ekonomi / Budget and leverage: built by `uccn_data.pages.budget`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import budget

view = state.current()
if not view.store_ready:
    render.blocks(budget.intro(view.lang), None, view.lang)
else:
    render.page(cache.page(budget.build, view.filters, view.lang), view.lang)
