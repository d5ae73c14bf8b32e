"""The SME and exchange page figures against an independent pandas computation.

A small hand-made data set goes in through the real import (Swedish headers and labels); the
expected frames are computed here from the same Python rows, never read back from the store.
It holds what the pages must get right: sole traders (whose numbers must come back masked),
a company that changed name and municipality, one from outside the county, one with no
municipality, a cancelled activity, exchanges without an activity and empty counts.
"""

from __future__ import annotations

import pandas as pd
import pytest

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.parsing import luhn_ok


def org(prefix: str) -> str:
    """A valid organisation number starting with `prefix` (9 digits): the Luhn digit added."""
    return next(prefix + str(d) for d in range(10) if luhn_ok(prefix + str(d)))


ACTIVITIES = [
    # id, area, theme, start, municipality, status
    ("A1", "information_marketing", "gastronomy", "2021-03-01", "2380", "completed"),
    ("A2", "competence_development", "gastronomy", "2021-09-10", "2321", "completed"),
    ("A3", "competence_development", "tourism", "2022-02-01", "2361", "completed"),
    ("A4", "strategic_development", "culture", "2022-05-05", "2380", "cancelled"),
    ("A5", "strategic_development", "sustainable_development", "2023-06-01", "2309", "completed"),
    ("A6", "competence_development", "gastronomy", "2024-01-15", "2380", "ongoing"),
    ("A7", "competence_development", "gastronomy", "2025-04-01", "2380", "planned"),
]
SOLE_1, SOLE_2 = org("850412123"), org("710101555")  # third digit 0/1: personal numbers
FIRM_1, FIRM_2, FIRM_3, FIRM_4 = (
    org("556036079"),
    org("556677889"),
    org("559012345"),
    org("969681303"),
)
SMES = [
    # activity, org number, name, municipality ("" = not given, "other" = outside the county)
    ("A1", SOLE_1, "Bageriet i Lit", "2380"),
    ("A1", FIRM_1, "Gamla namnet AB", "2380"),
    ("A1", FIRM_2, "Fjällsafari AB", "2321"),
    ("A2", SOLE_1, "Bageriet i Lit", "2380"),
    ("A2", SOLE_2, "Sundsvalls Keramik", "other"),
    ("A2", FIRM_2, "Fjällsafari AB", "2321"),
    ("A3", FIRM_3, "Okänd Ort AB", ""),
    ("A3", SOLE_1, "Bageriet i Lit", "2380"),
    ("A4", FIRM_2, "Fjällsafari AB", "2321"),  # cancelled: never counts
    ("A4", SOLE_2, "Sundsvalls Keramik", "other"),
    ("A5", FIRM_1, "Nya namnet AB", "2380"),  # renamed
    ("A5", FIRM_4, "Krokomgården HB", "2309"),
    ("A5", FIRM_2, "Fjällsafari AB", "2380"),  # moved to Östersund
    ("A6", FIRM_3, "Okänd Ort AB", ""),
    ("A6", FIRM_4, "Krokomgården HB", "2309"),
    ("A7", SOLE_2, "Sundsvalls Keramik", "other"),  # after the period
    ("A7", FIRM_4, "Krokomgården HB", "2309"),
]
EXCHANGES = [
    # id, activity, date, direction, city, country, participants, smes ("" = not given)
    ("E1", "A2", "2021-10-01", "utresande", "Bergen", "Norge", 6, 3),
    ("E2", "", "2022-03-03", "digital", "Parma", "IT", 10, 0),
    ("E3", "A5", "2023-06-02", "inkommande", "Tucson", "USA", 4, 2),
    ("E4", "", "2023-09-09", "utresande", "Reykjavik", "Island", 3, 1),
    ("E5", "A1", "2021-05-05", "digital", "Bergen", "NO", 5, ""),
    ("E6", "A3", "2022-08-08", "inkommande", "Trondheim", "Norge", "", 2),
    ("E7", "", "2025-01-01", "digital", "Bergen", "NO", 5, 0),
    ("E8", "A4", "2022-06-01", "utresande", "Alba", "Italien", 2, 1),
]
COUNTRY = {"Norge": "NO", "NO": "NO", "IT": "IT", "Italien": "IT", "USA": "US", "Island": "IS"}
DIRECTION = {"utresande": "outbound", "inkommande": "inbound", "digital": "digital"}


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
                "kommun",
                "status",
            ],
            *[
                [a, f"Aktivitet {a}", area, theme, start, "regional", "gemensam", mun, status]
                for a, area, theme, start, mun, status in ACTIVITIES
            ],
        ],
    )
    load(
        "sme_participation",
        [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "kommun", "bransch", "storlek"],
            *[
                [a, number, name, "annan" if mun == "other" else mun, "livsmedel", "mikro"]
                for a, number, name, mun in SMES
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
                "deltagare",
                "antal_företag",
            ],
            *[list(e) for e in EXCHANGES],
        ],
    )
    return store


