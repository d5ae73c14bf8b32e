"""Check a read file against its table's contract and report every problem at once.

Order matters for the messages: headers first (a missing column makes row checks
meaningless), then each cell's type (parsing.py), then the pandera rules (schemas.py), then
rules across rows and against the store. A cell gets at most one error, the first found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd
import pandera.pandas as pa_
import pyarrow as pa
import pyarrow.compute as pc

from uccn_data import reference as ref
from uccn_data.parsing import parse_column
from uccn_data.problems import Problem
from uccn_data.reader import RawTable
from uccn_data.schemas import CHECK_CODES, SCHEMAS
from uccn_data.tables import TABLES, Column, Table, header_aliases
from uccn_data.text import match_key

# Arrow type each column kind is stored with; the store's DDL uses the same.
ARROW_TYPES: dict[str, pa.DataType] = {
    "id": pa.string(),
    "text": pa.string(),
    "enum": pa.string(),
    "municipality": pa.string(),
    "date": pa.date32(),
    "month": pa.date32(),
    "integer": pa.int64(),
    "decimal": pa.float64(),
    "boolean": pa.bool_(),
    "list": pa.list_(pa.string()),
    "org_number": pa.string(),
    "country": pa.string(),
}


@dataclass
class CheckedFile:
    """The outcome of checking one file: typed rows if it is clean, and all problems."""

    table: Table
    data: pa.Table
    excel_rows: pa.Array
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def n_rows(self) -> int:
        return int(self.data.num_rows)


def fold_header(text: str) -> str:
    """`" Aktivitet ID "` -> `"aktivitet_id"`: headers match trimmed, in any case, in any
    Unicode form and with any kind of space (text.match_key)."""
    return match_key(text).replace(" ", "_")


def recognise_table(headers: Iterable[str]) -> Table | None:
    """The table whose columns a header row names best; None if no table's required columns
    are all there (the user must then choose)."""
    folded = {fold_header(h) for h in headers}
    best: tuple[float, Table] | None = None
    for table in TABLES.values():
        aliases = header_aliases(table)
        matched = {aliases[h] for h in folded if h in aliases}
        required = {c.name for c in table.columns if c.required}
        if not required <= matched:
            continue
        score = len(matched) / len(table.columns) - len(folded - set(aliases)) * 0.01
        if best is None or score > best[0]:
            best = (score, table)
    return best[1] if best else None


def check(
    raw: RawTable, table: Table, known_activity_ids: Iterable[str] | None = None
) -> CheckedFile:
    """Check a read file as `table`; `known_activity_ids` are those already in the store."""
    aliases = header_aliases(table)
    # The reader names a cell's column as the header was written; messages use the
    # contract's name, as for every other problem.
    errors: list[Problem] = [
        replace(p, column=aliases.get(fold_header(p.column), p.column)) if p.column else p
        for p in raw.problems
    ]
    warnings: list[Problem] = list(raw.notices)
    positions = _map_headers(raw.headers, table, raw.columns, errors, warnings)
    n = raw.n_rows
    if n == 0 and not errors:
        errors.append(Problem("no_rows"))

    arrays: dict[str, pa.Array] = {}
    # The cells as typed, kept as Arrow arrays: a pandera failure names a few cells, and
    # turning 100,000 rows into Python objects up front cost memory and time for nothing.
    typed: dict[str, pa.Array] = {}
    for column in table.columns:
        pos = positions.get(column.name)
        cells = raw.columns[pos] if pos is not None else pa.nulls(n, pa.string())
        if pos is not None:
            typed[column.name] = cells
        parsed = parse_column(cells, column, raw.excel_rows)
        errors.extend(parsed.problems)
        arrays[column.name] = pc.cast(parsed.values, ARROW_TYPES[column.kind])
    data = pa.table(arrays)
    if any(p.code == "missing_column" for p in errors):
        # Columns missing often means the wrong table was chosen: say which one fits.
        fits = recognise_table(raw.headers)
        if fits is not None and fits.name != table.name:
            hint = Problem(
                "looks_like_table",
                row=1,
                params={"alias": fits.alias, "name": fits.name, "chosen": table.alias},
            )
            errors.insert(0, hint)
        return _on_sheet(CheckedFile(table, data, raw.excel_rows, errors, warnings), raw.sheet)

    errors.extend(_schema_problems(data, table, raw.excel_rows, typed, errors))
    errors.extend(_duplicate_keys(data, table, raw.excel_rows))
    errors.extend(_cross_column_rules(data, table, raw.excel_rows))
    if known_activity_ids is not None:
        errors.extend(_unknown_activities(data, table, raw.excel_rows, known_activity_ids))
    data = _derive(data, table)
    errors.sort(key=lambda p: (p.row or 0, _column_order(table, p.column)))
    return _on_sheet(CheckedFile(table, data, raw.excel_rows, errors, warnings), raw.sheet)


def _on_sheet(checked: CheckedFile, sheet: str | None) -> CheckedFile:
    """Every problem of an `.xlsx` names the sheet that was read."""
    if sheet is not None:
        checked.errors = [replace(p, sheet=sheet) for p in checked.errors]
        checked.warnings = [replace(p, sheet=sheet) for p in checked.warnings]
    return checked


def _column_order(table: Table, name: str | None) -> int:
    return table.column_names.index(name) if name in table.column_names else -1


def _map_headers(
    headers: list[str],
    table: Table,
    columns: list[pa.Array],
    errors: list[Problem],
    warnings: list[Problem],
) -> dict[str, int]:
    aliases = header_aliases(table)
    positions: dict[str, int] = {}
    for i, header in enumerate(headers):
        name = aliases.get(fold_header(header))
        if name is None:
            if not header.strip():
                if pc.any(pc.is_valid(columns[i])).as_py():
                    warnings.append(Problem("empty_header", row=1, column=None, value=""))
                continue
            warnings.append(Problem("unknown_column", row=1, column=header, value=header))
        elif name in positions:
            errors.append(Problem("duplicate_column", row=1, column=name, value=header))
        else:
            positions[name] = i
    for column in table.columns:
        if column.required and column.name not in positions:
            errors.append(
                Problem(
                    "missing_column",
                    row=1,
                    column=column.name,
                    params={"name": column.name, "alias": column.alias},
                )
            )
    return positions


def to_pandas(data: pa.Table) -> pd.DataFrame:
    """Typed pandas frame for pandera: dates as timestamps, nullable ints and booleans."""
    frame: pd.DataFrame = data.to_pandas(
        date_as_object=False,
        types_mapper={pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}.get,
    )
    return frame


def _schema_problems(
    data: pa.Table,
    table: Table,
    excel_rows: pa.Array,
    typed: dict[str, pa.Array],
    earlier: list[Problem],
) -> list[Problem]:
    """pandera's verdict, each failure on its Excel row with the text the person typed."""
    schema = SCHEMAS[table.name]
    try:
        schema.validate(to_pandas(data), lazy=True)
        return []
    except pa_.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    seen = {(p.row, p.column) for p in earlier}
    rows = excel_rows.to_pylist()
    problems: list[Problem] = []
    for case in cases.itertuples(index=False):
        index = case.index
        position = int(index) if isinstance(index, (int, float)) and not pd.isna(index) else None
        row = rows[position] if position is not None else None
        column_name = str(case.column) if case.column is not None else None
        if (row, column_name) in seen:
            continue  # the cell already has its error (it did not parse)
        seen.add((row, column_name))
        check_name = str(case.check).split("(")[0]
        column = table.column(column_name) if column_name in table.column_names else None
        typed_cells = typed.get(column_name or "")
        value = (
            typed_cells[position].as_py()
            if position is not None and typed_cells is not None
            else None
        )
        problems.append(_problem_for_check(check_name, row, column, value, case.failure_case))
    return problems


