"""Files coordinators start from: a template per table, and an error report to fix a file by.

The `.xlsx` template has drop-down lists for every column with fixed choices and a sheet that
explains each column, so a file filled in Excel passes the checks the first time. The error
report is the coordinator's own file back, with each wrong cell marked and explained.
"""

from __future__ import annotations

import io
import re
from typing import Any

from uccn_data import reference as ref
from uccn_data.problems import Problem, UccnDataError
from uccn_data.reader import read_file
from uccn_data.tables import Column, Table, header_aliases
from uccn_data.validation import fold_header

TEMPLATE_ROWS = 1000  # drop-down lists reach this far down the sheet

KIND_TEXT: dict[str, tuple[str, str]] = {
    "id": (
        "Id: 1–40 tecken A–Z, a–z, 0–9, punkt, understreck, bindestreck",
        "Id: 1–40 characters A–Z, a–z, 0–9, dot, underscore, hyphen",
    ),
    "text": ("Text", "Text"),
    "enum": ("Ett av värdena i listan", "One of the values in the list"),
    "municipality": ("Kommunens namn eller kommunkod", "The municipality's name or code"),
    "date": ("Datum ÅÅÅÅ-MM-DD", "Date YYYY-MM-DD"),
    "month": ("Månad ÅÅÅÅ-MM", "Month YYYY-MM"),
    "integer": ("Heltal", "Whole number"),
    "decimal": ("Tal, decimalkomma går bra", "Number, decimal comma is fine"),
    "boolean": ("ja eller nej", "yes or no"),
    "list": (
        "Delmål 11.1–11.7, 11.a–11.c, åtskilda med komma",
        "Targets 11.1–11.7, 11.a–11.c, separated by commas",
    ),
    "org_number": ("Organisationsnummer NNNNNN-NNNN", "Organisation number NNNNNN-NNNN"),
    "country": ("Landskod (NO) eller landets namn", "Country code (NO) or the country's name"),
    "sdg": (
        "Andra hållbarhetsmål eller delmål: 4, SDG 8, Mål 8, 8.9 (mål 11 hör till sdg11)",
        "Other goals or targets: 4, SDG 8, Goal 8, 8.9 (goal 11 belongs in sdg11)",
    ),
    "url": (
        "En webbadress som börjar med https:// eller http://",
        "A web address starting with https:// or http://",
    ),
    "amount": (
        "Belopp: 12 500, 12 500 kr, 250 tkr, 2,4 MSEK eller 437 221 EUR; tomt om beloppet är okänt",
        "Amount: 12 500, 12 500 kr, 250 tkr, 2.4 MSEK or 437 221 EUR; empty if the amount is unknown",
    ),
    "currency": (
        "Valutakod: SEK (standard), EUR, NOK …",
        "Currency code: SEK (default), EUR, NOK …",
    ),
}
# Common currencies offered in the template's list (any ISO 4217 code is accepted).
CURRENCIES = ("SEK", "EUR", "NOK", "DKK", "ISK", "USD", "GBP")


def choices(column: Column, lang: str = "sv") -> list[str]:
    """The values a drop-down list offers for a column, as users write them."""
    if column.kind == "municipality":
        names = list(ref.MUNICIPALITY_CODES.values())
        if column.many:
            names += [label(lang) for label in ref.PLACES.values()]
        return [*names, "annan"] if column.allow_other else names
    if column.kind == "currency":
        return list(CURRENCIES)
    if column.kind == "boolean":
        return ["ja", "nej"] if lang == "sv" else ["yes", "no"]
    if column.choices:
        return [label(lang) for label in column.choices.values()]
    return []


def template_csv(table: Table) -> bytes:
    """The header row with Swedish names, as Swedish Excel saves it (`;`, UTF-8 with BOM)."""
    return (";".join(c.alias for c in table.columns) + "\r\n").encode("utf-8-sig")


