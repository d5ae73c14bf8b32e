"""Every visible string exists in Swedish and English, and numbers follow the language."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import i18n
from tests.conftest import ROOT

KEY_USE = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [
        *(ROOT / "dashboard").rglob("*.py"),
        *(ROOT / "uccn_data" / "pages").rglob("*.py"),
    ]:
        keys |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    return keys


def test_both_languages_have_the_same_keys_in_every_file():
    for sv_file in sorted((i18n.LOCALES / "sv").glob("*.json")):
        en_file = i18n.LOCALES / "en" / sv_file.name
        assert en_file.exists(), f"{en_file.name} has no English twin"
        sv, en = (json.loads(f.read_text(encoding="utf-8")) for f in (sv_file, en_file))
        assert set(sv) == set(en), sv_file.name
        assert all(v.strip() for v in [*sv.values(), *en.values()]), sv_file.name


def test_every_key_the_code_uses_is_translated():
    missing = {lang: sorted(used_keys() - set(i18n.strings(lang))) for lang in i18n.LANGUAGES}
    assert missing == {"sv": [], "en": []}


def test_placeholders_match_between_languages():
    field = re.compile(r"{(\w+)}")
    for key, sv in i18n.strings("sv").items():
        assert set(field.findall(sv)) == set(field.findall(i18n.strings("en")[key])), key


@pytest.mark.parametrize(
    ("value", "lang", "money", "percent", "number"),
    [
        (12500, "sv", "12\u00a0500\u00a0kr", "1\u00a0250\u00a0000\u00a0%", "12\u00a0500"),
        (12500, "en", "SEK\u00a012,500", "1,250,000%", "12,500"),
        (0.306, "sv", "0\u00a0kr", "31\u00a0%", "0"),
        # (v2) Unknown is not zero, and not a dash either: it says so in words.
        (None, "sv", "inga uppgifter", "inga uppgifter", "inga uppgifter"),
        (None, "en", "not reported", "not reported", "not reported"),
        (float("nan"), "sv", "inga uppgifter", "inga uppgifter", "inga uppgifter"),
    ],
)
def test_numbers_are_written_the_way_the_language_does(value, lang, money, percent, number):
    assert i18n.money(value, lang) == money
    assert i18n.percent(value, lang) == percent
    assert i18n.number(value, lang) == number
    if value is not None and value == value:
        assert i18n.ratio(1.5, lang) == ("1,50" if lang == "sv" else "1.50")


@pytest.mark.parametrize(
    ("value", "approx", "lang", "shown"),
    [
        (250, None, "sv", "250"),
        (250, "about", "sv", "ca 250"),
        (250, "about", "en", "about 250"),
        (3000, "over", "sv", "> 3\u00a0000"),
        (20, "at_least", "sv", "minst 20"),
        (20, "at_least", "en", "at least 20"),
        (None, "about", "sv", "inga uppgifter"),
    ],
)
def test_approximate_counts_read_as_they_were_reported(value, approx, lang, shown):
    assert i18n.count(value, approx, lang) == shown


def test_a_sum_that_includes_approximate_counts_says_so():
    assert i18n.total(262, 1, "sv") == "ca 262"
    assert i18n.total(262, 1, "en") == "about 262"
    assert i18n.total(262, 0, "sv") == "262"
    assert i18n.total(None, 0, "en") == "not reported"


def test_dates_read_as_precisely_as_they_were_written():
    from datetime import date

    assert i18n.written_date(date(2018, 5, 1), "month", "sv") == "maj 2018"
    assert i18n.written_date(date(2018, 5, 1), "month", "en") == "May 2018"
    assert i18n.written_date(date(2017, 1, 1), "year", "sv") == "2017"
    assert i18n.written_date(date(2024, 3, 5), "day", "sv") == "2024-03-05"
    assert i18n.written_date(None, "day", "en") == "not reported"
    assert i18n.written_span(date(2014, 1, 1), "year", date(2018, 1, 1), "year", "sv") == (
        "2014–2018"
    )
    assert i18n.not_reported("sv") == "inga uppgifter"
