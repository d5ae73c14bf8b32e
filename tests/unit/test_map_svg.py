"""The maps drawn as SVG on the server (`uccn_data.reports.svg`): the municipalities by
companies reached, and the partner cities over the coasts."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from uccn_data.reports.svg import MAP_FILL, municipality_map_chart, world_map_chart

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
