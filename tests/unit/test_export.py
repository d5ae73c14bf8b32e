"""Exports open in Swedish Excel, never run a formula, hide sole traders from viewers,
and import again unchanged."""

from __future__ import annotations

import io
import string
from datetime import date

import openpyxl
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples, new_store, swedish_csv
from uccn_data import reference as ref
from uccn_data.export import export_table, mask_org_number, mask_table, neutralise
from uccn_data.importer import import_file
from uccn_data.tables import TABLES

HEADER = [
    "activity_id",
    "title",
    "framework_area",
    "theme",
    "start_date",
    "end_date",
    "level",
    "lead",
    "municipality",
    "participants",
    "sdg11_targets",
    "partners",
    "status",
    "description",
]

# Titles a coordinator could type, including ones Excel would take for a formula.
titles = st.text(
    alphabet=string.ascii_letters + "åäöÅÄÖé;,\"' -=+@", min_size=1, max_size=60
).filter(lambda t: t.strip() == t and t)
activity_rows = st.lists(
    st.tuples(
        titles,
        st.sampled_from(list(ref.FRAMEWORK_AREAS)),
        st.sampled_from(list(ref.THEMES)),
        st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 12, 31)),
        st.sampled_from([None, *ref.MUNICIPALITY_CODES]),
        st.one_of(st.none(), st.integers(0, 100_000)),
        st.lists(st.sampled_from(ref.SDG11_CODES), max_size=3, unique=True),
        st.sampled_from(list(ref.STATUSES)),
    ),
    min_size=1,
    max_size=15,
)


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=activity_rows, fmt=st.sampled_from(["csv", "xlsx"]))
def test_import_then_export_round_trips(tmp_path_factory, empty_template, rows, fmt):
    store = new_store(tmp_path_factory.mktemp("rt") / "s.duckdb", empty_template)
    file = [HEADER] + [
        [
            f"A{i}",
            title,
            area,
            theme,
            start.isoformat(),
            "",
            "regional",
            "joint",
            mun,
            n,
            " ".join(sdg),
            "",
            status,
            "",
        ]
        for i, (title, area, theme, start, mun, n, sdg, status) in enumerate(rows)
    ]
    first = import_file(store, swedish_csv(file, "utf-8"), "a.csv", "activities")
    assert first.ok, [p.message("en") for p in first.errors]
    stored = store.table("activities")
    exported = export_table("activities", stored, fmt)
    again = import_file(store, exported, f"export.{fmt}", "activities")
    assert again.ok, [p.message("en") for p in again.errors]
    assert again.result.unchanged == len(rows) and again.result.updated == 0
    assert store.table("activities") == stored


@pytest.mark.parametrize(
    "text", ["=1+1", "+46 63 14 30 00", "-SUM(A1)", "@cmd", '=HYPERLINK("http://x")']
)
def test_formula_looking_text_is_neutralised_in_csv_and_xlsx(store, load, text):
    load(
        "activities",
        [
            [*HEADER[:8], "status"],
            [
                "A1",
                text,
                "information_marketing",
                "culture",
                "2023-01-01",
                "",
                "regional",
                "joint",
                "planned",
            ],
        ],
    )
    data = store.table("activities")
    assert data["title"].to_pylist() == [text]  # stored as given
    csv_text = export_table("activities", data, "csv").decode("utf-8-sig")
    assert f";'{text[0]}" in csv_text or f";\"'{text[0]}" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(export_table("activities", data, "xlsx")))
    cell = book.active.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value == neutralise(text)


def test_export_formats_are_what_swedish_excel_and_open_data_want(store, load):
    load(
        "spending",
        [
            ["post_id", "datum", "belopp", "finansiär", "kategori"],
            ["S1", "2023-01-01", "12 500,50 kr", "Östersunds kommun", "resor"],
        ],
    )
    data = store.table("spending")
    csv_bytes = export_table("spending", data, "csv")
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    lines = csv_bytes.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(TABLES["spending"].column_names)
    # (v2) with an empty end date, SEK, no rate, and `actual` (not a budget)
    assert lines[1] == "S1;2023-01-01;;12500,5;SEK;;actual;ostersund;;travel;"
    table = pq.read_table(io.BytesIO(export_table("spending", data, "parquet")))
    # Parquet keeps every stored column (v2: precision, the amount in its currency) typed.
    assert table.column_names == TABLES["spending"].stored_names


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("8504121234", "850412-****"),
        ("0501011234", "050101-****"),
        ("5560360793", "556036-0793"),
        (None, None),
    ],
)
def test_sole_traders_are_masked_for_viewers(number, shown):
    assert mask_org_number(number) == shown


