"""Checking read files against the data contract: headers, typed values, every broken cell
named by its Excel row, column and text, and the rules across rows.

Files are written the way a Swedish coordinator writes them: Swedish headers (with å/ä/ö),
Swedish labels in any case, decimal comma, `;` between fields. The tables of cases below
are the contract, one line each.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date

import pytest

from uccn_data.parsing import luhn_ok, normalise_org_number
from uccn_data.problems import Problem
from uccn_data.reader import read_file
from uccn_data.tables import TABLES, resolve_table
from uccn_data.validation import CheckedFile, check, recognise_table

# --- how coordinators write each table ---------------------------------------------------

# canonical column -> the header a Swede writes (the contract's alias, with å/ä/ö where the
# contract allows it)
HEADERS: dict[str, dict[str, str]] = {
    "activities": {
        "activity_id": "Aktivitet_id",
        "title": "Titel",
        "framework_area": "Ramaktivitet",
        "theme": "Tema",
        "start_date": "Startdatum",
        "end_date": "Slutdatum",
        "level": "Nivå",
        "lead": "Ansvarig",
        "municipality": "Kommun",
        "participants": "Deltagare",
        "sdg11_targets": "SDG11",
        "partners": "Partner",
        "status": "Status",
        "description": "Beskrivning",
    },
    "sme_participation": {
        "activity_id": "aktivitet_id",
        "org_number": "organisationsnummer",
        "company_name": "företagsnamn",
        "municipality": "kommun",
        "sector": "bransch",
        "size_class": "storlek",
    },
    "exchanges": {
        "exchange_id": "utbyte_id",
        "activity_id": "aktivitet_id",
        "date": "datum",
        "direction": "riktning",
        "partner_city": "partnerstad",
        "partner_country": "land",
        "uccn_member": "uccn_medlem",
        "participants": "deltagare",
        "smes_involved": "antal_företag",
    },
    "spending": {
        "spending_id": "post_id",
        "date": "datum",
        "amount_sek": "belopp",
        "funder": "finansiär",
        "funder_name": "finansiär_namn",
        "category": "kategori",
        "activity_id": "aktivitet_id",
    },
    "staff_time": {"organisation": "organisation", "month": "månad", "hours": "timmar"},
    "targets": {"year": "år", "kpi": "nyckeltal", "target": "målvärde"},
}

# The contract's required columns, per table (written out, not read from tables.py).
REQUIRED: dict[str, list[str]] = {
    "activities": [
        "activity_id",
        "title",
        "framework_area",
        "theme",
        "start_date",
        "level",
        "lead",
        "status",
    ],
    "sme_participation": [
        "activity_id",
        "org_number",
        "company_name",
        "sector",
        "size_class",
    ],
    "exchanges": ["exchange_id", "date", "direction", "partner_city", "partner_country"],
    "spending": ["spending_id", "date", "amount_sek", "funder", "category"],
    "staff_time": ["organisation", "month", "hours"],
    "targets": ["year", "kpi", "target"],
}


def base_row(table: str, i: int) -> dict[str, str]:
    """A valid row, as text cells, whose key differs for each i (1, 2, 3, ...)."""
    match table:
        case "activities":
            return {
                "activity_id": f"AKT-{i}",
                "title": "Matdag på Stortorget",
                "framework_area": "Kompetensutveckling",
                "theme": "Mat/gastronomi",
                "start_date": "2023-04-15",
                "end_date": "2023-04-16",
                "level": "Internationell",
                "lead": "Östersunds kommun",
                "municipality": "Östersund",
                "participants": "25",
                "sdg11_targets": "11.4",
                "partners": "Team Sweden",
                "status": "Genomförd",
                "description": "Workshop; lokala producenter\noch kockar",
            }
        case "sme_participation":
            return {
                "activity_id": f"AKT-{i}",
                "org_number": "556036-0793",
                "company_name": "Jämtländsk Mat AB",
                "municipality": "Krokom",
                "sector": "Livsmedel",
                "size_class": "Mikro",
            }
        case "exchanges":
            return {
                "exchange_id": f"UTB-{i}",
                "activity_id": "AKT-1",
                "date": "2023-05-10",
                "direction": "Utresande",
                "partner_city": "Bergen",
                "partner_country": "Norge",
                "uccn_member": "",
                "participants": "12",
                "smes_involved": "3",
            }
        case "spending":
            return {
                "spending_id": f"KOST-{i}",
                "date": "2023-04-15",
                "amount_sek": "12 500,50 kr",
                "funder": "Östersunds kommun",
                "funder_name": "",
                "category": "Resor",
                "activity_id": "AKT-1",
            }
        case "staff_time":
            return {"organisation": "Östersunds kommun", "month": f"2023-{i:02d}", "hours": "42,5"}
        case "targets":
            return {"year": str(2020 + i), "kpi": "Aktiviteter", "target": "12"}
    raise AssertionError(table)


# What base_row(table, 1) must become.
BASE_TYPED: dict[str, dict[str, object]] = {
    "activities": {
        "activity_id": "AKT-1",
        "title": "Matdag på Stortorget",
        "framework_area": ["competence_development"],  # (v2) a list of one or more
        "theme": ["gastronomy"],
        "start_date": date(2023, 4, 15),
        "end_date": date(2023, 4, 16),
        "level": "international",
        "lead": "ostersund",
        "municipality": ["2380"],
        "participants": 25,
        "sdg11_targets": ["11.4"],
        "partners": "Team Sweden",
        "status": "completed",
        "description": "Workshop; lokala producenter\noch kockar",
    },
    "sme_participation": {
        "activity_id": "AKT-1",
        "org_number": "5560360793",
        "company_name": "Jämtländsk Mat AB",
        "municipality": "2309",
        "sector": "food",
        "size_class": "micro",
    },
    "exchanges": {
        "exchange_id": "UTB-1",
        "activity_id": "AKT-1",
        "date": date(2023, 5, 10),
        "direction": "outbound",
        "partner_city": ["Bergen"],
        "partner_country": ["NO"],
        "uccn_member": None,  # (v2) as given; derived per city in partner_members
        "participants": 12,
        "smes_involved": 3,
    },
    "spending": {
        "spending_id": "KOST-1",
        "date": date(2023, 4, 15),
        "amount_sek": 12500.5,
        "funder": "ostersund",
        "funder_name": None,
        "category": "travel",
        "activity_id": "AKT-1",
    },
    "staff_time": {"organisation": "ostersund", "month": date(2023, 1, 1), "hours": 42.5},
    "targets": {"year": 2021, "kpi": "activities", "target": 12.0},
}


def csv_file(
    table: str,
    rows: Iterable[dict[str, str]],
    headers: dict[str, str] | None = None,
    encoding: str = "utf-8-sig",
) -> bytes:
    """A `;`-separated CSV with CRLF, quoted where Excel quotes, from canonical-keyed rows."""
    headers = headers if headers is not None else HEADERS[table]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(list(headers.values()))
    for row in rows:
        writer.writerow([row.get(name, "") for name in headers])
    return buffer.getvalue().encode(encoding)


def load(
    table: str,
    rows: Iterable[dict[str, str]],
    headers: dict[str, str] | None = None,
    known_activity_ids: Iterable[str] | None = None,
) -> CheckedFile:
    raw = read_file(csv_file(table, rows, headers), f"{table}.csv")
    checked = check(raw, TABLES[table], known_activity_ids)
    for problem in [*checked.errors, *checked.warnings]:
        assert_bilingual(problem)
    return checked


def assert_bilingual(problem: Problem) -> None:
    sv, en = problem.message("sv"), problem.message("en")
    assert sv.strip() and en.strip(), problem
    assert sv != en, problem


def typed_as_v1(checked: CheckedFile, table: str) -> list[dict[str, object]]:
    """The first row's version 1 columns (v2 keeps more beside them)."""
    first = checked.data.slice(0, 1).to_pylist()[0]
    return [{name: first[name] for name in BASE_TYPED[table]}]


