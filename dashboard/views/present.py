"""Presentation mode: one message per screen for a projector, laid out by `reports.projector`
from the deck's screens: finding, figures, comments and chart; numbers and notes on demand."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, i18n, render, state
from uccn_data.pages import words
from uccn_data.reports import projector

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t

raw_since = st.query_params.get("since")
since = projector.meeting_date(raw_since)
if raw_since and since is None:
    st.warning(t("filter.bad_value", lang, name="since", value=words.markdown(raw_since)))
if not view.store_ready:
    st.title(t("present.heading", lang))
    st.stop()

# A screen is a slide: the page fills the window and never scrolls, and is sized from the
# window (16 px type at 1280×720, 24 px at 1920×1080), so it looks alike on any 16:9 projector.
# The demo notice (app.py's) becomes a small line at the bottom. Our own CSS, nothing fetched.
M, BODY = '[data-testid="stMainBlockContainer"]', ".st-key-present-body"
INFO = '[data-testid="stAlertContentInfo"]'  # app.py's demo notice, the one info box here
st.html(f"""<style>
html {{ font-size: max(12px, min(2.22vh, 1.25vw)); }}
{M} {{ max-width: none; height: 100vh; padding: 3.6rem 3rem 0.4rem; }}
{M} > [data-testid="stVerticalBlock"] {{ height: 100%; gap: 0.5rem; }}
{M} > div > div:has({INFO}) {{ order: 1; }}
{M} div:has(> {INFO}) {{ padding: 0.1rem 0.6rem; }} {M} {INFO} * {{ font-size: 0.8rem; margin: 0; }}
{M} h1 {{ font-size: 2.3rem; line-height: 1.15; padding: 0.2rem 0; }}
{M} [data-testid="stText"] {{ font-size: 1.15rem; }}
div:has(> {BODY}) {{ flex: 1 1 0; min-height: 12rem; }}
{BODY}, {BODY} > div, {BODY} [data-testid="stHorizontalBlock"], {BODY} [data-testid="stColumn"],
{BODY} [data-testid="stColumn"] > div {{ height: 100%; }}
{BODY} table {{ font-size: 1.2rem; }} {BODY} td, {BODY} th {{ padding: 0.15rem 0.5rem; }}
{BODY} h2 {{ font-size: 1.3rem; padding: 0.6rem 0 0.1rem; }}
</style>""")

screens = cache.meeting_screens(f, lang, since)
count = len(screens)
index = min(max(int(st.session_state.get("slide", 0)), 0), count - 1)


def step(by: int) -> None:
    # A callback runs before the page is drawn, so both buttons reflect the new screen.
    st.session_state["slide"] = min(max(int(st.session_state.get("slide", 0)) + by, 0), count - 1)


back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
for column, name, by, key in ((back, "previous", -1, "PageUp"), (forward, "next", 1, "PageDown")):
    # The keys are what a presenter's remote sends.
    column.button(
        t(f"present.{name}", lang), key=f"slide_{name}", on_click=step, args=(by,),
        disabled=index == (0 if by < 0 else count - 1), width="stretch", shortcut=key,
    )  # fmt: skip
where.markdown(
    f"**{t('present.position', lang, n=index + 1, total=count)}**", text_alignment="center"
)

screen = screens[index]
st.title(screen.title)
if screen.subtitle:  # it names store periods: plain text, never Markdown
    st.text(screen.subtitle)
found = projector.figures(screen, lang)
chart = projector.chart(screen, lang)
with st.container(key="present-body"):
    # The figures beside the chart, which takes the height the window leaves.
    left, right = (
        st.columns(projector.widths(found), gap="large") if chart else [st.container()] * 2
    )
    if found:
        table = projector.figure_table(found, lang)
        left.table(table, hide_index=True, border="horizontal", width="content")
    if chart is not None:
        figure = charts.draw(chart, lang).update_layout(projector.CHART_LAYOUT)
        right.plotly_chart(
            figure, config=charts.PLOTLY_CONFIG, alt=chart.alt, key=chart.key, height="stretch"
        )
    elif screen.no_chart:
        right.text(screen.no_chart)
    with left:  # the coordinators' comments under the figures they are about
        render.blocks(projector.comments(screen), None, lang)

with st.container(horizontal=True):  # what opens on demand, in one row under the screen
    render.blocks(projector.on_demand(screen, lang), None, lang)
    chosen = st.expander(t("present.since_heading", lang)).date_input(
        t("present.since", lang), value=since, key="since_input", format="YYYY-MM-DD"
    )
if chosen != since:
    # Kept in the link, so the presenter can open the meeting's view straight away.
    st.query_params.pop("since", None)
    if chosen is not None:
        st.query_params["since"] = chosen.isoformat()
    st.session_state["slide"] = 0
    st.rerun()
