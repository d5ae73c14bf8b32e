"""One pandera schema per uploadable table, made from its description in tables.py.

Values arrive here already typed (see parsing.py), so these schemas check rules, not types:
required columns, allowed keys, ranges, lengths, the shape of ids. Rules that need more
than one row or the store (unique keys, references, end after start) live in validation.py.
The schemas are built from `tables.TABLES`, so a column's rule is written once and cannot
drift between the contract's description and the check.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from uccn_data import reference as ref
from uccn_data.tables import TABLES, Column, Table

ID_PATTERN = r"^[A-Za-z0-9._-]{1,40}$"

# The pandas type each column kind has after validation.to_pandas.
_DTYPES: dict[str, object] = {
    "id": str,
    "text": str,
    "enum": str,
    "municipality": str,
    "date": "datetime64[ns]",
    "month": "datetime64[ns]",
    "integer": pd.Int64Dtype(),
    "decimal": float,
    "amount": float,
    "boolean": pd.BooleanDtype(),
    "list": object,
    "org_number": str,
    "country": str,
    "sdg": str,
    "url": str,
    "currency": str,
}


def _checks(column: Column) -> list[pa.Check]:
    """The rules of one column beyond its type (a list's items are checked while parsing)."""
    if column.many:
        return []
    checks: list[pa.Check] = []
    match column.kind:
        case "id":
            checks.append(pa.Check.str_matches(ID_PATTERN))
        case "org_number":
            checks.append(pa.Check.str_matches(r"^\d{10}$"))
        case "country":
            checks.append(pa.Check.str_matches(r"^[A-Z]{2}$"))
        case "enum" if column.choices is not None:
            checks.append(pa.Check.isin(list(column.choices)))
        case "municipality":
            allowed = [*ref.MUNICIPALITY_CODES, *(["other"] if column.allow_other else [])]
            checks.append(pa.Check.isin(allowed))
    if column.max_length is not None and column.kind in ("text", "url"):
        checks.append(pa.Check.str_length(max_value=column.max_length))
    if column.minimum is not None:
        checks.append(pa.Check.ge(column.minimum))
    if column.maximum is not None:
        check = pa.Check.lt if column.maximum_exclusive else pa.Check.le
        checks.append(check(column.maximum))
    return checks


def schema_for(table: Table) -> pa.DataFrameSchema:
    """The pandera schema of a file's columns (companions and derived columns excluded)."""
    return pa.DataFrameSchema(
        {
            c.name: pa.Column(
                object if c.many else _DTYPES[c.kind],
                checks=_checks(c),
                nullable=not c.required,
                coerce=not c.many,
            )
            for c in table.columns
        },
        strict=True,
        name=table.name,
    )


SCHEMAS: dict[str, pa.DataFrameSchema] = {name: schema_for(t) for name, t in TABLES.items()}

# pandera's check names -> our problem codes (see problems.py for the words).
CHECK_CODES: dict[str, str] = {
    "not_nullable": "required",
    "str_matches": "bad_id",
    "str_length": "too_long",
    "greater_than_or_equal_to": "below_minimum",
    "less_than_or_equal_to": "above_maximum",
    "less_than": "not_below_maximum",
    "isin": "invalid_value",
}
