"""Check a read file against its table's contract and report every problem at once.

Order matters for the messages: headers first (a missing column makes row checks
meaningless), then each cell's type (parsing.py), then the pandera rules (schemas.py), then
rules across rows and against the store. A cell gets at most one error, the first found.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

import pandas as pd
import pandera.pandas as pa_
import pyarrow as pa
import pyarrow.compute as pc

from uccn_data import reference as ref
from uccn_data.parsing import parse_column
from uccn_data.privacy import has_personal_number
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
    "sdg": pa.string(),
    "url": pa.string(),
    "amount": pa.float64(),
    "currency": pa.string(),
}
# (v2) The types of the columns the store derives at import.
DERIVED_TYPES: dict[str, pa.DataType] = {
    "partner_uccn_cities": pa.list_(pa.string()),
    "partner_members": pa.list_(pa.bool_()),
    "amount_original": pa.float64(),
}


def arrow_type(column: Column) -> pa.DataType:
    """The Arrow type a file column is kept with: a list of its kind for a list column."""
    base = ARROW_TYPES[column.kind]
    return pa.list_(base) if column.many else base


def stored_types(table: Table) -> dict[str, pa.DataType]:
    """Every stored column of a table and its Arrow type, in the store's order."""
    types: dict[str, pa.DataType] = {}
    for column in table.columns:
        types[column.name] = arrow_type(column)
        for companion in column.companions:
            types[companion] = pa.string()
    for name in table.derived:
        types[name] = DERIVED_TYPES[name]
    return types


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
    raw: RawTable,
    table: Table,
    known_activity_ids: Iterable[str] | None = None,
    known_periods: Iterable[ref.AgreementPeriod] | None = None,
) -> CheckedFile:
    """Check a read file as `table`; `known_activity_ids` are those already in the store, and
    `known_periods` its agreement periods and reporting windows (a comment names one)."""
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
    companions: dict[str, pa.Array] = {}
    for column in table.columns:
        pos = positions.get(column.name)
        cells = raw.columns[pos] if pos is not None else pa.nulls(n, pa.string())
        if pos is not None:
            typed[column.name] = cells
        parsed = parse_column(cells, column, raw.excel_rows)
        errors.extend(parsed.problems)
        arrays[column.name] = pc.cast(parsed.values, arrow_type(column))
        companions.update(parsed.companions)
    if table.name == "spending":
        # Before the rules: the range applies to the amount in kronor, after conversion.
        errors.extend(_convert_money(arrays, companions, raw.excel_rows, typed.get("currency")))
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
        data = _stored(data, table, companions)
        return _on_sheet(CheckedFile(table, data, raw.excel_rows, errors, warnings), raw.sheet)

    errors.extend(_schema_problems(data, table, raw.excel_rows, typed, errors))
    errors.extend(_duplicate_keys(data, table, raw.excel_rows))
    # A cell gets at most one error: a country that did not parse is not also "missing".
    taken = {(p.row, p.column) for p in errors}
    errors.extend(
        p
        for p in _cross_column_rules(data, table, raw.excel_rows, companions)
        if (p.row, p.column) not in taken
    )
    if known_activity_ids is not None:
        errors.extend(_unknown_activities(data, table, raw.excel_rows, known_activity_ids))
    if known_periods is not None and table.name == "comments":
        errors.extend(
            p
            for p in _comment_periods(data, raw.excel_rows, known_periods)
            if (p.row, p.column) not in taken
        )
    warnings.extend(_personal_numbers(data, table, raw.excel_rows))
    data = _derive(data, table, companions, raw.excel_rows, errors, warnings)
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
    # An empty optional key column (a comment's year: the whole period) is a value of its
    # own, as in the store; Arrow's group and join would drop or never match nulls.
    chosen = data.select(keys)
    for k in keys:
        if not table.column(k).required:
            i = chosen.schema.get_field_index(k)
            text = pc.fill_null(pc.cast(chosen[k], pa.string()), "")
            chosen = chosen.set_column(i, k, text)
    complete = chosen.append_column("_row", excel_rows).drop_null()
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
        shown = " / ".join(str(v) for v in values if v not in ("", None))
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


