"""The timeline drawn as SVG on the server (`uccn_data.reports.svg.timeline_chart`, the
Framework page's activities): what a reader sees in it."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from datetime import date

import pandas as pd
import pytest

from dashboard import charts
from uccn_data.pages.model import Chart
from uccn_data.reports.svg import NAMED_ROW, TIMELINE_ROOM, timeline_chart

HOSTILE = '<img src=x onerror="alert(1)">'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own drawing, parsed to check it


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter("rect") if r.find("title") is not None]


def ticks(root: ET.Element) -> dict[str, float]:
    """The dates written under the plot -> the x of their grid line."""
    lines = [ln for ln in root.iter("line") if ln.get("x1") == ln.get("x2")]
    texts = [t for t in root.iter("text") if t.text and t.text[:2] in ("20", "19")]
    return {t.text or "": float(ln.get("x1", "0")) for t, ln in zip(texts, lines, strict=True)}


def draw(starts, ends, rows=None, series=None, **kw) -> ET.Element:
    n = len(starts)
    return parse(
        timeline_chart(
            rows or [f"A{i}" for i in range(n)],
            starts,
            ends,
            series or ["Kompetensutveckling"] * n,
            [f"tip {i}" for i in range(n)],
            alt="alt",
            prefix="p",
            **kw,
        )
    )


def test_an_activity_runs_from_its_first_to_its_last_day_on_a_year_axis():
    root = draw([date(2021, 1, 1), date(2023, 6, 1)], [date(2021, 12, 31), date(2023, 6, 1)])
    at = ticks(root)
    assert list(at) == ["2021", "2022", "2023", "2024"]
    year, one_day = bars(root)
    # "2021" as written: from the 2021 line to the 2022 line, its last day included.
    assert float(year.get("x", "0")) == pytest.approx(at["2021"], abs=0.1)
    right = float(year.get("x", "0")) + float(year.get("width", "0"))
    assert right == pytest.approx(at["2022"], abs=0.1)
    # A one-day event still shows.
    assert float(one_day.get("width", "0")) >= 2
    assert [b.find("title").text for b in bars(root)] == ["tip 0", "tip 1"]  # type: ignore[union-attr]


def test_a_short_span_is_read_by_month_and_a_longer_one_by_every_third():
    short = ticks(draw([date(2024, 3, 5)], [date(2024, 5, 20)]))
    assert list(short) == ["2024-03", "2024-04", "2024-05", "2024-06"]
    longer = ticks(draw([date(2024, 1, 5)], [date(2024, 12, 20)]))
    assert list(longer) == ["2024-01", "2024-04", "2024-07", "2024-10", "2025-01"]


def test_many_activities_get_thinner_rows_and_their_names_in_the_hover_text_only():
    n = 150
    root = draw([date(2022, 1, 1)] * n, [date(2022, 2, 1)] * n)
    heights = {float(b.get("height", "0")) for b in bars(root)}
    assert len(heights) == 1 and (min(heights) + 2) * n <= TIMELINE_ROOM + 1
    assert min(heights) + 2 < NAMED_ROW
    assert not [t for t in root.iter("text") if (t.text or "").startswith("A1")]
    few = draw([date(2022, 1, 1)] * 3, [date(2022, 2, 1)] * 3)
    assert [t.text for t in few.iter("text") if (t.text or "").startswith("A")] == [
        "A0",
        "A1",
        "A2",
    ]


def test_areas_keep_their_colour_and_hatching_in_the_legends_order():
    root = draw(
        [date(2022, 1, 1)] * 3,
        [date(2022, 2, 1)] * 3,
        series=["Strategisk utveckling", HOSTILE, "Strategisk utveckling"],
        rows=[HOSTILE, "b", "c"],
    )
    fills = [b.get("fill") for b in bars(root)]
    assert fills[0] == fills[2] != fills[1] == "url(#p-p1)"
    words = [t.text for t in root.iter("text")]
    assert words[:2] == ["Strategisk utveckling", HOSTILE]  # the legend, escaped as drawn


def test_mismatched_or_backwards_activities_are_refused():
    with pytest.raises(ValueError, match="one entry each"):
        timeline_chart(["a"], [], [], [], [], alt="a", prefix="p")
    with pytest.raises(ValueError, match="before its start"):
        draw([date(2022, 2, 1)], [date(2022, 1, 1)])


def test_a_page_block_leaves_out_a_row_with_no_start_and_never_ends_before_it_starts():
    frame = pd.DataFrame(
        {
            "row": ["Matmarknad", "Okänd", "Seminarium"],
            "start": pd.to_datetime(["2022-08-20", None, "2022-01-01"]),
            "end": pd.to_datetime(["2022-08-20", None, "2022-12-31"]),
            "area": ["Information", "Information", "Kompetens"],
            "hover": ["Matmarknad, 20 aug 2022", "Okänd", "Seminarium, 2022"],
        }
    )
    block = Chart(
        key="t",
        title="t",
        kind="timeline",
        data=frame,
        alt="alt",
        table=frame,
        options={"start": "start", "end": "end", "row": "row", "series": "area", "hover": "hover"},
    )
    root = parse(charts.svg(block, "sv"))
    assert [b.find("title").text for b in bars(root)] == [  # type: ignore[union-attr]
        "Matmarknad, 20 aug 2022",
        "Seminarium, 2022",
    ]


def test_on_a_phone_the_dates_under_the_plot_never_run_together():
    for first, last in ((date(2014, 1, 1), date(2024, 12, 31)), (date(2023, 1, 15), date(2024, 12, 20))):  # fmt: skip
        root = draw([first], [last], width=420)
        dates = [t for t in root.iter("text") if (t.text or "")[:2] == "20"]
        xs = [float(t.get("x", "0")) for t in dates]
        widest = max(0.56 * 14 * len(t.text or "") for t in dates)
        assert len(dates) >= 3 and all(b - a > widest for a, b in itertools.pairwise(xs))
        assert dates[0].text in (str(first.year), f"{first:%Y-%m}")
