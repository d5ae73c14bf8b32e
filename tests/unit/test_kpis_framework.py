"""The framework page's figures against an independent pandas computation on hand-made rows.

The rows go in through the real import (Swedish headers and labels); what each function should
return is computed here from the same Python rows, never read back from the store.
"""

from __future__ import annotations

import pandas as pd
import pytest

from uccn_data import kpis

HEADER = [
    "aktivitet_id",
    "titel",
    "ramaktivitet",
    "tema",
    "startdatum",
    "slutdatum",
    "nivå",
    "ansvarig",
    "kommun",
    "deltagare",
    "sdg11",
    "partner",
    "status",
    "beskrivning",
]
ROWS = [
    # id, area, theme, start, end, level, municipality, participants, sdg11, partners, status,
    # description
    ("F1", "Information och marknadsföring", "mat", "2021-02-01", "2021-02-03", "regional",
     "Östersund", 20, "11.4", "Team Sweden", "genomförd", "Mässa om lokal mat"),
    ("F2", "kompetensutveckling", "kultur", "2021-05-10", "", "nationell",
     "2321", 35, "11.4 11.a", "", "genomförd", ""),
    ("F3", "competence_development", "gastronomy", "2021-11-01", "2022-01-15", "internationell",
     "", "", "", "Bergen", "inställd", "Resan ställdes in"),
    ("F4", "kompetensutveckling", "turism", "2022-03-01", "2022-03-01", "regional",
     "2361", 12, "11.3", "Svenska Unescorådet", "pågående", "Guideutbildning"),
    ("F5", "strategisk utveckling", "hållbar utveckling", "2022-06-01", "", "internationell",
     "2380", 8, "11.6;11.a", "Parma", "planerad", ""),
    ("F6", "strategisk utveckling", "kultur", "2023-09-09", "2023-09-30", "nationell",
     "2380", "", "", "", "genomförd", "Workshop med **fetstil** och <b>tagg</b>"),
    ("F7", "information och marknadsföring", "mat", "2024-12-31", "", "regional",
     "2309", 5, "11.4", "", "inställd", ""),
    ("F8", "kompetensutveckling", "mat", "2025-02-01", "", "regional",
     "2380", 50, "11.4", "", "planerad", ""),
]  # fmt: skip
AREAS = {
    "information och marknadsföring": "information_marketing",
    "kompetensutveckling": "competence_development",
    "competence_development": "competence_development",
    "strategisk utveckling": "strategic_development",
}
THEMES = {
    "mat": "gastronomy",
    "gastronomy": "gastronomy",
    "kultur": "culture",
    "turism": "tourism",
    "hållbar utveckling": "sustainable_development",
}
LEVELS = {"regional": "regional", "nationell": "national", "internationell": "international"}
STATUSES = {
    "genomförd": "completed",
    "inställd": "cancelled",
    "pågående": "ongoing",
    "planerad": "planned",
}
MUNICIPALITIES = {"Östersund": "2380"}


@pytest.fixture(scope="module")
def data(module_store, module_load):
    """Built once for the module (one import per table): the tests only read it."""
    store, load = module_store, module_load
    rows = [[r[0], f"Aktivitet {r[0]}", *r[1:6], "gemensam", *r[6:]] for r in ROWS]
    load("activities", [HEADER, *rows])
    return store


def activities() -> pd.DataFrame:
    """The rows as the store should understand them, computed without the store."""
    frame = pd.DataFrame(
        ROWS,
        columns=[
            "id", "area", "theme", "start", "end", "level", "mun", "n", "sdg", "partners",
            "status", "description",
        ],
    )  # fmt: skip
    frame["area"] = frame["area"].str.lower().map(AREAS)
    frame["theme"] = frame["theme"].map(THEMES)
    frame["level"] = frame["level"].map(LEVELS)
    frame["status"] = frame["status"].map(STATUSES)
    frame["mun"] = frame["mun"].replace(MUNICIPALITIES)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"].replace("", None))
    frame["n"] = pd.to_numeric(frame["n"].replace("", None))
    frame["targets"] = frame["sdg"].str.replace(";", " ").str.split()
    return frame


def in_scope(lo: str, hi: str, area: str | None = None, mun: str | None = None) -> pd.DataFrame:
    frame = activities()
    frame = frame[(frame["start"] >= lo) & (frame["start"] <= hi)]
    if area:
        frame = frame[frame["area"] == area]
    if mun:
        frame = frame[frame["mun"] == mun]
    return frame


