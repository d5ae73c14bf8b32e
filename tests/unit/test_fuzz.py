"""Hostile uploads through the whole import: whatever comes in, `import_file` gives a report
(or the package's own UccnDataError), every problem has words in Swedish and English, and a
refused file leaves the store exactly as it was.

Inputs: random bytes; random CSV dialects (delimiters, quote characters and styles, line
endings) in every text encoding Python knows; huge fields, very many columns, deeply nested
and unbalanced quotes, NUL bytes; random zips dressed up as .xlsx. Then each limit (file
size, rows, columns, field length) is tested on its own, with a clear message.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import encodings
import hashlib
import io
import pkgutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings

from tests.conftest import examples, new_store, swedish_csv
from uccn_data import reader
from uccn_data.importer import ImportReport, import_file
from uccn_data.problems import Problem, UccnDataError
from uccn_data.store import Store
from uccn_data.tables import TABLES, header_aliases

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


def _text_encodings() -> list[str]:
    """Every text codec in the standard library's `encodings` package."""
    found = set()
    for module in pkgutil.iter_modules(encodings.__path__):
        try:
            info = codecs.lookup(module.name)
        except LookupError:
            continue
        if getattr(info, "_is_text_encoding", True):
            found.add(info.name)
    return sorted(found)


ENCODINGS = _text_encodings()
TABLE_CHOICES = [None, "okänd_tabell", *TABLES, *(t.alias for t in TABLES.values())]
ALL_HEADERS = sorted({alias for t in TABLES.values() for alias in header_aliases(t)})


# --- the property ------------------------------------------------------------------------


def _digest(path: Path) -> tuple[str, bool]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.with_name(
        path.name + ".wal"
    ).exists()


