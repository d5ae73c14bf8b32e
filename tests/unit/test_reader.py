"""Reading uploaded files: the CSV dialects Excel writes in Sweden and elsewhere, `.xlsx`,
and the refusals a coordinator must be able to act on.

Every file here is built in the test from Python text and encoded the way Excel (or a
hand) would, so the bytes under test are visible next to the assertions.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime

import openpyxl
import pytest

from uccn_data import reader
from uccn_data.problems import Problem, ReaderError
from uccn_data.reader import RawTable, read_file
from uccn_data.tables import TABLES
from uccn_data.validation import check

NBSP = "\u00a0"  # no-break space: Swedish Excel's thousands separator
NNBSP = "\u202f"  # narrow no-break space: what newer Excel/Windows locales write

SPENDING_HEADER = ["post_id", "datum", "belopp", "finansiär", "kategori"]


# --- helpers -----------------------------------------------------------------------------


def assert_bilingual(problem: Problem) -> None:
    """A coordinator reads every problem in Swedish or English: both exist and differ."""
    sv, en = problem.message("sv"), problem.message("en")
    assert sv.strip(), problem
    assert en.strip(), problem
    assert sv != en, problem


def refused(data: bytes, filename: str = "fil.csv") -> ReaderError:
    with pytest.raises(ReaderError) as info:
        read_file(data, filename)
    error = info.value
    assert error.problems, "a ReaderError must carry at least one problem"
    for problem in error.problems:
        assert_bilingual(problem)
    assert error.message("sv").strip() and error.message("en").strip()
    assert error.message("sv") != error.message("en")
    return error


def cells(raw: RawTable, header: str) -> list[str | None]:
    return raw.columns[raw.headers.index(header)].to_pylist()


def rows_of(raw: RawTable) -> list[int]:
    return raw.excel_rows.to_pylist()


def xlsx_bytes(*sheets: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    for i, rows in enumerate(sheets):
        sheet = first if i == 0 else book.create_sheet(f"Blad{i + 1}")
        if i == 0:
            sheet.title = "Blad1"
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_zip_member(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                content = change(content)
            target.writestr(item, content)
    return out.getvalue()


# --- CSV dialects ------------------------------------------------------------------------


def test_windows_1252_semicolon_decimal_comma_kr_and_crlf() -> None:
    """'CSV (semikolonavgränsad)' from Swedish Excel on Windows."""
    text = (
        "post_id;datum;belopp;finansiär;kategori;finansiär_namn\r\n"
        f"K-1;2023-04-15;12{NBSP}500,50 kr;Östersunds kommun;Resor;\r\n"
        "K-2;2023-04-16;1 000 kr;Region Jämtland Härjedalen;Övrigt;\r\n"
        "K-3;2023-04-17;99,5;Extern;Marknadsföring;Tillväxtverket\r\n"
    )
    data = text.encode("cp1252")
    assert b"\xe4" in data and b"\xd6" in data and b"\xa0" in data  # ä, Ö, NBSP as cp1252

    raw = read_file(data, "kostnader.csv")

    assert raw.headers == [*SPENDING_HEADER, "finansiär_namn"]
    assert rows_of(raw) == [2, 3, 4]
    assert raw.problems == []
    # The reader keeps text exactly as typed; only an empty cell becomes None.
    assert cells(raw, "belopp") == [f"12{NBSP}500,50 kr", "1 000 kr", "99,5"]
    assert cells(raw, "finansiär") == [
        "Östersunds kommun",
        "Region Jämtland Härjedalen",
        "Extern",
    ]
    assert cells(raw, "finansiär_namn") == [None, None, "Tillväxtverket"]
    assert all(isinstance(v, str) for v in cells(raw, "kategori"))
    assert "\r" not in "".join(v or "" for c in raw.columns for v in c.to_pylist())

    checked = check(raw, TABLES["spending"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data["amount_sek"].to_pylist() == [12500.5, 1000.0, 99.5]
    assert checked.data["funder"].to_pylist() == ["ostersund", "region", "external"]
    assert checked.data["category"].to_pylist() == ["travel", "other", "marketing"]


def test_quoted_delimiters_and_line_breaks_do_not_shift_excel_rows() -> None:
    """A cell with Alt+Enter line breaks is one Excel row, however many lines it takes."""
    text = (
        "aktivitet_id;titel;beskrivning\r\n"
        'A-1;"Matdag; Östersund";"Första raden\r\nandra raden\r\ntredje raden"\r\n'
        'A-2;Kurs;"citat ""inom"" cell; med semikolon"\r\n'
        'A-3;"Två\nrader";Enkel\r\n'
        "A-4;Sista;Slut\r\n"
    )
    raw = read_file(text.encode("cp1252"), "aktiviteter.csv")

    assert cells(raw, "aktivitet_id") == ["A-1", "A-2", "A-3", "A-4"]
    assert rows_of(raw) == [2, 3, 4, 5]
    assert cells(raw, "titel") == ["Matdag; Östersund", "Kurs", "Två\nrader", "Sista"]
    description = cells(raw, "beskrivning")
    assert description[0] is not None
    assert description[0].splitlines() == ["Första raden", "andra raden", "tredje raden"]
    assert description[1] == 'citat "inom" cell; med semikolon'
    assert raw.problems == []


def test_utf8_with_bom_and_narrow_no_break_space() -> None:
    """'CSV UTF-8 (kommaavgränsad)' from Excel: a BOM, `;` in Sweden, U+202F in numbers."""
    text = (
        "post_id;datum;belopp;finansiär;kategori\n"
        f"K-1;2023-04-15;12{NNBSP}500,50;Extern;Resor\n"
        f"K-2;2023-04-15;1{NNBSP}234{NNBSP}567 SEK;extern;resor\n"
    )
    data = text.encode("utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")

    raw = read_file(data, "kostnader.csv")

    assert raw.headers == SPENDING_HEADER  # no BOM glued to the first header
    assert cells(raw, "belopp") == [f"12{NNBSP}500,50", f"1{NNBSP}234{NNBSP}567 SEK"]
    checked = check(raw, TABLES["spending"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data["amount_sek"].to_pylist() == [12500.5, 1234567.0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_tab_separated(encoding: str) -> None:
    """Excel's 'Unicode text' export: UTF-16 with a byte order mark, tab-separated."""
    text = (
        "Organisation\tMånad\tTimmar\r\n"
        "Östersunds kommun\t2023-04\t42,5\r\n"
        "Region Jämtland Härjedalen\t2023-05\t140\r\n"
    )
    data = text.encode(encoding)
    if encoding != "utf-16":  # the plain codec adds the BOM itself
        data = "\ufeff".encode(encoding) + data
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")

    raw = read_file(data, "arbetstid.txt")

    assert raw.headers == ["Organisation", "Månad", "Timmar"]
    assert rows_of(raw) == [2, 3]
    assert cells(raw, "Organisation") == ["Östersunds kommun", "Region Jämtland Härjedalen"]
    checked = check(raw, TABLES["staff_time"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data["hours"].to_pylist() == [42.5, 140.0]
    assert checked.data["month"].to_pylist() == [date(2023, 4, 1), date(2023, 5, 1)]


def test_comma_delimited_with_decimal_point() -> None:
    """An English-locale Excel export: `,` between fields, `.` in numbers."""
    text = (
        "spending_id,date,amount_sek,funder,category,funder_name\n"
        'S1,2023-04-15,12500.50,External,Travel,"EU, Interreg Aurora"\n'
        "S2,2023-04-16,99.5,Region Jämtland Härjedalen,Staff,\n"
    )
    raw = read_file(text.encode("utf-8"), "spending.csv")

    assert raw.headers == [
        "spending_id",
        "date",
        "amount_sek",
        "funder",
        "category",
        "funder_name",
    ]
    assert cells(raw, "funder_name") == ["EU, Interreg Aurora", None]
    checked = check(raw, TABLES["spending"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data["amount_sek"].to_pylist() == [12500.5, 99.5]


def test_tab_delimited_utf8() -> None:
    text = "år\tnyckeltal\tmålvärde\n2024\tAktiviteter\t12\n2024\tVäxling\t1,5\n"
    raw = read_file(text.encode("utf-8"), "mal.tsv")
    assert raw.headers == ["år", "nyckeltal", "målvärde"]
    assert cells(raw, "nyckeltal") == ["Aktiviteter", "Växling"]
    assert rows_of(raw) == [2, 3]


# One table written in every dialect the contract accepts reads to the same typed rows.
DIALECT_ROWS = [
    ["K-1", "2023-04-15", "12 500,50 kr", "Östersunds kommun", "Resor"],
    ["K-2", "2023-04-16 09:30", "1 000", "Extern", "Övrigt"],
    ["K-3", "2023-04-17", "0,75", "Region Jämtland Härjedalen", "Evenemang"],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "newline", "decimal"),
    [
        ("cp1252", ";", "\r\n", ","),
        ("cp1252", ";", "\n", ","),
        ("utf-8", ";", "\r\n", ","),
        ("utf-8-sig", ";", "\r\n", ","),
        ("utf-8-sig", ",", "\r\n", "."),
        ("utf-8", ",", "\n", "."),
        ("utf-8", "\t", "\n", ","),
        ("utf-8-sig", "\t", "\r\n", "."),
        ("utf-16", "\t", "\r\n", ","),
        ("cp1252", "\t", "\r\n", ","),
        ("utf-8", ";", "\r", ","),  # old Mac Excel's 'CSV (Macintosh)'
    ],
)
def test_every_accepted_dialect_reads_the_same(
    encoding: str, delimiter: str, newline: str, decimal: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(SPENDING_HEADER)
    for row in DIALECT_ROWS:
        amount = row[2].replace(",", decimal)
        writer.writerow([row[0], row[1], amount, row[3], row[4]])
    raw = read_file(buffer.getvalue().encode(encoding), "kostnader.csv")

    assert raw.headers == SPENDING_HEADER
    assert rows_of(raw) == [2, 3, 4]
    assert raw.problems == []
    checked = check(raw, TABLES["spending"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    # The file's columns (v2 keeps a date's precision and the currency beside them).
    v1 = ["spending_id", "date", "amount_sek", "funder", "funder_name", "category", "activity_id"]
    assert checked.data.select(v1).to_pylist() == [
        {
            "spending_id": "K-1",
            "date": date(2023, 4, 15),
            "amount_sek": 12500.5,
            "funder": "ostersund",
            "funder_name": None,
            "category": "travel",
            "activity_id": None,
        },
        {
            "spending_id": "K-2",
            "date": date(2023, 4, 16),
            "amount_sek": 1000.0,
            "funder": "external",
            "funder_name": None,
            "category": "other",
            "activity_id": None,
        },
        {
            "spending_id": "K-3",
            "date": date(2023, 4, 17),
            "amount_sek": 0.75,
            "funder": "region",
            "funder_name": None,
            "category": "events",
            "activity_id": None,
        },
    ]


def test_blank_and_delimiter_only_rows_are_dropped_but_still_counted() -> None:
    """Excel leaves `;;;;` rows behind; they vanish, and later rows keep their numbers."""
    text = (
        "post_id;datum;belopp;finansiär;kategori\r\n"
        "K-1;2023-04-15;10;Extern;Resor\r\n"
        ";;;;\r\n"
        "\r\n"
        "K-2;2023-04-16;20;Extern;Resor\r\n"
        " ; ;  ; ;\r\n"
        ";;;;\r\n"
    )
    raw = read_file(text.encode("cp1252"), "kostnader.csv")
    assert cells(raw, "post_id") == ["K-1", "K-2"]
    assert rows_of(raw) == [2, 5]
    assert raw.problems == []


def test_whitespace_only_cells_are_empty() -> None:
    raw = read_file("a;b;c\r\nx; ;\u00a0\r\n".encode(), "f.csv")
    assert [c.to_pylist() for c in raw.columns] == [["x"], [None], [None]]


def test_header_only_file_reads_with_no_rows() -> None:
    raw = read_file(b"post_id;datum;belopp;finansi\xe4r;kategori\r\n", "k.csv")
    assert raw.headers == SPENDING_HEADER
    assert raw.n_rows == 0
    checked = check(raw, TABLES["spending"])
    assert [p.code for p in checked.errors] == ["no_rows"]
    assert_bilingual(checked.errors[0])


# --- rows with the wrong number of fields --------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "bad_row", "good_rows"),
    [
        # (data lines after the header, Excel row of the bad one, Excel rows kept)
        (["1;2;3", "4;5;6;7", "8;9;10"], 3, [2, 4]),
        (['1;"två\r\nrader";3', "4;5;6;7", "8;9;10"], 3, [2, 4]),
        (['1;"två\r\nrader\r\noch tre";3', '4;"a;b";6', "7;8;9;10", "11;12;13"], 4, [2, 3, 5]),
        (["1;2;3", "", "4;5;6;7"], 4, [2]),
        # (v2) a short row is Excel leaving out trailing empty cells: kept, padded
        (["1;2", "3;4;5;6"], 3, [2]),
    ],
)
def test_ragged_row_names_its_excel_row(
    lines: list[str], bad_row: int, good_rows: list[int]
) -> None:
    text = "a;b;c\r\n" + "\r\n".join(lines) + "\r\n"
    raw = read_file(text.encode("cp1252"), "f.csv")

    ragged = [p for p in raw.problems if p.code == "ragged_row"]
    assert [p.row for p in ragged] == [bad_row]
    assert rows_of(raw) == good_rows
    for problem in raw.problems:
        assert_bilingual(problem)
    # check() passes the reader's problems on as errors, so nothing is imported.
    checked = check(raw, TABLES["targets"])
    assert not checked.ok
    assert bad_row in [p.row for p in checked.errors if p.code == "ragged_row"]


def test_several_ragged_rows_are_all_reported() -> None:
    text = "a;b\n1;2\n3;4;5\n6;7\n8\n9;10;11;12\n"
    raw = read_file(text.encode(), "f.csv")
    # Row 5 is short: (v2) Excel left out its trailing empty cell, so it is read, padded.
    assert [(p.code, p.row) for p in raw.problems] == [("ragged_row", 3), ("ragged_row", 6)]
    assert rows_of(raw) == [2, 4, 5]
    assert cells(raw, "b") == ["2", "7", None]


def test_over_long_cell_is_reported_on_its_row() -> None:
    long_text = "x" * (reader.MAX_FIELD_CHARS + 1)
    raw = read_file(f"a;b\n1;kort\n2;{long_text}\n".encode(), "f.csv")
    problems = [p for p in raw.problems if p.code == "field_too_long"]
    assert [(p.row, p.column) for p in problems] == [(3, "b")]
    assert_bilingual(problems[0])


# --- .xlsx -------------------------------------------------------------------------------


def test_xlsx_first_sheet_with_real_dates_and_numbers() -> None:
    data = xlsx_bytes(
        [
            ["post_id", "datum", "belopp", "finansiär", "kategori", "aktivitet_id"],
            ["K-1", datetime(2023, 4, 15), 12500.5, "Östersunds kommun", "Resor", "A-1"],
            ["K-2", datetime(2023, 4, 16, 10, 30), 1000, "Extern", "Övrigt", None],
            ["K-3", date(2023, 4, 17), 7.0, "Extern", "Personal", 12],
        ],
        [["helt", "annat", "blad"], ["x", "y", "z"]],
    )
    raw = read_file(data, "kostnader.xlsx")

    assert raw.headers == ["post_id", "datum", "belopp", "finansiär", "kategori", "aktivitet_id"]
    assert rows_of(raw) == [2, 3, 4]
    assert cells(raw, "datum") == ["2023-04-15", "2023-04-16 10:30:00", "2023-04-17"]
    assert cells(raw, "belopp") == ["12500.5", "1000", "7"]
    assert cells(raw, "aktivitet_id") == ["A-1", None, "12"]

    checked = check(raw, TABLES["spending"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data["date"].to_pylist() == [
        date(2023, 4, 15),
        date(2023, 4, 16),
        date(2023, 4, 17),
    ]
    assert checked.data["amount_sek"].to_pylist() == [12500.5, 1000.0, 7.0]


def test_xlsx_first_sheet_is_read_even_when_another_is_active() -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["organisation", "månad", "timmar"])
    first.append(["Regionen", datetime(2023, 4, 1), 40])
    second = book.create_sheet("Anteckningar")
    second.append(["inte", "den", "här"])
    book.active = 1
    buffer = io.BytesIO()
    book.save(buffer)

    raw = read_file(buffer.getvalue(), "arbetstid.xlsx")
    assert raw.headers == ["organisation", "månad", "timmar"]
    checked = check(raw, TABLES["staff_time"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data.to_pylist() == [
        {"organisation": "region", "month": date(2023, 4, 1), "hours": 40.0}
    ]


def test_xlsx_trailing_and_inner_empty_rows() -> None:
    """Formatted but empty rows at the end are dropped; an empty row inside is counted."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["år", "nyckeltal", "målvärde"])
    sheet.append([2024, "Aktiviteter", 12])
    sheet.append([None, None, None])  # row 3 left empty
    sheet.append([2024, "Utbyten", 5])  # row 4
    sheet.append(["  ", None, ""])  # row 5: only blanks
    for row in range(6, 30):  # formatting left on rows below the data
        sheet.cell(row=row, column=1).number_format = "0.00"
    buffer = io.BytesIO()
    book.save(buffer)

    raw = read_file(buffer.getvalue(), "mal.xlsx")
    assert raw.headers == ["år", "nyckeltal", "målvärde"]
    assert cells(raw, "nyckeltal") == ["Aktiviteter", "Utbyten"]
    assert cells(raw, "år") == ["2024", "2024"]
    assert rows_of(raw) == [2, 4]
    checked = check(raw, TABLES["targets"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data["year"].to_pylist() == [2024, 2024]


def test_xlsx_booleans_and_empty_trailing_header_cells() -> None:
    data = xlsx_bytes(
        [
            ["utbyte_id", "datum", "riktning", "partnerstad", "land", "uccn_medlem", None],
            ["U-1", datetime(2023, 5, 10), "Utresande", "Bergen", "Norge", True, None],
            ["U-2", datetime(2023, 5, 11), "Digital", "Oslo", "Norge", False, None],
        ]
    )
    raw = read_file(data, "utbyten.xlsx")
    assert raw.headers == ["utbyte_id", "datum", "riktning", "partnerstad", "land", "uccn_medlem"]
    checked = check(raw, TABLES["exchanges"])
    assert checked.ok, [p.message("en") for p in checked.errors]
    assert checked.data["uccn_member"].to_pylist() == [True, False]


def test_xlsx_with_a_stale_dimension_record_still_reads_every_cell() -> None:
    """Some exporters write `<dimension ref="A1"/>` whatever the sheet holds; the cells are
    still there and Excel opens the file normally, so the reader must see all of them."""
    data = xlsx_bytes(
        [
            ["post_id", "datum", "belopp", "finansiär", "kategori"],
            ["K-1", datetime(2023, 4, 15), 100, "Extern", "Resor"],
            ["K-2", datetime(2023, 4, 16), 200, "Extern", "Resor"],
        ]
    )
    stale = rewrite_zip_member(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', xml),
    )
    assert b'<dimension ref="A1"/>' in zipfile.ZipFile(io.BytesIO(stale)).read(
        "xl/worksheets/sheet1.xml"
    )

    raw = read_file(stale, "kostnader.xlsx")
    assert raw.headers == SPENDING_HEADER
    assert cells(raw, "post_id") == ["K-1", "K-2"]
    assert rows_of(raw) == [2, 3]


def test_xlsx_too_many_columns() -> None:
    data = xlsx_bytes([[f"k{i}" for i in range(reader.MAX_COLUMNS + 1)], [1]])
    error = refused(data, "bred.xlsx")
    assert [p.code for p in error.problems] == ["too_many_columns"]


def test_xlsx_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    data = xlsx_bytes([["a"], *[[i] for i in range(10)]])
    error = refused(data, "lang.xlsx")
    assert [p.code for p in error.problems] == ["too_many_rows"]


# --- refusals ----------------------------------------------------------------------------


def _damaged_xlsx() -> bytes:
    good = xlsx_bytes([["a", "b"], [1, 2]])
    return good[: len(good) // 2]


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hej.txt", "inte en arbetsbok")
    return out.getvalue()


REFUSALS = [
    # (id, bytes, filename, expected problem code)
    ("empty", b"", "fil.csv", "file_empty"),
    ("only-whitespace", b"  \r\n\t \r\n   ", "fil.csv", "file_empty"),
    ("only-whitespace-utf16", " \r\n \r\n".encode("utf-16"), "fil.csv", "file_empty"),
    ("only-bom", b"\xef\xbb\xbf", "fil.csv", "file_empty"),
    ("nul-bytes", b"a;b\r\n1;\x002\r\n", "fil.csv", "binary"),
    ("utf16-without-bom", "a;b\r\n1;2\r\n".encode("utf-16-le"), "fil.csv", "binary"),
    ("old-xls-magic", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "fil.xls", "file_type"),
    (
        "old-xls-magic-named-csv",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        "fil.csv",
        "file_type",
    ),
    ("xls-extension", b"a;b\n1;2\n", "Kostnader.XLS", "file_type"),
    ("ods-extension", b"a;b\n1;2\n", "kostnader.ods", "file_type"),
    ("damaged-zip", b"PK\x03\x04" + b"\x14\x00garbage" * 20, "fil.xlsx", "xlsx_unreadable"),
    ("truncated-xlsx", _damaged_xlsx(), "fil.xlsx", "xlsx_unreadable"),
    ("zip-without-workbook", _zip_without_workbook(), "fil.xlsx", "file_type"),
    ("pdf-renamed-csv", b"%PDF-1.4\n1 0 obj\n", "aktiviteter.csv", "file_type"),
    ("png-renamed-csv", b"\x89PNG\r\n\x1a\n\x00\x00", "aktiviteter.csv", "file_type"),
    ("docx-renamed-xlsx", _docx(), "aktiviteter.xlsx", "file_type"),
    # (v2) neither Windows-1252 (0x81 is undefined) nor Mac Roman ("Åçè√") reads as text
    ("not-utf8-nor-cp1252", b"a;b\r\n\x81\x8d\x8f;\xc3\x28\r\n", "fil.csv", "encoding_implausible"),
    ("odd-length-utf16", b"\xff\xfea\x00;\x00b", "fil.csv", "encoding"),
    (
        "too-many-columns",
        (";".join(f"k{i}" for i in range(201)) + "\r\n").encode(),
        "f.csv",
        "too_many_columns",
    ),
    ("lone-quote", b'"', "fil.csv", "csv_unreadable"),
]


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [pytest.param(d, f, c, id=i) for i, d, f, c in REFUSALS],
)
def test_unreadable_files_are_refused(data: bytes, filename: str, code: str) -> None:
    error = refused(data, filename)
    assert [p.code for p in error.problems] == [code]
    # Refusals concern the whole file: no row, no column.
    assert all(p.row is None for p in error.problems)


def test_file_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1024)
    small = b"a;b\r\n1;2\r\n"
    assert read_file(small, "f.csv").n_rows == 1
    big = b"a;b\r\n" + b"1;2\r\n" * 300
    error = refused(big, "stor.csv")
    assert [p.code for p in error.problems] == ["file_too_large"]
    # also for something that looks like a workbook: size is checked first
    error = refused(b"PK\x03\x04" + b"\x00" * 2000, "stor.xlsx")
    assert [p.code for p in error.problems] == ["file_too_large"]


def test_file_at_the_size_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"a;b\r\n" + b"1;2\r\n" * 100
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", len(data))
    assert read_file(data, "f.csv").n_rows == 100


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    assert read_file(b"a\n" + b"1\n" * 5, "f.csv").n_rows == 5
    error = refused(b"a\n" + b"1\n" * 6, "f.csv")
    assert [p.code for p in error.problems] == ["too_many_rows"]


def test_exactly_the_column_limit_is_read() -> None:
    header = ";".join(f"k{i}" for i in range(reader.MAX_COLUMNS))
    raw = read_file(f"{header}\r\n{';' * (reader.MAX_COLUMNS - 1)}x\r\n".encode(), "f.csv")
    assert len(raw.headers) == reader.MAX_COLUMNS
    assert raw.columns[-1].to_pylist() == ["x"]


def test_cp1252_text_is_not_mistaken_for_broken_utf8() -> None:
    """Bytes like 0xE5 0xE4 0xF6 (åäö) are invalid UTF-8 and must fall back to cp1252."""
    data = "titel\r\nRåd för små företag – höst\r\n".encode("cp1252")
    raw = read_file(data, "f.csv")
    assert cells(raw, "titel") == ["Råd för små företag – höst"]


@pytest.mark.parametrize(
    ("data", "first_data_row"),
    [
        pytest.param(b"\r\na,b\r\n1,2\r\n", 3, id="crlf-comma"),
        pytest.param(b"\n\na,b\n1,2\n", 4, id="two-blank-lines-comma"),
        pytest.param(b"\ra;b\r1;2;3\r", None, id="old-mac-cr-ragged"),
        pytest.param(b"\xef\xbb\xbf\r\na,b\r\n1,2\r\n", 3, id="bom-crlf-comma"),
        pytest.param(b"\r\na;b\r\n1;2\r\n", 3, id="crlf-semicolon"),
    ],
)
def test_file_starting_with_a_blank_line(data: bytes, first_data_row: int | None) -> None:
    """A file whose first lines are empty is read with its real header; rows keep the
    numbers Excel shows (the empty lines count). No other exception, and the header never
    becomes a data row."""
    raw = read_file(data, "f.csv")
    assert raw.headers == ["a", "b"]
    assert len(raw.columns) == 2
    if first_data_row is None:  # the old-Mac case has a row with three fields
        assert [(p.code, p.row) for p in raw.problems] == [("ragged_row", 3)]
    else:
        assert cells(raw, "a") == ["1"]
        assert raw.excel_rows.to_pylist() == [first_data_row]


def test_xlsx_formula_results_empty_rows_above_the_header_and_escaped_returns():
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(2, 0, ["post_id", "belopp", "beskrivning"])  # rows 1 and 2 left empty
    sheet.write_row(3, 0, ["K-1", 8 * 0.3])
    sheet.write_string(3, 2, "rad 1\r\nrad 2")  # xlsxwriter stores the CR as _x000D_
    book.close()
    raw = read_file(buffer.getvalue(), "kostnader.xlsx")
    assert raw.headers == ["post_id", "belopp", "beskrivning"]
    assert raw.excel_rows.to_pylist() == [4]  # the header is on row 3
    assert cells(raw, "belopp") == ["2.4"]
    assert cells(raw, "beskrivning") == ["rad 1\r\nrad 2"]


@pytest.mark.parametrize("data", [b'"a"\n', b'"a"\n"b"\n', b'"x;y"\r\n1\r\n'])
def test_a_header_that_is_one_quoted_field_is_read(data):
    raw = read_file(data, "f.csv")
    assert len(raw.headers) == 1
