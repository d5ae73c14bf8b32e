"""Sanity checks for the bundled reference CSVs, which the app trusts without further validation."""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from uccn_data import reference as ref

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
# UNESCO's list after the designations of 31 October 2023: 350 cities in seven fields.
UCCN_TOTAL = 350
UCCN_PER_FIELD = {
    "crafts_folk_art": 66,
    "design": 49,
    "film": 26,
    "gastronomy": 56,
    "literature": 53,
    "media_arts": 25,
    "music": 75,
}
# Cities UNESCO designated in each round since 2015, as its announcements counted them.
UCCN_PER_ROUND = {2015: 47, 2017: 64, 2019: 66, 2021: 49, 2023: 55}
UCCN_SOURCE_YEAR = 2023


def _lines(name: str) -> list[str]:
    """The file's lines without its `# ` source notes."""
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [line for line in handle if not line.startswith("#")]


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(_lines(name))
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


@pytest.fixture(scope="module")
def sdg_goals() -> list[dict[str, str]]:
    header, rows = _read("sdg_goals.csv")
    assert header == ["goal", "en", "sv"]
    return rows


@pytest.mark.parametrize(
    "filename",
    ["municipalities.csv", "sdg11_targets.csv", "uccn_cities.csv", "sdg_goals.csv"],
)
def test_csv_parses_with_consistent_columns(filename: str) -> None:
    rows = list(csv.reader(_lines(filename)))
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


def _uccn_row(rows: list[dict[str, str]], city: str, country: str) -> dict[str, str]:
    matches = [r for r in rows if r["city"] == city and r["country"] == country]
    assert len(matches) == 1, (city, country, matches)
    return matches[0]