class Guard:
    """A store with work in it, shared by the examples, and the check made after each one."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.digest = _digest(store.path)
        self.accepted = 0
        self.refused = 0

    def attempt(self, data: bytes, file_name: str, table: str | None) -> ImportReport | None:
        try:
            report = import_file(self.store, data, file_name, table, user="fuzz")
        except UccnDataError as error:  # allowed, though import_file reports these itself
            assert error.problems
            for problem in error.problems:
                assert_bilingual(problem)
            report = None
        else:
            for problem in [*report.errors, *report.warnings]:
                assert_bilingual(problem)
            if report.ok:  # a random file that happens to be valid: it went in whole
                assert report.result is not None and report.result.import_id is not None
                self.accepted += 1
                self.digest = _digest(self.store.path)
                return report
            assert report.errors
        self.refused += 1
        assert _digest(self.store.path) == self.digest, "a refused file changed the store"
        return report


def assert_bilingual(problem: Problem) -> None:
    sv, en = problem.message("sv"), problem.message("en")
    assert sv.strip() and en.strip() and sv != en, problem
    assert "{" not in sv and "{" not in en, problem  # every placeholder filled in


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Guard]:
    store = new_store(tmp_path_factory.mktemp("fuzz") / "uccn.duckdb")
    header = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå"]
    row = ["A1", "Matmöte", "Kompetensutveckling", "Mat", "2023-04-01", "regional"]
    rows = [[*header, "ansvarig", "status"], [*row, "gemensam", "genomförd"]]
    assert import_file(store, swedish_csv(rows), "a.csv", "activities", user="t").ok
    yield Guard(store)


# --- random bytes --------------------------------------------------------------------------

MAGIC = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"PK\x03\x04"]
MAGIC += [b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"GIF8", b'"', b"\x00"]
NAMES = ["f.csv", "f.xlsx", "f.xls", "f.ods", "f.txt", "", "kostnader"]


@settings(SETTINGS, max_examples=examples(900))
@given(
    prefix=st.sampled_from(MAGIC),
    body=st.binary(max_size=600),
    name=st.sampled_from(NAMES),
    table=st.sampled_from(TABLE_CHOICES),
)
def test_random_bytes(guard: Guard, prefix: bytes, body: bytes, name: str, table: str | None):
    guard.attempt(prefix + body, name, table)


# --- random dialects in every encoding -----------------------------------------------------

TRICKY = list(";,\t|\"'\\\r\n \u00a0\u202f\u2028\u0085åäöÅÄÖé€–\x00\x1a\ufeff\ud7ff")
cell = st.one_of(
    st.text(alphabet=st.sampled_from([*TRICKY, "a", "1", "-", ".", "x"]), max_size=10),
    st.text(max_size=10),
    st.sampled_from(ALL_HEADERS),
    st.sampled_from(["2023-04-15", "12 500,50 kr", "ja", "Mat", "regional", "556036-0793"]),
)


@st.composite
def dialect_file(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(1, 8))
    header = draw(st.lists(st.sampled_from(ALL_HEADERS) | cell, min_size=width, max_size=width))
    body = draw(st.lists(st.lists(cell, min_size=0, max_size=width + 2), max_size=6))
    delimiter = draw(st.sampled_from([";", ",", "\t", "|", " ", ":"]))
    quotechar = draw(st.sampled_from(['"', "'"]))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r", "\n\r", "\u2028"]))
    style = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE, "raw"]))
    rows = [header, *body]
    text = newline.join(delimiter.join(row) for row in rows)  # typed by hand: no quoting
    if style != "raw":
        buffer = io.StringIO()
        writer = csv.writer(
            buffer,
            delimiter=delimiter,
            quotechar=quotechar,
            quoting=style,
            escapechar="\\",
            lineterminator=newline,
        )
        with contextlib.suppress(csv.Error):  # a row this style cannot write: kept by hand
            writer.writerows(rows)
            text = buffer.getvalue()
    encoding = draw(st.sampled_from(ENCODINGS))
    try:
        data = text.encode(encoding, errors="replace")
    except (UnicodeError, LookupError, TypeError, ValueError):
        assume(False)
    if draw(st.booleans()):  # a stray NUL somewhere, as a damaged file has
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    return data


@settings(SETTINGS, max_examples=examples(900))
@given(data=dialect_file(), table=st.sampled_from(TABLE_CHOICES))
def test_random_dialects_in_every_encoding(guard: Guard, data: bytes, table: str | None):
    guard.attempt(data, "fil.csv", table)


# --- huge fields, very many columns, nested and unbalanced quotes -------------------------


@st.composite
def extreme_file(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["huge_field", "many_columns", "nested_quotes", "unbalanced"]))
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    header = delimiter.join(["post_id", "datum", "belopp", "finansiar", "kategori"])
    if kind == "huge_field":
        size = draw(st.sampled_from([reader.MAX_FIELD_CHARS, reader.MAX_FIELD_CHARS + 1]))
        size = draw(st.sampled_from([size, 70_000, 300_000]))
        char = draw(st.sampled_from(["x", "å", '"', delimiter, "\n", "€"]))
        field = char * size
        quoted = draw(st.booleans())
        if quoted:
            field = '"' + field.replace('"', '""') + '"'
        text = f"{header}\nP1{delimiter}{field}{delimiter}1{delimiter}extern{delimiter}resor\n"
    elif kind == "many_columns":
        width = draw(st.sampled_from([201, 1000, 20_000, 200_000]))
        text = delimiter.join(f"c{i}" for i in range(width)) + "\n" + delimiter * (width - 1)
    elif kind == "nested_quotes":
        depth = draw(st.integers(1, 20_000))
        inner = draw(st.sampled_from(["a", "", delimiter, "\n"]))
        text = f"{header}\n" + '"' * depth + inner + '"' * draw(st.integers(0, depth + 3))
    else:
        row = draw(st.lists(st.sampled_from(['"', '""', "a", delimiter, "\n", "\r"]), max_size=60))
        text = f"{header}\n" + "".join(row) + "\n" + delimiter.join(["P2", "2023-01-01"])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-32"]))
    return text.encode(encoding, errors="replace")


@settings(SETTINGS, max_examples=examples(200))
@given(data=extreme_file())
def test_huge_fields_many_columns_and_deep_quotes(guard: Guard, data: bytes):
    guard.attempt(data, "fil.csv", "spending")


# --- zips dressed up as .xlsx --------------------------------------------------------------

XLSX_PARTS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "docProps/core.xml",
    "word/document.xml",
    "content.xml",
    "../../evil.txt",
    "/absolute.xml",
]
XML_SNIPPETS = [
    b"",
    b"<?xml version='1.0'?>",
    b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>99</v></c></row></sheetData>",
    b"<workbook><sheets><sheet name='x' sheetId='1' r:id='rId9'/></sheets></workbook>",
    b"<sst><si><t>\x00</t></si>",
    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
    b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;'>"
    b"]><x>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</x>",
    b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
]


def _real_xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


REAL_XLSX = _real_xlsx(
    [["post_id", "datum", "belopp", "finansiar", "kategori"], ["P1", "2023-04-01", 12.5, "x", "y"]]
)


@st.composite
def xlsx_like(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):  # a real workbook, damaged
        data = bytearray(REAL_XLSX)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
        return bytes(data[: draw(st.integers(4, len(data)))])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=draw(st.sampled_from([0, 8]))) as book:
        for name in draw(st.lists(st.sampled_from(XLSX_PARTS), unique=True, max_size=8)):
            content = draw(st.sampled_from(XML_SNIPPETS) | st.binary(max_size=200))
            book.writestr(name, content)
    return out.getvalue()


@settings(SETTINGS, max_examples=examples(300))
@given(data=xlsx_like(), table=st.sampled_from([None, "spending"]))
def test_random_zips_dressed_as_xlsx(guard: Guard, data: bytes, table: str | None):
    guard.attempt(data, "fil.xlsx", table)


def test_the_fuzzing_left_the_store_as_it_was(guard: Guard):
    """Run after the fuzzing above: whatever was tried, only whole, valid files went in."""
    with guard.store.reading() as conn:
        log = conn.execute("select count(*) from import_log").fetchall()[0][0]
    assert log == 1 + guard.accepted


# --- each limit, on its own ----------------------------------------------------------------

SPENDING = [["post_id", "datum", "belopp", "finansiar", "kategori"]]
ROW = ["P{}", "2023-04-01", "100", "extern", "resor"]


def rows(n: int) -> list[list[str]]:
    return SPENDING + [[v.format(i) for v in ROW] for i in range(n)]


def limit_files() -> list[tuple[bytes, str]]:
    """A file just past each shipped limit, with the code it is refused with."""
    return [
        (";".join(f"c{i}" for i in range(1_000_000)).encode(), "too_many_columns"),
        (
            swedish_csv([*SPENDING, ["P1", "x" * (reader.MAX_FIELD_CHARS + 1), "1", "e", "r"]]),
            "field_too_long",
        ),
        (b"post_id\n" + b"P\n" * (reader.MAX_ROWS + 1), "too_many_rows"),
        (b"post_id\n" + b"x" * reader.MAX_FILE_BYTES, "file_too_large"),
    ]


def refused_with(guard: Guard, data: bytes, name: str, code: str) -> Problem:
    report = guard.attempt(data, name, "spending")
    assert report is not None and not report.ok
    problem = next((p for p in report.errors if p.code == code), None)
    assert problem is not None, [p.code for p in report.errors]
    return problem


def test_file_size_limit(guard: Guard, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1024 * 1024)
    data = swedish_csv(rows(40_000))
    assert len(data) > 1024 * 1024
    problem = refused_with(guard, data, "stor.csv", "file_too_large")
    assert "1 MB" in problem.message("en") and "1 MB" in problem.message("sv")
    refused_with(guard, b"PK\x03\x04" + data, "stor.xlsx", "file_too_large")


def test_row_limit(guard: Guard, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    problem = refused_with(guard, swedish_csv(rows(6)), "rader.csv", "too_many_rows")
    assert "5 rows" in problem.message("en") and "5 rader" in problem.message("sv")
    refused_with(guard, _real_xlsx(rows(6)), "rader.xlsx", "too_many_rows")
    assert guard.attempt(swedish_csv(rows(5)), "fem.csv", "spending").ok  # type: ignore[union-attr]


def test_column_limit(guard: Guard, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(reader, "MAX_COLUMNS", 5)
    wide = [[*r, "extra"] for r in rows(2)]
    problem = refused_with(guard, swedish_csv(wide), "bred.csv", "too_many_columns")
    assert "6" in problem.message("en") and "at most 5" in problem.message("en")
    assert "högst 5" in problem.message("sv")
    refused_with(guard, _real_xlsx(wide), "bred.xlsx", "too_many_columns")


def test_field_length_limit(guard: Guard, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(reader, "MAX_FIELD_CHARS", 50)
    long = rows(3)
    long[2][1] = "x" * 51
    problem = refused_with(guard, swedish_csv(long), "lang.csv", "field_too_long")
    # The column by its contract name, as every other problem names it (Swedish pages show
    # the alias).
    assert (problem.row, problem.column) == (3, "date")
    assert "50" in problem.message("en") and "50" in problem.message("sv")
    refused_with(guard, _real_xlsx(long), "lang.xlsx", "field_too_long")


def test_the_real_limits_are_refused_with_their_own_message(guard: Guard):
    """At the shipped limits: a million columns, a field one past Excel's cell limit, one
    row too many and a file one byte too large are each refused with their own message.
    (That this takes seconds, not minutes, is measured by `make bench`: benchmarks/limits.py.)"""
    for data, code in limit_files():
        refused_with(guard, data, "gräns.csv", code)


def _xlsx_with_cell(text: str) -> bytes:
    """A real workbook whose one data cell holds `text` (written into the zip directly:
    openpyxl itself stops at Excel's cell limit). Repeated text zips to almost nothing."""
    source = zipfile.ZipFile(io.BytesIO(_real_xlsx([["post_id"], ["PLACEHOLDER"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for member in source.infolist():
            content = source.read(member.filename)
            book.writestr(member.filename, content.replace(b"PLACEHOLDER", text.encode()))
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(guard: Guard, monkeypatch):
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 1024 * 1024)
    bomb = _xlsx_with_cell("a" * 2 * 1024 * 1024)
    assert len(bomb) < 20_000
    problem = refused_with(guard, bomb, "bomb.xlsx", "file_too_large")
    assert "1 MB" in problem.message("en")


def test_a_zip_that_lies_about_its_sizes_is_refused(guard: Guard):
    """zipfile never unpacks more than a member declares: a member that declares 1 kB but
    holds megabytes is cut off there and fails its checksum, instead of filling memory."""
    data = bytearray(_xlsx_with_cell("a" * 3 * 1024 * 1024))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as book:
        sheet = book.getinfo("xl/worksheets/sheet1.xml")
        real = sheet.file_size.to_bytes(4, "little")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            if data[at + offset : at + offset + 4] == real:
                data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    refused_with(guard, bytes(data), "ljuger.xlsx", "xlsx_unreadable")
