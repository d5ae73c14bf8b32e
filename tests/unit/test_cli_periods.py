"""`python -m uccn_data period list|add|remove`: agreement periods and reporting windows (v2)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from uccn_data.__main__ import main
from uccn_data.store import Store

WINDOW = ["2016-2020", "--start", "2016-01-01", "--end", "2020-12-31", "--kind", "reporting"]


def run(store: Store, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", str(store.path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_the_seeded_agreement(store, capsys):
    code, out, _ = run(store, capsys, "period", "list")
    assert code == 0
    assert "2021-2024" in out
    assert "avtalsperiod" in out
    assert "2021-01-01" in out and "2024-12-31" in out
    assert "100\u00a0000 kr" in out or "100 000 kr" in out
    assert "30 %" in out
    code, out, _ = run(store, capsys, "period", "list", "--lang", "en")
    assert code == 0
    assert "agreement period" in out and "SEK 100,000" in out and "30%" in out


def test_list_as_json(store, capsys):
    code, out, _ = run(store, capsys, "period", "list", "--format", "json")
    assert code == 0
    [listed] = json.loads(out)
    assert listed["note_sv"].startswith("Samverkansavtalet 2021–2024")
    assert {k: v for k, v in listed.items() if not k.startswith("note_")} == {
        "period_id": "2021-2024",
        "kind": "agreement",
        "start": "2021-01-01",
        "end": "2024-12-31",
        "ostersund_sek_per_year": 100000.0,
        "staff_share": 0.3,
        "has_commitments": True,
        "is_example": False,
    }


def test_a_reporting_window_is_added_without_commitments(store, capsys):
    code, out, err = run(store, capsys, "period", "add", *WINDOW, "--note-sv", "Före avtalet")
    assert code == 0, err
    assert "2016-2020" in out

    window = next(p for p in store.periods() if p.period_id == "2016-2020")
    assert window.kind == "reporting"
    assert (window.start, window.end) == (date(2016, 1, 1), date(2020, 12, 31))
    assert window.ostersund_sek_per_year is None and window.staff_share is None
    assert not window.has_commitments
    assert window.note_sv == "Före avtalet"

    code, out, _ = run(store, capsys, "period", "list")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["2016-2020", "2021-2024"]  # oldest first
    assert "rapporteringsfönster, inga åtaganden" in lines[0]
    code, out, _ = run(store, capsys, "period", "list", "--lang", "en")
    assert "reporting window, no commitments" in out.splitlines()[0]
    code, out, _ = run(store, capsys, "period", "list", "--format", "json")
    listed = json.loads(out)[0]
    assert listed["kind"] == "reporting" and listed["has_commitments"] is False
    assert listed["ostersund_sek_per_year"] is None and listed["staff_share"] is None


def test_an_agreement_period_is_added_with_its_commitments(store, capsys):
    code, _, err = run(
        store,
        capsys,
        "period",
        "add",
        "2025-2028",
        "--start",
        "2025-01-01",
        "--end",
        "2028-12-31",
        "--sek-per-year",
        "120 000 kr",
        "--staff-share",
        "0,25",
    )
    assert code == 0, err
    renewal = next(p for p in store.periods() if p.period_id == "2025-2028")
    assert renewal.kind == "agreement" and renewal.has_commitments
    assert (renewal.ostersund_sek_per_year, renewal.staff_share) == (120_000.0, 0.25)


@pytest.mark.parametrize(
    ("args", "sv", "en"),
    [
        (
            ["2025-2028", "--start", "2025-02-30", "--end", "2028-12-31"],
            "datumet 2025-02-30 finns inte",
            "the date 2025-02-30 does not exist",
        ),
        (
            ["2025-2028", "--start", "1/1/2025", "--end", "2028-12-31"],
            "inget datum i formen ÅÅÅÅ-MM-DD",
            "not a date in the form YYYY-MM-DD",
        ),
        (
            [
                "2025-2028",
                "--start",
                "2025-01-01",
                "--end",
                "2024-12-31",
                "--sek-per-year",
                "100000",
                "--staff-share",
                "0.3",
            ],
            "slutdatumet 2024-12-31 ligger före startdatumet 2025-01-01",
            "the end 2024-12-31 is before the start 2025-01-01",
        ),
        (
            [*WINDOW, "--sek-per-year", "100000"],
            "ett rapporteringsfönster har inga åtaganden",
            "a reporting window has no commitments",
        ),
        (
            [*WINDOW, "--staff-share", "0.3"],
            "ett rapporteringsfönster har inga åtaganden",
            "a reporting window has no commitments",
        ),
        (
            ["2025-2028", "--start", "2025-01-01", "--end", "2028-12-31"],
            "en avtalsperiod behöver sitt åtagande",
            "an agreement period needs its commitment",
        ),
        (
            ["2025-2028", "--start", "2025-01-01", "--end", "2028-12-31", "--sek-per-year", "1"],
            "--staff-share: en avtalsperiod behöver sitt åtagande",
            "--staff-share: an agreement period needs its commitment",
        ),
        (
            [
                "2025-2028",
                "--start",
                "2025-01-01",
                "--end",
                "2028-12-31",
                "--sek-per-year",
                "hundratusen",
                "--staff-share",
                "0.3",
            ],
            "'hundratusen' är inget tal",
            "'hundratusen' is not a number",
        ),
        (
            [
                "2025-2028",
                "--start",
                "2025-01-01",
                "--end",
                "2028-12-31",
                "--sek-per-year",
                "100000",
                "--staff-share",
                "30",
            ],
            "andelen ska vara mellan 0 och 1",
            "the share must be between 0 and 1",
        ),
        (
            ["ny period!", "--start", "2025-01-01", "--end", "2028-12-31", "--kind", "reporting"],
            "kan inte vara id",
            "cannot be an id",
        ),
        (
            [
                "2021-2024",
                "--start",
                "2021-01-01",
                "--end",
                "2024-12-31",
                "--sek-per-year",
                "1",
                "--staff-share",
                "0.5",
            ],
            "2021-2024 finns redan. Ange --replace",
            "2021-2024 already exists. Give --replace",
        ),
        (
            ["2021-2024", "--start", "2021-01-01", "--end", "2024-12-31", "--kind", "reporting"],
            "2021-2024 finns redan",
            "2021-2024 already exists",
        ),
        (
            [
                "2021-2024",
                "--start",
                "2021-01-01",
                "--end",
                "2024-12-31",
                "--kind",
                "reporting",
                "--replace",
            ],
            "den sista avtalsperioden",
            "the last agreement period",
        ),
    ],
)
def test_refusals_say_why_in_both_languages_and_change_nothing(store, capsys, args, sv, en):
    before = store.periods()
    code, out, err = run(store, capsys, "period", "add", *args)
    assert code == 1
    assert sv in err
    assert "Perioden sparades inte. Inget har ändrats." in err
    assert "Traceback" not in err and out == ""
    code, out, err = run(store, capsys, "period", "add", *args, "--lang", "en")
    assert code == 1
    assert en in err
    assert "The period was not saved. Nothing has changed." in err
    assert store.periods() == before


def test_every_problem_is_named_at_once(store, capsys):
    code, _, err = run(
        store, capsys, "period", "add", "a b", "--start", "2025-13-01", "--end", "2028"
    )
    assert code == 1
    assert "ID:" in err and "--start:" in err and "--end:" in err


def test_replace_changes_an_existing_period(store, capsys):
    assert run(store, capsys, "period", "add", *WINDOW)[0] == 0
    code, _, err = run(
        store,
        capsys,
        "period",
        "add",
        "2016-2020",
        "--start",
        "2015-06-01",
        "--end",
        "2020-12-31",
        "--kind",
        "reporting",
        "--replace",
    )
    assert code == 0, err
    windows = [p for p in store.periods() if p.period_id == "2016-2020"]
    assert [w.start for w in windows] == [date(2015, 6, 1)]


def test_a_usage_mistake_is_exit_2(store, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["period", "add", "2025-2028", "--db", str(store.path)])
    assert stop.value.code == 2
    assert "--start" in capsys.readouterr().err
    code, _, err = run(store, capsys, "period", "remove", "1999-2000")
    assert code == 2
    assert "Okänd period '1999-2000'" in err


def test_the_last_agreement_period_is_never_removed(store, capsys):
    assert run(store, capsys, "period", "add", *WINDOW)[0] == 0
    before = store.periods()
    code, out, err = run(store, capsys, "period", "remove", "2021-2024")
    assert code == 1
    assert "2021-2024 är den sista avtalsperioden" in err and "Inget har ändrats" in err
    code, out, err = run(store, capsys, "period", "remove", "2021-2024", "--lang", "en")
    assert code == 1
    assert "2021-2024 is the last agreement period" in err and "Nothing has changed" in err
    assert out == ""
    assert store.periods() == before


def test_the_store_itself_refuses_to_remove_the_last_agreement_period(store):
    from uccn_data.problems import StoreError

    with pytest.raises(StoreError, match="last agreement period"):
        store.remove_period("2021-2024")
    assert store.remove_period("no-such-period") is False
    assert [p.period_id for p in store.periods()] == ["2021-2024"]


def test_remove_works(store, capsys):
    assert run(store, capsys, "period", "add", *WINDOW)[0] == 0
    code, out, err = run(store, capsys, "period", "remove", "2016-2020")
    assert code == 0, err
    assert "Tog bort rapporteringsfönster 2016-2020" in out
    assert [p.period_id for p in store.periods()] == ["2021-2024"]

    # An agreement period goes too, once another one is left.
    code, _, err = run(
        store,
        capsys,
        "period",
        "add",
        "2025-2028",
        "--start",
        "2025-01-01",
        "--end",
        "2028-12-31",
        "--sek-per-year",
        "100000",
        "--staff-share",
        "0.3",
    )
    assert code == 0, err
    code, out, _ = run(store, capsys, "period", "remove", "2021-2024", "--lang", "en")
    assert code == 0
    assert "Removed agreement period 2021-2024" in out
    assert [p.period_id for p in store.periods()] == ["2025-2028"]


def test_a_missing_store_is_not_created(tmp_path, capsys):
    missing = tmp_path / "nope.duckdb"
    code = main(["period", "list", "--db", str(missing)])
    assert code == 2
    assert "finns inte" in capsys.readouterr().err
    assert not missing.exists()
