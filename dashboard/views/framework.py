"""Placeholder until the page is built."""

import streamlit as st

from dashboard import state

st.title(state.current().lang)
