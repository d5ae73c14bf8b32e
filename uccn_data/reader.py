"""Bytes of an uploaded file -> a table of text cells, whatever Excel or a hand made it with.

Every cell comes out as text (or null when empty) so that the parsers can tell a coordinator
exactly which cell is wrong; nothing is typed here. CSV goes through Arrow's C++ reader
because it is fast and handles quoted line breaks; the slow exact path (Python's csv module)
runs only to find where a malformed row is.

What a file may hold (bytes, unpacked bytes, rows, the longest row, cells) is checked before
it is parsed (sizes.py counts a sheet's XML as it unpacks), so a refusal costs little.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from uccn_data import sizes
from uccn_data.problems import Problem, ReaderError
from uccn_data.text import clean_cells, clean_text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# Excel's own limit for one cell; a longer field is not something Excel produced.
MAX_FIELD_CHARS = 32_767
# What an .xlsx may unpack to. Real workbooks shrink 5-10 times when zipped; a few hundred
# kilobytes that unpack to gigabytes (a "zip bomb") would take the server's memory with them.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Cells, every row's length added up: what the parsers build, and so what their time and
# memory follow. 200,000 rows of 10 columns; 425 KB of zipped XML can describe 12 million.
# Counted before parsing (sizes.py), the longest row (MAX_COLUMNS) with them.
MAX_CELLS = 2_000_000

_DELIMITERS = (";", ",", "\t")
# `sep=;` (or `sep=,`, `sep=\t`): Excel's hidden first line; any single character after it.
_SEP_LINE = re.compile(r"sep=([^\r\n\"])[ ]*(?:\r\n|\n|\r)", re.IGNORECASE)
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
    # Things worth knowing that do not stop the import (how the file was read).
    notices: list[Problem] = field(default_factory=list)
    sheet: str | None = None  # the `.xlsx` sheet that was read; every message names it

    @property
    def n_rows(self) -> int:
        return len(self.excel_rows)


def read_file(data: bytes, filename: str = "") -> RawTable:
    """Read an uploaded `.csv` or `.xlsx` (first sheet) into text cells.

    Raises ReaderError, with a message for the coordinator, when the file cannot be read
    as a table at all. Row-level problems (a row with too many fields) come back in
    `problems` so that all of them can be shown at once.
    """
    if _check_bytes(data, filename) == "xlsx":
        return read_xlsx(data)
    return read_csv(data)


def check_size(data: bytes, filename: str = "") -> None:
    """Refuse, without parsing, a file over the limits that can be known before parsing:
    its size, what an `.xlsx` unpacks to, and the rows, longest row and cells of the sheet
    to be read (a CSV's are counted by `read_csv`, before Arrow parses it, in far less time).

    `read_file` checks all of this itself; this is for a caller that wants the refusal
    before loading anything else (worker.py). Raises ReaderError.
    """
    if _check_bytes(data, filename) == "xlsx":
        _check_workbook(data)


def _check_bytes(data: bytes, filename: str) -> str:
    """'xlsx' or 'csv' for a file of an acceptable size; else ReaderError."""
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
        return "xlsx"
    for magic, (sv, en) in _OTHER_FORMATS.items():
        if data.startswith(magic):
            raise ReaderError([wrong_file_type(sv, en)])
    if filename.lower().endswith((".xls", ".xlsb", ".ods")):
        raise ReaderError(
            [wrong_file_type("ett äldre kalkylformat", "an older spreadsheet format")]
        )
    return "csv"


def unpacked_size(data: bytes) -> int:
    """Bytes of a file once unpacked: an `.xlsx`'s members as its index declares them
    (zipfile never unpacks more), any other file as it is. A measure of the work reading
    it takes, known without reading it."""
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return sum(m.file_size for m in archive.infolist())
        except Exception:  # a damaged zip: reading will say so, and soon
            return len(data)
    return len(data)


def limits() -> sizes.Limits:
    """The limits in force, read when a file is read (tests lower them)."""
    return sizes.Limits(rows=MAX_ROWS, columns=MAX_COLUMNS, cells=MAX_CELLS)


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
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 or
    Mac Roman; ReaderError when no reading gives plausible text."""
    return _decode(data)[0]


# Letters of Swedish and the neighbouring languages' place and company names: a reading
# that gives these is more likely right than one that gives the characters below.
_LIKELY = frozenset("åäöÅÄÖéÉüÜèÈàÀáÁíÍóÓúÚñÑçÇøØæÆ")
# Punctuation Excel and Word put in Swedish text; neither for nor against a reading.
_NEUTRAL = frozenset("\u00a0–—‘’‚“”„•…€£°§½¼¾«»´·©®™¨¿¡")
# Three or more accented letters in a row do not occur in Swedish words; they are what
# text in another alphabet (Cyrillic, Greek) looks like when read as Windows-1252.
_ACCENTED_RUN = re.compile(r"[\u00c0-\u00ff]{3,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Text that was UTF-8, read as Windows-1252 and saved as UTF-8 again: "Ã¤" for "ä".
_TWICE_ENCODED = re.compile("[\u00c2\u00c3][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
# A multi-byte UTF-8 sequence: in a file that is not valid UTF-8 as a whole, it means the
# file is UTF-8 with a few broken bytes, not Windows-1252 (where such pairs are very rare).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def plausibility(text: str) -> int:
    """How Swedish-like the non-ASCII characters of a reading are: likely letters count
    for it, unlikely characters (control codes, Š, ‰, ≈, runs of accented letters) against.
    A reading of plain ASCII scores 0."""
    likely = unlikely = 0
    for ch in _NON_ASCII.findall(text):
        if ch in _LIKELY:
            likely += 1
        elif ch in _NEUTRAL or ("\u00c0" <= ch <= "\u00ff" and ch not in "×÷"):
            continue
        else:
            unlikely += 1
    unlikely += len(_CONTROL.findall(text)) + len(_ACCENTED_RUN.findall(text))
    return likely - 3 * unlikely


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with, or a ReaderError saying why not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a byte order mark.
        try:
            return _no_nul(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            raise ReaderError([Problem("encoding")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(data):
            row = _row_at(data, exc.start)
            raise ReaderError([Problem("encoding_broken_utf8", row=row)]) from None
        return _single_byte(data)
    # A cheap look for the two lead bytes first: nearly every file has neither.
    if b"\xc3\x83" in data or b"\xc3\x82" in data:
        twice = _TWICE_ENCODED.search(text)
        if twice:
            row = text.count("\n", 0, twice.start()) + 1
            raise ReaderError([Problem("encoding_twice", row=row, value=twice.group(0))]) from None
    return _no_nul(text), "utf-8"


def _single_byte(data: bytes) -> tuple[str, str]:
    """Windows-1252 (Excel on Windows) or Mac Roman (older Excel for Mac), whichever reads
    as plausible text; refused when neither does, never imported as wrong letters."""
    readings: list[tuple[int, str, str]] = []
    for encoding in ("cp1252", "mac_roman"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # Windows-1252 leaves five bytes undefined; Mac Roman uses them (Å)
        readings.append((plausibility(text), text, encoding))
    # Ties go to Windows-1252, Swedish Excel's own choice.
    score, text, encoding = max(readings, key=lambda r: r[0])
    if score < 0:
        raise ReaderError([Problem("encoding_implausible")])
    return _no_nul(text), encoding


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ReaderError([Problem("binary")])
    return text


def _row_at(data: bytes, offset: int) -> int:
    """The line (header = 1) that holds byte `offset`, for a message about that byte."""
    before = data[:offset]
    breaks = before.count(b"\n") or before.count(b"\r")
    return breaks + 1


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
    # Excel writes (and hides) a first line `sep=;` naming the delimiter. It is not a row:
    # the header is still row 1 in Excel, so it is not counted.
    sep_line = _SEP_LINE.match(text, start)
    if sep_line:
        start = sep_line.end()
    # A header row longer than 64 KiB is not a header; reading only the start saves a copy.
    head = text[start : start + 65536]
    delimiter = sep_line.group(1) if sep_line else sniff_delimiter(head)
    header = _first_record(head, delimiter)
    # Arrow wants UTF-8: reuse the upload's own bytes when they already are, to save a copy
    # (the skipped prefix is line breaks only, one byte per character).
    if encoding != "utf-8":
        utf8 = text[start:].encode("utf-8")
    else:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        utf8 = data[bom + len(text[:start].encode("utf-8")) :]
    del text  # the decoded copy is not needed any more; a large file should not be held twice
    if len(header) > MAX_COLUMNS:
        raise ReaderError(
            [Problem("too_many_columns", params={"count": len(header), "limit": MAX_COLUMNS})]
        )
    width = len(header)
    sizes.check_csv(utf8, width, limits())
    ragged: list[str] = []
    too_wide: list[tuple[int | None, int]] = []  # (line, fields) of rows past MAX_COLUMNS

    def on_invalid_row(row: pacsv.InvalidRow) -> str:
        if row.actual_columns > MAX_COLUMNS:
            # The longest row is a limit of its own: its text is not kept, nor read again.
            too_wide.append((row.number, row.actual_columns))
        else:
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
    if too_wide:
        line, fields = too_wide[0]
        raise ReaderError(
            [Problem("too_many_columns", row=line, params={"count": fields, "limit": MAX_COLUMNS})]
        )
    if table.num_rows == 0:
        raise ReaderError([Problem("no_header")])
    if table.num_rows - 1 > MAX_ROWS:
        raise ReaderError([Problem("too_many_rows", params={"limit": MAX_ROWS})])
    first_row = 2 + skipped
    if ragged or table.num_columns != width:
        # Arrow skipped the malformed rows (short ones included: Excel leaves out trailing
        # empty cells) without saying where they are; read again with the exact (slower)
        # reader so every row keeps the number Excel shows for it.
        text = _decode(data)[0][start:]
        columns, excel_rows, problems = _read_exact(text, delimiter, width, first_row)
        return _with_encoding(_finish(header, columns, excel_rows, problems), encoding)
    headers = [str(v) for v in table.slice(0, 1).to_pylist()[0].values()]
    body = table.slice(1)
    columns = [body.column(i).combine_chunks() for i in range(table.num_columns)]
    excel_rows = pa.array(range(first_row, body.num_rows + first_row), pa.int64())
    return _with_encoding(_finish(headers, columns, excel_rows, []), encoding)


def _with_encoding(table: RawTable, encoding: str) -> RawTable:
    if encoding == "mac_roman":
        # Read right, but the coordinator should look: a short file gives the guess little.
        table.notices.append(Problem("encoding_mac_roman"))
    return table


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
            if len(record) < width:
                # Excel leaves out trailing empty cells; all that is missing is at the end.
                record += [""] * (width - len(record))
            elif len(record) > width:
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
    columns = [pa.array([r[i] for r in kept], pa.string()) for i in range(width)]
    return columns, pa.array(numbers, pa.int64()), problems


# --- Excel -------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> RawTable:
    """Read the first visible sheet of an `.xlsx` file; real Excel dates become ISO text.

    A formula cell without a saved value (a file a program wrote and Excel never saved) is
    an error on that cell, never an empty value. Every problem names the sheet.
    """
    # openpyxl is imported here: the dashboard's pages should not pay for it at start-up.
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    _check_workbook(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReaderError([Problem("xlsx_unreadable", params={"detail": _short(exc)})]) from None
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ReaderError([Problem("xlsx_unreadable", params={"detail": _short(exc)})]) from None
    try:
        # Hidden sheets hold drop-down lists and helper tables; people mean the one they see.
        visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        if not visible:
            raise ReaderError([Problem("xlsx_no_visible_sheet")])
        sheet = visible[0]
        name = clean_text(sheet.title)
        n_sheets = len(book.worksheets)
        formulas = _formula_cells(data, sheet.title) if _has_formulas(data, sheet) else {}
        # Some programs write a wrong <dimension> record; read-only mode would trust it and
        # miss cells. Resetting makes openpyxl read every row that is really there.
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        rows: list[list[str | None]] = []
        unsaved: list[tuple[int, int, str]] = []  # (row index, column index, formula)
        for index, values in enumerate(sheet.iter_rows(values_only=True)):
            if len(rows) > MAX_ROWS + 1:
                raise ReaderError(
                    [Problem("too_many_rows", params={"limit": MAX_ROWS}, sheet=name)]
                )
            row = [_cell_text(v) for v in values[: MAX_COLUMNS + 1]]
            for col, formula in formulas.get(index, {}).items():
                # No saved value at all (a program wrote the formula; Excel never computed
                # it). An empty result that Excel saved is `""`, not None, and is fine.
                if col >= len(values) or values[col] is None:
                    unsaved.append((index, col, formula))
            rows.append(row)
    except ReaderError:
        raise
    except Exception as exc:  # a damaged sheet fails while iterating, not while opening
        raise ReaderError([Problem("xlsx_unreadable", params={"detail": _short(exc)})]) from None
    finally:
        book.close()
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    # Hand-made sheets often have empty rows, or a title, above the header: skip them and
    # count them, so that every row keeps the number Excel shows.
    skipped = _rows_above_header(rows)
    rows = rows[skipped:]
    if not rows:
        raise ReaderError([Problem("file_empty", sheet=name)])
    header = rows[0]
    while header and header[-1] is None:
        header = header[:-1]
    if len(header) > MAX_COLUMNS:
        raise ReaderError(
            [
                Problem(
                    "too_many_columns",
                    params={"count": len(header), "limit": MAX_COLUMNS},
                    sheet=name,
                )
            ]
        )
    width = len(header)
    body = rows[1:]
    if len(body) > MAX_ROWS:  # the check while reading leaves room for trailing empty rows
        raise ReaderError([Problem("too_many_rows", params={"limit": MAX_ROWS}, sheet=name)])
    columns = [
        pa.array([r[i] if i < len(r) else None for r in body], pa.string()) for i in range(width)
    ]
    excel_rows = pa.array(range(2 + skipped, len(body) + 2 + skipped), pa.int64())
    headers = [h or "" for h in header]
    problems = [
        Problem(
            "formula_without_value",
            row=index + 1,
            column=headers[col] if col < width else None,
            value=formula,
            params={"cell": f"{get_column_letter(col + 1)}{index + 1}"},
        )
        for index, col, formula in unsaved
        if index >= skipped
    ]
    table = _finish(headers, columns, excel_rows, problems)
    table.sheet = name
    if n_sheets > 1:
        # Say which one was read: with several sheets, the coordinator may have meant another.
        table.notices.append(Problem("xlsx_sheet_read", params={"sheet": name}))
    return table


def _check_workbook(data: bytes) -> None:
    """Everything about an `.xlsx` that can be checked before parsing it: what it unpacks
    to, that it is a workbook with a visible sheet, and that sheet's rows, longest row and
    cells. Raises ReaderError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
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
    if not _any_visible_sheet(data):
        # openpyxl cannot open such a workbook at all; say what is wrong and how to fix it.
        raise ReaderError([Problem("xlsx_no_visible_sheet")])
    # Rows, the longest row and cells are counted before openpyxl builds any of them.
    with archive:
        sizes.check_xlsx(archive, limits())


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")


def _any_visible_sheet(data: bytes) -> bool:
    """Whether the workbook lists a sheet that is neither hidden nor very hidden."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = archive.read("xl/workbook.xml")
    except Exception:  # a damaged file: let openpyxl say what is wrong with it
        return True
    tags = _SHEET_TAG.findall(workbook)
    return not tags or any(
        b'state="hidden"' not in t and b'state="veryHidden"' not in t for t in tags
    )


def _rows_above_header(rows: list[list[str | None]]) -> int:
    """Empty rows and a title row (one filled cell) above a header of several cells."""
    for index, row in enumerate(rows[:20]):
        filled = sum(v is not None for v in row)
        if filled >= 2:
            return index
    # No row with two cells near the top: keep the old rule, skip only empty rows.
    index = 0
    while index < len(rows) and all(v is None for v in rows[index]):
        index += 1
    return index


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(data: bytes, sheet: object) -> bool:
    """Whether the sheet's XML holds any formula; most uploads have none, and the second
    reading that finds them costs as much as the first."""
    path = getattr(sheet, "_worksheet_path", None)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = (
                [path]
                if path in archive.namelist()
                else [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            )
            for member in names:
                with archive.open(member) as handle:
                    tail = b""
                    while chunk := handle.read(1 << 20):
                        if _FORMULA_TAG.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    except Exception:  # a damaged member (zlib, CRC, truncation): openpyxl will say so
        return False
    return False


def _formula_cells(data: bytes, title: str) -> dict[int, dict[int, str]]:
    """{row index: {column index: formula}} of one sheet, read without the saved values."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = book[title]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        found: dict[int, dict[int, str]] = {}
        for index, values in enumerate(sheet.iter_rows(values_only=True)):
            for col, value in enumerate(values[: MAX_COLUMNS + 1]):
                text = getattr(value, "text", value)  # array formulas keep theirs in .text
                if isinstance(text, str) and text.startswith("="):
                    found.setdefault(index, {})[col] = text[:80]
        return found
    finally:
        book.close()


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
        # Excel keeps 17 digits (=8*0.3 is stored as 2.4000000000000004) but shows 15, and
        # shows a small number as 0,000061, never as 6.1e-05.
        text = f"{value:.15g}"
        return format(Decimal(text), "f") if "e" in text else text
    # openpyxl leaves Excel's escapes for control characters (`_x000D_` for CR) in text.
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value))
    return text if text.strip() else None


# --- shared ------------------------------------------------------------------------------


def _blank_to_null(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    blank = pc.equal(pc.utf8_trim_whitespace(array), "")
    return pc.if_else(blank, pa.scalar(None, pa.string()), array)


def _finish(
    headers: list[str], columns: list[pa.Array], excel_rows: pa.Array, problems: list[Problem]
) -> RawTable:
    """Normalise the text (NFC, no zero-width characters), drop rows with no value at all
    (Excel leaves them behind) and check field lengths."""
    headers = [clean_text(h) for h in headers]
    columns = [_blank_to_null(clean_cells(c)) for c in columns]
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
