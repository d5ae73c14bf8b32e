"""The budget and staff pages' figures against an independent computation on hand-made rows.

The rows go in through the real import (Swedish headers and labels); the expected values
are computed here from the same Python rows, never read back from the store.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import copy_store
from uccn_data import kpis
from uccn_data import reference as ref

ACTIVITIES = [
    # id, framework area, start
    ("A1", "information_marketing", "2021-03-01"),
    ("A2", "competence_development", "2022-05-01"),
]
SPENDING = [
    # id, date, amount as typed, funder as typed, category, activity
    ("S1", "2021-03-01", "60 000 kr", "Östersunds kommun", "evenemang", "A1"),
    ("S2", "2021-11-01", "45 500,50", "Östersunds kommun", "resor", ""),
    ("S3", "2021-11-01", "120 000", "extern", "projekt", "A1"),
    ("S4", "2022-06-01", "80 000", "Östersunds kommun", "personal", "A2"),
    ("S5", "2022-06-01", "30 000", "Region Jämtland Härjedalen", "marknadsföring", ""),
    ("S6", "2023-06-01", "100 000", "extern", "projekt", "A2"),
    ("S7", "2025-02-01", "99 000", "Östersunds kommun", "övrigt", ""),
]
FUNDER_KEYS = {
    "Östersunds kommun": "ostersund",
    "Region Jämtland Härjedalen": "region",
    "extern": "external",
}


@pytest.fixture(scope="module")
def data(module_store, module_load):
    """Built once for the module (one import per table): the tests only read it."""
    store, load = module_store, module_load
    load(
        "activities",
        [
            [
                "aktivitet_id",
                "titel",
                "ramaktivitet",
                "tema",
                "startdatum",
                "nivå",
                "ansvarig",
                "status",
            ],
            *[
                [a, a, area, "kultur", start, "regional", "gemensam", "genomförd"]
                for a, area, start in ACTIVITIES
            ],
        ],
    )
    load(
        "spending",
        [
            ["post_id", "datum", "belopp", "finansiär", "kategori", "aktivitet_id"],
            *[list(s) for s in SPENDING],
        ],
    )
    return store


def spending() -> pd.DataFrame:
    frame = pd.DataFrame(SPENDING, columns=["id", "date", "amount", "funder", "category", "act"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["amount"] = [
        float(a.removesuffix(" kr").replace(" ", "").replace(",", ".")) for a in frame["amount"]
    ]
    frame["funder"] = frame["funder"].map(FUNDER_KEYS)
    return frame


def expected_money(lo: str, hi: str, years: int, area: str | None = None) -> dict[str, float]:
    frame = spending()
    frame = frame[(frame["date"] >= lo) & (frame["date"] <= hi)]
    if area:
        # Spending reaches an area filter only through its activity.
        in_area = {a for a, a_area, _ in ACTIVITIES if a_area == area}
        frame = frame[frame["act"].isin(in_area)]
    by_funder = frame.groupby("funder")["amount"].sum()
    # (v2) A funder with no rows in scope is unknown, not 0 kr.
    ostersund = by_funder.get("ostersund")
    external = by_funder.get("external")
    return {
        "ostersund_sek": ostersund,
        "region_sek": by_funder.get("region"),
        "external_sek": external,
        "total_sek": frame["amount"].sum() if len(frame) else None,
        "commitment_sek": 100_000.0 * years,
        "share_of_commitment": ostersund / (100_000.0 * years) if ostersund is not None else None,
        "leverage_ratio": external / ostersund if external is not None and ostersund else None,
    }


SCOPES = [
    ("whole period", kpis.Filters(), "2021-01-01", "2024-12-31", 4, None),
    ("2021", kpis.Filters(year=2021), "2021-01-01", "2021-12-31", 1, None),
    ("2023: external only", kpis.Filters(year=2023), "2023-01-01", "2023-12-31", 1, None),
    ("2024: nothing", kpis.Filters(year=2024), "2024-01-01", "2024-12-31", 1, None),
    (
        "one framework area",
        kpis.Filters(framework_area="competence_development"),
        "2021-01-01",
        "2024-12-31",
        4,
        "competence_development",
    ),
    ("renewal", kpis.Filters(period="2025-2028"), "2025-01-01", "2028-12-31", 4, None),
]


@pytest.mark.parametrize(
    ("label", "filters", "lo", "hi", "years", "area"), SCOPES, ids=[s[0] for s in SCOPES]
)
def test_money_summary_matches_an_independent_computation(
    data, tmp_path, label, filters, lo, hi, years, area
):
    store = data
    if filters.period == "2025-2028":
        store = copy_store(data, tmp_path)  # the others read the data without the renewal
        store.save_period(ref.EXAMPLE_RENEWAL_2025_2028)
    want = expected_money(lo, hi, years, area)
    with store.reading() as conn:
        got = kpis.money_summary(conn, filters)
    assert len(got) == 1
    row = got.iloc[0]
    for key, value in want.items():
        if value is None:
            assert row[key] is None or pd.isna(row[key]), key
        else:
            assert row[key] == pytest.approx(value), key


def test_money_summary_agrees_with_the_headline_figures(data):
    with data.reading() as conn:
        row = kpis.money_summary(conn, kpis.Filters()).iloc[0]
        values = kpis.kpi_values(conn, kpis.Filters())
    assert row["ostersund_sek"] == pytest.approx(values["ostersund_spending_sek"])
    assert row["external_sek"] == pytest.approx(values["external_funding_sek"])
    assert row["leverage_ratio"] == pytest.approx(values["leverage_ratio"])


def test_money_summary_of_an_empty_store_is_unknown_not_zero(store):
    """(v2) No spending rows: the money is not reported, so no 0 kr and no share."""
    with store.reading() as conn:
        row = kpis.money_summary(conn, kpis.Filters()).iloc[0]
    assert row["commitment_sek"] == 400_000
    for key in ("total_sek", "ostersund_sek", "share_of_commitment", "leverage_ratio"):
        assert row[key] is None or pd.isna(row[key]), key
    assert (row["years_reported"], row["years"]) == (0, 4)


@pytest.mark.parametrize("full_time", [None, "1600", "1 720.5"])
def test_staff_commitment_follows_the_full_time_setting(store, full_time):
    if full_time is not None:
        store.set_setting("full_time_hours", full_time.replace(" ", ""))
    hours = 1700.0 if full_time is None else float(full_time.replace(" ", ""))
    with store.reading() as conn:
        got = kpis.staff_commitment(conn, kpis.Filters(year=2022))
    assert got.to_dict("records") == [
        {
            "full_time_hours": pytest.approx(hours),
            "committed_share": pytest.approx(0.30),
            "expected_hours_per_year": pytest.approx(0.30 * hours),
            "expected_hours_per_month": pytest.approx(0.30 * hours / 12),
        }
    ]


def test_staff_commitment_matches_the_monthly_line_of_staff_time(store, load):
    load("staff_time", [["organisation", "månad", "timmar"], ["region", "2022-03", "40"]])
    store.set_setting("full_time_hours", "1600")
    with store.reading() as conn:
        line = kpis.staff_time_by_month(conn, kpis.Filters())["expected_hours"].iloc[0]
        setting = kpis.staff_commitment(conn, kpis.Filters()).iloc[0]
    assert setting["expected_hours_per_month"] == pytest.approx(line) == pytest.approx(40.0)