def _problem_for_check(
    check_name: str, row: int | None, column: Column | None, typed: object, value: object
) -> Problem:
    code = CHECK_CODES.get(check_name, "invalid_value")
    name = column.name if column else None
    params: dict[str, object] = {}
    if code == "too_long":
        params = {"length": len(str(value)), "limit": column.max_length if column else ""}
    elif code == "below_minimum":
        params = {"limit": _number(column.minimum if column else None, column)}
    elif code in ("above_maximum", "not_below_maximum"):
        params = {"limit": _number(column.maximum if column else None, column)}
    elif code == "invalid_value":
        params = {"detail": check_name}
    if typed is not None:
        shown: str | None = str(typed)
    elif value is None or (not isinstance(value, (list, tuple)) and _missing(value)):
        shown = None
    else:
        shown = _value_text(value)
    return Problem(code, row=row, column=name, value=shown, params=params)


def _missing(value: object) -> bool:
    """True for None, NaN and pandas' NA (which cannot be compared with itself)."""
    return bool(pd.isna(value))  # type: ignore[call-overload]


def _value_text(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: float | None, column: Column | None) -> str:
    """A limit as a Swede writes it: amounts `100 000 000`, years `2010`."""
    if value is None:
        return ""
    if not float(value).is_integer():
        return str(value).replace(".", ",")
    if column is not None and column.kind == "integer":
        return str(int(value))
    return f"{value:,.0f}".replace(",", " ")


