"""Every word the dashboard's pages show, in Swedish (the default) and English, and data
turned into text a page can show safely.

Strings live in `uccn_data/locales/<lang>/<page>.json`, one file per page plus common.json, so
a page and its words travel together; a test checks that both languages have the same keys.
They live in the data package because the pages' findings, alt texts and tables are built
here (`uccn_data.pages`), where they are tested without a browser. Numbers and dates are
written by the one formatter the outputs use too, `uccn_data.reports.texts`.

Company and city names come from uploaded files, and a link's values from whoever wrote the
link. Streamlit renders headings, captions, message boxes, metric labels and help as Markdown,
and Plotly renders a few HTML tags (links included) in labels, so such text is escaped for
wherever it goes (`markdown`, `plotly`) and always reads as the text that was typed: no link,
image, colour or HTML is ever formed from it, and nothing is fetched.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from uccn_data.reference import Label

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LOCALES = Path(__file__).resolve().parent.parent / "locales"

# CommonMark lets a backslash escape any ASCII punctuation, which keeps links, emphasis,
# Streamlit's `:colour[...]` directives and `$maths$` from ever being formed by data.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GitHub Markdown (which Streamlit uses) also turns bare addresses into links: `http://…`,
# `www.…` and `name@host`. It finds them in the text after the escapes are read, so a
# backslash does not stop it; an invisible WORD JOINER inside `://`, after `www` and after
# `@` does, and the text still reads (and is read aloud) as it was typed.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


@cache
def strings(lang: str) -> dict[str, str]:
    """Key -> text for one language, every page's file merged."""
    merged: dict[str, str] = {}
    for path in sorted((LOCALES / lang).glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def t(key: str, lang: str, **params: object) -> str:
    """The text for `key` in `lang` (`sv` or `en`), with {placeholders} filled.

    Raises KeyError for a key neither locale has (a test checks every key used exists)."""
    return strings(lang)[key].format(**params)


def label(labels: dict[str, Label], key: object, lang: str) -> str:
    """An enum key (`competence_development`) as the user reads it, in their language; a key
    the labels do not know is shown as it is."""
    found = labels.get(str(key))
    return found(lang) if found else str(key)


def markdown(value: object) -> str:
    """Any text from outside the program (a file, the store, a link) as literal text inside
    Streamlit Markdown: headings, captions, `st.write`, message boxes, metric labels and help.

    `[KLICKA](http://evil/p)` reads as typed, never as a link; `http://evil/p` and `www.evil.se`
    stay text too (an invisible word joiner breaks GitHub's autolinks)."""
    text = _AUTOLINK.sub(WORD_JOINER, str(value))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


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
    return t(chosen, lang, names=join(names, and_word), count=int(top), **params)


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """`frame.itertuples()`, typed loosely: a row's fields are whatever its columns hold."""
    return frame.itertuples()
