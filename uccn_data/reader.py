"""Bytes of an uploaded file -> a table of text cells, whatever Excel or a hand made it with.

Every cell comes out as text (or null when empty) so that the parsers can tell a coordinator
exactly which cell is wrong; nothing is typed here. CSV goes through Arrow's C++ reader
because it is fast and handles quoted line breaks; the slow exact path (Python's csv module)
runs only to find where a malformed row is.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from uccn_data.problems import Problem, ReaderError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# Excel's own limit for one cell; a longer field is not something Excel produced.
MAX_FIELD_CHARS = 32_767
# What an .xlsx may unpack to. Real workbooks shrink 5-10 times when zipped; a few hundred
# kilobytes that unpack to gigabytes (a "zip bomb") would take the server's memory with them.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_DELIMITERS = (";", ",", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Files people pick by mistake, told apart by their first bytes.
_OTHER_FORMATS = {
    b"\xd0\xcf\x11\xe0": (
        "en äldre Excel- eller Word-fil (.xls/.doc)",
        "an older Excel or Word file (.xls/.doc)",
    ),
    b"%PDF": ("en PDF-fil", "a PDF file"),
    b"\x89PNG": ("en bild (PNG)", "a picture (PNG)"),
    b"\xff\xd8\xff": ("en bild (JPEG)", "a picture (JPEG)"),
    b"GIF8": ("en bild (GIF)", "a picture (GIF)"),
}


@dataclass
class RawTable:
    """A file's header and its cells as text, with the Excel row number of every row."""

    headers: list[str]
    columns: list[pa.Array]
    excel_rows: pa.Array  # int64: the row number a person sees in Excel (header = 1)
    problems: list[Problem] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.excel_rows)


def read_file(data: bytes, filename: str = "") -> RawTable:
    """Read an uploaded `.csv` or `.xlsx` (first sheet) into text cells.

    Raises ReaderError, with a message for the coordinator, when the file cannot be read
    as a table at all. Row-level problems (a row with too many fields) come back in
    `problems` so that all of them can be shown at once.
    """
    if not data:
        raise ReaderError([Problem("file_empty")])
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(
            [
                Problem(
                    "file_too_large",
                    params={
                        "size_mb": f"{len(data) / 1024 / 1024:.1f}",
                        "limit_mb": MAX_FILE_BYTES // 1024 // 1024,
                    },
                )
            ]
        )
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data)
    for magic, (sv, en) in _OTHER_FORMATS.items():
        if data.startswith(magic):
            raise ReaderError([wrong_file_type(sv, en)])
    if filename.lower().endswith((".xls", ".xlsb", ".ods")):
        raise ReaderError(
            [wrong_file_type("ett äldre kalkylformat", "an older spreadsheet format")]
        )
    return read_csv(data)


def wrong_file_type(kind_sv: str = "", kind_en: str = "") -> Problem:
    """'Not a CSV or Excel file', naming what it seems to be when that is known."""
    return Problem(
        "file_type",
        params={
            "kind": f" (filen verkar vara {kind_sv})" if kind_sv else "",
            "kind_en": f" (the file seems to be {kind_en})" if kind_en else "",
        },
    )


# --- CSV ---------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a byte order mark.
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ReaderError([Problem("encoding")]) from None
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise ReaderError([Problem("encoding")]) from None
    if "\x00" in text:
        raise ReaderError([Problem("binary")])
    return text, encoding


