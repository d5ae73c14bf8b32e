"""Files as real spreadsheet programs write them (issue 11, DATA_CONTRACT v2): read right, or
refused with a message that names the row, column or sheet; never stored silently wrong.

Five kinds of fault: A text that looks the same but is not (NFD, odd spaces, zero-width
characters), B Excel's own CSV layout (`sep=` line, short rows), C encodings (Mac Roman,
broken or twice-encoded UTF-8), D ambiguous digit groups, E `.xlsx` structure (hidden first
sheet, formulas without a saved value). The four small files in tests/fixtures/real-life/
are copies of the failing inputs that were reported; the rest are built here.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.conftest import swedish_csv
from uccn_data.importer import ImportReport, import_file
from uccn_data.problems import Problem, ReaderError
from uccn_data.reader import read_file
from uccn_data.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "real-life"

ACTIVITY_HEADER = [
    "aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "slutdatum", "nivå",
    "ansvarig", "kommun", "deltagare", "sdg11", "partner", "status", "beskrivning",
]  # fmt: skip
ACTIVITY = [
    "A-1", "Matkväll", "Kompetensutveckling", "Mat/gastronomi", "2023-03-14", "",
    "Regional", "Gemensam", "Östersund", "40", "", "", "Genomförd", "",
]  # fmt: skip
SPENDING_HEADER = ["post_id", "datum", "belopp", "finansiär", "finansiär_namn", "kategori"]


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(store.path), read_only=True) as conn:
        return conn.sql(sql).fetchall()


def imported(store: Store, data: bytes, name: str, table: str) -> ImportReport:
    report = import_file(store, data, name, table, user="test")
    assert report.ok, [(p.where("en"), p.value, p.message("en")) for p in report.errors]
    return report


def refused(store: Store, data: bytes, name: str, table: str) -> list[Problem]:
    """The import fails, nothing is written, and every problem has both languages."""
    before = rows(store, f"select count(*) from {table}")
    report = import_file(store, data, name, table, user="test")
    assert not report.ok
    assert rows(store, f"select count(*) from {table}") == before
    for problem in report.errors:
        assert problem.message("sv") != problem.message("en")
    return report.errors


@pytest.fixture
def with_activities(store: Store) -> Store:
    imported(store, (FIXTURES / "rl-00-aktiviteter-bas.csv").read_bytes(), "bas.csv", "activities")
    return store


# --- the reported files ------------------------------------------------------------------


def test_nfd_headers_and_values_from_macos(with_activities: Store) -> None:
    data = (FIXTURES / "rl-05-nfd-headers-values.csv").read_bytes()
    assert "företagsnamn" not in data.decode()  # the file really is decomposed
    imported(with_activities, data, "rl-05.csv", "sme_participation")
    got = rows(with_activities, "select company_name, municipality from sme_participation")
    assert sorted(m for _, m in got) == ["2321", "2361", "2380"]
    # Stored text keeps the spelling, in NFC: it equals what a person types on Windows.
    names = sorted(n for n, _ in got)
    assert names[0] == "Fjällmejeriet AB" and names[1].startswith("Härjedalens")
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


def test_sep_line_sets_delimiter_and_keeps_excel_row_numbers(with_activities: Store) -> None:
    data = (FIXTURES / "rl-02-sep-line.csv").read_bytes()
    imported(with_activities, data, "rl-02.csv", "spending")
    got = dict(rows(with_activities, "select spending_id, amount_sek from spending"))
    assert {k: float(v) for k, v in got.items()} == {"K-1": 12500.50, "K-2": 8000.0}
    # A wrong cell on the second data line is row 3 in Excel, which hides the sep= line.
    broken = data.replace(b"8 000", b"8 000 pengar")
    problems = refused(with_activities, broken, "rl-02.csv", "spending")
    assert [(p.row, p.column) for p in problems] == [(3, "amount_sek")]


def test_mac_roman_is_read_as_mac_roman(with_activities: Store) -> None:
    data = (FIXTURES / "rl-04-mac-roman.csv").read_bytes()
    report = imported(with_activities, data, "rl-04.csv", "spending")
    names = [n for (n,) in rows(with_activities, "select funder_name from spending order by 1")]
    assert names == [
        "Länsstyrelsen i Jämtlands län",
        "Tillväxtverket",
        "Östersunds företagarförening",
    ]
    # Read right, and the coordinator is told how, to check the letters once.
    assert [w.code for w in report.warnings] == ["encoding_mac_roman"]
    assert "Mac Roman" in report.warnings[0].message("sv")


def test_hidden_first_sheet_is_passed_over(store: Store) -> None:
    data = (FIXTURES / "rl-10-xlsx-hidden-first-sheet.xlsx").read_bytes()
    report = imported(store, data, "rl-10.xlsx", "activities")
    assert rows(store, "select activity_id, participants from activities") == [("H-1", 650)]
    sheet_notes = [w for w in report.warnings if w.code == "xlsx_sheet_read"]
    assert len(sheet_notes) == 1
    assert "'Aktiviteter'" in sheet_notes[0].message("sv")
    assert "'Aktiviteter'" in sheet_notes[0].message("en")


# --- A: text that looks the same but is not -----------------------------------------------


def test_no_break_and_zero_width_characters_in_labels_and_headers(store: Store) -> None:
    header = [*ACTIVITY_HEADER]
    header[1] = "\ufefftitel\u200b"  # a stray BOM and a zero-width space in a header cell
    row = [*ACTIVITY]
    row[7] = "Östersunds\u00a0kommun"  # copied from a web page
    row[2] = "Information\u202foch  marknadsföring"
    row[8] = "Åre\u200b"
    imported(store, swedish_csv([header, row], "utf-8"), "a.csv", "activities")
    assert rows(store, "select title, lead, framework_area, municipality from activities") == [
        ("Matkväll", "ostersund", ["information_marketing"], ["2321"])
    ]


def test_unknown_label_still_lists_the_allowed_values(store: Store) -> None:
    row = [*ACTIVITY]
    row[8] = "Östersundd"
    problems = refused(store, swedish_csv([ACTIVITY_HEADER, row], "utf-8"), "a.csv", "activities")
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("bad_municipality", 2, "municipality")
    ]


def test_zero_width_header_in_xlsx(store: Store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    header = ["aktivitet_id\u200b", "ti\u200btel", *ACTIVITY_HEADER[2:]]
    for r, values in enumerate([header, ACTIVITY], start=1):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c, value=value or None)
    out = io.BytesIO()
    book.save(out)
    imported(store, out.getvalue(), "a.xlsx", "activities")
    assert rows(store, "select activity_id, title from activities") == [("A-1", "Matkväll")]


# --- B: Excel's CSV layout ----------------------------------------------------------------


@pytest.mark.parametrize("sep_line", ["sep=;", "SEP=;", "sep=,", "sep=\t"])
def test_any_sep_line(store: Store, sep_line: str) -> None:
    delimiter = sep_line[-1]
    lines = [
        delimiter.join(["aktivitet_id", "titel"]),
        delimiter.join(["A-1", "Matkväll"]),
    ]
    raw = read_file((f"{sep_line}\r\n" + "\r\n".join(lines) + "\r\n").encode(), "f.csv")
    assert raw.headers == ["aktivitet_id", "titel"]
    assert raw.excel_rows.to_pylist() == [2]


def test_short_rows_from_excel_are_padded(store: Store) -> None:
    """Excel leaves out trailing empty cells: the row means the same as the full one."""
    # The optional columns last, as a coordinator's own sheet may have them.
    order = [0, 1, 2, 3, 4, 6, 7, 12, 8, 9, 5, 10, 11, 13]
    header = [ACTIVITY_HEADER[i] for i in order]
    full = [ACTIVITY[i] for i in order]
    text = ";".join(header) + "\r\n" + ";".join(full[:10]) + "\r\n"
    imported(store, text.encode("cp1252"), "kort.csv", "activities")
    assert rows(store, "select participants, partners, description from activities") == [
        (40, None, None)
    ]


def test_a_row_longer_than_the_header_is_still_an_error(store: Store) -> None:
    text = ";".join(ACTIVITY_HEADER) + "\r\n" + ";".join([*ACTIVITY, "extra"]) + "\r\n"
    problems = refused(store, text.encode("cp1252"), "lang.csv", "activities")
    assert [(p.code, p.row) for p in problems] == [("ragged_row", 2)]


# --- C: encodings ---------------------------------------------------------------------------


def test_twice_encoded_utf8_is_refused(store: Store) -> None:
    text = ";".join(ACTIVITY_HEADER) + "\r\n" + ";".join(ACTIVITY) + "\r\n"
    twice = text.encode("utf-8").decode("cp1252").encode("utf-8")  # "MatkvÃ¤ll"
    problems = refused(store, twice, "dubbel.csv", "activities")
    assert [(p.code, p.row) for p in problems] == [("encoding_twice", 1)]
    assert "CSV UTF-8" in problems[0].message("sv")


def test_utf8_with_broken_bytes_is_refused_on_its_row(store: Store) -> None:
    good = (";".join(ACTIVITY_HEADER) + "\r\n" + ";".join(ACTIVITY) + "\r\n").encode()
    second = ";".join(["A-2", *ACTIVITY[1:]]).encode().replace("ä".encode(), b"\xe4")
    problems = refused(store, good + second + b"\r\n", "trasig.csv", "activities")
    assert [(p.code, p.row) for p in problems] == [("encoding_broken_utf8", 3)]
    assert "rad 3" in problems[0].message("sv") and "row 3" in problems[0].message("en")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp1253"])
def test_text_in_another_alphabet_is_refused(encoding: str) -> None:
    text = (
        "титул;город\r\nФестиваль еды;Москва\r\n"
        if encoding != "cp1253"
        else ("τίτλος;πόλη\r\nΦεστιβάλ φαγητού;Αθήνα\r\n")
    )
    with pytest.raises(ReaderError) as info:
        read_file(text.encode(encoding), "f.csv")
    assert [p.code for p in info.value.problems] == ["encoding_implausible"]
    assert "Mac" in info.value.message("sv") and "CSV UTF-8" in info.value.message("en")


# --- D: ambiguous digit groups --------------------------------------------------------------


@pytest.mark.parametrize("cell", ["1.000", "1,000", "2.500", "12.500.000"])
def test_digit_groups_in_an_integer_column_are_refused(store: Store, cell: str) -> None:
    row = [*ACTIVITY]
    row[9] = cell
    problems = refused(store, swedish_csv([ACTIVITY_HEADER, row]), "a.csv", "activities")
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [
        ("ambiguous_digit_group", 2, "participants", cell)
    ]
    assert "1000" in problems[0].message("sv") and "1000" in problems[0].message("en")


@pytest.mark.parametrize(("cell", "value"), [("1 000", 1000), ("1000", 1000), ("12,0", 12)])
def test_unambiguous_whole_numbers_still_read(store: Store, cell: str, value: int) -> None:
    row = [*ACTIVITY]
    row[9] = cell
    imported(store, swedish_csv([ACTIVITY_HEADER, row]), "a.csv", "activities")
    assert rows(store, "select participants from activities") == [(value,)]


@pytest.mark.parametrize("cell", ["1.000.000", "1,000,000"])
def test_several_digit_groups_in_a_decimal_column_are_refused(store: Store, cell: str) -> None:
    problems = refused(
        store,
        swedish_csv([["ar", "nyckeltal", "malvarde"], [2024, "smes_reached", cell]]),
        "mal.csv",
        "targets",
    )
    assert [(p.code, p.column) for p in problems] == [("ambiguous_digit_group", "target")]


def test_one_group_in_a_decimal_column_is_its_decimal_part(store: Store) -> None:
    """The contract takes decimal comma and point there; our own export writes 123,456."""
    imported(
        store,
        swedish_csv([["ar", "nyckeltal", "malvarde"], [2024, "leverage_ratio", "123,456"]]),
        "mal.csv",
        "targets",
    )
    assert rows(store, "select target from targets") == [(123.456,)]


# --- E: .xlsx structure ---------------------------------------------------------------------


def _workbook_with_formula(cached: str | None) -> bytes:
    """An activities sheet whose participants cell is a formula, as a program writes it
    (no saved value) or as Excel saves it (a `<v>` with the result)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    for r, values in enumerate([ACTIVITY_HEADER, ACTIVITY], start=1):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c, value=value or None)
    sheet["J2"] = "=20*2"
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if cached is None:
        return data
    # Put the saved value in, as Excel does when it saves the file.
    return zip_replace(data, "xl/worksheets/", b"<f>20*2</f><v></v>", f"<f>20*2</f><v>{cached}</v>")


