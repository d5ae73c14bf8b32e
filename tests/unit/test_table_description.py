"""tables.py describes each uploaded table once; the store and the pandera schemas must agree.

The store's tables come from SQL migrations and the pandera schemas from `schema_for`, so a
column's rule could drift from its description: a `date` stored as text, a required column
that the store lets be empty, an enum whose check forgets a choice. These tests read a real
store (new, and one made by version 1 and migrated) and the real schemas, and name the table,
the column and what differs. `test_a_changed_description_is_caught` proves they would.
"""

from __future__ import annotations

import dataclasses
import gzip
import re
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from pandera.pandas import Column as SchemaColumn
from pandera.pandas import DataFrameSchema

from uccn_data import reference as ref
from uccn_data import schemas
from uccn_data.parsing import parse_column
from uccn_data.store import SQL_DIR, Store, sql
from uccn_data.tables import TABLES, Column, Kind, Table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SQL_FILES = Path(str(SQL_DIR))

# What each kind of column is in the store (DuckDB type families) and after parsing (the
# pandas dtype pandera checks). A DECIMAL's precision and scale are checked apart.
_TEXT: tuple[frozenset[str], str] = (frozenset({"VARCHAR"}), "string")
KIND_TYPES: dict[str, tuple[frozenset[str], str]] = {
    "id": _TEXT,
    "text": _TEXT,
    "enum": _TEXT,
    "municipality": _TEXT,
    "org_number": _TEXT,
    "country": _TEXT,
    "sdg": _TEXT,
    "url": _TEXT,
    "currency": _TEXT,
    "date": (frozenset({"DATE"}), "datetime64[ns]"),
    "month": (frozenset({"DATE"}), "datetime64[ns]"),
    "integer": (frozenset({"BIGINT", "INTEGER"}), "Int64"),
    "decimal": (frozenset({"DOUBLE", "DECIMAL"}), "float64"),
    "amount": (frozenset({"DECIMAL"}), "float64"),
    "boolean": (frozenset({"BOOLEAN"}), "boolean"),
    "list": (frozenset({"VARCHAR[]"}), "object"),
}

# Derived columns are kept by the store but not described by kind in tables.py; their types
# are named here, so that a new derived column must be named too.
DERIVED_TYPES: dict[tuple[str, str], str] = {
    ("activities", "partner_uccn_cities"): "VARCHAR[]",
    ("exchanges", "partner_members"): "BOOLEAN[]",
    ("spending", "amount_original"): "DECIMAL(16,2)",
}

# What the store adds to a before-image row (store.py, 001_initial.sql): which import wrote
# it, and whether that import inserted or updated the row.
BOOKKEEPING = {"import_id": "BIGINT", "change": "VARCHAR"}


@dataclasses.dataclass(frozen=True)
class StoredColumn:
    data_type: str
    nullable: bool


def _stored(conn: duckdb.DuckDBPyConnection, table: str) -> dict[str, StoredColumn]:
    rows = conn.execute(
        "select column_name, data_type, is_nullable from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'main' and table_name = ? "
        "order by column_index",
        [table],
    ).fetchall()
    return {name: StoredColumn(data_type, bool(nullable)) for name, data_type, nullable in rows}


