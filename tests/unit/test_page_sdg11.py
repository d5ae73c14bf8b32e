"""Agenda 2030 / SDG 11 page as data (`uccn_data.pages.sdg11.build`): the findings, alt texts,
tables and notes a reader checks, against counts worked out by hand from a small record.

The record: six activities that took place or are planned, one cancelled (A6, which names
target 11.1 and goal 3 and must count nowhere), one (A1) in two framework areas.

    id  areas                      SDG 11 targets   other goals     start
    A1  competence + strategic     11.3, 11.4       8.9, 12.3       2022
    A2  competence                 11.3             SDG 8           2022
    A3  strategic                  11.4, 11.a       4               2022
    A4  information                11.3             -               2022
    A5  information                -                Mål 12, 12.5    2022
    A6  competence (cancelled)     11.1             3               2022
    A7  strategic (planned)        -                12              2023
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import swedish_csv
from uccn_data import reference as ref
from uccn_data.importer import import_file
from uccn_data.kpis import Filters
from uccn_data.pages import sdg11
from uccn_data.pages.model import Heading, Page, Text
from uccn_data.pages.words import t
from uccn_data.store import Store

HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig",
          "status", "sdg11", "andra_hållbarhetsmål"]  # fmt: skip
ROWS = [
    ["A1", "Ett", "kompetensutveckling; strategisk utveckling", "mat", "2022-03-01", "regional",
     "gemensam", "genomförd", "11.3; 11.4", "8.9; 12.3"],
    ["A2", "Två", "kompetensutveckling", "mat", "2022-04-01", "regional", "gemensam", "genomförd",
     "11.3", "SDG 8"],
    ["A3", "Tre", "strategisk utveckling", "mat", "2022-05-01", "regional", "gemensam",
     "genomförd", "11.4; 11.a", "4"],
    ["A4", "Fyra", "information och marknadsföring", "mat", "2022-06-01", "regional", "gemensam",
     "genomförd", "11.3", ""],
    ["A5", "Fem", "information och marknadsföring", "mat", "2022-07-01", "regional", "gemensam",
     "genomförd", "", "Mål 12; 12.5"],
    ["A6", "Sex", "kompetensutveckling", "mat", "2022-08-01", "regional", "gemensam", "inställd",
     "11.1", "3"],
    ["A7", "Sju", "strategisk utveckling", "mat", "2023-03-01", "regional", "gemensam",
     "planerad", "", "12"],
]  # fmt: skip

INFO, COMPETENCE, STRATEGIC = (
    "information_marketing",
    "competence_development",
    "strategic_development",
)
LANGS = ("sv", "en")


def area(key: str, lang: str) -> str:
    return ref.FRAMEWORK_AREAS[key](lang)


def goal(number: int, lang: str) -> str:
    return next(g.en if lang == "en" else g.sv for g in ref.sdg_goals() if g.goal == number)


def target(code: str, lang: str) -> str:
    return next(x.en if lang == "en" else x.sv for x in ref.sdg11_targets() if x.code == code)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Store]:
    folder: Path = tmp_path_factory.mktemp("sdg11")
    record = Store(folder / "record.duckdb")
    record.initialise()
    report = import_file(
        record, swedish_csv([HEADER, *ROWS]), "activities.csv", "activities", user="test"
    )
    assert report.ok, [(p.row, p.column, p.message("en")) for p in report.errors]
    empty = Store(folder / "empty.duckdb")
    empty.initialise()
    return {"record": record, "empty": empty}


@pytest.fixture(scope="module")
def pages(stores: dict[str, Store]) -> dict[tuple[str, str, str], Page]:
    """(store, scope, lang) -> the built page: every page the tests read, built once."""
    scopes = {
        "all": Filters(),
        "info": Filters(framework_area=INFO),
        "2023": Filters(year=2023),
    }
    built = {}
    for name, store in stores.items():
        with store.reading() as conn:
            for scope, f in scopes.items():
                for lang in LANGS:
                    built[(name, scope, lang)] = sdg11.build(conn, f, lang)
    return built


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_counts_an_activity_in_every_area_and_says_so(pages, lang):
    page = pages[("record", "all", lang)]
    matrix = page.chart("sdg11-matrix")
    # Competence: A1 and A2 name 11.3; strategic: A1 and A3 name 11.4 (A6 is cancelled).
    pairs = [
        t("sdg11.pair", lang, area=area(COMPETENCE, lang), target="11\\.3"),
        t("sdg11.pair", lang, area=area(STRATEGIC, lang), target="11\\.4"),
    ]
    names = f"{pairs[0]} {t('sdg11.and', lang)} {pairs[1]}"
    assert matrix.title == t("sdg11.matrix_title_tie", lang, names=names, count=2, total=6)
    table = matrix.table.set_index(t("filter.area", lang))
    assert list(table.columns) == list(ref.SDG11_CODES)
    assert table.index.tolist() == [area(a, lang) for a in (INFO, COMPETENCE, STRATEGIC)]
    assert table.loc[area(COMPETENCE, lang)].tolist() == [0, 0, 2, 1, 0, 0, 0, 0, 0, 0]
    assert table.loc[area(STRATEGIC, lang)].tolist() == [0, 0, 1, 2, 0, 0, 0, 1, 0, 0]
    assert table.loc[area(INFO, lang)].tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert f"{area(COMPETENCE, lang)}: 11.1 0, 11.2 0, 11.3 2, 11.4 1, 11.5 0" in matrix.alt
    assert matrix.alt.startswith(t("sdg11.matrix_alt", lang))
    assert matrix.options["row_order"] == [area(a, lang) for a in (INFO, COMPETENCE, STRATEGIC)]
    # Only A1 names two areas; the areas' rows add up to more than six activities.
    note = t("sdg11.matrix_note", lang, count=1, total=6)
    assert Text(note, "caption") in page.blocks


@pytest.mark.parametrize("lang", LANGS)
def test_the_coverage_counts_each_activity_once_per_target(pages, lang):
    coverage = pages[("record", "all", lang)].chart("sdg11-coverage")
    # 11.3: A1, A2, A4; 11.4: A1, A3; 11.a: A3. A6's 11.1 was cancelled.
    assert coverage.title == t(
        "sdg11.coverage_title", lang, covered=3, names="11\\.3", count=3, total=6
    )
    counts = "11.1 0, 11.2 0, 11.3 3, 11.4 2, 11.5 0, 11.6 0, 11.7 0, 11.a 1, 11.b 0, 11.c 0"
    assert coverage.alt == t("sdg11.coverage_alt", lang, covered=3) + " " + counts
    table = coverage.table
    assert table.columns.tolist() == [
        t("sdg11.col_target", lang),
        t("sdg11.col_text", lang),
        t("sdg11.col_activities", lang),
    ]
    assert table.values.tolist()[2:4] == [
        ["11.3", target("11.3", lang), 3],
        ["11.4", target("11.4", lang), 2],
    ]
    assert table[t("sdg11.col_activities", lang)].sum() == 6
    # Bars are labelled by code and text, a long text cut with an ellipsis.
    labels = coverage.data["target"].tolist()
    short, long = target("11.4", lang), target("11.b", lang)  # 36 (sv) / 85 (en), 85 / 388
    assert labels[3] == f"11.4 {short if len(short) <= 48 else short[:47] + '…'}"
    assert labels[8] == f"11.b {long[:47]}…"
    assert all(len(label) <= len("11.x ") + 48 for label in labels)


@pytest.mark.parametrize(("lang", "full", "part", "half"), [("sv", "100\u00a0%", "67\u00a0%", "50\u00a0%"), ("en", "100%", "67%", "50%")])  # fmt: skip
def test_the_shares_are_of_each_areas_own_activities(pages, lang, full, part, half):
    share = pages[("record", "all", lang)].chart("sdg11-share")
    # Information: A4 of A4, A5; competence: A1, A2 of both; strategic: A1, A3 of A1, A3, A7.
    assert share.title == t("sdg11.share_title", lang, names=area(COMPETENCE, lang), share=full)
    assert share.table.values.tolist() == [
        [area(INFO, lang), 2, 1, half],
        [area(COMPETENCE, lang), 2, 2, full],
        [area(STRATEGIC, lang), 3, 2, part],
    ]
    assert share.alt == (
        t("sdg11.share_alt", lang)
        + f" {area(INFO, lang)} {half} (1 / 2), {area(COMPETENCE, lang)} {full} (2 / 2),"
        + f" {area(STRATEGIC, lang)} {part} (2 / 3)"
    )
    assert share.data["percent"].round(1).tolist() == [50.0, 100.0, 66.7]


@pytest.mark.parametrize("lang", LANGS)
def test_other_goals_are_counted_by_goal_beside_goal_11(pages, lang):
    goals = pages[("record", "all", lang)].chart("sdg11-goals")
    # Goal 12: A1 (12.3), A5 (Mål 12, 12.5), A7; goal 8: A1 (8.9), A2 (SDG 8); goal 4: A3.
    # A6's goal 3 was cancelled. Goal 11 is every activity with a target: A1-A4.
    assert goals.title == t("sdg11.goals_title", lang, names="12", count=3, total=6)
    assert goals.table.values.tolist() == [
        [4, goal(4, lang), 1, ""],
        [8, goal(8, lang), 2, "8.9"],
        [11, goal(11, lang), 4, "11.3, 11.4, 11.a"],
        [12, goal(12, lang), 3, "12.3, 12.5"],
    ]
    assert goals.alt.startswith(t("sdg11.goals_alt", lang) + " 4 ")
    assert goals.alt.endswith(f", 12 {goal(12, lang)} 3")


def test_a_long_goal_name_is_cut_on_the_bar_but_whole_in_the_table(pages):
    goals = pages[("record", "all", "sv")].chart("sdg11-goals")
    cut = "8 Anständiga arbetsvillkor och ekonomisk …"  # 39 characters and an ellipsis
    assert goals.data["goal"].tolist()[1] == cut
    assert f"{cut} 2" in goals.alt
    assert "Anständiga arbetsvillkor och ekonomisk tillväxt" in goals.table["Målets namn"].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_the_targets_list_every_text_with_its_count(pages, lang):
    page = pages[("record", "all", lang)]
    served = {"11.3": 3, "11.4": 2, "11.a": 1}
    words = t("sdg11.target_count", lang, count="{}")
    listed = [
        f"**{code}** {target(code, lang)} – {words.format(served.get(code, 0))}"
        for code in ref.SDG11_CODES
    ]
    texts = page.texts()
    start = texts.index(t("sdg11.targets_lead", lang)) + 1
    assert texts[start : start + 10] == listed
    assert texts[-2:] == [t("sdg11.declaration_heading", lang), t("sdg11.declaration", lang)]
    assert texts[:2] == [t("sdg11.heading", lang), t("sdg11.lead", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_one_area_gets_its_own_share_and_no_several_areas_note(pages, lang):
    page = pages[("record", "info", lang)]
    half = "50\u00a0%" if lang == "sv" else "50%"
    share = page.chart("sdg11-share")
    assert share.title == t("sdg11.share_title_one", lang, share=half, names=area(INFO, lang))
    assert page.chart("sdg11-matrix").table[t("filter.area", lang)].tolist() == [area(INFO, lang)]
    # A4 and A5: A4 names 11.3.
    assert page.chart("sdg11-coverage").title == t(
        "sdg11.coverage_title", lang, covered=1, names="11\\.3", count=1, total=2
    )
    captions = [b.text for b in page.blocks if isinstance(b, Text) and b.style == "caption"]
    assert captions == [t("common.years_none_final", lang)]  # no other note


@pytest.mark.parametrize("lang", LANGS)
def test_a_year_with_no_targets_says_so_and_leaves_out_areas_with_no_activities(pages, lang):
    page = pages[("record", "2023", lang)]  # only A7: strategic, planned, no SDG 11 target
    matrix, coverage = page.chart("sdg11-matrix"), page.chart("sdg11-coverage")
    assert (matrix.title, coverage.title) == (
        t("sdg11.matrix_title_empty", lang),
        t("sdg11.coverage_title_empty", lang),
    )
    assert matrix.table.empty and coverage.table.empty
    assert coverage.alt.startswith(t("sdg11.coverage_alt", lang, covered=0))
    share = page.chart("sdg11-share")
    # Areas with no activities have no share (not 0 %); strategic has 0 of 1.
    zero = "0\u00a0%" if lang == "sv" else "0%"
    assert share.table.values.tolist() == [[area(STRATEGIC, lang), 1, 0, zero]]
    assert share.title == t("sdg11.share_title_one", lang, share=zero, names=area(STRATEGIC, lang))
    goals = page.chart("sdg11-goals")
    assert goals.table.values.tolist() == [
        [11, goal(11, lang), 0, ""],
        [12, goal(12, lang), 1, ""],
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_store_shows_empty_charts_and_says_no_other_goals(pages, lang):
    page = pages[("empty", "all", lang)]
    assert [c.key for c in page.charts()] == ["sdg11-matrix", "sdg11-coverage", "sdg11-share"]
    assert all(c.table.empty for c in page.charts())
    assert page.chart("sdg11-share").title == t("sdg11.share_title_empty", lang)
    assert Heading(t("sdg11.goals_title_empty", lang), 3) in page.blocks
    assert Text(t("sdg11.goals_none", lang), "info") in page.blocks
    none = t("sdg11.target_count", lang, count="0")
    assert sum(s.endswith(f" – {none}") for s in page.texts()) == 10


def test_the_intro_is_the_heading_and_the_lead():
    assert sdg11.intro("en") == [
        Heading(t("sdg11.heading", "en"), 1),
        Text(t("sdg11.lead", "en")),
    ]
