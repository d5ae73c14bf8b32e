"""Data contract version 2 (issue 12): the example files import with the values the contract
gives them and round-trip through export; a version 1 store migrates with nothing lost; each
new rule refuses what it must, naming the row and column.

tests/fixtures/contract-v2/ holds copies of the four example files. tests/fixtures/
v1-store.duckdb.gz is a store built by the previous release (schema version 1, commit
de66b89): six tables imported, then an activity corrected by a later import (import 7).
"""

from __future__ import annotations

import gzip
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.conftest import swedish_csv
from uccn_data.__main__ import main
from uccn_data.export import export_table
from uccn_data.importer import ImportReport, import_file
from uccn_data.problems import Problem
from uccn_data.store import SCHEMA_VERSION, Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXAMPLES = [
    ("activities", "aktiviteter.csv"),
    ("outcomes", "resultat.csv"),
    ("exchanges", "utbyten.csv"),
    ("spending", "kostnader.csv"),
]


def imported(store: Store, data: bytes, name: str, table: str) -> ImportReport:
    report = import_file(store, data, name, table, user="test")
    assert report.ok, [(p.where("en"), p.value, p.message("en")) for p in report.errors]
    return report


def problems(store: Store, data: bytes, table: str) -> list[Problem]:
    report = import_file(store, data, "fil.csv", table, user="test")
    assert not report.ok
    for problem in report.errors:
        assert problem.message("sv") != problem.message("en")
    return report.errors


@pytest.fixture
def examples(store: Store) -> Store:
    for table, name in EXAMPLES:
        imported(store, (FIXTURES / "contract-v2" / name).read_bytes(), name, table)
    return store


def row(store: Store, table: str, key: str) -> dict[str, object]:
    rows = [r for r in store.table(table).to_pylist() if key in r.values()]
    assert len(rows) == 1, key
    return rows[0]


def test_activities_keep_lists_precision_approximations_and_external_leads(examples):
    week = row(examples, "activities", "X-2022-MATVECKA")
    assert week["framework_area"] == ["information_marketing", "competence_development"]
    assert week["theme"] == ["gastronomy", "tourism"]
    assert (week["start_date"], week["start_date_precision"]) == (date(2022, 5, 1), "month")
    assert week["municipality"] == ["2380", "2321"]
    assert (week["participants"], week["participants_approx"]) == (120, "about")
    assert (week["visitors"], week["visitors_approx"]) == (3000, "over")
    assert week["other_sdgs"] == ["8.9"]
    assert week["partner_uccn_cities"] == ["Parma", "Tucson"]
    assert week["url"] == "https://example.org/matvecka-2022"
    course = row(examples, "activities", "X-2023-KURS")
    assert (course["lead"], course["lead_name"], course["party_role"]) == (
        "external", "Eldrimner", "co_organiser",
    )  # fmt: skip
    assert (course["start_date_precision"], course["municipality"]) == ("year", ["county"])
    assert (course["smes_count"], course["smes_count_approx"]) == (15, "at_least")
    assert course["other_sdgs"] == ["4"]
    assert row(examples, "activities", "X-2024-RESA")["municipality"] == ["abroad"]


def test_exchanges_with_several_cities_and_networks(examples):
    meeting = row(examples, "exchanges", "XE-2022-GAST")
    assert meeting["partner_city"] == ["Parma", "Tucson", "Jeonju"]
    assert meeting["partner_country"] == ["IT", "US", "KR"]
    assert meeting["partner_members"] == [True, True, True]
    network = row(examples, "exchanges", "XE-2023-MOTE")
    assert (network["partner_type"], network["cities_count"], network["cities_count_approx"]) == (
        "network", 250, "about",
    )  # fmt: skip
    trip = row(examples, "exchanges", "XE-2024-RESA")
    assert trip["partner_country"] == ["NO", "NO"]  # one country for both cities
    assert trip["partner_members"] == [True, None]  # Trondheim: unknown, never "no"


def test_the_import_warns_of_a_city_with_unknown_membership(store):
    imported(
        store, (FIXTURES / "contract-v2" / "aktiviteter.csv").read_bytes(), "a.csv", "activities"
    )
    report = imported(
        store, (FIXTURES / "contract-v2" / "utbyten.csv").read_bytes(), "u.csv", "exchanges"
    )
    unknown = [w for w in report.warnings if w.code == "uccn_unknown"]
    assert [(w.row, w.value) for w in unknown] == [(4, "Trondheim")]
    assert "Trondheim" in unknown[0].message("sv") and "unknown" in unknown[0].message("en")


