"""Great-circle distance: the one haversine for the gazetteer, the ranking and the store.

Pure math at the bottom of the package (no eventlens imports), so any stage may use it.
"""

from __future__ import annotations

import math
from typing import overload

# Mean Earth radius (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088


@overload
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float: ...


@overload
def haversine_km(
    lat1: float | None, lon1: float | None, lat2: float, lon2: float
) -> float | None: ...


def haversine_km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    """Great-circle distance in kilometres (None when the first point is unknown).

    The store registers it as an SQLite function, where a row's lat/lon may be NULL.
    """
    if lat1 is None or lon1 is None:
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
