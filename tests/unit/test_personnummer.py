"""A personal identity number typed into free text (a sole trader's company name, a title, a
description, a partner, a note) is masked in everything a viewer sees and in open data, in
every form it can be written; the coordinator is warned at import.

The numbers are written into a small record in the forms people use: `850412-1230`,
`850412+1230`, `850412 1231` (a wrong check digit, as typed), `8504121230`, `19850412-1230`,
a dash Word typed, a coordination number. Then they are searched for in the pages' tables and
texts, in open data in every format, in the import's messages and in `--report json`.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import swedish_csv
from uccn_data.__main__ import main
from uccn_data.export import export_table, mask_table
from uccn_data.importer import import_file
from uccn_data.kpis import Filters
from uccn_data.pages import exchanges, framework, overview, smes
from uccn_data.pages.model import Cards, Chart, Columns, Expander, Page, SearchTable, Table
from uccn_data.parsing import luhn_ok
from uccn_data.privacy import has_personal_number, mask_frame, mask_personal_numbers, masked
from uccn_data.reports.open_data import export_all
from uccn_data.store import Store

# (as written, as shown): every form a person types, and what a viewer reads instead.
WRITTEN = [
    ("850412-1230", "850412-****"),
    ("850412+1230", "850412-****"),  # a person over a hundred
    ("850412 1231", "850412-****"),  # with a space, and a mistyped check digit
    ("8504121230", "850412-****"),
    ("19850412-1230", "19850412-****"),
    ("19850412 1230", "19850412-****"),
    ("198504121230", "19850412-****"),
    ("850412\u20131230", "850412-****"),  # the en dash Word puts in
    ("850412\u00a01230", "850412-****"),  # a non-breaking space
    ("850412 - 1230", "850412-****"),
    ("850472-1238", "850472-****"),  # a coordination number: the day plus 60
    ("200101-2384", "200101-****"),
]
# Numbers that only look alike: kept as written.
NOT_PERSONAL = [
    "556677-8899",  # a company's organisation number (the month would be 67)
    "5566778899",
    "165566778899",
    "2023-04-15",
    "12 500 kr",
    "070-123 45 67",  # a phone number in groups
    "851312-1234",  # no 13th month
    "850400-1234",  # no day 0
    "85041212345",  # eleven digits
    "Rad 4, 1 000 deltagare",
]
# The numbers planted in the record below, as a leak search looks for them.
PLANTED = ["8504121230", "8504121231", "7001012389", "6112240194"]


def leaks(text: str) -> list[str]:
    """The planted numbers found in full in `text`, in any written form (the ten or twelve
    digits with or without anything between the date and the last four)."""
    found = []
    for n in PLANTED:
        if re.search(rf"{n[:6]}\D{{0,3}}{n[6:]}", text):
            found.append(n)
    return found


@pytest.mark.parametrize(("text", "shown"), WRITTEN)
def test_every_written_form_is_masked(text: str, shown: str):
    assert mask_personal_numbers(text) == shown
    assert (
        mask_personal_numbers(f"Firma Anna Andersson {text}.") == f"Firma Anna Andersson {shown}."
    )
    assert has_personal_number(text)


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_numbers_that_are_not_personal_are_kept(text: str):
    assert mask_personal_numbers(text) == text
    assert not has_personal_number(text)


def test_the_issues_examples():
    """From the security review: a company name with the 12-digit form, and a space."""
    assert luhn_ok("8504121230") and not luhn_ok("8504121231")
    assert mask_personal_numbers("Firma Anna Andersson 19850412-1230") == (
        "Firma Anna Andersson 19850412-****"
    )
    assert mask_personal_numbers("850412 1231") == "850412-****"


def test_a_frame_is_masked_cell_by_cell_and_keeps_its_types():
    frame = pd.DataFrame(
        {
            "title": pd.Series(["Kurs 850412-1230", "Kurs", None], dtype="str"),
            "partners": [["Bergen", "8504121230"], ["Parma"], None],
            "participants": pd.Series([1, None, 3], dtype="Int64"),
            "start": pd.to_datetime(["2022-01-01", "2022-02-01", "2022-03-01"]),
        }
    )
    shown = mask_frame(frame)
    assert list(shown["title"].fillna("")) == ["Kurs 850412-****", "Kurs", ""]
    assert list(shown["partners"][0]) == ["Bergen", "850412-****"]
    assert list(shown["partners"][1]) == ["Parma"]
    assert shown.dtypes.equals(frame.dtypes)
    assert shown["participants"].equals(frame["participants"])
    assert frame.loc[0, "title"] == "Kurs 850412-1230"  # the caller's frame is left alone
    assert masked(["x 850412-1230", 3]) == ["x 850412-****", 3]
    assert masked(None) is None and masked(12) == 12


# --- a small record with the numbers in its free text -----------------------------------

ACTIVITY_HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå",
                   "ansvarig", "ansvarig_namn", "status", "partner", "beskrivning", "resultat"]  # fmt: skip
ACTIVITIES = [
    ["A1", "Kurs med 850412-1230", "competence_development", "gastronomi", "2022-03-01",
     "regional", "extern", "Firma 700101+2389", "genomförd", "Anna 850412 1231",
     "Kontakt 19850412-1230", "Avtal med 611224-0194"],
    ["A2", "Matfestival", "information_marketing", "kultur", "2023-05-01", "nationell",
     "gemensam", "", "genomförd", "Region 556677-8899", "Ingen siffra här", ""],
]  # fmt: skip
SME_HEADER = ["aktivitet_id", "organisationsnummer", "företagsnamn", "kommun", "bransch", "storlek"]
SMES = [
    ["A1", "8504121230", "Firma Anna Andersson 19850412-1230", "Östersund", "design", "mikro"],
    ["A2", "8504121230", "Firma Anna Andersson 19850412-1230", "Östersund", "design", "mikro"],
    ["A1", "556677-8899", "Mathuset AB", "Åre", "livsmedel", "mikro"],
]
EXCHANGE_HEADER = ["utbyte_id", "datum", "riktning", "partnertyp", "partnerstad", "land"]
EXCHANGES = [
    ["E1", "2022-03-10", "utresande", "stad", "Parma; Gästgivare 850412 1231", "Italien; Sverige"],
    ["E2", "2022-06-01", "digital", "organisation", "Konsult 7001012389", ""],
]
OUTCOME_HEADER = ["resultat_id", "typ", "titel", "datum", "partner", "beskrivning"]
OUTCOMES = [
    ["R1", "avtal", "Avtal 19700101-2389", "2022-05-01", "Firma 611224-0194", "Om 850412-1230"],
]
FILES = {
    "activities": [ACTIVITY_HEADER, *ACTIVITIES],
    "sme_participation": [SME_HEADER, *SMES],
    "exchanges": [EXCHANGE_HEADER, *EXCHANGES],
    "outcomes": [OUTCOME_HEADER, *OUTCOMES],
}


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("personnummer") / "uccn.duckdb")
    s.initialise()
    for table, rows in FILES.items():
        report = import_file(s, swedish_csv(rows, "utf-8"), f"{table}.csv", table, user="test")
        assert report.ok, [(p.row, p.column, p.message("en")) for p in report.errors]
    # The numbers are stored as typed: the owner's exports keep them whole.
    assert leaks(str(s.table("activities").to_pylist())) == PLANTED
    return s


def blocks(items: list[Any]) -> Iterator[Any]:
    for block in items:
        yield block
        if isinstance(block, Expander):
            yield from blocks(block.blocks)
        elif isinstance(block, Columns):
            for column in block.columns:
                yield from blocks(column)


def everything_shown(page: Page) -> str:
    """Every text of a built page a reader can see: headings, notes, cards, chart titles and
    alt texts, every table and the data the charts draw (labels and hover texts)."""
    parts = list(page.texts())
    for block in blocks(page.blocks):
        if isinstance(block, Cards):
            parts += [m.help or "" for c in block.cards for m in c.metrics]
        elif isinstance(block, Chart):
            parts += [block.data.to_csv(), block.table.to_csv(), str(block.options)]
        elif isinstance(block, Table):
            parts.append(block.frame.to_csv())
        elif isinstance(block, SearchTable):
            parts += [block.frame.to_csv(), " ".join(block.haystack)]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("builder", [framework, smes, exchanges, overview])
def test_no_page_shows_a_personal_number_in_full(record: Store, builder: Any, lang: str):
    with record.reading() as conn:
        page = builder.build(conn, Filters("2021-2024"), lang)
    shown = everything_shown(page)
    assert leaks(shown) == [], builder.__name__
    assert "-****" in shown  # the rows are there, masked, not left out


def test_the_framework_list_shows_the_text_around_the_masked_number(record: Store):
    with record.reading() as conn:
        page = framework.build(conn, Filters("2021-2024"), "sv")
    listed = next(b for b in blocks(page.blocks) if isinstance(b, SearchTable))
    row = listed.frame.iloc[0]
    texts = " | ".join(str(v) for v in row.to_numpy())
    for shown in ("Kurs med 850412-****", "Anna 850412-****", "Kontakt 19850412-****",
                  "Avtal med 611224-****", "Firma 700101-****"):  # fmt: skip
        assert shown in texts
    # The search cannot confirm a number either: the masked text is what it searches.
    assert "1230" not in listed.haystack.iloc[0]


def test_the_smes_list_masks_a_number_in_the_company_name(record: Store):
    with record.reading() as conn:
        page = smes.build(conn, Filters("2021-2024"), "sv")
    table = next(
        b for b in blocks(page.blocks) if isinstance(b, Table) and b.key == "smes-repeat-table"
    )
    assert list(table.frame["Företag"]) == ["Firma Anna Andersson 19850412-****"]
    assert list(table.frame["Organisationsnummer"]) == ["850412-****"]


# --- open data --------------------------------------------------------------------------


def export_text(data: bytes, suffix: str) -> str:
    """All the text an exported file holds, whatever its format."""
    if suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    if suffix == ".parquet":
        return str(pq.read_table(io.BytesIO(data)).to_pylist())
    return data.decode("utf-8-sig")


def test_open_data_masks_the_numbers_in_every_format(record: Store, tmp_path: Path):
    paths = export_all(record, tmp_path / "open", mask=True)
    assert {p.suffix for p in paths} == {".csv", ".xlsx", ".parquet", ".json"}
    for path in paths:
        assert leaks(export_text(path.read_bytes(), path.suffix)) == [], path.name
    activities = (tmp_path / "open" / "activities.csv").read_text(encoding="utf-8-sig")
    assert "Kurs med 850412-****" in activities and "Region 556677-8899" in activities
    described = json.loads((tmp_path / "open" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        f["name"]: f["description"]
        for r in described["resources"]
        if r["name"] == "activities-csv"
        for f in r["schema"]["fields"]
    }
    assert "personal identity numbers in the text are masked" in fields["title"]


def test_the_owners_unmasked_export_keeps_them(record: Store, tmp_path: Path):
    """The record owner's own copy (`export --all --unmasked`) is the data as typed."""
    export_all(record, tmp_path / "whole", mask=False)
    text = (tmp_path / "whole" / "activities.csv").read_text(encoding="utf-8-sig")
    assert "Kurs med 850412-1230" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