# The column each table's span starts with; the end is always `end_date` (DATA_CONTRACT).
_SPAN_STARTS = {
    "activities": "start_date",
    "exchanges": "date",
    "spending": "date",
    "outcomes": "date",
}


def span_end(day: date, precision: str | None) -> date:
    """The last day a date with precision covers: `2018` ends 2018-12-31, `2018-05` 05-31."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def _cross_column_rules(
    data: pa.Table, table: Table, excel_rows: pa.Array, companions: dict[str, pa.Array]
) -> list[Problem]:
    problems: list[Problem] = []
    start_name = _SPAN_STARTS.get(table.name)
    if start_name is not None:
        problems += _end_before_start(data, start_name, excel_rows, companions)
    if table.name == "activities":
        external = pc.fill_null(pc.equal(data["lead"], "external"), False)
        missing = pc.and_(external, pc.is_null(data["lead_name"]))
        problems += [
            Problem("lead_name_required", row=row, column="lead_name")
            for row in pc.filter(excel_rows, missing).to_pylist()
        ]
    if table.name == "exchanges":
        problems += _exchange_partners(data, excel_rows)
    return problems


def _end_before_start(
    data: pa.Table, start_name: str, excel_rows: pa.Array, companions: dict[str, pa.Array]
) -> list[Problem]:
    """An end that lies before its start; `2022-05` to `2022-05` is one month, not an error."""
    before = pc.fill_null(pc.less(data["end_date"], data[start_name]), False)
    if not pc.any(before).as_py():
        return []
    precision = companions.get("end_date_precision", pa.nulls(data.num_rows, pa.string()))
    problems = []
    for row, end, start, kind in zip(
        pc.filter(excel_rows, before).to_pylist(),
        pc.filter(data["end_date"], before).to_pylist(),
        pc.filter(data[start_name], before).to_pylist(),
        pc.filter(precision, before).to_pylist(),
        strict=True,
    ):
        if span_end(end, kind) < start:
            problems.append(
                Problem(
                    "end_before_start",
                    row=row,
                    column="end_date",
                    value=end.isoformat(),
                    params={"start": start.isoformat()},
                )
            )
    return problems


def _exchange_partners(data: pa.Table, excel_rows: pa.Array) -> list[Problem]:
    """Countries for cities and regions, one for all or one per partner; a given UCCN
    membership only for a single city."""
    problems: list[Problem] = []
    for row, kind, cities, countries, member in zip(
        excel_rows.to_pylist(),
        data["partner_type"].to_pylist(),
        data["partner_city"].to_pylist(),
        data["partner_country"].to_pylist(),
        data["uccn_member"].to_pylist(),
        strict=True,
    ):
        if not cities:
            continue
        if not countries:
            if kind in ("city", "region"):
                problems.append(Problem("country_required", row=row, column="partner_country"))
        elif len(countries) not in (1, len(cities)):
            problems.append(
                Problem(
                    "country_count",
                    row=row,
                    column="partner_country",
                    value=", ".join(countries),
                    params={"countries": len(countries), "partners": len(cities)},
                )
            )
        if member is not None and len(cities) > 1:
            problems.append(Problem("uccn_member_single", row=row, column="uccn_member"))
    return problems


def _convert_money(
    arrays: dict[str, pa.Array],
    companions: dict[str, pa.Array],
    excel_rows: pa.Array,
    currency_cells: pa.Array | None,
) -> list[Problem]:
    """Settle each amount's currency (the cell's, else the currency column's, else SEK) and
    convert it to kronor with the file's rate; the amount as written is kept beside it."""
    cell_currency = companions.pop("_amount_currency")
    plain = (
        cell_currency.null_count == len(cell_currency)
        and arrays["exchange_rate"].null_count == len(arrays["exchange_rate"])
        and not pc.any(pc.not_equal(arrays["currency"], "SEK")).as_py()
        and (currency_cells is None or currency_cells.null_count == arrays["currency"].null_count)
    )
    if plain:
        # Plain kronor, the common case (and the 100,000-row benchmark): nothing to convert.
        arrays["currency"] = pc.fill_null(arrays["currency"], "SEK")
        companions["amount_original"] = arrays["amount_sek"]
        return []
    in_cell = cell_currency.to_pylist()
    given = arrays["currency"].to_pylist()
    rates = arrays["exchange_rate"].to_pylist()
    amounts = arrays["amount_sek"].to_pylist()
    written = currency_cells.to_pylist() if currency_cells is not None else [None] * len(given)
    problems: list[Problem] = []
    currencies: list[str] = []
    sek: list[float | None] = []
    used_rates: list[float | None] = []
    for row, cell, column, rate, amount, text in zip(
        excel_rows.to_pylist(), in_cell, given, rates, amounts, written, strict=True
    ):
        if column is None and text is not None:
            # An unknown currency already has its error; guessing kronor would add a wrong one.
            currencies.append("SEK")
            used_rates.append(rate)
            sek.append(None)
            continue
        currency = cell or column or "SEK"
        if cell and column and cell != column:
            problems.append(
                Problem(
                    "currency_conflict",
                    row=row,
                    column="currency",
                    value=column,
                    params={"in_cell": cell, "given": column},
                )
            )
        if currency != "SEK" and rate is None:
            problems.append(
                Problem(
                    "exchange_rate_required",
                    row=row,
                    column="exchange_rate",
                    params={"currency": currency},
                )
            )
        if currency != "SEK" and rate is not None and rate <= 0:
            # A rate of 0 would turn every amount into nothing: never stored silently wrong.
            problems.append(
                Problem(
                    "exchange_rate_not_positive", row=row, column="exchange_rate", value=str(rate)
                )
            )
            rate = None
        # (An amount already refused may have named its currency: no second guess about it.)
        if currency == "SEK" and rate is not None and amount is not None:
            problems.append(
                Problem("exchange_rate_for_sek", row=row, column="exchange_rate", value=str(rate))
            )
        currencies.append(currency)
        used_rates.append(rate if currency != "SEK" else None)
        if amount is None or currency == "SEK":
            sek.append(amount)
        else:
            sek.append(
                float(round(Decimal(str(amount)) * Decimal(str(rate or 0)), 2)) if rate else None
            )
    companions["amount_original"] = arrays["amount_sek"]
    arrays["amount_sek"] = pa.array(sek, pa.float64())
    arrays["currency"] = pa.array(currencies, pa.string())
    arrays["exchange_rate"] = pa.array(used_rates, pa.float64())
    return problems


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