SCOPES = [
    ("whole period", kpis.Filters(), ("2021-01-01", "2024-12-31")),
    ("2021", kpis.Filters(year=2021), ("2021-01-01", "2021-12-31")),
    ("2023", kpis.Filters(year=2023), ("2023-01-01", "2023-12-31")),
    (
        "competence development",
        kpis.Filters(framework_area="competence_development"),
        ("2021-01-01", "2024-12-31", "competence_development"),
    ),
    ("Östersund", kpis.Filters(municipality="2380"), ("2021-01-01", "2024-12-31", None, "2380")),
    ("2024, only a cancelled one", kpis.Filters(year=2024), ("2024-01-01", "2024-12-31")),
]
IDS = [s[0] for s in SCOPES]


@pytest.mark.parametrize(("label", "filters", "scope"), SCOPES, ids=IDS)
def test_framework_summary_matches_pandas(data, label, filters, scope):
    scoped = in_scope(*scope)
    counted = scoped[scoped["status"] != "cancelled"]
    areas = [filters.framework_area] if filters.framework_area else list(AREAS.values())
    with data.reading() as conn:
        got = kpis.framework_summary(conn, filters)
    assert list(got["framework_area"]) == list(dict.fromkeys(areas)), "every area, in order"
    for row in got.itertuples():
        mine = counted[counted["area"] == row.framework_area]
        aligned = int((mine["targets"].map(len) > 0).sum())
        assert row.activities == len(mine)
        assert row.activities_completed == int((mine["status"] == "completed").sum())
        # (v2) unknown when no activity in the area reports participants, never 0
        known = mine["n"].dropna()
        if len(known):
            assert row.participants == int(known.sum())
        else:
            assert pd.isna(row.participants)
        assert row.sdg11_aligned == aligned
        if len(mine):
            assert row.sdg11_aligned_share == pytest.approx(aligned / len(mine))
        else:
            assert pd.isna(row.sdg11_aligned_share)


def test_framework_summary_agrees_with_the_headline(data):
    with data.reading() as conn:
        summary = kpis.framework_summary(conn, kpis.Filters())
        values = kpis.kpi_values(conn, kpis.Filters())
    assert summary["activities"].sum() == values["activities"]
    assert summary["activities_completed"].sum() == values["activities_completed"]


@pytest.mark.parametrize("dimension", kpis.FRAMEWORK_DIMENSIONS)
@pytest.mark.parametrize(("label", "filters", "scope"), SCOPES, ids=IDS)
def test_activities_by_area_matches_pandas(data, label, filters, scope, dimension):
    scoped = in_scope(*scope)
    if dimension != "status":  # cancelled activities only show in the status breakdown
        scoped = scoped[scoped["status"] != "cancelled"]
    want = scoped.groupby(["area", dimension]).size().to_dict()
    with data.reading() as conn:
        got = kpis.activities_by_area(conn, filters, dimension)
    assert list(got.columns) == ["framework_area", "category", "activities"]
    assert got.set_index(["framework_area", "category"])["activities"].to_dict() == want


def test_activities_by_area_refuses_an_unknown_dimension(data):
    with data.reading() as conn, pytest.raises(ValueError, match="lead; drop"):
        kpis.activities_by_area(conn, kpis.Filters(), "lead; drop")


@pytest.mark.parametrize(("label", "filters", "scope"), SCOPES, ids=IDS)
def test_activity_list_matches_pandas(data, label, filters, scope):
    want = in_scope(*scope).sort_values(["start", "id"])
    with data.reading() as conn:
        got = kpis.activity_list(conn, filters)
    assert list(got["activity_id"]) == list(want["id"])  # cancelled ones included
    assert list(got["framework_area"]) == list(want["area"])
    assert list(got["status"]) == list(want["status"])
    assert list(got["start_date"]) == list(want["start"])
    assert got["end_date"].isna().tolist() == want["end"].isna().tolist()
    assert list(got["end_date"].dropna()) == list(want["end"].dropna())
    assert list(got["sdg11_targets"]) == [", ".join(t) for t in want["targets"]]
    assert list(got["partners"]) == list(want["partners"])
    assert list(got["description"]) == list(want["description"])
    assert [None if pd.isna(n) else int(n) for n in got["participants"]] == [
        None if pd.isna(n) else int(n) for n in want["n"]
    ]


def test_activity_list_keeps_text_as_it_was_written(data):
    with data.reading() as conn:
        got = kpis.activity_list(conn, kpis.Filters(year=2023)).set_index("activity_id")
    assert got.loc["F6", "description"] == "Workshop med **fetstil** och <b>tagg</b>"


def test_an_empty_store_gives_zero_rows_and_no_errors(store):
    with store.reading() as conn:
        summary = kpis.framework_summary(conn, kpis.Filters())
        by_theme = kpis.activities_by_area(conn, kpis.Filters(), "theme")
        listed = kpis.activity_list(conn, kpis.Filters())
    assert summary["activities"].tolist() == [0, 0, 0]
    assert summary["sdg11_aligned_share"].isna().all()
    assert by_theme.empty and listed.empty
