"""The Staff time page as data (`uccn_data.pages.staff`), on a small hand-made record: the
yardstick in hours, the parties' cards, the finding in the chart's title, the alt text and the
table, a party that has reported nothing, and a reporting window without commitments, in both
languages, without a browser."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import charts
from uccn_data import reference as ref
from uccn_data.kpis import Filters
from uccn_data.pages import staff
from uccn_data.pages.model import Cards, Text

NBSP = "\u00a0"
FULL_TIME = 1600  # a store setting, not the default 1 700
# organisation, month, hours (as a coordinator's file writes them)
STAFF = [
    ("ostersund", "2022-01", "100"),
    ("ostersund", "2022-02", "120,5"),
    ("ostersund", "2022-03", "140"),
    ("region", "2022-01", "30"),
    ("region", "2022-03", "50"),
    ("ostersund", "2023-01", "50"),  # 2023: the Region has reported nothing
    ("ostersund", "2025-02", "10"),  # in the reporting window below
    ("region", "2025-02", "20"),
]
WINDOW = ref.AgreementPeriod(
    "2025-2026", date(2025, 1, 1), date(2026, 12, 31), None, None, False, "", "", "reporting"
)
NAMES = {"sv": ("Östersunds kommun", "Region Jämtland Härjedalen"), "en": ("Östersund Municipality", "Region Jämtland Härjedalen")}  # fmt: skip


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    store = Store(tmp_path_factory.mktemp("staff") / "uccn.duckdb")
    store.initialise()
    store.set_setting("full_time_hours", str(FULL_TIME))
    store.save_period(WINDOW)
    rows = [["organisation", "månad", "timmar"], *[list(r) for r in STAFF]]
    report = import_file(store, swedish_csv(rows), "staff_time.csv", "staff_time", user="test")
    assert report.ok, [p.message("en") for p in report.errors]
    with store.reading() as c:
        yield c


def page(conn, lang="sv", period="2021-2024", **filters):
    """The page built once per language and filters (pages are read only)."""
    key = (lang, Filters(period, **filters))
    if key not in BUILT:
        BUILT[key] = staff.build(conn, key[1], lang)
    return BUILT[key]


BUILT: dict = {}


def cards(built):
    return next(b for b in built.blocks if isinstance(b, Cards)).cards


# 2022: Östersund 100 + 120.5 + 140 = 360.5 h and the Region 30 + 50 = 80 h, both up to March,
# so each is measured against three months of a 1 600-hour year: 400 h, of which 30 % is 120 h.
OSTERSUND_2022, REGION_2022, AVAILABLE_2022 = 360.5, 80.0, FULL_TIME * 3 / 12


def test_the_yardstick_is_stated_in_hours_from_the_setting(conn):
    # 30 % of 1 600 hours is 480 hours a year, 40 a month.
    sv = page(conn, "sv", year=2022).texts()
    assert (
        f"En heltid räknas som 1{NBSP}600 timmar per år (en inställning i datalagret). "
        f"Åtagandet på 30{NBSP}% motsvarar 480 timmar per år, eller 40 timmar i månaden."
    ) in sv
    en = page(conn, "en", year=2022).texts()
    assert any(
        "1,600 hours" in s and "30% means 480 hours a year, or 40 hours a month" in s for s in en
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_party_has_a_card_with_its_share_status_and_hours(conn, lang):
    ostersund, region = cards(page(conn, lang, year=2022))
    assert [c.metrics[0].value for c in (ostersund, region)] == [
        # 360.5 / 400 = 90.125 %, 80 / 400 = 20 %
        f"90{NBSP}%" if lang == "sv" else "90%",
        f"20{NBSP}%" if lang == "sv" else "20%",
    ]
    # 90 % of the 30 % committed is on track; 20 % is two thirds of it: behind.
    assert ostersund.badge.text == {"sv": "I fas", "en": "On track"}[lang]
    assert region.badge.text == {"sv": "Efter", "en": "Behind"}[lang]
    # 2022 is over: twelve months could have been reported; Östersund reported 3, the Region 2.
    if lang == "sv":
        assert "Rapporterad för 3 av 12 månader" in ostersund.captions
        assert "Rapporterad för 2 av 12 månader" in region.captions
        assert ostersund.captions[-1] == (
            f"360,5 timmar under 3 månader; 30{NBSP}% motsvarar 120 timmar."
        )
        assert region.captions[-1] == f"80 timmar under 3 månader; 30{NBSP}% motsvarar 120 timmar."
    else:
        assert "Reported for 2 of 12 months" in region.captions
        assert ostersund.captions[-1] == "360.5 hours over 3 months; 30% means 120 hours."


def test_the_title_names_the_party_below_the_commitment_with_both_shares(conn):
    # One decimal in the title, so that 29.8 % is never read as 30 %: 90.1 % and 20.0 %.
    ostersund = f"{OSTERSUND_2022 / AVAILABLE_2022 * 100:.1f}"
    region = f"{REGION_2022 / AVAILABLE_2022 * 100:.1f}"
    assert (ostersund, region) == ("90.1", "20.0")
    title = page(conn, "sv", year=2022).chart("staff-monthly").title
    assert title == (
        f"Region Jämtland Härjedalen ligger under åtagandet på 30{NBSP}% av en heltid "
        f"(Östersunds kommun {ostersund.replace('.', ',')}{NBSP}%, "
        f"Region Jämtland Härjedalen {region.replace('.', ',')}{NBSP}%)"
    )
    title = page(conn, "en", year=2022).chart("staff-monthly").title
    assert title.startswith("Region Jämtland Härjedalen below the commitment of 30%")
    assert title.endswith(
        f"(Östersund Municipality {ostersund}%, Region Jämtland Härjedalen {region}%)"
    )


def test_the_alt_text_gives_each_partys_hours_against_what_was_expected(conn):
    alt = page(conn, "sv", year=2022).chart("staff-monthly").alt
    assert "en streckad linje vid 40 timmar per månad" in alt
    assert (
        "Östersunds kommun: 360,5 timmar under 3 månader mot förväntade 120 "
        "(rapporterad för 3 av 12 månader)"
    ) in alt
    assert "Region Jämtland Härjedalen: 80 timmar under 3 månader mot förväntade 120" in alt
    alt = page(conn, "en", year=2022).chart("staff-monthly").alt
    assert "Östersund Municipality: 360.5 hours over 3 months against 120 expected" in alt


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_table_lists_every_reported_month_with_the_monthly_line(conn, lang):
    chart = page(conn, lang, year=2022).chart("staff-monthly")
    assert (
        list(chart.table.columns)
        == {
            "sv": ["Månad", "Part", "Timmar", "Förväntade timmar per månad"],
            "en": ["Month", "Party", "Hours", "Expected hours per month"],
        }[lang]
    )
    names = dict(zip(ref.ORGANISATIONS, NAMES[lang], strict=True))
    in_2022 = sorted((month, o, h) for o, month, h in STAFF if month.startswith("2022"))
    expected = [(month, names[o], float(h.replace(",", "."))) for month, o, h in in_2022]
    shown = [tuple(r[:3]) for r in chart.table.itertuples(index=False)]
    assert shown == expected  # by month, then party
    assert chart.table.iloc[:, 3].tolist() == [pytest.approx(0.3 * FULL_TIME / 12)] * len(shown)
    # What the chart draws: the same rows, with the 30 % line at 40 hours a month.
    assert chart.options["target"] == pytest.approx(40)
    # The options are what the drawing takes: every month of the table is a marker.
    assert charts.svg(chart, lang).count("</title></circle>") + charts.svg(chart, lang).count(
        "</title></rect>"
    ) == len(shown)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_party_with_no_rows_is_not_reported_not_zero_and_not_below(conn, lang):
    built = page(conn, lang, year=2023)
    ostersund, region = cards(built)
    assert region.metrics[0].value == {"sv": "inga uppgifter", "en": "not reported"}[lang]
    assert region.badge.text == {"sv": "Inget läge: inga uppgifter", "en": "No status: not reported"}[lang]  # fmt: skip
    assert region.captions[-1] == {"sv": "Ingen arbetstid rapporterad", "en": "No staff time reported"}[lang]  # fmt: skip
    # Östersund: 50 h in the one month up to its report, of 1 600 / 12: 37.5 %, above 30 %.
    assert ostersund.badge.text == {"sv": "I fas", "en": "On track"}[lang]
    chart = built.chart("staff-monthly")
    region_name = NAMES[lang][1]
    if lang == "sv":
        assert chart.title == (
            f"{region_name} har inte rapporterat någon arbetstid för urvalet "
            f"(Östersunds kommun 37,5{NBSP}%, {region_name} inga uppgifter)"
        )
        assert f"{region_name}: ingen arbetstid rapporterad" in chart.alt
    else:
        assert chart.title.startswith(f"{region_name} has reported no staff time")
        assert f"{region_name}: no staff time reported" in chart.alt
    assert set(chart.table.iloc[:, 1]) == {NAMES[lang][0]}


def test_a_reporting_window_shows_the_hours_without_a_target(conn):
    built = page(conn, "en", period="2025-2026")
    assert any("The period has no commitment for staff time" in s for s in built.texts())
    chart = built.chart("staff-monthly")
    # Östersund 10 h and the Region 20 h in February 2025: no party is "below" a commitment
    # the window does not have.
    assert chart.title.startswith("Share of a full-time year the parties have given (")
    assert chart.title.endswith("; the period has no commitment")
    assert chart.options["target"] is None
    assert "against no commitment expected" in chart.alt
    assert [c.metrics[0].value for c in cards(built)] != ["not reported"] * 2
    assert chart.table["Hours"].tolist() == [10.0, 20.0]


def test_activity_filters_leave_staff_time_alone_and_say_so(conn):
    plain = page(conn, "sv", year=2022)
    themed = page(conn, "sv", year=2022, theme="gastronomy")
    note = "Arbetstiden rapporteras per part och månad, inte per aktivitet"
    assert any(isinstance(b, Text) and b.text.startswith(note) for b in themed.blocks)
    assert not any(s.startswith(note) for s in plain.texts())
    assert themed.chart("staff-monthly").table.equals(plain.chart("staff-monthly").table)
    assert themed.chart("staff-monthly").title == plain.chart("staff-monthly").title


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_scope_with_no_staff_time_is_a_friendly_empty_state(conn, lang):
    built = page(conn, lang, year=2021)
    assert not built.charts()
    assert not any(isinstance(b, Cards) for b in built.blocks)
    empty = {"sv": "Ingen arbetstid är rapporterad", "en": "No staff time has been reported"}
    info = [b.text for b in built.blocks if isinstance(b, Text) and b.style == "info"]
    assert len(info) == 1 and info[0].startswith(empty[lang])
    assert [b.text for b in staff.intro(lang)] == built.texts()[:2]