def many(table: str, column: str) -> bool:
    """(v2) Whether a column holds a list."""
    return TABLES[table].column(column).many


def with_cell(table: str, i: int, column: str, value: str) -> dict[str, str]:
    row = base_row(table, i)
    row[column] = value
    return row


def errors_of(checked: CheckedFile) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.row, p.column) for p in checked.errors]


def shown(checked: CheckedFile) -> list[str]:
    return [f"{p.row}/{p.column}/{p.value!r}: {p.message('en')}" for p in checked.errors]


# --- valid files -------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(HEADERS))
def test_valid_swedish_file_imports_clean(table: str) -> None:
    checked = load(table, [base_row(table, i) for i in (1, 2, 3)])

    assert checked.ok, shown(checked)
    assert checked.errors == []
    assert checked.warnings == []
    # Canonical names in contract order, with (v2) what the store keeps beside them.
    assert checked.data.column_names == TABLES[table].stored_names
    assert [c for c in checked.data.column_names if c in HEADERS[table]] == list(HEADERS[table])
    assert checked.data.num_rows == 3
    assert checked.excel_rows.to_pylist() == [2, 3, 4]
    assert typed_as_v1(checked, table) == [BASE_TYPED[table]]


@pytest.mark.parametrize("table", list(HEADERS))
def test_only_required_columns_is_enough(table: str) -> None:
    headers = {name: HEADERS[table][name] for name in REQUIRED[table]}
    checked = load(table, [base_row(table, 1)], headers=headers)
    assert checked.ok, shown(checked)
    assert checked.data.column_names == TABLES[table].stored_names
    optional = [c for c in HEADERS[table] if c not in REQUIRED[table] and c != "uccn_member"]
    for name in optional:
        assert checked.data[name].to_pylist() == [None], name


@pytest.mark.parametrize("table", list(HEADERS))
def test_canonical_english_headers_and_keys_work_too(table: str) -> None:
    headers = {name: name for name in HEADERS[table]}
    english: dict[str, dict[str, str]] = {
        "activities": {
            "framework_area": "strategic_development",
            "theme": "culture",
            "level": "national",
            "lead": "joint",
            "status": "planned",
            "municipality": "2321",
        },
        "sme_participation": {"sector": "film_media", "size_class": "medium"},
        "exchanges": {"direction": "inbound", "partner_country": "NO"},
        "spending": {"funder": "external", "category": "projects"},
        "staff_time": {"organisation": "region"},
        "targets": {"kpi": "leverage_ratio"},
    }
    row = {**base_row(table, 1), **english[table]}
    checked = load(table, [row], headers=headers)
    assert checked.ok, shown(checked)
    typed = checked.data.to_pylist()[0]
    for name, value in english[table].items():
        assert typed[name] == ([value] if many(table, name) else value)


# --- one good cell at a time: (table, column, cell text, typed value) ---------------------

