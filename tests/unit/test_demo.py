"""The demo store: repeatable, plausible, and built through the real import path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from uccn_data.demo import AS_OF, IMPORT_ORDER, build_demo
from uccn_data.parsing import luhn_ok
from uccn_data.problems import StoreError
from uccn_data.reference import MUNICIPALITY_CODES
from uccn_data.store import Store
from uccn_data.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
YEARS = range(2021, 2027)


def sql(path: Path, text: str) -> list[tuple[Any, ...]]:
    """A plain query on the store file, independent of the package's own SQL."""
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return conn.execute(text).fetchall()
    finally:
        conn.close()


def per_year(path: Path, text: str) -> dict[int, Any]:
    return {int(r[0]): r[1] for r in sql(path, text)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, int]]:
    store = Store(tmp_path_factory.mktemp("demo") / "uccn.duckdb")
    return store, build_demo(store)


def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {name: store.table(name).to_pylist() for name in TABLES}


# --- determinism -------------------------------------------------------------------------


def test_building_twice_gives_identical_tables(tmp_path: Path) -> None:
    store = Store(tmp_path / "uccn.duckdb")
    first_counts = build_demo(store)
    first = snapshot(store)
    # The same file again: the old store is deleted first, so nothing is merged or doubled.
    assert build_demo(store) == first_counts
    assert snapshot(store) == first
    other = Store(tmp_path / "other.duckdb")
    build_demo(other)
    assert snapshot(other) == first