def test_spending_in_eur_in_units_budgets_and_unknown_amounts(examples):
    eur = row(examples, "spending", "XS-2022-2")
    assert (eur["currency"], eur["exchange_rate"], eur["amount_original"], eur["amount_sek"]) == (
        "EUR", Decimal("10.630000"), Decimal("12000.00"), Decimal("127560.00"),
    )  # fmt: skip
    assert row(examples, "spending", "XS-2023-1")["amount_sek"] == Decimal("250000.00")
    assert row(examples, "spending", "XS-2023-1")["funder"] == "state"
    budget = row(examples, "spending", "XS-2025-BUD")
    assert (budget["kind"], budget["amount_sek"], budget["end_date_precision"]) == (
        "budget", Decimal("2400000.00"), "month",
    )  # fmt: skip
    unknown = row(examples, "spending", "XS-2024-MEDF")
    assert (unknown["amount_sek"], unknown["funder"]) == (None, "municipality_other")


def test_outcomes(examples):
    role = row(examples, "outcomes", "XO-2023-ROLL")
    assert (role["kind"], role["date_precision"], role["end_date"]) == (
        "network_role", "year", date(2025, 1, 1),
    )  # fmt: skip
    assert row(examples, "outcomes", "XO-2022-AVTAL")["kind"] == "agreement"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_re_imports_unchanged(examples, fmt):
    for table, _ in EXAMPLES:
        stored = examples.table(table)
        again = import_file(examples, export_table(table, stored, fmt), f"e.{fmt}", table)
        assert again.ok, [(p.where("en"), p.message("en")) for p in again.errors]
        assert again.result is not None
        assert (again.result.inserted, again.result.updated) == (0, 0), table
        assert examples.table(table) == stored


def test_a_written_form_comes_back_as_written(examples):
    text = export_table("activities", examples.table("activities"), "csv").decode("utf-8-sig")
    assert ";2022-05;2022-05;" in text  # a month stays a month, never an invented day
    assert "ca 120" in text and "över 3000" in text and "minst 15" in text
    assert "information_marketing; competence_development" in text


# --- refusals --------------------------------------------------------------------------------

HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig",
          "ansvarig_namn", "status", "kommun", "lank", "andra_hallbarhetsmal", "slutdatum"]  # fmt: skip
GOOD = ["A-1", "Kurs", "kompetensutveckling", "mat", "2023", "regional", "region", "",
        "genomförd", "", "", "", ""]  # fmt: skip


@pytest.mark.parametrize(
    ("column", "cell", "code"),
    [
        ("startdatum", "12–18 september 2016", "bad_date_precision"),
        ("startdatum", "05/03/2023", "bad_date_precision"),
        ("ramaktivitet", "kompetensutveckling; marknad", "bad_list_item"),
        ("kommun", "Östersund; Oslo", "bad_list_item"),
        ("ansvarig", "extern", "lead_name_required"),
        ("lank", "javascript:alert(1)", "bad_url"),
        ("lank", "www.example.org", "bad_url"),
        ("andra_hallbarhetsmal", "11", "sdg11_in_other_sdgs"),
        ("andra_hallbarhetsmal", "mål 19", "bad_sdg"),
        ("slutdatum", "2022", "end_before_start"),
    ],
)
def test_v2_activity_rules_refuse_with_row_and_column(store, column, cell, code):
    values = dict(zip(HEADER, GOOD, strict=True)) | {column: cell}
    found = problems(store, swedish_csv([HEADER, list(values.values())]), "activities")
    assert [p.code for p in found] == [code]
    assert found[0].row == 2


SPENDING_HEADER = ["post_id", "datum", "belopp", "valuta", "vaxelkurs", "finansiar", "kategori"]


@pytest.mark.parametrize(
    ("cells", "code"),
    [
        (["100 EUR", "", ""], "exchange_rate_required"),
        (["100 EUR", "NOK", "1,1"], "currency_conflict"),
        (["100", "", "10,5"], "exchange_rate_for_sek"),
        (["100 bitcoin", "", ""], "bad_amount_unit"),
        (["1.000.000", "", ""], "ambiguous_digit_group"),
        (["120 MSEK", "", ""], "not_below_maximum"),
        (["100", "XYZ", "2"], "bad_currency"),
    ],
)
def test_v2_money_rules(store, cells, code):
    data = swedish_csv([SPENDING_HEADER, ["K-1", "2023-05-01", *cells, "extern", "resor"]])
    assert [p.code for p in problems(store, data, "spending")] == [code]


@pytest.mark.parametrize(
    ("cities", "countries", "member", "code"),
    [
        ("Bergen; Parma", "NO; IT; US", "", "country_count"),
        ("Bergen", "", "", "country_required"),
        ("Bergen; Parma", "NO; IT", "ja", "uccn_member_single"),
    ],
)
def test_v2_exchange_rules(store, cities, countries, member, code):
    header = ["utbyte_id", "datum", "riktning", "partnerstad", "land", "uccn_medlem"]
    data = swedish_csv([header, ["E-1", "2023", "digital", cities, countries, member]])
    assert [p.code for p in problems(store, data, "exchanges")] == [code]


# --- a version 1 store -------------------------------------------------------------------------


@pytest.fixture
def v1_store(tmp_path: Path) -> Store:
    path = tmp_path / "v1.duckdb"
    path.write_bytes(gzip.decompress((FIXTURES / "v1-store.duckdb.gz").read_bytes()))
    return Store(path)