def _primary_key(conn: duckdb.DuckDBPyConnection, table: str) -> tuple[str, ...]:
    rows = conn.execute(
        "select constraint_column_names from duckdb_constraints() "
        "where database_name = current_database() and table_name = ? "
        "and constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchall()
    return tuple(rows[0][0]) if rows else ()


def _family(data_type: str) -> str:
    """DECIMAL(14,2) -> DECIMAL, DECIMAL(14,2)[] -> DECIMAL[]; other types as they are."""
    return re.sub(r"\(\d+,\s*\d+\)", "", data_type)


def _kind_words(column: Column) -> str:
    return f"kind {column.kind}" + (", many" if column.many else "")


def _column_type_differences(table: Table, column: Column, stored: StoredColumn) -> list[str]:
    where = f"{table.name}.{column.name}"
    families, _ = KIND_TYPES[column.kind]
    if column.many:
        families = frozenset(f"{f}[]" for f in families)
    found: list[str] = []
    if _family(stored.data_type) not in families:
        found.append(
            f"{where}: tables.py says {_kind_words(column)} (stored as "
            f"{' or '.join(sorted(families))}), the store has {stored.data_type}"
        )
    digits = re.fullmatch(r"DECIMAL\((\d+),(\d+)\)", stored.data_type)
    if digits:
        precision, scale = int(digits[1]), int(digits[2])
        if column.decimals is not None and scale != column.decimals:
            found.append(
                f"{where}: tables.py keeps {column.decimals} decimals, "
                f"the store keeps {scale} ({stored.data_type})"
            )
        if column.maximum is not None and 10 ** (precision - scale) <= column.maximum:
            found.append(
                f"{where}: tables.py allows up to {column.maximum}, "
                f"the store's {stored.data_type} cannot hold it"
            )
    elif column.decimals is not None and _family(stored.data_type) in families:
        found.append(
            f"{where}: tables.py keeps exactly {column.decimals} decimals, "
            f"the store has {stored.data_type}, not a DECIMAL with that scale"
        )
    if stored.nullable == column.required:
        found.append(
            f"{where}: tables.py says {'required' if column.required else 'optional'}, "
            f"the store has it {'nullable' if stored.nullable else 'NOT NULL'}"
        )
    return found


def store_differences(conn: duckdb.DuckDBPyConnection, table: Table) -> list[str]:
    """Every way the store's table and its before-images differ from tables.py, one line each
    ("activities.start_date: tables.py says kind date (stored as DATE), the store has ...")."""
    stored = _stored(conn, table.name)
    found: list[str] = []
    expected = table.stored_names
    for name in sorted(set(expected) - set(stored)):
        found.append(f"{table.name}.{name}: in tables.py, missing from the store")
    for name in sorted(set(stored) - set(expected)):
        found.append(f"{table.name}.{name}: in the store, missing from tables.py")
    for column in table.columns:
        if column.name in stored:
            found += _column_type_differences(table, column, stored[column.name])
        # Companions are written by the importer, never from a cell of their own.
        for companion in column.companions:
            if companion in stored and stored[companion] != StoredColumn("VARCHAR", True):
                found.append(
                    f"{table.name}.{companion}: companion of {column.name}, expected a nullable "
                    f"VARCHAR, the store has {stored[companion]}"
                )
    for name in table.derived:
        wanted = DERIVED_TYPES.get((table.name, name))
        if wanted is None:
            found.append(f"{table.name}.{name}: a derived column this test does not know")
        elif name in stored and stored[name] != StoredColumn(wanted, True):
            found.append(
                f"{table.name}.{name}: derived, expected a nullable {wanted}, "
                f"the store has {stored[name]}"
            )
    key = _primary_key(conn, table.name)
    # DuckDB refuses a null in a primary key, so a table whose key has an optional column (a
    # comment's year: the whole period) has none; the import keeps its key unique.
    optional_key = any(not table.column(k).required for k in table.key)
    if optional_key and key:
        found.append(f"{table.name}: an optional key column, yet the store's key is {key}")
    elif not optional_key and key != table.key:
        found.append(f"{table.name}: tables.py's key is {table.key}, the store's is {key}")
    found += _before_image_differences(conn, table, stored)
    return found


def _before_image_differences(
    conn: duckdb.DuckDBPyConnection, table: Table, stored: dict[str, StoredColumn]
) -> list[str]:
    """Undo writes a before-image back into the table, so it has every stored column with
    the same type, plus the bookkeeping; all nullable (an insert's image is only its key)."""
    name = f"{table.name}_before"
    before = _stored(conn, name)
    wanted = {
        **{
            c: StoredColumn(s.data_type, True) for c, s in stored.items() if c in table.stored_names
        },
        **{c: StoredColumn(t, True) for c, t in BOOKKEEPING.items()},
    }
    return [
        f"{name}.{c}: expected {wanted.get(c, 'no such column')}, "
        f"the store has {before.get(c, 'no such column')}"
        for c in sorted(set(wanted) | set(before))
        if wanted.get(c) != before.get(c)
    ]


def _check_statistics(column: SchemaColumn) -> dict[str, dict[str, object]]:
    return {check.name: dict(check.statistics) for check in column.checks}


def schema_differences(schema: DataFrameSchema, table: Table) -> list[str]:
    """Every way a pandera schema differs from tables.py: columns and their order,
    strictness, nullability, dtype, allowed values, ranges and lengths; one line each."""
    where = f"schema {schema.name}"
    found: list[str] = []
    if list(schema.columns) != table.column_names:
        found.append(f"{where}: columns {list(schema.columns)}, tables.py {table.column_names}")
    if schema.strict is not True:
        found.append(f"{where}: not strict, so an unknown column would pass")
    for column in table.columns:
        spot = f"{table.name}.{column.name} ({where})"
        if column.name not in schema.columns:
            continue
        checked = schema.columns[column.name]
        if checked.nullable == column.required:
            found.append(
                f"{spot}: tables.py says {'required' if column.required else 'optional'}, "
                f"the schema has nullable={checked.nullable}"
            )
        dtype = "object" if column.many else KIND_TYPES[column.kind][1]
        if not str(checked.dtype).startswith(dtype):
            found.append(f"{spot}: {_kind_words(column)} is {dtype}, the schema {checked.dtype}")
        statistics = _check_statistics(checked)
        if column.many:
            # A list's items are checked while parsing (test_enum_cells_accept_exactly_the_choices).
            if statistics:
                found.append(f"{spot}: a list column, yet the schema checks {sorted(statistics)}")
            continue
        allowed: list[str] | None = None
        if column.kind == "enum":
            allowed = list(column.choices or {})
        elif column.kind == "municipality":
            allowed = [*ref.MUNICIPALITY_CODES, *(["other"] if column.allow_other else [])]
        found_allowed = statistics.get("isin", {}).get("allowed_values")
        if allowed != found_allowed:
            found.append(f"{spot}: tables.py allows {allowed}, the schema {found_allowed}")
        bounds = {
            "greater_than_or_equal_to": ("min_value", column.minimum),
            "less_than" if column.maximum_exclusive else "less_than_or_equal_to": (
                "max_value",
                column.maximum,
            ),
        }
        if column.kind in ("text", "url"):
            bounds["str_length"] = ("max_value", column.max_length)
        for check, (statistic, value) in bounds.items():
            given = statistics.get(check, {}).get(statistic)
            if given != value:
                found.append(f"{spot}: tables.py gives {check} {value}, the schema {given}")
        unexpected = set(statistics) - {*bounds, "isin", "str_matches"}
        if unexpected:
            found.append(f"{spot}: the schema checks {sorted(unexpected)}, tables.py says nothing")
    return found


# --- the stores --------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["new", "version 1, migrated"])
def store_conn(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("store")
    path = folder / "uccn.duckdb"
    if request.param != "new":
        path.write_bytes(gzip.decompress((FIXTURES / "v1-store.duckdb.gz").read_bytes()))
    store = Store(path)
    store.initialise()
    with store.reading() as conn:
        yield conn


@pytest.mark.parametrize("name", list(TABLES))
def test_the_store_keeps_each_table_as_tables_py_describes_it(
    store_conn: duckdb.DuckDBPyConnection, name: str
) -> None:
    differences = store_differences(store_conn, TABLES[name])
    assert not differences, "\n".join(differences)


def _catalog(path: Path) -> dict[str, str]:
    """Each column (`table.column`) -> its type, nullability and default, and each table
    (`table constraints`) -> its keys and NOT NULL constraints, in words."""
    with duckdb.connect(str(path), read_only=True) as conn:
        columns = conn.execute(
            "select table_name || '.' || column_name, data_type || ' ' || "
            "case is_nullable when 'NO' then 'NOT NULL' else 'nullable' end || "
            "coalesce(' default ' || column_default, '') "
            "from information_schema.columns where table_schema = 'main'"
        ).fetchall()
        constraints = conn.execute(
            "select table_name || ' constraints', array_to_string(list_sort(list("
            "constraint_type || ' (' || array_to_string(constraint_column_names, ', ') || ')'"
            ")), '; ') from duckdb_constraints() where database_name = current_database() "
            "group by table_name"
        ).fetchall()
    return {str(k): str(v) for k, v in [*columns, *constraints]}


def test_a_migrated_version_1_store_has_exactly_the_shape_of_a_new_one(tmp_path: Path) -> None:
    new = Store(tmp_path / "new.duckdb")
    new.initialise()
    old = Store(tmp_path / "v1.duckdb")
    old.path.write_bytes(gzip.decompress((FIXTURES / "v1-store.duckdb.gz").read_bytes()))
    assert old.schema_version() == 1
    old.initialise()
    fresh, migrated = _catalog(new.path), _catalog(old.path)
    differences = [
        f"{name}: a new store has {fresh.get(name, 'nothing')}, "
        f"a migrated one {migrated.get(name, 'nothing')}"
        for name in sorted(fresh.keys() | migrated.keys())
        if fresh.get(name) != migrated.get(name)
    ]
    assert not differences, "\n".join(differences)


# --- the schemas -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_the_pandera_schema_says_what_tables_py_says(name: str) -> None:
    differences = schema_differences(schemas.schema_for(TABLES[name]), TABLES[name])
    differences += schema_differences(schemas.SCHEMAS[name], TABLES[name])
    assert not differences, "\n".join(differences)


def test_every_kind_has_a_store_type_and_a_dtype() -> None:
    assert set(KIND_TYPES) == set(typing.get_args(Kind))
    derived = {(t.name, d) for t in TABLES.values() for d in t.derived}
    assert set(DERIVED_TYPES) == derived


_ENUMS = [(t, c) for t in TABLES.values() for c in t.columns if c.kind == "enum"]


@pytest.mark.parametrize(("table", "column"), _ENUMS, ids=[f"{t.name}.{c.name}" for t, c in _ENUMS])
def test_enum_cells_accept_exactly_the_choices(table: Table, column: Column) -> None:
    """The parser reads an enum cell into one of tables.py's keys, a list cell's every item
    too (pandera checks single cells again; a list's items only here)."""
    assert column.choices, f"{table.name}.{column.name}: an enum without choices"
    cells = [*column.choices, "ingetsådant"]
    parsed = parse_column(
        pa.array(cells, pa.string()), column, pa.array(range(2, len(cells) + 2), pa.int64())
    )
    values = parsed.values.to_pylist()
    expected = [[k] for k in column.choices] if column.many else list(column.choices)
    assert values[:-1] == expected, f"{table.name}.{column.name}: keys read as {values[:-1]}"
    assert [(p.row, p.column) for p in parsed.problems] == [(len(cells) + 1, column.name)], (
        f"{table.name}.{column.name}: an unknown value was not refused"
    )


# --- SQL rules written once (sql/macros.sql) ----------------------------------------------


def test_the_shared_sql_rules_name_what_reference_names(store: Store) -> None:
    with store.reading() as conn:
        conn.execute(sql("macros.sql"))
        assert conn.execute("select ostersund_municipality()").fetchall() == [(ref.OSTERSUND_CODE,)]
        external = {
            funder
            for funder in ref.FUNDERS
            if conn.execute("select external_funder(?)", [funder]).fetchall()[0][0]
        }
        assert external == set(ref.FUNDERS) - set(ref.ORGANISATIONS)


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "last_day"),
    [
        (date(2018, 1, 1), "year", None, None, date(2018, 12, 31)),
        (date(2018, 5, 1), "month", None, None, date(2018, 5, 31)),
        (date(2024, 2, 1), "month", None, None, date(2024, 2, 29)),
        (date(2018, 5, 7), "day", None, None, date(2018, 5, 7)),
        (date(2018, 5, 7), "day", date(2019, 1, 1), "year", date(2019, 12, 31)),
        (date(2018, 1, 1), "year", date(2018, 6, 1), "month", date(2018, 6, 30)),
        (date(2018, 1, 1), "year", date(2018, 6, 3), "day", date(2018, 6, 3)),
    ],
)
def test_a_span_ends_as_far_as_its_precision_reaches(
    store: Store,
    start: date,
    start_precision: str,
    end: date | None,
    end_precision: str | None,
    last_day: date,
) -> None:
    with store.reading() as conn:
        conn.execute(sql("macros.sql"))
        found = conn.execute(
            "select span_end(?::date, ?, ?::date, ?)", [start, start_precision, end, end_precision]
        ).fetchall()
    assert found == [(last_day,)]


