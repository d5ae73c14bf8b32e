"""Utbyten / International exchanges as a built page (`uccn_data.pages.exchanges`), against an
independent count of a small hand-made record: a meeting with two partner cities, a city of
unknown membership (not in UNESCO's list), one a file says is no member, a network meeting
and an organisation listed apart, approximate and unknown participant counts, and a city
name that tries to be a link."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from dashboard import charts
from tests.conftest import swedish_csv
from uccn_data import reference as ref
from uccn_data.importer import import_file
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Filters
from uccn_data.pages import exchanges, words
from uccn_data.pages.model import Cards, Heading, Page, Table, Text
from uccn_data.pages.words import t
from uccn_data.reports import texts
from uccn_data.store import Store

HOSTILE = "[Klicka](http://evil.example) *Fet* <b>x</b>"
# id, date, direction, partner type, partners, countries, uccn_medlem, cities, countries
# (counts, as a network reports them), participants, companies
EXCHANGES = [
    ("E1", "2022-03-10", "utresande", "stad", "Parma", "Italien", "", "", "", "5", "2"),
    ("E2", "2022-06-01", "utresande", "stad", "Bergen; Parma", "Norge; Italien", "", "", "", "ca 10", ""),
    ("E3", "2023-02-02", "inkommande", "stad", f"Storuman; {HOSTILE}", "Sverige; Sverige", "", "", "", "", ""),
    ("E4", "2023-09-09", "digital", "stad", "Oslo", "Norge", "nej", "", "", "3", "1"),
    ("E5", "2023-07", "utresande", "nätverk", "UCCN:s årsmöte", "", "", "ca 100", "över 90", "2", ""),
    ("E6", "2024-01-15", "digital", "organisation", "Nordiska rådet", "", "", "", "", "", ""),
]  # fmt: skip
HEADER = ["utbyte_id", "datum", "riktning", "partnertyp", "partnerstad", "land", "uccn_medlem",
          "antal_städer", "antal_länder", "deltagare", "antal_foretag"]  # fmt: skip
DIRECTIONS = {"utresande": "outbound", "inkommande": "inbound", "digital": "digital"}
COUNTRIES = {"Italien": ("Italien", "Italy"), "Norge": ("Norge", "Norway"),
             "Sverige": ("Sverige", "Sweden")}  # fmt: skip
UCCN = {"Parma", "Bergen"}  # of these partners, the ones in UNESCO's list
LANGS = ("sv", "en")


def number(text: str) -> int | None:
    """`ca 10` -> 10; blank -> None (unknown)."""
    return int(text.removeprefix("ca ")) if text else None


def total_of(values: list[int | None]) -> int | None:
    """A sum of what was reported; unknown when nothing was."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def in_year(year: int | None) -> list[tuple[str, ...]]:
    return [e for e in EXCHANGES if year is None or e[1].startswith(str(year))]