@pytest.mark.parametrize("name", list(FILES))
def test_a_masked_table_export_holds_no_number(record: Store, name: str, fmt: str):
    data = export_table(name, mask_table(record.table(name)), fmt)  # type: ignore[arg-type]
    assert leaks(export_text(data, f".{fmt}")) == []


def test_mask_table_keeps_a_table_without_numbers_as_it_is():
    data = pa.table({"title": ["Kurs", None], "partner_city": [["Parma"], None]})
    assert mask_table(data).equals(data)


# --- the import: messages, the JSON report, and the coordinator's warning ----------------


def test_the_coordinator_is_warned_naming_row_and_column(record: Store):
    report = import_file(
        record, swedish_csv(FILES["activities"], "utf-8"), "a.csv", "activities", dry_run=True
    )
    assert report.ok
    warned = {(p.code, p.row, p.column) for p in report.warnings}
    assert warned == {
        ("personal_number", 2, column)
        for column in ("title", "lead_name", "partners", "description", "results")
    }
    title = next(p for p in report.warnings if p.column == "title")
    assert title.message("sv").startswith("Det här ser ut som ett personnummer (rad 2).")
    assert title.message("en").startswith("This looks like a personal identity number (row 2).")
    assert title.value == "Kurs med 850412-****"  # the warning does not repeat it whole
    assert leaks(json.dumps(report.as_dict("sv"), ensure_ascii=False)) == []


