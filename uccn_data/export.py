"""Tables out of the store as files Swedish Excel opens directly, and that import again.

Exports write canonical column names and keys, ISO dates and decimal commas, so an exported
file re-imports unchanged. Text that Excel would run as a formula is neutralised with a
leading apostrophe, which the reader removes again on import (parsing.py).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from uccn_data.privacy import mask_column
from uccn_data.tables import TABLES, Table

Format = Literal["csv", "xlsx", "parquet"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """`=HYPERLINK(...)` -> `'=HYPERLINK(...)`: shown as text, never run, in Excel.

    Text that itself starts with an apostrophe gets one more, because the reader takes one
    off again: that keeps export-then-import exact.
    """
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def is_sole_trader(org_number: str) -> bool:
    """A sole trader's organisation number is the owner's personal identity number: its
    third digit is 0 or 1 (a legal entity's is 2 or more)."""
    return len(org_number) == 10 and org_number[2] in "01"


def mask_org_number(org_number: str | None) -> str | None:
    """`8504121234` -> `850412-****` for sole traders; legal entities' numbers are public."""
    if org_number is None:
        return None
    if is_sole_trader(org_number):
        return f"{org_number[:6]}-****"
    return f"{org_number[:6]}-{org_number[6:]}" if len(org_number) == 10 else org_number


def mask_table(data: pa.Table) -> pa.Table:
    """The same table as viewers and open data get it: sole traders' organisation numbers
    masked, and personal identity numbers masked wherever else they were written (a company
    named "Firma Anna Andersson 850412-1230", a title, a description, a partner)."""
    for index, name in enumerate(data.column_names):
        if name == "org_number":
            masked = [mask_org_number(v) for v in data[name].to_pylist()]
            data = data.set_column(index, name, pa.array(masked, pa.string()))
            continue
        column = data[name]
        shown = mask_column(column)
        if shown is not column:  # most columns hold no such number and are kept as they are
            data = data.set_column(index, name, shown)
    return data


def cell_text(value: Any, kind: str) -> str:
    """One value as a Swedish Excel user reads and writes it."""
    if value is None:
        return ""
    if kind == "list" or isinstance(value, list):
        return "; ".join(cell_text(v, kind if kind != "list" else "text") for v in value)
    if kind == "month" and isinstance(value, date):
        return value.strftime("%Y-%m")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        # Full precision (a target of 0,333 stays 0,333) so that export then import is exact.
        text = str(int(value)) if value.is_integer() else f"{value:.15g}"
        if "e" in text:  # 6.1e-05: Excel and our reader want 0,000061
            text = format(Decimal(text), "f")
        return text.replace(".", ",")
    if kind in ("text", "id"):
        return neutralise(str(value))
    return str(value).replace(".", ",") if kind == "decimal" else str(value)


# How an approximate count is written back, so that it imports with the same flag.
APPROXIMATE_WORDS = {"about": "ca", "over": "över", "at_least": "minst"}


def date_text(value: date | None, precision: str | None) -> str:
    """A date with precision as it was written: `2018`, `2018-05` or `2018-05-14`."""
    if value is None:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return value.strftime("%Y-%m")
    return value.isoformat()


def file_columns(table: Table, data: pa.Table) -> list[tuple[str, str, list[Any]]]:
    """(name, kind, values) of each file column, with what the store keeps beside a value
    put back into it (`ca 120`, `2018-05`, the amount in its currency): the columns of a
    file that imports as the same rows."""
    present = set(data.column_names)

    def beside(name: str) -> list[Any]:
        return data[name].to_pylist() if name in present else [None] * data.num_rows

    found: list[tuple[str, str, list[Any]]] = []
    for column in table.columns:
        if column.name not in present:
            continue
        values = [_plain(v) for v in data[column.name].to_pylist()]
        kind: str = column.kind
        if column.precision:
            precisions = beside(f"{column.name}_precision")
            values = [date_text(v, p) for v, p in zip(values, precisions, strict=True)]
            kind = "written"
        if column.approximate:
            flags = beside(f"{column.name}_approx")
            if any(flags):
                values = [
                    f"{APPROXIMATE_WORDS[f]} {v}" if f and v is not None else v
                    for v, f in zip(values, flags, strict=True)
                ]
                kind = "written"
        if column.kind == "amount" and "amount_original" in present:
            values = [_plain(v) for v in data["amount_original"].to_pylist()]
        found.append((column.name, kind, values))
    return found


def _rows(table: Table, data: pa.Table) -> tuple[list[str], list[list[str]]]:
    columns = file_columns(table, data)
    rows = [
        [cell_text(v, kind) for v, (_, kind, _) in zip(row, columns, strict=True)]
        for row in zip(*(values for _, _, values in columns), strict=True)
    ]
    return [name for name, _, _ in columns], rows


def rows_as_written(table: Table, data: pa.Table) -> list[dict[str, str]]:
    """Each row of `data` as a file would hold it: column name -> the text a coordinator
    types (`2018-05`, `ca 120`, `1 500,50`), which imports again as the same row."""
    headers, rows = _rows(table, data)
    return [dict(zip(headers, row, strict=True)) for row in rows]


def _plain(value: Any) -> Any:
    # DuckDB hands DECIMAL back as decimal.Decimal; the file wants a plain number.
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


def to_csv(table: Table, data: pa.Table) -> bytes:
    """`;`-separated, decimal comma, UTF-8 with BOM: what Swedish Excel opens directly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    headers, rows = _rows(table, data)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, data: pa.Table) -> bytes:
    """One sheet, canonical headers; every text cell written as a string, never a formula."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet(table.alias)
    bold = book.add_format({"bold": True})
    columns = file_columns(table, data)
    for col, (name, _, _) in enumerate(columns):
        sheet.write_string(0, col, name, bold)
        sheet.set_column(col, col, max(12, len(name) + 2))
    for row_index, row in enumerate(zip(*(v for _, _, v in columns), strict=True), start=1):
        for col, value in enumerate(row):
            kind = columns[col][1]
            if value is None or value == "":
                continue
            if kind in ("integer", "decimal", "amount") and isinstance(value, (int, float)):
                sheet.write_number(row_index, col, value)
            else:
                sheet.write_string(row_index, col, cell_text(value, kind))
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def to_parquet(data: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(data, buffer)
    return buffer.getvalue()


def export_table(name: str, data: pa.Table, fmt: Format) -> bytes:
    """The bytes of one exported table in the chosen format."""
    table = TABLES[name]
    if fmt == "csv":
        return to_csv(table, data)
    if fmt == "xlsx":
        return to_xlsx(table, data)
    return to_parquet(data)


def frame_to_csv(frame: Any) -> bytes:
    """Any small table (a chart's numbers) as Swedish-Excel CSV: `;`, decimal comma, BOM,
    formula-looking text neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([_frame_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _frame_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else f"{value:.4f}".rstrip("0")).replace(
            ".", ","
        )
    if hasattr(value, "isoformat"):
        return (
            str(value.isoformat())[:10]
            if not hasattr(value, "hour") or str(value)[11:19] == "00:00:00"
            else str(value)
        )
    return neutralise(str(value))
