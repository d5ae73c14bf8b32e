"""How big a file is, counted before it is parsed: rows, the longest row, cells.

A parser's cost follows the cells it builds, not the bytes it is given: 425 KB of zipped
sheet XML held 12 million cells and kept a server thread busy for minutes, and one row of
8 million cells took 3.8 GB inside openpyxl before the reader saw a single value. So a
sheet's XML is counted here as it unpacks, tag by tag, without being parsed, and the count
stops at the first limit passed: a refusal costs the bytes up to that point, never the
whole file, and holds at most one chunk of it in memory.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from uccn_data.problems import Problem, ReaderError
from uccn_data.text import clean_text

_CHUNK = 1 << 20
# Between two `<` of a sheet there is one tag or one cell's text: Excel's longest cell
# (32,767 characters, each at most six bytes as an XML escape) fits many times over.
_LONGEST_RUN = 1 << 20
# workbook.xml, its relationships and [Content_Types].xml are a few kilobytes in real files.
_LONGEST_INDEX = 8 << 20

_NS = rb"(?:[A-Za-z_][\w.-]*:)?"  # any namespace prefix (`x:` in some generators' files)
_SHARED_STRING = re.compile(rb"<" + _NS + rb"si[\s>/]")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["']\s*([0-9]{1,9})\s*["']""")
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']\s*\$?([A-Za-z]{1,3})\$?[0-9]+\s*["']""")
_TAG = {
    name: re.compile(rb"<" + _NS + name + rb"\s[^>]*>")
    for name in (b"sheet", b"Relationship", b"Override")
}
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_XML_ESCAPES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}


@dataclass(frozen=True)
class Limits:
    """What one upload may hold.

    rows: data rows (the sheet may hold two more: the header and a title above it, as the
    reader allows); columns: the longest row, in cells; cells: every row's length added up,
    which is what a parser builds (a row's length runs to its last cell, empty ones between
    included).
    """

    rows: int
    columns: int
    cells: int


def check_csv(body: bytes, width: int, limits: Limits) -> None:
    """Refuse a CSV (its UTF-8 bytes from the header on) whose lines times the header's
    width pass `limits.cells`. A quoted line break counts as a line, so the estimate is
    never below what the parser would build. Raises ReaderError."""
    lines = body.count(b"\n") + body.count(b"\r") - body.count(b"\r\n") + 1
    if lines * max(width, 1) > limits.cells:
        raise ReaderError([too_many_cells(limits.cells)])


def check_xlsx(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a workbook with a sheet, or a table of shared text, larger than `limits`,
    counting the XML as it unpacks. Raises ReaderError naming the limit passed.

    The sheet the reader reads (the first visible one) is counted whole. openpyxl also
    reads every other sheet when it opens the workbook, up to the sheet's `<dimension>`
    record, or to its end when there is none: such a sheet is counted too, one that starts
    with the record (as Excel writes every sheet) costs nothing and is not. When the
    workbook's index cannot be followed, every sheet is counted whole.
    """
    names = set(archive.namelist())
    listed = _worksheets(archive, names)
    if listed is None:
        for member in sorted(names):
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                _count_sheet(_chunks(archive, member, None), limits, None)
    else:
        read = next((member for member, _, hidden in listed if not hidden), None)
        for member, title, _ in listed:
            regions = _chunks(archive, member, title)
            _count_sheet(regions, limits, title, whole=member == read)
    strings = _shared_strings_path(archive, names)
    if strings is not None:
        count = 0
        for region in _chunks(archive, strings, None):
            count += len(_SHARED_STRING.findall(region))
            if count > limits.cells:
                raise ReaderError([too_many_cells(limits.cells)])


def too_many_cells(limit: int, sheet: str | None = None) -> Problem:
    """'More than 2 000 000 cells', the limit written as each language writes numbers."""
    return Problem(
        "too_many_cells",
        params={"limit": f"{limit:,}".replace(",", "\u00a0"), "limit_en": f"{limit:,}"},
        sheet=sheet,
    )


