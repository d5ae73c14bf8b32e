"""Every visible string of the dashboard, in Swedish (the default) and English.

Strings live in locales/<lang>.json; a test checks that both files have the same keys.
Number formats follow the language: `12 500 kr` in Swedish, `SEK 12,500` in English.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LOCALES = Path(__file__).with_name("locales")


@cache
def strings(lang: str) -> dict[str, str]:
    return json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str, **params: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled."""
    return strings(lang)[key].format(**params)


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """12500 -> `12 500` (sv, no-break space) or `12,500` (en); None -> an en dash."""
    if value is None or value != value:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "sv":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def money(value: float | None, lang: str) -> str:
    if value is None or value != value:
        return "–"
    return f"{number(value, lang)}\u00a0kr" if lang == "sv" else f"SEK\u00a0{number(value, lang)}"


def percent(value: float | None, lang: str) -> str:
    if value is None or value != value:
        return "–"
    return (
        f"{number(value * 100, lang)}\u00a0%" if lang == "sv" else f"{number(value * 100, lang)}%"
    )


def ratio(value: float | None, lang: str) -> str:
    return number(value, lang, decimals=2)
