"""The line charts drawn as SVG on the server (`uccn_data.reports.svg.line_chart`, and
`dashboard.charts.svg` from a page's chart block): what a reader sees in them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from dashboard import charts
from uccn_data.pages.model import Chart
from uccn_data.reports import texts
from uccn_data.reports.svg import line_chart

HOSTILE = '<img src=x onerror="alert(1)">'


def parse(svg: str) -> ET.Element:
    """The drawing as XML: it must be well formed, every name escaped."""
    return ET.fromstring(svg)  # noqa: S314 - our own drawing, parsed to check it


def hover_texts(root: ET.Element) -> list[str]:
    """The markers' hover texts, in drawing order (the chart's own title excluded)."""
    return [
        title.text or ""
        for element in root.iter()
        if element.tag in ("circle", "rect", "polygon")
        for title in element.findall("title")
    ]


def drawn_words(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("text")]


def test_names_from_files_are_drawn_as_text_never_as_markup():
    svg = line_chart(
        ["2021", HOSTILE],
        {HOSTILE: [1, 2], "Region": [3, 4]},
        alt=HOSTILE,
        prefix="chart-x",
        lang="sv",
        value_title=HOSTILE,
        target=2,
        target_label=HOSTILE,
    )
    root = parse(svg)
    assert "<img" not in svg
    assert root.find("title") is not None and root.find("title").text == HOSTILE
    # The legend, the value axis' title, the category and the target's label, as typed.
    assert drawn_words(root).count(HOSTILE) == 4
    assert f"{HOSTILE}, 2021: 1" in hover_texts(root)


def test_a_value_not_reported_is_a_gap_never_0():
    root = parse(
        line_chart(["2021", "2022", "2023"], {"": [5, None, 7]}, alt="a", prefix="p", lang="sv")
    )
    assert hover_texts(root) == ["2021: 5", "2023: 7"]
    # Two runs of one point each: nothing joins 2021 to 2023 across the gap.
    assert root.findall("polyline") == []
    # The values written beside the markers (one short series): 5 and 7, no 0 between.
    assert [t.text for t in root.iter("text") if t.get("font-size") == "13"] == ["5", "7"]


def test_values_are_written_the_readers_way():
    series = {"Östersund": [12500.0, 1250000.0]}
    sv = parse(line_chart(["2021", "2022"], series, alt="a", prefix="p", lang="sv", unit="sek"))
    en = parse(line_chart(["2021", "2022"], series, alt="a", prefix="p", lang="en", unit="sek"))
    assert hover_texts(sv) == [
        f"Östersund, 2021: {texts.money(12500, 'sv')}",
        f"Östersund, 2022: {texts.money(1250000, 'sv')}",
    ]
    assert hover_texts(en)[1] == "Östersund, 2022: SEK\u00a01,250,000"
    # A single series of a few points also has its values written beside the markers.
    assert texts.money(1250000, "sv") in drawn_words(sv)
    # The axis is in plain numbers (its title names the currency): no "0 kr" beside a line
    # whose amounts may not be reported.
    assert "0" in drawn_words(sv) and texts.money(0, "sv") not in drawn_words(sv)
    ratio = parse(line_chart(["2021"], {"": [1.734]}, alt="a", prefix="p", lang="sv", unit="ratio"))
    assert hover_texts(ratio) == ["2021: 1,73"]
    half = parse(line_chart(["2024-03"], {"": [42.5]}, alt="a", prefix="p", lang="sv"))
    assert hover_texts(half) == ["2024-03: 42,5"]


def test_the_value_axis_reaches_the_target_and_its_ticks_are_round():
    root = parse(
        line_chart(
            ["2021", "2022"], {"": [1, 2]}, alt="a", prefix="p", lang="sv", unit="ratio",
            target=3.2, target_label="Mål 3,20",
        )
    )  # fmt: skip
    words = drawn_words(root)
    assert "Mål 3,20" in words
    # Round ticks from 0 past the target; the values beside the markers with their decimals.
    assert words[:5] == ["0", "1", "2", "3", "4"] and words[-3:-1] == ["1,00", "2,00"]
    small = parse(line_chart(["2021"], {"": [0.9]}, alt="a", prefix="p", lang="sv", unit="ratio"))
    assert drawn_words(small)[:6] == ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0"]
    # The target line lies inside the drawing, above the highest value.
    lines = [e for e in root.iter("line") if e.get("stroke-dasharray") == "8 5"]
    assert len(lines) == 1 and 0 < float(lines[0].get("y1")) < 360


def test_long_runs_of_months_name_only_every_few_so_names_never_overlap():
    months = [d.strftime("%Y-%m") for d in pd.date_range("2021-01-01", periods=48, freq="MS")]
    root = parse(
        line_chart(months, {"A": list(range(48)), "B": [None] * 48}, alt="a", prefix="p", lang="sv")
    )
    named = [w for w in drawn_words(root) if w in months]
    assert named[0] == "2021-01" and 6 <= len(named) < 48
    assert named == sorted(named)
    # Every month is still given in its marker's hover text; B is in the legend, with no marker.
    assert hover_texts(root) == [f"A, {m}: {i}" for i, m in enumerate(months)]
    assert "B" in drawn_words(root)


def test_a_series_with_the_wrong_number_of_values_is_refused():
    with pytest.raises(ValueError, match="has 1 values for 2 categories"):
        line_chart(["2021", "2022"], {"A": [1]}, alt="a", prefix="p", lang="sv")


def block(kind: str, data: pd.DataFrame, **options: object) -> Chart:
    return Chart(
        key="k",
        title="t",
        kind=kind,
        data=data,
        alt="alt",
        table=data,
        options=dict(options),  # type: ignore[arg-type]
    )


def test_a_page_block_is_drawn_with_years_and_months_as_readers_write_them():
    years = pd.DataFrame(
        {
            "year": [2022, 2021, 2022, 2021, 2023],
            "n": [4.0, 3.0, float("nan"), 5.0, 6.0],
            "area": ["B", "A", "A", "B", "A"],
        }
    )
    root = parse(charts.svg(block("lines", years, x="year", y="n", series="area"), "sv"))
    # Years in order within each series; A unknown in 2022 (no marker, not 0).
    assert hover_texts(root) == ["B, 2021: 5", "B, 2022: 4", "A, 2021: 3", "A, 2023: 6"]
    months = pd.DataFrame({"month": pd.to_datetime(["2024-03-01", "2024-04-01"]), "h": [1, 2]})
    drawing = charts.svg(
        block("lines_over_target", months, x="month", y="h", monthly=True, target=None,
              target_label=""), "en",
    )  # fmt: skip
    assert hover_texts(parse(drawing)) == ["2024-03: 1", "2024-04: 2"]
    with pytest.raises(ValueError, match="no SVG drawing for pie"):
        charts.svg(block("pie", years, x="year", y="area"), "sv")


def test_a_month_or_year_nobody_reported_keeps_its_place_as_a_gap():
    months = pd.DataFrame(
        {"month": pd.to_datetime(["2022-03-01", "2022-01-01"]), "h": [160.5, 150]}
    )
    root = parse(charts.svg(block("lines", months, x="month", y="h", monthly=True), "sv"))
    assert [w for w in drawn_words(root) if w.startswith("2022")] == [
        "2022-01",
        "2022-02",
        "2022-03",
    ]
    assert hover_texts(root) == ["2022-01: 150", "2022-03: 160,5"]
    assert root.findall("polyline") == []  # nothing drawn across February
    years = pd.DataFrame({"year": [2024, 2021, 2022], "n": [3, 1, 2]})
    root = parse(charts.svg(block("lines", years, x="year", y="n"), "sv"))
    assert hover_texts(root) == ["2021: 1", "2022: 2", "2024: 3"]
    assert "2023" in drawn_words(root)
    # The line is broken at 2023: one stretch 2021-2022, 2024 alone.
    assert len(root.findall("polyline")) == 1
    assert len(root.find("polyline").get("points").split()) == 2


def test_line_breaks_in_names_cannot_end_the_html_block_they_are_shown_in():
    sneaky = "Region\n\n![x](https://evil.example/p.png)"
    svg = line_chart(["2021"], {sneaky: [1]}, alt=sneaky, prefix="p", lang="sv", value_title=sneaky)
    assert "\n" not in svg
    assert "Region ![x](https://evil.example/p.png)" in drawn_words(parse(svg))


def test_nan_is_not_reported_and_an_infinite_value_is_refused():
    nan = float("nan")
    root = parse(
        line_chart(["2021", "2022"], {"": [nan, 2]}, alt="a", prefix="p", lang="sv", target=nan)
    )
    assert hover_texts(root) == ["2022: 2"]
    assert not [e for e in root.iter("line") if e.get("stroke-dasharray") == "8 5"]
    with pytest.raises(ValueError, match="infinite"):
        line_chart(["2021"], {"": [float("inf")]}, alt="a", prefix="p", lang="sv")


def test_eight_series_are_told_apart_by_more_than_colour():
    series = {f"S{i}": [float(i)] for i in range(8)}
    root = parse(line_chart(["2021"], series, alt="a", prefix="p", lang="sv"))
    markers = [
        (e.tag, e.get("fill") == "#ffffff", e.get("points", "").count(" "))
        for e in root.iter()
        if e.tag in ("circle", "rect", "polygon") and e.find("title") is not None
    ]
    assert len(markers) == 8 and len(set(markers)) == 8


def test_share_ticks_keep_the_decimals_of_their_step():
    root = parse(
        line_chart(
            ["2021", "2022"], {"": [0.03, 0.12]}, alt="a", prefix="p", lang="sv", unit="share"
        )
    )
    assert drawn_words(root)[:3] == ["0,0\u00a0%", "2,5\u00a0%", "5,0\u00a0%"]
