"""Every table as open data: Swedish-Excel CSV, .xlsx and Parquet, described by a Frictionless
`datapackage.json`, the way Swedish public bodies publish data sets.

The CSV and .xlsx files are exactly what `export TABLE` writes (formula-looking text
neutralised); the Parquet files keep the values as stored, for analysis tools. Sole traders'
organisation numbers are personal data, and so is a personal identity number written into a
name, a title or a description: both are masked (`export.mask_table`) unless the caller has
the store owner's rights and asks for them whole.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from uccn_data import reference as ref
from uccn_data.export import export_table, file_columns, mask_table
from uccn_data.store import Store
from uccn_data.tables import APPROXIMATIONS, PRECISIONS, TABLES, Column, Table

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
CSV_DIALECT = {
    "delimiter": ";",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}
LICENCE = {
    "name": "CC0-1.0",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    "title": "Creative Commons Zero v1.0 Universal",
}

# What each column holds, (Swedish, English). A (table, column) entry overrides the column's
# general text where the same name means something else in that table.
DESCRIPTIONS: dict[str | tuple[str, str], tuple[str, str]] = {
    "activity_id": ("Aktivitetens id", "The activity's id"),
    "title": ("Aktivitetens namn", "The activity's name"),
    "framework_area": ("Ramaktiviteter i avtalet; den första är huvudområdet", "Framework activities of the agreement; the first is the main one"),
    "theme": ("Teman", "Themes"),
    "start_date": ("Startdatum", "Start date"),
    "end_date": ("Slutdatum", "End date"),
    "level": ("Nivå: regional, nationell eller internationell", "Level: regional, national or international"),
    "lead": ("Ansvarig part: ostersund, region, joint (gemensam) eller external (en annan organisation)", "Lead party: ostersund, region, joint or external (another organisation)"),
    "lead_name": ("Organisationen som leder aktiviteten när ansvarig är external", "The organisation that leads the activity when the lead is external"),
    "party_role": ("Parternas roll när en annan organisation leder", "The parties' role when another organisation leads"),
    "municipality": (
        "Kommuner där aktiviteten ägde rum (SCB-kod), eller county (hela länet), outside_county (utanför länet), abroad (utomlands)",
        "Municipalities where the activity took place (SCB code), or county (the whole county), outside_county, abroad",
    ),
    ("sme_participation", "municipality"): (
        "Kommun där företaget finns (SCB-kod, eller other för utanför länet)",
        "Municipality where the company is based (SCB code, or other for outside the county)",
    ),
    "participants": ("Antal deltagare; tomt betyder okänt, inte noll", "Number of participants; empty means unknown, not zero"),
    "visitors": ("Antal besökare vid ett öppet evenemang, utöver deltagarna; tomt betyder okänt", "Visitors at an open event, apart from the participants; empty means unknown"),
    "smes_count": ("Företag som nåtts men inte listas med namn i tabellen foretag", "SMEs reached that are not listed by name in the SME table"),
    "sdg11_targets": ("Delmål under Agenda 2030 mål 11", "Targets under SDG 11"),
    "other_sdgs": ("Andra globala mål eller delmål än mål 11", "Sustainable development goals or targets other than SDG 11"),
    "partners": ("Partner", "Partners"),
    "partner_uccn_cities": ("UCCN-städer som nämns bland partnerna (härlett vid import ur UNESCO:s lista)", "UCCN cities named among the partners (derived at import from UNESCO's list)"),
    "status": ("Status", "Status"),
    "description": ("Beskrivning", "Description"),
    "results": ("Vad aktiviteten ledde till", "What the activity led to"),
    "url": ("Webbsida om den (visas som text, hämtas aldrig)", "A web page about it (shown as text, never fetched)"),
    "org_number": ("Organisationsnummer", "Organisation number"),
    "company_name": ("Företagets namn", "Company name"),
    "sector": ("Bransch", "Sector"),
    "size_class": ("Storleksklass (anställda)", "Size class (employees)"),
    "exchange_id": ("Utbytets id", "The exchange's id"),
    ("exchanges", "activity_id"): ("Aktivitet som utbytet hör till", "Activity the exchange belongs to"),
    "date": ("Datum", "Date"),
    ("exchanges", "end_date"): ("Slutdatum för ett utbyte över flera dagar", "End date of an exchange over several days"),
    "direction": ("Riktning: utresande, inkommande eller digital", "Direction: outbound, inbound or digital"),
    "partner_type": ("Slag av partner: city (stad), region, organisation eller network (nätverk)", "Kind of partner: city, region, organisation or network"),
    "partner_city": ("Partnerstäder (eller regionen, organisationen eller nätverket)", "Partner cities (or the region, organisation or network)"),
    "partner_country": ("Partnerländer (ISO 3166-1 alfa-2), ett för alla eller ett per partner", "Partner countries (ISO 3166-1 alpha-2), one for all or one per partner"),
    "uccn_member": ("Partnerstaden är medlem i UCCN, som filen angav; tomt betyder okänt", "The partner city is a UCCN member, as the file said; empty means unknown"),
    "partner_members": ("Varje partnerstads UCCN-medlemskap i samma ordning: sant, eller tomt för okänt", "Each partner city's UCCN membership in the same order: true, or empty for unknown"),
    "cities_count": ("Antal städer vid ett nätverksmöte när de inte listas", "Number of cities at a network meeting when they are not listed"),
    "countries_count": ("Antal länder vid ett nätverksmöte", "Number of countries at a network meeting"),
    "smes_involved": ("Antal företag i utbytet", "Number of companies in the exchange"),
    "spending_id": ("Kostnadspostens id", "The cost item's id"),
    ("spending", "activity_id"): ("Aktivitet som kostnaden hör till", "Activity the cost belongs to"),
    ("spending", "end_date"): ("Slutdatum för en budget eller ett bidrag över en tid", "End date of a budget or grant over a span"),
    "amount_sek": ("Belopp i kronor; tomt när bara finansiären är känd (okänt, inte noll)", "Amount in SEK; empty when only the funder is known (unknown, not zero)"),
    "amount_original": ("Beloppet i sin valuta, som det rapporterades", "The amount in its currency, as reported"),
    "currency": ("Valuta (ISO 4217)", "Currency (ISO 4217)"),
    "exchange_rate": ("Växelkurs: kronor per enhet av valutan", "Exchange rate: SEK per unit of the currency"),
    "kind": ("Utfall (actual) eller budget; en budget räknas aldrig in i utfallet", "Actual or budget; a budget is never added to the money spent"),
    "funder": ("Finansiär", "Funder"),
    "funder_name": ("Finansiärens namn", "The funder's name"),
    "category": ("Kostnadskategori", "Cost category"),
    "organisation": ("Part", "Party"),
    "month": ("Månad", "Month"),
    "hours": ("Arbetade timmar", "Hours worked"),
    "year": ("År", "Year"),
    "kpi": ("Nyckeltal", "Key figure"),
    "target": ("Målvärde", "Target value"),
    "outcome_id": ("Resultatets id", "The outcome's id"),
    ("outcomes", "kind"): (
        "Slag av resultat: award (utmärkelse), agreement (avtal), publication, strategy, network_role (uppdrag i nätverket), media, other",
        "Kind of outcome: award, agreement, publication, strategy, network_role (a role in the network), media, other",
    ),
    ("outcomes", "title"): ("Resultatets namn", "The outcome's name"),
    ("outcomes", "date"): ("Datum; tomt för ett resultat utan datum", "Date; empty for an undated outcome"),
    ("outcomes", "end_date"): ("Slutdatum, t.ex. för ett uppdrag som innehafts en tid", "End date, e.g. of a role held for a time"),
    ("outcomes", "activity_id"): ("Aktivitet som resultatet kom ur", "Activity the outcome came from"),
    ("outcomes", "partner"): ("Den andra parten (en stad, en organisation, ett nätverk)", "The other party (a city, an organisation, a network)"),
    "scope": ("Vad kommentaren gäller: overall (helheten), en ramaktivitet, ett nyckeltal eller sdg11", "What the comment is about: overall, a framework activity, a key figure or sdg11"),
    "period": ("Avtalsperiod eller rapporteringsfönster", "Agreement period or reporting window"),
    ("comments", "year"): ("År i perioden; tomt betyder hela perioden", "Year of the period; empty means the whole period"),
    "text_sv": ("Samordnarnas kommentar på svenska, oformaterad text", "The coordinators' comment in Swedish, plain text"),
    "text_en": ("Samma kommentar på engelska; tomt om den bara finns på svenska", "The same comment in English; empty if it exists only in Swedish"),
}  # fmt: skip
# (v2) How the spreadsheet files write what the store keeps in two columns.
WRITTEN_DATE = (
    "skrivet som det rapporterades: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
    "written as reported: YYYY, YYYY-MM or YYYY-MM-DD",
)
STORED_DATE = (
    "första dagen av det som skrevs; hur exakt står i {name}_precision",
    "the first day of what was written; how exact it is is in {name}_precision",
)
WRITTEN_COUNT = (
    "ett ungefärligt antal skrivs ca 250, över 250 eller minst 250",
    "an approximate count is written ca 250, över 250 (over) or minst 250 (at least)",
)
STORED_COUNT = (
    "om det är ungefärligt står i {name}_approx",
    "whether it is approximate is in {name}_approx",
)
PRECISION = (
    "Hur exakt {what} skrevs: year (ett år), month (en månad) eller day (en dag)",
    "How exactly {what} was written: year, month or day",
)
APPROXIMATION = (
    "Om {what} är ungefärligt: about (ca), over (fler än) eller at_least (minst); tomt är exakt",
    "Whether {what} is approximate: about, over or at_least; empty is exact",
)
SEVERAL = ("flera värden åtskilda av semikolon", "several values separated by semicolons")
WRITTEN_AMOUNT = (
    "Belopp i valutan i kolumnen currency, som det rapporterades (kronor om inget annat anges); tomt när beloppet är okänt",
    "Amount in the currency of the column currency, as reported (SEK unless stated); empty when the amount is unknown",
)
MASKED_NOTE = (
    "Enskilda firmors nummer är maskerade (personnummer)",
    "Sole traders' numbers are masked (personal identity numbers)",
)
TEXT_MASKED_NOTE = (
    "personnummer i texten är maskerade",
    "personal identity numbers in the text are masked",
)


def export_all(store: Store, out_dir: str | Path, mask: bool = True) -> list[Path]:
    """Write every table in three formats and the datapackage.json; the paths written."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    resources: list[dict[str, Any]] = []
    for name, table in TABLES.items():
        data = store.table(name)
        if mask:
            data = mask_table(data)
        for fmt in FORMATS:
            path = folder / f"{name}.{fmt}"
            path.write_bytes(export_table(name, data, fmt))  # type: ignore[arg-type]
            written.append(path)
            resources.append(_resource(table, fmt, path.name, data, mask))
    package = folder / "datapackage.json"
    package.write_text(
        json.dumps(_package(resources), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    written.append(package)
    return written


def _package(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "profile": "data-package",
        "name": "uccn-ostersund-uppfoljning",
        "title": "Uppföljning av UCCN-samverkansavtalet / Follow-up of the UCCN cooperation agreement",
        "description": (
            "Aktiviteter, företag, utbyten, kostnader, arbetstid, mål och resultat i "
            "samverkansavtalet om UNESCO Creative Cities Network mellan Region Jämtland "
            "Härjedalen och Östersunds kommun. Tomma värden är okända, inte noll. / "
            "Activities, SMEs, exchanges, spending, staff time, targets and outcomes under the "
            "UNESCO Creative Cities Network cooperation agreement between Region Jämtland "
            "Härjedalen and Östersund Municipality. Empty values are unknown, not zero."
        ),
        "licenses": [LICENCE],
        "keywords": ["UCCN", "UNESCO", "Östersund", "gastronomi", "gastronomy", "Agenda 2030"],
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "resources": resources,
    }


def _resource(table: Table, fmt: str, path: str, data: pa.Table, mask: bool) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": f"{table.name}-{fmt}",
        "title": f"{table.label.sv} / {table.label.en}",
        "path": path,
        "format": fmt,
        "mediatype": FORMATS[fmt],
    }
    if fmt == "csv":
        # UTF-8 with a byte order mark: what Swedish Excel needs to read å, ä and ö right.
        resource["encoding"] = "utf-8"
        resource["dialect"] = dict(CSV_DIALECT)
    if fmt == "parquet":
        # Parquet keeps every stored column as it is: a date and its precision, a count and
        # its approximation, lists as lists, and the columns derived at import.
        fields = [_stored_field(table, f, mask) for f in data.schema]
    else:
        fields = [
            _file_field(table, name, kind, fmt, mask) for name, kind, _ in file_columns(table, data)
        ]
    resource["schema"] = {"fields": fields, "primaryKey": list(table.key)}
    return resource


def _words(table: Table, name: str) -> tuple[str, str]:
    """What a column holds, (Swedish, English); a companion column says it of its base."""
    found = DESCRIPTIONS.get((table.name, name)) or DESCRIPTIONS.get(name)
    if found:
        return found
    for suffix, words in (("_precision", PRECISION), ("_approx", APPROXIMATION)):
        if name.endswith(suffix):
            base = name.removesuffix(suffix)
            return words[0].format(what=base), words[1].format(what=base)
    raise KeyError(f"no description for {table.name}.{name}: add it to DESCRIPTIONS")


def _description(sv: str, en: str, extra: list[tuple[str, str]]) -> str:
    for more_sv, more_en in extra:
        sv, en = f"{sv}; {more_sv}", f"{en}; {more_en}"
    return f"{sv}. / {en}."


def _file_field(table: Table, name: str, kind: str, fmt: str, mask: bool) -> dict[str, Any]:
    """A column of the CSV or .xlsx file, as `export.file_columns` writes it."""
    column = table.column(name)
    sv, en = _words(table, name)
    extra: list[tuple[str, str]] = []
    if column.kind == "amount":
        sv, en = WRITTEN_AMOUNT
    if column.precision:
        extra.append(WRITTEN_DATE)
    if column.approximate and kind == "written":
        extra.append(WRITTEN_COUNT)
    if column.many or column.kind == "list":
        extra.append(SEVERAL)
    if column.kind == "org_number" and mask:
        extra.append(MASKED_NOTE)
    if column.kind == "text" and mask:
        extra.append(TEXT_MASKED_NOTE)
    field: dict[str, Any] = {
        "name": name,
        "title": column.alias,
        "description": _description(sv, en, extra),
        "type": _file_type(column, kind),
    }
    if field["type"] == "number" and fmt == "csv":
        field["decimalChar"] = ","
    if field["type"] == "boolean":
        field["trueValues"], field["falseValues"] = ["ja"], ["nej"]
    if column.kind == "url":
        field["format"] = "uri"
    field.update(_constraints(column))
    return field


def _file_type(column: Column, kind: str) -> str:
    """The Frictionless type of a column as the spreadsheet files write it: a date or count
    written as reported ("2018-05", "ca 250") and a list ("a; b") are text."""
    if kind == "written" or column.many or column.kind == "list":
        return "string"
    return {
        "date": "date",
        "month": "yearmonth",
        "integer": "integer",
        "decimal": "number",
        "amount": "number",
        "boolean": "boolean",
    }.get(column.kind, "string")


def _stored_field(table: Table, arrow: pa.Field, mask: bool) -> dict[str, Any]:
    """A column of the Parquet file: every column the store keeps, typed as stored."""
    name = arrow.name
    column = next((c for c in table.columns if c.name == name), None)
    sv, en = _words(table, name)
    extra: list[tuple[str, str]] = []
    if column is not None and column.precision:
        extra.append((STORED_DATE[0].format(name=name), STORED_DATE[1].format(name=name)))
    if column is not None and column.approximate:
        extra.append((STORED_COUNT[0].format(name=name), STORED_COUNT[1].format(name=name)))
    if column is not None and column.kind == "org_number" and mask:
        extra.append(MASKED_NOTE)
    if column is not None and column.kind == "text" and mask:
        extra.append(TEXT_MASKED_NOTE)
    field: dict[str, Any] = {
        "name": name,
        "title": column.alias if column is not None else name,
        "description": _description(sv, en, extra),
        "type": _arrow_type(arrow.type),
    }
    if column is not None:
        field.update(_constraints(column))
    elif name.endswith("_precision"):
        field["constraints"] = {"enum": list(PRECISIONS)}
    elif name.endswith("_approx"):
        field["constraints"] = {"enum": list(APPROXIMATIONS)}
    return field


def _arrow_type(kind: pa.DataType) -> str:
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return "array"
    if pa.types.is_date(kind):
        return "date"
    if pa.types.is_timestamp(kind):
        return "datetime"
    if pa.types.is_boolean(kind):
        return "boolean"
    if pa.types.is_integer(kind):
        return "integer"
    if pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return "number"
    return "string"


def _constraints(column: Column) -> dict[str, Any]:
    """Required, and the allowed values of a single-valued column (a list's items are
    described in words: an enum constraint would apply to the whole cell)."""
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    choices = [] if column.many or column.kind == "list" else _choices(column)
    if choices:
        constraints["enum"] = choices
    return {"constraints": constraints} if constraints else {}


def _choices(column: Column) -> list[str]:
    if column.kind == "municipality":
        codes = list(ref.MUNICIPALITY_CODES)
        return [*codes, ref.OTHER_MUNICIPALITY] if column.allow_other else codes
    if column.kind == "enum" and column.choices:
        return list(column.choices)
    return []