SCOPES = [
    ("whole period", kpis.Filters(), "2021-01-01", "2024-12-31", {}),
    ("2022", kpis.Filters(year=2022), "2022-01-01", "2022-12-31", {}),
    (
        "competence development",
        kpis.Filters(framework_area="competence_development"),
        "2021-01-01",
        "2024-12-31",
        {"area": "competence_development"},
    ),
    (
        "gastronomy",
        kpis.Filters(theme="gastronomy"),
        "2021-01-01",
        "2024-12-31",
        {"theme": "gastronomy"},
    ),
    ("Östersund", kpis.Filters(municipality="2380"), "2021-01-01", "2024-12-31", {"mun": "2380"}),
    ("Åre", kpis.Filters(municipality="2321"), "2021-01-01", "2024-12-31", {"mun": "2321"}),
    (
        "strategic development 2023",
        kpis.Filters(year=2023, framework_area="strategic_development"),
        "2023-01-01",
        "2023-12-31",
        {"area": "strategic_development"},
    ),
]
IDS = [s[0] for s in SCOPES]


def activities_in(lo: str, hi: str, scope: dict[str, str]) -> pd.DataFrame:
    acts = pd.DataFrame(ACTIVITIES, columns=["id", "area", "theme", "start", "mun", "status"])
    keep = (acts["start"] >= lo) & (acts["start"] <= hi)
    if "area" in scope:
        keep &= acts["area"] == scope["area"]
    if "theme" in scope:
        keep &= acts["theme"] == scope["theme"]
    return acts[keep]


def participations(lo: str, hi: str, scope: dict[str, str]) -> pd.DataFrame:
    """SME rows of counted activities; the municipality filter is the company's own."""
    acts = activities_in(lo, hi, scope)
    counted = acts.loc[acts["status"] != "cancelled", "id"]
    rows = pd.DataFrame(SMES, columns=["act", "org", "name", "mun"])
    rows = rows[rows["act"].isin(counted)]
    if "mun" in scope:
        rows = rows[rows["mun"] == scope["mun"]]
    return rows


def masked(number: str) -> str:
    return number[:6] + ("-****" if number[2] in "01" else "-" + number[6:])


def exchanges_in(lo: str, hi: str, scope: dict[str, str]) -> pd.DataFrame:
    """Exchanges by date; area, theme and municipality through the linked activity, whatever
    its status (as the exchange key figures count them)."""
    ex = pd.DataFrame(
        EXCHANGES, columns=["id", "act", "date", "dir", "city", "country", "n", "smes"]
    )
    ex = ex[(ex["date"] >= lo) & (ex["date"] <= hi)].copy()
    acts = pd.DataFrame(ACTIVITIES, columns=["act", "area", "theme", "start", "amun", "status"])
    ex = ex.merge(acts, on="act", how="left")
    for key, column in (("area", "area"), ("theme", "theme"), ("mun", "amun")):
        if key in scope:
            ex = ex[ex[column] == scope[key]]
    ex["direction"] = ex["dir"].map(DIRECTION)
    ex["partner_country"] = ex["country"].map(COUNTRY)
    ex["year"] = ex["date"].str[:4]
    for column in ("n", "smes"):  # (v2) an empty count is unknown: it adds nothing
        ex[column] = pd.to_numeric(ex[column], errors="coerce")
    return ex


