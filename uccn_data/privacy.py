"""Personal identity numbers found in free text (messages, file names) and masked.

A sole trader's organisation number is the owner's personal identity number (DATA_CONTRACT):
ten digits whose third is 0 or 1, written `NNNNNN-NNNN`, `NNNNNNNNNN` or with the century
in front. Stored rows are masked by `export.mask_table`; this module covers the text around
them, where a number can turn up anywhere: a duplicate key echoed in a message, a file
without its header row whose first line of numbers becomes the column names, a file named
after the company's owner.

The rule for an import's report: no problem's message, value or column ever holds such a
number in full. The value is the coordinator's own cell, but the row and column already
point at it, and a report may be shown on a shared screen or pasted into an e-mail. Every
number of that shape is masked, whether its check digit is right or not: a mistyped
personal number is still almost someone's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from uccn_data.problems import Problem

_NUMBER = re.compile(r"(?<![0-9])((?:18|19|20)?)([0-9]{2}[01][0-9]{3})([-+]?)([0-9]{4})(?![0-9])")


def mask_personal_numbers(text: str) -> str:
    """`Faktura 850412-1234.csv` -> `Faktura 850412-****.csv`; other text is left alone."""
    return _NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)}-****", text)


def _masked(value: Any) -> Any:
    return mask_personal_numbers(value) if isinstance(value, str) else value


def private_problem(problem: Problem) -> Problem:
    """The same problem with personal identity numbers masked in everything it shows."""
    return replace(
        problem,
        column=_masked(problem.column),
        value=_masked(problem.value),
        params={key: _masked(value) for key, value in problem.params.items()},
    )
