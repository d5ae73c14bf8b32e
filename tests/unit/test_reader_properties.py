"""Whatever a coordinator uploads, reading and checking it ends in a result or a ReaderError
with words for the coordinator, never in a traceback.

Three sources of input: arbitrary bytes; arbitrary text written in the dialects Excel uses
(encodings, delimiters, line endings, quoting); and files whose headers are real column
names and whose cells mix valid, borderline and broken values, so that the checks behind
the header matching (parsing, pandera, rules across rows) run too.
"""

from __future__ import annotations

import csv
import io

import hypothesis.strategies as st
import openpyxl
from hypothesis import HealthCheck, given, settings

from tests.conftest import examples
from uccn_data.problems import Problem, ReaderError
from uccn_data.reader import RawTable, read_file
from uccn_data.tables import TABLES, header_aliases
from uccn_data.validation import CheckedFile, check

SETTINGS = settings(
    max_examples=examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16"]
DELIMITERS = [";", ",", "\t"]
NEWLINES = ["\r\n", "\n", "\r"]

# Characters that matter to a CSV reader, and some that matter to Swedish text.
TRICKY = list(';,\t"\r\n \u00a0\u202fåäöÅÄÖé€–\x00\x1a\ufeff')


def assert_bilingual(problem: Problem) -> None:
    sv, en = problem.message("sv"), problem.message("en")
    assert sv.strip() and en.strip(), problem
    assert sv != en, problem


def read_and_check_everything(data: bytes, filename: str) -> None:
    """The property: a RawTable or a ReaderError; then check() never raises for any table."""
    try:
        raw = read_file(data, filename)
    except ReaderError as error:
        assert error.problems
        for problem in error.problems:
            assert_bilingual(problem)
        return
    assert isinstance(raw, RawTable)
    assert len(raw.headers) == len(raw.columns)
    for column in raw.columns:
        assert len(column) == raw.n_rows
    rows = raw.excel_rows.to_pylist()
    assert all(r >= 2 for r in rows)
    assert rows == sorted(set(rows))
    for problem in raw.problems:
        assert_bilingual(problem)
        assert problem.row is None or problem.row >= 2
    for table in TABLES.values():
        checked = check(raw, table)
        assert isinstance(checked, CheckedFile)
        assert checked.data.column_names == table.stored_names  # (v2) with what goes beside
        for problem in [*checked.errors, *checked.warnings]:
            assert_bilingual(problem)
            assert problem.row is None or problem.row >= 1


# --- arbitrary bytes ---------------------------------------------------------------------

MAGIC = st.sampled_from(
    [b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"]
)


@SETTINGS
@given(
    prefix=MAGIC,
    body=st.binary(max_size=400),
    name=st.sampled_from(["f.csv", "f.xlsx", "f.txt", ""]),
)
def test_arbitrary_bytes(prefix: bytes, body: bytes, name: str) -> None:
    read_and_check_everything(prefix + body, name)


# --- arbitrary text in the dialects Excel writes -------------------------------------------

cell_text = st.one_of(
    st.text(alphabet=st.sampled_from(TRICKY + list("ab1-.")), max_size=8),
    st.text(max_size=8),
)


@st.composite
def csv_text(draw: st.DrawFn) -> bytes:
    grid = draw(st.lists(st.lists(cell_text, max_size=6), max_size=6))
    delimiter = draw(st.sampled_from(DELIMITERS))
    newline = draw(st.sampled_from(NEWLINES))
    if draw(st.booleans()):  # written by a CSV writer: quoted where needed
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
        writer.writerows(grid)
        text = buffer.getvalue()
    else:  # written by hand: no quoting at all
        text = newline.join(delimiter.join(row) for row in grid)
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


@SETTINGS
@given(data=csv_text())
def test_arbitrary_text_in_any_dialect(data: bytes) -> None:
    read_and_check_everything(data, "fil.csv")


# --- files with real headers and borderline cells ------------------------------------------

ALL_HEADERS = sorted({alias for t in TABLES.values() for alias in header_aliases(t)})

BORDERLINE_CELLS = [
    "",
    " ",
    "x",
    "A-1",
    "A 1",
    "0",
    "-1",
    "1,5",
    "12 500,50 kr",
    "100 000 000",
    "9" * 20,
    "1e308",
    "nan",
    "inf",
    "2023-04-15",
    "2023-02-30",
    "2023-04",
    "2023-13",
    "0000-01-01",
    "2923-05-01",
    "9999-12-31",
    "2023-04-15 25:61",
    "ja",
    "nej",
    "x",
    "kanske",
    "Norge",
    "Bergen",
    "Atlantis",
    "Åre",
    "2321",
    "annan",
    "11.4; 11.a",
    "11.99",
    "556036-0793",
    "556036-0794",
    "165560360793",
    "Östersunds kommun",
    "Kompetensutveckling",
    "Mat/gastronomi",
    "Internationell",
    "Genomförd",
    "Utresande",
    "Resor",
    "Livsmedel",
    "Mikro",
    "Aktiviteter",
    "2024",
    "744",
    "=1+1",
    "T" * 300,
]

borderline = st.one_of(st.sampled_from(BORDERLINE_CELLS), cell_text)


@st.composite
def realistic_file(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    table = draw(st.sampled_from(list(TABLES.values())))
    # Mostly a table's own columns (so every check runs), sometimes mixed with others.
    own = [c.alias for c in table.columns]
    headers = draw(
        st.one_of(
            st.permutations(own),
            st.lists(st.sampled_from(ALL_HEADERS + own + [""]), min_size=1, max_size=10),
        )
    )
    rows = draw(
        st.lists(
            st.lists(borderline, min_size=len(headers), max_size=len(headers)),
            max_size=5,
        )
    )
    return list(headers), rows


# These run pandera for the table the headers name, so they are slower per example.
@settings(SETTINGS, max_examples=examples(150))
@given(file=realistic_file(), encoding=st.sampled_from(["utf-8-sig", "cp1252", "utf-16"]))
def test_realistic_headers_with_borderline_cells(
    file: tuple[list[str], list[list[str]]], encoding: str
) -> None:
    headers, rows = file
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    read_and_check_everything(buffer.getvalue().encode(encoding, errors="replace"), "fil.csv")


@settings(SETTINGS, max_examples=examples(40))
@given(file=realistic_file())
def test_realistic_xlsx(file: tuple[list[str], list[list[str]]]) -> None:
    headers, rows = file
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    # openpyxl refuses control characters in cells; Excel cannot hold them either.
    for r, row in enumerate([headers, *rows], start=1):
        for c, value in enumerate(row, start=1):
            text = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
            sheet.cell(row=r, column=c, value=_as_excel_value(text))
    out = io.BytesIO()
    book.save(out)
    read_and_check_everything(out.getvalue(), "fil.xlsx")


def _as_excel_value(text: str) -> object:
    """Numbers as numbers, the way Excel stores what it recognises as one."""
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text or None
    return number if abs(number) < 1e300 else text
