"""Every visible string of the dashboard, in Swedish (the default) and English.

Strings live in uccn_data/locales/<lang>/<page>.json (see `uccn_data.pages.words`), where the
pages' findings are built too. Number
formats follow the language: `12 500 kr` in Swedish, `SEK 12,500` in English.
"""

from __future__ import annotations

from uccn_data.pages import words
from uccn_data.reports import texts

LANGUAGES = words.LANGUAGES
DEFAULT_LANGUAGE = words.DEFAULT_LANGUAGE
LOCALES = words.LOCALES
strings = words.strings
t = words.t
label = words.label

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
