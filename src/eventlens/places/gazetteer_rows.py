"""Gazetteer entries while building: the row record and the admin entries made from towns.

Admin1 and admin2 (county) entries have no coordinates in the packages; they are made
from their member towns. Their GeoNames ids come from data/geonames_admin1.tsv and, for
US counties, data/geonames_admin2_us.tsv (see src/eventlens/data/README.md).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from eventlens.places.lexicon import ADMIN2_SUFFIXES

# Name kinds, stored per name row: the ranking trusts a primary name more than an alias.
# Demonyms ("Iraqi", "Russians") resolve given mentions to their country; the toponym
# finder never takes them as place names on its own.
PRIMARY, ALTERNATE, ALIAS, DEMONYM = 0, 1, 2, 3


@dataclass
class Row:
    """One gazetteer entry while building."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # alpha-2 while building
    admin1: str | None
    admin2: str | None
    feature: str
    population: int
    names: dict[str, int] = field(default_factory=dict)  # name -> kind
    admin1_code: str | None = None  # GeoNames admin1 code, e.g. "IQ.15"
    admin1_other: str | None = None  # another spelling of the admin1 name


def spread_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the members' extent: near the centre of an area, as GeoNames places them.

    (The mean would drift toward where most towns are, e.g. southern Alberta.) Stray
    members are left out of the extent (see ``_core_range``): a town miscoded into a
    far province (Jiangsu's two towns in Sichuan and Qinghai) or a remote island group
    (Tokyo's Ogasawara, Valparaíso's Easter Island) would pull the middle hundreds of km
    off the GeoNames point.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # straddles the antimeridian
        return statistics.fmean(lats), statistics.fmean(lons)
    lat_lo, lat_hi = _core_range(lats)
    lon_lo, lon_hi = _core_range(lons)
    return (lat_lo + lat_hi) / 2, (lon_lo + lon_hi) / 2


def area_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centroid of the area the members cover (their convex hull, strays left out).

    GeoNames puts a first-level division's point near the middle of its area, not of its
    towns' bounding box: the hull's centroid follows a region's shape (Texas' panhandle,
    Florida's peninsula). Checked against GeoNames' own points of the 130 admin1 units
    named in LGL and TR-News: median distance 39 -> 27 km, mentions more than 161 km off
    100 -> 76 (`spread_centre` before). Falls back to ``spread_centre`` when the members
    span no area or straddle the antimeridian.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return spread_centre(points)
    lat_lo, lat_hi = _core_range(lats)
    lon_lo, lon_hi = _core_range(lons)
    core = {(lon, lat) for lat, lon in points
            if lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi}
    centre = _polygon_centroid(_convex_hull(sorted(core)))
    return (centre[1], centre[0]) if centre else spread_centre(points)


def _convex_hull(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain over sorted points: the hull, counter-clockwise."""
    def turn(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for seq, out in ((pts, lower), (pts[::-1], upper)):
        for p in seq:
            while len(out) >= 2 and turn(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
    return lower[:-1] + upper[:-1]


def _polygon_centroid(poly: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Area centroid (x, y) of a simple polygon, None when it has no area."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return None
    return cx / (3 * area), cy / (3 * area)


# A member is a stray when it is among the outermost STRAY_SHARE of the members on one
# side and the gap between it and the rest is wider than the rest's whole extent; areas
# with fewer than STRAY_MIN_MEMBERS towns keep their full extent.
STRAY_SHARE = 0.01
STRAY_MIN_MEMBERS = 20


def _core_range(values: list[float]) -> tuple[float, float]:
    """(low, high) of ``values`` without strays at either end."""
    v = sorted(values)
    n = len(v)
    if n < STRAY_MIN_MEMBERS:
        return v[0], v[-1]
    k = max(1, int(n * STRAY_SHARE))
    lo, hi = 0, n - 1
    for i in range(k):
        if v[i + 1] - v[i] > v[hi] - v[i + 1]:
            lo = i + 1
    for i in range(k):
        j = n - 1 - i
        if v[j] - v[j - 1] > v[j - 1] - v[lo]:
            hi = j - 1
    return v[lo], v[hi]


def admin_rows(
    cities: list[Row],
    admin1: dict[str, tuple[str, str, int]],
    admin2_ids: dict[tuple[str, str], int],
) -> list[Row]:
    """Admin1 and admin2 entries made from their member towns (area or extent centre,
    summed people).

    ``admin1`` maps GeoNames admin1 codes to (name, ASCII name, id); ``admin2_ids`` maps
    (admin1 code, county name) to the county's GeoNames id where one is known.
    """
    members1: dict[tuple[str, str], list[Row]] = defaultdict(list)
    members2: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in cities:
        if row.country and row.admin1:
            members1[(row.country, row.admin1_code or row.admin1)].append(row)
            if row.admin2:
                members2[(row.country, row.admin1, row.admin2)].append(row)
    rows: list[Row] = []
    for (cc, key), mem in members1.items():
        lat, lon = area_centre([(m.lat, m.lon) for m in mem])
        name, ascii_name, gid = admin1.get(key) or (key, key, None)
        pop = sum(m.population for m in mem)
        row = Row(gid, name, lat, lon, cc, name, None, "A.ADM1", pop, {name: PRIMARY})
        row.names.setdefault(ascii_name, ALTERNATE)
        for other in {m.admin1_other for m in mem if m.admin1_other}:
            row.names.setdefault(other, ALTERNATE)
        rows.append(row)
    for (cc, a1, a2), mem in members2.items():
        lat, lon = spread_centre([(m.lat, m.lon) for m in mem])
        pop = sum(m.population for m in mem)
        gid = admin2_ids.get((mem[0].admin1_code or "", a2))
        row = Row(gid, a2, lat, lon, cc, a1, a2, "A.ADM2", pop, {a2: PRIMARY})
        bare = _strip_admin_word(a2)
        if bare != a2:
            row.names.setdefault(bare, ALTERNATE)
        rows.append(row)
    return rows


def _strip_admin_word(name: str) -> str:
    for word in ADMIN2_SUFFIXES:
        if name.endswith(" " + word) and len(name) > len(word) + 2:
            return name[: -len(word) - 1]
    return name


def county_ids(records: Iterable[dict[str, str]]) -> dict[tuple[str, str], int]:
    """(admin1 code, county name) -> GeoNames id, from geonames_admin2_us.tsv records."""
    return {(r["admin1_code"], r["name"]): int(r["geonameid"]) for r in records}
