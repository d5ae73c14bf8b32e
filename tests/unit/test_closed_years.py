"""Closed years (fastställda år, v2 follow-up cycle): once a year's figures are reported, no
import and no undo changes them until the year is reopened, and every close and reopen is
logged. Driven through the store, `import_file` and the command line, as a coordinator would."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import swedish_csv
from uccn_data.__main__ import main
from uccn_data.importer import ImportReport, import_file
from uccn_data.problems import StoreError
from uccn_data.store import ClosedYear, Store, UndoRefused

CLOSER = "Åsa Öberg"
SPENDING_HEADER = ["post_id", "datum", "belopp", "finansiar", "kategori"]
ACTIVITY_HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå"]
ACTIVITY_HEADER += ["ansvarig", "status"]


def activity(activity_id: str, start: str, title: str = "Matmöte") -> list[str]:
    return [
        activity_id,
        title,
        "Kompetensutveckling",
        "Mat",
        start,
        "regional",
        "gemensam",
        "genomförd",
    ]


def spending(post_id: str, day: str, amount: str = "12 500") -> list[str]:
    return [post_id, day, amount, "Östersunds kommun", "resor"]


def snapshot(store: Store, table: str = "spending") -> tuple[list[Any], list[Any]]:
    """What a refused import or undo must leave as it was: the import log and the table."""
    return store.history(), store.table(table).to_pylist()


def upload(
    store: Store, table: str, rows: list[list[Any]], *, dry_run: bool = False
) -> ImportReport:
    return import_file(
        store, swedish_csv(rows), f"{table}.csv", table, user="Kim Ek", dry_run=dry_run
    )


def closed_problems(report: ImportReport) -> list[tuple[int | None, str | None]]:
    """(Excel row, column) of every `year_closed` error, insisting there are no others."""
    assert not report.ok
    assert {p.code for p in report.errors} == {"year_closed"}, [
        (p.code, p.row, p.column, p.message("en")) for p in report.errors
    ]
    return [(p.row, p.column) for p in report.errors]


def assert_names_year_and_closer(report: ImportReport, year: int = 2023) -> None:
    for problem in report.errors:
        for lang in ("sv", "en"):
            text = problem.message(lang)
            assert str(year) in text and CLOSER in text, (lang, text)


def near_now(moment: datetime) -> bool:
    """Written in the last minute (a naive time may be local time or UTC)."""
    if moment.tzinfo is not None:
        return abs(datetime.now(UTC) - moment) < timedelta(minutes=1)
    now_utc = datetime.now(UTC).replace(tzinfo=None)
    return any(abs(now - moment) < timedelta(minutes=1) for now in (datetime.now(), now_utc))


# --- closing, reopening, the log ---------------------------------------------------------------


def test_a_closed_year_says_who_closed_it_and_when(store):
    closed = store.close_year(2023, by=CLOSER)
    assert isinstance(closed, ClosedYear)
    assert (closed.year, closed.closed_by) == (2023, CLOSER)
    assert near_now(closed.closed_at)
    assert store.closed_years() == {2023: closed}

    [entry] = store.year_log()
    assert {k: entry[k] for k in ("year", "action", "by")} == {
        "year": 2023,
        "action": "close",
        "by": CLOSER,
    }
    assert near_now(entry["at"])


def test_a_new_store_has_no_closed_year(store):
    assert store.closed_years() == {}
    assert store.year_log() == []
    assert store.reopen_year(2023, by=CLOSER) is False
    assert store.year_log() == []  # nothing happened, so nothing is logged


def test_closing_a_closed_year_again_is_refused_naming_who_closed_it(store):
    first = store.close_year(2023, by=CLOSER)
    with pytest.raises(StoreError) as refused:
        store.close_year(2023, by="Kim Ek")
    for lang in ("sv", "en"):
        assert "2023" in refused.value.message(lang) and CLOSER in refused.value.message(lang)
    assert store.closed_years() == {2023: first}
    assert len(store.year_log()) == 1


def test_reopening_is_logged_newest_first_and_leaves_other_years_closed(store):
    store.close_year(2022, by=CLOSER)
    store.close_year(2023, by=CLOSER)
    assert sorted(store.closed_years()) == [2022, 2023]

    assert store.reopen_year(2022, by="Kim Ek") is True
    assert list(store.closed_years()) == [2023]
    assert store.reopen_year(2022, by="Kim Ek") is False  # already open

    log = [(e["year"], e["action"], e["by"]) for e in store.year_log()]
    assert log == [(2022, "reopen", "Kim Ek"), (2023, "close", CLOSER), (2022, "close", CLOSER)]
    ats = [e["at"] for e in store.year_log()]
    assert ats == sorted(ats, reverse=True)


# --- imports -----------------------------------------------------------------------------------


def test_an_import_touching_a_closed_year_is_refused_and_writes_nothing(store, load):
    load("spending", [SPENDING_HEADER, spending("K1", "2023-03-15")])
    store.close_year(2023, by=CLOSER)
    before = snapshot(store)
    rows = [
        SPENDING_HEADER,
        spending("K2", "2024-02-01", "8 000"),  # row 2: 2024 is open
        spending("K3", "2023-11-02", "40 000"),  # row 3: a new row in 2023
        spending("K1", "2023-03-15", "13 000"),  # row 4: a 2023 amount changed
    ]
    for dry_run in (True, False):
        report = upload(store, "spending", rows, dry_run=dry_run)
        assert closed_problems(report) == [(3, "date"), (4, "date")]
        assert_names_year_and_closer(report)
        assert snapshot(store) == before


def test_the_first_and_last_day_are_in_the_year_and_the_neighbours_are_not(store):
    store.close_year(2023, by=CLOSER)
    rows = [
        SPENDING_HEADER,
        spending("K1", "2022-12-31"),
        spending("K2", "2023-01-01"),
        spending("K3", "2023-12-31"),
        spending("K4", "2024-01-01"),
        spending("K5", "2023"),  # a year alone, as the record sometimes has it
        spending("K6", "2023-07"),  # a month
    ]
    assert closed_problems(upload(store, "spending", rows)) == [
        (3, "date"),
        (4, "date"),
        (6, "date"),
        (7, "date"),
    ]
    report = upload(store, "spending", [rows[0], rows[1], rows[4]])
    assert report.ok and report.result is not None and report.result.inserted == 2


def test_moving_a_row_into_or_out_of_a_closed_year_is_refused(store, load):
    load(
        "spending",
        [SPENDING_HEADER, spending("K23", "2023-03-15"), spending("K24", "2024-02-01")],
    )
    store.close_year(2023, by=CLOSER)
    before = snapshot(store)
    moved = [
        SPENDING_HEADER,
        spending("K23", "2024-03-15"),  # out of 2023: the 2023 figures would change
        spending("K24", "2023-02-01"),  # into 2023
    ]
    report = upload(store, "spending", moved)
    assert closed_problems(report) == [(2, "date"), (3, "date")]
    assert_names_year_and_closer(report)
    assert snapshot(store) == before


def test_closed_rows_repeated_unchanged_do_not_stop_new_rows(store, load):
    """The coordinator's whole spending file, 2023 as reported, plus this year's rows."""
    year_2023 = [spending("K1", "2023-03-15"), spending("K2", "2023-11-02", "40 000")]
    load("spending", [SPENDING_HEADER, *year_2023])
    store.close_year(2023, by=CLOSER)

    report = upload(store, "spending", [SPENDING_HEADER, *year_2023, spending("K3", "2024-02-01")])
    assert report.ok, [(p.row, p.message("en")) for p in report.errors]
    assert report.result is not None
    assert (report.result.inserted, report.result.updated, report.result.unchanged) == (1, 0, 2)
    amounts = {r["spending_id"]: r["amount_sek"] for r in store.table("spending").to_pylist()}
    assert amounts == {"K1": 12500, "K2": 40000, "K3": 12500}


# One file per table: row 2 is dated in 2024 (open), row 3 in 2023 (closed).
FILES: dict[str, tuple[str, list[list[Any]]]] = {
    "activities": (
        "start_date",
        [
            ACTIVITY_HEADER,
            activity("A2", "2024-08-20", "Matmarknad"),
            activity("A3", "2023-06", "Nätverksmöte"),
        ],
    ),
    "exchanges": (
        "date",
        [
            ["utbyte_id", "datum", "riktning", "partnerstad", "land"],
            ["E24", "2024-04", "utresande", "Bergen", "Norge"],
            ["E23", "2023-09-12", "inkommande", "Parma", "Italien"],
        ],
    ),
    "spending": (
        "date",
        [SPENDING_HEADER, spending("K24", "2024-02-01"), spending("K23", "2023-03-15")],
    ),
    "outcomes": (
        "date",
        [
            ["resultat_id", "typ", "titel", "datum"],
            ["R24", "avtal", "Avsiktsförklaring med Bergen", "2024-06-01"],
            ["R23", "utmärkelse", "Pris för årets matregion", "2023-10-05"],
        ],
    ),
    "staff_time": (
        "month",
        [
            ["organisation", "månad", "timmar"],
            ["Östersunds kommun", "2024-01", "40"],
            ["Region Jämtland Härjedalen", "2023-12", "38,5"],
        ],
    ),
    "targets": (
        "year",
        [["år", "nyckeltal", "målvärde"], [2024, "activities", 3], [2023, "activities", 4]],
    ),
    "comments": (
        "year",  # a comment on the whole period (no year) belongs to no one year
        [
            ["omfattning", "avtalsperiod", "år", "text_sv"],
            ["helhet", "2021-2024", "2024", "Ett starkt år för utbytena."],
            ["helhet", "2021-2024", "2023", "Färre aktiviteter än väntat."],
        ],
    ),
    "sme_participation": (
        "activity_id",  # dated by its activity's start
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "bransch", "storlek"],
            ["A24", "556036-0793", "Jämtbröd AB", "livsmedel", "mikro"],
            ["A23", "556036-0793", "Jämtbröd AB", "livsmedel", "mikro"],
        ],
    ),
}


@pytest.fixture(scope="module")
def closed_2023(module_store: Store, module_load: Callable[..., ImportReport]) -> Store:
    """Activities A23 (started 2023) and A24 (2024), with 2023 closed. Shared, so the tests
    on it only try files (a refused import and a dry run write nothing)."""
    module_load(
        "activities", [ACTIVITY_HEADER, activity("A23", "2023-05-10"), activity("A24", "2024")]
    )
    module_store.close_year(2023, by=CLOSER)
    return module_store


@pytest.mark.parametrize("table", list(FILES))
def test_every_table_is_dated_by_its_own_column(closed_2023, table):
    column, rows = FILES[table]
    before = snapshot(closed_2023, table)

    report = upload(closed_2023, table, rows)
    assert closed_problems(report) == [(3, column)]
    assert_names_year_and_closer(report)
    assert snapshot(closed_2023, table) == before

    report = upload(closed_2023, table, rows[:2], dry_run=True)  # the 2024 row alone is fine
    assert report.ok, [(p.row, p.column, p.message("en")) for p in report.errors]
    assert report.result is not None and report.result.inserted == 1
    assert snapshot(closed_2023, table) == before


def test_an_undated_outcome_belongs_to_no_closed_year(store):
    store.close_year(2023, by=CLOSER)
    report = upload(
        store,
        "outcomes",
        [["resultat_id", "typ", "titel", "datum"], ["R1", "avtal", "Vänortsavtal", ""]],
    )
    assert report.ok, [(p.row, p.message("en")) for p in report.errors]


def test_reopening_lets_the_same_import_through(store, load):
    load("spending", [SPENDING_HEADER, spending("K1", "2023-03-15")])
    store.close_year(2023, by=CLOSER)
    corrected = [SPENDING_HEADER, spending("K1", "2023-03-15", "13 000")]
    assert not upload(store, "spending", corrected).ok

    assert store.reopen_year(2023, by="Kim Ek") is True
    report = upload(store, "spending", corrected)
    assert report.ok and report.result is not None and report.result.updated == 1
    assert store.table("spending").column("amount_sek").to_pylist() == [13000]
    assert [(e["year"], e["action"]) for e in store.year_log()] == [
        (2023, "reopen"),
        (2023, "close"),
    ]


# --- undo --------------------------------------------------------------------------------------


def test_undo_into_a_closed_year_is_refused_until_it_is_reopened(store, load):
    load("spending", [SPENDING_HEADER, spending("K1", "2023-03-15"), spending("K2", "2023-05-02")])
    changed = load("spending", [SPENDING_HEADER, spending("K2", "2023-05-02", "13 000")])
    inserted = load("spending", [SPENDING_HEADER, spending("K3", "2023-06-20")])
    store.close_year(2023, by=CLOSER)
    before = snapshot(store)

    for report in (changed, inserted):
        assert report.result is not None
        with pytest.raises(UndoRefused) as refused:
            store.undo(report.result.import_id, user="Kim Ek")
        assert "2023" in refused.value.message("sv") and "2023" in refused.value.message("en")
        assert snapshot(store) == before

    store.reopen_year(2023, by="Kim Ek")
    assert changed.result is not None
    undone = store.undo(changed.result.import_id, user="Kim Ek")
    assert undone.updated == 1
    amounts = {r["spending_id"]: r["amount_sek"] for r in store.table("spending").to_pylist()}
    assert amounts == {"K1": 12500, "K2": 12500, "K3": 12500}


def test_undo_of_an_import_in_an_open_year_still_works(store, load):
    load("spending", [SPENDING_HEADER, spending("K1", "2023-03-15")])
    store.close_year(2023, by=CLOSER)
    later = load("spending", [SPENDING_HEADER, spending("K2", "2024-02-01")])
    assert later.result is not None
    assert store.undo(later.result.import_id, user="Kim Ek").inserted == 1
    assert store.table("spending").column("spending_id").to_pylist() == ["K1"]


# --- the command line --------------------------------------------------------------------------


def run(store: Store, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`python -m uccn_data ARGS --db STORE` in this process: exit code, stdout, stderr."""
    try:
        code = main([*args, "--db", str(store.path)])
    except SystemExit as stop:  # argparse's own usage errors
        code = stop.code if isinstance(stop.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def test_year_close_list_and_reopen(store, capsys):
    code, out, err = run(store, capsys, "year", "list", "--format", "json")
    assert (code, json.loads(out)) == (0, [])

    code, out, err = run(store, capsys, "year", "close", "2023", "--by", CLOSER)
    assert code == 0, err
    assert "2023" in out
    closed = store.closed_years()[2023]
    assert closed.closed_by == CLOSER

    code, out, err = run(store, capsys, "year", "list")
    assert code == 0, err
    day = closed.closed_at.strftime("%Y-%m-%d")
    assert any(CLOSER in line and day in line for line in out.splitlines() if "2023" in line), out

    code, out, err = run(store, capsys, "year", "list", "--format", "json")
    assert code == 0, err
    [listed] = json.loads(out)
    assert (listed["year"], listed["closed_by"]) == (2023, CLOSER)
    assert datetime.fromisoformat(listed["closed_at"]) == closed.closed_at

    code, out, err = run(store, capsys, "year", "reopen", "2023", "--by", "Kim Ek", "--lang", "en")
    assert code == 0, err
    assert "2023" in out
    assert store.closed_years() == {}
    assert [(e["year"], e["action"], e["by"]) for e in store.year_log()] == [
        (2023, "reopen", "Kim Ek"),
        (2023, "close", CLOSER),
    ]


def test_year_close_without_by_names_the_user(store, capsys, monkeypatch):
    monkeypatch.setenv("UCCN_USER", "Kim Ek")
    code, _, err = run(store, capsys, "year", "close", "2023")
    assert code == 0, err
    assert store.closed_years()[2023].closed_by == "Kim Ek"


def test_closing_twice_or_reopening_an_open_year_is_exit_1_and_changes_nothing(store, capsys):
    assert run(store, capsys, "year", "close", "2023", "--by", CLOSER)[0] == 0
    before = (store.closed_years(), store.year_log())
    for lang in ("sv", "en"):
        code, _, err = run(store, capsys, "year", "close", "2023", "--by", "Kim", "--lang", lang)
        assert code == 1
        assert "2023" in err and CLOSER in err and "Traceback" not in err
        code, _, err = run(store, capsys, "year", "reopen", "2022", "--lang", lang)
        assert code == 1
        assert "2022" in err and "Traceback" not in err
    assert (store.closed_years(), store.year_log()) == before


@pytest.mark.parametrize("command", ["close", "reopen"])
@pytest.mark.parametrize("year", ["abc", "0", "20233"])
def test_a_year_that_is_not_a_year_is_exit_2(store, capsys, command, year):
    code, _, err = run(store, capsys, "year", command, year)
    assert code == 2
    assert year in err and "Traceback" not in err
    assert store.closed_years() == {} and store.year_log() == []


def test_the_year_command_never_creates_a_store(tmp_path: Path, capsys):
    missing = tmp_path / "stavfel.duckdb"
    assert main(["year", "close", "2023", "--db", str(missing)]) == 2
    assert "finns inte" in capsys.readouterr().err
    assert not missing.exists()


def test_command_line_import_into_a_closed_year_names_row_and_year(store, capsys, tmp_path):
    file = tmp_path / "kostnader.csv"
    file.write_bytes(
        swedish_csv([SPENDING_HEADER, spending("K24", "2024-02-01"), spending("K23", "2023-03-15")])
    )
    assert run(store, capsys, "year", "close", "2023", "--by", CLOSER)[0] == 0
    before = snapshot(store)

    for lang, row in (("sv", "rad 3"), ("en", "row 3")):
        code, _, err = run(store, capsys, "import", "spending", str(file), "--lang", lang)
        assert code == 1
        line = next(line for line in err.splitlines() if row in line)
        assert "2023" in line and CLOSER in line
        assert snapshot(store) == before

    only_2024 = tmp_path / "kostnader-2024.csv"
    only_2024.write_bytes(swedish_csv([SPENDING_HEADER, spending("K24", "2024-02-01")]))
    code, _, err = run(store, capsys, "import", "spending", str(only_2024))
    assert code == 0, err
    assert store.table("spending").column("spending_id").to_pylist() == ["K24"]


# --- what the pages say about it ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_says_which_years_it_shows_are_final_and_which_preliminary(
    store: Store, lang: str
) -> None:
    from uccn_data.kpis import Filters
    from uccn_data.pages import budget, exchanges, framework, overview, sdg11, smes, staff
    from uccn_data.pages.model import Text

    def status(builder: Any, f: Filters) -> list[str]:
        with store.reading() as conn:
            page = builder.build(conn, f, lang)
        said = ("Fastställda siffror", "Preliminära siffror", "Final figures", "Preliminary")
        return [b.text for b in page.blocks if isinstance(b, Text) and b.text.startswith(said)]

    closed = store.close_year(2023, CLOSER).closed_on()
    for builder in (overview, framework, smes, exchanges, budget, staff, sdg11):
        name = builder.__name__
        if lang == "sv":
            assert status(builder, Filters(year=2023)) == [
                f"Fastställda siffror: 2023 (fastställt {closed})."
            ], name
            assert status(builder, Filters()) == [
                f"Fastställda siffror: 2023 (fastställt {closed}). "
                "Preliminära siffror: 2021, 2022, 2024 är inte fastställt."
            ], name
        else:
            assert status(builder, Filters()) == [
                f"Final figures: 2023 (closed {closed}). "
                "Preliminary figures: 2021, 2022, 2024 not closed."
            ], name
    store.reopen_year(2023, CLOSER)
    assert status(overview, Filters(year=2023)) == [
        "Preliminära siffror: inget år i urvalet är fastställt."
        if lang == "sv"
        else "Preliminary figures: no year in this scope is closed."
    ]


def test_every_meeting_screen_says_which_years_are_final(store: Store) -> None:
    from uccn_data.kpis import Filters
    from uccn_data.reports.content import screens

    closed = store.close_year(2022, CLOSER).closed_on()
    with store.reading() as conn:
        shown = screens(conn, Filters(), "sv")
    expected = (
        f"Fastställda siffror: 2022 (fastställt {closed}). "
        "Preliminära siffror: 2021, 2023, 2024 är inte fastställt."
    )
    assert shown and all(expected in s.notes for s in shown)
