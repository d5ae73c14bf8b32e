"""Text cells -> typed values, column by column, with every unreadable cell named.

This runs before pandera on purpose: pandera keeps a whole column as text when one value
fails coercion and then reports one vague error; here each bad cell becomes its own problem
with its Excel row. The work is vectorised with Arrow compute so 100,000 rows stay fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from uccn_data import reference as ref
from uccn_data.countries import country_code
from uccn_data.problems import Problem
from uccn_data.reference import Label
from uccn_data.tables import Column
from uccn_data.text import match_key, match_keys

# Spaces that Swedish Excel puts between thousands: plain, no-break and narrow no-break.
_SPACES = r"[ \x{00a0}\x{202f}\x{2009}]"
_NULL_STRING = pa.scalar(None, pa.string())


@dataclass
class Parsed:
    """A typed column, the problems found while reading it, and (v2) the values that go
    beside it: a date's precision, an approximate count's kind, an amount's currency."""

    values: pa.Array
    problems: list[Problem]
    companions: dict[str, pa.Array] = field(default_factory=dict)


def parse_column(cells: pa.Array, column: Column, excel_rows: pa.Array) -> Parsed:
    """Parse one column of text cells into the type its contract column asks for."""
    if len(cells) and cells.null_count == len(cells):
        return _all_empty(column, len(cells))
    trimmed = pc.utf8_trim_whitespace(cells)
    companions: dict[str, pa.Array] = {}
    if column.approximate:
        trimmed, approx = _approximation(trimmed)
        companions[f"{column.name}_approx"] = approx
    if column.precision:
        values, bad, details, precision = _date_with_precision(trimmed)
        companions[f"{column.name}_precision"] = precision
    elif column.many:
        values, bad, details = _list_of(trimmed, column)
    elif column.kind == "amount":
        values, bad, details, currency = _amount(trimmed, column)
        companions["_amount_currency"] = currency  # settled with the currency column
    else:
        values, bad, details = _PARSERS[column.kind](trimmed, column)
    if column.default is not None and column.kind == "enum":
        values = pc.fill_null(values, column.default)
    problems: list[Problem] = []
    if bad is not None and pc.any(bad).as_py():
        code, params = _bad_code(column)
        rows = pc.filter(excel_rows, bad).to_pylist()
        raw = pc.filter(cells, bad).to_pylist()
        for i, (row, value) in enumerate(zip(rows, raw, strict=True)):
            detail = details[i] if details is not None else {}
            problems.append(
                Problem(
                    str(detail.get("code", code)),
                    row=row,
                    column=column.name,
                    value=value,
                    params={**params, **{k: v for k, v in detail.items() if k != "code"}},
                )
            )
    return Parsed(values, problems, companions)


# The type each kind parses to, for a column left empty (most optional v2 columns are).
_EMPTY_TYPES: dict[str, pa.DataType] = {
    "date": pa.date32(), "month": pa.date32(), "integer": pa.int64(), "decimal": pa.float64(),
    "amount": pa.float64(), "boolean": pa.bool_(), "list": pa.list_(pa.string()),
}  # fmt: skip


def _all_empty(column: Column, n: int) -> Parsed:
    """An empty column needs no parsing (a file's optional columns often are): nulls of the
    column's type, its default where it has one, and empty companions."""
    kind = _EMPTY_TYPES.get(column.kind, pa.string())
    values = pa.nulls(n, pa.list_(kind) if column.many else kind)
    if column.default is not None and column.kind == "enum":
        values = pc.fill_null(pa.nulls(n, pa.string()), column.default)
    companions = {name: pa.nulls(n, pa.string()) for name in column.companions}
    if column.kind == "amount":
        companions["_amount_currency"] = pa.nulls(n, pa.string())
    return Parsed(values, [], companions)


