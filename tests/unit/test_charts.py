"""Charts meet WCAG's contrast for graphics, and maps are drawn from geometry on this machine."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from dashboard import charts
from tests.conftest import ROOT
from uccn_data import geometry
from uccn_data import reference as ref
from uccn_data.reports import svg as svg_charts


@pytest.mark.parametrize(
    "colour", [*charts.PALETTE, *charts.STATUS_COLOURS.values(), charts.TARGET_LINE]
)
def test_every_chart_colour_has_3_to_1_contrast_on_the_background(colour):
    assert charts.contrast_ratio(colour, charts.BACKGROUND) >= 3.0


def test_contrast_ratio_matches_known_values():
    assert charts.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert charts.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_series_differ_by_more_than_colour():
    assert len(set(charts.PATTERNS)) == len(charts.PATTERNS)
    assert len(set(svg_charts.MARKERS)) == len(svg_charts.MARKERS)
    assert len(set(svg_charts.DASHES)) == len(svg_charts.DASHES)
    frame = pd.DataFrame({"c": ["a", "b", "a", "b"], "v": [1, 2, 3, 4], "s": ["x", "x", "y", "y"]})
    fig = charts.bar(frame, "c", "v", series="s")
    assert [t.marker.pattern.shape for t in fig.data] == ["", "/"]
    # The hatching goes over the colour; with Plotly's default it replaces it (empty bars).
    assert {t.marker.pattern.fillmode for t in fig.data} == {"overlay"}
    assert [t.marker.color for t in fig.data] == list(charts.PALETTE[:2])


def test_a_map_series_keeps_its_look_whichever_others_are_shown():
    """UCCN member, not a member, membership unknown: each keeps its colour and marker."""
    order = ["UCCN city", "Not a UCCN city", "Membership unknown"]
    cities = [
        (60.4, 5.3, "Bergen", 3.0, "Membership unknown"),
        (63.8, 20.3, "Umeå", 1.0, "Membership unknown"),
        (44.8, 10.3, "Parma", 2.0, "UCCN city"),
    ]

    def looks(part: list[tuple[float, float, str, float, str]]) -> dict[str, tuple[str, str]]:
        """Series -> (marker shape, colour) of its cities, from their hover texts."""
        drawing = ET.fromstring(  # noqa: S314 - our own drawing
            svg_charts.world_map_chart(
                ([0.0, 1.0], [0.0, 1.0]),
                (63.18, 14.64, "Östersund"),
                part,
                order,
                alt="a",
                prefix="p",
                lang="en",
            )
        )
        found = {}
        for marker in drawing:
            tip = marker.find("title")
            if tip is not None and tip.text and ", " in tip.text:
                series = tip.text.split(", ", 1)[1].split(":")[0]
                found[series] = (marker.tag, marker.get("fill") or "")
        return found

    both = looks(cities)
    assert list(both) == ["Membership unknown", "UCCN city"]
    assert both["Membership unknown"] == ("polygon", charts.PALETTE[2])  # the third: a diamond
    assert both["UCCN city"] == ("circle", charts.PALETTE[0])
    assert looks(cities[:2]) == {"Membership unknown": both["Membership unknown"]}


def test_the_eight_municipalities_have_outlines_and_labels_inside_them():
    import shapely

    outlines = geometry.municipality_outlines()
    assert set(outlines) == set(ref.MUNICIPALITY_CODES)
    for code, (lat, lon) in geometry.municipality_label_points().items():
        assert any(shapely.Polygon(r).contains(shapely.Point(lon, lat)) for r in outlines[code]), (
            code
        )
        assert 61.5 < lat < 65.2 and 12 < lon < 17


def test_the_world_outline_is_coarse_enough_for_a_page():
    lons, _lats = geometry.world_outlines()
    points = [x for x in lons if x is not None]
    assert 5_000 < len(points) < 60_000
    assert min(points) >= -180 and max(points) <= 180


def test_the_shipped_world_outline_is_the_one_derived_from_natural_earth():
    # The app ships the outline instead of deriving it in every new server process; after an
    # upgrade of the Natural Earth package or a new tolerance, `python -m uccn_data.geometry`
    # writes it again, and this test says when that is due.
    shipped, derived = geometry.world_outlines(), geometry.derive_world_outlines()
    for ours, theirs in zip(shipped, derived, strict=True):
        assert ours.dtype == theirs.dtype == np.float32
        assert np.array_equal(ours, theirs, equal_nan=True)
    assert np.isnan(shipped[0]).sum() > 100  # the rings stay apart


NO_NETWORK = """
import socket, json
def refuse(*args, **kwargs):
    raise OSError("network use is not allowed in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
import pandas as pd
from dashboard import charts
from uccn_data import reference as ref
from uccn_data.pages.model import Chart
codes = list(ref.MUNICIPALITY_CODES)
frame = pd.DataFrame({"code": codes, "name": [ref.MUNICIPALITY_CODES[c] for c in codes], "n": range(8)})
frame["t"] = frame["n"].astype(str)
muni = Chart("m", "t", "municipality_map", frame, "alt", frame,
             {"code": "code", "name": "name", "value": "n", "value_text": "t"})
cities = pd.DataFrame([(c.city, c.lat, c.lon, 1, "UCCN") for c in ref.uccn_cities()[:10]],
                      columns=["city", "lat", "lon", "n", "s"])
world = Chart("w", "t", "world_map", cities, "alt", cities,
              {"home": (63.18, 14.64, "Östersund"), "lat": "lat", "lon": "lon", "label": "city",
               "size": "n", "series": "s"})
print(json.dumps([charts.svg(muni, "sv"), charts.svg(world, "sv")]))
"""


@pytest.mark.processes
def test_maps_are_built_with_no_network_and_need_none_to_show():
    done = subprocess.run(
        [sys.executable, "-c", NO_NETWORK], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    muni, world = json.loads(done.stdout)
    # Drawn here from the shipped outlines: every municipality a shape, the world's coasts a
    # path; nothing in them names another host, so nothing is fetched to show them.
    assert len(ET.fromstring(muni).findall("path")) == len(ref.MUNICIPALITY_CODES)  # noqa: S314
    assert len(ET.fromstring(world).find("path").get("d", "")) > 1000  # noqa: S314
    assert "http" not in muni and "http" not in world
    assert "href" not in muni + world and "url(" not in muni + world


def test_an_outline_is_read_once_however_many_pages_ask_at_the_same_moment():
    """Issue 16: ten page runs that asked for the world outline together read it ten times."""
    calls: list[int] = []
    start = threading.Barrier(10)

    @geometry.once
    def slow_outline() -> list[int]:
        calls.append(1)
        time.sleep(0.05)
        return [len(calls)]

    def ask() -> list[int]:
        start.wait()
        return slow_outline()

    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda _: ask(), range(10)))
    assert calls == [1]
    assert all(a is answers[0] for a in answers)
