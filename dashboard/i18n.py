"""Every visible string of the dashboard, in Swedish (the default) and English.

Strings live in locales/<lang>/<page>.json, one file per page plus common.json, so a page and
its words travel together; a test checks that both languages have the same keys. Number
formats follow the language: `12 500 kr` in Swedish, `SEK 12,500` in English.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from uccn_data.reference import Label
from uccn_data.reports import texts

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


# One formatter for pages and outputs alike (numbers, money, shares, dates; unknown figures
# in words, "inga uppgifter" / "not reported"): the data package's.
number = texts.number
money = texts.money
percent = texts.percent
ratio = texts.ratio
day = texts.day
count = texts.count
total = texts.total
written_date = texts.written_date
written_span = texts.written_span
not_reported = texts.not_reported
