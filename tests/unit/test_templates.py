"""Templates fill in and import cleanly; the error report marks exactly the wrong cells."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.conftest import swedish_csv
from uccn_data.importer import import_file
from uccn_data.tables import TABLES
from uccn_data.templates import choices, error_report_xlsx, template_csv, template_xlsx

# A valid row per table, written with the labels a Swedish coordinator picks from the lists.
FILLED = {
    "activities": {
        "aktivitet_id": "A1",
        "titel": "Matmöte",
        "ramaktivitet": "Kompetensutveckling; Strategisk utveckling",  # (v2) a list
        "tema": "Mat/gastronomi",
        "startdatum": "2023-04",  # (v2) a month
        "nivå": "Regional",
        "ansvarig": "Gemensam",
        "status": "Genomförd",
        "kommun": "Åre",
    },
    "sme_participation": {
        "aktivitet_id": "A1",
        "organisationsnummer": "556036-0793",
        "foretagsnamn": "Jämtbröd AB",
        "bransch": "Livsmedel",
        "storlek": "Mikro (< 10)",
        "kommun": "annan",
    },
    "exchanges": {
        "utbyte_id": "E1",
        "datum": "2023-05-01",
        "riktning": "Utresande",
        "partnerstad": "Bergen",
        "land": "Norge",
        "uccn_medlem": "ja",
    },
    "spending": {
        "post_id": "K1",
        "datum": "2023-05-01",
        "belopp": "12 500,50",
        "finansiar": "Extern",
        "kategori": "Resor",
    },
    "staff_time": {
        "organisation": "Region Jämtland Härjedalen",
        "manad": "2023-05",
        "timmar": "42,5",
    },
    "targets": {"ar": "2023", "nyckeltal": "Aktiviteter", "malvarde": "30"},
    # (v2) the new table, with its drop-down list for the kind
    "outcomes": {
        "resultat_id": "R1",
        "typ": "Uppdrag i nätverket",
        "titel": "Ledamot i styrgruppen",
        "datum": "2023",
        "slutdatum": "2025",
    },
    # (v2, follow-up cycle) a comment on the whole period: the year left empty
    "comments": {
        "omfattning": "Helhet",
        "avtalsperiod": "2021-2024",
        "text_sv": "Perioden i korthet.",
    },
}


@pytest.mark.parametrize("name", list(TABLES))
def test_a_filled_in_xlsx_template_imports(store, load, name):
    if name == "sme_participation":
        load("activities", [list(FILLED["activities"]), list(FILLED["activities"].values())])
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(TABLES[name])))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.alias for c in TABLES[name].columns]
    for col, header in enumerate(headers, start=1):
        sheet.cell(row=2, column=col, value=FILLED[name].get(header))
    out = io.BytesIO()
    book.save(out)
    report = import_file(store, out.getvalue(), f"{name}.xlsx", name)
    assert report.ok, [(p.row, p.column, p.message("en")) for p in report.errors]
    assert report.result.inserted == 1


def test_a_list_column_lets_excel_take_several_values():
    """(v2) A drop-down that only warns: Excel must accept "a; b" in a list column, and any
    currency code, while a one-value column still refuses what is not in its list."""
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(TABLES["activities"])))
    by_letter = {
        str(v.sqref).split(":")[0][:-1]: v.errorStyle
        for v in book.worksheets[0].data_validations.dataValidation
    }
    header = {c.value: c.column_letter for c in book.worksheets[0][1]}
    assert by_letter[header["ramaktivitet"]] == "information"
    assert by_letter[header["kommun"]] == "information"
    assert by_letter[header["status"]] in (None, "stop")


@pytest.mark.parametrize("name", list(TABLES))
def test_every_list_column_has_a_drop_down_and_every_column_is_explained(name):
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(TABLES[name])))
    data, _lists, guide = book.worksheets
    validated = {str(v.sqref).split(":")[0][:-1] for v in data.data_validations.dataValidation}
    letters = {
        c.column_letter for c in data[1] if choices(TABLES[name].column(_name(name, c.value)))
    }
    assert validated == letters
    explained = [row[0].value for row in guide.iter_rows(min_row=2)]
    assert explained == [c.alias for c in TABLES[name].columns]


def _name(table: str, alias: str) -> str:
    return next(c.name for c in TABLES[table].columns if c.alias == alias)


def test_the_csv_template_is_the_swedish_header_row():
    assert (
        template_csv(TABLES["spending"]).decode("utf-8-sig")
        == "post_id;datum;slutdatum;belopp;valuta;vaxelkurs;typ;finansiar;finansiar_namn;"
        "kategori;aktivitet_id\r\n"
    )


def test_the_error_report_marks_the_wrong_cells_and_lists_every_problem(store):
    rows = [
        ["post_id", "datum", "belopp", "finansiär", "kategori"],
        ["K1", "2023-05-01", "100", "extern", "resor"],
        ["K2", "2023-02-30", "=1+1", "extern", "resor"],
    ]
    data = swedish_csv(rows)
    report = import_file(store, data, "kostnader.csv", "spending")
    assert [(p.row, p.column) for p in report.errors] == [(3, "date"), (3, "amount_sek")]
    book = openpyxl.load_workbook(
        io.BytesIO(error_report_xlsx(data, "kostnader.csv", report.errors, TABLES["spending"]))
    )
    listing, sheet = book["fel"], book.worksheets[1]
    assert [[c.value for c in r] for r in listing.iter_rows(min_row=2, max_col=3)] == [
        [3, "datum", "2023-02-30"],
        [3, "belopp", "=1+1"],
    ]
    assert sheet["B3"].comment is not None and "datum" in sheet["B3"].comment.text.lower()
    assert sheet["C3"].comment is not None and sheet["C3"].data_type == "s"  # text, never a formula
    assert sheet["B2"].comment is None and sheet["A3"].comment is None
    assert sheet["B3"].fill.fgColor.rgb.endswith("F8D7DA")


def test_an_unreadable_file_still_gets_a_report(store):
    report = import_file(store, b"%PDF-1.4", "x.csv", "spending")
    book = openpyxl.load_workbook(
        io.BytesIO(error_report_xlsx(b"%PDF-1.4", "x.csv", report.errors, None, "en"))
    )
    assert "PDF" in book.worksheets[0]["D2"].value