GOOD_CELLS: list[tuple[str, str, str, object]] = [
    # amounts: decimal comma, thousands spaces (plain, no-break, narrow no-break), kr/SEK
    ("spending", "amount_sek", "12 500,50 kr", 12500.5),
    ("spending", "amount_sek", "12\u00a0500,50", 12500.5),
    ("spending", "amount_sek", "12\u202f500,50 SEK", 12500.5),
    ("spending", "amount_sek", "12500.50", 12500.5),
    ("spending", "amount_sek", "1 000 kr", 1000.0),
    ("spending", "amount_sek", "1000kr", 1000.0),
    ("spending", "amount_sek", "0", 0.0),
    ("spending", "amount_sek", "99 999 999,99", 99999999.99),
    ("spending", "date", "2023-04-15 13:45", date(2023, 4, 15)),
    ("spending", "date", "2023-04-15 13:45:10", date(2023, 4, 15)),
    ("spending", "date", "2023-04-15T00:00:00", date(2023, 4, 15)),
    ("spending", "funder", "Region Jämtland Härjedalen", "region"),
    ("spending", "funder", "REGION JÄMTLAND HÄRJEDALEN", "region"),
    ("spending", "funder", "extern", "external"),
    ("spending", "funder", "ÖSTERSUNDS KOMMUN", "ostersund"),
    ("spending", "funder_name", "Tillväxtverket", "Tillväxtverket"),
    ("spending", "category", "Personal", "staff"),
    ("spending", "category", "RESOR", "travel"),
    ("spending", "category", "evenemang", "events"),
    ("spending", "category", "Marknadsföring", "marketing"),
    ("spending", "category", "projekt", "projects"),
    ("spending", "category", "Övrigt", "other"),
    ("spending", "activity_id", "", None),
    # months
    ("staff_time", "month", "2023-04", date(2023, 4, 1)),
    ("staff_time", "month", "2023-4", date(2023, 4, 1)),
    ("staff_time", "month", "2023-04-01", date(2023, 4, 1)),
    ("staff_time", "hours", "0", 0.0),
    ("staff_time", "hours", "744", 744.0),
    ("staff_time", "hours", "7.25", 7.25),
    ("staff_time", "organisation", "region jämtland härjedalen", "region"),
    ("staff_time", "organisation", "Regionen", "region"),
    # municipalities by name (any case) or SCB code
    ("activities", "municipality", "Åre", "2321"),
    ("activities", "municipality", "åre", "2321"),
    ("activities", "municipality", "ÅRE", "2321"),
    ("activities", "municipality", "2321", "2321"),
    ("activities", "municipality", "Östersunds kommun", "2380"),
    ("activities", "municipality", "Bräcke", "2305"),
    ("activities", "municipality", "Strömsund", "2313"),
    ("activities", "municipality", "Härjedalen", "2361"),
    ("activities", "municipality", "Ragunda", "2303"),
    ("activities", "municipality", "Berg", "2326"),
    ("activities", "municipality", "", None),
    ("sme_participation", "municipality", "annan", "other"),
    ("sme_participation", "municipality", "Annan", "other"),
    ("sme_participation", "municipality", "2380", "2380"),
    # enums by Swedish label, any case
    ("activities", "framework_area", "INFORMATION OCH MARKNADSFÖRING", "information_marketing"),
    ("activities", "framework_area", "kompetensutveckling", "competence_development"),
    ("activities", "framework_area", "Strategisk Utveckling", "strategic_development"),
    ("activities", "theme", "mat/gastronomi", "gastronomy"),
    ("activities", "theme", "KULTUR", "culture"),
    ("activities", "theme", "Turism", "tourism"),
    ("activities", "theme", "hållbar utveckling", "sustainable_development"),
    ("activities", "level", "Regional", "regional"),
    ("activities", "level", "NATIONELL", "national"),
    ("activities", "level", "internationell", "international"),
    ("activities", "lead", "Region Jämtland Härjedalen", "region"),
    ("activities", "lead", "GEMENSAM", "joint"),
    ("activities", "status", "Planerad", "planned"),
    ("activities", "status", "PÅGÅENDE", "ongoing"),
    ("activities", "status", "genomförd", "completed"),
    ("activities", "status", "Inställd", "cancelled"),
    ("activities", "end_date", "", None),
    ("activities", "end_date", "2023-04-15", date(2023, 4, 15)),  # same day as start
    ("activities", "end_date", "2024-02-29", date(2024, 2, 29)),  # a leap day
    ("activities", "end_date", "2023-12-31", date(2023, 12, 31)),
    ("activities", "participants", "0", 0),
    ("activities", "participants", "1 200", 1200),
    ("activities", "participants", "12,0", 12),
    ("activities", "participants", "", None),
    # SDG 11 target lists: any separator, sorted in the official order, no duplicates
    ("activities", "sdg11_targets", "11.4; 11.a 11.1", ["11.1", "11.4", "11.a"]),
    ("activities", "sdg11_targets", "11.c,11.b, 11.7", ["11.7", "11.b", "11.c"]),
    ("activities", "sdg11_targets", "11.3;11.3", ["11.3"]),
    ("activities", "sdg11_targets", "11.A", ["11.a"]),
    ("activities", "sdg11_targets", "", None),
    # sectors and sizes by their Swedish labels
    ("sme_participation", "sector", "Livsmedel", "food"),
    ("sme_participation", "sector", "restaurang", "restaurant"),
    ("sme_participation", "sector", "Design", "design"),
    ("sme_participation", "sector", "KONSTHANTVERK", "crafts"),
    ("sme_participation", "sector", "Musik", "music"),
    ("sme_participation", "sector", "Film och media", "film_media"),
    ("sme_participation", "sector", "litteratur", "literature"),
    ("sme_participation", "sector", "Scenkonst", "performing_arts"),
    ("sme_participation", "sector", "Bildkonst", "visual_arts"),
    ("sme_participation", "sector", "Arkitektur", "architecture"),
    ("sme_participation", "sector", "SPEL", "games"),
    ("sme_participation", "sector", "turism", "tourism"),
    ("sme_participation", "sector", "övrigt", "other"),
    ("sme_participation", "size_class", "mikro", "micro"),
    ("sme_participation", "size_class", "Liten", "small"),
    ("sme_participation", "size_class", "MEDELSTOR", "medium"),
    # organisation numbers: with hyphen, 10 digits, 12 digits with century
    ("sme_participation", "org_number", "556036-0793", "5560360793"),
    ("sme_participation", "org_number", "5560360793", "5560360793"),
    ("sme_participation", "org_number", "165560360793", "5560360793"),
    ("sme_participation", "org_number", "16556036-0793", "5560360793"),
    ("sme_participation", "org_number", "811218-9876", "8112189876"),  # a sole trader
    ("sme_participation", "org_number", "198112189876", "8112189876"),
    ("sme_participation", "company_name", "Åre Chokladfabrik AB", "Åre Chokladfabrik AB"),
    # exchanges
    ("exchanges", "direction", "UTRESANDE", "outbound"),
    ("exchanges", "direction", "inkommande", "inbound"),
    ("exchanges", "direction", "Digital", "digital"),
    ("exchanges", "partner_country", "Norge", "NO"),
    ("exchanges", "partner_country", "norway", "NO"),
    ("exchanges", "partner_country", "NO", "NO"),
    ("exchanges", "partner_country", "no", "NO"),
    ("exchanges", "uccn_member", "ja", True),
    ("exchanges", "uccn_member", "JA", True),
    ("exchanges", "uccn_member", "Nej", False),
    ("exchanges", "uccn_member", "x", True),
    ("exchanges", "uccn_member", "X", True),
    ("exchanges", "uccn_member", "SANT", True),
    ("exchanges", "uccn_member", "falskt", False),
    ("exchanges", "uccn_member", "yes", True),
    ("exchanges", "uccn_member", "No", False),
    ("exchanges", "uccn_member", "true", True),
    ("exchanges", "uccn_member", "FALSE", False),
    ("exchanges", "uccn_member", "1", True),
    ("exchanges", "uccn_member", "0", False),
    ("exchanges", "activity_id", "", None),
    ("exchanges", "smes_involved", "0", 0),
    # targets
    ("targets", "kpi", "växling", "leverage_ratio"),
    ("targets", "kpi", "UTBYTEN", "exchanges"),
    ("targets", "kpi", "smes_reached", "smes_reached"),
    ("targets", "target", "1,5", 1.5),
    ("targets", "target", "100 000", 100000.0),
    ("targets", "year", "2010", 2010),
    ("targets", "year", "2100", 2100),
]


