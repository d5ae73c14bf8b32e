"""Problems found in a file, and the words a coordinator reads about them (Swedish and English).

A problem names the Excel row (header = row 1), the column and the value, and says what to
do. Messages are kept here, not in the dashboard, because the command line shows them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (Swedish, English). Placeholders are filled from Problem.params.
    "file_empty": ("Filen är tom.", "The file is empty."),
    "file_too_large": (
        "Filen är för stor ({size_mb} MB). Största tillåtna storlek är {limit_mb} MB.",
        "The file is too large ({size_mb} MB). The largest allowed size is {limit_mb} MB.",
    ),
    "too_many_rows": (
        "Filen har fler än {limit} rader. Dela upp den i flera filer.",
        "The file has more than {limit} rows. Split it into several files.",
    ),
    "too_many_columns": (
        "Filen har {count} kolumner; högst {limit} tillåts. Är det rätt fil?",
        "The file has {count} columns; at most {limit} are allowed. Is it the right file?",
    ),
    "field_too_long": (
        "Cellen är längre än {limit} tecken.",
        "The cell is longer than {limit} characters.",
    ),
    "file_type": (
        "Filtypen känns inte igen{kind}. Spara filen som CSV (semikolonavgränsad) eller Excel "
        "(.xlsx).",
        "The file type is not recognised{kind_en}. Save the file as CSV (semicolon-separated) "
        "or Excel (.xlsx).",
    ),
    "encoding": (
        "Filens teckenkodning känns inte igen. Spara som CSV UTF-8 eller CSV (semikolonavgränsad)"
        " från Excel.",
        "The file's character encoding is not recognised. Save it as CSV UTF-8 or CSV "
        "(semicolon-separated) from Excel.",
    ),
    "encoding_broken_utf8": (
        "Filen är sparad som UTF-8 men har tecken som inte går att läsa (första på rad {row}). "
        "Öppna den i Excel och spara den som 'CSV UTF-8 (kommaavgränsad)'.",
        "The file is saved as UTF-8 but has characters that cannot be read (the first on row "
        "{row}). Open it in Excel and save it as 'CSV UTF-8 (Comma delimited)'.",
    ),
    "encoding_twice": (
        "Texten ser ut att ha konverterats två gånger ('{shown}' där det borde stå å, ä eller ö)."
        " Öppna originalfilen i Excel och spara den som 'CSV UTF-8 (kommaavgränsad)'.",
        "The text looks as if it was converted twice ('{shown}' where å, ä or ö should be). "
        "Open the original file in Excel and save it as 'CSV UTF-8 (Comma delimited)'.",
    ),
    "encoding_implausible": (
        "Filens tecken blir inte läsbar text i någon av de teckenkodningar som stöds (UTF-8, "
        "UTF-16, Windows-1252, Mac Roman). Filen kan vara sparad av Excel för Mac i ett äldre "
        "format eller av ett program med en annan kodning. Spara den som 'CSV UTF-8 "
        "(kommaavgränsad)' och försök igen.",
        "The file's characters do not make readable text in any of the supported encodings "
        "(UTF-8, UTF-16, Windows-1252, Mac Roman). It may have been saved by Excel for Mac in "
        "an old format, or by a program with another encoding. Save it as 'CSV UTF-8 (Comma "
        "delimited)' and try again.",
    ),
    "encoding_mac_roman": (
        "Filen lästes som Mac Roman (en äldre Excel för Mac). Kontrollera å, ä och ö i "
        "förhandsgranskningen, och spara som 'CSV UTF-8 (kommaavgränsad)' nästa gång.",
        "The file was read as Mac Roman (an older Excel for Mac). Check å, ä and ö in the "
        "preview, and save as 'CSV UTF-8 (Comma delimited)' next time.",
    ),
    "xlsx_no_visible_sheet": (
        "Arbetsboken har inget synligt blad. Visa bladet med data i Excel (högerklicka på en "
        "bladflik, välj Ta fram) och spara filen.",
        "The workbook has no visible sheet. Show the sheet with the data in Excel (right-click "
        "a sheet tab, choose Unhide) and save the file.",
    ),
    "xlsx_sheet_read": (
        "Bladet '{sheet}' lästes (det första synliga bladet). Ligger data på ett annat blad: "
        "flytta det bladet först i arbetsboken, eller spara det som en egen fil.",
        "The sheet '{sheet}' was read (the first visible sheet). If the data is on another "
        "sheet, move that sheet first in the workbook, or save it as a file of its own.",
    ),
    "formula_without_value": (
        "Cell {cell} innehåller en formel utan sparat värde. Filen är skapad av ett program och "
        "har aldrig sparats i Excel: öppna den i Excel och spara den, så räknas värdet ut.",
        "Cell {cell} holds a formula with no saved value. The file was written by a program "
        "and never saved in Excel: open it in Excel and save it, so that the value is "
        "computed.",
    ),
    "ambiguous_digit_group": (
        "Talet är tvetydigt: punkt eller komma mellan siffergrupper kan betyda tusental "
        "(1.000 = 1000) eller decimaler (1.000 = 1). Skriv det utan punkt och komma, t.ex. 1000 "
        "eller 1 000.",
        "The number is ambiguous: a dot or comma between digit groups can mean thousands "
        "(1.000 = 1000) or decimals (1.000 = 1). Write it without dot or comma, e.g. 1000 or "
        "1 000.",
    ),
    "binary": (
        "Filen ser inte ut att vara en textfil (CSV). Är det rätt fil?",
        "The file does not look like a text (CSV) file. Is it the right file?",
    ),
    "xlsx_unreadable": (
        "Excel-filen kan inte läsas ({detail}). Öppna den i Excel och spara den igen som .xlsx.",
        "The Excel file cannot be read ({detail}). Open it in Excel and save it again as .xlsx.",
    ),
    "csv_unreadable": (
        "CSV-filen kan inte läsas ({detail}). Kontrollera att citattecken är parvisa.",
        "The CSV file cannot be read ({detail}). Check that quotation marks come in pairs.",
    ),
    "no_header": (
        "Filen saknar rubrikrad. Rad 1 ska innehålla kolumnnamnen.",
        "The file has no header row. Row 1 must hold the column names.",
    ),
    "no_rows": (
        "Filen har rubriker men inga rader med data.",
        "The file has headers but no data rows.",
    ),
    "ragged_row": (
        "Raden har {actual} fält men rubrikraden har {expected}. Kontrollera avgränsare och "
        "citattecken på raden.",
        "The row has {actual} fields but the header has {expected}. Check delimiters and "
        "quotation marks in the row.",
    ),
    "missing_column": (
        "Kolumnen saknas. Lägg till den (rubrik '{alias}' eller '{name}').",
        "The column is missing. Add it (header '{alias}' or '{name}').",
    ),
    "duplicate_column": (
        "Kolumnen finns flera gånger i rubrikraden. Ta bort dubbletten.",
        "The column appears more than once in the header row. Remove the duplicate.",
    ),
    "unknown_column": (
        "Okänd kolumn; den läses inte in.",
        "Unknown column; it is not imported.",
    ),
    "empty_header": (
        "En kolumn saknar rubrik men har värden; den läses inte in.",
        "A column has no header but holds values; it is not imported.",
    ),
    "required": (
        "Värde saknas. Kolumnen måste fyllas i.",
        "Value missing. This column must be filled in.",
    ),
    "bad_id": (
        "Ogiltigt id. Använd 1–40 tecken: A–Z, a–z, 0–9, punkt, understreck eller bindestreck.",
        "Invalid id. Use 1–40 characters: A–Z, a–z, 0–9, dot, underscore or hyphen.",
    ),
    "too_long": (
        "Texten är för lång ({length} tecken). Högst {limit} tecken.",
        "The text is too long ({length} characters). At most {limit} characters.",
    ),
    "bad_enum": (
        "Okänt värde. Tillåtna värden: {allowed}.",
        "Unknown value. Allowed values: {allowed}.",
    ),
    "bad_date": (
        "Ogiltigt datum. Skriv ÅÅÅÅ-MM-DD mellan 1900 och 2100, t.ex. 2023-04-15.",
        "Invalid date. Write YYYY-MM-DD between 1900 and 2100, e.g. 2023-04-15.",
    ),
    "bad_month": (
        "Ogiltig månad. Skriv ÅÅÅÅ-MM, t.ex. 2023-04.",
        "Invalid month. Write YYYY-MM, e.g. 2023-04.",
    ),
    "bad_integer": (
        "Inte ett heltal. Skriv bara siffror, t.ex. 25.",
        "Not a whole number. Write digits only, e.g. 25.",
    ),
    "bad_decimal": (
        "Inte ett tal. Skriv t.ex. 12 500 eller 12500,50.",
        "Not a number. Write e.g. 12 500 or 12500.50.",
    ),
    "too_many_decimals": (
        "För många decimaler. Högst {limit} decimaler (ören), t.ex. 12 500,50.",
        "Too many decimals. At most {limit} decimals, e.g. 12500.50.",
    ),
    "looks_like_table": (
        "Filen ser ut att höra till tabellen {alias} ({name}), inte {chosen}. Välj rätt tabell.",
        "The file looks like it belongs to the table {name} ({alias}), not {chosen}. Choose the right table.",
    ),
    "bad_boolean": (
        "Okänt sanningsvärde. Skriv ja eller nej.",
        "Unknown yes/no value. Write yes or no.",
    ),
    "bad_sdg11": (
        "Okänt delmål: {items}. Tillåtna: 11.1–11.7, 11.a, 11.b, 11.c.",
        "Unknown target: {items}. Allowed: 11.1–11.7, 11.a, 11.b, 11.c.",
    ),
    "bad_org_number": (
        "Ogiltigt organisationsnummer. Skriv NNNNNN-NNNN (10 siffror, eller 12 med sekel).",
        "Invalid organisation number. Write NNNNNN-NNNN (10 digits, or 12 with the century).",
    ),
    "org_number_checksum": (
        "Organisationsnumrets kontrollsiffra stämmer inte. Kontrollera numret.",
        "The organisation number's check digit is wrong. Check the number.",
    ),
    "bad_country": (
        "Okänt land. Skriv landskod (t.ex. NO) eller landets namn på svenska eller engelska.",
        "Unknown country. Write the country code (e.g. NO) or its Swedish or English name.",
    ),
    "bad_municipality": (
        "Okänd kommun. Tillåtna: {allowed}, eller kommunkoden.",
        "Unknown municipality. Allowed: {allowed}, or the municipality code.",
    ),
    "below_minimum": (
        "Värdet är för litet. Minsta tillåtna värde är {limit}.",
        "The value is too small. The smallest allowed value is {limit}.",
    ),
    "above_maximum": (
        "Värdet är för stort. Största tillåtna värde är {limit}.",
        "The value is too large. The largest allowed value is {limit}.",
    ),
    "not_below_maximum": (
        "Värdet är för stort. Det måste vara mindre än {limit}.",
        "The value is too large. It must be less than {limit}.",
    ),
    "duplicate_key": (
        "Samma nyckel ({key}) finns också på rad {other_rows}. Varje nyckel får bara finnas en "
        "gång i filen.",
        "The same key ({key}) is also on row {other_rows}. Each key may appear only once in "
        "the file.",
    ),
    "end_before_start": (
        "Slutdatum ligger före startdatum ({start}).",
        "The end date is before the start date ({start}).",
    ),
    "unknown_activity": (
        "Aktiviteten finns inte. Importera aktiviteten först eller rätta id:t.",
        "The activity does not exist. Import the activity first or correct the id.",
    ),
    "invalid_value": ("Ogiltigt värde ({detail}).", "Invalid value ({detail})."),
    # --- version 2 ---
    "bad_date_precision": (
        "Ogiltigt datum. Skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ, t.ex. 2018-05-14, 2018-05 eller "
        "2018. Ett spann skrivs med slutdatum i en egen kolumn.",
        "Invalid date. Write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2018-05-14, 2018-05 or 2018. "
        "A span is written with its end in a column of its own.",
    ),
    "bad_list_item": (
        "'{items}' känns inte igen. Tillåtna värden: {allowed}. Skriv flera värden åtskilda "
        "med semikolon.",
        "'{items}' is not recognised. Allowed values: {allowed}. Write several values "
        "separated by semicolons.",
    ),
    "bad_sdg": (
        "Okänt hållbarhetsmål. Skriv målets nummer (1–17) eller ett delmål, t.ex. 8, SDG 8, "
        "Mål 8 eller 8.9.",
        "Unknown goal. Write the goal's number (1–17) or a target, e.g. 8, SDG 8 or 8.9.",
    ),
    "sdg11_in_other_sdgs": (
        "Mål 11 hör hemma i kolumnen sdg11 (delmål 11.1–11.c), inte bland andra mål.",
        "Goal 11 belongs in the sdg11 column (targets 11.1–11.c), not among other goals.",
    ),
    "bad_url": (
        "Ogiltig länk. Skriv en hel adress som börjar med https:// eller http://.",
        "Invalid link. Write a whole address starting with https:// or http://.",
    ),
    "bad_currency": (
        "Okänd valuta. Skriv valutakoden enligt ISO 4217, t.ex. SEK, EUR eller NOK.",
        "Unknown currency. Write the ISO 4217 currency code, e.g. SEK, EUR or NOK.",
    ),
    "bad_amount_unit": (
        "Okänd enhet eller valuta '{unit}'. Skriv beloppet med kr, tkr, MSEK eller en valutakod "
        "(EUR, NOK …), t.ex. 12 500 kr, 250 tkr, 2,4 MSEK eller 437 221 EUR.",
        "Unknown unit or currency '{unit}'. Write the amount with kr, tkr, MSEK or a currency "
        "code (EUR, NOK …), e.g. 12 500 kr, 250 tkr, 2.4 MSEK or 437 221 EUR.",
    ),
    "currency_conflict": (
        "Beloppet anger valutan {in_cell} men kolumnen valuta säger {given}. Ta bort den ena "
        "eller rätta den.",
        "The amount names the currency {in_cell} but the currency column says {given}. Remove "
        "one of them or correct it.",
    ),
    "unknown_period": (
        "Avtalsperioden eller rapporteringsfönstret finns inte. Skriv en av: {allowed}, eller "
        "lägg till perioden först (Data-sidan eller `python -m uccn_data period add`).",
        "The agreement period or reporting window does not exist. Write one of: {allowed}, or "
        "add the period first (the Data page or `python -m uccn_data period add`).",
    ),
    "year_outside_period": (
        "Året ligger utanför perioden {period} ({first}–{last}). Skriv ett år i perioden, eller "
        "lämna cellen tom för hela perioden.",
        "The year is outside the period {period} ({first}–{last}). Write a year within the "
        "period, or leave the cell empty for the whole period.",
    ),
    "year_closed": (
        "Raden ändrar {year}, som är fastställt (av {by}, {on}). Ta bort raden ur filen, eller "
        "be en administratör att öppna året igen.",
        "The row changes {year}, which was closed by {by} on {on}. Remove the row from the "
        "file, or ask an administrator to reopen the year.",
    ),
    "exchange_rate_not_positive": (
        "Växelkursen måste vara större än 0: hur många kronor en enhet av valutan kostade, "
        "t.ex. 11,5 för euro.",
        "The exchange rate must be greater than 0: how many kronor one unit of the currency "
        "cost, e.g. 11.5 for euros.",
    ),
    "exchange_rate_required": (
        "Beloppet är i {currency}: ange växelkursen (kronor per {currency}) i kolumnen "
        "vaxelkurs, t.ex. Riksbankens årsmedelkurs.",
        "The amount is in {currency}: give the exchange rate (SEK per {currency}) in the "
        "exchange_rate column, e.g. the Riksbank's annual average rate.",
    ),
    "exchange_rate_for_sek": (
        "En växelkurs är angiven men beloppet är i kronor. Ange valutan (t.ex. EUR) eller ta "
        "bort kursen.",
        "An exchange rate is given but the amount is in kronor. Give the currency (e.g. EUR) "
        "or remove the rate.",
    ),
    "lead_name_required": (
        "Ansvarig är extern: skriv vilken organisation som leder aktiviteten i ansvarig_namn.",
        "The lead is external: write which organisation leads the activity in lead_name.",
    ),
    "country_required": (
        "Land saknas. För en stad eller region anges landet (ett för alla, eller ett per "
        "partner i samma ordning).",
        "Country missing. A city or region needs its country (one for all, or one per partner "
        "in the same order).",
    ),
    "country_count": (
        "{countries} länder för {partners} partner. Ange ett land för alla, eller ett per "
        "partner i samma ordning.",
        "{countries} countries for {partners} partners. Give one country for all, or one per "
        "partner in the same order.",
    ),
    "uccn_member_single": (
        "uccn_medlem gäller en enda partnerstad. Med flera städer avgörs medlemskapet per stad "
        "från UNESCO:s lista: lämna kolumnen tom.",
        "uccn_member is for a single partner city. With several cities membership is taken "
        "per city from UNESCO's list: leave the column empty.",
    ),
    "uccn_unknown": (
        "{cities} finns inte i UNESCO:s lista över medlemsstäder; medlemskapet räknas som okänt. "
        "Skriv ja eller nej i uccn_medlem om du vet.",
        "{cities} is not in UNESCO's list of member cities; its membership counts as unknown. "
        "Write yes or no in uccn_member if you know.",
    ),
    "personal_number": (
        "Det här ser ut som ett personnummer ({rows}). Läsare och öppna data ser bara "
        "födelsedatumet (ÅÅMMDD-****), men ta bort numret ur filen om det inte behövs: ett "
        "personnummer är en personuppgift.",
        "This looks like a personal identity number ({rows}). Viewers and open data see only "
        "the date of birth (YYMMDD-****), but remove the number from the file if it is not "
        "needed: a personal identity number is personal data.",
    ),
    "unknown_table": (
        "Okänd tabell '{name}'. Välj en av: {allowed}.",
        "Unknown table '{name}'. Choose one of: {allowed}.",
    ),
    "table_not_recognised": (
        "Det går inte att avgöra vilken tabell filen hör till. Välj tabell själv.",
        "It is not clear which table the file belongs to. Choose the table yourself.",
    ),
    # --- resource limits on uploads (reader.py, sizes.py, worker.py) ---
    "too_many_cells": (
        "Filen har fler än {limit} celler (rader gånger kolumner). Dela upp den i flera filer, "
        "eller ta bort tomma kolumner och rader som har formaterats i Excel och spara igen.",
        "The file has more than {limit_en} cells (rows times columns). Split it into several "
        "files, or delete empty columns and rows that were formatted in Excel and save again.",
    ),
    "import_memory_limit": (
        "Filen behöver mer än {limit_mb} MB minne för att läsas och kontrolleras, så den "
        "lästes inte in; inget har sparats. Dela upp den i mindre filer och försök igen.",
        "Reading and checking the file needs more than {limit_mb} MB of memory, so it was not "
        "read; nothing has been saved. Split it into smaller files and try again.",
    ),
    "import_time_limit": (
        "Filen tog längre än {limit_s} sekunder att läsa och kontrollera och avbröts; inget "
        "har sparats. Dela upp den i mindre filer och försök igen.",
        "Reading and checking the file took longer than {limit_s} seconds and was stopped; "
        "nothing has been saved. Split it into smaller files and try again.",
    ),
    "import_stopped": (
        "Läsningen av filen avbröts oväntat (gränserna är {limit_mb} MB minne och {limit_s} "
        "sekunder); inget har sparats. Dela upp filen i mindre filer och försök igen.",
        "Reading the file stopped unexpectedly (the limits are {limit_mb} MB of memory and "
        "{limit_s} seconds); nothing has been saved. Split the file into smaller files and try "
        "again.",
    ),
    "import_busy": (
        "En annan stor fil läses just nu och det tog längre än {limit_s} sekunder att vänta på "
        "den. Försök igen om en stund.",
        "Another large file is being read, and waiting for it took longer than {limit_s} "
        "seconds. Try again in a moment.",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth knowing (warning) about an uploaded file."""

    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    sheet: str | None = None  # the `.xlsx` sheet the problem is on

    def where(self, lang: str = "sv") -> str:
        """`blad 'Data', rad 4, kolumn belopp` / `sheet 'Data', row 4, column amount_sek`."""
        en = lang == "en"
        parts = []
        if self.sheet:
            parts.append(f"{'sheet' if en else 'blad'} '{self.sheet}'")
        if self.row is not None:
            parts.append(f"{'row' if en else 'rad'} {self.row}")
        if self.column:
            parts.append(f"{'column' if en else 'kolumn'} {self.column}")
        return ", ".join(parts) or ("file" if en else "filen")

    def message(self, lang: str = "sv") -> str:
        sv, en = MESSAGES[self.code]
        # A parameter can itself be in two languages (a list of allowed labels).
        params = {k: v(lang) if callable(v) else v for k, v in self.params.items()}
        params.setdefault("row", self.row)
        params.setdefault("shown", self.value)
        return (en if lang == "en" else sv).format(**params)

    def as_dict(self, lang: str = "sv") -> dict[str, Any]:
        """The JSON shape of the contract's `--report json`."""
        return {
            "row": self.row,
            "column": self.column,
            "sheet": self.sheet,
            "value": self.value,
            "message": self.message(lang),
        }


class UccnDataError(Exception):
    """The package's own error for anything a user's input can cause.

    Carries problems so that a caller can show each one in the user's language.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message("en") for p in problems))

    def message(self, lang: str = "sv") -> str:
        return "\n".join(p.message(lang) for p in self.problems)


class ReaderError(UccnDataError):
    """A file could not be read as a table at all."""


class StoreBusyError(Exception):
    """Another process is writing to the store; the user should try again shortly."""

    def message(self, lang: str = "sv") -> str:
        if lang == "en":
            return "The data store is busy with another import. Try again in a moment."
        return "Datalagret är upptaget av en annan import. Försök igen om en stund."


class StoreError(Exception):
    """The store cannot be opened or used (missing file, not a DuckDB file, newer version)."""

    def __init__(self, message_sv: str, message_en: str) -> None:
        self.message_sv = message_sv
        self.message_en = message_en
        super().__init__(message_en)

    def message(self, lang: str = "sv") -> str:
        return self.message_en if lang == "en" else self.message_sv
