"""docs/data-contract.md keeps up with the code: a table, column, Swedish header, allowed
value, key figure or migration the code has and the document lacks fails here.

The document is what a coordinator reads before filling in a file, and it travels with
every clone; the code is the truth (tables.py, reference.py, kpi_definitions.py, the
migrations). Each check names what to add, so that a new column or value is documented in
the same change that adds it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.store import SCHEMA_VERSION, SQL_DIR
from uccn_data.tables import TABLE_ALIASES, TABLES, Column, Table

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-contract.md"


@cache
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def section(table: Table) -> str:
    """The text under the table's heading `### name (alias)`, up to the next heading."""
    found = re.search(
        rf"^### {re.escape(table.name)} \({re.escape(table.alias)}\)\n(.*?)(?=^##)",
        doc() + "\n##",
        re.MULTILINE | re.DOTALL,
    )
    assert found, f"docs/data-contract.md needs a heading '### {table.name} ({table.alias})'"
    return found.group(1)


def cells(table: Table, column: Column) -> list[str]:
    """The cells of the column's row in the table's section: name, headers, kind, required,
    rule."""
    rows = [line for line in section(table).splitlines() if line.startswith(f"| `{column.name}` |")]
    assert len(rows) == 1, (
        f"docs/data-contract.md, {table.name}: needs one row for the column {column.name}"
    )
    return [cell.strip() for cell in rows[0].strip("|").split("|")]


COLUMNS = [
    pytest.param(table, column, id=f"{table.name}.{column.name}")
    for table in TABLES.values()
    for column in table.columns
]


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_every_table_has_its_section_with_its_key(table: Table) -> None:
    text = section(table)
    intro = text.split("|", 1)[0]
    missing = [key for key in table.key if f"`{key}`" not in intro]
    assert not missing, f"{table.name}: the key {missing} is not named above the columns"
    # Every stored column that is not in a file (precision, approximation, derived) is named.
    missing = [name for name in table.stored_names if f"`{name}`" not in text]
    assert not missing, f"{table.name}: stored columns not named: {missing}"


def test_the_columns_are_in_the_files_order() -> None:
    for table in TABLES.values():
        names = re.findall(r"^\| `([a-z0-9_]+)` \|", section(table), re.MULTILINE)
        assert names == table.column_names, f"{table.name}: rows {names}"


@pytest.mark.parametrize(("table", "column"), COLUMNS)
def test_every_column_row_says_what_the_code_does(table: Table, column: Column) -> None:
    name, headers, kind, required, _rule = cells(table, column)
    assert name == f"`{column.name}`"
    for header in (column.alias, *column.other_aliases):
        assert f"`{header}`" in headers, f"{table.name}.{column.name}: header {header!r}"
    assert f"`{column.kind}`" in kind, f"{table.name}.{column.name}: kind {column.kind}"
    assert (", list" in kind) == column.many, f"{table.name}.{column.name}: list or not"
    assert ("with precision" in kind) == column.precision, f"{table.name}.{column.name}"
    assert ("approximate allowed" in kind) == column.approximate, f"{table.name}.{column.name}"
    assert required.startswith("yes" if column.required else "no"), (
        f"{table.name}.{column.name}: required is {column.required}"
    )


def test_every_kind_is_described() -> None:
    kinds = {column.kind for table in TABLES.values() for column in table.columns}
    described = set(re.findall(r"^\| `([a-z_0-9]+)`", doc(), re.MULTILINE))
    assert kinds <= described, f"kinds without a row: {sorted(kinds - described)}"


def test_every_other_table_spelling_is_named() -> None:
    # The canonical and Swedish names are in the section headings (test above).
    others = (
        set(TABLE_ALIASES) - {t.name for t in TABLES.values()} - {t.alias for t in TABLES.values()}
    )
    missing = sorted(spelling for spelling in others if f"`{spelling}`" not in doc())
    assert not missing, f"table names not in docs/data-contract.md: {missing}"


def _choices() -> list[tuple[str, str, ref.Label]]:
    """(column, key, labels) of every allowed value a file may name, places included."""
    found = [
        (column.name, key, label)
        for table in TABLES.values()
        for column in table.columns
        if column.choices is not None and column.name != "kpi"
        for key, label in column.choices.items()
    ]
    return found + [("municipality", key, label) for key, label in ref.PLACES.items()]


@pytest.mark.parametrize(
    ("column", "key", "label"), _choices(), ids=[f"{c}={k}" for c, k, _ in _choices()]
)
def test_every_allowed_value_is_listed_with_both_labels(
    column: str, key: str, label: ref.Label
) -> None:
    row = f"| `{key}` | {label.sv} | {label.en} |"
    listed = row in doc()
    assert listed, f"{column}: docs/data-contract.md needs the row {row!r}"


@pytest.mark.parametrize("code", list(ref.MUNICIPALITY_CODES))
def test_every_municipality_is_listed_with_its_code(code: str) -> None:
    named = f"{ref.MUNICIPALITY_CODES[code]} {code}"
    listed = named in doc()
    assert listed, f"docs/data-contract.md should name {named!r}"


# How `KpiDefinition.over_years` reads in the document's last column.
OVER_YEARS = {"sum": "sum", "max": "highest", "mean": "mean"}


@pytest.mark.parametrize("key", list(KPI_DEFINITIONS))
def test_every_key_figure_is_defined(key: str) -> None:
    definition = KPI_DEFINITIONS[key]
    start = f"| `{key}` | {definition.name.sv} | {definition.name.en} | {definition.unit} |"
    rows = [line for line in doc().splitlines() if line.startswith(start)]
    assert len(rows) == 1, f"needs one row starting {start!r}"
    over_years = rows[0].strip("|").split("|")[-1].strip()
    assert over_years == OVER_YEARS[definition.over_years], f"{key}: targets over years"


def test_the_schema_version_and_every_migration_are_named() -> None:
    stated = f"current schema version is {SCHEMA_VERSION}" in doc()
    assert stated, f"docs/data-contract.md should say 'current schema version is {SCHEMA_VERSION}'"
    migrations = sorted(
        p.name for p in (SQL_DIR / "migrations").iterdir() if p.name.endswith(".sql")
    )
    missing = [name for name in migrations if f"`{name}`" not in doc()]
    assert not missing, f"migrations not described: {missing}"