@pytest.mark.parametrize(("table", "column", "cell", "expected"), GOOD_CELLS)
def test_good_cell_is_typed(table: str, column: str, cell: str, expected: object) -> None:
    checked = load(table, [with_cell(table, 1, column, cell), base_row(table, 2)])
    assert checked.ok, shown(checked)
    assert checked.warnings == []
    listed = many(table, column) and expected is not None
    assert checked.data[column].to_pylist()[0] == ([expected] if listed else expected)


@pytest.mark.parametrize(
    ("city", "country", "given", "expected"),
    [
        ("Bergen", "Norge", "", True),
        ("bergen", "Norway", "", True),
        ("Östersund", "Sverige", "", True),
        ("Parma", "Italien", "", True),
        ("Denia", "Spanien", "", True),  # Dénia without its accent
        # (v2) not in UNESCO's list: unknown, never "no"
        ("Oslo", "Norge", "", None),
        ("Bergen", "Sverige", "", None),  # a Bergen, but not the UCCN one
        ("Oslo", "Norge", "ja", True),  # what the coordinator says wins
        ("Bergen", "Norge", "nej", False),
    ],
)
def test_uccn_member_is_derived_when_empty(
    city: str, country: str, given: str, expected: bool
) -> None:
    row = base_row("exchanges", 1) | {
        "partner_city": city,
        "partner_country": country,
        "uccn_member": given,
    }
    checked = load("exchanges", [row])
    assert checked.ok, shown(checked)
    assert checked.data["partner_members"].to_pylist() == [[expected]]
    assert checked.data["uccn_member"].to_pylist() == [{"ja": True, "nej": False}.get(given)]


# --- one broken cell at a time: (table, column, cell text, problem code) ------------------

