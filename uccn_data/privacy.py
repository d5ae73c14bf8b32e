"""Personal identity numbers found in text and masked: in messages, file names and the free
text of the coordinators' files (names, titles, descriptions, partners).

A sole trader's organisation number is the owner's personal identity number (DATA_CONTRACT),
and the same number turns up in free text too: "Firma Anna Andersson 19850412-1230" as a
company name, a contact person in a description. Stored organisation numbers are masked by
`export.mask_org_number`; this module covers every other text, where a number can be written
in any form: `850412-1230`, `850412+1230` (over a hundred years old), `850412 1230`,
`8504121230`, or with the century in front (`19850412-1230`), a dash typed by Word or a
non-breaking space included.

A number is masked when its first six digits are a date (month 01-12, day 01-31, or 61-91 for
a coordination number) followed by four digits. The check digit is not required: a mistyped
personal number is still almost someone's, and the date alone already keeps organisation
numbers (whose "month" is 20 or more), amounts, ISO dates and phone numbers written in groups
unmasked. The date of birth stays readable (`850412-****`), as for the organisation numbers.

The rule for an import's report: no problem's message, value or column ever holds such a
number in full. The value is the coordinator's own cell, but the row and column already
point at it, and a report may be shown on a shared screen or pasted into an e-mail.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from uccn_data.problems import Problem

_GAP = "[ \u00a0\u202f]"  # a space, a non-breaking space, a narrow one
_DASH = "[-+\u2010-\u2015\u2212]"  # hyphen, plus, and the dashes Word and Excel type instead
_NUMBER = re.compile(
    r"(?<![0-9])"
    r"((?:18|19|20)?)"  # the century, in the 12-digit form
    r"([0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01]))"
    rf"((?:{_GAP}?{_DASH}{_GAP}?|{_GAP})?)"
    r"([0-9]{4})"
    r"(?![0-9])"
)
# Six digits in a row: a cheap test that lets almost every text skip the full pattern.
_SIX_DIGITS = re.compile(r"[0-9]{6}")


def mask_personal_numbers(text: str) -> str:
    """`Faktura 850412-1234.csv` -> `Faktura 850412-****.csv`, `19850412 1230` ->
    `19850412-****`; text without such a number is returned unchanged."""
    if not _SIX_DIGITS.search(text):
        return text
    return _NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)}-****", text)


def has_personal_number(text: str) -> bool:
    """Whether `text` holds something that looks like a personal identity number (the
    numbers `mask_personal_numbers` masks)."""
    return bool(_SIX_DIGITS.search(text)) and _NUMBER.search(text) is not None


def masked(value: Any) -> Any:
    """A cell with personal identity numbers masked: text, or a list of texts (a list
    column, as a list or as the array DuckDB reads); any other value (a number, a date, None)
    is returned as it is, and so is a list with nothing to mask."""
    if isinstance(value, str):
        return mask_personal_numbers(value)
    if isinstance(value, list | tuple | np.ndarray):
        # One look at the whole list first: nearly every list (areas, themes) has no digits.
        if not _SIX_DIGITS.search("\x1f".join(v for v in value if isinstance(v, str))):
            return value
        shown = [masked(v) for v in value]
        return np.array(shown, dtype=object) if isinstance(value, np.ndarray) else shown
    return value


def mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with personal identity numbers masked in every text cell (lists of
    texts included); numbers, dates and the column names are left alone.

    For what viewers see of the coordinators' free text: lists of activities, outcomes,
    partners and companies. Only cells with six digits in a row are looked at closely, so a
    list of ten thousand activities costs milliseconds."""
    out = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.StringDtype):
            suspect = values.str.contains(_SIX_DIGITS.pattern, regex=True, na=False)
            if suspect.any():
                out.loc[suspect, column] = values[suspect].map(mask_personal_numbers)
        elif values.dtype == object and _may_hold_digits(values):
            out[column] = values.map(masked)
    return out


def _may_hold_digits(values: pd.Series) -> bool:
    """False when no text in a column of lists (or of mixed values) has six digits in a
    row: the usual case, answered without a Python loop over the cells."""
    try:
        cells = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return True  # mixed kinds of values: let every cell be looked at
    return _may_hold_digits_arrow(cells)


def mask_column(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """A stored column with personal identity numbers masked: a text column or a list of
    texts; any other column, and a column with nothing to mask, is returned as it is."""
    if not _may_hold_digits_arrow(values):
        return values
    return pa.array([masked(v) for v in values.to_pylist()], values.type)


def _may_hold_digits_arrow(cells: pa.Array | pa.ChunkedArray) -> bool:
    while pa.types.is_list(cells.type) or pa.types.is_large_list(cells.type):
        cells = pc.list_flatten(cells)
    if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)):
        return False
    return bool(pc.any(pc.match_substring_regex(cells, _SIX_DIGITS.pattern)).as_py())


def private_problem(problem: Problem) -> Problem:
    """The same problem with personal identity numbers masked in everything it shows."""
    return replace(
        problem,
        column=masked(problem.column),
        value=masked(problem.value),
        params={key: masked(value) for key, value in problem.params.items()},
    )
