"""One upload, start to finish: read, recognise the table, check, and commit or report.

The command line and the dashboard both call `import_file`, so a file is judged the same
way wherever it is uploaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from uccn_data import reference as ref
from uccn_data.privacy import mask_personal_numbers, private_problem
from uccn_data.problems import Problem, UccnDataError
from uccn_data.reader import read_file
from uccn_data.store import ImportResult, Store, YearClosed
from uccn_data.tables import TABLES, Table, resolve_table
from uccn_data.validation import CheckedFile, check, recognise_table


@dataclass
class ImportReport:
    """Everything a coordinator needs to know about one upload."""

    ok: bool
    table: str | None
    file_name: str
    file_sha256: str
    result: ImportResult | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    checked: CheckedFile | None = None
    dry_run: bool = False

    def as_dict(self, lang: str = "sv") -> dict[str, Any]:
        """The contract's `--report json` object."""
        return {
            "ok": self.ok,
            "table": self.table,
            "inserted": self.result.inserted if self.result else 0,
            "updated": self.result.updated if self.result else 0,
            "unchanged": self.result.unchanged if self.result else 0,
            "errors": [p.as_dict(lang) for p in self.errors],
            "warnings": [p.as_dict(lang) for p in self.warnings],
        }


def check_file(
    store: Store, data: bytes, file_name: str, table_name: str | None = None
) -> tuple[Table | None, CheckedFile | None, list[Problem]]:
    """Read and check a file without writing; the table is recognised when not given."""
    table: Table | None = None
    if table_name:
        table = resolve_table(table_name)
        if table is None:
            allowed = ", ".join(f"{t.alias} ({t.name})" for t in TABLES.values())
            return (
                None,
                None,
                [Problem("unknown_table", params={"name": table_name, "allowed": allowed})],
            )
    try:
        raw = read_file(data, file_name)
    except UccnDataError as exc:
        return table, None, exc.problems
    if table is None:
        table = recognise_table(raw.headers)
        if table is None:
            return None, None, [Problem("table_not_recognised", row=1)]
    known = store.activity_ids() if store.exists() else set()
    periods = store.periods() if store.exists() else [ref.AGREEMENT_2021_2024]
    return table, check(raw, table, known, periods), []


def import_file(
    store: Store,
    data: bytes,
    file_name: str,
    table_name: str | None = None,
    *,
    dry_run: bool = False,
    user: str | None = None,
) -> ImportReport:
    """Check a file and, unless it has errors or this is a dry run, commit it whole.

    Raises StoreBusyError / StoreError for a store that cannot be used; everything wrong
    with the file itself comes back in the report. Neither the report nor the import log
    shows a sole trader's personal identity number in full (see privacy.py).
    """
    sha = hashlib.sha256(data).hexdigest()
    table, checked, problems = check_file(store, data, file_name, table_name)
    name = table.name if table else None
    file_name = mask_personal_numbers(file_name)
    if checked is None:
        errors = [private_problem(p) for p in problems]
        return ImportReport(False, name, file_name, sha, errors=errors, dry_run=dry_run)
    report = ImportReport(
        checked.ok,
        name,
        file_name,
        sha,
        errors=[private_problem(p) for p in checked.errors],
        warnings=[private_problem(p) for p in checked.warnings],
        checked=checked,
        dry_run=dry_run,
    )
    if not checked.ok:
        return report
    try:
        if dry_run:
            report.result = (
                store.dry_run(checked)
                if store.exists()
                else ImportResult(None, checked.table.name, checked.n_rows, 0, 0)
            )
        else:
            report.result = store.commit(checked, file_name, sha, user)
    except YearClosed as refused:  # rows of a closed year: nothing was written
        report.ok = False
        report.errors = [private_problem(p) for p in refused.problems]
    return report
