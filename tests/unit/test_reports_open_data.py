"""The open data export: three formats per table, a datapackage.json that validates against the
Frictionless Data Package shape, masked sole traders, and no formula reaching Excel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import openpyxl
import pyarrow.parquet as pq
import pytest

from tests.unit.reports_support import leaks, office_text, shared_demo, sole_trader_numbers
from uccn_data.reports.open_data import export_all
from uccn_data.store import Store
from uccn_data.tables import TABLES

NAME = r"^[a-z0-9._/-]+$"
# The parts of the Frictionless Data Package and Table Schema specifications the export uses,
# written out here so the check needs no extra package.
FIELD_TYPES = [
    "string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime",
    "year", "yearmonth", "duration", "geopoint", "geojson", "any",
]  # fmt: skip
DATA_PACKAGE = {
    "type": "object",
    "required": ["name", "title", "licenses", "resources"],
    "properties": {
        "name": {"type": "string", "pattern": NAME},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "licenses": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"const": "CC0-1.0"}, "path": {"type": "string"}},
            },
        },
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "path", "format", "mediatype", "schema"],
                "properties": {
                    "name": {"type": "string", "pattern": NAME},
                    "path": {"type": "string", "pattern": r"^[^/\\].*$"},
                    "format": {"enum": ["csv", "xlsx", "parquet"]},
                    "mediatype": {"type": "string", "pattern": r"^[a-z]+/[a-z0-9.+-]+$"},
                    "encoding": {"type": "string"},
                    "dialect": {
                        "type": "object",
                        "properties": {"delimiter": {"type": "string", "maxLength": 1}},
                    },
                    "schema": {
                        "type": "object",
                        "required": ["fields"],
                        "properties": {
                            "fields": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["name", "type", "description"],
                                    "properties": {
                                        "name": {"type": "string"},
                                        "type": {"enum": FIELD_TYPES},
                                        "description": {"type": "string", "minLength": 3},
                                        "decimalChar": {"type": "string", "maxLength": 1},
                                        "constraints": {"type": "object"},
                                    },
                                },
                            },
                            "primaryKey": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
                "if": {"properties": {"format": {"const": "csv"}}},
                "then": {"required": ["encoding", "dialect"]},
            },
        },
    },
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def published(demo: Store, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return export_all(demo, tmp_path_factory.mktemp("open-data"))


def _package(paths: list[Path]) -> dict:
    return json.loads(next(p for p in paths if p.name == "datapackage.json").read_text("utf-8"))


def test_every_table_in_three_formats_and_a_datapackage(published):
    names = sorted(p.name for p in published)
    expected = [f"{t}.{fmt}" for t in TABLES for fmt in ("csv", "xlsx", "parquet")]
    assert names == sorted([*expected, "datapackage.json"])
    assert all(p.is_file() and p.stat().st_size > 0 for p in published)


def test_the_datapackage_validates_and_describes_the_files(published):
    package = _package(published)
    jsonschema.validate(package, DATA_PACKAGE)
    folder = published[0].parent
    assert len(package["resources"]) == 3 * len(TABLES)
    for resource in package["resources"]:
        path = folder / resource["path"]
        assert path.is_file(), resource["path"]
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert set(resource["schema"]["primaryKey"]) <= set(fields)
        for field in resource["schema"]["fields"]:
            assert " / " in field["description"]  # Swedish / English
        if resource["format"] == "csv":
            assert resource["dialect"]["delimiter"] == ";"
            raw = path.read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf")
            header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
            assert header == fields
        elif resource["format"] == "parquet":
            assert pq.read_table(path).column_names == fields
        else:
            sheet = openpyxl.load_workbook(path, read_only=True).active
            assert [c.value for c in next(sheet.iter_rows(max_row=1))] == fields


def test_amounts_are_written_with_a_decimal_comma(published):
    spending = next(p for p in published if p.name == "spending.csv")
    rows = list(csv.DictReader(io.StringIO(spending.read_text("utf-8-sig")), delimiter=";"))
    assert any("," in r["amount_sek"] for r in rows)
    assert not any("." in r["amount_sek"] for r in rows)


def test_sole_traders_numbers_are_masked_in_every_file(demo, published):
    numbers = sole_trader_numbers(demo)
    assert numbers
    for path in published:
        if path.suffix == ".xlsx":
            text = office_text(path.read_bytes())
        elif path.suffix == ".parquet":
            text = "\n".join(str(v) for v in pq.read_table(path).to_pylist())
        else:
            text = path.read_text("utf-8-sig")
        assert leaks(text, numbers) == [], path.name
    masked = next(p for p in published if p.name == "sme_participation.csv").read_text("utf-8-sig")
    assert "-****" in masked
    assert "Sole traders' numbers are masked" in json.dumps(_package(published))


def test_unmasked_keeps_every_number_whole(demo, tmp_path):
    paths = export_all(demo, tmp_path, mask=False)
    text = next(p for p in paths if p.name == "sme_participation.csv").read_text("utf-8-sig")
    assert leaks(text, sole_trader_numbers(demo)) == sorted(sole_trader_numbers(demo))
    assert "masked" not in (tmp_path / "datapackage.json").read_text("utf-8")


def test_text_that_looks_like_a_formula_never_becomes_one(store, load, tmp_path):
    load(
        "activities",
        [
            ["activity_id", "title", "framework_area", "theme", "start_date", "level", "lead", "status"],
            ["F1", '=HYPERLINK("http://x","klick")', "Kompetensutveckling", "Mat", "2024-03-01",
             "regional", "gemensam", "genomförd"],
        ],
    )  # fmt: skip
    paths = export_all(store, tmp_path)
    assert "'=HYPERLINK" in (tmp_path / "activities.csv").read_text("utf-8-sig")
    sheet = openpyxl.load_workbook(tmp_path / "activities.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert any(c.value == '\'=HYPERLINK("http://x","klick")' for c in cells)
    assert len(paths) == 3 * len(TABLES) + 1


# --- contract version 2 -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def v2_published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.unit.reports_support import v2_store

    folder = tmp_path_factory.mktemp("open-v2")
    export_all(v2_store(tmp_path_factory.mktemp("v2-store")), folder)
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))


def _fields(folder: Path, resource: str) -> dict[str, dict]:
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    (found,) = [r for r in package["resources"] if r["name"] == resource]
    return {f["name"]: f for f in found["schema"]["fields"]}


def test_the_outcomes_are_published_in_every_format(v2_published):
    rows = {r["outcome_id"]: r for r in _rows(v2_published / "outcomes.csv")}
    assert rows["R1"]["kind"] == "network_role"
    assert (rows["R1"]["date"], rows["R1"]["end_date"]) == ("2014", "2018")  # as written
    assert rows["R2"]["date"] == "2022-11" and rows["R2"]["url"] == "https://example.org/pris"
    assert rows["R3"]["date"] == ""  # an undated agreement stays undated
    sheet = openpyxl.load_workbook(v2_published / "outcomes.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == TABLES["outcomes"].column_names
    assert values[2][:4] == ["R2", "award", "Pris <b>för</b> skördefesten", "2022-11"]
    stored = pq.read_table(v2_published / "outcomes.parquet")
    assert stored.column_names == TABLES["outcomes"].stored_names
    fields = _fields(v2_published, "outcomes-csv")
    assert list(fields) == TABLES["outcomes"].column_names
    assert fields["kind"]["constraints"]["enum"] == [
        "award", "agreement", "publication", "strategy", "network_role", "media", "other",
    ]  # fmt: skip
    assert "network_role" in fields["kind"]["description"]


def test_spreadsheet_files_write_dates_and_counts_as_reported(v2_published):
    rows = {r["activity_id"]: r for r in _rows(v2_published / "activities.csv")}
    festival = rows["A1"]
    assert festival["start_date"] == "2022-05"
    assert (festival["participants"], festival["visitors"], festival["smes_count"]) == (
        "ca 250", "över 4000", "minst 20",
    )  # fmt: skip
    assert festival["framework_area"] == "competence_development; information_marketing"
    assert (festival["lead"], festival["lead_name"], festival["party_role"]) == (
        "external", "Jamtli", "co_organiser",
    )  # fmt: skip
    assert rows["A4"]["participants"] == ""  # unknown, never 0
    fields = _fields(v2_published, "activities-csv")
    assert fields["start_date"]["type"] == "string"
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in fields["start_date"]["description"]
    assert fields["participants"]["type"] == "string"
    assert "ca 250" in fields["participants"]["description"]
    assert fields["framework_area"]["type"] == "string"
    assert "separated by semicolons" in fields["framework_area"]["description"]
    spending = {r["spending_id"]: r for r in _rows(v2_published / "spending.csv")}
    assert (spending["S2"]["kind"], spending["S2"]["date"]) == ("budget", "2022")
    assert spending["S3"]["amount_sek"] == ""  # only the funder is known
    amount = _fields(v2_published, "spending-csv")["amount_sek"]
    assert "currency" in amount["description"] and amount["decimalChar"] == ","


def test_parquet_keeps_every_stored_column_and_the_schema_says_what_each_is(v2_published):
    for name, table in TABLES.items():
        stored = pq.read_table(v2_published / f"{name}.parquet")
        assert stored.column_names == table.stored_names, name
        fields = _fields(v2_published, f"{name}-parquet")
        assert list(fields) == table.stored_names, name
    activities = _fields(v2_published, "activities-parquet")
    assert activities["start_date"]["type"] == "date"
    assert "start_date_precision" in activities["start_date"]["description"]
    assert activities["start_date_precision"]["constraints"]["enum"] == ["year", "month", "day"]
    assert activities["participants"]["type"] == "integer"
    assert activities["participants_approx"]["constraints"]["enum"] == [
        "about", "over", "at_least",
    ]  # fmt: skip
    assert activities["framework_area"]["type"] == "array"
    assert activities["partner_uccn_cities"]["type"] == "array"
    exchanges = _fields(v2_published, "exchanges-parquet")
    assert exchanges["partner_members"]["type"] == "array"
    assert "unknown" in exchanges["partner_members"]["description"]
    spending = _fields(v2_published, "spending-parquet")
    assert spending["amount_sek"]["type"] == spending["amount_original"]["type"] == "number"
    festival = pq.read_table(v2_published / "activities.parquet").to_pylist()[0]
    assert (festival["participants"], festival["participants_approx"]) == (250, "about")
    assert festival["start_date_precision"] == "month"
