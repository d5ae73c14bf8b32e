"""The Staff time page in real Streamlit: hours per party and month against the 30 % line."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import i18n
from tests.app.conftest import drawn_charts, open_chart_data, svg_charts
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reports.texts import figure as format_value


def monthly_table(at, lang: str) -> pd.DataFrame:
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
    headers = [i18n.t(f"staff.col_{c}", lang) for c in ("month", "party", "hours", "expected")]
    found = [d.value for d in at.dataframe if list(d.value.columns) == headers]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0].reset_index(drop=True).set_axis(["month", "party", "hours", "expected"], axis=1)


def expected_table(monthly: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": monthly["month"].dt.strftime("%Y-%m"),
            "party": [i18n.label(ref.ORGANISATIONS, o, lang) for o in monthly["organisation"]],
            "hours": monthly["hours"],
            "expected": monthly["expected_hours"],
        }
    )


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_page_shows_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "staff", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("staff.heading", lang)
    f = kpis.Filters()
    with demo_store.reading() as conn:
        monthly = kpis.staff_time_by_month(conn, f)
        given = kpis.staff_time(conn, f).set_index("organisation")
        values = kpis.kpi_values(conn, f)
        full_time = kpis.full_time_hours(conn)

    shown = {m.label: m.value for m in at.metric}
    for organisation in ref.ORGANISATIONS:
        key = f"staff_share_{organisation}"
        assert shown[KPI_DEFINITIONS[key].name(lang)] == format_value(key, values[key], lang)
        assert values[key] == pytest.approx(given.loc[organisation, "share_of_full_time"])

    pd.testing.assert_frame_equal(
        monthly_table(at, lang), expected_table(monthly, lang), check_dtype=False
    )
    # The full-time year is shown, so the 30 % line can be checked by a reader.
    assert any(i18n.number(full_time, lang) in m.value for m in at.markdown)
    # The heading states the finding, with both parties' shares.
    heading = at.subheader[0].value
    for organisation in ref.ORGANISATIONS:
        share = i18n.percent(given.loc[organisation, "share_of_full_time"], lang, 1)
        assert f"{i18n.label(ref.ORGANISATIONS, organisation, lang)} {share}" in heading
    met = (given["share_of_full_time"] >= given["committed_share"]).all()
    start = i18n.t("staff.title_met", lang, share="§", shares="§").split("§")[0]
    assert heading.startswith(start) == met
    assert drawn_charts(at) == ["chart-staff-monthly"]
    # Drawn as SVG: each party's hours per month in its marker's hover text, and the
    # commitment as a labelled line, which a reader checks against the lines.
    drawing = svg_charts(at)["staff-monthly"]
    for r in expected_table(monthly, lang).itertuples():
        hours = i18n.number(r.hours, lang, 0 if float(r.hours).is_integer() else 1)
        assert f"<title>{r.party}, {r.month}: {hours}</title>" in drawing
    target = re.search(r'stroke-dasharray="8 5"/><rect [^>]*/><text [^>]*>([^<]+)</text>', drawing)
    assert target and i18n.number(full_time * 0.3 / 12, lang, 1) in target[1]
    assert [d.key for d in at.get("download_button")] == ["download-staff-monthly"]
    alt = next(c.value for c in at.caption if c.value.startswith(i18n.t("chart.alt_prefix", lang)))
    hours = float(given.loc["ostersund", "hours"])
    assert i18n.number(hours, lang, 0 if hours.is_integer() else 1) in alt  # half hours kept


def test_a_year_in_the_link_changes_the_numbers(demo_store, open_page):
    at = open_page(demo_store.path, "staff", year="2022")
    assert not at.exception, at.exception
    with demo_store.reading() as conn:
        monthly = kpis.staff_time_by_month(conn, kpis.Filters(year=2022))
        share = kpis.kpi(conn, "staff_share_region", kpis.Filters(year=2022))
        whole = kpis.kpi(conn, "staff_share_region", kpis.Filters())
    shown = monthly_table(at, "sv")
    assert set(shown["month"].str[:4]) == {"2022"}
    pd.testing.assert_frame_equal(shown, expected_table(monthly, "sv"), check_dtype=False)
    assert share != whole
    label = KPI_DEFINITIONS["staff_share_region"].name("sv")
    assert {m.label: m.value for m in at.metric}[label] == i18n.percent(share, "sv")


def test_activity_filters_leave_staff_time_alone_and_say_so(demo_store, open_page):
    at = open_page(demo_store.path, "staff", theme="gastronomy", lang="en")
    assert not at.exception, at.exception
    assert i18n.t("staff.filters_ignored", "en") in [c.value for c in at.caption]
    with demo_store.reading() as conn:
        monthly = kpis.staff_time_by_month(conn, kpis.Filters())
    assert len(monthly_table(at, "en")) == len(monthly)


def test_the_full_time_setting_moves_the_30_percent_line(store, load, open_page):
    load("staff_time", [["organisation", "månad", "timmar"], ["ostersund", "2022-01", "48"]])
    store.set_setting("full_time_hours", "1600")
    # 2022 alone: the one month reported is the whole time gone by.
    at = open_page(store.path, "staff", lang="en", year="2022")
    assert not at.exception, at.exception
    assert any("1,600 hours" in m.value for m in at.markdown)
    shown = monthly_table(at, "en")
    assert shown["expected"].tolist() == [pytest.approx(0.3 * 1600 / 12)]
    # One month at 48 h of 1,600 / 12: 36 % of full time, above the line.
    label = KPI_DEFINITIONS["staff_share_ostersund"].name("en")
    assert {m.label: m.value for m in at.metric}[label] == "36%"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_is_a_friendly_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "staff", lang=lang)
    assert not at.exception, at.exception
    assert i18n.t("staff.empty", lang) in [i.value for i in at.info]
    assert not at.dataframe


# --- contract version 2: a party with no rows is not reported ----------------------------


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_party_with_no_rows_is_not_reported_and_months_are_counted(store, load, open_page, lang):
    # Östersund reports January and March 2022 (February is missing); the Region nothing.
    load(
        "staff_time",
        [
            ["organisation", "månad", "timmar"],
            ["ostersund", "2022-01", "150"],
            ["ostersund", "2022-03", "160,5"],
        ],
    )
    at = open_page(store.path, "staff", lang=lang, year="2022")
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    region = KPI_DEFINITIONS["staff_share_region"].name(lang)
    assert shown[region] == i18n.not_reported(lang)
    captions = [c.value for c in at.caption]
    assert i18n.t("completeness.staff_none", lang) in captions
    # 2022 is over: two months reported of its twelve (the share counts the three months
    # up to the latest report).
    assert i18n.t("completeness.months", lang, reported=2, months=12) in captions
    # No status for the Region: unknown is not behind.
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert sum(i18n.t("status.unknown", lang) in b for b in badges) == 1
    assert not any(i18n.t("status.behind", lang) in b for b in badges if "remove" in b)
    # The heading names what is known: the Region has not reported, it is not "below".
    # Östersund: 310.5 h of 1,700 * 3 / 12 = 425 h for the three months: 73.1 %.
    name = i18n.label(ref.ORGANISATIONS, "region", lang)
    shares = f"{i18n.label(ref.ORGANISATIONS, 'ostersund', lang)} {i18n.percent(0.7306, lang, 1)}"
    shares += f", {name} {i18n.not_reported(lang)}"
    assert at.subheader[0].value == i18n.t(
        "staff.title_unreported", lang, names=name, shares=shares
    )
    alt = next(c for c in captions if c.startswith(i18n.t("chart.alt_prefix", lang)))
    assert i18n.t("staff.alt_party_unreported", lang, name=name) in alt
