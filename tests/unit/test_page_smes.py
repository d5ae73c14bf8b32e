"""The SMEs page as data (`uccn_data.pages.smes`), on a small hand-made record: the cards (reached
is listed plus counted, "ca" for an estimate, unknown never 0), the findings in the chart
titles, the alt texts, the map's share and what is not on it, and the masked list of companies
reached more than once, in both languages, without a browser.

The expected numbers are computed here from the rows below, never read back from the store."""

from __future__ import annotations

import pandas as pd
import pytest

from uccn_data import reference as ref
from uccn_data.kpis import Filters
from uccn_data.pages import smes
from uccn_data.pages.model import Cards, Heading, Table, Text
from uccn_data.parsing import luhn_ok
from uccn_data.reports import texts


def org(prefix: str) -> str:
    """A valid organisation number starting with `prefix` (9 digits): the Luhn digit added."""
    return next(prefix + str(d) for d in range(10) if luhn_ok(prefix + str(d)))


# id, start, status, municipality, companies counted without names ("" = not given)
ACTIVITIES = [
    ("A1", "2022-03-01", "genomförd", "Östersund", ""),
    ("A2", "2022-09-01", "genomförd", "Östersund", "ca 20"),
    ("A3", "2023-05-01", "genomförd", "Åre", ""),
    ("A4", "2023-06-01", "inställd", "Östersund", ""),  # cancelled: its companies never count
    ("A5", "2024-02-01", "genomförd", "Krokom", "över 30"),  # counted, nobody listed
]
SOLE = org("850412123")  # third digit 0/1: a sole trader, the number is personal
F1, F2, F3, F4 = org("556036079"), org("556677889"), org("559012345"), org("969681303")
# A name from a file, with Markdown in it: it stays plain text in the table.
SOLE_NAME = "Anna *Bröd* [hem](x)"
# activity, org number, name, municipality ("annan" = outside the county, "" = not given),
# sector, size
SMES = [
    ("A1", F1, "Mathuset AB", "Åre", "livsmedel", "mikro"),
    ("A1", F2, "Fjällost AB", "Östersund", "livsmedel", "liten"),
    ("A1", SOLE, SOLE_NAME, "Östersund", "design", "mikro"),
    ("A3", F1, "Mathuset AB", "Åre", "livsmedel", "mikro"),
    ("A3", SOLE, SOLE_NAME, "Östersund", "design", "mikro"),
    ("A3", F3, "Utsocknes AB", "annan", "konsthantverk", "medelstor"),
    ("A3", F4, "Okänd AB", "", "musik", "mikro"),
    ("A4", F2, "Fjällost AB", "Östersund", "livsmedel", "liten"),
]
SECTOR = {"livsmedel": "food", "design": "design", "konsthantverk": "crafts", "musik": "music"}
SIZE = {"mikro": "micro", "liten": "small", "medelstor": "medium"}
CODE = {"Åre": "2321", "Östersund": "2380", "Krokom": "2309", "annan": "other", "": ""}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    from tests.conftest import swedish_csv
    from uccn_data.importer import import_file
    from uccn_data.store import Store

    store = Store(tmp_path_factory.mktemp("smes") / "uccn.duckdb")
    store.initialise()
    files = {
        "activities": [
            ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig",
             "status", "kommun", "antal_företag"],
            *[[i, f"Aktivitet {i}", "kompetensutveckling", "mat", start, "regional", "gemensam",
               status, place, count] for i, start, status, place, count in ACTIVITIES],
        ],
        "sme_participation": [
            ["aktivitet_id", "organisationsnummer", "företagsnamn", "kommun", "bransch", "storlek"],
            *[list(row) for row in SMES],
        ],
    }  # fmt: skip
    for table, rows in files.items():
        report = import_file(store, swedish_csv(rows), f"{table}.csv", table, user="test")
        assert report.ok, [p.message("en") for p in report.errors]
    with store.reading() as c:
        yield c


def page(conn, lang="sv", **filters):
    return smes.build(conn, Filters("2021-2024", **filters), lang)


def listed(year: int | None = None, municipality: str | None = None) -> pd.DataFrame:
    """The listed companies' rows in scope: activities held (not cancelled) in the year, the
    municipality filter being the company's own."""
    acts = {a[0]: a for a in ACTIVITIES}
    rows = pd.DataFrame(SMES, columns=["act", "org", "name", "mun", "sector", "size"])
    rows["year"] = [int(acts[a][1][:4]) for a in rows["act"]]
    rows["code"] = rows["mun"].map(CODE)
    rows = rows[[acts[a][2] != "inställd" for a in rows["act"]]]
    if year is not None:
        rows = rows[rows["year"] == year]
    if municipality is not None:
        rows = rows[rows["code"] == municipality]
    return rows