def template_xlsx(table: Table, lang: str = "sv") -> bytes:
    """A workbook to fill in: Swedish headers, drop-down lists, and a sheet explaining it."""
    import xlsxwriter

    sv = lang != "en"
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    data = book.add_worksheet(table.alias)
    lists = book.add_worksheet("listor" if sv else "lists")
    guide = book.add_worksheet("instruktioner" if sv else "instructions")
    bold = book.add_format({"bold": True, "bg_color": "#e8eef3", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    for col, column in enumerate(table.columns):
        data.write_string(0, col, column.alias, bold)
        data.set_column(col, col, max(14, len(column.alias) + 4))
        if column.kind in ("date", "month") or column.approximate or column.kind == "amount":
            data.set_column(col, col, 14, book.add_format({"num_format": "@"}))
        values = choices(column, lang)
        if values:
            for row, value in enumerate(values, start=1):
                lists.write_string(row, col, value)
            lists.write_string(0, col, column.alias, bold)
            letter = _letter(col)
            data.data_validation(
                1,
                col,
                TEMPLATE_ROWS,
                col,
                {
                    "validate": "list",
                    "source": f"='{lists.name}'!${letter}$2:${letter}${len(values) + 1}",
                    "error_title": "Ogiltigt värde" if sv else "Invalid value",
                    "error_message": (
                        "Välj ett värde i listan." if sv else "Choose a value from the list."
                    ),
                    # A list cell holds several values ("a; b") and a currency any code: the
                    # list helps, but Excel must let the coordinator write past it.
                    **(
                        {"error_type": "information"}
                        if column.many or column.kind == "currency"
                        else {}
                    ),
                },
            )
    data.freeze_panes(1, 0)
    lists.hide()

    headers = (
        ["Kolumn", "Engelskt namn", "Obligatorisk", "Innehåll", "Tillåtna värden"]
        if sv
        else ["Column", "Swedish name", "Required", "Content", "Allowed values"]
    )
    for col, text in enumerate(headers):
        guide.write_string(0, col, text, bold)
    for row, column in enumerate(table.columns, start=1):
        name = (column.alias, column.name) if sv else (column.name, column.alias)
        required = (
            ("ja" if column.required else "nej") if sv else ("yes" if column.required else "no")
        )
        guide.write_string(row, 0, name[0])
        guide.write_string(row, 1, name[1])
        guide.write_string(row, 2, required)
        guide.write_string(row, 3, _content(column, sv), wrap)
        guide.write_string(row, 4, ", ".join(choices(column, lang)), wrap)
    guide.set_column(0, 1, 22)
    guide.set_column(2, 2, 12)
    guide.set_column(3, 4, 60)
    book.close()
    return buffer.getvalue()


def _content(column: Column, sv: bool) -> str:
    text = KIND_TEXT[column.kind][0 if sv else 1]
    rules = []
    if column.max_length:
        rules.append(
            f"högst {column.max_length} tecken" if sv else f"at most {column.max_length} characters"
        )
    if column.minimum is not None:
        rules.append(f"minst {column.minimum:g}" if sv else f"at least {column.minimum:g}")
    if column.maximum is not None:
        word = (
            ("mindre än" if column.maximum_exclusive else "högst")
            if sv
            else ("less than" if column.maximum_exclusive else "at most")
        )
        rules.append(f"{word} {column.maximum:,.0f}".replace(",", " "))
    if column.decimals is not None:
        rules.append(
            f"högst {column.decimals} decimaler" if sv else f"at most {column.decimals} decimals"
        )
    if column.many:
        rules.append(
            "ett eller flera, åtskilda med semikolon"
            if sv
            else "one or more, separated by semicolons"
        )
    if column.precision:
        rules.append(
            "även ÅÅÅÅ-MM eller ÅÅÅÅ när bara månaden eller året är känt"
            if sv
            else "also YYYY-MM or YYYY when only the month or year is known"
        )
    if column.approximate:
        rules.append(
            "ungefärligt går bra: ca 250, över 250, minst 250"
            if sv
            else "approximate is fine: ca 250, över 250, minst 250"
        )
    if column.default is not None:
        rules.append(f"tomt betyder {column.default}" if sv else f"empty means {column.default}")
    return text + (f" ({', '.join(rules)})" if rules else "")


def _letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def error_report_xlsx(
    data: bytes, file_name: str, problems: list[Problem], table: Table | None, lang: str = "sv"
) -> bytes:
    """The uploaded file back as `.xlsx`, every wrong cell filled red with the explanation as
    a comment, and a sheet listing every problem (row, column, value, what to do)."""
    import xlsxwriter

    sv = lang != "en"
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#e8eef3", "border": 1})
    wrong = book.add_format(
        {"bg_color": "#f8d7da", "font_color": "#721c24", "border": 1, "border_color": "#a3123a"}
    )
    listing = book.add_worksheet("fel" if sv else "errors")
    sheet = book.add_worksheet(_sheet_title(file_name or "fil", "fel" if sv else "errors"))

    positions: dict[str, int] = {}
    try:
        raw = read_file(data, file_name)
    except UccnDataError:
        raw = None
    if raw is not None:
        aliases = header_aliases(table) if table else {}
        for col, header in enumerate(raw.headers):
            sheet.write_string(0, col, header, bold)
            canonical = aliases.get(fold_header(header))
            if canonical:
                positions.setdefault(canonical, col)
        marked = _marks(problems, positions, lang)
        rows = raw.excel_rows.to_pylist()
        for col, cells in enumerate(raw.columns):
            for row, value in zip(rows, cells.to_pylist(), strict=True):
                note = marked.get((row, col))
                text = "" if value is None else str(value)
                if note:
                    sheet.write_string(row - 1, col, text, wrong)
                    sheet.write_comment(row - 1, col, note, {"x_scale": 2, "y_scale": 1.5})
                elif value is not None:
                    sheet.write_string(row - 1, col, text)
        for (row, col), note in marked.items():
            if row == 1 and col < len(raw.headers):
                sheet.write_comment(0, col, note, {"x_scale": 2})
        sheet.freeze_panes(1, 0)

    headers = (
        ["Rad", "Kolumn", "Värde", "Vad är fel och vad ska göras"]
        if sv
        else ["Row", "Column", "Value", "What is wrong and what to do"]
    )
    for col, text in enumerate(headers):
        listing.write_string(0, col, text, bold)
    for i, problem in enumerate(problems, start=1):
        column_name = shown_column(problem.column, table, lang)
        line: list[Any] = [problem.row, column_name, problem.value, problem.message(lang)]
        for col, value in enumerate(line):
            if value is None:
                continue
            if isinstance(value, int):
                listing.write_number(i, col, value)
            else:
                listing.write_string(i, col, str(value))
    listing.set_column(0, 0, 6)
    listing.set_column(1, 2, 22)
    listing.set_column(3, 3, 90)
    listing.activate()
    book.close()
    return buffer.getvalue()


def _marks(
    problems: list[Problem], positions: dict[str, int], lang: str
) -> dict[tuple[int, int], str]:
    """(Excel row, sheet column) -> the messages for that cell."""
    marks: dict[tuple[int, int], str] = {}
    for problem in problems:
        if problem.row is None or problem.column is None or problem.column not in positions:
            continue
        key = (problem.row, positions[problem.column])
        text = problem.message(lang)
        marks[key] = f"{marks[key]}\n{text}" if key in marks else text
    return marks


def shown_column(name: str | None, table: Table | None, lang: str) -> str | None:
    """The column as the coordinator's file names it: the Swedish header for Swedish users."""
    if name is None or table is None or lang == "en":
        return name
    try:
        return table.column(name).alias
    except KeyError:
        return name


def _sheet_title(file_name: str, taken: str) -> str:
    """An uploaded file's name as an Excel sheet name, whatever the name holds. Excel forbids
    [ ] : * ? / \\ in it, more than 31 characters, an apostrophe first or last (a file name
    starting with ' stopped the Data page), "History" and a name used twice."""
    title = re.sub(r"[?*]", "", file_name).replace("[", "(").replace("]", ")")
    title = re.sub(r"^[\s']+|[\s']+$", "", re.sub(r"[:/\\]", "-", title)[:27]) or "fil"
    return f"fil {title}" if title.lower() in ("history", taken.lower()) else title
