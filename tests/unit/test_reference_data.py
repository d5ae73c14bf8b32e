"""Sanity checks for the bundled reference CSVs, which the app trusts without further validation."""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "uccn_data" / "reference_data"

EXPECTED_MUNICIPALITIES = {
    "2303": "Ragunda",
    "2305": "Bräcke",
    "2309": "Krokom",
    "2313": "Strömsund",
    "2321": "Åre",
    "2326": "Berg",
    "2361": "Härjedalen",
    "2380": "Östersund",
}
EXPECTED_SDG11_CODES = [
    "11.1",
    "11.2",
    "11.3",
    "11.4",
    "11.5",
    "11.6",
    "11.7",
    "11.a",
    "11.b",
    "11.c",
]
SUBNETWORKS = {
    "crafts_folk_art",
    "design",
    "film",
    "gastronomy",
    "literature",
    "media_arts",
    "music",
}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def municipalities() -> list[dict[str, str]]:
    header, rows = _read("municipalities.csv")
    assert header == ["code", "name", "lat", "lon"]
    return rows


@pytest.fixture(scope="module")
def sdg_targets() -> list[dict[str, str]]:
    header, rows = _read("sdg11_targets.csv")
    assert header == ["code", "en", "sv"]
    return rows


@pytest.fixture(scope="module")
def uccn_cities() -> list[dict[str, str]]:
    header, rows = _read("uccn_cities.csv")
    assert header == ["city", "country", "lat", "lon", "year_designated", "subnetwork"]
    return rows


@pytest.mark.parametrize(
    "filename",
    ["municipalities.csv", "sdg11_targets.csv", "uccn_cities.csv"],
)
def test_csv_parses_with_consistent_columns(filename: str) -> None:
    with (REFERENCE_DIR / filename).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) > 1
    width = len(rows[0])
    assert all(len(row) == width for row in rows)


def test_exactly_the_eight_municipalities(municipalities: list[dict[str, str]]) -> None:
    assert {row["code"]: row["name"] for row in municipalities} == EXPECTED_MUNICIPALITIES
    assert len(municipalities) == 8


@pytest.mark.parametrize(("code", "name"), sorted(EXPECTED_MUNICIPALITIES.items()))
def test_municipal_seat_inside_jamtland(
    municipalities: list[dict[str, str]], code: str, name: str
) -> None:
    row = next(r for r in municipalities if r["code"] == code)
    assert row["name"] == name
    assert 61.5 <= float(row["lat"]) <= 65.2
    assert 12.0 <= float(row["lon"]) <= 17.0


def test_sdg11_has_exactly_the_ten_targets(sdg_targets: list[dict[str, str]]) -> None:
    assert [row["code"] for row in sdg_targets] == EXPECTED_SDG11_CODES


@pytest.mark.parametrize("code", EXPECTED_SDG11_CODES)
def test_sdg11_target_texts_present(sdg_targets: list[dict[str, str]], code: str) -> None:
    row = next(r for r in sdg_targets if r["code"] == code)
    assert row["en"].strip()
    assert row["sv"].strip()


def test_uccn_cities_unique(uccn_cities: list[dict[str, str]]) -> None:
    keys = [(row["city"], row["country"]) for row in uccn_cities]
    assert len(keys) == len(set(keys))


def test_uccn_cities_fields_valid(uccn_cities: list[dict[str, str]]) -> None:
    for row in uccn_cities:
        assert row["city"].strip(), row
        assert pycountry.countries.get(alpha_2=row["country"]) is not None, row
        assert -90.0 <= float(row["lat"]) <= 90.0, row
        assert -180.0 <= float(row["lon"]) <= 180.0, row
        assert 2004 <= int(row["year_designated"]) <= 2025, row
        assert row["subnetwork"] in SUBNETWORKS, row


@pytest.mark.parametrize(
    ("city", "country", "year"),
    [
        ("Östersund", "SE", "2010"),
        ("Popayán", "CO", "2005"),
        ("Chengdu", "CN", "2010"),
    ],
)
def test_known_cities_of_gastronomy_present(
    uccn_cities: list[dict[str, str]], city: str, country: str, year: str
) -> None:
    matches = [r for r in uccn_cities if r["city"] == city and r["country"] == country]
    assert len(matches) == 1
    assert matches[0]["year_designated"] == year
    assert matches[0]["subnetwork"] == "gastronomy"
