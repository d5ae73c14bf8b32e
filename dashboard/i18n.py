"""Every visible string of the dashboard, in Swedish (the default) and English.

Strings live in locales/<lang>/<page>.json, one file per page plus common.json, so a page and
its words travel together; a test checks that both languages have the same keys. Number
formats follow the language: `12 500 kr` in Swedish, `SEK 12,500` in English.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path

from uccn_data.reference import Label

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LOCALES = Path(__file__).with_name("locales")


@cache
def strings(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((LOCALES / lang).glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def t(key: str, lang: str, **params: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled."""
    return strings(lang)[key].format(**params)


def label(labels: dict[str, Label], key: object, lang: str) -> str:
    """An enum key (`competence_development`) as the user reads it, in their language."""
    found = labels.get(str(key))
    return found(lang) if found else str(key)


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


def percent(value: float | None, lang: str, decimals: int = 0) -> str:
    if value is None or value != value:
        return "–"
    sign = "\u00a0%" if lang == "sv" else "%"
    return f"{number(value * 100, lang, decimals)}{sign}"


def ratio(value: float | None, lang: str) -> str:
    return number(value, lang, decimals=2)


def day(value: date | datetime | None, lang: str) -> str:
    """Dates as ISO (`2024-03-05`), the Swedish standard; English readers get `5 Mar 2024`."""
    if value is None:
        return "–"
    if lang == "sv":
        return value.strftime("%Y-%m-%d")
    return f"{value.day} {value.strftime('%b %Y')}"