CITY_ROWS = [e for e in EXCHANGES if e[3] == "stad"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(Path(tmp_path_factory.mktemp("exchanges")) / "uccn.duckdb")
    s.initialise()
    data = swedish_csv([HEADER, *EXCHANGES], encoding="utf-8")
    report = import_file(s, data, "exchanges.csv", "exchanges", user="test")
    assert report.ok, [(p.row, p.column, p.message("en")) for p in report.errors]
    return s


@pytest.fixture(scope="module")
def pages(store: Store) -> dict[tuple[str, int | None], Page]:
    """The page in both languages, for the whole period and for 2023 alone."""
    with store.reading() as conn:
        return {
            (lang, year): exchanges.build(conn, Filters(year=year), lang)
            for lang in LANGS
            for year in (None, 2023)
        }


def blocks(page: Page, kind: type) -> list:
    return [b for b in page.blocks if isinstance(b, kind)]


def table(page: Page, key: str) -> pd.DataFrame:
    return next(b.frame for b in blocks(page, Table) if b.key == key)


def na(value: object) -> object:
    """Tables keep unknown as missing (NaN or NA): one spelling for comparing rows."""
    return None if pd.isna(value) else value


def rows(frame: pd.DataFrame) -> list[list[object]]:
    return [[na(v) for v in r] for r in frame.itertuples(index=False)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_cards_count_cities_one_by_one_and_the_share_among_the_known(pages, lang):
    page = pages[lang, None]
    participants = [number(e[9]) for e in EXCHANGES]
    companies = total_of([number(e[10]) for e in EXCHANGES])
    cities = {c for e in CITY_ROWS for c in e[4].split("; ")}
    countries = {c for e in CITY_ROWS for c in e[5].split("; ")}
    # Known membership: a UCCN city among the partners, or every partner known (Oslo: "nej").
    member = [e for e in CITY_ROWS if UCCN & set(e[4].split("; "))]
    known = [e for e in CITY_ROWS if e in member or e[6] == "nej"]
    about = {"sv": "ca", "en": "about"}[lang]
    want = {
        "exchanges": str(len(EXCHANGES)),
        "exchange_participants": f"{about} {total_of(participants)}",  # E2 said "ca 10"
        "partner_cities": str(len(cities)),
        "partner_countries": str(len(countries)),
        "uccn_exchange_share": texts.percent(len(member) / len(known), lang),
    }
    texts_shown = page.texts()
    for key, value in want.items():
        assert f"{KPI_DEFINITIONS[key].name(lang)}: {value}" in texts_shown, key
    assert f"{t('exchanges.card_smes', lang)}: {companies}" in texts_shown
    unknown = len(CITY_ROWS) - len(known)
    note = t("exchanges.membership_unknown", lang, count=unknown)
    share_card = blocks(page, Cards)[0].cards[-1]  # the note sits under the share it explains
    assert share_card.captions == [note]
    kinds = Counter(e[3] for e in EXCHANGES)
    apart = t("exchanges.not_cities", lang, networks=kinds["nätverk"], others=kinds["organisation"])
    assert Text(apart, "caption") in page.blocks


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_places_the_cities_the_reference_knows_and_names_the_others(pages, lang):
    page = pages[lang, None]
    chart = page.chart("exchanges-map")
    share = texts.percent(2 / 3, lang)  # Parma twice and Bergen-with-Parma, of three known
    assert chart.title == t("exchanges.map_title_known", lang, share=share, cities=5, countries=3)
    assert chart.alt.endswith(": Parma 2, Bergen 1.")
    positions = {c.city: (c.lat, c.lon) for c in ref.uccn_cities() if c.city in UCCN}
    yes = t("exchanges.yes", lang)
    assert rows(chart.table) == [
        ["Parma", COUNTRIES["Italien"][lang == "en"], yes, *positions["Parma"], 2],
        ["Bergen", COUNTRIES["Norge"][lang == "en"], yes, *positions["Bergen"], 1],
    ]
    assert list(chart.table.columns) == [
        t(f"exchanges.col_{c}", lang)
        for c in ("city", "country", "uccn", "lat", "lon", "exchanges")
    ]
    assert chart.options["home"][2] == "Östersund"
    assert chart.data["series"].tolist() == [t("exchanges.series_uccn", lang)] * 2
    # Unknown membership has its own legend entry, never folded into "not a member".
    assert chart.options["series_order"][-1] == t("exchanges.series_unknown", lang)
    off = ", ".join(words.markdown(c) for c in ("Oslo", "Storuman", HOSTILE))
    assert Text(t("exchanges.off_map", lang, cities=off), "caption") in page.blocks


@pytest.mark.parametrize("lang", LANGS)
def test_direction_and_year_are_titled_by_their_leader(pages, lang):
    page = pages[lang, None]
    directions = Counter(DIRECTIONS[e[2]] for e in EXCHANGES)
    (top, count), *_ = directions.most_common()
    total = len(EXCHANGES)
    chart = page.chart("exchanges-direction")
    assert chart.title == t(f"exchanges.direction_title.{top}", lang, count=count, total=total)
    label = {d: ref.DIRECTIONS[d](lang) for d in directions}
    listing = ", ".join(f"{label[d]} {n}" for d, n in directions.most_common())
    assert chart.alt == t("exchanges.direction_alt", lang, values=listing)

    def sums(selected: list[tuple[str, ...]]) -> list[object]:
        return [
            len(selected),
            total_of([number(e[9]) for e in selected]),
            total_of([number(e[10]) for e in selected]),
        ]

    assert rows(chart.table) == [
        [label[d], *sums([e for e in EXCHANGES if DIRECTIONS[e[2]] == d])]
        for d, _ in directions.most_common()
    ]
    years = Counter(e[1][:4] for e in EXCHANGES)
    year, most = years.most_common(1)[0]
    chart = page.chart("exchanges-year")
    assert chart.title == t("exchanges.year_title", lang, names=year, count=most)
    assert rows(chart.table) == [[y, *sums(in_year(int(y)))] for y in sorted(years)]
    assert chart.alt.endswith(": " + ", ".join(f"{y} {years[y]}" for y in sorted(years)) + ".")
    # Few bars stand up; the country chart's many would lie down.
    assert chart.options["horizontal"] is False


@pytest.mark.parametrize("lang", LANGS)
def test_an_exchange_counts_in_each_country_it_names_and_the_page_says_so(pages, lang):
    page = pages[lang, None]
    per_country = Counter(c for e in CITY_ROWS for c in dict.fromkeys(e[5].split("; ")))
    top = max(per_country.values())
    leaders = [COUNTRIES[c][lang == "en"] for c, n in sorted(per_country.items()) if n == top]
    chart = page.chart("exchanges-country")
    names = f" {t('exchanges.and', lang)} ".join(leaders)  # Italien och Norge: a tie
    assert chart.title == t("exchanges.country_title_tie", lang, names=names, count=top)
    counted = sum(per_country.values())
    note = t("exchanges.country_note", lang, counted=counted, total=len(EXCHANGES))
    assert counted != len(EXCHANGES)
    index = page.blocks.index(chart)
    assert page.blocks[index + 1] == Text(note, "caption")
    assert [r[:2] for r in rows(chart.table)] == [
        [COUNTRIES[c][lang == "en"], n]
        for c, n in sorted(per_country.items(), key=lambda x: (-x[1], x[0]))
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_partner_list_says_unknown_in_words_and_keeps_names_as_typed(pages, lang):
    page = pages[lang, None]
    unknown = texts.not_reported(lang)
    yes, no, maybe = (t(f"exchanges.{k}", lang) for k in ("yes", "no", "unknown"))
    name = {c: n[lang == "en"] for c, n in COUNTRIES.items()}
    listed = table(page, "exchanges-partners-table")
    assert rows(listed) == [
        ["Parma", name["Italien"], yes, 2, texts.number(5 + 10, lang), "2"],
        ["Bergen", name["Norge"], yes, 1, "10", unknown],
        ["Oslo", name["Norge"], no, 1, "3", "1"],  # a file said no
        ["Storuman", name["Sverige"], maybe, 1, unknown, unknown],
        [HOSTILE, name["Sverige"], maybe, 1, unknown, unknown],  # a table is plain text
    ]
    title = t("exchanges.partners_title", lang, names="Parma", count=2)
    assert page.blocks[page.blocks.index(Heading(title, 3)) + 1].key == "exchanges-partners-table"
    # Six city rows from four exchanges with cities: a meeting counts for each of its cities.
    assert Text(t("exchanges.partners_note", lang), "caption") in page.blocks
    assert not any(HOSTILE in s for s in page.texts()), "only escaped in headings and notes"


@pytest.mark.parametrize("lang", LANGS)
def test_networks_and_organisations_are_listed_apart_as_reported(pages, lang):
    page = pages[lang, None]
    others = [e for e in EXCHANGES if e[3] != "stad"]
    assert Heading(t("exchanges.apart_title", lang, count=len(others)), 3) in page.blocks
    about = {"sv": "ca", "en": "about"}[lang]
    assert rows(table(page, "exchanges-apart-table")) == [
        ["UCCN:s årsmöte", ref.PARTNER_TYPES["network"](lang), 1, f"{about} 100", "> 90", "2"],
        # Counts an organisation does not give are blank; its participants are unknown.
        ["Nordiska rådet", ref.PARTNER_TYPES["organisation"](lang), 1, "", "", texts.not_reported(lang)],
    ]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_one_year_a_tie_of_directions_and_no_city_to_place(pages, lang):
    page = pages[lang, 2023]
    chosen = in_year(2023)
    directions = sorted({DIRECTIONS[e[2]] for e in chosen})  # one each: a three-way tie
    names = [ref.DIRECTIONS[d](lang).lower() for d in directions]
    joined = f"{', '.join(names[:-1])} {t('exchanges.and', lang)} {names[-1]}"
    total = len(chosen)
    direction = page.chart("exchanges-direction")
    assert direction.title == t(
        "exchanges.direction_title_tie", lang, names=joined, count=1, total=total
    )
    year = page.chart("exchanges-year")
    assert year.title == t("exchanges.year_title_one", lang, count=total, year=2023)
    # Storuman, the hostile name and Oslo have no position: a heading and a message, no map.
    with pytest.raises(KeyError):
        page.chart("exchanges-map")
    share = texts.percent(0, lang)  # Oslo is known not to be a member; E3 is unknown
    title = t("exchanges.map_title_known", lang, share=share, cities=3, countries=2)
    at = page.blocks.index(Heading(title, 3))
    assert page.blocks[at + 1] == Text(t("exchanges.map_none", lang), "info")
    assert Heading(t("exchanges.apart_title", lang, count=1), 3) in page.blocks


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_selection_shows_zero_exchanges_and_nothing_unknown_as_zero(store, lang):
    f = Filters(municipality=ref.OSTERSUND_CODE)  # no exchange here is linked to an activity
    with store.reading() as conn:
        page = exchanges.build(conn, f, lang)
    assert page.blocks[:3] == [
        Heading(t("exchanges.heading", lang), 1),
        Text(t("exchanges.lead", lang)),
        Text(t("exchanges.filter_note", lang), "caption"),
    ]
    shown = page.texts()
    name = {k: KPI_DEFINITIONS[k].name(lang) for k in KPI_DEFINITIONS}
    assert f"{name['exchanges']}: 0" in shown
    unknown = texts.not_reported(lang)
    assert f"{name['exchange_participants']}: {unknown}" in shown  # a sum of nothing
    assert f"{name['uccn_exchange_share']}: {unknown}" in shown  # no share of nothing
    assert page.blocks[-1] == Text(t("exchanges.empty", lang), "info")
    assert not page.charts() and not blocks(page, Table)
    assert exchanges.intro(f, lang) == page.blocks[:3]
    assert len(exchanges.intro(Filters(), lang)) == 2, "no filter, no note"


def test_chart_options_are_what_the_chart_functions_take(pages):
    page = pages["en", None]
    assert [c.key for c in page.charts()] == [
        "exchanges-map",
        "exchanges-direction",
        "exchanges-year",
        "exchanges-country",
    ]
    for chart in page.charts():
        charts.svg(chart, "en")  # raises if an option is missing
    drawn = charts.svg(page.chart("exchanges-map"), "en")
    assert ">Östersund</text>" in drawn and f">{t('exchanges.series_uccn', 'en')}</text>" in drawn
