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
