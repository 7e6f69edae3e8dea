"""Read helpers the web layer needs on top of :mod:`eventlens.store`.

Filters come from query strings here and are turned into the store's ``EventFilters``;
the map needs events grouped by location, which the store's public API does not offer,
so :func:`place_counts` runs one grouped query with the store's own WHERE builder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventlens.events_lexicon import PLOVER_TYPES
from eventlens.store import EventFilters, QueryError, Store
from eventlens.store_query import build_where, parse_near

# The 16 PLOVER types, as the event coder defines them.
EVENT_TYPES = PLOVER_TYPES

# The map shows at most this many distinct places (the busiest ones).
MAX_MAP_PLACES = 2000


def make_filters(
    *,
    type: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    near: str | None = None,
    text: str | None = None,
) -> EventFilters:
    """Build store filters from query-string values, raising QueryError for bad ones."""
    if type:
        wanted = (p.strip().upper() for p in type.split(","))
        unknown = [t for t in wanted if t and t not in EVENT_TYPES]
        if unknown:
            raise QueryError(
                f"unknown event type {', '.join(unknown)}; expected one of {', '.join(EVENT_TYPES)}"
            )
    if country:
        bad = [c for c in (p.strip() for p in country.split(",")) if c and not _alpha3(c)]
        if bad:
            raise QueryError(f"country must be ISO 3166 alpha-3 codes such as IRQ (got {bad[0]!r})")
    return EventFilters(
        type=type or None,
        actor=(actor or "").strip() or None,
        country=country or None,
        since=since or None,
        until=until or None,
        near=parse_near(near) if near else None,
        text=(text or "").strip() or None,
    )


@contextmanager
def text_query_errors(filters: EventFilters) -> Iterator[None]:
    """Report SQLite's complaints about a malformed FTS5 ``text`` query as QueryError.

    The store maps most of them itself; some (e.g. "unterminated string") slip through.
    """
    try:
        yield
    except sqlite3.OperationalError as exc:
        if filters.text:
            raise QueryError(f"invalid text query {filters.text!r}: {exc}") from None
        raise


def _alpha3(code: str) -> bool:
    return len(code) == 3 and code.isascii() and code.isalpha()


def place_counts(store: Store, filters: EventFilters) -> tuple[list[dict[str, Any]], int]:
    """Return the filtered events grouped by location, busiest first, and the unlocated count.

    Grouping on the raw (lat, lon) columns lets SQLite walk its (lat, lon) index; the
    name of each of the (at most MAX_MAP_PLACES) places is looked up afterwards.
    """
    where, params = build_where(filters)
    rows = store._read(  # the store's locked reader; same WHERE as query_events
        "SELECT g.lat, g.lon, g.n,"
        " (SELECT x.location_name FROM events x WHERE x.lat = g.lat AND x.lon = g.lon LIMIT 1),"
        " (SELECT x.location_country FROM events x WHERE x.lat = g.lat AND x.lon = g.lon"
        "  LIMIT 1)"
        " FROM (SELECT e.lat AS lat, e.lon AS lon, COUNT(*) AS n FROM events e"
        f" WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
        " GROUP BY e.lat, e.lon ORDER BY n DESC LIMIT ?) g",
        [*params, MAX_MAP_PLACES],
    )
    places = [
        {"lat": lat, "lon": lon, "name": name, "country": country, "count": n}
        for lat, lon, n, name, country in rows
    ]
    unlocated = store._read(
        f"SELECT COUNT(*) FROM events e WHERE {where} AND (e.lat IS NULL OR e.lon IS NULL)",
        params,
    )[0][0]
    return places, int(unlocated)


def summary(store: Store, filters: EventFilters) -> dict[str, Any]:
    """What the dashboard's map and timeline show for ``filters``."""
    with text_query_errors(filters):
        stats = store.stats(filters)
        places, unlocated = place_counts(store, filters)
    return {
        "events": stats["events"],
        "timeline": [{"day": d, "count": n} for d, n in stats["events_per_day"].items()],
        "types": stats["events_per_type"],
        "countries": stats["events_per_country"],
        "places": places,
        "unlocated": unlocated,
    }


def map_point(event: dict[str, Any], key: int) -> dict[str, Any] | None:
    """A map marker for one event, or None when it has no coordinates."""
    loc = event.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    label = ", ".join(str(p) for p in (loc.get("name") or loc.get("text"), loc.get("country")) if p)
    return {"key": key, "lat": loc["lat"], "lon": loc["lon"], "count": 1,
            "label": f"{event.get('type')}: {label}"}