def test_one_warning_per_column_names_its_rows(store: Store):
    rows = [ACTIVITY_HEADER] + [
        [f"B{i}", f"Kurs {i} 850412-1230", "competence_development", "gastronomi",
         "2022-03-01", "regional", "gemensam", "", "genomförd", "", "", ""]
        for i in range(12)
    ]  # fmt: skip
    report = import_file(store, swedish_csv(rows, "utf-8"), "a.csv", "activities", dry_run=True)
    (warning,) = report.warnings
    assert warning.row == 2 and warning.column == "title"
    assert "rad 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 och 2 till" in warning.message("sv")
    assert "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more" in warning.message("en")


def test_no_warning_for_an_organisation_number_or_plain_text(record: Store):
    """The SME file's number column holds personal numbers by design: no warning for it;
    a company's number in a name is no personal number."""
    rows = [SME_HEADER, ["A1", "8504121230", "Mathuset 556677-8899", "Åre", "livsmedel", "mikro"]]
    report = import_file(
        record, swedish_csv(rows, "utf-8"), "f.csv", "sme_participation", dry_run=True
    )
    assert report.ok and report.warnings == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_error_messages_and_the_json_report_mask_every_form(
    record: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
):
    """A refused SME file whose numbers are written with a space, with a hyphen and in
    twelve digits: the number column, a too-long name and a duplicate key."""
    long_name = "Firma 850412 1231 " + "x" * 200
    rows = [
        SME_HEADER,
        ["A1", "850412 1231", "Firma", "Östersund", "design", "mikro"],  # wrong check digit
        ["A1", "19611224-0194", long_name, "Östersund", "design", "mikro"],
        ["A2", "700101-2389", "Firma 700101 2389", "Östersund", "design", "mikro"],
        ["A2", "7001012389", "Firma 700101 2389", "Östersund", "design", "mikro"],
    ]
    file = tmp_path / "foretag 850412 1231.csv"
    file.write_bytes(swedish_csv(rows, "utf-8"))
    report = import_file(record, file.read_bytes(), file.name, "sme_participation", dry_run=True)
    assert not report.ok
    codes = {p.code for p in report.errors}
    assert {"org_number_checksum", "too_long", "duplicate_key"} <= codes
    shown = json.dumps(report.as_dict(lang), ensure_ascii=False) + report.file_name
    shown += "\n".join(f"{p.where(lang)} {p.value} {p.message(lang)}" for p in report.errors)
    assert leaks(shown) == []

    assert main(["import", "sme_participation", str(file), "--db", str(record.path),
                 "--report", "json", "--lang", lang]) != 0  # fmt: skip
    out, err = capsys.readouterr()
    assert leaks(out + err) == []
    printed = json.loads(out)
    assert any("850412-****" in (e["value"] or "") for e in printed["errors"])

    assert main(["import", "sme_participation", str(file), "--db", str(record.path),
                 "--lang", lang]) != 0  # fmt: skip
    out, err = capsys.readouterr()
    assert leaks(out + err) == []


# --- the meeting and UNESCO reports -------------------------------------------------------


def office_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())


@pytest.mark.parametrize("output", ["html", "deck", "monitoring"])
def test_the_reports_a_viewer_downloads_hold_no_number(record: Store, output: str):
    from uccn_data.reports.deck import build_deck
    from uccn_data.reports.html_report import build_html
    from uccn_data.reports.monitoring import build_monitoring_report

    with record.reading() as conn:
        if output == "html":
            text = build_html(conn, Filters("2021-2024"), "sv")
        elif output == "deck":
            text = office_text(build_deck(conn, Filters("2021-2024"), "sv"))
        else:
            text = office_text(build_monitoring_report(conn, "2021-2024", "sv"))
    assert leaks(text) == []