BAD_CELLS: list[tuple[str, str, str, str]] = [
    # activities
    ("activities", "activity_id", "", "required"),
    ("activities", "activity_id", "AKT 9", "bad_id"),
    ("activities", "activity_id", "AKT/9", "bad_id"),
    ("activities", "activity_id", "Å-9", "bad_id"),
    ("activities", "activity_id", "A" * 41, "bad_id"),
    ("activities", "title", "", "required"),
    ("activities", "title", "T" * 201, "too_long"),
    ("activities", "framework_area", "Marknadsföring", "bad_enum"),
    ("activities", "framework_area", "", "required"),
    ("activities", "theme", "Sport", "bad_enum"),
    ("activities", "start_date", "", "required"),
    ("activities", "start_date", "15/04/2023", "bad_date"),
    ("activities", "start_date", "2023-02-30", "bad_date"),
    ("activities", "start_date", "2023-02-29", "bad_date"),  # 2023 is not a leap year
    ("activities", "start_date", "2023-06-31 10:00", "bad_date"),
    ("activities", "start_date", "2023-4-15", "bad_date"),
    ("activities", "start_date", "15 april 2023", "bad_date"),
    ("activities", "start_date", "45031", "bad_date"),  # an Excel serial number as text
    ("activities", "end_date", "2023-13-01", "bad_date"),
    ("activities", "level", "Lokal", "bad_enum"),
    ("activities", "level", "", "required"),
    ("activities", "lead", "Kommunen", "bad_enum"),
    ("activities", "municipality", "Stockholm", "bad_municipality"),
    ("activities", "municipality", "2380x", "bad_municipality"),
    ("activities", "municipality", "annan", "bad_municipality"),  # only SMEs may be outside
    ("activities", "participants", "-1", "below_minimum"),
    ("activities", "participants", "många", "bad_integer"),
    ("activities", "participants", "2,5", "bad_integer"),
    ("activities", "participants", "1e3", "bad_integer"),
    ("activities", "sdg11_targets", "11.8", "bad_sdg11"),
    ("activities", "sdg11_targets", "11.4; 12.1", "bad_sdg11"),
    ("activities", "sdg11_targets", "11.d", "bad_sdg11"),
    ("activities", "status", "Klar", "bad_enum"),
    ("activities", "status", "", "required"),
    ("activities", "description", "D" * 2001, "too_long"),
    # sme_participation
    ("sme_participation", "activity_id", "", "required"),
    ("sme_participation", "activity_id", "AKT 9", "bad_id"),
    ("sme_participation", "org_number", "556036-0794", "org_number_checksum"),
    ("sme_participation", "org_number", "5560360794", "org_number_checksum"),
    ("sme_participation", "org_number", "165560360794", "org_number_checksum"),
    ("sme_participation", "org_number", "55603-60793", "bad_org_number"),
    ("sme_participation", "org_number", "556036079", "bad_org_number"),
    ("sme_participation", "org_number", "55603607933", "bad_org_number"),
    ("sme_participation", "org_number", "556036-079X", "bad_org_number"),
    ("sme_participation", "org_number", "", "required"),
    ("sme_participation", "company_name", "", "required"),
    ("sme_participation", "company_name", "N" * 201, "too_long"),
    ("sme_participation", "municipality", "Oslo", "bad_municipality"),
    ("sme_participation", "sector", "Bank", "bad_enum"),
    ("sme_participation", "sector", "", "required"),
    ("sme_participation", "size_class", "Stor", "bad_enum"),
    ("sme_participation", "size_class", "", "required"),
    # exchanges
    ("exchanges", "exchange_id", "", "required"),
    ("exchanges", "exchange_id", "UTB 9", "bad_id"),
    ("exchanges", "activity_id", "AKT 9", "bad_id"),
    ("exchanges", "date", "", "required"),
    ("exchanges", "date", "2023/05/10", "bad_date"),
    ("exchanges", "date", "2023-05-32", "bad_date"),
    ("exchanges", "direction", "Ut", "bad_enum"),
    ("exchanges", "direction", "", "required"),
    ("exchanges", "partner_city", "", "required"),
    ("exchanges", "partner_city", "C" * 201, "too_long"),
    ("exchanges", "partner_country", "Atlantis", "bad_country"),
    ("exchanges", "partner_country", "XX", "bad_country"),
    # (v2) required for a city or region partner (the default type), checked with the city
    ("exchanges", "partner_country", "", "country_required"),
    ("exchanges", "uccn_member", "kanske", "bad_boolean"),
    ("exchanges", "uccn_member", "2", "bad_boolean"),
    ("exchanges", "participants", "-3", "below_minimum"),
    ("exchanges", "participants", "tolv", "bad_integer"),
    ("exchanges", "smes_involved", "tre", "bad_integer"),
    ("exchanges", "smes_involved", "-1", "below_minimum"),
    # spending
    ("spending", "spending_id", "", "required"),
    ("spending", "spending_id", "KOST 9", "bad_id"),
    ("spending", "date", "", "required"),
    ("spending", "date", "2023-04-31", "bad_date"),
    # (v2) an empty amount is an unknown amount, stored as unknown: not an error
    ("spending", "amount_sek", "-5", "below_minimum"),
    ("spending", "amount_sek", "100000000", "not_below_maximum"),
    ("spending", "amount_sek", "tolv tusen", "bad_decimal"),
    ("spending", "amount_sek", "12,500.50", "bad_decimal"),
    ("spending", "amount_sek", "1,2,3", "bad_decimal"),
    # (v2) "euro" and "Staten" are understood now (a currency, the state as funder)
    ("spending", "amount_sek", "12 500,50 pengar", "bad_amount_unit"),
    ("spending", "funder", "Sponsorn", "bad_enum"),
    ("spending", "funder", "", "required"),
    ("spending", "funder_name", "F" * 201, "too_long"),
    ("spending", "category", "Mat", "bad_enum"),
    ("spending", "category", "", "required"),
    ("spending", "activity_id", "AKT 9", "bad_id"),
    # staff_time
    ("staff_time", "organisation", "Krokom", "bad_enum"),
    ("staff_time", "organisation", "Gemensam", "bad_enum"),  # joint is a lead, not a payer
    ("staff_time", "organisation", "", "required"),
    ("staff_time", "month", "2023-13", "bad_month"),
    ("staff_time", "month", "april 2023", "bad_month"),
    ("staff_time", "month", "04-2023", "bad_month"),
    ("staff_time", "month", "202304", "bad_month"),
    ("staff_time", "month", "2023-02-30", "bad_month"),
    ("staff_time", "month", "", "required"),
    ("staff_time", "hours", "745", "above_maximum"),
    ("staff_time", "hours", "-1", "below_minimum"),
    ("staff_time", "hours", "åtta", "bad_decimal"),
    ("staff_time", "hours", "", "required"),
    # targets
    ("targets", "year", "2009", "below_minimum"),
    ("targets", "year", "2101", "above_maximum"),
    ("targets", "year", "tjugo", "bad_integer"),
    ("targets", "year", "2024,5", "bad_integer"),
    ("targets", "year", "", "required"),
    ("targets", "kpi", "Vinst", "bad_enum"),
    ("targets", "kpi", "", "required"),
    ("targets", "target", "-1", "below_minimum"),
    ("targets", "target", "mycket", "bad_decimal"),
    ("targets", "target", "", "required"),
    # the value shown must be the cell as the coordinator typed it, not our reading of it
    ("spending", "amount_sek", "100 000 000", "not_below_maximum"),
    ("spending", "amount_sek", "-12 500,50 kr", "below_minimum"),
    ("staff_time", "hours", "744,5", "above_maximum"),
]


