"""`report` and `export --all` on the command line: files that open, exit 0; a wrong period,
format, year or date is a usage error (2) with a message, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from tests.conftest import ROOT
from tests.unit.reports_support import leaks, shared_demo, sole_trader_numbers
from uccn_data.__main__ import main
from uccn_data.store import Store
from uccn_data.tables import TABLES


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_demo(tmp_path_factory)


def _run(demo: Store, *args: str) -> int:
    return main([*args, "--db", str(demo.path)])


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_report_is_written_and_opens(demo, tmp_path, capsys, lang):
    deck, page, draft = tmp_path / "m.pptx", tmp_path / "m.html", tmp_path / "m.docx"
    common = ["--period", "2021-2024", "--lang", lang]
    assert (
        _run(
            demo, "report", "--format", "pptx", *common, "--since", "2024-06-01", "--out", str(deck)
        )
        == 0
    )
    assert (
        _run(demo, "report", "--format", "html", *common, "--year", "2023", "--out", str(page)) == 0
    )
    assert _run(demo, "report", "--format", "docx", *common, "--out", str(draft)) == 0
    assert len(Presentation(io.BytesIO(deck.read_bytes())).slides) > 5
    assert f'<html lang="{lang}">' in page.read_text("utf-8")
    assert len(docx.Document(str(draft)).paragraphs) > 20
    assert str(deck) in capsys.readouterr().err


def test_the_unesco_draft_is_in_english_unless_swedish_is_asked_for(demo, tmp_path):
    draft = tmp_path / "m.docx"
    assert _run(demo, "report", "--format", "docx", "--out", str(draft)) == 0
    headings = [p.text for p in docx.Document(str(draft)).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Executive summary"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "html", "--period", "1999-2002"], "Okänd avtalsperiod '1999-2002'"),
        (["--format", "pptx", "--year", "2030"], "utanför avtalsperioden"),
        (["--format", "docx", "--year", "2023"], "hel avtalsperiod"),
    ],
)
def test_report_usage_errors_exit_2_with_a_message(demo, tmp_path, capsys, argv, message):
    out = tmp_path / "x"
    assert _run(demo, "report", *argv, "--out", str(out)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--format", "pdf", "--out", "x"],
        ["report", "--format", "html", "--since", "2024-13-01", "--out", "x"],
        ["report", "--format", "html"],
    ],
)
def test_report_command_line_mistakes_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_a_missing_store_is_a_usage_error(tmp_path, capsys):
    code = main(["report", "--format", "html", "--db", str(tmp_path / "no.duckdb"), "--out", "x"])
    assert code == 2 and "finns inte" in capsys.readouterr().err


def test_export_all_masks_by_default_and_unmasked_keeps_numbers_whole(demo, tmp_path, capsys):
    numbers = sole_trader_numbers(demo)
    assert _run(demo, "export", "--all", "--out", str(tmp_path / "open")) == 0
    masked = (tmp_path / "open" / "sme_participation.csv").read_text("utf-8-sig")
    assert leaks(masked, numbers) == []
    package = json.loads((tmp_path / "open" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC0-1.0"
    assert _run(demo, "export", "--all", "--unmasked", "--out", str(tmp_path / "whole")) == 0
    whole = (tmp_path / "whole" / "sme_participation.csv").read_text("utf-8-sig")
    assert leaks(whole, numbers) == sorted(numbers)
    # Files written: three per table, the outcomes (v2) included, and the datapackage.json.
    assert f"{3 * len(TABLES) + 1} " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export"], "Ange en tabell eller --all"),
        (["export", "activities", "--all", "--out", "d"], "inte båda"),
        (["export", "--all"], "--all behöver --out"),
        (["export", "activities", "--unmasked"], "--unmasked gäller bara med --all"),
    ],
)
def test_export_usage_errors_exit_2(demo, capsys, argv, message):
    assert _run(demo, *argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.processes
def test_export_of_one_table_is_unchanged_and_keeps_numbers_whole(demo):
    done = subprocess.run(
        [sys.executable, "-m", "uccn_data", "export", "sme_participation", "--db", str(demo.path)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8-sig")
    assert text.startswith("activity_id;org_number;company_name")
    assert leaks(text, sole_trader_numbers(demo)) == sorted(sole_trader_numbers(demo))


@pytest.mark.processes
def test_the_report_modules_need_no_dashboard(tmp_path):
    code = (
        "import sys, uccn_data.reports.deck, uccn_data.reports.html_report, "
        "uccn_data.reports.monitoring, uccn_data.reports.open_data\n"
        "assert 'streamlit' not in sys.modules and 'dashboard' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(ROOT), capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