@pytest.mark.parametrize(("label", "filters", "lo", "hi", "scope"), SCOPES, ids=IDS)
def test_smes_reached_more_than_once(data, label, filters, lo, hi, scope):
    rows = participations(lo, hi, scope).sort_values("act")
    want = [
        {
            "org_number": masked(number),
            "company_name": part["name"].iloc[-1],  # the latest activity's name stands
            "municipality": part["mun"].iloc[-1],
            "activities": len(part),
        }
        for number, part in rows.groupby("org")
        if len(part) > 1
    ]
    with data.reading() as conn:
        got = kpis.smes_reached_more_than_once(conn, filters)
        repeat = kpis.sme_summary(conn, filters)["smes_repeat"].iloc[0]
    assert len(got) == repeat  # the list is exactly the card's companies
    key = ["org_number"]
    expected = pd.DataFrame(want, columns=list(got.columns)).sort_values(key, ignore_index=True)
    assert got.sort_values(key, ignore_index=True).to_dict("records") == expected.to_dict("records")
    # Ordered by activities, most first.
    assert list(got["activities"]) == sorted(got["activities"], reverse=True)


def test_the_repeat_list_masks_sole_traders_and_keeps_firms_whole(data):
    with data.reading() as conn:
        got = kpis.smes_reached_more_than_once(conn, kpis.Filters()).set_index("company_name")
    assert got.loc["Bageriet i Lit", "org_number"] == SOLE_1[:6] + "-****"
    assert got.loc["Nya namnet AB", "org_number"] == f"{FIRM_1[:6]}-{FIRM_1[6:]}"
    assert got.loc["Fjällsafari AB", "municipality"] == "2380"  # where it is based now
    assert got.loc["Okänd Ort AB", "municipality"] == ""
    text = got.to_csv()
    assert SOLE_1 not in text and SOLE_1[6:] not in text


@pytest.mark.parametrize(("label", "filters", "lo", "hi", "scope"), SCOPES, ids=IDS)
def test_smes_by_municipality(data, label, filters, lo, hi, scope):
    rows = participations(lo, hi, scope)
    counts = rows.groupby("mun")["org"].nunique()
    extra = [c for c in (ref.OTHER_MUNICIPALITY, "") if c in counts.index]
    codes = list(ref.MUNICIPALITY_CODES) + extra
    want = {code: int(counts.get(code, 0)) for code in codes}
    with data.reading() as conn:
        got = kpis.smes_by_municipality(conn, filters)
    assert list(got["municipality"]) == codes  # all eight on the map, then those off it
    assert dict(zip(got["municipality"], got["smes"], strict=True)) == want


@pytest.mark.parametrize("dimension", kpis.EXCHANGE_DIMENSIONS)
@pytest.mark.parametrize(("label", "filters", "lo", "hi", "scope"), SCOPES, ids=IDS)
def test_exchanges_by(data, label, filters, lo, hi, scope, dimension):
    ex = exchanges_in(lo, hi, scope)
    # (v2) A category where no exchange reports participants (or SMEs) has none to sum:
    # unknown, not 0.
    want = (
        ex.groupby(dimension)
        .agg(
            exchanges=("id", "size"),
            participants=("n", lambda n: n.sum(min_count=1)),
            smes_involved=("smes", lambda n: n.sum(min_count=1)),
        )
        .to_dict("index")
    )
    with data.reading() as conn:
        got = kpis.exchanges_by(conn, filters, dimension)
        summary = kpis.exchange_summary(conn, filters).iloc[0]

    def plain(row: dict[str, object]) -> dict[str, object]:
        return {k: None if pd.isna(v) else int(v) for k, v in row.items()}

    assert {k: plain(v) for k, v in got.set_index("category").to_dict("index").items()} == {
        k: plain(v) for k, v in want.items()
    }
    assert got["exchanges"].sum() == summary["exchanges"]
    if dimension == "year":
        assert list(got["category"]) == sorted(got["category"])
    else:
        assert list(got["exchanges"]) == sorted(got["exchanges"], reverse=True)
    if dimension == "direction":
        for direction, row in got.set_index("category").iterrows():
            assert row["exchanges"] == summary[f"exchanges_{direction}"]


def test_exchanges_by_refuses_an_unknown_dimension(data):
    with data.reading() as conn, pytest.raises(ValueError, match="unknown exchange dimension"):
        kpis.exchanges_by(conn, kpis.Filters(), "partner_city; drop table exchanges")


def test_the_new_figures_are_empty_frames_on_an_empty_store(store):
    with store.reading() as conn:
        assert kpis.smes_reached_more_than_once(conn, kpis.Filters()).empty
        assert kpis.smes_by_municipality(conn, kpis.Filters())["smes"].sum() == 0
        for dimension in kpis.EXCHANGE_DIMENSIONS:
            assert kpis.exchanges_by(conn, kpis.Filters(), dimension).empty