def _bad_id(case: tuple[str, str, str, str]) -> str:
    table, column, cell, code = case
    short = cell if len(cell) <= 20 else f"{cell[:6]}…x{len(cell)}"
    return f"{table}-{column}-{short or 'empty'}-{code}"


@pytest.mark.parametrize(
    ("table", "column", "cell", "code"), BAD_CELLS, ids=map(_bad_id, BAD_CELLS)
)
def test_bad_cell_is_reported_on_its_excel_row(
    table: str, column: str, cell: str, code: str
) -> None:
    # The broken cell is on the second data row: Excel row 3 (header = row 1).
    rows = [base_row(table, 1), with_cell(table, 2, column, cell), base_row(table, 3)]
    checked = load(table, rows)

    assert not checked.ok
    if code == "bad_date" and TABLES[table].column(column).precision:
        code = "bad_date_precision"  # (v2) the message shows YYYY-MM and YYYY too
    assert errors_of(checked) == [(code, 3, column)], shown(checked)
    problem = checked.errors[0]
    assert problem.value == (cell or None)
    assert_bilingual(problem)


@pytest.mark.parametrize(
    ("table", "column", "cell"),
    [
        ("activities", "start_date", "2923-05-01"),  # a typo for 2023
        ("activities", "end_date", "3023-05-01"),
        ("activities", "start_date", "0023-05-01"),
        ("exchanges", "date", "9999-12-31"),
        ("spending", "date", "1066-10-14"),
        ("staff_time", "month", "2923-04"),
    ],
)
def test_date_far_from_today_is_reported_on_its_row(table: str, column: str, cell: str) -> None:
    """A well-formed date outside pandas' nanosecond range still has a row and a value."""
    rows = [base_row(table, 1), with_cell(table, 2, column, cell)]
    checked = load(table, rows)
    assert not checked.ok
    assert [(p.row, p.column, p.value) for p in checked.errors] == [(3, column, cell)], shown(
        checked
    )


def test_every_problem_in_a_badly_broken_file_is_reported_at_once() -> None:
    rows = [
        with_cell("spending", 1, "amount_sek", "mycket"),
        base_row("spending", 2) | {"date": "igår", "funder": "Sponsorn"},
        base_row("spending", 3),
        base_row("spending", 4) | {"category": "", "spending_id": "KOST 4"},
    ]
    checked = load("spending", rows)
    assert errors_of(checked) == [
        ("bad_decimal", 2, "amount_sek"),
        ("bad_date_precision", 3, "date"),  # (v2) a date with precision
        ("bad_enum", 3, "funder"),
        ("bad_id", 5, "spending_id"),
        ("required", 5, "category"),
    ]


def test_year_limit_is_written_as_a_year() -> None:
    checked = load("targets", [with_cell("targets", 1, "year", "2009")])
    [problem] = checked.errors
    assert "2010" in problem.message("sv")
    assert "2010" in problem.message("en")


def test_amount_limit_is_written_the_swedish_way() -> None:
    checked = load("spending", [with_cell("spending", 1, "amount_sek", "100000000")])
    [problem] = checked.errors
    assert "100 000 000" in problem.message("sv")


# --- rules across rows -------------------------------------------------------------------

# The contract's keys.
KEYS: dict[str, tuple[str, ...]] = {
    "activities": ("activity_id",),
    "sme_participation": ("activity_id", "org_number"),
    "exchanges": ("exchange_id",),
    "spending": ("spending_id",),
    "staff_time": ("organisation", "month"),
    "targets": ("year", "kpi"),
}

DUPLICATES: list[tuple[str, Callable[[int], dict[str, str]], Callable[[int], dict[str, str]]]] = [
    # (table, row maker for the first copy, row maker for the second copy): same key
    ("activities", lambda i: base_row("activities", 1), lambda i: base_row("activities", 1)),
    (
        "sme_participation",
        lambda i: with_cell("sme_participation", 1, "org_number", "556036-0793"),
        lambda i: with_cell("sme_participation", 1, "org_number", "165560360793"),
    ),
    ("exchanges", lambda i: base_row("exchanges", 1), lambda i: base_row("exchanges", 1)),
    (
        "spending",
        lambda i: base_row("spending", 1),
        lambda i: base_row("spending", 1) | {"amount_sek": "1"},
    ),
    (
        "staff_time",
        lambda i: with_cell("staff_time", 1, "month", "2023-04"),
        lambda i: with_cell("staff_time", 1, "month", "2023-04-01"),
    ),
    (
        "targets",
        lambda i: with_cell("targets", 1, "kpi", "Aktiviteter"),
        lambda i: with_cell("targets", 1, "kpi", "activities"),
    ),
]


