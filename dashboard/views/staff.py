"""Arbetstid / Staff time: built by `uccn_data.pages.staff`, drawn here."""

from __future__ import annotations

from dashboard import cache, render, state
from uccn_data.pages import staff

view = state.current()
if not view.store_ready:
    render.blocks(staff.intro(view.lang), None, view.lang)
else:
    render.page(cache.page(staff.build, view.filters, view.lang), view.lang)
