"""Aggregates over filtered events in one pass: what the dashboard's map, timeline and
charts draw, and the data version that tells readers when cached aggregates are stale.

One SQL statement answers every chart: a filter runs once (materialised), then each
grouping reads that small result; with no filter each grouping walks its own index.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from eventlens.store_query import EventFilters, build_where

if TYPE_CHECKING:
    from eventlens.store import Store

# The map shows at most this many distinct places (the busiest ones) by default.
MAX_PLACES = 2000

# One row per group: (kind, key, key2, lat, lon, count). A filter runs once, into the
# materialised ``m``; without a filter each grouping reads ``events`` through its own
# index in index order (type, day, location/source country, lat/lon), so nothing is
# sorted. For places the bare columns next to COUNT(*) come from one row of the group,
# so a place's name and country agree.
_SUMMARY_SQL = """
{with_m}
SELECT 'type', type, NULL, NULL, NULL, COUNT(*) FROM {src} GROUP BY type
UNION ALL SELECT 'day', day, NULL, NULL, NULL, COUNT(*) FROM {src}
    WHERE day IS NOT NULL GROUP BY day
UNION ALL SELECT 'country', location_country, source_country, NULL, NULL, COUNT(*) FROM {src}
    GROUP BY location_country, source_country
UNION ALL SELECT 'unlocated', NULL, NULL, NULL, NULL, COUNT(*) FROM {src}
    WHERE lat IS NULL OR lon IS NULL
UNION ALL SELECT * FROM (
    SELECT 'place', location_name, location_country, lat, lon, COUNT(*) AS n FROM {src}
    WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY lat, lon ORDER BY n DESC, lat, lon
    LIMIT ?)
"""

_FILTERED = """WITH m AS MATERIALIZED (
    SELECT e.day AS day, e.type AS type, e.location_country AS location_country,
           e.source_country AS source_country, e.lat AS lat, e.lon AS lon,
           e.location_name AS location_name
    FROM events e WHERE {where})"""


def data_version(store: Store) -> int:
    """A number that grows with every write: each stored article (with its events and
    clusters), each recorded error, each delete.

    Kept by triggers (schema version 3), so it also sees other processes' writes;
    aggregates computed under one value are valid for as long as it stays the same.
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
    if params or where != "1":
        sql = _SUMMARY_SQL.format(with_m=_FILTERED.format(where=where), src="m")
    else:
        sql = _SUMMARY_SQL.format(with_m="", src="events")
    per: dict[str, Counter[str]] = {"type": Counter(), "day": Counter(), "country": Counter()}
    out: dict[str, Any] = {"places": [], "unlocated": 0}
    for kind, key, key2, lat, lon, n in store._read(sql, [*params, max(0, int(max_places))]):
        if kind == "place":
            out["places"].append(
                {"lat": lat, "lon": lon, "name": key, "country": key2, "count": int(n)}
            )
        elif kind == "unlocated":
            out["unlocated"] = int(n)
        elif kind == "country":
            if key or key2:  # where it happened, else the source actor's country
                per[kind][key or key2] += n
        else:
            per[kind][key] += n
    return {
        "events": sum(per["type"].values()),
        **{f"events_per_{k}": dict(sorted(c.items())) for k, c in per.items()},
        **out,
    }