# Fragments that must stay in macros.sql: the Östersund code, the parties, the span-end
# case and the filter clause were once retyped in up to eight files.
WRITTEN_ONCE = {
    "'2380'": "ostersund_municipality()",
    "('ostersund', 'region')": "external_funder(funder)",
    "make_date(year(": "span_end(...) or last_day_covered(...)",
    "last_day(": "span_end(...) or last_day_covered(...)",
    "list_contains(framework_area": "activity_matches(...) or reached_by_filters(...)",
    "list_contains(a.framework_area": "activity_matches(...) or reached_by_filters(...)",
    "team[": "names_team_sweden(partners)",
    "unesco[": "names_unesco_council(partners)",
}


# Every query file; migrations are left out, as they shipped and stay as they were.
QUERY_FILES = sorted(
    path
    for path in SQL_FILES.rglob("*.sql")
    if path.name != "macros.sql" and "migrations" not in path.parts
)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.relative_to(SQL_FILES).as_posix())
def test_figures_use_the_shared_rules_instead_of_retyping_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    retyped = [
        f"{path.name} retypes {fragment!r}: use {macro} from macros.sql"
        for fragment, macro in WRITTEN_ONCE.items()
        if fragment in text
    ]
    assert not retyped, "\n".join(retyped)


# --- the test itself ---------------------------------------------------------------------


