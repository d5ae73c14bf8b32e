"""Every key figure against an independent pandas computation on a small hand-made data set.

The data goes in through the real import (Swedish headers, Swedish labels); the expected
values are computed here from the same Python rows, never read back from the store.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from uccn_data import kpis
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.parsing import luhn_ok

ACTIVITY_HEADER = [
    "aktivitet_id",
    "titel",
    "ramaktivitet",
    "tema",
    "startdatum",
    "nivå",
    "ansvarig",
    "kommun",
    "deltagare",
    "sdg11",
    "partner",
    "status",
]
ACTIVITIES = [
    # id, area, theme, start, municipality, participants, sdg11, partners, status
    (
        "A1",
        "information_marketing",
        "gastronomy",
        "2021-03-01",
        "2380",
        20,
        "11.4",
        "Team Sweden",
        "completed",
    ),
    (
        "A2",
        "competence_development",
        "gastronomy",
        "2021-09-10",
        "2321",
        35,
        "11.4 11.a",
        "",
        "completed",
    ),
    (
        "A3",
        "competence_development",
        "tourism",
        "2022-02-01",
        "2361",
        12,
        "",
        "Svenska Unescorådet",
        "completed",
    ),
    (
        "A4",
        "strategic_development",
        "culture",
        "2022-05-05",
        "2380",
        8,
        "11.3",
        "Team Sweden, Bergen",
        "cancelled",
    ),
    (
        "A5",
        "strategic_development",
        "sustainable_development",
        "2023-06-01",
        "2309",
        40,
        "11.6;11.a",
        "Svenska Unescorådet",
        "completed",
    ),
    ("A6", "information_marketing", "culture", "2024-01-15", "2380", 15, "", "", "ongoing"),
    ("A7", "competence_development", "gastronomy", "2025-04-01", "2380", 30, "11.4", "", "planned"),
]


def org(prefix: str) -> str:
    """A valid organisation number starting with `prefix` (9 digits): the Luhn digit added."""
    return next(prefix + str(d) for d in range(10) if luhn_ok(prefix + str(d)))


COMPANIES = {
    "c1": (org("556036079"), "2380"),
    "c2": (org("556677889"), "2321"),
    "c3": (org("850412123"), "other"),
    "c4": (org("559012345"), "2380"),
}
SMES = [
    ("A1", "c1"),
    ("A1", "c2"),
    ("A2", "c1"),
    ("A2", "c3"),
    ("A3", "c4"),
    ("A4", "c2"),
    ("A5", "c2"),
    ("A7", "c4"),
]
EXCHANGES = [
    # id, activity, date, direction, city, country, uccn (empty = derived), participants, smes
    ("E1", "A2", "2021-10-01", "utresande", "Bergen", "Norge", "", 6, 3),
    ("E2", "", "2022-03-03", "digital", "Parma", "IT", "", 10, 0),
    ("E3", "A5", "2023-06-02", "inkommande", "Tucson", "USA", "ja", 4, 2),
    ("E4", "", "2023-09-09", "utresande", "Reykjavik", "Island", "nej", 3, 1),
    ("E5", "", "2025-01-01", "digital", "Bergen", "NO", "", 5, 0),
]
SPENDING = [
    # id, date, amount, funder, category, activity
    ("S1", "2021-03-01", "60 000 kr", "Östersunds kommun", "evenemang", "A1"),
    ("S2", "2021-11-01", "45 500,50", "Östersunds kommun", "resor", "A2"),
    ("S3", "2021-11-01", "120 000", "extern", "projekt", "A2"),
    ("S4", "2022-06-01", "80 000", "Östersunds kommun", "personal", ""),
    ("S5", "2022-06-01", "30 000", "Region Jämtland Härjedalen", "marknadsföring", ""),
    ("S6", "2023-06-01", "100 000", "extern", "projekt", "A5"),
    ("S7", "2025-02-01", "99 000", "Östersunds kommun", "övrigt", ""),
]
STAFF = [
    ("ostersund", "2021-01", 40),
    ("ostersund", "2021-02", 50),
    ("region", "2021-01", 30),
    (
        "region",
        "2021-02",
        45,
    ),
    ("ostersund", "2024-12", 42.5),
]
TARGETS = [
    (2021, "activities", 2),
    (2022, "activities", 3),
    (2023, "activities", 3),
    (2024, "activities", 2),
    (2021, "sdg11_aligned_share", 0.5),
    (2022, "sdg11_aligned_share", 0.7),
    (2021, "smes_reached", 3),
    (2022, "smes_reached", 4),
]


@pytest.fixture(scope="module")
def data(module_store, module_load):
    """Built once for the module (one import per table): the tests only read it."""
    store, load = module_store, module_load
    load(
        "activities",
        [
            ACTIVITY_HEADER,
            *[
                [
                    a,
                    f"Aktivitet {a}",
                    area,
                    theme,
                    start,
                    "regional",
                    "gemensam",
                    mun,
                    n,
                    sdg,
                    partner,
                    status,
                ]
                for a, area, theme, start, mun, n, sdg, partner, status in ACTIVITIES
            ],
        ],
    )
    load(
        "sme_participation",
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "kommun", "bransch", "storlek"],
            *[
                [a, COMPANIES[c][0], f"Företag {c}", COMPANIES[c][1], "livsmedel", "mikro"]
                for a, c in SMES
            ],
        ],
    )
    load(
        "exchanges",
        [
            [
                "utbyte_id",
                "aktivitet_id",
                "datum",
                "riktning",
                "partnerstad",
                "land",
                "uccn_medlem",
                "deltagare",
                "antal_företag",
            ],
            *[list(e) for e in EXCHANGES],
        ],
    )
    load(
        "spending",
        [
            ["post_id", "datum", "belopp", "finansiär", "kategori", "aktivitet_id"],
            *[list(s) for s in SPENDING],
        ],
    )
    load("staff_time", [["organisation", "månad", "timmar"], *[list(s) for s in STAFF]])
    load("targets", [["år", "nyckeltal", "målvärde"], *[list(t) for t in TARGETS]])
    return store


def frames():
    acts = pd.DataFrame(
        ACTIVITIES,
        columns=["id", "area", "theme", "start", "mun", "n", "sdg", "partners", "status"],
    )
    acts["start"] = pd.to_datetime(acts["start"])
    acts["targets"] = acts["sdg"].str.replace(";", " ").str.split()
    smes = pd.DataFrame(SMES, columns=["id", "company"])
    smes["org"] = smes["company"].map(lambda c: COMPANIES[c][0])
    smes["mun"] = smes["company"].map(lambda c: COMPANIES[c][1])
    exch = pd.DataFrame(
        EXCHANGES, columns=["id", "act", "date", "dir", "city", "country", "uccn", "n", "smes"]
    )
    exch["date"] = pd.to_datetime(exch["date"])
    spend = pd.DataFrame(SPENDING, columns=["id", "date", "amount", "funder", "cat", "act"])
    spend["date"] = pd.to_datetime(spend["date"])
    spend["amount"] = (
        spend["amount"]
        .str.replace(" kr", "")
        .str.replace(" ", "")
        .str.replace(",", ".")
        .astype(float)
    )
    return acts, smes, exch, spend


def expected(lo: str, hi: str, area: str | None = None) -> dict[str, float | None]:
    acts, smes, exch, spend = frames()
    scoped = acts[(acts["start"] >= lo) & (acts["start"] <= hi)]
    if area:
        scoped = scoped[scoped["area"] == area]
    counted = scoped[scoped["status"] != "cancelled"]
    aligned = counted["targets"].map(len) > 0
    part = smes[smes["id"].isin(counted["id"])]
    per_company = part.groupby("org").agg(n=("id", "size"), mun=("mun", "last"))
    ex = exch[(exch["date"] >= lo) & (exch["date"] <= hi)]
    if area:
        ex = ex[ex["act"].isin(scoped["id"])]
    # (v2) A city missing from UNESCO's list has unknown membership: not in the share.
    in_list = ex["city"].isin(("Bergen", "Parma", "Tucson"))
    uccn = (ex["uccn"] == "ja") | ((ex["uccn"] == "") & in_list)
    known = (ex["uccn"] != "") | in_list
    sp = spend[(spend["date"] >= lo) & (spend["date"] <= hi)]
    if area:
        sp = sp[sp["act"].isin(scoped["id"])]
    # (v2) Unknown is not zero: no rows for a funder is no value.
    ost_rows = sp.loc[sp["funder"] == "Östersunds kommun", "amount"]
    ext_rows = sp.loc[sp["funder"] == "extern", "amount"]
    ost = ost_rows.sum() if len(ost_rows) else None
    ext = ext_rows.sum() if len(ext_rows) else None
    return {
        "activities": len(counted),
        "activities_completed": int((counted["status"] == "completed").sum()),
        "smes_reached": len(per_company) or None,
        "smes_outside_ostersund_share": (per_company["mun"] != "2380").mean()
        if len(per_company)
        else None,
        "smes_repeat": int((per_company["n"] > 1).sum()),
        "exchanges": len(ex),
        "exchange_participants": ex["n"].sum() if len(ex) else None,
        "partner_cities": ex[["city", "country"]].drop_duplicates().shape[0],
        "partner_countries": ex["country"]
        .replace({"Norge": "NO", "USA": "US", "Island": "IS"})
        .nunique(),
        "uccn_exchange_share": uccn.sum() / known.sum() if known.sum() else None,
        "ostersund_spending_sek": ost,
        "external_funding_sek": ext,
        "leverage_ratio": ext / ost if ext is not None and ost else None,
        "sdg11_aligned_share": aligned.mean() if len(counted) else None,
        "sdg11_targets_covered": len({t for ts in counted["targets"] for t in ts}),
        "team_sweden_activities": int(counted["partners"].str.contains("Team Sweden").sum()),
        "unesco_council_followups": int(counted["partners"].str.contains("Unescorådet").sum()),
    }


SCOPES = [
    ("2021-2024 whole period", kpis.Filters(), "2021-01-01", "2024-12-31", None),
    ("2021 only", kpis.Filters(year=2021), "2021-01-01", "2021-12-31", None),
    ("2022 only", kpis.Filters(year=2022), "2022-01-01", "2022-12-31", None),
    (
        "competence development",
        kpis.Filters(framework_area="competence_development"),
        "2021-01-01",
        "2024-12-31",
        "competence_development",
    ),
    (
        "strategic development 2023",
        kpis.Filters(year=2023, framework_area="strategic_development"),
        "2023-01-01",
        "2023-12-31",
        "strategic_development",
    ),
]


@pytest.mark.parametrize(
    ("label", "filters", "lo", "hi", "area"), SCOPES, ids=[s[0] for s in SCOPES]
)
def test_every_key_figure_matches_an_independent_computation(data, label, filters, lo, hi, area):
    want = expected(lo, hi, area)
    with data.reading() as conn:
        got = kpis.kpi_values(conn, filters)
        one_by_one = {key: kpis.kpi(conn, key, filters) for key in KPI_DEFINITIONS}
    assert got == one_by_one
    for key, value in want.items():
        if value is None:
            assert got[key] is None, key
        else:
            assert got[key] == pytest.approx(float(value)), key


def test_staff_time_is_a_share_of_a_full_time_year_for_the_months_reported(data):
    with data.reading() as conn:
        staff = kpis.staff_time(conn, kpis.Filters(year=2021)).set_index("organisation")
    # Two months reported in 2021 (Jan-Feb): 30 % of 1,700 h over 2 months is 85 h.
    assert staff.loc["ostersund", "hours"] == 90
    assert staff.loc["region", "hours"] == 75
    assert staff.loc["ostersund", "expected_hours"] == pytest.approx(0.3 * 1700 * 2 / 12)
    assert staff.loc["ostersund", "share_of_full_time"] == pytest.approx(90 / (1700 * 2 / 12))


def test_money_by_year_compares_with_the_100000_commitment(data):
    with data.reading() as conn:
        money = kpis.money_by_year(conn, kpis.Filters()).set_index("year")
    assert list(money.index) == [2021, 2022, 2023, 2024]
    assert money.loc[2021, "ostersund_sek"] == pytest.approx(105_500.50)
    assert money.loc[2021, "commitment_sek"] == 100_000
    assert money.loc[2021, "leverage_ratio"] == pytest.approx(120_000 / 105_500.50)
    assert money.loc[2024, "cumulative_commitment_sek"] == 400_000
    assert money.loc[2024, "cumulative_ostersund_sek"] == pytest.approx(185_500.50)


def test_sdg11_coverage_counts_each_target_per_area(data):
    acts, *_ = frames()
    counted = acts[(acts["status"] != "cancelled") & (acts["start"] <= "2024-12-31")]
    want = counted.explode("targets").dropna(subset=["targets"]).groupby(["area", "targets"]).size()
    with data.reading() as conn:
        grid = kpis.sdg11_coverage(conn, kpis.Filters())
    assert len(grid) == 30
    got = grid[grid["activities"] > 0].set_index(["framework_area", "target"])["activities"]
    assert got.sort_index().to_dict() == want.sort_index().to_dict()


def test_targets_are_summed_for_counts_and_averaged_for_shares_with_progress(data):
    with data.reading() as conn:
        board = kpis.headline(conn, kpis.Filters(), as_of=date(2030, 1, 1)).set_index("kpi")
        half = kpis.headline(conn, kpis.Filters(), as_of=date(2022, 12, 31)).set_index("kpi")
    assert board.loc["activities", "target"] == 10
    assert board.loc["activities", "status"] == "behind"  # 5 of 10
    assert board.loc["sdg11_aligned_share", "target"] == pytest.approx(0.6)
    assert board.loc["sdg11_aligned_share", "status"] == "on_track"  # 4 of 5 = 0.8
    assert pd.isna(board.loc["exchanges", "status"])  # no target set
    # At the end of 2022 the targets of 2021 and 2022 (2 + 3) are expected, not 2023's.
    assert half.loc["activities", "expected"] == pytest.approx(5)


def test_each_years_target_is_expected_in_proportion_to_that_year_gone(data):
    with data.reading() as conn:
        mid_2022 = kpis.headline(conn, kpis.Filters(), as_of=date(2022, 7, 1)).set_index("kpi")
        before = kpis.headline(conn, kpis.Filters(), as_of=date(2020, 6, 1)).set_index("kpi")
    # All of 2021's 2 and 182 of 2022's 365 days of its 3.
    assert mid_2022.loc["activities", "expected"] == pytest.approx(2 + 3 * 182 / 365)
    # Östersund's money has no target row: 100,000 a year from the agreement stands in.
    assert mid_2022.loc["ostersund_spending_sek", "expected"] == pytest.approx(
        100_000 + 100_000 * 182 / 365
    )
    # Before the period starts nothing is expected, so there is no status at all.
    assert before["status"].isna().all()


def test_targets_for_some_years_only_are_not_spread_over_the_rest(store, load):
    load(
        "targets",
        [["år", "nyckeltal", "målvärde"], [2021, "activities", 10], [2022, "activities", 10]],
    )
    with store.reading() as conn:
        board = kpis.headline(conn, kpis.Filters(), as_of=date(2030, 1, 1)).set_index("kpi")
    assert board.loc["activities", "target"] == 20
    assert board.loc["activities", "expected"] == pytest.approx(20)
    assert board.loc["ostersund_spending_sek", "target"] == 400_000


def test_breakdowns_add_up_to_the_headline(data):
    f = kpis.Filters()
    with data.reading() as conn:
        total = kpis.kpi(conn, "activities", f)
        by_status = kpis.activities_by(conn, f, "status").set_index("category")["activities"]
        by_year = kpis.activities_by_year(conn, f)
        by_size = kpis.smes_by(conn, f, "size_class")
    assert by_status.drop("cancelled").sum() == total
    assert by_year["activities"].sum() == total
    assert by_size["smes"].sum() == 4


def test_an_empty_store_gives_zeros_and_blanks_not_errors(store):
    with store.reading() as conn:
        values = kpis.kpi_values(conn, kpis.Filters())
    assert values["activities"] == 0 and values["leverage_ratio"] is None


def test_an_unknown_period_is_its_own_error(store):
    with store.reading() as conn, pytest.raises(kpis.UnknownPeriod):
        kpis.kpi_values(conn, kpis.Filters(period="1999-2002"))


def test_distinct_counts_take_the_highest_yearly_target_and_commitments_stand_in(data):
    with data.reading() as conn:
        targets = kpis.targets_for(conn, kpis.Filters())
        one_year = kpis.targets_for(conn, kpis.Filters(year=2022))
    # Distinct companies over four years are not the sum of four yearly counts.
    assert targets["smes_reached"] == 4
    # No target row for these: the agreement's commitments are the targets.
    assert targets["ostersund_spending_sek"] == 400_000
    assert one_year["ostersund_spending_sek"] == 100_000
    assert targets["staff_share_region"] == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("partners", "team_sweden", "council"),
    [
        ("Team Sweden", 1, 0),
        ("team-sweden, Bergen", 1, 0),
        ("Svenska UNESCO-rådet", 0, 1),
        ("Unescoradet", 0, 1),
        ("Swedish National Commission for UNESCO", 0, 1),
        ("Sweden Food Team", 0, 0),
        ("", 0, 0),
    ],
)
def test_partners_are_recognised_however_they_are_spelled(
    store, load, partners, team_sweden, council
):
    load(
        "activities",
        [
            ACTIVITY_HEADER,
            [
                "A1",
                "T",
                "information_marketing",
                "culture",
                "2022-01-01",
                "regional",
                "gemensam",
                "",
                "",
                "",
                partners,
                "completed",
            ],
        ],
    )
    with store.reading() as conn:
        values = kpis.kpi_values(conn, kpis.Filters())
    assert (values["team_sweden_activities"], values["unesco_council_followups"]) == (
        team_sweden,
        council,
    )


def test_a_company_counts_where_it_was_at_its_latest_activity(store, load):
    load(
        "activities",
        [
            ACTIVITY_HEADER,
            [
                "B1",
                "T",
                "information_marketing",
                "culture",
                "2022-01-01",
                "regional",
                "gemensam",
                "",
                "",
                "",
                "",
                "completed",
            ],
            [
                "A9",
                "T",
                "information_marketing",
                "culture",
                "2023-01-01",
                "regional",
                "gemensam",
                "",
                "",
                "",
                "",
                "completed",
            ],
            [
                "C5",
                "T",
                "information_marketing",
                "culture",
                "2024-01-01",
                "regional",
                "gemensam",
                "",
                "",
                "",
                "",
                "completed",
            ],
        ],
    )
    number = COMPANIES["c1"][0]
    # Östersund in 2022, moved to Åre in 2023 (id A9 sorts first), no municipality given in 2024.
    load(
        "sme_participation",
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "kommun", "bransch", "storlek"],
            ["B1", number, "F", "2380", "livsmedel", "mikro"],
            ["A9", number, "F", "2321", "livsmedel", "mikro"],
            ["C5", number, "F", "", "livsmedel", "mikro"],
            ["C5", COMPANIES["c4"][0], "G", "", "livsmedel", "mikro"],
        ],
    )
    with store.reading() as conn:
        summary = kpis.sme_summary(conn, kpis.Filters()).iloc[0]
    assert summary["smes_outside_ostersund"] == 1  # in Åre now
    # Of two companies one has no known municipality: the share is 1 of the 1 known.
    assert summary["smes_outside_ostersund_share"] == pytest.approx(1.0)


def test_a_party_that_reports_later_is_measured_against_its_own_months(store, load):
    load(
        "staff_time",
        [
            ["organisation", "månad", "timmar"],
            ["ostersund", "2021-01", 42.5],
            ["ostersund", "2021-02", 42.5],
            ["ostersund", "2021-03", 42.5],
            ["region", "2021-01", 42.5],
        ],
    )
    with store.reading() as conn:
        staff = kpis.staff_time(conn, kpis.Filters(year=2021)).set_index("organisation")
    assert staff.loc["ostersund", "months"] == 3 and staff.loc["region", "months"] == 1
    assert staff.loc["region", "share_of_full_time"] == pytest.approx(42.5 / (1700 / 12))


def test_figures_kept_on_a_reading_connection_are_each_callers_own_copy(store, load):
    # A reading connection keeps what it has read (kpis.remembered); that must not let one
    # caller's change reach the next, nor hide a write on a connection that writes.
    load("activities", [ACTIVITY_HEADER, ["A1", "Mässa", *ACTIVITIES[0][1:4], "regional",
                                          "gemensam", *ACTIVITIES[0][4:]]])  # fmt: skip
    with store.reading() as conn:
        first = kpis.activity_summary(conn, kpis.Filters())
        first["activities"] = 999  # a caller that changes its frame
        again = kpis.activity_summary(conn, kpis.Filters())
        periods = {kpis.period(conn, "2021-2024").period_id for _ in range(3)}
    assert again.loc[0, "activities"] == 1
    assert periods == {"2021-2024"}

    # A connection that writes reads afresh: what it wrote shows at once.
    with store.writing() as conn:
        before = kpis.activity_summary(conn, kpis.Filters()).loc[0, "activities"]
        conn.execute("insert into activities select * replace ('A2' as activity_id) "
                     "from activities where activity_id = 'A1'")  # fmt: skip
        after = kpis.activity_summary(conn, kpis.Filters()).loc[0, "activities"]
        conn.execute("rollback")
        conn.execute("begin transaction")
    assert (before, after) == (1, 2)


def test_reading_connections_on_one_store_version_share_what_they_read(store, load):
    # At a meeting thirty people open the same pages in two languages: each page run opens
    # its own reading connection, and they share the figures read on the same store version.
    # A write (here an import, then a change that leaves the file the same size) is a new
    # version: the next reader counts afresh.
    load("activities", [ACTIVITY_HEADER, ["A1", "Mässa", *ACTIVITIES[0][1:4], "regional",
                                          "gemensam", *ACTIVITIES[0][4:]]])  # fmt: skip
    reads = []

    def counted(conn):
        return kpis.remembered(conn, ("test", "count"), lambda: reads.append(1) or len(reads))

    with store.reading() as one, store.reading() as other:
        assert (counted(one), counted(other)) == (1, 1)
        assert kpis.activity_summary(other, kpis.Filters()).loc[0, "activities"] == 1
    with store.reading() as later:
        assert counted(later) == 1
    assert len(reads) == 1

    with store.writing() as conn:
        conn.execute("insert into activities select * replace ('A2' as activity_id) "
                     "from activities where activity_id = 'A1'")  # fmt: skip
    with store.reading() as conn:
        assert kpis.activity_summary(conn, kpis.Filters()).loc[0, "activities"] == 2
        assert counted(conn) == 2
    with store.writing() as conn:
        conn.execute("delete from activities where activity_id = 'A2'")
    with store.reading() as conn:
        assert kpis.activity_summary(conn, kpis.Filters()).loc[0, "activities"] == 1


def test_shared_reads_stay_within_their_memory_bound(store, load, monkeypatch):
    # A room changing filters must not grow the server without limit: past the bound the
    # oldest read goes, and is read again when asked for.
    load("activities", [ACTIVITY_HEADER, ["A1", "Mässa", *ACTIVITIES[0][1:4], "regional",
                                          "gemensam", *ACTIVITIES[0][4:]]])  # fmt: skip
    monkeypatch.setattr(kpis, "SHARED_READS_MB", 1)
    reads: list[str] = []

    def big(conn, name):
        def read():
            reads.append(name)
            return pd.DataFrame({"x": range(50_000)})  # 0.4 MB

        return kpis.remembered(conn, ("test", "big", name), read)

    with store.reading() as conn:
        for name in ("a", "b", "a", "c", "d", "a"):
            big(conn, name)
    # a and b fit (0.8 MB), a again comes from memory and becomes the newest; c pushes out
    # b, the oldest, and d pushes out a, so a is read again.
    assert reads.count("a") == 2
    assert reads == ["a", "b", "c", "d", "a"]
