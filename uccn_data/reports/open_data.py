"""Every table as open data: Swedish-Excel CSV, .xlsx and Parquet, described by a Frictionless
`datapackage.json`, the way Swedish public bodies publish data sets.

The CSV and .xlsx files are exactly what `export TABLE` writes (formula-looking text
neutralised); the Parquet files keep the values as stored, for analysis tools. Sole traders'
organisation numbers are personal data, so they are masked unless the caller has the store
owner's rights and asks for them whole.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from uccn_data import reference as ref
from uccn_data.export import export_table, mask_table
from uccn_data.store import Store
from uccn_data.tables import TABLES, Column, Table

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
    "framework_area": ("Ramaktivitet i avtalet", "Framework activity of the agreement"),
    "theme": ("Tema", "Theme"),
    "start_date": ("Startdatum", "Start date"),
    "end_date": ("Slutdatum", "End date"),
    "level": ("Nivå: regional, nationell eller internationell", "Level: regional, national or international"),
    "lead": ("Ansvarig part", "Lead party"),
    "municipality": ("Kommun där aktiviteten ägde rum (SCB-kod)", "Municipality where the activity took place (SCB code)"),
    ("sme_participation", "municipality"): (
        "Kommun där företaget finns (SCB-kod, eller other för utanför länet)",
        "Municipality where the company is based (SCB code, or other for outside the county)",
    ),
    "participants": ("Antal deltagare", "Number of participants"),
    "sdg11_targets": ("Delmål under Agenda 2030 mål 11, kommaseparerade", "Targets under SDG 11, comma-separated"),
    "partners": ("Partner", "Partners"),
    "status": ("Status", "Status"),
    "description": ("Beskrivning", "Description"),
    "org_number": ("Organisationsnummer", "Organisation number"),
    "company_name": ("Företagets namn", "Company name"),
    "sector": ("Bransch", "Sector"),
    "size_class": ("Storleksklass (anställda)", "Size class (employees)"),
    "exchange_id": ("Utbytets id", "The exchange's id"),
    ("exchanges", "activity_id"): ("Aktivitet som utbytet hör till", "Activity the exchange belongs to"),
    "date": ("Datum", "Date"),
    "direction": ("Riktning: utresande, inkommande eller digital", "Direction: outbound, inbound or digital"),
    "partner_city": ("Partnerstad", "Partner city"),
    "partner_country": ("Partnerland (ISO 3166-1 alfa-2)", "Partner country (ISO 3166-1 alpha-2)"),
    "uccn_member": ("Partnerstaden är medlem i UCCN", "The partner city is a UCCN member"),
    "smes_involved": ("Antal företag i utbytet", "Number of companies in the exchange"),
    "spending_id": ("Kostnadspostens id", "The cost item's id"),
    ("spending", "activity_id"): ("Aktivitet som kostnaden hör till", "Activity the cost belongs to"),
    "amount_sek": ("Belopp i kronor", "Amount in SEK"),
    "funder": ("Finansiär", "Funder"),
    "funder_name": ("Finansiärens namn", "The funder's name"),
    "category": ("Kostnadskategori", "Cost category"),
    "organisation": ("Part", "Party"),
    "month": ("Månad", "Month"),
    "hours": ("Arbetade timmar", "Hours worked"),
    "year": ("År", "Year"),
    "kpi": ("Nyckeltal", "Key figure"),
    "target": ("Målvärde", "Target value"),
}  # fmt: skip
MASKED_NOTE = (
    "Enskilda firmors nummer är maskerade (personnummer)",
    "Sole traders' numbers are masked (personal identity numbers)",
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
            "Aktiviteter, företag, utbyten, kostnader, arbetstid och mål i samverkansavtalet om "
            "UNESCO Creative Cities Network mellan Region Jämtland Härjedalen och Östersunds kommun. / "
            "Activities, SMEs, exchanges, spending, staff time and targets under the UNESCO "
            "Creative Cities Network cooperation agreement between Region Jämtland Härjedalen and "
            "Östersund Municipality."
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
    resource["schema"] = {
        "fields": [_field(table, column, fmt, mask) for column in table.columns],
        "primaryKey": list(table.key),
    }
    return resource


def _field(table: Table, column: Column, fmt: str, mask: bool) -> dict[str, Any]:
    sv, en = DESCRIPTIONS.get((table.name, column.name)) or DESCRIPTIONS[column.name]
    if column.kind == "org_number" and mask:
        sv, en = f"{sv}. {MASKED_NOTE[0]}", f"{en}. {MASKED_NOTE[1]}"
    field: dict[str, Any] = {
        "name": column.name,
        "title": column.alias,
        "description": f"{sv}. / {en}.",
        "type": _type(column, fmt),
    }
    if column.kind == "decimal" and fmt == "csv":
        field["decimalChar"] = ","
    if column.kind == "boolean" and fmt != "parquet":
        field["trueValues"], field["falseValues"] = ["ja"], ["nej"]
    choices = _choices(column)
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if choices:
        constraints["enum"] = choices
    if constraints:
        field["constraints"] = constraints
    return field


def _type(column: Column, fmt: str) -> str:
    """The Frictionless type of a column as written in that format: the spreadsheet files
    write months and target lists as text, Parquet keeps them as a date and a list."""
    kind = column.kind
    if kind == "date":
        return "date"
    if kind == "month":
        return "date" if fmt == "parquet" else "yearmonth"
    if kind == "integer":
        return "integer"
    if kind == "decimal":
        return "number"
    if kind == "boolean":
        return "boolean"
    if kind == "list":
        return "array" if fmt == "parquet" else "string"
    return "string"


def _choices(column: Column) -> list[str]:
    if column.kind == "municipality":
        codes = list(ref.MUNICIPALITY_CODES)
        return [*codes, ref.OTHER_MUNICIPALITY] if column.allow_other else codes
    if column.kind == "enum" and column.choices:
        return list(column.choices)
    return []