def sniff_delimiter(text: str) -> str:
    """The delimiter used in the header line: the most frequent of `;` `,` tab outside quotes."""
    # Quoted parts go first (they may hold delimiters and line breaks), then the first line.
    lines = re.sub(r'"[^"]*"', "", text[:65536]).splitlines()
    unquoted = lines[0] if lines else ""  # a header that is one quoted field leaves nothing
    counts = {d: unquoted.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties go to `;`, Swedish Excel's choice
    return best if counts[best] else ","


def read_csv(data: bytes) -> RawTable:
    """Read CSV bytes in any of the dialects the contract accepts."""
    text, encoding = _decode(data)
    if not text or text.isspace():
        raise ReaderError([Problem("file_empty")])
    # Hand-made files sometimes start with empty lines: skip them, but count them, so that
    # every row keeps the number a person sees in Excel.
    start = len(text) - len(text.lstrip("\r\n"))
    skipped = _count_lines(text[:start])
    # A header row longer than 64 KiB is not a header; reading only the start saves a copy.
    head = text[start : start + 65536]
    delimiter = sniff_delimiter(head)
    header = _first_record(head, delimiter)
    # Arrow wants UTF-8: reuse the upload's own bytes when they already are, to save a copy
    # (the skipped prefix is line breaks only, one byte per character).
    if encoding != "utf-8":
        utf8 = text[start:].encode("utf-8")
    else:
        utf8 = data[(3 if data.startswith(b"\xef\xbb\xbf") else 0) + start :]
    del text  # the decoded copy is not needed any more; a large file should not be held twice
    if len(header) > MAX_COLUMNS:
        raise ReaderError(
            [Problem("too_many_columns", params={"count": len(header), "limit": MAX_COLUMNS})]
        )
    width = len(header)
    ragged: list[str] = []

    def on_invalid_row(row: pacsv.InvalidRow) -> str:
        ragged.append(row.text)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(utf8),
            read_options=pacsv.ReadOptions(
                autogenerate_column_names=True,
                # One block: a quoted line break must never straddle two parse blocks.
                block_size=max(1 << 20, len(utf8) + 1),
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                newlines_in_values=True,
                # Kept, so that a blank line still counts as a row, as it does in Excel.
                ignore_empty_lines=False,
                invalid_row_handler=on_invalid_row,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError, OverflowError) as exc:
        raise ReaderError([Problem("csv_unreadable", params={"detail": _short(exc)})]) from None
    if table.num_rows == 0:
        raise ReaderError([Problem("no_header")])
    if table.num_rows - 1 > MAX_ROWS:
        raise ReaderError([Problem("too_many_rows", params={"limit": MAX_ROWS})])
    first_row = 2 + skipped
    if ragged or table.num_columns != width:
        # Arrow skipped the malformed rows without saying where they are; read again with
        # the exact (slower) reader so every row keeps the number Excel shows for it.
        text = _decode(data)[0][start:]
        columns, excel_rows, problems = _read_exact(text, delimiter, width, first_row)
        return _finish(header, columns, excel_rows, problems)
    headers = [str(v) for v in table.slice(0, 1).to_pylist()[0].values()]
    body = table.slice(1)
    columns = [_blank_to_null(body.column(i)) for i in range(table.num_columns)]
    excel_rows = pa.array(range(first_row, body.num_rows + first_row), pa.int64())
    return _finish(headers, columns, excel_rows, [])


def _count_lines(breaks: str) -> int:
    """Lines in a run of line breaks, whether they end in CRLF, LF or a lone CR."""
    return breaks.count("\n") + breaks.count("\r") - breaks.count("\r\n")


def _first_record(text: str, delimiter: str) -> list[str]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for record in reader:
            if record:
                return record
    except csv.Error as exc:
        raise ReaderError([Problem("csv_unreadable", params={"detail": _short(exc)})]) from None
    raise ReaderError([Problem("no_header")])


def _read_exact(
    text: str, delimiter: str, width: int, first_row: int = 2
) -> tuple[list[pa.Array], pa.Array, list[Problem]]:
    """Cells and exact Excel row numbers, reporting rows whose field count is wrong."""
    problems: list[Problem] = []
    kept: list[list[str]] = []
    numbers: list[int] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        next(reader, None)
        for number, record in enumerate(reader, start=first_row):
            if not record:
                continue
            if len(record) != width:
                problems.append(
                    Problem(
                        "ragged_row",
                        row=number,
                        value=delimiter.join(record)[:80],
                        params={"actual": len(record), "expected": width},
                    )
                )
                continue
            kept.append(record)
            numbers.append(number)
    except csv.Error as exc:
        raise ReaderError([Problem("csv_unreadable", params={"detail": _short(exc)})]) from None
    columns = [
        _blank_to_null(pa.chunked_array([pa.array([r[i] for r in kept], pa.string())]))
        for i in range(width)
    ]
    return columns, pa.array(numbers, pa.int64()), problems


# --- Excel -------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> RawTable:
    """Read the first sheet of an `.xlsx` file; real Excel dates become ISO text."""
    # openpyxl is imported here: the dashboard's pages should not pay for it at start-up.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReaderError([Problem("xlsx_unreadable", params={"detail": _short(exc)})]) from None
    names = {m.filename for m in members}
    # zipfile never unpacks more than a member declares, so the declared sizes are a bound.
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReaderError(
            [
                Problem(
                    "file_too_large",
                    params={
                        "size_mb": f"{unpacked / 1024 / 1024:.1f}",
                        "limit_mb": MAX_UNPACKED_BYTES // 1024 // 1024,
                    },
                )
            ]
        )
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise ReaderError([wrong_file_type("ett Word-dokument", "a Word document")])
        if "ppt/presentation.xml" in names:
            raise ReaderError(
                [wrong_file_type("en PowerPoint-presentation", "a PowerPoint presentation")]
            )
        if "content.xml" in names:
            raise ReaderError(
                [wrong_file_type("ett OpenDocument-dokument", "an OpenDocument file")]
            )
        raise ReaderError([wrong_file_type("en zip-fil", "a zip file")])
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReaderError([Problem("xlsx_unreadable", params={"detail": _short(exc)})]) from None
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ReaderError([Problem("xlsx_unreadable", params={"detail": _short(exc)})]) from None
    try:
        sheet = book.worksheets[0]
        # Some programs write a wrong <dimension> record; read-only mode would trust it and
        # miss cells. Resetting makes openpyxl read every row that is really there.
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        rows: list[list[str | None]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 1:
                raise ReaderError([Problem("too_many_rows", params={"limit": MAX_ROWS})])
            rows.append([_cell_text(v) for v in values[: MAX_COLUMNS + 1]])
    except ReaderError:
        raise
    except Exception as exc:  # a damaged sheet fails while iterating, not while opening
        raise ReaderError([Problem("xlsx_unreadable", params={"detail": _short(exc)})]) from None
    finally:
        book.close()
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    # Hand-made sheets often have empty rows above the header; skip them and count them.
    skipped = 0
    while rows and all(v is None for v in rows[0]):
        rows.pop(0)
        skipped += 1
    if not rows:
        raise ReaderError([Problem("file_empty")])
    header = rows[0]
    while header and header[-1] is None:
        header = header[:-1]
    if len(header) > MAX_COLUMNS:
        raise ReaderError(
            [Problem("too_many_columns", params={"count": len(header), "limit": MAX_COLUMNS})]
        )
    width = len(header)
    body = rows[1:]
    if len(body) > MAX_ROWS:  # the check while reading leaves room for trailing empty rows
        raise ReaderError([Problem("too_many_rows", params={"limit": MAX_ROWS})])
    columns = [
        pa.array([r[i] if i < len(r) else None for r in body], pa.string()) for i in range(width)
    ]
    excel_rows = pa.array(range(2 + skipped, len(body) + 2 + skipped), pa.int64())
    return _finish([h or "" for h in header], columns, excel_rows, [])


def _cell_text(value: object) -> str | None:
    """An Excel cell as the text a person would have typed."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # Excel keeps 17 digits (=8*0.3 is stored as 2.4000000000000004) but shows 15.
        return f"{value:.15g}"
    # openpyxl leaves Excel's escapes for control characters (`_x000D_` for CR) in text.
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value))
    return text if text.strip() else None


# --- shared ------------------------------------------------------------------------------


def _blank_to_null(column: pa.ChunkedArray) -> pa.Array:
    array = column.combine_chunks()
    blank = pc.equal(pc.utf8_trim_whitespace(array), "")
    return pc.if_else(blank, pa.scalar(None, pa.string()), array)


def _finish(
    headers: list[str], columns: list[pa.Array], excel_rows: pa.Array, problems: list[Problem]
) -> RawTable:
    """Drop rows with no value at all (Excel leaves them behind) and check field lengths."""
    if columns:
        present = None
        for col in columns:
            valid = pc.is_valid(col)
            present = valid if present is None else pc.or_(present, valid)
        if present is not None and not pc.all(present).as_py():
            columns = [pc.filter(c, present) for c in columns]
            excel_rows = pc.filter(excel_rows, present)
    for name, col in zip(headers, columns, strict=True):
        lengths = pc.utf8_length(col)
        longest = pc.max(lengths).as_py()
        if longest is not None and longest > MAX_FIELD_CHARS:
            too_long = pc.greater(lengths, MAX_FIELD_CHARS)
            for row in pc.filter(excel_rows, too_long).to_pylist()[:20]:
                problems.append(
                    Problem(
                        "field_too_long", row=row, column=name, params={"limit": MAX_FIELD_CHARS}
                    )
                )
    return RawTable(headers, columns, excel_rows, problems)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__
