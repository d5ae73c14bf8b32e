"""The bar charts drawn as SVG on the server (`uccn_data.reports.svg.bar_chart`, and
`dashboard.charts.svg` from a page's `bar` or `labelled_bar` block): what a reader sees in them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from dashboard import charts
from uccn_data.pages.model import Chart
from uccn_data.reports import texts
from uccn_data.reports.svg import LINE_HEIGHT, NARROW_WIDTH, bar_chart

HOSTILE = '<img src=x onerror="alert(1)">'
NB = "\u00a0"


def parse(svg: str) -> ET.Element:
    """The drawing as XML: it must be well formed, every name escaped."""
    return ET.fromstring(svg)  # noqa: S314 - our own drawing, parsed to check it


def bars(root: ET.Element) -> list[ET.Element]:
    """The bars (rects with a hover text), in drawing order: not the legend's swatches."""
    return [r for r in root.iter("rect") if r.find("title") is not None]


def tips(root: ET.Element) -> list[str]:
    return [r.find("title").text or "" for r in bars(root)]  # type: ignore[union-attr]


def words(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("text")]


def box(rect: ET.Element) -> tuple[float, float, float, float]:
    return tuple(float(rect.get(k, "0")) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


@pytest.mark.parametrize("horizontal", [False, True])
def test_names_from_files_are_drawn_as_text_never_as_markup(horizontal):
    svg = bar_chart(
        ["2021", HOSTILE],
        {HOSTILE: [1, 2], "Region": [3, 4]},
        alt=HOSTILE,
        prefix="chart-x",
        lang="sv",
        horizontal=horizontal,
        value_title=HOSTILE,
        category_title=HOSTILE,
        target=2,
        target_label=HOSTILE,
    )
    root = parse(svg)
    assert "<img" not in svg
    assert root.find("title") is not None and root.find("title").text == HOSTILE  # type: ignore[union-attr]
    # The legend (a series and the target), both titles and the category, as typed.
    assert words(root).count(HOSTILE) == 5
    assert f"{HOSTILE}, 2021: 1" in tips(root)


def test_a_value_not_reported_has_no_bar_and_says_so_never_0():
    root = parse(
        bar_chart(["2021", "2022", "2023"], {"": [5, None, 7]}, alt="a", prefix="p", lang="sv")
    )
    assert tips(root) == ["2021: 5", "2023: 7"]
    # Its words stand where its bar would be, and no bar (nor a "0") is drawn for it.
    drawn = words(root)
    assert texts.not_reported("sv") in drawn
    assert [w for w in drawn if w in ("5", "7", "0")] == ["0", "5", "7"]  # the axis' 0 only
    assert drawn.index(texts.not_reported("sv")) > drawn.index("5")


def test_each_bar_says_its_amount_the_readers_way():
    series = {"Östersund": [12500.0, 1250000.0]}
    sv = parse(bar_chart(["2021", "2022"], series, alt="a", prefix="p", lang="sv", unit="sek"))
    en = parse(bar_chart(["2021", "2022"], series, alt="a", prefix="p", lang="en", unit="sek"))
    assert tips(sv) == [
        f"Östersund, 2021: 12{NB}500{NB}kr",
        f"Östersund, 2022: 1{NB}250{NB}000{NB}kr",
    ]
    assert tips(en)[1] == f"Östersund, 2022: SEK{NB}1,250,000"
    assert f"1{NB}250{NB}000{NB}kr" in words(sv)
    # Words the page wrote itself are used as they are.
    own = parse(
        bar_chart(
            ["A", "B"], {"": [61.0, 67.0]}, labels={"": ["61 %", "67 %"]}, alt="a", prefix="p",
            lang="sv",
        )
    )  # fmt: skip
    assert tips(own) == ["A: 61 %", "B: 67 %"]
    assert {"61 %", "67 %"} <= set(words(own))


def test_upright_bars_stand_on_0_and_reach_their_value():
    root = parse(bar_chart(["A", "B"], {"": [10, 40]}, alt="a", prefix="p", lang="sv"))
    (xa, ya, _, ha), (xb, yb, _, hb) = (box(r) for r in bars(root))
    assert xa < xb
    assert ya + ha == pytest.approx(yb + hb)  # one foot: the 0 line
    assert hb == pytest.approx(4 * ha, rel=0.01)  # heights in proportion to the values
    assert root.get("viewBox") == f"0 0 800 {LINE_HEIGHT}"


def test_stacked_parts_follow_each_other_and_grouped_bars_stand_side_by_side():
    series = {"Östersund": [10.0, 20.0], "Region": [30.0, None]}
    stacked = bars(
        parse(
            bar_chart(
                ["Resor", "Projekt"], series, alt="a", prefix="p", lang="sv", horizontal=True,
                stacked=True,
            )
        )
    )  # fmt: skip
    # Resor: Östersund, then the region where Östersund's part ends, on one row.
    (x1, y1, w1, _), (x2, y2, w2, _), (x3, y3, w3, _) = (box(r) for r in stacked)
    assert (
        y1 == y2 and x2 == pytest.approx(x1 + w1, abs=0.2) and w2 == pytest.approx(3 * w1, abs=0.2)
    )
    assert (
        y3 > y1 and x3 == x1 and w3 == pytest.approx(2 * w1, abs=0.2)
    )  # Projekt: the region unknown
    grouped = bars(parse(bar_chart(["Resor", "Projekt"], series, alt="a", prefix="p", lang="sv")))
    (gx1, _, gw1, gh1), (gx2, _, _, gh2) = (box(r) for r in grouped[:2])
    assert gx2 == pytest.approx(gx1 + gw1, abs=0.2)  # beside it, never on top of it
    assert gh2 == pytest.approx(3 * gh1, abs=0.2)


def test_series_differ_by_hatching_as_well_as_colour():
    root = parse(
        bar_chart(["A"], {"Ö": [1], "R": [2], "E": [3]}, alt="a", prefix="chart-k", lang="sv")
    )
    fills = [r.get("fill") for r in bars(root)]
    assert fills[0].startswith("#") and fills[1:] == ["url(#chart-k-p1)", "url(#chart-k-p2)"]
    assert {p.get("id") for p in root.iter("pattern")} == {"chart-k-p1", "chart-k-p2"}
    # The legend names every series beside its swatch.
    assert {"Ö", "R", "E"} <= set(words(root))


def test_a_name_too_long_to_stand_under_its_bar_turns_the_bars_sideways():
    names = ["Information och marknadsföring", "Kompetensutveckling", "Strategisk utveckling"]
    wide = parse(bar_chart(names, {"": [1, 2, 3]}, alt="a", prefix="p", lang="sv"))
    narrow = parse(
        bar_chart(names, {"": [1, 2, 3]}, alt="a", prefix="p", lang="sv", width=NARROW_WIDTH)
    )
    # Every bar is named, whole where there is room ...
    assert set(names) <= set(words(wide))
    # ... and on a phone beside its bar, cut with "…" at most; the hover text has it whole.
    shown = [w for w in words(narrow) if w.endswith("…") or w in names]
    assert len(shown) == 3 and all(
        n.startswith(s.rstrip("…")) for s, n in zip(shown, names, strict=True)
    )
    assert tips(narrow) == [f"{n}: {v}" for n, v in zip(names, [1, 2, 3], strict=True)]
    (_, y1, _, h1), (_, y2, _, _) = (box(r) for r in bars(narrow)[:2])
    assert y2 > y1 + h1, "one row per name"


def test_the_target_is_a_dashed_line_named_in_the_legend():
    root = parse(
        bar_chart(
            ["2021", "2022"], {"": [50.0, 150.0]}, alt="a", prefix="p", lang="sv", unit="sek",
            target=100.0, target_label="Åtagande 100 000 kr per år",
        )
    )  # fmt: skip
    assert "Åtagande 100 000 kr per år" in words(root)
    dashed = [ln for ln in root.iter("line") if ln.get("stroke-dasharray") == "8 5"]
    across = [ln for ln in dashed if ln.get("y1") == ln.get("y2") and ln.get("x1") != ln.get("x2")]
    (_, y_low, _, h_low), (_, y_high, _, _) = (box(r) for r in bars(root))
    foot = y_low + h_low
    # At 100, between the bar of 50 and the top of the bar of 150.
    at = max(float(ln.get("y1", "0")) for ln in across)
    assert y_high < at < y_low
    assert foot - at == pytest.approx(2 * h_low, rel=0.02)


def test_mismatched_values_or_labels_are_refused():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        bar_chart(["a", "b", "c"], {"s": [1, 2]}, alt="a", prefix="p", lang="sv")
    with pytest.raises(ValueError, match="labels"):
        bar_chart(["a"], {"s": [1]}, labels={"s": []}, alt="a", prefix="p", lang="sv")
    with pytest.raises(ValueError, match="infinite"):
        bar_chart(["a"], {"s": [float("inf")]}, alt="a", prefix="p", lang="sv")


def block(kind: str, data: pd.DataFrame, unit: str = "count", **options: object) -> Chart:
    return Chart(
        key="k",
        title="t",
        kind=kind,
        data=data,
        alt="alt",
        table=data,
        options=dict(options),  # type: ignore[arg-type]
        unit=unit,
    )


def test_a_page_block_is_drawn_in_its_order_with_its_words():
    frame = pd.DataFrame(
        {
            "category": ["Resor", "Resor", "Projekt"],
            "funder": ["Östersunds kommun", "Region", "Region"],
            "amount_sek": [100.0, float("nan"), 300.0],
            "text": ["100 kr", "inga uppgifter", "300 kr"],
        }
    )
    drawing = charts.svg(
        block(
            "labelled_bar", frame, category="category", value="amount_sek", text="text",
            series="funder", horizontal=True, category_order=["Projekt", "Resor"],
        ),
        "sv",
    )  # fmt: skip
    # Projekt first, as ordered; Östersund has nothing for Projekt and the region's amount
    # for Resor is unknown: neither is a bar, neither is 0.
    assert tips(parse(drawing)) == ["Region, Projekt: 300 kr", "Östersunds kommun, Resor: 100 kr"]
    # Activities per category and area: an area with no row for a category has none there,
    # which is no bar and no words; a count that is NaN is not reported, and says so.
    counts = pd.DataFrame(
        {
            "category": ["Workshop", "Festival", "Workshop", "Mässa"],
            "area": ["Kultur", "Kultur", "Mat", "Mat"],
            "n": [3.0, 2.0, 1.0, float("nan")],
        }
    )
    drawing = parse(
        charts.svg(block("bar", counts, category="category", value="n", series="area",
                         stacked=False, horizontal=True), "sv")
    )  # fmt: skip
    assert tips(drawing) == ["Kultur, Workshop: 3", "Mat, Workshop: 1", "Kultur, Festival: 2"]
    assert words(drawing).count(texts.not_reported("sv")) == 1  # Mat, Mässa only
    shares = pd.DataFrame({"area": ["A", "B"], "percent": [61.0, 67.4]})
    drawing = charts.svg(
        block("bar", shares, category="area", value="percent", text_format="{:.0f} %"), "sv"
    )
    assert tips(parse(drawing)) == ["A: 61 %", "B: 67 %"]
    # The narrow drawing, for a phone, has its own ids.
    narrow = charts.svg(block("bar", shares, category="area", value="percent"), "sv", narrow=True)
    assert re.search(r'viewBox="0 0 420 ', narrow) and 'id="chart-k-narrow-title"' in narrow


def test_every_bar_is_named_whatever_room_the_value_axis_takes():
    # Upright, these names would fit under their columns only without the axis' wide
    # amounts and title: the bars turn sideways rather than leave a name out.
    names = ["A" * 20, "B" * 20, "C" * 20, "D" * 20]
    root = parse(
        bar_chart(names, {"": [1e7, 2, 3, 4]}, alt="a", prefix="p", lang="sv", unit="sek",
                  value_title="Belopp (kr)")
    )  # fmt: skip
    assert set(names) <= set(words(root))
    # A name that fits beside its bar is written whole, to its last letter.
    exact = parse(
        bar_chart(["Workshop", "Festival"], {"": [1, 2]}, alt="a", prefix="p", lang="sv",
                  horizontal=True)
    )  # fmt: skip
    assert {"Workshop", "Festival"} <= set(words(exact))