@pytest.mark.parametrize(("table", "first", "second"), DUPLICATES, ids=[d[0] for d in DUPLICATES])
def test_duplicate_key_reports_both_rows_each_naming_the_other(
    table: str,
    first: Callable[[int], dict[str, str]],
    second: Callable[[int], dict[str, str]],
) -> None:
    # Rows 2 and 4 share a key; row 3 is different.
    checked = load(table, [first(1), base_row(table, 5), second(1)])
    duplicates = [p for p in checked.errors if p.code == "duplicate_key"]
    assert [p.row for p in duplicates] == [2, 4], shown(checked)
    assert [p.code for p in checked.errors] == ["duplicate_key", "duplicate_key"], shown(checked)
    by_row = {p.row: p for p in duplicates}
    assert by_row[2].params["other_rows"] == "4"
    assert by_row[4].params["other_rows"] == "2"
    assert "4" in by_row[2].message("sv") and "4" in by_row[2].message("en")
    assert "2" in by_row[4].message("sv") and "2" in by_row[4].message("en")
    for problem in duplicates:
        assert problem.column in KEYS[table]
        assert problem.value  # the key as the coordinator can find it


def test_three_copies_of_a_key_each_name_the_other_two() -> None:
    row = base_row("exchanges", 1)
    checked = load("exchanges", [row, row, base_row("exchanges", 2), row])
    others = {p.row: p.params["other_rows"] for p in checked.errors}
    assert others == {2: "3, 5", 3: "2, 5", 5: "2, 3"}


def test_same_activity_and_company_twice_but_different_activities_is_fine() -> None:
    rows = [base_row("sme_participation", 1), base_row("sme_participation", 2)]
    assert load("sme_participation", rows).ok


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2023-04-15", "2023-04-14", False),
        ("2023-04-15", "2022-12-31", False),
        ("2023-04-15 18:00", "2023-04-15 09:00", True),  # same day: dates, not times
        ("2023-04-15", "2023-04-15", True),
        ("2023-04-15", "", True),
    ],
)
def test_end_date_not_before_start_date(start: str, end: str, ok: bool) -> None:
    rows = [
        base_row("activities", 1),
        base_row("activities", 2) | {"start_date": start, "end_date": end},
    ]
    checked = load("activities", rows)
    assert checked.ok is ok, shown(checked)
    if not ok:
        assert errors_of(checked) == [("end_before_start", 3, "end_date")]
        assert checked.errors[0].value == end
        assert "2023-04-15" in checked.errors[0].message("sv")


@pytest.mark.parametrize("table", ["sme_participation", "exchanges", "spending"])
def test_unknown_activity_is_an_error_when_the_known_ids_are_given(table: str) -> None:
    rows = [
        with_cell(table, 1, "activity_id", "AKT-1"),
        with_cell(table, 2, "activity_id", "AKT-99"),
        with_cell(table, 3, "activity_id", "AKT-2"),
    ]
    known = {"AKT-1", "AKT-2", "AKT-3"}
    checked = load(table, rows, known_activity_ids=known)
    assert errors_of(checked) == [("unknown_activity", 3, "activity_id")], shown(checked)
    assert checked.errors[0].value == "AKT-99"
    # Without the store's ids there is nothing to compare with: no error.
    assert load(table, rows).ok
    # With an empty store every id is unknown.
    assert [p.row for p in load(table, rows, known_activity_ids=[]).errors] == [2, 3, 4]


@pytest.mark.parametrize("table", ["exchanges", "spending"])
def test_empty_optional_activity_id_is_not_unknown(table: str) -> None:
    checked = load(table, [with_cell(table, 1, "activity_id", "")], known_activity_ids={"X"})
    assert checked.ok, shown(checked)


def test_activities_file_is_not_checked_against_known_activities() -> None:
    checked = load("activities", [base_row("activities", 1)], known_activity_ids=set())
    assert checked.ok, shown(checked)


# --- headers -----------------------------------------------------------------------------


# (v2) A country is required for city and region partners only, and an amount may be
# unknown: neither column is required in every file any more.
CONDITIONAL = {("exchanges", "partner_country"), ("spending", "amount_sek")}


@pytest.mark.parametrize(
    ("table", "column"),
    [(t, c) for t, columns in REQUIRED.items() for c in columns if (t, c) not in CONDITIONAL],
)
def test_missing_required_column(table: str, column: str) -> None:
    headers = {k: v for k, v in HEADERS[table].items() if k != column}
    checked = load(table, [base_row(table, 1)], headers=headers)
    missing = [p for p in checked.errors if p.code == "missing_column"]
    assert [p.column for p in missing] == [column], shown(checked)
    # The message tells the coordinator which header to add.
    alias = TABLES[table].column(column).alias
    assert alias in missing[0].message("sv") or column in missing[0].message("sv")
    assert not checked.ok


@pytest.mark.parametrize("table", list(HEADERS))
def test_unknown_extra_column_is_a_warning_not_an_error(table: str) -> None:
    headers = {**HEADERS[table], "kommentar": "Kommentar (intern)"}
    row = base_row(table, 1) | {"kommentar": "ring Anna"}
    checked = load(table, [row], headers=headers)
    assert checked.ok, shown(checked)
    assert [(p.code, p.column) for p in checked.warnings] == [
        ("unknown_column", "Kommentar (intern)")
    ]
    assert "kommentar" not in checked.data.column_names


def test_empty_header_over_empty_cells_says_nothing() -> None:
    headers = {**HEADERS["targets"], "tom": ""}
    checked = load("targets", [base_row("targets", 1)], headers=headers)
    assert checked.ok
    assert checked.warnings == []


def test_same_column_twice_is_an_error() -> None:
    headers = {**HEADERS["targets"], "kpi2": "Nyckeltal"}
    checked = load("targets", [base_row("targets", 1) | {"kpi2": "Utbyten"}], headers=headers)
    assert [p.code for p in checked.errors] == ["duplicate_column"]


