"""Data turned into text a page can show safely: findings for chart titles, escaped names.

Company and city names come from uploaded files. Streamlit renders headings and captions as
markdown and Plotly renders a few HTML tags (links included) in labels, so a name is escaped
for wherever it goes and always reads as the text that was typed.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from dashboard import i18n

# CommonMark lets a backslash escape any ASCII punctuation, which keeps links, emphasis,
# Streamlit's `:colour[...]` directives and `$maths$` from ever being formed by data.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def markdown(value: object) -> str:
    """A name as literal text inside Streamlit markdown (headings, captions)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def plotly(value: object) -> str:
    """A name as literal text in a Plotly label (Plotly reads `<a href>`, `<b>`, entities)."""
    return html.escape(str(value), quote=False)


def join(words: list[str], and_word: str) -> str:
    """`["Norge", "Italien", "Finland"]` -> `Norge, Italien och Finland`."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {and_word} {words[-1]}"


def finding(
    key: str,
    lang: str,
    frame: pd.DataFrame,
    name: str,
    value: str,
    *,
    and_word: str,
    **params: object,
) -> str:
    """A title naming the leader(s) of a breakdown: `key` for one, `key_tie` for several.

    Titles state the finding, so a tie must say so rather than crown the first row. The
    names are escaped for markdown; `{names}` and `{count}` are filled in.
    """
    top = frame[value].max()
    names = [markdown(n) for n in frame.loc[frame[value] == top, name]]
    chosen = key if len(names) == 1 else f"{key}_tie"
    return i18n.t(chosen, lang, names=join(names, and_word), count=int(top), **params)
