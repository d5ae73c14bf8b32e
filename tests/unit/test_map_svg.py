"""The maps drawn as SVG on the server (`uccn_data.reports.svg`): the municipalities by
companies reached, and the partner cities over the coasts."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from uccn_data.reports.svg import MAP_FILL, contrast_ratio, municipality_map_chart, world_map_chart

HOSTILE = '<img src=x onerror="alert(1)">'
HOME = (63.18, 14.64, "Östersund")
NAN = math.nan


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own drawing, parsed to check it


def world(outline, cities) -> ET.Element:
    return parse(world_map_chart(outline, HOME, cities, alt="a", prefix="p", lang="sv"))


def test_the_coasts_are_drawn_ring_by_ring_and_only_near_the_frame():
    # Two rings near home, and one point of the second far outside the frame (Antarctica).
    outline = (
        [10.0, 12.0, 12.0, NAN, 20.0, 22.0, 0.0, 22.0, 24.0],
        [60.0, 60.0, 62.0, NAN, 60.0, 61.0, -80.0, 62.0, 62.0],
    )
    coast = world(outline, [(60.4, 5.3, "Bergen", 1.0, "UCCN")]).find("path")
    assert coast is not None
    d = coast.get("d", "")
    # The first ring, then the second cut where it leaves the frame: never a line across it.
    assert d.count("M") == 3


def test_cities_are_named_and_grow_with_their_exchanges():
    cities = [(60.4, 5.3, HOSTILE, 1.0, "UCCN-stad"), (44.8, 10.3, "Parma", 8.0, "UCCN-stad")]
    svg = world_map_chart(([], []), HOME, cities, alt="a", prefix="p", lang="sv")
    root = parse(svg)
    assert "<img" not in svg
    words = [t.text for t in root.iter("text")]
    assert {HOSTILE, "Parma", "Östersund", "UCCN-stad"} <= set(words)
    markers = {c.find("title").text: float(c.get("r", "0")) for c in root.iter("circle") if c.find("title") is not None}  # type: ignore[union-attr]  # fmt: skip
    assert markers == {f"{HOSTILE}, UCCN-stad: 1": 5.5, "Parma, UCCN-stad: 8": 16.0}
    # Home is a star, named, with its name as hover text too.
    assert [p.find("title").text for p in root.iter("polygon") if p.find("title") is not None] == ["Östersund"]  # type: ignore[union-attr]  # fmt: skip


def test_each_municipality_is_shaded_by_its_number_and_names_it():
    square = [[(14.0, 63.0), (15.0, 63.0), (15.0, 64.0), (14.0, 64.0)]]
    other = [[(15.0, 63.0), (16.0, 63.0), (16.0, 64.0), (15.0, 64.0)]]
    root = parse(
        municipality_map_chart(
            {"2380": square, "2303": other},
            {"2380": (63.5, 14.5), "2303": (63.5, 15.5)},
            {"2380": "Östersund", "2303": HOSTILE},
            {"2380": 40.0},
            {"2380": "40"},
            alt="a",
            prefix="p",
        )
    )
    shapes = {p.find("title").text: p.get("fill") for p in root.iter("path")}  # type: ignore[union-attr]
    # Most: the darkest shade; none: the lightest, and "0" written, as the data says.
    assert shapes == {"Östersund: 40": MAP_FILL[-1], f"{HOSTILE}: 0": MAP_FILL[0]}
    words = [t.text for t in root.iter("text")]
    assert words == ["Östersund", "40", HOSTILE, "0"]
    # White on the darkest shade, dark text on the lightest.
    inks = [t.get("fill") for t in root.iter("text")]
    assert inks[:2] == ["#ffffff"] * 2 and inks[2:] == ["#1b2631"] * 2


def test_every_shade_of_the_map_has_words_that_read_at_4_5_to_1():
    codes = [str(c) for c in range(5)]
    squares = {
        c: [[(14.0 + i, 63.0), (15.0 + i, 63.0), (15.0 + i, 64.0)]] for i, c in enumerate(codes)
    }
    root = parse(
        municipality_map_chart(
            squares,
            {c: (63.5, 14.5 + i) for i, c in enumerate(codes)},
            {c: f"M{c}" for c in codes},
            {c: float(i) for i, c in enumerate(codes)},
            {c: str(i) for i, c in enumerate(codes)},
            alt="a",
            prefix="p",
        )
    )
    fills = {p.find("title").text.split(":")[0]: p.get("fill", "") for p in root.iter("path")}  # type: ignore[union-attr]
    assert sorted(fills.values()) == sorted(MAP_FILL)  # one of each shade
    for text in root.iter("text"):
        if (text.text or "").startswith("M"):
            assert contrast_ratio(text.get("fill", ""), fills[text.text or ""]) >= 4.5, text.text


def test_a_long_city_name_at_the_edge_stays_within_a_phones_drawing():
    name = "Rio de Janeiro (Brasilien)"
    svg = world_map_chart(
        ([], []), HOME, [(-22.9, -43.2, name, 1.0, "UCCN-stad")], alt="a", prefix="p",
        lang="sv", width=420,
    )  # fmt: skip
    label = next(t for t in parse(svg).iter("text") if t.text == name)
    half = 0.56 * 13 * len(name) / 2
    assert half <= float(label.get("x", "0")) <= 420 - half