def zip_replace(data: bytes, member: str, old: bytes, new: str) -> bytes:
    """The workbook with one text replaced in the members whose names start with `member`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith(member):
                assert old in content, content[:400]
                content = content.replace(old, new.encode())
            dst.writestr(item, content)
    return out.getvalue()


def test_formula_without_saved_value_is_named_by_cell(store: Store) -> None:
    problems = refused(store, _workbook_with_formula(None), "program.xlsx", "activities")
    assert [(p.code, p.row, p.column, p.sheet) for p in problems] == [
        ("formula_without_value", 2, "participants", "Data")
    ]
    assert "J2" in problems[0].message("sv") and "J2" in problems[0].message("en")
    assert "Excel" in problems[0].message("sv")


def test_formula_with_saved_value_reads_the_value(store: Store) -> None:
    imported(store, _workbook_with_formula("40"), "excel.xlsx", "activities")
    assert rows(store, "select participants from activities") == [(40,)]


def test_every_message_of_an_xlsx_names_the_sheet(store: Store) -> None:
    book = openpyxl.Workbook()
    lists = book.active
    assert lists is not None
    lists.title = "Listor"
    lists.sheet_state = "hidden"
    data_sheet = book.create_sheet("Aktiviteter 2023")
    row = [*ACTIVITY]
    row[4] = "14 mars"
    for r, values in enumerate([ACTIVITY_HEADER, row], start=1):
        for c, value in enumerate(values, start=1):
            data_sheet.cell(row=r, column=c, value=value or None)
    out = io.BytesIO()
    book.save(out)
    report = import_file(store, out.getvalue(), "a.xlsx", "activities")
    assert [(p.code, p.row, p.column) for p in report.errors] == [
        ("bad_date_precision", 2, "start_date")
    ]
    for problem in [*report.errors, *report.warnings]:
        assert problem.sheet == "Aktiviteter 2023"
        assert "blad 'Aktiviteter 2023'" in problem.where("sv")
        assert "sheet 'Aktiviteter 2023'" in problem.where("en")
    assert report.as_dict("en")["errors"][0]["sheet"] == "Aktiviteter 2023"


def test_a_workbook_with_no_visible_sheet_is_refused() -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "A"
    first.append(["aktivitet_id", "titel"])
    out = io.BytesIO()
    book.save(out)
    # openpyxl will not save such a workbook; other programs do.
    data = zip_replace(out.getvalue(), "xl/workbook.xml", b'name="A"', 'name="A" state="hidden"')
    with pytest.raises(ReaderError) as info:
        read_file(data, "dold.xlsx")
    assert [p.code for p in info.value.problems] == ["xlsx_no_visible_sheet"]


def test_a_title_row_above_the_header_is_skipped(store: Store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Aktiviteter 2023 (Region Jämtland Härjedalen)"
    for r, values in enumerate([ACTIVITY_HEADER, ACTIVITY], start=3):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c, value=value or None)
    out = io.BytesIO()
    book.save(out)
    raw = read_file(out.getvalue(), "titel.xlsx")
    assert raw.headers[:2] == ["aktivitet_id", "titel"]
    assert raw.excel_rows.to_pylist() == [4]


@pytest.mark.parametrize("cell", ["1,500", "12.000", "1,500 kr", "12.000 EUR", "2,456"])
def test_one_group_of_three_in_an_amount_is_refused_not_read_as_ore(
    store: Store, cell: str
) -> None:
    """Money keeps two decimals: `1,500` is 1 500 kr to one reader and 1,50 kr to another,
    and stored as 1,50 kr it was silently wrong."""
    problems = refused(
        store,
        swedish_csv(
            [
                ["post_id", "datum", "belopp", "vaxelkurs", "finansiar", "kategori"],
                ["M1", "2022-03-15", cell, "11" if "EUR" in cell else "", "ostersund", "projekt"],
            ]
        ),
        "utgifter.csv",
        "spending",
    )
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("ambiguous_digit_group", 2, "amount_sek")
    ]


@pytest.mark.parametrize(
    ("cell", "sek"), [("2,456 MSEK", 2_456_000.0), ("1 500", 1500.0), ("1500,50", 1500.5)]
)
def test_amounts_that_can_be_read_one_way_only_still_read(
    store: Store, cell: str, sek: float
) -> None:
    imported(
        store,
        swedish_csv(
            [
                ["post_id", "datum", "belopp", "finansiar", "kategori"],
                ["M1", "2022-03-15", cell, "ostersund", "projekt"],
            ]
        ),
        "utgifter.csv",
        "spending",
    )
    assert rows(store, "select amount_sek from spending") == [(sek,)]


def test_an_exchange_rate_of_zero_is_refused(store: Store) -> None:
    problems = refused(
        store,
        swedish_csv(
            [
                ["post_id", "datum", "belopp", "valuta", "vaxelkurs", "finansiar", "kategori"],
                ["M1", "2022-03-15", "100", "EUR", "0", "eu", "projekt"],
            ]
        ),
        "utgifter.csv",
        "spending",
    )
    assert [(p.code, p.column) for p in problems] == [
        ("exchange_rate_not_positive", "exchange_rate")
    ]
    assert "större än 0" in problems[0].message("sv")
