"""Tests for country resolution, which normalises hand-typed partner countries."""

from __future__ import annotations

import pytest

from uccn_data.countries import country_code, country_name


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("SE", "SE"),
        ("se", "SE"),
        ("Sverige", "SE"),
        ("Sweden", "SE"),
        ("sverige ", "SE"),
        ("Norge", "NO"),
        ("Norway", "NO"),
        ("Italien", "IT"),
        ("Italy", "IT"),
        ("USA", "US"),
        ("Sydkorea", "KR"),
        ("South Korea", "KR"),
        ("Korea", "KR"),
        ("Frankrike", "FR"),
        ("Kina", "CN"),
        ("China", "CN"),
        ("DEU", "DE"),
        ("UK", "GB"),
        ("Storbritannien", "GB"),
        ("Ryssland", "RU"),
        ("Turkiet", "TR"),
        ("Türkiye", "TR"),
        ("Iran", "IR"),
        ("Vietnam", "VN"),
        ("Macao", "MO"),
        ("Macau", "MO"),
        ("Taiwan", "TW"),
        ("Tjeckien", "CZ"),
        ("  kingdom of   sweden ", "SE"),
    ],
)
def test_country_code_resolves(value: str, expected: str) -> None:
    assert country_code(value) == expected


@pytest.mark.parametrize("value", ["Atlantis", "", "   ", "XX", "Narnia"])
def test_country_code_unknown_returns_none(value: str) -> None:
    assert country_code(value) is None


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("SE", "sv", "Sverige"),
        ("SE", "en", "Sweden"),
        ("se", "sv", "Sverige"),
        ("NO", "sv", "Norge"),
        ("KR", "sv", "Sydkorea"),
        ("KR", "en", "South Korea"),
        ("IR", "sv", "Iran"),
        ("DE", "sv", "Tyskland"),
    ],
)
def test_country_name(code: str, lang: str, expected: str) -> None:
    assert country_name(code, lang) == expected


def test_country_name_defaults_to_swedish() -> None:
    assert country_name("FI") == "Finland"
    assert country_name("DK") == "Danmark"


def test_country_name_falls_back_to_code() -> None:
    assert country_name("XX") == "XX"
    assert country_name("XX", "en") == "XX"


def test_country_name_rejects_unknown_language() -> None:
    with pytest.raises(ValueError):
        country_name("SE", "de")