def _comment_periods(
    data: pa.Table, excel_rows: pa.Array, known: Iterable[ref.AgreementPeriod]
) -> list[Problem]:
    """A comment names a period the store holds, and a year within it (or none)."""
    periods = {p.period_id: p for p in known}
    allowed = ", ".join(periods) or "–"
    problems: list[Problem] = []
    rows = zip(
        excel_rows.to_pylist(),
        data["period"].to_pylist(),
        data["year"].to_pylist(),
        strict=True,
    )
    for row, period_id, year in rows:
        if period_id is None:
            continue
        period = periods.get(period_id)
        if period is None:
            problems.append(
                Problem(
                    "unknown_period", row=row, column="period", value=period_id,
                    params={"allowed": allowed},
                )
            )  # fmt: skip
        elif year is not None and year not in period.years:
            problems.append(
                Problem(
                    "year_outside_period", row=row, column="year", value=str(year),
                    params={
                        "period": period_id,
                        "first": period.start.year,
                        "last": period.end.year,
                    },
                )
            )  # fmt: skip
    return problems


# Rows named in a personal-number warning; the rest are counted.
PERSONAL_NUMBER_ROWS = 10


def _personal_numbers(data: pa.Table, table: Table, excel_rows: pa.Array) -> list[Problem]:
    """One warning per free-text column holding what looks like a personal identity number
    (a sole trader's company name, a contact person in a description), naming its rows.

    The number is imported, and masked wherever viewers see it (privacy.py); the warning is
    there so that the coordinator can take it out of the file when it is not needed."""
    found: list[Problem] = []
    rows = excel_rows.to_pylist()
    for column in table.columns:
        if column.kind != "text" or column.name not in data.column_names:
            continue
        cells = data[column.name]
        texts = pc.list_flatten(cells) if pa.types.is_list(cells.type) else cells
        if not pc.any(pc.match_substring_regex(texts, r"[0-9]{6}")).as_py():
            continue  # the usual case, answered without a loop over the cells
        hits = [
            (row, value)
            for row, value in zip(rows, cells.to_pylist(), strict=True)
            if value is not None
            and any(has_personal_number(v) for v in (value if isinstance(value, list) else [value]))
        ]
        if not hits:
            continue
        first_row, first_value = hits[0]
        named = ", ".join(str(row) for row, _ in hits[:PERSONAL_NUMBER_ROWS])
        more = len(hits) - PERSONAL_NUMBER_ROWS
        where = ref.Label(
            f"rad {named}" + (f" och {more} till" if more > 0 else ""),
            f"{'rows' if len(hits) > 1 else 'row'} {named}"
            + (f" and {more} more" if more > 0 else ""),
        )
        shown = "; ".join(first_value) if isinstance(first_value, list) else first_value
        found.append(
            Problem(
                "personal_number",
                row=first_row,
                column=column.name,
                value=shown,
                params={"rows": where},
            )
        )
    return found