class _Tags:
    """The tags counted in one sheet, with the namespace prefix its root element uses (`x:`
    in files from some .NET libraries). Patterns that start with literal text, and plain
    substring counts, are what make counting fast: about 2 million cells a second."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix)
        self.row = re.compile(b"<" + p + rb"row[\s>/]")
        self.cell = re.compile(b"<" + p + rb"c[\s>/]")
        self.cell_with_ref = re.compile(b"<" + p + rb"c(?=[\s>/])[^>]*\sr\s*=")
        self.sheet_data_end = re.compile(b"</" + p + rb"sheetData\s*>")
        self.sheet_data = re.compile(b"<" + p + rb"sheetData[\s>/]")
        self.dimension = re.compile(b"<" + p + rb"dimension[\s>/]")
        self.cell_start = b"<" + prefix + b"c"
        self.cell_starts = tuple(
            b"<" + prefix + b"c" + c for c in (b" ", b">", b"/", b"\t", b"\n", b"\r")
        )

    @classmethod
    def of(cls, head: bytes) -> _Tags:
        root = _WORKSHEET.search(head)
        return cls(root.group(1) or b"" if root else b"")

    def cells(self, data: bytes, start: int, end: int) -> int:
        return sum(data.count(token, start, end) for token in self.cell_starts)


_WORKSHEET = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>/]")


def _elements(data: bytes) -> int:
    """Start tags (and empty-element tags) in a stretch of XML."""
    return data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")


class _RowCount:
    """A sheet's rows as openpyxl will build them, counted from the XML tags alone.

    openpyxl gives each row the length of its last cell's column (from the cell's `r`
    attribute, or one past the cell before it when there is none), and fills the rows
    between two row numbers with empty rows; so that is what is counted.
    """

    def __init__(self, limits: Limits, sheet: str | None, tags: _Tags) -> None:
        self.limits = limits
        self.sheet = sheet
        self.tags = tags
        self.row = 0  # the current row's number, as Excel shows it
        self.in_row = False
        self.cells_written = 0  # <c> elements in the current row
        self.column = 0  # the column of the current row's last cell so far
        self.total = 0  # cells in the finished rows

    def region(self, data: bytes) -> None:
        """Count one stretch of XML that splits no tag."""
        start = 0
        for row in self.tags.row.finditer(data):
            self._cells(data, start, row.start())
            self._end_row()
            self._start_row(data, row.start())
            start = row.end()
        self._cells(data, start, len(data))

    def finish(self) -> None:
        self._end_row()

    def _start_row(self, data: bytes, at: int) -> None:
        end = data.find(b">", at)
        number = _ROW_NUMBER.search(data, at, end if end != -1 else len(data))
        self.row = int(number.group(1)) if number else self.row + 1
        if self.row > self.limits.rows + 2:
            raise ReaderError(
                [Problem("too_many_rows", params={"limit": self.limits.rows}, sheet=self.sheet)]
            )
        self.in_row, self.cells_written, self.column = True, 0, 0

    def _cells(self, data: bytes, start: int, end: int) -> None:
        if not self.in_row or start >= end:
            return
        written = data.count(self.tags.cell_start, start, end)
        if not written:
            return
        last = self._last_cell(data, start, end)
        column = _column(data, last) if last != -1 else 0
        if not column or self.cells_written + written > self.limits.columns:
            # `<c` also begins rich text's <color>, <charset> and <condense> inside a cell:
            # the quick count is an upper bound, counted exactly when the answer depends on it.
            written = self.tags.cells(data, start, end)
        self.cells_written += written
        self._check_width(self.cells_written)
        if column:
            self.column = column
        elif not written:
            return
        elif not self.tags.cell_with_ref.search(data, start, end):
            self.column += written  # no cell here names its column: each is one further on
        else:
            # Some cells name their column and the last does not (no program we know writes
            # that): follow them one by one, as openpyxl does; at most `limits.columns`.
            for cell in self.tags.cell.finditer(data, start, end):
                self.column = _column(data, cell.start()) or self.column + 1
        self._check_width(self.column)

    def _last_cell(self, data: bytes, start: int, end: int) -> int:
        """Where the last cell tag between start and end begins (there is one)."""
        at = data.rfind(b"<", start, end)
        while at != -1 and not self.tags.cell.match(data, at):
            at = data.rfind(b"<", start, at)
        return at

    def _check_width(self, width: int) -> None:
        if width > self.limits.columns:
            raise ReaderError(
                [
                    Problem(
                        "too_many_columns",
                        row=self.row,
                        params={"count": width, "limit": self.limits.columns},
                        sheet=self.sheet,
                    )
                ]
            )

    def _end_row(self) -> None:
        if not self.in_row:
            return
        self.in_row = False
        self.total += self.column
        if self.total > self.limits.cells:
            raise ReaderError([too_many_cells(self.limits.cells, self.sheet)])


def _count_sheet(
    regions: Iterator[bytes], limits: Limits, sheet: str | None, whole: bool = True
) -> None:
    """Rows, the longest row and cells of one sheet, and its elements of any kind: openpyxl
    keeps every element it does not know in memory, and parses every child of a row as a
    cell, so elements are bounded too (a cell with its value and formula is three). Unless
    `whole`, a sheet that has its `<dimension>` record before its data is left there."""
    count: _RowCount | None = None
    elements, most_elements = 0, 4 * limits.cells + limits.rows + 10_000
    for region in regions:
        if count is None:
            count = _RowCount(limits, sheet, _Tags.of(region))
        if not whole:
            dimension = count.tags.dimension.search(region)
            data = count.tags.sheet_data.search(region)
            if dimension and (not data or dimension.start() < data.start()):
                return  # openpyxl stops at the record
            whole = data is not None  # no record before the data: openpyxl reads it all
        elements += _elements(region)
        if elements > most_elements:
            raise ReaderError([too_many_cells(limits.cells, sheet)])
        end = count.tags.sheet_data_end.search(region)
        count.region(region[: end.start()] if end else region)
        if end:
            break
    if count is not None:
        count.finish()


def _column(data: bytes, at: int) -> int:
    """The column number (A = 1) of the cell tag at `at`, from its `r`; 0 without one."""
    end = data.find(b">", at)
    ref = _CELL_REF.search(data, at, end if end != -1 else len(data))
    if ref is None:
        return 0
    number = 0
    for letter in ref.group(1).upper():
        number = number * 26 + letter - 64
    return number


def _chunks(archive: zipfile.ZipFile, member: str, sheet: str | None) -> Iterator[bytes]:
    """A member's bytes as it unpacks, in stretches that each end just before a `<`, so that
    no tag is split between two of them."""
    tail = b""
    try:
        with archive.open(member) as handle:
            while chunk := handle.read(_CHUNK):
                data = tail + chunk
                cut = data.rfind(b"<")
                if cut <= 0:
                    cut = len(data) if cut == -1 else 0
                tail = data[cut:]
                if len(tail) > _LONGEST_RUN:
                    detail = f"{member}: more than {_LONGEST_RUN // 1024} kB without a tag"
                    raise ReaderError(
                        [Problem("xlsx_unreadable", params={"detail": detail}, sheet=sheet)]
                    )
                if cut:
                    yield data[:cut]
    except ReaderError:
        raise
    # RuntimeError: an encrypted member, or a compression zipfile does not know.
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        ValueError,
    ) as exc:
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise ReaderError(
            [Problem("xlsx_unreadable", params={"detail": detail}, sheet=sheet)]
        ) from None
    if tail:
        yield tail


def _read_index(archive: zipfile.ZipFile, member: str) -> bytes:
    with archive.open(member) as handle:
        return handle.read(_LONGEST_INDEX)


def _attributes(tag: bytes) -> dict[str, str]:
    """A tag's attributes by local name (`r:id` -> `id`), values unescaped."""
    found: dict[str, str] = {}
    for name, double, single in _ATTRIBUTE.findall(tag):
        value = (double or single).decode("utf-8", "replace")
        found[name.decode("ascii", "replace").rsplit(":", 1)[-1]] = re.sub(
            "&(?:lt|gt|quot|apos|amp);", lambda m: _XML_ESCAPES[m.group(0)], value
        )
    return found