def _counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {
            t: conn.sql(f"select count(*) from {t}").fetchall()[0][0]
            for t in (
                "activities",
                "sme_participation",
                "exchanges",
                "spending",
                "staff_time",
                "targets",
                "import_log",
                "activities_before",
            )
        }


def test_a_version_1_store_migrates_once_with_a_backup_and_loses_nothing(v1_store):
    before = _counts(v1_store.path)
    assert v1_store.schema_version() == 1
    assert v1_store.migrate_if_older()
    assert v1_store.schema_version() == SCHEMA_VERSION
    assert not v1_store.migrate_if_older()  # once
    assert _counts(v1_store.path) == before
    backups = list((v1_store.path.parent / "backups").glob("*.duckdb"))
    assert len(backups) == 1
    with duckdb.connect(str(backups[0]), read_only=True) as conn:
        assert conn.sql("select max(version) from schema_version").fetchall() == [(1,)]
    first = row(v1_store, "activities", "V1-A")
    assert first["framework_area"] == ["competence_development"]
    assert (first["start_date_precision"], first["participants"]) == ("day", 45)
    assert row(v1_store, "exchanges", "V1-E1")["partner_city"] == ["Bergen"]
    money = row(v1_store, "spending", "V1-K1")
    assert (money["amount_sek"], money["currency"], money["kind"]) == (
        Decimal("12500.50"), "SEK", "actual",
    )  # fmt: skip
    assert [h["import_id"] for h in v1_store.history()] == [7, 6, 5, 4, 3, 2, 1]


def test_undo_of_a_version_1_import_still_works_after_the_migration(v1_store):
    v1_store.migrate_if_older()
    v1_store.undo(7)
    first = row(v1_store, "activities", "V1-A")
    assert (first["title"], first["participants"]) == ("Matkväll på Jamtli", 40)
    assert first["start_date_precision"] == "day"  # the restored row is a whole v2 row
    # And a new v2 import into the migrated store can be undone too.
    imported(v1_store, (FIXTURES / "contract-v2" / "aktiviteter.csv").read_bytes(), "a.csv",
             "activities")  # fmt: skip
    v1_store.undo(8)
    assert "X-2022-MATVECKA" not in v1_store.activity_ids()


def test_the_command_line_migrates_a_version_1_store(v1_store, capsys):
    assert main(["kpis", "--db", str(v1_store.path), "--format", "json"]) == 0
    assert v1_store.schema_version() == SCHEMA_VERSION
    assert f"version {SCHEMA_VERSION}" in capsys.readouterr().err


def test_period_add_gives_a_reporting_window_with_figures_and_no_status(examples, capsys):
    assert main(["period", "add", "2016-2020", "--start", "2016-01-01", "--end", "2020-12-31",
                 "--kind", "reporting", "--db", str(examples.path)]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["kpis", "--period", "2022-2022", "--db", str(examples.path)]) != 0
    assert main(["period", "add", "2022-2025", "--start", "2022-01-01", "--end", "2025-12-31",
                 "--kind", "reporting", "--db", str(examples.path)]) == 0  # fmt: skip
    capsys.readouterr()
    assert (
        main(["kpis", "--period", "2022-2025", "--format", "json", "--db", str(examples.path)]) == 0
    )
    import json

    figures = json.loads(capsys.readouterr().out)
    listed = figures if isinstance(figures, list) else figures.get("kpis", figures)
    text = json.dumps(listed)
    assert "on_track" not in text and "behind" not in text and "at_risk" not in text


def test_the_command_line_says_not_reported_instead_of_zero(store, capsys):
    """(v2) An empty store: the money is not reported, never "0 kr" and never "behind"."""
    assert main(["kpis", "--db", str(store.path), "--year", "2023"]) == 0
    lines = capsys.readouterr().out.splitlines()
    money = next(line for line in lines if line.startswith("Östersunds kommuns medel"))
    assert "inga uppgifter" in money and "0 kr" not in money.split("inga")[0]
    assert "efter" not in money
    assert main(["kpis", "--db", str(store.path), "--year", "2023", "--lang", "en"]) == 0
    assert "not reported" in capsys.readouterr().out


def test_every_list_column_names_what_is_wrong_in_both_languages():
    """A list item that is not understood gets a message with the allowed values, for every
    (v2) list column, whatever its kind."""
    import pyarrow as pa

    from uccn_data.parsing import parse_column
    from uccn_data.tables import TABLES

    for table in TABLES.values():
        for column in table.columns:
            if not column.many or column.kind == "text":
                continue
            parsed = parse_column(pa.array(["zz-okänt; yy-okänt"]), column, pa.array([2]))
            assert [p.row for p in parsed.problems] == [2], column.name
            sv, en = parsed.problems[0].message("sv"), parsed.problems[0].message("en")
            assert "zz-okänt" in sv and "zz-okänt" in en and sv != en, column.name