def metrics(built) -> dict[str, str]:
    cards = next(b for b in built.blocks if isinstance(b, Cards)).cards
    return {m.label: m.value for c in cards for m in c.metrics}


def test_the_cards_add_listed_and_counted_and_mark_the_estimate(conn):
    rows = listed()
    companies = rows["org"].nunique()
    counted = 20 + 30  # "ca 20" and "över 30": both estimates
    repeat = int((rows.groupby("org")["act"].nunique() > 1).sum())
    assert (companies, repeat) == (5, 2)
    sv, en = metrics(page(conn)), metrics(page(conn, "en"))
    assert sv["Företag som nåtts"] == f"ca {companies + counted}"
    assert en["SMEs reached"] == f"about {companies + counted}"
    assert sv["Företag som deltagit flera gånger"] == en["SMEs reached more than once"] == "2"
    texts_sv = page(conn).texts()
    split = (
        f"Varav {companies} listade med namn och ca {counted} räknade av aktiviteterna utan namn."
    )
    assert split in texts_sv
    assert any(f"de {companies} företag som är listade med namn" in t for t in texts_sv)


def test_the_share_outside_ostersund_is_of_the_known_municipalities(conn):
    rows = listed().drop_duplicates("org")
    known = rows[rows["code"] != ""]
    outside = known[known["code"] != "2380"]
    assert (len(outside), len(known)) == (2, 4)  # Åre and outside the county, of 4
    for lang in ("sv", "en"):
        built = page(conn, lang)
        share = texts.percent(len(outside) / len(known), lang)
        name = (
            "Andel företag utanför Östersund" if lang == "sv" else "Share of SMEs outside Östersund"
        )
        assert metrics(built)[name] == share
        title = built.chart("smes-map").title
        assert title.startswith(share)
        of = "av" if lang == "sv" else "of"
        assert title.endswith(f"({len(outside)} {of} {len(known)})")


def test_the_map_table_has_every_municipality_and_names_what_is_not_on_it(conn):
    built = page(conn)
    chart = built.chart("smes-map")
    counts = listed().drop_duplicates("org")["code"].value_counts()
    table = dict(zip(chart.table["Kommun"], chart.table["Antal företag"], strict=True))
    # All eight municipalities, zeros included, then outside the county and unknown.
    assert list(table)[:8] == list(ref.MUNICIPALITY_CODES.values())
    for code, name in ref.MUNICIPALITY_CODES.items():
        assert table[name] == counts.get(code, 0), name
    assert table["Utanför länet"] == counts["other"] == 1
    assert table["Okänd"] == counts[""] == 1
    assert "Östersund 2" in chart.alt and "Åre 1" in chart.alt and "Berg 0" in chart.alt
    assert "Finns inte på kartan: Utanför länet 1, Okänd 1." in built.texts()
    # Every municipality of the county is drawn, from the outlines the app ships.
    assert chart.kind == "municipality_map"
    assert set(chart.data[chart.options["code"]]) >= set(ref.MUNICIPALITY_CODES)


def test_the_year_title_names_the_year_with_most_companies_counted_once_a_year(conn):
    per_year = listed().groupby("year")["org"].nunique()
    top = int(per_year.idxmax())
    assert dict(per_year) == {2022: 3, 2023: 4}
    sv, en = page(conn).chart("smes-year"), page(conn, "en").chart("smes-year")
    assert sv.title == f"Flest företag nåddes {top} ({per_year.max()} olika företag)"
    assert (
        en.title == f"Most companies were reached in {top} ({per_year.max()} different companies)"
    )
    assert sv.table.to_dict("list") == {"År": ["2022", "2023"], "Antal företag": [3, 4]}
    assert "2022 3, 2023 4" in sv.alt and "2022 3, 2023 4" in en.alt
    # One year alone is said as such, not crowned as the year with most.
    one = page(conn, year=2022).chart("smes-year")
    assert one.title == f"{per_year[2022]} olika företag nåddes 2022"


