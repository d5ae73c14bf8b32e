"""Presentation / Presentation mode: one message per screen, large type, for a projector.

The screens are the same as the PowerPoint deck's and the printed report's
(`uccn_data.reports.content.screens`), so what is shown at a meeting is what is handed out.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import cache, charts, i18n, state
from dashboard.charts import localise
from uccn_data.reports.content import format_table

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t

# Large type for a projector at the back of a room; our own CSS, nothing fetched.
st.html(
    """<style>
    [data-testid="stMainBlockContainer"] h1 { font-size: 3rem; }
    [data-testid="stMainBlockContainer"] p { font-size: 1.3rem; }
    [data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 2.6rem; }
    </style>"""
)

since: date | None = None
raw_since = st.query_params.get("since")
if raw_since:
    try:
        since = date.fromisoformat(raw_since)
    except ValueError:
        st.warning(t("filter.bad_value", lang, name="since", value=raw_since))
if not view.store_ready:
    st.title(t("present.heading", lang))
    st.stop()

screens = cache.meeting_screens(f, lang, since)
count = len(screens)
index = min(max(int(st.session_state.get("slide", 0)), 0), count - 1)


def step(by: int) -> None:
    # A callback runs before the page is drawn, so both buttons reflect the new screen.
    st.session_state["slide"] = min(max(int(st.session_state.get("slide", 0)) + by, 0), count - 1)


back, where, forward = st.columns([1, 2, 1])
back.button(
    t("present.previous", lang),
    key="slide_previous",
    disabled=index == 0,
    on_click=step,
    args=(-1,),
    width="stretch",
)
forward.button(
    t("present.next", lang),
    key="slide_next",
    disabled=index == count - 1,
    on_click=step,
    args=(1,),
    width="stretch",
)
where.markdown(
    f"**{t('present.position', lang, n=index + 1, total=count)}**", text_alignment="center"
)

screen = screens[index]
st.title(screen.title)
# Subtitles, notes and lists carry names from the store (periods, titles, partners): they
# are written as plain text, never as Markdown.
if screen.subtitle:
    st.text(screen.subtitle)
if screen.figures:
    columns = st.columns(min(4, len(screen.figures)))
    for i, (label, value) in enumerate(screen.figures):
        columns[i % len(columns)].metric(label, value)
for note in screen.notes:
    st.text(note)
if screen.chart is not None:
    figure = charts.from_series(screen.chart.kind, screen.chart.categories, screen.chart.series)
    localise(figure, lang)
    st.plotly_chart(
        figure, config=charts.PLOTLY_CONFIG, alt=screen.alt, key=f"present-{screen.key}"
    )
    st.caption(t("chart.alt_prefix", lang) + screen.alt)
elif screen.no_chart:
    st.text(screen.no_chart)
for heading, items in screen.listing:
    st.header(heading)  # h2 under the screen's h1: heading levels go one step at a time
    st.text("\n".join(f"• {item}" for item in items))
with st.expander(t("chart.show_data", lang)):
    st.dataframe(format_table(screen, lang), hide_index=True)
    if screen.details is not None and len(screen.details):
        st.dataframe(screen.details, hide_index=True)
with st.expander(t("present.since_heading", lang)):
    chosen = st.date_input(
        t("present.since", lang), value=since, key="since_input", format="YYYY-MM-DD"
    )
    if chosen != since:
        # Kept in the link, so the presenter can open the meeting's view straight away.
        if chosen is None:
            del st.query_params["since"]
        else:
            st.query_params["since"] = chosen.isoformat()
        st.session_state["slide"] = 0
        st.rerun()