def _bad_code(column: Column) -> tuple[str, dict[str, object]]:
    match column.kind:
        case "enum":
            assert column.choices is not None
            return "bad_enum", {
                "allowed": Label(
                    ", ".join(f"{label.sv} ({key})" for key, label in column.choices.items()),
                    ", ".join(f"{label.en} ({key})" for key, label in column.choices.items()),
                )
            }
        case "municipality":
            names = ", ".join(ref.MUNICIPALITY_CODES.values())
            places = ", ".join(label.sv.lower() for label in ref.PLACES.values())
            return "bad_municipality", {
                "allowed": names
                + (", annan" if column.allow_other else "")
                + (f", {places}" if column.many else "")
            }
        case "country":
            # Also the words of a list item that is not a country ("bad_list_item").
            return "bad_country", {
                "allowed": Label(
                    "landskod (t.ex. NO) eller landets namn på svenska eller engelska",
                    "a country code (e.g. NO) or the country's Swedish or English name",
                )
            }
        case "sdg":
            return "bad_sdg", {
                "allowed": Label(
                    "målets nummer 1–17 eller ett delmål (8.9)", "a goal 1–17 or a target (8.9)"
                )
            }
        case kind:
            return {
                "date": "bad_date",
                "month": "bad_month",
                "integer": "bad_integer",
                "decimal": "bad_decimal",
                "boolean": "bad_boolean",
                "list": "bad_sdg11",
                "org_number": "bad_org_number",
                "country": "bad_country",
                "sdg": "bad_sdg",
                "url": "bad_url",
                "amount": "bad_decimal",
                "currency": "bad_currency",
            }.get(kind, "invalid_value"), {}


# A parser returns the typed values, a mask of cells that did not parse, and optionally,
# for each of those cells in order, what exactly was wrong ({"code": ..., other params}).
Details = list[dict[str, object]] | None
Parser = Callable[[pa.Array, Column], tuple[pa.Array, pa.Array | None, Details]]


