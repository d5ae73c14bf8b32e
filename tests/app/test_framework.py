"""Ramaktiviteter / Framework activities in real Streamlit (AppTest): the numbers shown are the
KPI functions' numbers, filters and search narrow them, and text from the data stays text."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pandas as pd
import pytest

from dashboard import i18n
from tests.app.conftest import drawn_charts, open_chart_data, svg_charts, tables
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.pages import words as text
from uccn_data.reports.svg import plain


def table(at, *columns: str) -> pd.DataFrame:
    """The first data table on the page whose columns start with `columns`."""
    open_chart_data(at)  # chart tables are sent once their "Visa data" is opened
    for frame in tables(at):
        if tuple(frame.value.columns[: len(columns)]) == columns:
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def expected_cards(conn, f: kpis.Filters, lang: str) -> list[tuple[str, str]]:
    """The cards per area; participants as reported: unknown in words, `ca` for estimates."""
    cards = []
    for r in kpis.framework_summary(conn, f).itertuples():
        own = kpis.activity_summary(conn, replace(f, framework_area=r.framework_area)).iloc[0]
        participants = i18n.total(own.activity_participants, own.activity_participants_approx, lang)
        cards += [
            (i18n.t("framework.activities", lang), i18n.number(r.activities, lang)),
            (i18n.t("framework.completed", lang), i18n.number(r.activities_completed, lang)),
            (i18n.t("framework.participants", lang), participants),
            (i18n.t("framework.sdg11_share", lang), i18n.percent(r.sdg11_aligned_share, lang)),
        ]
    return cards


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_cards_and_charts_show_the_kpi_functions_numbers(demo_store, open_page, lang):
    at = open_page(demo_store.path, "framework", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("framework.heading", lang)
    f = kpis.Filters()
    with demo_store.reading() as conn:
        cards = expected_cards(conn, f, lang)
        by = {d: kpis.activities_by_area(conn, f, d) for d in kpis.FRAMEWORK_DIMENSIONS}
        listed = kpis.activity_list(conn, f)
    assert [(m.label, m.value) for m in at.metric] == cards
    headings = [s.value for s in at.subheader]
    for area in ref.FRAMEWORK_AREAS.values():
        assert area(lang) in headings

    area_col, count_col = i18n.t("filter.area", lang), i18n.t("framework.col_activities", lang)
    for dimension, labels, heading in (
        ("theme", ref.THEMES, "filter.theme"),
        ("level", ref.LEVELS, "framework.col_level"),
        ("status", ref.STATUSES, "framework.col_status"),
    ):
        shown = table(at, area_col, i18n.t(heading, lang), count_col)
        want = {
            (ref.FRAMEWORK_AREAS[r.framework_area](lang), labels[r.category](lang)): r.activities
            for r in by[dimension].itertuples()
        }
        assert {(r[0], r[1]): r[2] for r in shown.itertuples(index=False)} == want

    # The headings state the findings and count each activity once (v2: the bars count an
    # activity in every area and theme it names, so they add up to more).
    held = listed[listed["status"] != "cancelled"]
    themes = pd.Series([k for keys in held["theme_all"] for k in keys]).value_counts()
    assert (themes == themes.max()).sum() == 1, "the demo has one most common theme"
    top = themes.idxmax()
    assert (
        i18n.t(
            "framework.theme_title",
            lang,
            names=text.markdown(ref.THEMES[top](lang)),
            count=themes[top],
            total=len(held),
        )
        in headings
    )
    several = int(sum(len(keys) > 1 for keys in held["framework_area_all"]))
    assert several, "the demo has activities in several framework areas"
    assert by["theme"]["activities"].sum() > len(held), "the bars count them in each"
    captions = [c.value for c in at.caption]
    assert i18n.t("framework.cards_note", lang, count=several, total=len(held)) in captions
    # The level chart counts an activity in each of its areas, and says so under the chart.
    assert i18n.t("framework.note_areas", lang, count=several, total=len(held)) in captions
    timeline = table(
        at, i18n.t("framework.col_title", lang), area_col, i18n.t("framework.col_start", lang)
    )
    assert len(timeline) == len(held)
    assert sorted(timeline.iloc[:, 0]) == sorted(held["title"])
    # Every chart is drawn as SVG on the server, so the page loads no Plotly at all, and
    # carries its alt text as its figure's label and its drawing's title.
    assert len(drawn_charts(at)) == 4
    assert not at.get("plotly_chart")
    drawings = svg_charts(at)
    assert len(drawings) == 4
    for drawing in drawings.values():
        label = re.search(r'aria-label="([^"]+)"', drawing)
        assert label and label[1] in drawing.split("<title", 1)[1]


def test_the_list_shows_every_activity_with_human_labels_and_dates(demo_store, open_page):
    at = open_page(demo_store.path, "framework", lang="en")
    with demo_store.reading() as conn:
        listed = kpis.activity_list(conn, kpis.Filters())
    shown = table(at, "Activity", "Framework activity", "Theme")
    assert len(shown) == len(listed)
    assert set(shown["Status"]) <= {label("en") for label in ref.STATUSES.values()}
    # v2: dates as they were written (a month, a year), never an invented day.
    assert list(shown["When"]) == [
        i18n.written_span(
            r.start_date, r.start_date_precision, r.end_date, r.end_date_precision, "en"
        )
        for r in listed.itertuples()
    ]
    assert (listed["start_date_precision"] != "day").any(), "the demo has months and years"
    # Every area an activity names, the main one first.
    assert list(shown["Framework activity"]) == [
        ", ".join(ref.FRAMEWORK_AREAS[a]("en") for a in areas)
        for areas in listed["framework_area_all"]
    ]
    assert any(
        i18n.t("framework.list_count", "en", shown=len(listed), total=len(listed)) == c.value
        for c in at.caption
    )


def test_choosing_a_framework_area_shows_only_that_one(demo_store, open_page):
    at = open_page(demo_store.path, "framework", area="strategic_development")
    assert not at.exception, at.exception
    f = kpis.Filters(framework_area="strategic_development")
    with demo_store.reading() as conn:
        cards = expected_cards(conn, f, "sv")
        by_theme = kpis.activities_by_area(conn, f, "theme")
    assert len(cards) == 4
    assert [(m.label, m.value) for m in at.metric] == cards
    # Its activities may name other areas too (v2); the chart shows only the chosen one.
    assert set(by_theme["framework_area"]) > {"strategic_development"}
    shown = table(at, "Ramaktivitet", "Tema", "Aktiviteter")
    assert set(shown["Ramaktivitet"]) == {"Strategisk utveckling"}
    mine = by_theme[by_theme["framework_area"] == "strategic_development"]
    assert shown["Aktiviteter"].sum() == mine["activities"].sum()

    # The sidebar changes the same numbers.
    at.selectbox(key="f_area").set_value("information_marketing").run()
    at.selectbox(key="f_year").set_value(2022).run()
    assert not at.exception, at.exception
    f = kpis.Filters(year=2022, framework_area="information_marketing")
    with demo_store.reading() as conn:
        cards = expected_cards(conn, f, "sv")
    assert [(m.label, m.value) for m in at.metric] == cards
    assert any("kvartal" in s.value for s in at.subheader), "one year is read by quarter"


def test_the_search_box_narrows_the_list(demo_store, open_page):
    at = open_page(demo_store.path, "framework")
    with demo_store.reading() as conn:
        listed = kpis.activity_list(conn, kpis.Filters())
    text = listed["title"] + " " + listed["partners"] + " " + listed["description"]
    text += " " + listed["results"] + " " + listed["lead_name"].fillna("")  # (v2)
    want = listed[text.str.casefold().str.contains("unescorådet")]
    assert 0 < len(want) < len(listed)

    at.text_input(key="framework-search").input("  UNESCORÅDET ").run()
    assert not at.exception, at.exception
    shown = table(at, "Aktivitet", "Ramaktivitet", "Tema")
    assert list(shown["Aktivitet"]) == list(want["title"])

    at.text_input(key="framework-search").input("ingen sådan aktivitet finns").run()
    assert any(i18n.t("framework.list_empty", "sv") == i.value for i in at.info)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_an_empty_store_shows_the_empty_state(empty_store, open_page, lang):
    at = open_page(empty_store.path, "framework", lang=lang)
    assert not at.exception, at.exception
    infos = [i.value for i in at.info]
    assert i18n.t("framework.empty", lang) in infos
    assert i18n.t("chart.empty", lang) in infos
    assert not at.get("plotly_chart")


def test_text_from_the_data_stays_text(store, load, open_page):
    title = "<script>alert(1)</script> **fet** rubrik"
    header = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig"]
    header += ["partner", "status", "beskrivning"]
    load(
        "activities",
        [
            header,
            ["X1", title, "kompetensutveckling", "mat", "2022-05-01", "regional", "gemensam",
             "<b>Partner</b>", "genomförd", "_kursiv_ <img src=x onerror=alert(1)>"],
        ],
    )  # fmt: skip
    at = open_page(store.path, "framework", lang="en")
    assert not at.exception, at.exception
    shown = table(at, "Activity", "Framework activity", "Theme")
    assert shown.loc[0, "Activity"] == title
    assert shown.loc[0, "Partners"] == "<b>Partner</b>"
    rendered = [m.value for m in (*at.markdown, *at.subheader, *at.caption, *at.header)]
    assert not any("<script>" in text or "**fet**" in text for text in rendered)
    # In the timeline the title is drawn as written: whole in its bar's hover text, and its
    # start beside the bar (cut with "…" to the room there), in the wide drawing and the phone's.
    timeline = svg_charts(at)["framework-timeline"]
    assert timeline.count(f"<title>{plain(title)}, ") == 2
    assert timeline.count(f">{plain(title[:12])}") == 4  # the two hover texts, the two names
    assert "<script>" not in timeline


V2_HEADER = ["aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "slutdatum", "nivå",
             "ansvarig", "ansvarig_namn", "parternas_roll", "kommun", "deltagare", "besökare",
             "antal_företag", "sdg11", "andra_hållbarhetsmål", "partner", "status",
             "beskrivning", "resultat", "länk"]  # fmt: skip
V2_ROWS = [
    ["P1", "Fjällmat över gränsen", "kompetensutveckling; strategisk utveckling",
     "mat/gastronomi; hållbar utveckling", "2018-05", "2021", "internationell", "extern",
     "Mittuniversitetet", "medarrangör", "hela länet; utomlands", "ca 250", "", "minst 20",
     "11.a", "8; 12.3", "", "genomförd", "", "**Ny** kunskapsbank [länk](http://x.example)",
     "https://example.org/fjallmat"],
    ["P2", "Matmarknad", "information och marknadsföring", "mat/gastronomi", "2022-08-20", "",
     "regional", "gemensam", "", "", "Östersund", "över 100", "ca 3 000", "", "", "", "",
     "genomförd", "", "", ""],
    ["P3", "Seminarium", "kompetensutveckling", "kultur", "2022", "", "regional", "region", "",
     "", "", "", "", "", "", "", "", "genomförd", "", "", ""],
]  # fmt: skip


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_v2_activities_are_shown_as_reported(store, load, open_page, lang):
    """Several areas and themes (the main one first), dates as written, approximate counts,
    an external lead with the parties' role, other SDGs, results and the link."""
    load("activities", [V2_HEADER, *V2_ROWS])
    at = open_page(store.path, "framework", lang=lang)
    assert not at.exception, at.exception
    t = i18n.t
    about, over = ("ca", ">") if lang == "sv" else ("about", ">")

    # Cards: P1 counts in both of its areas (and the 2018–2021 project counts in 2021-2024).
    cards = [(m.label, m.value) for m in at.metric]
    participants = t("framework.participants", lang)
    assert [v for k, v in cards if k == t("framework.activities", lang)] == ["1", "2", "1"]
    assert [v for k, v in cards if k == participants] == [
        f"{about} 100",  # information and marketing: P2, "over 100" (a sum with an estimate)
        f"{about} 250",  # competence development: P1, and P3 reported none
        f"{about} 250",  # strategic development: P1
    ]
    captions = [c.value for c in at.caption]
    assert t("framework.cards_note", lang, count=1, total=3) in captions
    assert t("framework.participants_note", lang, known=2, total=3) in captions
    # The theme chart counts P1 in two areas and two themes: the note says so.
    assert t("framework.note_theme", lang, count=1, total=3) in captions
    themes = table(at, t("filter.area", lang), t("filter.theme", lang))
    assert themes[t("framework.col_activities", lang)].sum() == 6  # P1 four times, P2, P3

    columns = ("framework.col_title", "filter.area", "filter.theme")
    shown = table(at, *(t(c, lang) for c in columns)).set_index(t("framework.col_title", lang))
    p1, p2, p3 = (
        shown.loc[title] for title in ("Fjällmat över gränsen", "Matmarknad", "Seminarium")
    )
    areas = ref.FRAMEWORK_AREAS
    assert p1[t("filter.area", lang)] == (
        f"{areas['competence_development'](lang)}, {areas['strategic_development'](lang)}"
    )
    assert p1[t("filter.theme", lang)] == (
        f"{ref.THEMES['gastronomy'](lang)}, {ref.THEMES['sustainable_development'](lang)}"
    )
    assert p1[t("framework.col_when", lang)] == (
        "maj 2018–2021" if lang == "sv" else "May 2018–2021"
    )
    assert p3[t("framework.col_when", lang)] == "2022"
    assert p2[t("framework.col_when", lang)] == i18n.day(pd.Timestamp("2022-08-20"), lang)
    assert p1[t("framework.col_lead", lang)] == t(
        "framework.external_lead", lang, name="Mittuniversitetet"
    )
    assert p1[t("framework.col_party_role", lang)] == ref.PARTY_ROLES["co_organiser"](lang)
    assert p1[t("filter.municipality", lang)] == (
        f"{ref.PLACES['county'](lang)}, {ref.PLACES['abroad'](lang)}"
    )
    assert p1[t("framework.col_participants", lang)] == f"{about} 250"
    assert p2[t("framework.col_participants", lang)] == f"{over} 100"
    assert p3[t("framework.col_participants", lang)] == i18n.not_reported(lang)  # never 0
    assert (
        p2[t("framework.col_visitors", lang)] == f"{about} 3{',' if lang == 'en' else chr(160)}000"
    )
    assert p1[t("framework.col_smes", lang)] == ("minst 20" if lang == "sv" else "at least 20")
    assert p1[t("framework.col_other_sdgs", lang)] == "8, 12.3"
    # User text is plain text: the Markdown link in the results stays as typed ...
    assert p1[t("framework.col_results", lang)] == "**Ny** kunskapsbank [länk](http://x.example)"
    # ... and the checked address is the one live link.
    assert p1[t("framework.col_url", lang)] == "https://example.org/fjallmat"
    assert pd.isna(p2[t("framework.col_url", lang)])
    listing = next(d for d in at.dataframe if t("framework.col_url", lang) in d.value.columns)
    link = json.loads(listing.proto.columns)[t("framework.col_url", lang)]
    assert link["type_config"]["type"] == "link"  # the only column that is a live link
    assert sum('"link"' in d.proto.columns for d in at.dataframe) == 1
    rendered = [m.value for m in (*at.markdown, *at.subheader, *at.caption, *at.header)]
    assert not any("x.example" in value for value in rendered)

    timeline = table(
        at, t("framework.col_title", lang), t("filter.area", lang), t("framework.col_start", lang)
    )
    row = timeline.set_index(t("framework.col_title", lang)).loc["Fjällmat över gränsen"]
    assert row[t("filter.area", lang)] == areas["competence_development"](lang)  # the main one
    assert row[t("framework.col_start", lang)] == ("maj 2018" if lang == "sv" else "May 2018")
    assert row[t("framework.col_end", lang)] == "2021"


def test_an_external_lead_is_found_by_its_name(store, load, open_page):
    load("activities", [V2_HEADER, *V2_ROWS])
    at = open_page(store.path, "framework", lang="en")
    at.text_input(key="framework-search").input("mittuniversitetet").run()
    assert not at.exception, at.exception
    assert list(table(at, "Activity", "Framework activity", "Theme")["Activity"]) == [
        "Fjällmat över gränsen"
    ]