def _duplicate_keys(data: pa.Table, table: Table, excel_rows: pa.Array) -> list[Problem]:
    keys = list(table.key)
    if len(keys) == 1:
        # The usual case, a single key with no repeats, is settled by one distinct count.
        column = data[keys[0]]
        if pc.count_distinct(column).as_py() == len(column) - column.null_count:
            return []
    complete = data.select(keys).append_column("_row", excel_rows).drop_null()
    # Count in Arrow first: the Python loop below then only sees the (rare) duplicates.
    counts = complete.group_by(keys).aggregate([("_row", "count")])
    repeated = counts.filter(pc.greater(counts["_row_count"], 1))
    if repeated.num_rows == 0:
        return []
    dups = complete.join(repeated.select(keys), keys, join_type="inner")
    seen: dict[tuple[object, ...], list[int]] = {}
    for record in dups.to_pylist():
        seen.setdefault(tuple(record[k] for k in keys), []).append(record["_row"])
    problems: list[Problem] = []
    for values, rows in seen.items():
        rows.sort()
        shown = " / ".join(str(v) for v in values)
        for row in rows:
            others = ", ".join(str(r) for r in rows if r != row)
            problems.append(
                Problem(
                    "duplicate_key",
                    row=row,
                    column=table.key[0],
                    value=shown,
                    params={"key": shown, "other_rows": others},
                )
            )
    return problems


def _cross_column_rules(data: pa.Table, table: Table, excel_rows: pa.Array) -> list[Problem]:
    if table.name != "activities":
        return []
    before = pc.fill_null(pc.less(data["end_date"], data["start_date"]), False)
    if not pc.any(before).as_py():
        return []
    rows = pc.filter(excel_rows, before).to_pylist()
    ends = pc.filter(data["end_date"], before).to_pylist()
    starts = pc.filter(data["start_date"], before).to_pylist()
    return [
        Problem(
            "end_before_start",
            row=row,
            column="end_date",
            value=end.isoformat(),
            params={"start": start.isoformat()},
        )
        for row, end, start in zip(rows, ends, starts, strict=True)
    ]


def _unknown_activities(
    data: pa.Table, table: Table, excel_rows: pa.Array, known: Iterable[str]
) -> list[Problem]:
    if "activity_id" not in table.column_names or table.name == "activities":
        return []
    ids = data["activity_id"]
    known_array = pa.array(sorted(set(known)), pa.string())
    unknown = pc.and_(pc.is_valid(ids), pc.invert(pc.is_in(ids, value_set=known_array)))
    if not pc.any(unknown).as_py():
        return []
    rows = pc.filter(excel_rows, unknown).to_pylist()
    values = pc.filter(ids, unknown).to_pylist()
    return [
        Problem("unknown_activity", row=row, column="activity_id", value=value)
        for row, value in zip(rows, values, strict=True)
    ]


def _derive(data: pa.Table, table: Table) -> pa.Table:
    """Fill what the contract derives: UCCN membership from the reference list when empty."""
    if table.name != "exchanges":
        return data
    given = data["uccn_member"].to_pylist()
    cities = data["partner_city"].to_pylist()
    countries = data["partner_country"].to_pylist()
    derived = [
        g if g is not None else (ref.is_uccn_city(c, k) if c and k else None)
        for g, c, k in zip(given, cities, countries, strict=True)
    ]
    index = data.column_names.index("uccn_member")
    return data.set_column(index, "uccn_member", pa.array(derived, pa.bool_()))
