"""Aggregates over filtered events in one pass: what the dashboard's map, timeline and
charts draw, and the data version that tells readers when cached aggregates are stale.

Two grouped scans replace one query per chart: counts per (day, type, countries), and
counts per coordinate pair; both read only an index when the filter allows it.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import TYPE_CHECKING, Any

from eventlens.store_query import EventFilters, build_where

if TYPE_CHECKING:
    from eventlens.store import Store

# The map shows at most this many distinct places (the busiest ones) by default.
MAX_PLACES = 2000

# Counts per (day, type, location country, source country): the GROUP BY follows the
# events_summary index, so unfiltered and date-range summaries stream through that index
# without sorting; the per-type, per-day and per-country totals are folded from these groups.
_COUNTS_SQL = """
SELECT e.day, e.type, e.location_country, e.source_country, COUNT(*) FROM events e
WHERE {where} GROUP BY e.day, e.type, e.location_country, e.source_country
"""

# Counts per coordinate pair (the NULL group is the unlocated events), in the order of the
# events_lat_lon index, which also holds the name and country. The bare columns next to
# COUNT(*) come from one row of the group, so a place's name and country agree.
_PLACES_SQL = """
SELECT e.lat, e.lon, e.location_name, e.location_country, COUNT(*) FROM events e
WHERE {where} GROUP BY e.lat, e.lon
"""


def data_version(store: Store) -> int:
    """A number that changes with every write to articles, events, clusters or errors.

    Kept by triggers (schema version 3), so it also sees other processes' writes;
    aggregates cached under one value are valid for as long as it stays the same.
    """
    rows = store._read("SELECT value FROM store_meta WHERE key = 'data_version'")
    return int(rows[0][0]) if rows else 0


def summarise(store: Store, filters: EventFilters, max_places: int = MAX_PLACES) -> dict[str, Any]:
    """Events matching ``filters`` counted per type, day, country and location.

    Returns ``{"events", "events_per_type", "events_per_day", "events_per_country",
    "places", "unlocated"}``: ``places`` are the ``max_places`` busiest locations
    (``lat, lon, name, country, count``, busiest first; none when ``max_places`` is 0),
    ``unlocated`` counts matching events without coordinates, and the country of an
    event is where it happened, else its source actor's country.
    """
    where, params = build_where(filters)
    per_type: Counter[str] = Counter()
    per_day: Counter[str] = Counter()
    per_country: Counter[str] = Counter()
    for day, etype, location, source, n in store._read(_COUNTS_SQL.format(where=where), params):
        per_type[etype] += n
        if day is not None:
            per_day[day] += n
        if location or source:
            per_country[location or source] += n
    out: dict[str, Any] = {
        "events": sum(per_type.values()),
        "events_per_type": dict(sorted(per_type.items())),
        "events_per_day": dict(sorted(per_day.items())),
        "events_per_country": dict(sorted(per_country.items())),
        "places": [],
        "unlocated": 0,
    }
    if max_places > 0:
        out["places"], out["unlocated"] = _places(store, where, params, max_places)
    return out


def _places(
    store: Store, where: str, params: list[Any], limit: int
) -> tuple[list[dict[str, Any]], int]:
    located: list[tuple[int, float, float, str | None, str | None]] = []
    unlocated = 0
    for lat, lon, name, country, n in store._read(_PLACES_SQL.format(where=where), params):
        if lat is None or lon is None:
            unlocated += n
        else:
            located.append((n, lat, lon, name, country))
    busiest = heapq.nsmallest(limit, located, key=lambda p: (-p[0], p[1], p[2]))
    places = [{"lat": lat, "lon": lon, "name": name, "country": country, "count": n}
              for n, lat, lon, name, country in busiest]
    return places, unlocated
