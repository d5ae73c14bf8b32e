"""No full personal identity number of a sole trader in anything a viewer can reach.

The demo store holds sole traders among its SMEs. Their numbers are collected from the store
and then searched for, in both written forms (`NNNNNNNNNN` and `NNNNNN-NNNN`), in every
output the data package makes for viewers: masked exports in every format, the result of
every function in `kpis`, an import's report and messages for a refused file (command line
included), and the import log.
"""

from __future__ import annotations

import inspect
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tests.conftest import swedish_csv
from uccn_data import kpis
from uccn_data.__main__ import main
from uccn_data.demo import build_demo
from uccn_data.export import export_table, frame_to_csv, is_sole_trader, mask_table
from uccn_data.importer import import_file
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.privacy import mask_personal_numbers
from uccn_data.store import Store
from uccn_data.tables import TABLES

SME_HEADER = ["aktivitet_id", "organisationsnummer", "företagsnamn", "bransch", "storlek"]
# Argument values by parameter name, for calling every KPI function with default filters.
DIMENSIONS = {
    "activities_by": kpis.ACTIVITY_DIMENSIONS,
    "smes_by": kpis.SME_DIMENSIONS,
    "activities_by_area": kpis.FRAMEWORK_DIMENSIONS,
    "exchanges_by": kpis.EXCHANGE_DIMENSIONS,
}
# Pure arithmetic on numbers already computed, and (remembered) what keeps a caller's read:
# nothing from the store goes in.
NOT_READING_THE_STORE = {"targets_for_values", "progress_status", "remembered"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("privacy") / "demo.duckdb")
    build_demo(store)
    return store


@pytest.fixture(scope="module")
def personal_numbers(demo: Store) -> list[str]:
    numbers = sorted(
        {n for n in demo.table("sme_participation")["org_number"].to_pylist() if is_sole_trader(n)}
    )
    assert numbers, "the demo store should hold sole traders"
    return numbers


def leaks(text: str, numbers: list[str]) -> list[str]:
    """The numbers found in full in `text`, in either written form."""
    return [n for n in numbers if n in text or f"{n[:6]}-{n[6:]}" in text]


# --- masked exports ----------------------------------------------------------------------


def export_text(data: bytes, fmt: str) -> str:
    """All the text a downloaded file holds, whatever its format."""
    if fmt == "csv":
        return data.decode("utf-8-sig")
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return str(pq.read_table(io.BytesIO(data)).to_pylist()) + data.decode("latin-1")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_masked_exports_hold_no_personal_number(demo, personal_numbers, fmt):
    for name in TABLES:
        data = export_table(name, mask_table(demo.table(name)), fmt)  # type: ignore[arg-type]
        assert leaks(export_text(data, fmt), personal_numbers) == [], (name, fmt)
    # The unmasked export (the store owner's, for round trips) does hold them: the search
    # would find a leak.
    whole = export_table("sme_participation", demo.table("sme_participation"), "csv")
    assert leaks(whole.decode("utf-8-sig"), personal_numbers)


# --- every key figure function -----------------------------------------------------------


def kpi_calls(conn: Any) -> Iterator[tuple[str, Callable[[], Any]]]:
    """Every public function in kpis, with default filters and each allowed dimension."""
    filters = kpis.Filters()
    for name, function in inspect.getmembers(kpis, inspect.isfunction):
        if function.__module__ != kpis.__name__ or name.startswith("_"):
            continue
        if name in NOT_READING_THE_STORE:
            continue
        required = [
            p.name
            for p in inspect.signature(function).parameters.values()
            if p.default is inspect.Parameter.empty
        ]
        fixed: dict[str, Any] = {"conn": conn, "f": filters, "since": date(2021, 1, 1)}
        fixed["period_id"] = filters.period
        choices: dict[str, Any] = {"dimension": DIMENSIONS.get(name, ()), "key": KPI_DEFINITIONS}
        unknown = [p for p in required if p not in fixed and p not in choices]
        assert not unknown, f"kpis.{name} takes {unknown}: teach this test what to pass"
        varying = [p for p in required if p in choices]
        assert len(varying) <= 1, name
        values = list(choices[varying[0]]) if varying else [None]
        assert values, f"kpis.{name}: no {varying[0]} values known to this test"
        for value in values:
            args = {p: fixed[p] for p in required if p in fixed}
            if varying:
                args[varying[0]] = value
            yield f"{name}({value})", lambda args=args, function=function: function(**args)


def result_text(result: Any) -> str:
    if isinstance(result, pd.DataFrame):
        return result.to_csv() + frame_to_csv(result).decode("utf-8-sig")
    return repr(result)


def test_no_key_figure_function_returns_a_personal_number(demo, personal_numbers):
    called = []
    with demo.reading() as conn:
        for label, call in kpi_calls(conn):
            assert leaks(result_text(call()), personal_numbers) == [], label
            called.append(label)
    assert any(c.startswith("smes_reached_more_than_once") for c in called)
    assert any(c.startswith("smes_by") for c in called)