def test_uccn_source_is_stated_on_top() -> None:
    with (REFERENCE_DIR / "uccn_cities.csv").open(encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    notes = [line for line in lines if line.startswith("#")]
    assert notes and all(line.startswith("# ") for line in notes)
    assert lines[: len(notes)] == notes  # the notes come first, before the header
    assert any(line.startswith("# source: UNESCO") for line in notes)
    assert any(line.startswith("# positions: ") for line in notes)


def test_uccn_total_and_counts_per_field(uccn_cities: list[dict[str, str]]) -> None:
    assert len(uccn_cities) == UCCN_TOTAL
    assert Counter(row["subnetwork"] for row in uccn_cities) == UCCN_PER_FIELD
    assert sum(UCCN_PER_FIELD.values()) == UCCN_TOTAL


def test_uccn_counts_per_designation_round(uccn_cities: list[dict[str, str]]) -> None:
    years = Counter(int(row["year_designated"]) for row in uccn_cities)
    assert {year: years[year] for year in UCCN_PER_ROUND} == UCCN_PER_ROUND
    # 69 cities were members before the 2015 round (2004-2014).
    assert sum(n for year, n in years.items() if year < 2015) == 69
    assert set(years) - set(UCCN_PER_ROUND) <= set(range(2004, 2015))


def test_uccn_cities_unique(uccn_cities: list[dict[str, str]]) -> None:
    keys = [(row["city"], row["country"], row["subnetwork"]) for row in uccn_cities]
    assert len(keys) == len(set(keys))
    # A city is designated in one field only, so (city, country) is unique too.
    assert len({(row["city"], row["country"]) for row in uccn_cities}) == len(keys)


def test_uccn_cities_fields_valid(uccn_cities: list[dict[str, str]]) -> None:
    for row in uccn_cities:
        assert row["city"].strip() == row["city"] and row["city"], row
        assert pycountry.countries.get(alpha_2=row["country"]) is not None, row
        assert 2004 <= int(row["year_designated"]) <= UCCN_SOURCE_YEAR, row
        assert row["subnetwork"] in SUBNETWORKS, row
        assert (row["lat"] == "") == (row["lon"] == ""), row
        if row["lat"]:
            assert -90.0 <= float(row["lat"]) <= 90.0, row
            assert -180.0 <= float(row["lon"]) <= 180.0, row


@pytest.mark.parametrize(
    ("city", "country", "year", "field"),
    [
        ("Östersund", "SE", "2010", "gastronomy"),
        ("Popayán", "CO", "2005", "gastronomy"),
        ("Chengdu", "CN", "2010", "gastronomy"),
        ("Montréal", "CA", "2006", "design"),
        ("Barcelona", "ES", "2015", "literature"),
        ("Edinburgh", "GB", "2004", "literature"),
        ("Granada", "ES", "2014", "literature"),
        ("Granada", "NI", "2023", "design"),
        ("Lyon", "FR", "2008", "literature"),
        ("Norrköping", "SE", "2017", "music"),
        ("Gothenburg", "SE", "2021", "literature"),
        ("Tallinn", "EE", "2021", "music"),
        ("Santa Fe", "US", "2005", "crafts_folk_art"),
        ("Sydney", "AU", "2010", "film"),
        ("Linz", "AT", "2014", "media_arts"),
    ],
)
def test_known_cities(
    uccn_cities: list[dict[str, str]], city: str, country: str, year: str, field: str
) -> None:
    row = _uccn_row(uccn_cities, city, country)
    assert row["year_designated"] == year
    assert row["subnetwork"] == field


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(
    ("city", "country", "lat", "lon"),
    [
        ("Östersund", "SE", 63.18, 14.64),
        ("Montréal", "CA", 45.50, -73.57),
        ("Barcelona", "ES", 41.39, 2.17),
        ("Edinburgh", "GB", 55.95, -3.19),
        ("Buenos Aires", "AR", -34.60, -58.38),
        ("Sydney", "AU", -33.87, 151.21),
        ("Granada", "NI", 11.93, -85.96),
        ("Granada", "ES", 37.18, -3.60),
        ("London", "CA", 42.98, -81.25),
    ],
)
def test_known_positions_roughly_right(
    uccn_cities: list[dict[str, str]], city: str, country: str, lat: float, lon: float
) -> None:
    row = _uccn_row(uccn_cities, city, country)
    assert _km(float(row["lat"]), float(row["lon"]), lat, lon) < 25.0


def test_uccn_loader_matches_file(uccn_cities: list[dict[str, str]]) -> None:
    cities = ref.uccn_cities()
    assert len(cities) == len(uccn_cities) == UCCN_TOTAL
    assert set(ref.UCCN_CREATIVE_FIELDS) == SUBNETWORKS
    assert all(c.creative_field == c.subnetwork for c in cities)
    ostersund = next(c for c in cities if c.city == "Östersund")
    assert (ostersund.country, ostersund.year_designated) == ("SE", 2010)
    assert ostersund.creative_field == "gastronomy"
    assert ref.is_uccn_city("Ostersund", "se")
    source = ref.uccn_source()
    assert source.startswith("source: UNESCO")
    assert "2023" in source and "positions:" in source
    assert "#" not in source.splitlines()[0]


def test_uccn_loader_accepts_a_city_without_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "uccn_cities.csv").write_text(
        "# source: a test\n"
        "city,country,lat,lon,year_designated,subnetwork\n"
        "Somewhere,SE,,,2023,music\n"
        "Östersund,SE,63.1792,14.6357,2010,gastronomy\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(ref, "REFERENCE_DIR", tmp_path)
    cities = ref.uccn_cities.__wrapped__()
    assert [(c.city, c.lat, c.lon) for c in cities] == [
        ("Somewhere", None, None),
        ("Östersund", 63.1792, 14.6357),
    ]
    assert ref.uccn_source.__wrapped__() == "source: a test"


def test_other_reference_files_still_load() -> None:
    assert [m.code for m in ref.municipalities()] == sorted(EXPECTED_MUNICIPALITIES)
    assert [t.code for t in ref.sdg11_targets()] == EXPECTED_SDG11_CODES


def test_sdg_goals_file(sdg_goals: list[dict[str, str]]) -> None:
    assert [int(row["goal"]) for row in sdg_goals] == list(range(1, 18))
    assert all(row["en"].strip() and row["sv"].strip() for row in sdg_goals)
    with (REFERENCE_DIR / "sdg_goals.csv").open(encoding="utf-8") as handle:
        assert handle.readline().startswith("# source: ")


def test_sdg_goals_loader() -> None:
    goals = ref.sdg_goals()
    assert len(goals) == 17
    assert [g.goal for g in goals] == list(range(1, 18))
    eleven = goals[10]
    assert (eleven.goal, eleven.en, eleven.sv) == (
        11,
        "Sustainable cities and communities",
        "Hållbara städer och samhällen",
    )
    assert (goals[0].en, goals[0].sv) == ("No poverty", "Ingen fattigdom")
    assert (goals[16].en, goals[16].sv) == (
        "Partnerships for the goals",
        "Genomförande och globalt partnerskap",
    )