def _worksheets(archive: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str, bool]] | None:
    """(member, title, hidden) of every worksheet workbook.xml lists, in its order (the
    reader reads the first one not hidden). None when the index cannot be followed."""
    rels_path = "xl/_rels/workbook.xml.rels"
    if "xl/workbook.xml" not in names or rels_path not in names:
        return None
    try:
        workbook = _read_index(archive, "xl/workbook.xml")
        rels = _read_index(archive, rels_path)
    except Exception:  # a damaged index: count every sheet instead
        return None
    targets: dict[str, str] = {}
    for tag in _TAG[b"Relationship"].findall(rels):
        rel = _attributes(tag)
        if rel.get("Type", "").endswith("/worksheet") and "Id" in rel and "Target" in rel:
            target = rel["Target"]
            path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            targets[rel["Id"]] = posixpath.normpath(path)
    listed = []
    for tag in _TAG[b"sheet"].findall(workbook):
        sheet = _attributes(tag)
        member = targets.get(sheet.get("id", ""))
        if member is None:
            continue  # a chart sheet: openpyxl does not read it as a table
        if member not in names:
            return None
        hidden = sheet.get("state") in ("hidden", "veryHidden")
        listed.append((member, clean_text(sheet.get("name", "")), hidden))
    return listed


def _shared_strings_path(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """Where the workbook keeps its shared text, found the way openpyxl finds it."""
    if "[Content_Types].xml" in names:
        try:
            types = _read_index(archive, "[Content_Types].xml")
        except Exception:
            types = b""
        for tag in _TAG[b"Override"].findall(types):
            part = _attributes(tag)
            if part.get("ContentType", "").endswith(".sharedStrings+xml"):
                path = part.get("PartName", "").lstrip("/")
                return path if path in names else None
    return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else None