def test_files_are_identical_in_another_process_with_other_hash_seed(
    tmp_path: Path, demo: tuple[Store, dict[str, int]]
) -> None:
    # Set iteration order changes with PYTHONHASHSEED; the generated files must not.
    script = (
        "import json, sys\n"
        "from uccn_data.demo import build_demo\n"
        "from uccn_data.store import Store\n"
        "store = Store(sys.argv[1])\n"
        "build_demo(store)\n"
        "print(json.dumps({h['table_name']: h['file_sha256'] for h in store.history()}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "subprocess.duckdb")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    store, _ = demo
    here = {h["table_name"]: h["file_sha256"] for h in store.history()}
    assert json.loads(done.stdout) == here


def test_another_seed_gives_other_data(tmp_path: Path, demo: tuple[Store, dict[str, int]]) -> None:
    other = Store(tmp_path / "seed.duckdb")
    build_demo(other, seed=7)
    assert snapshot(other)["activities"] != snapshot(demo[0])["activities"]


def test_a_file_that_is_not_a_demo_store_is_only_replaced_on_request(tmp_path: Path) -> None:
    path = tmp_path / "uccn.duckdb"
    path.write_bytes(b"not a duckdb file")
    Path(f"{path}.wal").write_bytes(b"stale write-ahead log")
    with pytest.raises(StoreError):
        build_demo(Store(path))
    assert path.read_bytes() == b"not a duckdb file"
    counts = build_demo(Store(path), force=True)
    assert counts["activities"] > 0


def test_a_store_with_real_imports_is_never_overwritten(tmp_path: Path, load_real) -> None:
    real = load_real(tmp_path / "real.duckdb")
    before = real.history()
    with pytest.raises(StoreError) as refused:
        build_demo(real)
    assert "--db" in refused.value.message("sv")
    assert real.history() == before


def test_an_earlier_demo_store_is_rebuilt(tmp_path: Path) -> None:
    store = Store(tmp_path / "demo.duckdb")
    build_demo(store)
    assert build_demo(store)["activities"] > 0


@pytest.fixture
def load_real():
    """A store with one real (non-demo) import in it."""
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file

    def _make(path: Path) -> Store:
        store = Store(path)
        store.initialise()
        rows = [
            ["post_id", "datum", "belopp", "finansiär", "kategori"],
            ["K1", "2023-01-01", "100", "extern", "resor"],
        ]
        assert import_file(store, swedish_csv(rows), "k.csv", "spending").ok
        return store

    return _make


# --- the store around the data -----------------------------------------------------------


def test_every_table_is_imported_and_logged(demo: tuple[Store, dict[str, int]]) -> None:
    store, counts = demo
    assert list(counts) == list(IMPORT_ORDER)
    history = sorted(store.history(), key=lambda h: h["import_id"])
    assert [h["table_name"] for h in history] == list(IMPORT_ORDER)
    for entry in history:
        name = entry["table_name"]
        assert entry["file_name"] == f"demo/{name}.csv"
        assert entry["imported_by"] == "demo"
        assert len(entry["file_sha256"]) == 64
        assert entry["rows_inserted"] == counts[name]
        assert entry["rows_updated"] == entry["rows_unchanged"] == 0
        assert sql(store.path, f"select count(*) from {name}")[0][0] == counts[name]


def test_demo_flag_and_both_periods(demo: tuple[Store, dict[str, int]]) -> None:
    store, _ = demo
    assert store.setting("is_demo") == "true"
    assert store.is_demo()
    periods = {p.period_id: p for p in store.periods()}
    assert sorted(periods) == ["2021-2024", "2025-2028"]
    assert periods["2025-2028"].is_example
    assert not periods["2021-2024"].is_example


# --- volumes and plausibility at scale 1 -------------------------------------------------


def test_activities_per_year_and_mix(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    counts = per_year(path, "select year(start_date), count(*) from activities group by 1")
    assert sorted(counts) == list(YEARS)
    assert all(25 <= n <= 40 for n in counts.values()), counts
    areas = dict(sql(path, "select framework_area, count(*) from activities group by 1"))
    assert len(areas) == 3
    themes = dict(sql(path, "select theme, count(*) from activities group by 1"))
    assert len(themes) == 4
    assert max(themes, key=themes.__getitem__) == "gastronomy"
    municipalities = dict(
        sql(
            path,
            "select municipality, count(*) from activities where municipality is not null group by 1",
        )
    )
    assert set(municipalities) == set(MUNICIPALITY_CODES)
    assert max(municipalities, key=municipalities.__getitem__) == "2380"
    assert {r[0] for r in sql(path, "select distinct level from activities")} == {
        "regional",
        "national",
        "international",
    }
    assert {r[0] for r in sql(path, "select distinct lead from activities")} == {
        "ostersund",
        "region",
        "joint",
    }
    low, high = sql(path, "select min(participants), max(participants) from activities")[0]
    assert low >= 5 and high <= 120
    first, last = sql(path, "select min(activity_id), max(activity_id) from activities")[0]
    assert first == "A2021-001" and last.startswith("A2026-")


def test_sdg11_and_named_partners(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    shares = per_year(
        path,
        "select year(start_date), avg(case when len(sdg11_targets) > 0 then 1 else 0 end) "
        "from activities group by 1",
    )
    assert all(0.6 <= s <= 0.7 for s in shares.values()), shares
    assert sql(path, "select max(len(sdg11_targets)) from activities")[0][0] == 3
    top = sql(
        path,
        "select t, count(*) from (select unnest(sdg11_targets) as t from activities) "
        "group by 1 order by 2 desc limit 3",
    )
    assert top[0][0] == "11.4" and {"11.a", "11.3"} & {t for t, _ in top[1:]}
    team_sweden = sql(
        path,
        "select avg(case when partners ilike '%team sweden%' then 1 else 0 end) from activities",
    )[0][0]
    assert 0.05 <= team_sweden <= 0.15
    unesco = per_year(
        path,
        "select year(start_date), count(*) from activities "
        "where partners ilike '%svenska unescorådet%' group by 1",
    )
    assert sorted(unesco) == list(YEARS) and all(2 <= n <= 6 for n in unesco.values())
    cities = sql(path, "select count(*) from activities where partners ilike '%bergen%'")[0][0]
    assert cities > 0


def test_statuses_follow_the_calendar(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    rows = sql(path, "select year(start_date), status, count(*) from activities group by all")
    before = {s: 0 for s in ("completed", "cancelled", "ongoing", "planned")}
    last_year: dict[str, int] = {}
    for year, status, n in rows:
        if year < 2026:
            before[status] += n
        else:
            last_year[status] = n
    assert before["planned"] == 0
    assert before["completed"] / sum(before.values()) >= 0.9
    assert before["cancelled"] >= 1
    assert {"completed", "ongoing", "planned"} <= set(last_year)
    planned_in_the_past = sql(
        path,
        "select count(*) from activities "
        f"where status = 'planned' and start_date <= date '{AS_OF.isoformat()}'",
    )
    assert planned_in_the_past[0][0] == 0


def test_smes_come_from_a_pool_with_valid_numbers(demo: tuple[Store, dict[str, int]]) -> None:
    store, counts = demo
    path = store.path
    assert 120 <= counts["sme_participation"] <= 200
    companies = sql(
        path,
        "select org_number, count(*), count(distinct company_name), count(distinct sector) "
        "from sme_participation group by 1",
    )
    assert 50 <= len(companies) <= 100
    assert all(names == 1 and sectors == 1 for _, _, names, sectors in companies)
    assert sum(1 for _, n, _, _ in companies if n > 1) >= 10  # companies come back
    for number, *_ in companies:
        assert len(number) == 10 and number.isdigit() and luhn_ok(number), number
    sole = [n for n, *_ in companies if n[2] in "01"]
    assert sole, "no sole traders"
    assert 0.04 <= len(sole) / len(companies) <= 0.2
    for number in sole:  # looks like a personal identity number: YYMMDD
        date(1900 + int(number[:2]), int(number[2:4]), int(number[4:6]))
    assert all(n[:2] in ("55", "96", "76") for n, *_ in companies if n[2] not in "01")
    share = dict(
        sql(
            path,
            "select municipality, count(*) / sum(count(*)) over () from sme_participation group by 1",
        )
    )
    assert 0.35 <= share["2380"] <= 0.55  # about two in five, as in the county
    assert "other" in share
    sectors = dict(sql(path, "select sector, count(*) from sme_participation group by 1"))
    assert max(sectors, key=sectors.__getitem__) == "food"
    sizes = dict(sql(path, "select size_class, count(*) from sme_participation group by 1"))
    assert sizes["micro"] > counts["sme_participation"] / 2


def test_exchanges(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    counts = per_year(path, "select year(date), count(*) from exchanges group by 1")
    assert sorted(counts) == list(YEARS) and all(8 <= n <= 15 for n in counts.values())
    digital = per_year(
        path,
        "select year(date), avg(case when direction = 'digital' then 1 else 0 end) "
        "from exchanges group by 1",
    )
    assert digital[2021] > 0.5 and digital[2021] == max(digital.values())
    assert {r[0] for r in sql(path, "select distinct direction from exchanges")} == {
        "outbound",
        "inbound",
        "digital",
    }
    countries = [r[0] for r in sql(path, "select distinct partner_country from exchanges")]
    assert all(len(c) == 2 and c.isupper() for c in countries)
    uccn = dict(sql(path, "select uccn_member, count(*) from exchanges group by 1"))
    assert None not in uccn and uccn[True] > uccn.get(False, 0) > 0
    linked, low, high, smes = sql(
        path,
        "select count(activity_id), min(participants), max(participants), max(smes_involved) "
        "from exchanges",
    )[0]
    assert linked > 0 and low >= 2 and high <= 40 and smes <= 12


def test_ostersund_spends_its_100000_a_year(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    spent = per_year(
        path,
        "select year(date), sum(amount_sek) from spending where funder = 'ostersund' group by 1",
    )
    for year in range(2021, 2026):
        assert 85_000 <= spent[year] <= 105_000, (year, spent[year])
    external = per_year(
        path,
        "select year(date), sum(amount_sek) from spending where funder = 'external' group by 1",
    )
    for year in YEARS:
        assert 1 <= external[year] / spent[year] <= 3, year
    assert sql(path, "select count(*) from spending where funder = 'region'")[0][0] > 0
    assert sql(path, "select count(*) from spending where amount_sek % 1 <> 0")[0][0] > 0
    assert sql(path, "select count(activity_id) from spending")[0][0] > 0
    assert sql(path, "select count(distinct category) from spending")[0][0] >= 5
    assert sql(path, "select max(date) from spending")[0][0] < AS_OF


def test_staff_time_every_past_month_for_both(demo: tuple[Store, dict[str, int]]) -> None:
    store, counts = demo
    assert counts["staff_time"] == 2 * (5 * 12 + 10)
    rows = sql(
        store.path,
        "select organisation, min(month), max(month), min(hours), max(hours), avg(hours) "
        "from staff_time group by 1 order by 1",
    )
    assert [r[0] for r in rows] == ["ostersund", "region"]
    for _, first, last, low, high, mean in rows:
        assert (first, last) == (date(2021, 1, 1), date(2026, 10, 1))
        assert low >= 25 and high <= 60
        assert 38 <= mean <= 47  # about 30 % of 1,700 h a year
    july, other = sql(
        store.path,
        "select avg(hours) filter (where month(month) = 7), "
        "avg(hours) filter (where month(month) not in (6, 7, 8)) from staff_time",
    )[0]
    assert july < other


def test_targets(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    rows = {(y, k): t for y, k, t in sql(path, "select year, kpi, target from targets")}
    assert {y for y, _ in rows} == set(YEARS)
    for year in YEARS:
        assert rows[(year, "ostersund_spending_sek")] == 100_000
        assert rows[(year, "leverage_ratio")] == 1.5
        assert rows[(year, "sdg11_aligned_share")] == 0.6
        assert rows[(year, "staff_share_ostersund")] == rows[(year, "staff_share_region")] == 0.3
        for kpi in ("activities", "smes_reached", "exchanges", "partner_cities"):
            assert rows[(year, kpi)] > 0


# --- scale -------------------------------------------------------------------------------


def test_scale_multiplies_the_volumes(tmp_path: Path, demo: tuple[Store, dict[str, int]]) -> None:
    _, base = demo
    scaled = build_demo(Store(tmp_path / "scaled.duckdb"), scale=3)
    for name in ("activities", "sme_participation", "exchanges", "spending"):
        assert 2.4 <= scaled[name] / base[name] <= 3.6, (name, scaled[name], base[name])
    assert scaled["staff_time"] == base["staff_time"]
    assert scaled["targets"] == base["targets"]


def test_scale_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        build_demo(Store(tmp_path / "x.duckdb"), scale=0)


def test_demo_does_not_import_streamlit() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, uccn_data.demo; print('streamlit' in sys.modules)"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "False"
