"""The projector's layout of a meeting screen: key figures split into value, target and status
in words (checked against the KPI functions), a table whose text stays text, bars whose long
names fit, and the numbers and notes behind a screen on demand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.unit.reports_support import AS_OF, shared_demo
from uccn_data import kpis
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.pages import model
from uccn_data.reports import projector, texts
from uccn_data.reports.builders import HEADLINE
from uccn_data.reports.content import format_table, screens
from uccn_data.reports.screen import ChartSpec, Screen
from uccn_data.reports.texts import t
from uccn_data.store import Store

NBSP = "\N{NO-BREAK SPACE}"


def screen(**changes: object) -> Screen:
    """A hand-made screen: two figures, one with a target at risk, and a two-bar chart."""
    chart = ChartSpec("bar", ["2023", "2024"], {"Utbyten": [3.0, None]})
    fields: dict[str, object] = {
        "key": "test",
        "name": "Test",
        "title": "Titel",
        "subtitle": "",
        "figures": [
            ("Utbyten", "52"),
            ("Medel använda", t("headline.figure", "sv", value="378 kr", target="400 kr", status="risk")),
        ],
        "table": pd.DataFrame({"År": ["2023", "2024"], "Utbyten": [3, None]}),
        "chart": chart,
        "alt": "Stapeldiagram: 2023 3, 2024 inga uppgifter.",
        "units": {"Utbyten": "count"},
    }  # fmt: skip
    fields.update(changes)
    return Screen(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_demo(tmp_path_factory)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(
    "f",
    [
        kpis.Filters(),
        # Behind, and a target with no value yet: the statuses a narrow selection brings.
        kpis.Filters(
            year=2023,
            framework_area="competence_development",
            theme="gastronomy",
            municipality="2380",
        ),
    ],
    ids=["period", "narrow"],
)
def test_each_headline_figure_has_the_target_and_status_the_kpi_functions_give(
    demo: Store, f: kpis.Filters, lang: str
) -> None:
    with demo.reading() as conn:
        headline = screens(conn, f, lang, as_of=AS_OF)[0]
        rows = kpis.headline(conn, f, AS_OF).set_index("kpi").loc[list(HEADLINE)]
    found = {f.label: f for f in projector.figures(headline, lang)}
    with_status = 0
    for key, row in rows.iterrows():
        figure = found[KPI_DEFINITIONS[str(key)].name(lang)]
        if isinstance(row["status"], str):
            with_status += 1
            assert figure.status_key == row["status"]
            assert figure.status == t(f"status.{row['status']}", lang)
            assert figure.target == texts.figure(str(key), row["target"], lang)
            if key != "smes_reached":  # a sum with approximate counts reads `ca 398`
                assert figure.value == texts.figure(str(key), row["value"], lang)
        elif pd.isna(row["target"]):
            assert (figure.target, figure.status, figure.status_key) == ("", "", "")
        else:  # a target, but no value yet or nothing expected yet: said so, not hidden
            assert figure.status_key in ("no_value", "not_yet")
    assert with_status >= 4  # the demo has targets for most key figures
    # Nothing is lost in the split: the parts written back give the screen's own figure.
    for (label, written), figure in zip(headline.figures, found.values(), strict=True):
        rebuilt = t("headline.figure", lang, value=figure.value, target=figure.target, status=figure.status)  # fmt: skip
        assert (label, written) == (figure.label, rebuilt if figure.status else figure.value)


def test_the_status_words_can_be_told_apart() -> None:
    for lang in ("sv", "en"):
        words = [t(f"status.{key}", lang) for key in projector.STATUSES]
        assert len(set(words)) == len(words)
        assert not any(", " in word for word in words)  # the template ends ", {status})"


def test_a_figure_whose_value_only_looks_like_a_target_stays_whole() -> None:
    odd = screen(figures=[("Citat", "12 (mål 3, okänt läge)")])
    assert projector.figures(odd, "sv") == [projector.Figure("Citat", "12 (mål 3, okänt läge)")]


def test_the_figure_table_reads_status_in_words_and_needs_attention_in_bold() -> None:
    table = projector.figure_table(projector.figures(screen(), "sv"), "sv")
    assert list(table.columns) == ["Nyckeltal", "Värde", "Mål", "Läge"]
    assert table.to_dict("records") == [
        {"Nyckeltal": "Utbyten", "Värde": "**52**", "Mål": "", "Läge": ""},
        {
            "Nyckeltal": "Medel använda",
            "Värde": f"**378{NBSP}kr**",
            "Mål": f"400{NBSP}kr",
            "Läge": f"**⚠{NBSP}Risk**",
        },
    ]


def test_a_figure_table_without_targets_has_no_target_or_status_column() -> None:
    plain = screen(figures=[("Utbyten", "52"), ("Partnerländer", "21")])
    table = projector.figure_table(projector.figures(plain, "en"), "en")
    assert list(table.columns) == ["Key figure", "Value"]
    assert projector.widths(projector.figures(plain, "en")) == [4, 6]
    assert projector.widths(projector.figures(screen(), "sv")) == [7, 5]


def test_names_in_the_figure_table_stay_text_in_markdown() -> None:
    tricky = screen(figures=[("**Fet** [länk](http://x.se) :red[röd] $x$", "1")])
    label = projector.figure_table(projector.figures(tricky, "sv"), "sv").iloc[0, 0]
    # Every Markdown mark is escaped, so Streamlit shows the characters as they were typed.
    for mark in ("*", "[", "]", "(", ")", ":", "$"):
        assert f"\\{mark}" in label
    shown = label.replace("\\", "").replace("\N{WORD JOINER}", "")  # (it breaks autolinks)
    assert shown == "**Fet** [länk](http://x.se) :red[röd] $x$"


def test_short_categories_are_upright_bars_with_values_written_the_readers_way() -> None:
    chart = projector.chart(screen(), "sv")
    assert chart is not None
    assert chart.kind == "labelled_bar" and chart.alt == screen().alt
    assert chart.options == {
        "category": "category", "value": "value", "text": "text", "series": None,
        "horizontal": False, "stacked": False,
    }  # fmt: skip
    assert chart.data["category"].tolist() == ["2023", "2024"]
    assert chart.data["text"].tolist() == ["3", ""]  # a missing value is no bar and no label


def test_long_category_names_lie_beside_horizontal_bars_wrapped_and_escaped() -> None:
    long = ChartSpec(
        "bar",
        ["Östersunds kommuns medel använda", "<b>Fet</b>"],
        {"Kommunen": [1000.0, 2.0], "Regionen": [500.0, 0.0]},
        "sek",
    )
    chart = projector.chart(screen(chart=long), "sv")
    assert chart is not None
    assert chart.options["horizontal"] is True and chart.options["series"] == "series"
    assert chart.data["category"].tolist()[:2] == [
        "Östersunds kommuns medel<br>använda",
        "&lt;b&gt;Fet&lt;/b&gt;",
    ]
    assert chart.data["series"].tolist() == ["Kommunen", "Kommunen", "Regionen", "Regionen"]
    assert chart.data["text"].tolist()[0] == f"1{NBSP}000{NBSP}kr"


def test_a_screen_without_a_chart_has_none() -> None:
    assert projector.chart(screen(chart=None), "sv") is None


def test_the_numbers_and_notes_open_on_demand_as_plain_text() -> None:
    listed = screen(
        notes=["Deltagarantal rapporterat för 5 av 6 aktiviteter."],
        listing=[("Avtal", ["Avsiktsförklaring med *Bergen* (maj 2023)"])],
    )
    numbers, notes = projector.on_demand(listed, "sv")
    assert isinstance(numbers, model.Expander) and numbers.label == "Visa data"
    alt, table, heading, items = numbers.blocks
    assert alt == model.Text("Diagram: " + listed.alt, "plain")
    assert isinstance(table, model.Table)
    pd.testing.assert_frame_equal(table.frame, format_table(listed, "sv"))
    assert heading == model.Heading("Avtal", 2)
    assert items == model.Text("• Avsiktsförklaring med *Bergen* (maj 2023)", "plain")
    assert isinstance(notes, model.Expander) and notes.label == "Så läses siffrorna"
    assert notes.blocks == [model.Text(listed.notes[0], "plain")]
    # Without notes there is nothing to open for them.
    assert len(projector.on_demand(screen(), "en")) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2026-01-31", date(2026, 1, 31)), ("", None), (None, None), ("förra tisdagen", None)],
)
def test_the_meeting_date_from_a_link(raw: str | None, expected: date | None) -> None:
    assert projector.meeting_date(raw) == expected
