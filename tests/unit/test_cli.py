"""The command line exactly as the contract says: commands, exit codes, JSON report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, swedish_csv
from uccn_data.__main__ import main
from uccn_data.store import Store

HEADER = [
    "aktivitet_id",
    "titel",
    "ramaktivitet",
    "tema",
    "startdatum",
    "nivå",
    "ansvarig",
    "status",
]
GOOD = [
    HEADER,
    [
        "A1",
        "Matmöte",
        "Kompetensutveckling",
        "Mat",
        "2023-04-01",
        "regional",
        "gemensam",
        "genomförd",
    ],
]
BAD = [*GOOD, ["A2", "", "Kompetens", "Mat", "2023-02-30", "regional", "gemensam", "genomförd"]]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good, bad = tmp_path / "aktiviteter.csv", tmp_path / "fel.csv"
    good.write_bytes(swedish_csv(GOOD))
    bad.write_bytes(swedish_csv(BAD))
    db = tmp_path / "store.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    return {"good": good, "bad": bad, "db": db}


def test_import_reports_json_and_exit_0(files, capsys):
    code = main(
        ["import", "activities", str(files["good"]), "--db", str(files["db"]), "--report", "json"]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report == {
        "ok": True,
        "table": "activities",
        "inserted": 1,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
    }


def test_a_refused_file_exits_1_with_every_error_by_excel_row(files, capsys):
    code = main(
        [
            "import",
            "aktiviteter",
            str(files["bad"]),
            "--db",
            str(files["db"]),
            "--report",
            "json",
            "--lang",
            "en",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["ok"] is False
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (3, "title"),
        (3, "framework_area"),
        (3, "start_date"),
    ]
    assert all(e["message"] for e in report["errors"])
    assert Store(files["db"]).activity_ids() == set()


def test_dry_run_writes_nothing(files, capsys):
    main(["import", "activities", str(files["good"]), "--db", str(files["db"])])
    before = Store(files["db"]).history()
    code = main(["import", "activities", str(files["good"]), "--db", str(files["db"]), "--dry-run"])
    assert code == 0 and "Inget har skrivits" in capsys.readouterr().out
    assert Store(files["db"]).history() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "budget", "{good}", "--db", "{db}"], "Okänd tabell"),
        (["import", "activities", "{missing}", "--db", "{db}"], "finns inte"),
        (["export", "nonsense", "--format", "csv", "--db", "{db}"], "Okänd tabell"),
        (["undo", "1", "--db", "{missing}"], "finns inte"),
        (["history", "--db", "{good}"], "inte ett giltigt datalager"),
        (["kpis", "--period", "1999-2002", "--db", "{db}"], "Okänd avtalsperiod"),
    ],
)
def test_usage_errors_exit_2_with_a_message(files, capsys, argv, message):
    main(["import", "activities", str(files["good"]), "--db", str(files["db"])])
    capsys.readouterr()
    missing = files["good"].with_name("nope.csv")
    args = [a.format(good=files["good"], missing=missing, db=files["db"]) for a in argv]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert not missing.exists()


def test_a_command_line_mistake_exits_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["import"])
    assert raised.value.code == 2
    assert "required" in capsys.readouterr().err


def test_export_round_trips_and_history_and_undo(files, tmp_path, capsys):
    db = str(files["db"])
    main(["import", "activities", str(files["good"]), "--db", db])
    out = tmp_path / "export.csv"
    assert main(["export", "activities", "--format", "csv", "--out", str(out), "--db", db]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    capsys.readouterr()
    assert main(["import", "activities", str(out), "--db", db, "--report", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 1
    assert main(["history", "--db", db, "--format", "json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [h["import_id"] for h in history] == [2, 1]
    # Import 2 changed nothing, so import 1 can be undone on its own.
    assert main(["undo", "1", "--db", db]) == 0
    assert Store(files["db"]).activity_ids() == set()
    assert main(["undo", "1", "--db", db]) == 1  # already undone: refused, with a message
    assert "redan ångrad" in capsys.readouterr().err


def test_kpis_as_json(files, capsys):
    main(["import", "activities", str(files["good"]), "--db", str(files["db"])])
    capsys.readouterr()
    assert (
        main(["kpis", "--period", "2021-2024", "--db", str(files["db"]), "--format", "json"]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    values = {k["kpi"]: k["value"] for k in result["kpis"]}
    assert values["activities"] == 1


@pytest.mark.processes
def test_a_real_process_never_shows_a_traceback(files):
    """Broken input through the real entry point: a message and exit 1 or 2, no traceback."""
    broken = files["good"].with_name("broken.xlsx")
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    cases = [
        (["import", "activities", str(broken)], 1),
        (["import", "activities", str(files["bad"])], 1),
        (["history", "--db", str(files["good"])], 2),  # a CSV is not a store
    ]
    for argv, code in cases:
        done = subprocess.run(
            [sys.executable, "-m", "uccn_data", *argv, "--db", str(files["db"])]
            if "--db" not in argv
            else [sys.executable, "-m", "uccn_data", *argv],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert done.returncode == code, (argv, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.strip()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["kpis", "--year", "2025"], "utanför avtalsperioden"),
        (["kpis", "--year", "2030", "--period", "2021-2024"], "utanför avtalsperioden"),
        (["undo", "999"], "finns inte i historiken"),
        (["import", "activities", "{good}", "--db", "{elsewhere}"], "init --db"),
        (["history", "--db", "{elsewhere}"], "finns inte"),
    ],
)
def test_more_usage_mistakes_are_messages_with_exit_2(files, capsys, argv, message):
    elsewhere = files["db"].with_name("typo.duckdb")
    args = [a.format(good=files["good"], elsewhere=elsewhere) for a in argv]
    if "--db" not in args:
        args += ["--db", str(files["db"])]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert not elsewhere.exists()


@pytest.mark.parametrize("scale", ["0", "-1", "x"])
def test_demo_scale_must_be_a_positive_whole_number(files, capsys, scale):
    with pytest.raises(SystemExit) as raised:
        main(["demo", "--scale", scale, "--db", str(files["db"])])
    assert raised.value.code == 2


def test_demo_never_overwrites_a_real_store(files, capsys):
    main(["import", "activities", str(files["good"]), "--db", str(files["db"])])
    assert main(["demo", "--db", str(files["db"])]) == 2
    assert "inte ett demodatalager" in capsys.readouterr().err
    assert Store(files["db"]).activity_ids() == {"A1"}


def test_kpis_text_is_written_the_swedish_way(files, capsys):
    main(["import", "activities", str(files["good"]), "--db", str(files["db"])])
    capsys.readouterr()
    assert main(["kpis", "--db", str(files["db"])]) == 0
    out = capsys.readouterr().out
    assert "Aktiviteter" in out and "400 000 kr" in out and " %" in out