def test_mask_table_hides_every_personal_number(store, load):
    from uccn_data.parsing import luhn_ok

    personal = next(f"850412123{d}" for d in range(10) if luhn_ok(f"850412123{d}"))
    load(
        "activities",
        [
            [*HEADER[:8], "status"],
            [
                "A1",
                "T",
                "information_marketing",
                "culture",
                "2023-01-01",
                "",
                "regional",
                "joint",
                "planned",
            ],
        ],
    )
    load(
        "sme_participation",
        [
            ["activity_id", "org_number", "company_name", "sector", "size_class"],
            ["A1", personal, "Anna Andersson Keramik", "crafts", "micro"],
        ],
    )
    masked = mask_table(store.table("sme_participation"))
    for fmt in ("csv", "xlsx", "parquet"):
        assert personal.encode() not in export_table("sme_participation", masked, fmt)


@pytest.mark.parametrize("text", ["'=x", "'plain", "''", "=", "-"])
def test_apostrophes_survive_the_round_trip(store, load, text):
    load(
        "activities",
        [
            [*HEADER[:8], "status"],
            [
                "A1",
                text,
                "information_marketing",
                "culture",
                "2023-01-01",
                "",
                "regional",
                "joint",
                "planned",
            ],
        ],
    )
    # Like Excel, a leading apostrophe before a formula sign only marks text: "'=x" is "=x".
    data = store.table("activities")
    assert data["title"].to_pylist() == [
        text.removeprefix("'") if text[1:2] in ("=", "'") else text
    ]
    for fmt in ("csv", "xlsx"):
        again = import_file(store, export_table("activities", data, fmt), f"e.{fmt}", "activities")
        assert again.ok and again.result.unchanged == 1
        assert store.table("activities") == data


amounts = st.decimals(
    min_value=0, max_value=99_999_999, places=2, allow_nan=False, allow_infinity=False
)


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    spending=st.lists(amounts, min_size=1, max_size=10),
    targets=st.lists(
        st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 6)),
        min_size=1,
        max_size=5,
    ),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_money_and_targets_round_trip_exactly(
    tmp_path_factory, empty_template, spending, targets, fmt
):
    store = new_store(tmp_path_factory.mktemp("money") / "s.duckdb", empty_template)
    rows = [["post_id", "datum", "belopp", "finansiär", "kategori"]] + [
        [f"K{i}", "2023-05-01", str(a).replace(".", ","), "extern", "resor"]
        for i, a in enumerate(spending)
    ]
    assert import_file(store, swedish_csv(rows, "utf-8"), "k.csv", "spending").ok
    goal_rows = [["år", "nyckeltal", "målvärde"]] + [
        # Positional, as a person writes it: str() would give 1e-05 for a small target.
        [2021 + i, "leverage_ratio", f"{v:.6f}".rstrip("0").rstrip(".").replace(".", ",")]
        for i, v in enumerate(targets)
    ]
    assert import_file(store, swedish_csv(goal_rows, "utf-8"), "m.csv", "targets").ok
    for name in ("spending", "targets"):
        stored = store.table(name)
        again = import_file(store, export_table(name, stored, fmt), f"e.{fmt}", name)
        assert again.ok, [p.message("en") for p in again.errors]
        assert (again.result.updated, again.result.inserted) == (0, 0)
        assert store.table(name) == stored


def test_more_than_two_decimals_on_money_is_refused_not_rounded(store):
    rows = [
        ["post_id", "datum", "belopp", "finansiär", "kategori"],
        ["K1", "2023-05-01", "99 999 999,999", "extern", "resor"],
        ["K2", "2023-05-01", "100,0051", "extern", "resor"],
        # One group of three after the comma may be thousands: refused as ambiguous, not
        # read as 100,005 kr (nor rounded).
        ["K3", "2023-05-01", "100,005", "extern", "resor"],
    ]
    report = import_file(store, swedish_csv(rows), "k.csv", "spending")
    assert [(p.row, p.code) for p in report.errors] == [
        (2, "too_many_decimals"),
        (3, "too_many_decimals"),
        (4, "ambiguous_digit_group"),
    ]
    assert "decimaler" in report.errors[0].message("sv")


def test_a_dry_run_counts_what_the_commit_then_does(store, load):
    load(
        "spending",
        [
            ["post_id", "datum", "belopp", "finansiär", "kategori"],
            ["K1", "2023-05-01", "100,50", "extern", "resor"],
        ],
    )
    same = swedish_csv(
        [
            ["post_id", "datum", "belopp", "finansiär", "kategori"],
            ["K1", "2023-05-01", "100,5", "extern", "resor"],
        ]
    )
    dry = import_file(store, same, "k.csv", "spending", dry_run=True)
    done = import_file(store, same, "k.csv", "spending")
    assert (dry.result.inserted, dry.result.updated, dry.result.unchanged) == (0, 0, 1)
    assert (done.result.inserted, done.result.updated, done.result.unchanged) == (0, 0, 1)