@pytest.mark.parametrize(
    ("table", "headers"),
    [
        ("staff_time", ["  ORGANISATION ", "Månad", "TIMMAR  "]),
        ("staff_time", ["Organisation", "MÅNAD", "timmar"]),
        ("staff_time", ["organisation", "manad", "Timmar"]),
        ("staff_time", ["Organisation", " Month ", "HOURS"]),
        ("targets", ["År", "NYCKELTAL", "Målvärde"]),
        ("targets", [" ar", "Nyckeltal ", "MALVARDE"]),
        ("targets", ["YEAR", "Kpi", "Target"]),
        (
            "spending",
            [
                "POST_ID",
                " Datum",
                "Belopp ",
                "FINANSIÄR",
                "Finansiär_Namn",
                "Kategori",
                "Aktivitet_ID",
            ],
        ),
        (
            "spending",
            [
                "post_id",
                "datum",
                "belopp",
                "finansiar",
                "finansiar_namn",
                "kategori",
                "aktivitet_id",
            ],
        ),
        (
            "exchanges",
            [
                "Utbyte_ID",
                "Aktivitet_ID",
                "DATUM",
                "Riktning",
                "Partnerstad",
                "Land",
                "UCCN_medlem",
                "Deltagare",
                "Antal_Företag",
            ],
        ),
        (
            "sme_participation",
            ["Aktivitet_ID", "Organisationsnummer", "FÖRETAGSNAMN", "Kommun", "Bransch", "Storlek"],
        ),
        (
            "sme_participation",
            ["aktivitet_id", "organisationsnummer", "Foretagsnamn", "kommun", "bransch", "storlek"],
        ),
        (
            "activities",
            [
                "AKTIVITET_ID",
                "titel",
                "RamAktivitet",
                "TEMA",
                "StartDatum",
                "SlutDatum",
                "NIVÅ",
                "ansvarig",
                "KOMMUN",
                "deltagare",
                "sdg11",
                "PARTNER",
                "Status",
                "beskrivning",
            ],
        ),
        (
            "activities",
            [
                "aktivitet_id",
                "titel",
                "ramaktivitet",
                "tema",
                "startdatum",
                "slutdatum",
                "niva",
                "ansvarig",
                "kommun",
                "deltagare",
                "sdg11",
                "partner",
                "status",
                "beskrivning",
            ],
        ),
    ],
)
def test_headers_match_in_any_case_and_trimmed(table: str, headers: list[str]) -> None:
    named = dict(zip(HEADERS[table], headers, strict=True))
    checked = load(table, [base_row(table, 1)], headers=named)
    assert checked.ok, shown(checked)
    assert checked.warnings == []
    assert typed_as_v1(checked, table) == [BASE_TYPED[table]]
    assert recognise_table(headers) is TABLES[table]


@pytest.mark.parametrize("table", list(HEADERS))
def test_recognise_table_from_swedish_headers(table: str) -> None:
    recognised = recognise_table(HEADERS[table].values())
    assert recognised is not None
    assert recognised.name == table


@pytest.mark.parametrize("table", list(HEADERS))
def test_recognise_table_from_required_swedish_headers_only(table: str) -> None:
    recognised = recognise_table([HEADERS[table][c] for c in REQUIRED[table]])
    assert recognised is not None
    assert recognised.name == table


@pytest.mark.parametrize(
    "headers",
    [
        [],
        [""],
        ["namn", "adress", "telefon"],
        ["Kolumn1", "Kolumn2"],
        ["datum", "belopp"],  # part of spending, but not all its required columns
        ["år", "nyckeltal"],
    ],
)
def test_recognise_table_returns_none_for_nonsense(headers: list[str]) -> None:
    assert recognise_table(headers) is None


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("aktiviteter", "activities"),
        ("Aktiviteter", "activities"),
        ("activities", "activities"),
        ("Foretag", "sme_participation"),
        ("företag", "sme_participation"),
        ("sme_participation", "sme_participation"),
        ("utbyten", "exchanges"),
        ("exchanges", "exchanges"),
        ("kostnader", "spending"),
        ("Spending", "spending"),
        ("arbetstid", "staff_time"),
        ("staff_time", "staff_time"),
        ("mål", "targets"),
        ("MÅL", "targets"),
        ("mal", "targets"),
        ("targets", "targets"),
        (" Targets ", "targets"),
    ],
)
def test_resolve_table_by_canonical_or_swedish_name(name: str, table: str) -> None:
    resolved = resolve_table(name)
    assert resolved is not None
    assert resolved.name == table


@pytest.mark.parametrize("name", ["", "budget", "aktivitet", "activity", "mål2"])
def test_resolve_table_unknown_is_none(name: str) -> None:
    assert resolve_table(name) is None


# --- organisation numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("556036-0793", ("5560360793", None)),
        ("5560360793", ("5560360793", None)),
        ("165560360793", ("5560360793", None)),
        (" 556036 0793 ", ("5560360793", None)),
        ("811218-9876", ("8112189876", None)),
        ("811218+9876", ("8112189876", None)),  # a centenarian's personal number
        ("19811218-9876", ("8112189876", None)),
        ("556036-0794", (None, "org_number_checksum")),
        ("5560360790", (None, "org_number_checksum")),
        ("55603-60793", (None, "bad_org_number")),
        ("556036--0793", (None, "bad_org_number")),
        ("556036079", (None, "bad_org_number")),
        ("175560360793", (None, "bad_org_number")),
        ("abcdefghij", (None, "bad_org_number")),
        ("５５６０３６０７９３", (None, "bad_org_number")),  # full-width digits
        ("", (None, "bad_org_number")),
    ],
)
def test_normalise_org_number(text: str, expected: tuple[str | None, str | None]) -> None:
    assert normalise_org_number(text) == expected


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("5560360793", True),
        ("8112189876", True),
        ("2120000142", True),  # Statens (public body) style number
        ("5560360794", False),
        ("8112189875", False),
        ("0000000000", True),
    ],
)
def test_luhn(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok
