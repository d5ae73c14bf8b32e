"""Resolve free-text country input (codes, English or Swedish names) to ISO 3166-1 alpha-2.

Cooperation data is typed by hand by staff in Jämtland, so a partner country may
arrive as "SE", "Sverige", "Sweden" or "sverige "; everything downstream (maps,
grouping, joins against the UCCN reference list) needs one canonical code. All
lookups use pycountry's bundled data and translations, so nothing touches the
network.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Callable
from functools import cache

import pycountry

from uccn_data.text import match_key

__all__ = ["country_code", "country_name"]

# Everyday spellings that neither pycountry's English names nor its Swedish
# catalogue contain (or contain only in a formal "Korea, Republic of" form).
# They go in first so an intentional alias wins over any accidental clash.
_ALIASES: dict[str, str] = {
    "USA": "US",
    "U.S.A.": "US",
    "U.S.": "US",
    "United States": "US",
    "Förenta staterna": "US",
    "Amerika": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "Storbritannien": "GB",
    "England": "GB",
    "Skottland": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Sydkorea": "KR",
    "South Korea": "KR",
    "Korea": "KR",
    "Republic of Korea": "KR",
    "Nordkorea": "KP",
    "Russia": "RU",
    "Ryssland": "RU",
    "Turkey": "TR",
    "Turkiet": "TR",
    "Türkiye": "TR",
    "Iran": "IR",
    "Vietnam": "VN",
    "Macao": "MO",
    "Macau": "MO",
    "Taiwan": "TW",
    "Tjeckien": "CZ",
    "Czech Republic": "CZ",
    "Holland": "NL",
    "Netherlands": "NL",
    "Nederländerna": "NL",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldavien": "MD",
    "Moldova": "MD",
    "Syria": "SY",
    "Syrien": "SY",
    "Laos": "LA",
    "Palestine": "PS",
    "Palestina": "PS",
    "Vatican": "VA",
    "Vatikanstaten": "VA",
    "Kongo-Kinshasa": "CD",
    "Kongo-Brazzaville": "CG",
    "Ivory Coast": "CI",
    "Elfenbenskusten": "CI",
}

# Swedish display names where the ISO catalogue gives a formal, comma-inverted
# form ("Iran, islamiska republiken") that reads badly in tables and charts.
_SV_DISPLAY: dict[str, str] = {
    "BO": "Bolivia",
    "CD": "Kongo-Kinshasa",
    "FM": "Mikronesien",
    "GB": "Storbritannien",
    "IR": "Iran",
    "KP": "Nordkorea",
    "KR": "Sydkorea",
    "MD": "Moldavien",
    "RU": "Ryssland",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VE": "Venezuela",
}

_SUPPORTED_LANGS = ("sv", "en")


def _normalise(value: str) -> str:
    """Fold case, accents and inner whitespace so "  Östersund " style noise never blocks a match.

    Accents are dropped as well because keyboards and spreadsheets often lose
    them ("Turkiye", "Curacao"); ISO names do not collide once stripped.
    """
    decomposed = unicodedata.normalize("NFKD", match_key(value))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def _swedish() -> Callable[[str], str]:
    """Load pycountry's Swedish ISO 3166-1 catalogue once; it ships with the package."""
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])
    return translation.gettext


def _sv(text: str) -> str:
    """Translate an ISO English name to Swedish, leaving unknown names unchanged.

    gettext maps the empty string to the catalogue header, hence the guard.
    """
    return _swedish()(text) if text else text


@cache
def _lookup() -> dict[str, str]:
    """Build the normalised-name → alpha-2 table once, because it is consulted for every row."""
    table: dict[str, str] = {}

    def add(key: str | None, code: str) -> None:
        if key:
            table.setdefault(_normalise(key), code)

    for alias, code in _ALIASES.items():
        add(alias, code)
    countries = list(pycountry.countries)
    for country in countries:
        add(country.alpha_2, country.alpha_2)
    for country in countries:
        add(country.alpha_3, country.alpha_2)
    for country in countries:
        for attr in ("name", "common_name", "official_name"):
            add(getattr(country, attr, None), country.alpha_2)
    for country in countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if english:
                add(_sv(english), country.alpha_2)
    for code, name in _SV_DISPLAY.items():
        add(name, code)
    return table


def country_code(value: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a code or an English/Swedish country name.

    Returns None rather than raising, because unknown input is expected in
    hand-typed data and the caller decides whether to flag or drop the row.
    """
    if not isinstance(value, str):
        return None
    key = _normalise(value)
    if not key:
        return None
    return _lookup().get(key)


def country_name(code: str, lang: str = "sv") -> str:
    """Return a display name for a country code in Swedish ("sv") or English ("en").

    Accepts anything country_code() understands so callers can pass raw input;
    falls back to the input itself so a table never shows an empty cell.
    """
    if lang not in _SUPPORTED_LANGS:
        raise ValueError(f"lang must be one of {_SUPPORTED_LANGS}, got {lang!r}")
    alpha_2 = country_code(code) if isinstance(code, str) else None
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    if country is None:
        return code
    if lang == "en":
        return getattr(country, "common_name", None) or country.name
    return _SV_DISPLAY.get(country.alpha_2) or _sv(country.name)
