"""Event filters for the store: the typed filter object and its SQL translation."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from eventlens.errors import QueryError
from eventlens.geo import EARTH_RADIUS_KM


@dataclass(frozen=True)
class EventFilters:
    """Filters over stored events; every field is optional and they combine with AND.

    - ``type``: PLOVER type, or several separated by commas (``"ASSAULT,COERCE"``).
    - ``actor``: case-insensitive substring of the source or target actor's name.
    - ``country``: ISO alpha-3 of the source, target or location (commas for several).
    - ``since`` / ``until``: inclusive ``YYYY-MM-DD`` bounds on the event's day (its
      date, else the article's publication date); an event dated only to a month or a
      year matches when that period overlaps the bounds.
    - ``undated``: True for events with no day at all (no date of their own and no
      publication date), False for events with one.
    - ``near``: ``(lat, lon, km)``: events located within ``km`` of the point.
    - ``text``: an SQLite FTS5 query over article titles and text.
    - ``min_confidence``: events whose ``confidence`` is at least this (0..1); events
      without a confidence never match it.
    - ``status``: ``occurred``, ``future``, ``hypothetical``, ``negated`` (commas for
      several).
    - ``sector``: PLOVER sector code of the source or target actor (``GOV``, ``MIL``,
      ``COP``, ...; commas for several).
    - ``source_country`` / ``target_country``: ISO alpha-3 of that side only (a dyad).
    - ``article_id``: one article's events.
    """

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None
    article_id: int | None = None
    status: str | None = None
    min_confidence: float | None = None
    sector: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    undated: bool | None = None


# Event statuses (records.EventStatus).
EVENT_STATUSES = ("occurred", "future", "hypothetical", "negated")


def check_status(status: str | None) -> None:
    """Refuse a status filter naming no event status (QueryError)."""
    if status:
        bad = [p for p in (x.strip().lower() for x in status.split(",")) if p
               and p not in EVENT_STATUSES]
        if bad:
            raise QueryError(
                f"unknown status {bad[0]!r}; expected one of {', '.join(EVENT_STATUSES)}"
            )


def check_sector(sector: str | None) -> None:
    """Refuse a sector filter that is not PLOVER sector codes (QueryError)."""
    if sector:
        bad = [p for p in (x.strip() for x in sector.split(",")) if p and not (
            2 <= len(p) <= 4 and p.isascii() and p.isalpha())]
        if bad:
            raise QueryError(
                f"sector must be PLOVER sector codes such as GOV or MIL (got {bad[0]!r})"
            )


def parse_near(value: str) -> tuple[float, float, float]:
    """Parse ``"LAT,LON,KM"`` into a checked ``(lat, lon, km)`` tuple."""
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError:
        raise QueryError(f"--near needs LAT,LON,KM (got {value!r})") from None
    return check_near((lat, lon, km))


def check_near(near: tuple[float, float, float]) -> tuple[float, float, float]:
    """Validate a ``(lat, lon, km)`` triple."""
    lat, lon, km = near
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_100):
        raise QueryError(f"near: need -90<=lat<=90, -180<=lon<=180, 0<km (got {near})")
    return (lat, lon, km)


def check_confidence(value: float) -> float:
    """Validate a minimum confidence: a number from 0 to 1."""
    if not (isinstance(value, int | float) and 0.0 <= value <= 1.0):  # NaN fails too
        raise QueryError(f"min_confidence: expected a number from 0 to 1 (got {value!r})")
    return float(value)


def check_day(value: str, name: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{name}: expected YYYY-MM-DD (got {value!r})") from None


def _split(value: str, upper: bool = True) -> list[str]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    return [p.upper() for p in parts] if upper else parts


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def build_where(f: EventFilters, alias: str = "e") -> tuple[str, list[Any]]:
    """Translate filters into a SQL ``WHERE`` clause (without the keyword) and parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.type:
        types = _split(f.type)
        clauses.append(f"{alias}.type IN ({','.join('?' * len(types))})")
        params += types
    if f.actor:
        names = "SELECT name FROM actor_names WHERE folded LIKE ? ESCAPE '\\'"
        clauses.append(f"({alias}.source_name IN ({names}) OR {alias}.target_name IN ({names}))")
        params += [_like(f.actor.casefold())] * 2
    if f.country:
        codes = _split(f.country)
        marks = ",".join("?" * len(codes))
        clauses.append(
            f"({alias}.source_country IN ({marks}) OR {alias}.target_country IN ({marks})"
            f" OR {alias}.location_country IN ({marks}))"
        )
        params += codes * 3
    if f.since:
        # A month or a year is stored on its first day: it matches when it ends on or
        # after ``since``. One range from the start of since's year keeps the day index
        # usable (checking the precision inside it); a second range would cost a sort.
        since = check_day(f.since, "since")
        clauses.append(
            f"({alias}.day >= ? AND ({alias}.day >= ? OR {alias}.day_precision = 'year'"
            f" OR ({alias}.day_precision = 'month' AND {alias}.day >= ?)))"
        )
        params += [since[:4] + "-01-01", since, since[:7] + "-01"]
    if f.until:
        clauses.append(f"{alias}.day <= ?")
        params.append(check_day(f.until, "until"))
    if f.near:
        sql, near_params = _near_clause(check_near(f.near), alias)
        clauses.append(sql)
        params += near_params
    if f.text:
        clauses.append(
            f"{alias}.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        )
        params.append(f.text)
    _narrow(f, alias, clauses, params)
    return (" AND ".join(clauses) or "1"), params


def _narrow(f: EventFilters, alias: str, clauses: list[str], params: list[Any]) -> None:
    if f.undated is not None:
        clauses.append(f"{alias}.day IS {'' if f.undated else 'NOT '}NULL")
    if f.article_id is not None:
        clauses.append(f"{alias}.article_id = ?")
        params.append(int(f.article_id))
    if f.status:
        statuses = _split(f.status, upper=False)
        clauses.append(f"{alias}.status IN ({','.join('?' * len(statuses))})")
        params += statuses
    if f.min_confidence is not None:
        clauses.append(f"{alias}.confidence >= ?")
        params.append(check_confidence(f.min_confidence))
    for column, value in (("source_country", f.source_country),
                          ("target_country", f.target_country)):
        if value:
            codes = _split(value)
            clauses.append(f"{alias}.{column} IN ({','.join('?' * len(codes))})")
            params += codes
    if f.sector:
        codes = _split(f.sector)
        marks = ",".join("?" * len(codes))
        clauses.append(
            f"({alias}.source_sector IN ({marks}) OR {alias}.target_sector IN ({marks}))"
        )
        params += codes * 2


def _near_clause(near: tuple[float, float, float], alias: str) -> tuple[str, list[Any]]:
    lat, lon, km = near
    # A bounding box first, so the (lat, lon) index narrows rows before the exact distance.
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    clauses = [f"{alias}.lat BETWEEN ? AND ?"]
    params: list[Any] = [lat - dlat, lat + dlat]
    cos_lat = math.cos(math.radians(lat))
    if cos_lat > 1e-6:
        dlon = dlat / cos_lat
        if lon - dlon >= -180 and lon + dlon <= 180:
            clauses.append(f"{alias}.lon BETWEEN ? AND ?")
            params += [lon - dlon, lon + dlon]
    clauses.append(f"haversine_km({alias}.lat, {alias}.lon, ?, ?) <= ?")
    params += [lat, lon, km]
    return "(" + " AND ".join(clauses) + ")", params
