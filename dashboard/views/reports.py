"""Rapporter / Reports: the meeting deck, a printable report, the UNESCO monitoring report
draft and open data, each one click away and built from the same KPI functions as the pages.

Files are made only when their button is clicked (a callable to download_button, from
`uccn_data.reports.downloads`), so opening the page costs nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from urllib.parse import urlencode

import streamlit as st

from dashboard import cache, i18n, state
from dashboard.auth import at_least
from dashboard.login import current_role
from uccn_data.reports import downloads
from uccn_data.store import Store

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t

st.title(t("reports.heading", lang))
st.write(t("reports.lead", lang))
if not view.store_ready:
    st.stop()

store = Store(cache.store_path())
since = st.date_input(
    t("reports.since", lang), value=None, key="reports_since", format="YYYY-MM-DD"
)
scope = downloads.scope(f)

st.subheader(t("reports.meeting", lang))
left, right = st.columns(2)
left.download_button(
    t("reports.deck", lang), partial(downloads.deck, store, f, lang, since),
    file_name=f"uccn-{scope}-{lang}.pptx", mime=downloads.PPTX, key="download_deck",
    on_click="ignore", icon=":material/slideshow:",
)  # fmt: skip
right.download_button(
    t("reports.html", lang), partial(downloads.printable, store, f, lang, since),
    file_name=f"uccn-{scope}-{lang}.html", mime="text/html", key="download_html",
    on_click="ignore", icon=":material/print:",
)  # fmt: skip
# Every filter of this view, so the projector shows what was chosen here.
query = state.query(replace(view, presenting=True))
if since is not None:
    query["since"] = since.isoformat()
st.markdown(t("reports.present_link", lang, link="?" + urlencode(query)))

st.subheader(t("reports.unesco", lang))
# (v2) A reporting window makes a draft too, without commitments or status.
window = downloads.is_window(cache.store_info()["periods"], f.period)
st.text(t("reports.unesco_lead_window" if window else "reports.unesco_lead", lang, period=f.period))
english, swedish = st.columns(2)
english.download_button(
    t("reports.unesco_en", lang), partial(downloads.monitoring, store, f.period, "en"),
    file_name=f"uccn-monitoring-report-{f.period}-en.docx", mime=downloads.DOCX,
    key="download_unesco_en", on_click="ignore",
)  # fmt: skip
swedish.download_button(
    t("reports.unesco_sv", lang), partial(downloads.monitoring, store, f.period, "sv"),
    file_name=f"uccn-uppfoljningsrapport-{f.period}-sv.docx", mime=downloads.DOCX,
    key="download_unesco_sv", on_click="ignore",
)  # fmt: skip

st.subheader(t("reports.open_data", lang))
st.write(t("reports.open_data_lead", lang))
st.download_button(
    t("reports.open_data_masked", lang), partial(downloads.open_data, store, mask=True),
    file_name=f"uccn-oppna-data-{date.today():%Y%m%d}.zip", mime="application/zip",
    key="download_open_data", on_click="ignore",
)  # fmt: skip
if at_least(current_role(), "coordinator"):
    # Whole organisation numbers are for the coordinators' own records, never for publishing.
    st.download_button(
        t("reports.open_data_whole", lang), partial(downloads.open_data, store, mask=False),
        file_name=f"uccn-data-omaskerad-{date.today():%Y%m%d}.zip", mime="application/zip",
        key="download_open_data_whole", on_click="ignore",
    )  # fmt: skip