def _text(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    # Our exports write `'=...` so Excel shows formula-like text as text; take the mark off
    # again so that an exported file imports unchanged.
    return pc.replace_substring_regex(cells, r"^'([=+\-@'])", r"\1"), None, None


def _bad(values: pa.Array, cells: pa.Array) -> pa.Array:
    """Cells that hold something but did not parse."""
    return pc.and_(pc.is_valid(cells), pc.is_null(values))


def _fold(cells: pa.Array) -> pa.Array:
    return match_keys(cells)


@cache
def _choice_lookup(column: Column) -> tuple[pa.Array, pa.Array]:
    """Folded accepted spellings -> canonical key, for one enum column."""
    mapping: dict[str, str] = {}
    if column.kind == "municipality":
        for code, name in ref.MUNICIPALITY_CODES.items():
            genitive = name if name.endswith(("s", "e", "a")) else name + "s"
            for spelling in (code, name, f"{name} kommun", f"{genitive} kommun"):
                mapping[match_key(spelling)] = code
        if column.allow_other:
            mapping.update({"other": "other", "annan": "other", "övrig": "other"})
        if column.many:  # (v2) an activity may also cover the county, or happen elsewhere
            for key, label in ref.PLACES.items():
                for spelling in (key, label.sv, label.en):
                    mapping[match_key(spelling)] = key
            mapping.update({"länet": "county", "utanför länet": "outside_county"})
    else:
        assert column.choices is not None
        for key, label in column.choices.items():
            for spelling in (key, label.sv, label.en):
                mapping[match_key(spelling)] = key
        extra_key = {
            "framework_area": "framework_area",
            "theme": "theme",
            "lead": "lead",
            "funder": "funder",
            "organisation": "organisation",
            "size_class": "size_class",
            "sector": "sector",
            "party_role": "party_role",
            "kind": "kind",
            "partner_type": "partner_type",
        }.get(column.name)
        if extra_key:
            for spelling, key in ref.EXTRA_ALIASES.get(extra_key, {}).items():
                if key in column.choices:  # `kind` means one thing in spending, another in outcomes
                    mapping[match_key(spelling)] = key
    return pa.array(list(mapping.keys()), pa.string()), pa.array(
        list(mapping.values()), pa.string()
    )


def _enum(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    spellings, keys = _choice_lookup(column)
    # A column of a few distinct words: fold and look up each word once, then spread.
    distinct = pc.unique(cells)
    distinct_keys = pc.take(keys, pc.index_in(_fold(distinct), value_set=spellings))
    values = pc.take(distinct_keys, pc.index_in(cells, value_set=distinct))
    return values, _bad(values, cells), None


_DATE_RE = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$"


def _date(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    # A file has few distinct dates (a few thousand at most): parse each once.
    distinct = pc.unique(cells)
    parsed = _parse_dates(distinct)
    values = pc.take(parsed, pc.index_in(cells, value_set=distinct))
    return values, _bad(values, cells), None


def _parse_dates(cells: pa.Array) -> pa.Array:
    shaped = pc.match_substring_regex(cells, _DATE_RE)
    day = pc.if_else(shaped, pc.utf8_slice_codeunits(cells, 0, 10), _NULL_STRING)
    # Years outside 1900–2100 are typing mistakes (2923 for 2023) in this follow-up, and
    # pandas could not hold them as timestamps anyway.
    plausible = pc.match_substring_regex(day, r"^(19|20)\d\d-|^2100-")
    day = pc.if_else(plausible, day, _NULL_STRING)
    stamps = pc.strptime(day, format="%Y-%m-%d", unit="s", error_is_null=True)
    # Arrow rolls 2023-02-30 over to 2023-03-02; a date that does not exist is an error.
    real = pc.equal(pc.strftime(stamps, format="%Y-%m-%d"), day)
    return pc.if_else(real, pc.cast(stamps, pa.date32()), pa.scalar(None, pa.date32()))


def _month(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    # A real Excel date in a month column ("2023-04-01") names its month too.
    is_month = pc.match_substring_regex(cells, r"^\d{4}-\d{1,2}$")
    padded = pc.replace_substring_regex(cells, r"^(\d{4})-(\d)$", r"\1-0\2")
    as_day = pc.if_else(is_month, pc.binary_join_element_wise(padded, "01", "-"), cells)
    values, _, _ = _date(as_day, column)
    values = pc.if_else(
        pc.is_valid(values),
        pc.cast(pc.floor_temporal(pc.cast(values, pa.timestamp("s")), unit="month"), pa.date32()),
        pa.scalar(None, pa.date32()),
    )
    return values, _bad(values, cells), None


def _numeric_text(cells: pa.Array) -> pa.Array:
    """Drop thousands spaces, a trailing `kr`/`SEK`, and Excel's Unicode minus sign."""
    # One regex pass removes both the currency suffix and the thousands spaces.
    text = pc.replace_substring_regex(cells, r"(?i)\s*(kr|sek|:-)\.?$|" + _SPACES, "")
    return pc.replace_substring(text, "\u2212", "-")


# `1.000`, `1,000`, `12.500.000`: a dot or comma between groups of three digits reads as
# thousands in one country and as decimals in another, so it is never guessed.
_DIGIT_GROUPS = r"^[+-]?[1-9]\d{0,2}([.,]\d{3})+$"
_MANY_DIGIT_GROUPS = r"^[+-]?[1-9]\d{0,2}([.,]\d{3}){2,}$"


def _integer(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    text = _numeric_text(cells)
    ambiguous = pc.match_substring_regex(text, _DIGIT_GROUPS)
    # Excel writes a whole number typed in a number cell as "12,0" or "12.0" on export.
    shaped = pc.and_(
        pc.match_substring_regex(text, r"^[+-]?\d{1,15}([.,]0+)?$"), pc.invert(ambiguous)
    )
    digits = pc.replace_substring_regex(text, r"[.,]0+$", "")
    values = pc.cast(pc.if_else(shaped, digits, _NULL_STRING), pa.int64())
    bad = _bad(values, cells)
    return values, bad, _ambiguity_details(ambiguous, bad)


def _ambiguity_details(ambiguous: pa.Array, bad: pa.Array) -> Details:
    """Per bad cell: the digit-group message where that is the trouble, else the column's."""
    if not pc.any(pc.fill_null(ambiguous, False)).as_py():
        return None
    return [
        {"code": "ambiguous_digit_group"} if flag else {}
        for flag in pc.filter(pc.fill_null(ambiguous, False), bad).to_pylist()
    ]


def _three_decimals_ambiguous(number: str, column: Column) -> bool:
    """`1,500` in a column of at most two decimals (money): a thousands separator or a third
    decimal, never guessed (read as 1,50 kr it was stored silently wrong)."""
    limited = column.decimals is not None and column.decimals < 3
    return limited and re.fullmatch(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", number) is not None


def _decimal(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    text = _numeric_text(cells)
    # A decimal column takes a decimal point or comma (`1.5`, `1,500`), so one group is a
    # decimal part; two or more (`1.000.000`) can only be digit groups, and are not guessed.
    # Where at most two decimals are allowed (money), one group of three is not guessed either.
    pattern = _MANY_DIGIT_GROUPS
    if column.decimals is not None and column.decimals < 3:
        pattern = _DIGIT_GROUPS
    ambiguous = pc.fill_null(pc.match_substring_regex(text, pattern), False)
    shaped = pc.and_(
        pc.match_substring_regex(text, r"^[+-]?(\d{1,15}([.,]\d{1,6})?|[.,]\d{1,6})$"),
        pc.invert(ambiguous),
    )
    # The store keeps öre (two decimals); a third would be rounded away without a word.
    too_precise = (
        pc.and_(shaped, pc.match_substring_regex(text, rf"[.,]\d{{{column.decimals + 1},}}$"))
        if column.decimals is not None
        else pa.array([False] * len(text), pa.bool_())
    )
    shaped = pc.and_(shaped, pc.invert(too_precise))
    point = pc.replace_substring(text, ",", ".")
    values = pc.cast(pc.if_else(shaped, point, _NULL_STRING), pa.float64())
    bad = _bad(values, cells)
    details: Details = None
    if pc.any(pc.or_(ambiguous, pc.fill_null(too_precise, False))).as_py():
        details = [
            {"code": "ambiguous_digit_group"}
            if groups
            else {"code": "too_many_decimals", "limit": column.decimals}
            if precise
            else {}
            for groups, precise in zip(
                pc.filter(ambiguous, bad).to_pylist(),
                pc.filter(pc.fill_null(too_precise, False), bad).to_pylist(),
                strict=True,
            )
        ]
    return values, bad, details


_TRUE = ("ja", "j", "yes", "y", "true", "sant", "1", "x")
_FALSE = ("nej", "n", "no", "false", "falskt", "0")


def _boolean(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    folded = match_keys(cells)
    values = pc.if_else(
        pc.is_in(folded, pa.array(_TRUE)),
        True,
        pc.if_else(pc.is_in(folded, pa.array(_FALSE)), False, pa.scalar(None, pa.bool_())),
    )
    return values, _bad(values, cells), None


_SDG_ITEM_ALIASES = {f"11{c}": f"11.{c}" for c in "1234567abc"}


def _sdg11_list(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    values: list[list[str] | None] = []
    bad = np.zeros(len(cells), dtype=bool)
    item_problems: list[dict[str, object]] = []
    order = {code: i for i, code in enumerate(ref.SDG11_CODES)}
    for i, cell in enumerate(cells.to_pylist()):
        if cell is None:
            values.append(None)
            continue
        items = [it for it in cell.replace(";", ",").replace(",", " ").lower().split() if it]
        bare = [it.removeprefix("sdg") for it in items]
        canonical = [_SDG_ITEM_ALIASES.get(it, it) for it in bare]
        unknown = [raw for raw, it in zip(items, canonical, strict=True) if it not in order]
        if unknown:
            bad[i] = True
            item_problems.append({"items": ", ".join(unknown)})
            values.append(None)
        else:
            values.append(sorted(set(canonical), key=order.__getitem__))
    return pa.array(values, pa.list_(pa.string())), pa.array(bad), item_problems


def luhn_ok(digits: str) -> bool:
    """The Luhn check that Swedish organisation and personal identity numbers carry."""
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def normalise_org_number(text: str) -> tuple[str | None, str | None]:
    """(10-digit number, None) or (None, problem code) for one organisation number."""
    compact = "".join(text.split()).replace("+", "-")
    if compact.count("-") > 1:
        return None, "bad_org_number"
    digits = compact.replace("-", "")
    if not digits.isascii() or not digits.isdigit():
        return None, "bad_org_number"
    if "-" in compact and len(compact) - compact.index("-") != 5:
        return None, "bad_org_number"
    if len(digits) == 12 and digits[:2] in ("16", "18", "19", "20"):
        digits = digits[2:]
    elif len(digits) != 10:
        return None, "bad_org_number"
    if not luhn_ok(digits):
        return None, "org_number_checksum"
    return digits, None


def _org_number(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    values: list[str | None] = []
    bad = np.zeros(len(cells), dtype=bool)
    item_problems: list[dict[str, object]] = []
    for i, cell in enumerate(cells.to_pylist()):
        if cell is None:
            values.append(None)
            continue
        number, code = normalise_org_number(cell)
        values.append(number)
        if code:
            bad[i] = True
            item_problems.append({"code": code})
    return pa.array(values, pa.string()), pa.array(bad), item_problems


def _country(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    # Few distinct countries per file: look each up once.
    distinct = pc.unique(cells).to_pylist()
    codes = [country_code(v) if v is not None else None for v in distinct]
    positions = pc.index_in(cells, value_set=pa.array(distinct, pa.string()))
    values = pc.take(pa.array(codes, pa.string()), positions)
    return values, _bad(values, cells), None


# --- version 2 kinds ----------------------------------------------------------------------

# An approximate count as Swedish and English officials write it; the order matters (`>=`
# before `>`). Each pattern takes the words off the front, or the `+` off the end.
_APPROXIMATIONS = (
    ("at_least", r"^(?i)(minst|at least|≥|>=)\s*|\s*\+$"),
    ("over", r"^(?i)(över|fler än|mer än|more than|over|>)\s*"),
    (
        "about",
        r"^(?i)(ca\.?|c:a|cirka|circa|omkring|ungefär|runt|about|around|approx\.?|approximately|~|≈)\s*",
    ),
)


def _approximation(cells: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(the number's text, the kind of approximation or null) for every cell."""
    flags = pa.nulls(len(cells), pa.string())
    text = cells
    for flag, pattern in _APPROXIMATIONS:
        hit = pc.fill_null(pc.match_substring_regex(text, pattern), False)
        if pc.any(hit).as_py():
            flags = pc.if_else(hit, pa.scalar(flag, pa.string()), flags)
            text = pc.if_else(hit, pc.replace_substring_regex(text, pattern, ""), text)
    # `ca 250` with no number after the words is still an unreadable number, not an empty cell.
    flags = pc.if_else(pc.is_valid(cells), flags, pa.scalar(None, pa.string()))
    return text, flags


def _date_with_precision(
    cells: pa.Array,
) -> tuple[pa.Array, pa.Array | None, Details, pa.Array]:
    """A day, `YYYY-MM` or `YYYY`: its first day, and how much of it was written."""
    # A file has few distinct dates: read each once, then spread (as `_date` does).
    distinct = pc.unique(cells)
    day = _parse_dates(distinct)
    is_month = pc.fill_null(
        pc.match_substring_regex(distinct, r"^(19|20)\d\d-(0?[1-9]|1[0-2])$"), False
    )
    padded = pc.replace_substring_regex(distinct, r"^(\d{4})-(\d)$", r"\1-0\2")
    month = _parse_dates(
        pc.if_else(is_month, pc.binary_join_element_wise(padded, "01", "-"), _NULL_STRING)
    )
    is_year = pc.fill_null(pc.match_substring_regex(distinct, r"^(19\d\d|20\d\d|2100)$"), False)
    year = _parse_dates(
        pc.if_else(is_year, pc.binary_join_element_wise(distinct, "01-01", "-"), _NULL_STRING)
    )
    distinct_values = pc.coalesce(day, month, year)
    distinct_precision = pc.if_else(
        pc.is_valid(day),
        pa.scalar("day"),
        pc.if_else(
            pc.is_valid(month),
            pa.scalar("month"),
            pc.if_else(pc.is_valid(year), pa.scalar("year"), pa.scalar(None, pa.string())),
        ),
    )
    positions = pc.index_in(cells, value_set=distinct)
    values = pc.take(distinct_values, positions)
    precision = pc.take(distinct_precision, positions)
    bad = _bad(values, cells)
    wrong = int(pc.sum(pc.cast(bad, pa.int64())).as_py() or 0)
    details: Details = [{"code": "bad_date_precision"}] * wrong
    return values, bad, details, precision


_LIST_SEPARATORS = re.compile(r"[;,]")


def _list_of(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    """A list cell: each item of the column's kind, in the order written, once each."""
    texts = cells.to_pylist()
    rows: list[list[str] | None] = [
        [item.strip() for item in _LIST_SEPARATORS.split(text) if item.strip()] or None
        if text is not None
        else None
        for text in texts
    ]
    flat = pa.array([item for items in rows if items for item in items], pa.string())
    values, bad, item_details = _PARSERS[column.kind](flat, column)
    if column.max_length is not None and column.kind in ("text", "id"):
        # pandera checks a single cell's length; a list's items are checked here.
        too_long = pc.fill_null(pc.greater(pc.utf8_length(flat), column.max_length), False)
        if pc.any(too_long).as_py():
            old = iter(item_details or [])
            was_bad = bad.to_pylist() if bad is not None else [False] * len(flat)
            item_details = [
                {"code": "too_long", "length": len(text), "limit": column.max_length}
                if long
                else (next(old) if item_details else {})
                for text, long, prior in zip(
                    flat.to_pylist(), too_long.to_pylist(), was_bad, strict=True
                )
                if long or prior
            ]
            bad = pc.or_(too_long, bad) if bad is not None else too_long
    parsed = values.to_pylist()
    wrong = bad.to_pylist() if bad is not None else [False] * len(parsed)
    codes = iter(item_details or [])
    item_codes = [next(codes) if w and item_details else {} for w in wrong]
    lists: list[list[Any] | None] = []
    bad_rows: list[bool] = []
    details: list[dict[str, object]] = []
    position = 0
    for items in rows:
        if items is None:
            lists.append(None)
            bad_rows.append(False)
            continue
        span = range(position, position + len(items))
        position += len(items)
        unknown = [items[i - span.start] for i in span if wrong[i]]
        if unknown:
            lists.append(None)
            bad_rows.append(True)
            first = next(item_codes[i] for i in span if wrong[i])
            code = first.get("code") or ("bad_list_item" if len(items) > 1 else None)
            details.append(
                {**first, **({"code": code} if code else {}), "items": ", ".join(unknown)}
            )
            continue
        # Areas, themes and places are sets (written twice, counted once); cities and their
        # countries are in partner order ("Italien; Italien" for two Italian cities).
        positional = column.kind not in ("enum", "municipality", "sdg")
        seen: list[Any] = []
        for i in span:
            if positional or parsed[i] not in seen:
                seen.append(parsed[i])
        lists.append(seen)
        bad_rows.append(False)
    item_type = values.type
    return pa.array(lists, pa.list_(item_type)), pa.array(bad_rows, pa.bool_()), details


_SDG_ITEM = re.compile(r"^(?:sdg|mål|mal|goal|fn-mål)?\s*(\d{1,2})(?:\.(\d{1,2}|[a-c]))?$")


def _sdg(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    """Another goal or target than SDG 11: `4`, `SDG 8`, `Mål 8`, `8.9`, `12.a`."""
    values: list[str | None] = []
    bad: list[bool] = []
    details: list[dict[str, object]] = []
    for cell in cells.to_pylist():
        if cell is None:
            values.append(None)
            bad.append(False)
            continue
        found = _SDG_ITEM.match(match_key(cell))
        goal = int(found.group(1)) if found else 0
        if found and goal == 11:
            values.append(None)
            bad.append(True)
            details.append({"code": "sdg11_in_other_sdgs"})
        elif found and 1 <= goal <= 17:
            values.append(f"{goal}.{found.group(2)}" if found.group(2) else str(goal))
            bad.append(False)
        else:
            values.append(None)
            bad.append(True)
            details.append({})
    return pa.array(values, pa.string()), pa.array(bad, pa.bool_()), details


_URL = re.compile(r"^https?://[^\s<>\"'\\]+$", re.IGNORECASE)


def _url(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    """One `http://` or `https://` address with a host; shown as a link, never fetched."""
    values: list[str | None] = []
    for cell in cells.to_pylist():
        ok = cell is not None and bool(_URL.match(cell)) and bool(urlsplit(cell).hostname)
        values.append(cell if ok else None)
    array = pa.array(values, pa.string())
    return array, _bad(array, cells), None


@cache
def _currencies() -> dict[str, str]:
    """Folded currency spellings -> ISO 4217 code: codes from pycountry, and the words and
    signs people write in Sweden."""
    import pycountry

    found = {c.alpha_3.lower(): c.alpha_3 for c in pycountry.currencies}
    found.update(
        {
            "kr": "SEK",
            "kronor": "SEK",
            ":-": "SEK",
            "€": "EUR",
            "euro": "EUR",
            "eur": "EUR",
            "$": "USD",
            "£": "GBP",
            "nkr": "NOK",
            "dkr": "DKK",
        }
    )
    return found


def _currency(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details]:
    table = _currencies()
    values = pa.array(
        [table.get(match_key(c)) if c is not None else None for c in cells.to_pylist()],
        pa.string(),
    )
    return values, _bad(values, cells), None


# Units Swedish public bodies write after amounts: thousands and millions of kronor.
_SEK_UNITS = {
    "kr": 1, "sek": 1, ":-": 1, "kronor": 1,
    "tkr": 1_000, "ksek": 1_000, "tsek": 1_000, "tusen kr": 1_000,
    "mkr": 1_000_000, "mnkr": 1_000_000, "msek": 1_000_000, "mn kr": 1_000_000,
    "milj kr": 1_000_000, "milj. kr": 1_000_000, "miljoner kr": 1_000_000,
}  # fmt: skip
_AMOUNT = re.compile(r"^(?P<sign>[€$£])?\s*(?P<number>[+-]?[\d\s.,]*\d)\s*(?P<unit>\D.*)?$")


def _amount(cells: pa.Array, column: Column) -> tuple[pa.Array, pa.Array | None, Details, pa.Array]:
    """An amount as written, in its currency: `12 500,50`, `12 500 kr`, `250 tkr`,
    `2,4 MSEK`, `437 221 EUR`, `225 000 €`. Returns the amount in the currency's units and
    the currency the cell names (null when it names none, or only kronor without a unit)."""
    # The common case, plain kronor, stays vectorised (100,000 rows in the benchmark).
    values, bad, details = _decimal(cells, column)
    currency = pa.nulls(len(cells), pa.string())
    if bad is None or not pc.any(bad).as_py():
        return values, bad, details, currency
    fixed_values = values.to_pylist()
    fixed_currency: list[str | None] = [None] * len(cells)
    texts = cells.to_pylist()
    wrong = bad.to_pylist()
    old = iter(details or [])
    new_details: list[dict[str, object]] = []
    for i, text in enumerate(texts):
        if not wrong[i]:
            continue
        before = next(old) if details else {}
        parsed = _amount_with_unit(text, column)
        if isinstance(parsed, tuple):
            fixed_values[i], fixed_currency[i] = parsed
            wrong[i] = False
        else:
            new_details.append(parsed or before)
    return (
        pa.array(fixed_values, pa.float64()),
        pa.array(wrong, pa.bool_()),
        new_details,
        pa.array(fixed_currency, pa.string()),
    )


def _amount_with_unit(text: str, column: Column) -> tuple[float, str] | dict[str, object]:
    """(amount, currency) for a cell with a unit or a currency, or what is wrong with it."""
    found = _AMOUNT.match(" ".join(text.split()))
    if not found:
        return {}
    unit = match_key((found.group("unit") or "").rstrip("."))
    sign = found.group("sign")
    multiplier, currency = 1, None
    if unit in _SEK_UNITS:
        multiplier, currency = _SEK_UNITS[unit], "SEK"
    elif unit:
        currency = _currencies().get(unit)
        if currency is None:
            return {"code": "bad_amount_unit", "unit": found.group("unit")}
    if sign:
        currency = _currencies()[sign] if currency is None else currency
    number = found.group("number").replace(" ", "")
    if re.fullmatch(r"[+-]?[1-9]\d{0,2}([.,]\d{3}){2,}", number):
        return {"code": "ambiguous_digit_group"}
    # `1,500 kr` or `12.000 EUR`: thousands in one country, a third decimal in another. Only a
    # unit that multiplies (`2,456 MSEK`) makes three decimals a plain decimal part.
    if multiplier == 1 and _three_decimals_ambiguous(number, column):
        return {"code": "ambiguous_digit_group"}
    if not re.fullmatch(r"[+-]?(\d{1,15}([.,]\d{1,6})?|[.,]\d{1,6})", number):
        return {}
    amount = Decimal(number.replace(",", ".")) * multiplier
    # Öre are kept, more would be rounded away: 2,456 kr is refused, 2,4567 MSEK is whole öre.
    if column.decimals is not None and amount != amount.quantize(
        Decimal(1).scaleb(-column.decimals)
    ):
        return {"code": "too_many_decimals", "limit": column.decimals}
    return float(amount), currency or "SEK"


_PARSERS: dict[str, Parser] = {
    "id": _text,
    "text": _text,
    "enum": _enum,
    "municipality": _enum,
    "date": _date,
    "month": _month,
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "list": _sdg11_list,
    "org_number": _org_number,
    "country": _country,
    "sdg": _sdg,
    "url": _url,
    "currency": _currency,
}
