"""Read helpers the web layer needs on top of :mod:`eventlens.store.stage`.

Filters come from query strings here and are turned into the store's ``EventFilters``;
aggregates are kept in a :class:`~eventlens.web.cache.VersionedCache` until the store's
data version changes.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Hashable
from typing import IO, Any, TypeVar

from eventlens.errors import QueryError
from eventlens.events.lexicon import PLOVER_TYPES
from eventlens.store.stage import (
    EventFilters,
    Store,
    check_confidence,
    check_sector,
    check_status,
    parse_near,
)
from eventlens.web.cache import VersionedCache

T = TypeVar("T")

# The 16 PLOVER types, as the event coder defines them.
EVENT_TYPES = PLOVER_TYPES

# PLOVER sectors the dashboard offers as a filter (code, label), as the actors stage
# codes them (docs/schema.md).
SECTORS = (
    ("GOV", "Government"), ("MIL", "Military"), ("COP", "Police"), ("JUD", "Judiciary"),
    ("LEG", "Legislature"), ("PTY", "Political party"), ("OPP", "Opposition"),
    ("REB", "Rebels, militants"), ("CRM", "Criminals, suspects"), ("CVL", "Civilians"),
    ("IGO", "Intergovernmental"), ("NGO", "Non-governmental"), ("BUS", "Business"),
    ("MED", "Media"), ("REL", "Religious"), ("LAB", "Labour"), ("EDU", "Education"),
    ("HLH", "Health"), ("SPY", "Intelligence"), ("REF", "Refugees"),
)

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
    min_confidence: float | None = None,
    status: str | None = None,
    sector: str | None = None,
    source_country: str | None = None,
    target_country: str | None = None,
    undated: bool | None = None,
) -> EventFilters:
    """Build store filters from query-string values, raising QueryError for bad ones."""
    check_status(status)
    check_sector(sector)
    for side in (source_country, target_country):
        if side and not all(_alpha3(c.strip()) for c in side.split(",") if c.strip()):
            raise QueryError(f"country must be ISO 3166 alpha-3 codes such as IRQ (got {side!r})")
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
        min_confidence=None if min_confidence is None else check_confidence(min_confidence),
        status=(status or "").strip().lower() or None,
        sector=(sector or "").strip().upper() or None,
        source_country=(source_country or "").strip().upper() or None,
        target_country=(target_country or "").strip().upper() or None,
        undated=undated,
    )


def export_file(store: Store, filters: EventFilters, fmt: str, flavour: str) -> IO[bytes]:
    """Write the matching events to a closed temporary file (the caller deletes it)."""
    from eventlens.store.export import write_csv, write_jsonl, write_parquet

    out = tempfile.NamedTemporaryFile(prefix="eventlens-export-", suffix=f".{fmt}",
                                      delete=False)
    out.close()
    batches = store.iter_events(filters)
    if fmt == "parquet":
        write_parquet(batches, flavour, out.name)
    else:
        with open(out.name, "w", encoding="utf-8", newline="") as text:
            (write_csv if fmt == "csv" else write_jsonl)(batches, flavour, text)
    return out


def is_alpha3(code: str) -> bool:
    """True for a three-letter ASCII code (the shape of ISO 3166 alpha-3)."""
    return _alpha3(code)


def _alpha3(code: str) -> bool:
    return len(code) == 3 and code.isascii() and code.isalpha()


def summary(store: Store, filters: EventFilters) -> dict[str, Any]:
    """What the dashboard's map and timeline show for ``filters``."""
    counts = store.summary(filters, max_places=MAX_MAP_PLACES)
    dated = sum(counts["events_per_day"].values())
    return {
        "events": counts["events"],
        # Events with no day at all (no date of their own, no publication date): they
        # are in every count but cannot be drawn on the timeline.
        "undated": counts["events"] - dated,
        "timeline": [{"day": d, "count": n} for d, n in counts["events_per_day"].items()],
        # The same days split by event type (the stacked timeline): {day: {type: n}}.
        "timeline_types": counts["events_per_day_type"],
        # Of those, events dated only to a month or a year (stored on its first day):
        # {day: {"month"|"year": {type: n}}}; the timeline spreads them over their period.
        "timeline_periods": counts["events_per_day_coarse"],
        "types": counts["events_per_type"],
        "countries": counts["events_per_country"],
        "places": counts["places"],
        "unlocated": counts["unlocated"],
    }


def cached(cache: VersionedCache, store: Store, key: Hashable, compute: Callable[[], T],
           keep: Callable[[T], bool] | None = None) -> T:
    """``compute()``, or its kept value while the store's data has not changed."""
    return cache.get(key, store.data_version(), compute, keep)


def stats(cache: VersionedCache, store: Store) -> dict[str, Any]:
    """The store's totals (``Store.stats()``), kept until the data changes; read-only."""
    return cached(cache, store, "stats", store.stats)


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON, as the API sends it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def map_point(event: dict[str, Any], key: int) -> dict[str, Any] | None:
    """A map marker for one event, or None when it has no coordinates."""
    loc = event.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    label = ", ".join(str(p) for p in (loc.get("name") or loc.get("text"), loc.get("country")) if p)
    return {"key": key, "lat": loc["lat"], "lon": loc["lon"], "count": 1,
            "label": f"{event.get('type')}: {label}"}