def test_sector_and_size_titles_name_the_most_common_of_all_listed(conn):
    rows = listed().drop_duplicates("org")
    sectors = rows["sector"].value_counts()
    sizes = rows["size"].value_counts()
    built = page(conn)
    sector = built.chart("smes-sector")
    assert sectors.idxmax() == "livsmedel"
    assert sector.title == (
        f"Livsmedel är den vanligaste branschen ({sectors.max()} av {len(rows)} företag)"
    )
    assert "Livsmedel 2" in sector.alt and "Musik 1" in sector.alt
    assert sector.options["horizontal"] is False  # four sectors fit as columns
    size = built.chart("smes-size")
    # A title is Markdown: the label's brackets are escaped, so they read as typed.
    assert size.title == (
        rf"Flest företag hör till storleksklassen Mikro \(\< 10\) ({sizes.max()} av {len(rows)})"
    )
    # Smallest first, not most first.
    assert size.table.to_dict("list") == {
        "Storlek": ["Mikro (< 10)", "Liten (10–49)", "Medelstor (50–249)"],
        "Antal företag": [sizes["mikro"], sizes["liten"], sizes["medelstor"]],
    }
    en = page(conn, "en").chart("smes-size")
    assert en.title == rf"Most companies are in the size class Micro \(\< 10\) (3 of {len(rows)})"


def test_a_tie_is_said_as_a_tie(conn):
    rows = listed(year=2023).drop_duplicates("org")
    assert rows["sector"].value_counts().eq(1).all()  # four sectors, one company each
    # In the order the breakdown lists them: most first, then by key (crafts, design...).
    names = [ref.SECTORS[k]("sv") for k in sorted(SECTOR[s] for s in rows["sector"])]
    title = page(conn, year=2023).chart("smes-sector").title
    expected = f"{', '.join(names[:-1])} och {names[-1]} är de vanligaste branscherna"
    assert title == f"{expected} (1 av {len(rows)} företag vardera)"


def test_the_list_of_repeat_companies_masks_a_sole_traders_number(conn):
    rows = listed()
    joined = rows.groupby("org")["act"].nunique()
    repeat = joined[joined > 1]
    for lang, heading in (("sv", "2 företag har"), ("en", "2 companies took")):
        built = page(conn, lang)
        assert any(isinstance(b, Heading) and b.text.startswith(heading) for b in built.blocks)
    table = next(b for b in page(conn).blocks if isinstance(b, Table)).frame
    assert len(table) == len(repeat) == 2
    by_name = table.set_index("Företag")
    assert by_name.loc[SOLE_NAME, "Organisationsnummer"] == f"{SOLE[:6]}-****"
    assert by_name.loc["Mathuset AB", "Organisationsnummer"] == f"{F1[:6]}-{F1[6:]}"
    assert by_name.loc["Mathuset AB", "Kommun"] == "Åre"
    assert by_name.loc[SOLE_NAME, "Antal aktiviteter"] == repeat[SOLE] == 2
    shown = " ".join(page(conn).texts()) + table.to_csv()
    assert SOLE not in shown and f"{SOLE[:6]}-{SOLE[6:]}" not in shown


def test_the_municipality_filter_is_where_the_company_is(conn):
    rows = listed(municipality="2321")
    built = page(conn, municipality="2321")
    texts_sv = built.texts()
    assert "Kommunvalet gäller här var företaget finns: Åre." in texts_sv
    assert smes.intro(Filters("2021-2024", municipality="2321"), "sv")[-1].text in texts_sv
    # No activity in Åre counts companies: all are listed, and the note says nothing of counts.
    assert metrics(built)["Företag som nåtts"] == str(rows["org"].nunique())
    assert f"Alla {rows['org'].nunique()} är listade med namn." in texts_sv
    assert not any("räknar" in t for t in texts_sv)


def test_companies_only_counted_have_no_breakdown(conn):
    for lang, about in (("sv", "ca"), ("en", "about")):
        built = page(conn, lang, year=2024)
        assert listed(year=2024).empty
        assert not built.charts()
        last = built.blocks[-1]
        assert isinstance(last, Text) and last.style == "info"
        assert last.text.startswith("Inga företag är listade" if lang == "sv" else "No companies")
        first = next(b for b in built.blocks if isinstance(b, Cards)).cards[0]
        assert first.metrics[0].value == f"{about} 30"


def test_nothing_listed_or_counted_is_not_reported_not_zero(conn):
    assert listed(year=2021).empty
    for lang, unknown in (("sv", "inga uppgifter"), ("en", "not reported")):
        built = page(conn, lang, year=2021)
        assert not built.charts()
        reached = next(b for b in built.blocks if isinstance(b, Cards)).cards[0]
        assert reached.metrics[0].value == unknown
        assert not reached.captions  # no split of nothing
        assert isinstance(built.blocks[-1], Text) and built.blocks[-1].style == "info"