def _derive(
    data: pa.Table,
    table: Table,
    companions: dict[str, pa.Array],
    excel_rows: pa.Array,
    errors: list[Problem],
    warnings: list[Problem],
) -> pa.Table:
    """Fill what the contract derives, then give the rows every stored column: each partner
    city's UCCN membership (true, or unknown; never false unless the file says so), the
    UCCN cities named among an activity's partners."""
    if table.name == "exchanges" and data.num_rows:
        members, unknown = _partner_members(data, excel_rows)
        companions["partner_members"] = members
        warnings.extend(unknown)
        data = _expand_countries(data)
    if table.name == "activities" and data.num_rows:
        companions["partner_uccn_cities"] = pa.array(
            [
                ref.uccn_cities_named(text) if text else None
                for text in data["partners"].to_pylist()
            ],
            pa.list_(pa.string()),
        )
    return _stored(data, table, companions)


def _partner_members(data: pa.Table, excel_rows: pa.Array) -> tuple[pa.Array, list[Problem]]:
    lists: list[list[bool | None] | None] = []
    unknown: list[Problem] = []
    for row, kind, cities, countries, given in zip(
        excel_rows.to_pylist(),
        data["partner_type"].to_pylist(),
        data["partner_city"].to_pylist(),
        data["partner_country"].to_pylist(),
        data["uccn_member"].to_pylist(),
        strict=True,
    ):
        if kind != "city" or not cities:
            lists.append(None)
            continue
        if given is not None and len(cities) == 1:
            lists.append([given])
            continue
        countries = countries or [None]
        per_city = countries if len(countries) == len(cities) else [countries[0]] * len(cities)
        found = [ref.is_uccn_city(c, k or "") for c, k in zip(cities, per_city, strict=True)]
        lists.append(found)
        missing = [c for c, m in zip(cities, found, strict=True) if m is None]
        if missing:
            unknown.append(
                Problem(
                    "uccn_unknown",
                    row=row,
                    column="partner_city",
                    value=", ".join(missing),
                    params={"cities": ", ".join(missing)},
                )
            )
    return pa.array(lists, pa.list_(pa.bool_())), unknown


def _expand_countries(data: pa.Table) -> pa.Table:
    """One country per partner: "Norge" for Bergen and Trondheim is stored as [NO, NO]."""
    expanded = [
        countries * len(cities) if countries and cities and len(countries) == 1 else countries
        for cities, countries in zip(
            data["partner_city"].to_pylist(), data["partner_country"].to_pylist(), strict=True
        )
    ]
    index = data.column_names.index("partner_country")
    return data.set_column(index, "partner_country", pa.array(expanded, pa.list_(pa.string())))


def _stored(data: pa.Table, table: Table, companions: dict[str, pa.Array]) -> pa.Table:
    """The rows with every stored column in the store's order (missing ones empty)."""
    types = stored_types(table)
    columns = []
    for name, kind in types.items():
        if name in data.column_names:
            columns.append(pc.cast(data[name], kind))
        elif name in companions:
            columns.append(pc.cast(companions[name], kind))
        else:
            columns.append(pa.nulls(data.num_rows, kind))
    return pa.table(columns, names=list(types))
