"""The matrix drawn as SVG on the server (`uccn_data.reports.svg.heatmap_chart`, the SDG 11
page's areas by targets): what a reader sees in it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from dashboard import charts
from uccn_data.pages.model import Chart
from uccn_data.reports.screen import PALETTE
from uccn_data.reports.svg import LOW, NARROW_WIDTH, contrast_ratio, heatmap_chart

HOSTILE = '<img src=x onerror="alert(1)">'
AREAS = ["Information och marknadsföring", "Kompetensutveckling", "Strategisk utveckling"]
TARGETS = ["11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.a", "11.b", "11.c"]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own drawing, parsed to check it


def cells(root: ET.Element) -> list[tuple[str, str]]:
    """(fill, hover text) of every cell, in drawing order."""
    return [
        (r.get("fill", ""), r.find("title").text or "")  # type: ignore[union-attr]
        for r in root.iter("rect")
        if r.find("title") is not None
    ]


def test_every_cell_has_its_number_written_in_words_that_read_on_its_shade():
    values = [[0.0, 5.0], [1479.0, 12.0]]
    root = parse(
        heatmap_chart(["A", "B"], ["11.1", "11.4"], values, alt="a", prefix="p", lang="sv")
    )
    assert [tip for _, tip in cells(root)] == [
        "A, 11.1: 0",
        "A, 11.4: 5",
        "B, 11.1: 1\u00a0479",
        "B, 11.4: 12",
    ]
    fills = [fill for fill, _ in cells(root)]
    assert fills[0] == LOW and fills[2] == PALETTE[0]  # none, and the most
    # Each number is written on its cell, in dark or white: whichever reads at 4.5:1.
    numbers = {t.text: t.get("fill") for t in root.iter("text") if t.text and t.text[0].isdigit()}
    assert set(numbers) >= {"0", "5", "1\u00a0479", "12"}
    for fill, tip in cells(root):
        ink = numbers[tip.rsplit(": ", 1)[1]]
        assert contrast_ratio(ink, fill) >= 4.5, (tip, ink, fill)


def test_names_from_files_are_drawn_as_text_never_as_markup():
    svg = heatmap_chart([HOSTILE], [HOSTILE], [[3.0]], alt=HOSTILE, prefix="p", lang="en")
    root = parse(svg)
    assert "<img" not in svg
    assert root.find("title").text == HOSTILE  # type: ignore[union-attr]
    assert cells(root) == [(PALETTE[0], f"{HOSTILE}, {HOSTILE}: 3")]


def test_on_a_phone_the_areas_become_the_columns_so_that_the_numbers_fit():
    values = [[float(100 * (a + 1) + t) for t in range(10)] for a in range(3)]
    wide = parse(heatmap_chart(AREAS, TARGETS, values, alt="a", prefix="p", lang="sv"))
    narrow = parse(
        heatmap_chart(AREAS, TARGETS, values, alt="a", prefix="p", lang="sv", width=NARROW_WIDTH)
    )
    width = {
        name: {float(r.get("width", "0")) for r in root.iter("rect")}
        for name, root in (("wide", wide), ("narrow", narrow))
    }
    assert len(width["narrow"]) == 1 and min(width["narrow"]) > 4 * 7.84  # "1 009" fits
    # Three columns of ten rows: the hover texts still say area, then target.
    tips = [tip for _, tip in cells(narrow)]
    assert tips[:3] == [
        f"{AREAS[0]}, 11.1: 100",
        f"{AREAS[1]}, 11.1: 200",
        f"{AREAS[2]}, 11.1: 300",
    ]
    assert sorted(tips) == sorted(tip for _, tip in cells(wide))
    # Every target is named, and every area whole or wrapped over its column.
    words = " ".join(t.text or "" for t in narrow.iter("text"))
    assert all(target in words for target in TARGETS)
    assert all(word in words for area in AREAS for word in area.split() if len(word) < 12)


def test_a_page_block_sums_its_cells_and_counts_none_as_0():
    frame = pd.DataFrame(
        {"area": ["A", "A", "B"], "target": ["11.1", "11.1", "11.4"], "n": [2, 3, 1]}
    )
    block = Chart(
        key="m",
        title="t",
        kind="heatmap",
        data=frame,
        alt="alt",
        table=frame,
        options={
            "row": "area",
            "column": "target",
            "value": "n",
            "row_order": ["A", "B"],
            "column_order": ["11.1", "11.4"],
        },
    )
    tips = [tip for _, tip in cells(parse(charts.svg(block, "sv")))]
    assert tips == ["A, 11.1: 5", "A, 11.4: 0", "B, 11.1: 0", "B, 11.4: 1"]


def test_a_matrix_of_the_wrong_shape_is_refused():
    with pytest.raises(ValueError, match="2 rows of 1 values"):
        heatmap_chart(["a", "b"], ["x"], [[1.0]], alt="a", prefix="p", lang="sv")
    with pytest.raises(ValueError, match="not finite"):
        heatmap_chart(["a"], ["x"], [[float("nan")]], alt="a", prefix="p", lang="sv")


def test_the_words_read_at_4_5_to_1_on_every_shade_of_the_scale():
    """The middle shades too, where neither the dark text nor white reaches 4.5:1."""
    steps = [float(v) for v in range(0, 101, 4)]
    root = parse(
        heatmap_chart(["A"], [f"c{v:.0f}" for v in steps], [steps], alt="a", prefix="p", lang="en")
    )
    inks = {t.text: t.get("fill", "") for t in root.iter("text") if (t.text or "").isdigit()}
    for fill, tip in cells(root):
        assert contrast_ratio(inks[tip.rsplit(": ", 1)[1]], fill) >= 4.5, tip
