"""Data: the coordinators' workspace. Upload and check a file, commit it, add or change one
record in a form, write comments on the figures, see and undo imports, edit targets, fetch templates; admins also edit
agreement periods, close years, set the reporting calendar and keep the city's details for
the UNESCO report. Each tab is one workflow in `dashboard/workspace/`.

Every action re-checks the role on the server: the page is absent from a viewer's menu, but
a typed address must not open it either.
"""

from __future__ import annotations

import streamlit as st

from dashboard import cache, i18n, state
from dashboard.auth import at_least
from dashboard.login import current_role, require
from dashboard.workspace import (
    calendar_dates,
    comments,
    history,
    periods,
    single_record,
    targets,
    templates,
    unesco_details,
    upload,
    years,
)
from uccn_data.store import Store

view = state.current()
lang = view.lang
t = i18n.t

st.title(t("data.heading", lang))
require("coordinator", lang)
store = Store(cache.store_path())

upload_tab, record_tab, comment_tab, history_tab, targets_tab, templates_tab, *admin_tabs = st.tabs(
    [
        t("data.tab_upload", lang),
        t("data.tab_record", lang),
        t("data.tab_comments", lang),
        t("data.tab_history", lang),
        t("data.tab_targets", lang),
        t("data.tab_templates", lang),
        *(
            [
                t("data.tab_periods", lang),
                t("data.tab_years", lang),
                t("data.tab_calendar", lang),
                t("data.unesco_tab", lang),
            ]
            if at_least(current_role(), "admin")
            else []
        ),
    ]
)
with upload_tab:
    upload.show(view, store)
with record_tab:
    single_record.show(view, store)
with comment_tab:
    comments.show(view, store)
with history_tab:
    history.show(view, store)
with targets_tab:
    targets.show(view, store)
with templates_tab:
    templates.show(view)
if admin_tabs:
    with admin_tabs[0]:
        require("admin", lang)
        periods.show(view, store)
    with admin_tabs[1]:
        require("admin", lang)
        years.show(view, store)
    with admin_tabs[2]:
        require("admin", lang)
        calendar_dates.show(view, store)
    with admin_tabs[3]:
        require("admin", lang)
        unesco_details.show(view, store)