# --- an import's report, its messages, and the import log ---------------------------------


def refused_sme_file(demo: Store, numbers: list[str]) -> bytes:
    """A file a coordinator might really send: each sole trader twice (a duplicate key),
    once under an activity that does not exist, once with a broken row."""
    rows: list[list[str]] = [SME_HEADER]
    activity = sorted(demo.activity_ids())[0]
    for n in numbers:
        number = f"{n[:6]}-{n[6:]}"
        rows.append([activity, number, "Anna Andersson Bröd", "livsmedel", "mikro"])
        rows.append([activity, n, "Anna Andersson Bröd", "livsmedel", "mikro"])
        rows.append(["FINNS-INTE", number, "Anna Andersson Bröd", "livsmedel", "mikro"])
        # (v2) a short row is Excel's missing trailing cells; a long one is still broken
        rows.append([activity, number, "Anna", "Andersson", "livsmedel", "mikro"])
    return swedish_csv(rows)


def headerless_sme_file(numbers: list[str]) -> bytes:
    """The same rows with the header row forgotten: the first row's cells become the names."""
    return swedish_csv([["A1", n, "Anna Andersson Bröd", "livsmedel", "mikro"] for n in numbers])


@pytest.mark.parametrize("kind", ["refused", "headerless"])
def test_a_refused_file_reports_no_personal_number(demo, personal_numbers, kind):
    if kind == "refused":
        data, expected = refused_sme_file(demo, personal_numbers), {"duplicate_key", "ragged_row"}
        expected.add("unknown_activity")
    else:
        data, expected = headerless_sme_file(personal_numbers), {"missing_column"}
    report = import_file(demo, data, "foretag.csv", "sme_participation", user="test")
    assert not report.ok and expected <= {p.code for p in report.errors}
    for lang in ("sv", "en"):
        shown = json.dumps(report.as_dict(lang), ensure_ascii=False)
        assert leaks(shown, personal_numbers) == [], (lang, shown[:500])


def test_the_command_line_reports_no_personal_number(demo, personal_numbers, tmp_path, capsys):
    file = tmp_path / "foretag.csv"
    file.write_bytes(refused_sme_file(demo, personal_numbers))
    for extra in (["--report", "json"], [], ["--lang", "en"]):
        code = main(["import", "foretag", str(file), "--db", str(demo.path), *extra])
        assert code == 1
        out, err = capsys.readouterr()
        assert leaks(out + err, personal_numbers) == [], extra


def test_the_import_log_holds_no_personal_number(demo, personal_numbers, tmp_path, capsys):
    n = personal_numbers[0]
    rows = [SME_HEADER, [sorted(demo.activity_ids())[0], n, "Anna Andersson Bröd", "livsmedel"]]
    rows[1].append("mikro")
    for name in (f"faktura {n[:6]}-{n[6:]}.csv", f"{n}.csv", f"19{n}.csv"):
        report = import_file(demo, swedish_csv(rows), name, "sme_participation", user="test")
        assert report.ok and leaks(report.file_name, personal_numbers) == []
    assert leaks(repr(demo.history()), personal_numbers) == []
    assert main(["history", "--db", str(demo.path), "--format", "json"]) == 0
    assert main(["history", "--db", str(demo.path)]) == 0
    out, _ = capsys.readouterr()
    assert leaks(out, personal_numbers) == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("8504121234", "850412-****"),
        ("Faktura 850412-1234.csv", "Faktura 850412-****.csv"),
        ("198504121234", "19850412-****"),
        ("A1 / 8504121235", "A1 / 850412-****"),  # a wrong check digit is masked too
        ("556036-0793", "556036-0793"),  # a company's number is public
        ("165560360793", "165560360793"),
        ("12 500 kr, 2023-04-15, rad 4", "12 500 kr, 2023-04-15, rad 4"),
        ("85041212345", "85041212345"),  # eleven digits: not a personal number
    ],
)
def test_mask_personal_numbers(text: str, shown: str):
    assert mask_personal_numbers(text) == shown


def test_the_key_figures_on_the_command_line_hold_no_personal_number(
    demo, personal_numbers, capsys
):
    assert main(["kpis", "--db", str(demo.path), "--format", "json"]) == 0
    assert main(["kpis", "--db", str(demo.path)]) == 0
    out, _ = capsys.readouterr()
    assert leaks(out, personal_numbers) == []


def test_leaks_finds_both_forms(personal_numbers):
    n = personal_numbers[0]
    assert leaks(f"x{n}x", personal_numbers) == [n]
    assert leaks(f"{n[:6]}-{n[6:]}", personal_numbers) == [n]
    assert leaks(f"{n[:6]}-****", personal_numbers) == []
