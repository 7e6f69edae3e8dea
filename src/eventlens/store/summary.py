"""Aggregates over filtered events in one pass: what the dashboard's map, timeline and
charts draw, and the data version that tells readers when cached aggregates are stale.

One SQL statement answers every chart. With no filter, or a minimum confidence with at
most one of type and country, each grouping walks its own covering index; any other
filter runs once (materialised), then each grouping reads that small result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from eventlens.store.query import EventFilters, build_where
from eventlens.store.reader import Reader

# The map shows at most this many distinct places (the busiest ones) by default.
MAX_PLACES = 2000

# One row per group: (kind, key, key2, key3, lat, lon, count). Each grouping reads ``events``
# through its own index in index order (type, day, location/source country, lat/lon),
# so nothing is sorted. Since schema version 4 those indexes also hold confidence, type
# and the three countries, so a filter on those (the dashboard's default
# ``min_confidence``, with a type or a country) is checked inside each index and no
# table row is read. Other filters run once, into the materialised ``m``, and each
# grouping reads that small result. For places the bare columns next to COUNT(*) come
# from one row of the group, so a place's name and country agree.
_SUMMARY_SQL = """
{with_m}
SELECT 'type', type, NULL, NULL, NULL, NULL, COUNT(*) FROM {src} WHERE {w} GROUP BY type
UNION ALL SELECT 'day', day, type, day_precision, NULL, NULL, COUNT(*) FROM {src}
    WHERE ({w}) AND day IS NOT NULL GROUP BY type, day, day_precision
UNION ALL SELECT 'country', location_country, source_country, NULL, NULL, NULL, COUNT(*)
    FROM {src} WHERE {w} GROUP BY location_country, source_country
UNION ALL SELECT 'unlocated', NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM {src}
    WHERE ({w}) AND (lat IS NULL OR lon IS NULL)
UNION ALL SELECT * FROM (
    SELECT 'place', location_name, location_country, NULL, lat, lon, COUNT(*) AS n FROM {src}
    WHERE ({w}) AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY lat, lon
    ORDER BY n DESC, lat, lon LIMIT ?)
"""
_GROUPINGS = 5  # SELECTs in _SUMMARY_SQL, each taking the filter's parameters

# Filters whose columns every summary index holds (schema versions 4 and 5). Type and country
# together are selective enough that reading their matches once is faster (56 ms against
# 100 ms on 1M events), so each set here holds one of them.
_INDEXED_FILTERS = (frozenset({"type", "min_confidence", "status"}),
                    frozenset({"country", "min_confidence", "status"}))

_FILTERED = """WITH m AS MATERIALIZED (
    SELECT e.day AS day, e.day_precision AS day_precision, e.type AS type,
           e.location_country AS location_country,
           e.source_country AS source_country, e.lat AS lat, e.lon AS lon,
           e.location_name AS location_name
    FROM events e WHERE {where})"""


def summary_sql(filters: EventFilters, max_places: int = MAX_PLACES) -> tuple[str, list[Any]]:
    """The summary statement for ``filters`` and its parameters.

    No filter, or ``min_confidence`` with at most one of ``type`` and ``country`` (columns
    the summary indexes hold): each grouping reads its own index, filtered there. Any
    other filter: matching events are read once.
    """
    used = {k for k, v in vars(filters).items() if v is not None and v != ""}
    limit = max(0, int(max_places))
    if any(used <= indexed for indexed in _INDEXED_FILTERS):
        where, params = build_where(replace(filters, country=None), alias="events")
        if filters.country:
            # The unary plus keeps the planner off the per-country indexes: without
            # statistics it would OR three of them and fetch every matching table row
            # (3x slower on 1M events); each grouping checks the country in its own index.
            country, country_params = build_where(
                EventFilters(country=filters.country), alias="+events")
            where, params = f"{where} AND {country}", [*params, *country_params]
        sql = _SUMMARY_SQL.format(with_m="", src="events", w=where)
        return sql, [*params * _GROUPINGS, limit]
    where, params = build_where(filters)
    sql = _SUMMARY_SQL.format(with_m=_FILTERED.format(where=where), src="m", w="1")
    return sql, [*params, limit]


def data_version(reader: Reader) -> int:
    """A number that grows with every write: each stored article (with its events and
    clusters), each recorded error, each delete.

    Kept by triggers (schema version 3), so it also sees other processes' writes;
    aggregates computed under one value are valid for as long as it stays the same.
    """
    rows = reader.read("SELECT value FROM store_meta WHERE key = 'data_version'")
    return int(rows[0][0]) if rows else 0


def summarise(
    reader: Reader, filters: EventFilters, max_places: int = MAX_PLACES
) -> dict[str, Any]:
    """Events matching ``filters`` counted per type, day, country and location.

    Returns ``{"events", "events_per_type", "events_per_day", "events_per_country",
    "places", "unlocated"}``: ``places`` are the ``max_places`` busiest locations
    (``lat, lon, name, country, count``, busiest first; none when ``max_places`` is 0),
    ``unlocated`` counts matching events without coordinates, ``events_per_day_type``
    splits each day by event type, ``events_per_day_coarse`` counts the events of a day
    that stand for its whole month or year, by type (``{day: {"month"|"year": {type:
    n}}}``; they are in the other counts too), and the
    country of an
    event is where it happened, else its source actor's country.
    """
    sql, params = summary_sql(filters, max_places)
    per: dict[str, Counter[str]] = {"type": Counter(), "day": Counter(), "country": Counter()}
    by_day_type: dict[str, dict[str, int]] = {}
    out: dict[str, Any] = {"places": [], "unlocated": 0}
    coarse: dict[str, dict[str, dict[str, int]]] = {}
    for kind, key, key2, key3, lat, lon, n in reader.read(sql, params):
        if kind == "place":
            out["places"].append(
                {"lat": lat, "lon": lon, "name": key, "country": key2, "count": int(n)}
            )
        elif kind == "unlocated":
            out["unlocated"] = int(n)
        elif kind == "country":
            if key or key2:  # where it happened, else the source actor's country
                per[kind][key or key2] += n
        elif kind == "day":  # one row per (type, day, precision): the timeline's data
            per[kind][key] += n
            types = by_day_type.setdefault(key, {})
            types[key2] = types.get(key2, 0) + int(n)
            if key3:  # dated only to the month or year that starts on ``key``
                coarse.setdefault(key, {}).setdefault(key3, {})[key2] = int(n)
        else:
            per[kind][key] += n
    return {
        "events": sum(per["type"].values()),
        **{f"events_per_{k}": dict(sorted(c.items())) for k, c in per.items()},
        "events_per_day_type": {d: by_day_type[d] for d in sorted(by_day_type)},
        "events_per_day_coarse": {d: coarse[d] for d in sorted(coarse)},
        **out,
    }
