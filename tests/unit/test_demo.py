"""The demo store: repeatable, plausible, and built through the real import path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import copy_store
from uccn_data.demo import AS_OF, IMPORT_ORDER, build_demo
from uccn_data.parsing import luhn_ok
from uccn_data.problems import StoreError
from uccn_data.reference import MUNICIPALITY_CODES
from uccn_data.store import Store
from uccn_data.tables import TABLES, Table

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


def test_building_twice_gives_identical_tables(
    tmp_path: Path, demo: tuple[Store, dict[str, int]]
) -> None:
    # The module's demo store is the first build, in a file of its own; the second is built
    # over a copy of it: the old store is deleted first, so nothing is merged or doubled.
    first_store, first_counts = demo
    first = snapshot(first_store)
    store = copy_store(first_store, tmp_path)
    assert build_demo(store) == first_counts
    assert snapshot(store) == first


@pytest.mark.processes
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


def test_an_earlier_demo_store_is_rebuilt(
    tmp_path: Path, demo: tuple[Store, dict[str, int]]
) -> None:
    store = copy_store(demo[0], tmp_path)  # an earlier demo store, as `build_demo` left it
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
    counts = per_year(
        path,
        "select year(start_date), count(*) from activities where year(start_date) >= 2021 "
        "group by 1",
    )
    assert sorted(counts) == list(YEARS)
    assert all(25 <= n <= 40 for n in counts.values()), counts
    # A few projects began before the period and run into it.
    before = sql(path, "select count(*) from activities where year(start_date) < 2021")[0][0]
    assert 1 <= before <= 3
    # An activity counts in every area and theme it names.
    areas = dict(
        sql(
            path,
            "select a, count(*) from (select unnest(framework_area) a from activities) group by 1",
        )
    )
    assert len(areas) == 3
    themes = dict(
        sql(path, "select t, count(*) from (select unnest(theme) t from activities) group by 1")
    )
    assert len(themes) == 4
    assert max(themes, key=themes.__getitem__) == "gastronomy"
    municipalities = dict(
        sql(
            path,
            "select m, count(*) from (select unnest(municipality) m from activities) group by 1",
        )
    )
    assert set(MUNICIPALITY_CODES) <= set(municipalities)
    assert set(municipalities) - set(MUNICIPALITY_CODES) <= {"county", "outside_county", "abroad"}
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
        "external",
    }
    low, high = sql(
        path,
        "select min(participants), max(participants) from activities "
        "where participants_approx is null",
    )[0]
    assert low >= 5 and high <= 120
    first, last = sql(
        path,
        "select min(activity_id), max(activity_id) from activities where year(start_date) >= 2021",
    )[0]
    assert first == "A2021-001" and last.startswith("A2026-")


def test_sdg11_and_named_partners(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    shares = per_year(
        path,
        "select year(start_date), avg(case when len(sdg11_targets) > 0 then 1 else 0 end) "
        "from activities where year(start_date) >= 2021 group by 1",
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
    countries = [r[0] for r in sql(path, "select distinct unnest(partner_country) from exchanges")]
    assert countries and all(len(c) == 2 and c.isupper() for c in countries)
    # Each partner city's membership: from UNESCO's list, or unknown (never assumed "no").
    uccn = dict(
        sql(
            path,
            "select m, count(*) from (select unnest(partner_members) m from exchanges) group by 1",
        )
    )
    assert False not in uccn and uccn[True] > uccn[None] > 0
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
        "select year(date), sum(amount_sek) from spending "
        "where funder = 'ostersund' and kind = 'actual' group by 1",
    )
    for year in range(2021, 2026):
        assert 85_000 <= spent[year] <= 105_000, (year, spent[year])
    # External funding is everything that is neither Östersund nor the Region (v2 kinds too);
    # budgets are never added to outcomes.
    external = per_year(
        path,
        "select year(date), sum(amount_sek) from spending "
        "where funder not in ('ostersund', 'region') and kind = 'actual' group by 1",
    )
    for year in YEARS:
        assert 1 <= external[year] / spent[year] <= 3, year
    assert sql(path, "select count(*) from spending where funder = 'region'")[0][0] > 0
    assert sql(path, "select count(*) from spending where amount_sek % 1 <> 0")[0][0] > 0
    assert sql(path, "select count(activity_id) from spending")[0][0] > 0
    assert sql(path, "select count(distinct category) from spending")[0][0] >= 5
    assert sql(path, "select max(date) from spending where kind = 'actual'")[0][0] < AS_OF


def test_staff_time_every_past_month_for_both_but_two(
    demo: tuple[Store, dict[str, int]],
) -> None:
    store, counts = demo
    # The region has not reported November and December 2023 (for the completeness page).
    assert counts["staff_time"] == 2 * (5 * 12 + 10) - 2
    missing = sql(
        store.path,
        "select organisation, m::date from (select 'region' as organisation, "
        "unnest(generate_series(date '2021-01-01', date '2026-10-01', interval 1 month)) as m) "
        "anti join staff_time on staff_time.organisation = 'region' and month = m",
    )
    assert sorted(missing) == [("region", date(2023, 11, 1)), ("region", date(2023, 12, 1))]
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


# --- every version 2 feature at scale 1 --------------------------------------------------


def count(path: Path, where: str, table: str = "activities") -> int:
    return int(sql(path, f"select count(*) from {table} where {where}")[0][0])


def test_activities_use_every_v2_form(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    assert count(path, "len(framework_area) > 1") >= 5
    assert count(path, "len(theme) > 1") >= 5
    # Led by another organisation, always named, mostly with the parties' role.
    assert count(path, "lead = 'external' and lead_name is null") == 0
    leaders = {r[0] for r in sql(path, "select lead_name from activities where lead = 'external'")}
    assert {"Mittuniversitetet", "Eldrimner", "Jamtli"} <= leaders
    assert count(path, "lead <> 'external' and lead_name is not null") == 0
    assert count(path, "party_role is not null") >= 3
    assert count(path, "list_contains(municipality, 'county')") >= 3
    assert count(path, "list_contains(municipality, 'abroad')") >= 1
    assert count(path, "len(municipality) > 1 and municipality[1] like '2%'") >= 2
    # Dated by month or by year only, stored with the precision, never as an invented day.
    precisions = dict(sql(path, "select start_date_precision, count(*) from activities group by 1"))
    assert precisions["month"] >= 3 and precisions["year"] >= 2
    assert count(path, "start_date_precision <> 'day' and day(start_date) <> 1") == 0
    # Approximate counts: "ca 250", "över 250", "minst 20".
    assert count(path, "participants_approx = 'about' and participants = 250") >= 1
    assert count(path, "participants_approx = 'over' and participants = 250") >= 1
    assert count(path, "visitors is not null") >= 3
    assert count(path, "visitors_approx is not null") >= 2
    assert count(path, "smes_count is not null") >= 3
    assert count(path, "smes_count_approx = 'at_least' and smes_count = 20") >= 1
    assert count(path, "list_contains(other_sdgs, '8') and list_contains(other_sdgs, '12.3')") >= 1
    assert count(path, "results is not null") >= 3
    urls = [r[0] for r in sql(path, "select url from activities where url is not null")]
    assert len(urls) >= 3 and all(u.startswith("https://example.org/") for u in urls)


def test_multi_year_projects_and_plans(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    # Begun before the period (2019–2022), so they count in its first years.
    early = sql(
        path,
        "select start_date, end_date, status from activities where start_date < date '2021-01-01'",
    )
    assert early and all(end.year >= 2021 and status == "completed" for _, end, status in early)
    assert any(start.year == 2019 and end.year == 2022 for start, end, _ in early)
    planned = sql(
        path,
        "select start_date, start_date_precision, end_date, participants from activities "
        "where status = 'planned'",
    )
    assert len(planned) >= 2
    assert all(start.year == 2026 and people is None for start, _, _, people in planned)
    assert any(precision == "month" for _, precision, _, _ in planned)
    assert any(end is not None and end.year > 2026 for _, _, end, _ in planned)


def test_exchanges_use_every_v2_form(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    assert count(path, "end_date > date", "exchanges") >= 5  # multi-day meetings
    assert count(path, "len(partner_city) > 1", "exchanges") >= 2
    assert (
        count(
            path, "len(partner_city) > 1 and len(partner_country) = len(partner_city)", "exchanges"
        )
        >= 2
    )
    network = sql(
        path,
        "select year(date), partner_city[1], cities_count, cities_count_approx, countries_count "
        "from exchanges where partner_type = 'network'",
    )
    conferences = {y for y, name, *_ in network if name == "UCCN Annual Conference"}
    assert conferences == set(YEARS)
    assert all(approx == "about" and countries for *_, approx, countries in network)
    assert any(cities >= 100 for _, _, cities, _, _ in network)
    assert count(path, "partner_type = 'organisation'", "exchanges") >= 1
    # Countries are required for cities, optional for networks and organisations.
    assert count(path, "partner_type = 'city' and partner_country is null", "exchanges") == 0
    assert count(path, "partner_type = 'network' and partner_country is null", "exchanges") > 0
    # A partner city not in UNESCO's list: its membership is unknown.
    assert count(path, "list_contains(partner_city, 'Trondheim')", "exchanges") >= 1
    members = [r[0] for r in sql(path, "select partner_members from exchanges")]
    assert any(m is not None and None in m for m in members)
    assert count(path, "date_precision = 'month'", "exchanges") >= 1


def test_spending_uses_every_v2_form(demo: tuple[Store, dict[str, int]]) -> None:
    path = demo[0].path
    euros = sql(
        path,
        "select amount_original, exchange_rate, amount_sek from spending "
        "where currency = 'EUR' and kind = 'actual'",
    )
    assert len(euros) >= 2
    for original, rate, sek in euros:
        assert rate is not None and abs(original * rate - sek) <= Decimal("0.01")
    budgets = sql(
        path,
        "select date, end_date, amount_sek, funder from spending where kind = 'budget'",
    )
    assert len(budgets) >= 3
    assert sum(1 for start, end, *_ in budgets if end is not None and end.year > start.year) >= 3
    assert {"ostersund", "eu"} <= {funder for *_, funder in budgets}
    assert count(path, "kind = 'budget' and currency = 'EUR'", "spending") >= 1
    funders = {r[0] for r in sql(path, "select distinct funder from spending")}
    assert {
        "ostersund",
        "region",
        "external",
        "state",
        "eu",
        "municipality_other",
        "private",
    } <= funders
    unknown = sql(path, "select funder_name from spending where amount_sek is null")
    assert len(unknown) >= 2 and all("okänt" in name for (name,) in unknown)
    assert count(path, "date_precision <> 'day'", "spending") >= 1


def test_outcomes_of_every_kind(demo: tuple[Store, dict[str, int]]) -> None:
    store, counts = demo
    path = store.path
    assert 8 <= counts["outcomes"] <= 15
    kinds = {r[0] for r in sql(path, "select distinct kind from outcomes")}
    assert kinds == {
        "award",
        "agreement",
        "publication",
        "strategy",
        "network_role",
        "media",
        "other",
    }
    roles = [r[0] for r in sql(path, "select title from outcomes where kind = 'network_role'")]
    assert any("styrgrupp" in t and "gastronom" in t for t in roles)
    assert count(path, "kind = 'network_role' and end_date is not null", "outcomes") >= 1
    partners = {r[0] for r in sql(path, "select partner from outcomes where kind = 'agreement'")}
    assert partners & {"Bergen", "Parma"}
    assert count(path, "date is null", "outcomes") >= 1  # an undated agreement is still one
    linked = sql(
        path,
        "select count(*), count(a.activity_id) from outcomes o "
        "left join activities a using (activity_id) where o.activity_id is not null",
    )[0]
    assert linked[0] >= 3 and linked[0] == linked[1]
    urls = [r[0] for r in sql(path, "select url from outcomes where url is not null")]
    assert urls and all(u.startswith("https://example.org/") for u in urls)


def test_the_files_write_values_as_coordinators_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Amounts in tkr, MSEK and EUR, approximate counts and places as words, in the files."""
    import uccn_data.demo as demo_module

    files: dict[str, str] = {}
    write = demo_module._swedish_csv

    def keep(table: Table, rows: list[dict[str, str | None]]) -> bytes:
        data = write(table, rows)
        files[table.name] = data.decode("utf-8-sig")
        return data

    monkeypatch.setattr(demo_module, "_swedish_csv", keep)
    build_demo(Store(tmp_path / "files.duckdb"))
    for text in ("ca 250", "över 250", "minst 20", "hela länet", "utomlands", "2019-09"):
        assert text in files["activities"], text
    for text in (" tkr", " MSEK", " EUR", "Budget", "EU-program", "Staten", "Annan kommun"):
        assert text in files["spending"], text
    assert "nätverk" in files["exchanges"] and "ca 1" in files["exchanges"]


# --- scale -------------------------------------------------------------------------------


def test_scale_multiplies_the_volumes(tmp_path: Path, demo: tuple[Store, dict[str, int]]) -> None:
    _, base = demo
    scaled = build_demo(Store(tmp_path / "scaled.duckdb"), scale=3)
    for name in ("activities", "sme_participation", "exchanges", "spending"):
        assert 2.4 <= scaled[name] / base[name] <= 3.6, (name, scaled[name], base[name])
    assert scaled["outcomes"] == 3 * base["outcomes"]
    assert scaled["staff_time"] == base["staff_time"]
    assert scaled["targets"] == base["targets"]


def test_scale_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        build_demo(Store(tmp_path / "x.duckdb"), scale=0)


@pytest.mark.processes
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
