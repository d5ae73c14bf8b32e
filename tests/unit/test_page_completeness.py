"""Datakvalitet / Data completeness (issue 15): on the demo store, whose region has not
reported November and December 2023, the page names those months, counts what is reported,
and lists the activities without participants, each checked against the store directly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from uccn_data.kpis import Filters
from uccn_data.pages import completeness, overview
from uccn_data.pages.model import Cards, Page, Table, Text
from uccn_data.store import Store

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo(demo_template: Path) -> Store:
    return Store(demo_template)


def build(store: Store, f: Filters, lang: str) -> Page:
    with store.reading() as conn:
        return completeness.build(conn, f, lang, today=TODAY)


def table(page: Page, key: str):
    return next(b.frame for b in page.blocks if isinstance(b, Table) and b.key == key)


def metrics(page: Page) -> dict[str, str]:
    return {
        m.label: m.value
        for b in page.blocks
        if isinstance(b, Cards)
        for card in b.cards
        for m in card.metrics
    }


def test_the_months_a_party_left_out_are_named_and_counted(demo: Store) -> None:
    page = build(demo, Filters(), "sv")
    staff = table(page, "completeness-staff").set_index("Part")
    assert staff.loc["Region Jämtland Härjedalen", "Avslutade månader utan arbetstid"] == (
        "november 2023, december 2023"
    )
    assert staff.loc["Östersunds kommun", "Avslutade månader utan arbetstid"] == "ingen saknas"
    shown = metrics(page)
    assert shown["Månader med arbetstid: Region Jämtland Härjedalen"] == "46 av 48"
    assert shown["Månader med arbetstid: Östersunds kommun"] == "48 av 48"
    assert (
        "Arbetstiden är rapporterad av båda parter utan luckor till och med oktober 2023."
        in page.texts()
    )
    year = build(demo, Filters(year=2023), "en")
    assert metrics(year)["Months with staff time: Region Jämtland Härjedalen"] == "10 of 12"
    assert "Both parties' staff time is reported without gaps through October 2023." in (
        year.texts()
    )


def test_activities_without_participants_are_listed_as_the_store_holds_them(demo: Store) -> None:
    with demo.reading() as conn:
        expected = sorted(
            r[0]
            for r in conn.execute(
                "select activity_id from activities where participants is null "
                "and status <> 'cancelled' and start_date <= date '2024-12-31' "
                "and coalesce(end_date, start_date) >= date '2021-01-01'"
            ).fetchall()
        )
    page = build(demo, Filters(), "sv")
    gaps = table(page, "completeness-gaps")
    listed = sorted(gaps.loc[gaps["Saknas"] == "Aktiviteter utan deltagarantal", "ID"])
    assert expected and listed == expected
    assert metrics(page)["Aktiviteter utan deltagarantal"] == str(len(expected))


def test_the_last_import_of_every_table_and_the_cities_of_unknown_membership(
    demo: Store,
) -> None:
    page = build(demo, Filters(), "en")
    imports = table(page, "completeness-imports")
    assert list(imports["Table"]) == [
        "Activities", "SMEs", "Exchanges", "Spending", "Staff time", "Targets", "Outcomes",
    ]  # fmt: skip
    assert all(len(at) == 16 for at in imports["Last import"])  # 2026-12-01 06:38, Swedish time
    with demo.reading() as conn:
        unknown = {
            r[0]
            for r in conn.execute(
                "select c from (select unnest(partner_city) c, unnest(partner_members) m "
                "from exchanges where partner_type = 'city' and date <= date '2024-12-31' "
                "and date >= date '2021-01-01') group by lower(c), c having bool_or(m) is null"
            ).fetchall()
        }
    assert set(table(page, "completeness-cities")["City"]) == unknown


def test_an_empty_store_lists_every_month_as_missing_and_no_import(empty_template: Path) -> None:
    page = build(Store(empty_template), Filters(year=2024), "sv")
    assert metrics(page)["Månader med kostnadsrader"] == "0 av 12"
    assert set(table(page, "completeness-imports")["Senaste import"]) == {"aldrig"}
    assert "Arbetstiden saknas redan för januari 2024, den första månaden i urvalet." in (
        page.texts()
    )


def test_the_overview_says_how_current_the_record_is(demo: Store) -> None:
    with demo.reading() as conn:
        page = overview.build(conn, Filters(), "sv")
    captions = [b.text for b in page.blocks if isinstance(b, Text) and b.style == "caption"]
    assert "Arbetstiden är rapporterad av båda parter utan luckor till och med oktober 2023." in (
        captions
    )
