"""Shared fixtures: real DuckDB stores in temporary folders, files as coordinators make them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from uccn_data.importer import ImportReport, import_file
from uccn_data.store import Store

ROOT = Path(__file__).resolve().parent.parent


def swedish_csv(rows: Sequence[Sequence[object]], encoding: str = "cp1252") -> bytes:
    """A file as Swedish Excel saves "CSV (semikolonavgränsad)": `;`, CRLF, Windows-1252."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        [["" if v is None else str(v) for v in row] for row in rows]
    )
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "uccn.duckdb")
    s.initialise()
    return s


@pytest.fixture
def load(store: Store) -> Callable[..., ImportReport]:
    """Import rows (header first) into the store and insist that they go in."""

    def _load(table: str, rows: Sequence[Sequence[object]]) -> ImportReport:
        report = import_file(store, swedish_csv(rows), f"{table}.csv", table, user="test")
        assert report.ok, [(p.row, p.column, p.value, p.message("en")) for p in report.errors]
        return report

    return _load