def _changed(table: Table, name: str, **change: object) -> Table:
    columns = tuple(
        dataclasses.replace(c, **change) if c.name == name else c  # type: ignore[arg-type]
        for c in table.columns
    )
    return dataclasses.replace(table, columns=columns)


def test_a_changed_description_is_caught(tmp_path: Path) -> None:
    store = Store(tmp_path / "uccn.duckdb")
    store.initialise()
    activities = TABLES["activities"]
    with store.reading() as conn:
        as_integer = store_differences(conn, _changed(activities, "start_date", kind="integer"))
        optional = store_differences(conn, _changed(activities, "title", required=False))
        one_area = store_differences(conn, _changed(activities, "framework_area", many=False))
        three_decimals = store_differences(
            conn, _changed(TABLES["staff_time"], "hours", decimals=3)
        )
    assert as_integer == [
        "activities.start_date: tables.py says kind integer (stored as BIGINT or INTEGER), "
        "the store has DATE"
    ]
    assert optional == ["activities.title: tables.py says optional, the store has it NOT NULL"]
    assert one_area == [
        "activities.framework_area: tables.py says kind enum (stored as VARCHAR), "
        "the store has VARCHAR[]"
    ]
    assert three_decimals == [
        "staff_time.hours: tables.py keeps 3 decimals, the store keeps 2 (DECIMAL(7,2))"
    ]
    fewer_levels = _changed(activities, "level", choices={"regional": ref.LEVELS["regional"]})
    assert schema_differences(schemas.schema_for(activities), fewer_levels) == [
        f"activities.level (schema activities): tables.py allows ['regional'], "
        f"the schema {list(ref.LEVELS)}"
    ]
    required_url = _changed(activities, "url", required=True)
    assert schema_differences(schemas.schema_for(activities), required_url) == [
        "activities.url (schema activities): tables.py says required, the schema has nullable=True"
    ]
