"""Flatten extract-document records into store rows (one tuple per INSERT)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _get(obj: dict[str, Any] | None, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


# Record fields that have their own columns; ``data`` keeps only the other fields, and
# reading merges both back in this (the record's) field order.
ACTOR_FIELDS = ("text", "name", "country", "sector", "start", "end")
PLACE_FIELDS = ("text", "start", "end", "name", "lat", "lon", "country", "admin1", "geonameid",
                "feature")


def _rest(record: dict[str, Any], fields: tuple[str, ...]) -> str:
    return _json({k: v for k, v in record.items() if k not in fields})


def merge_record(columns: tuple[Any, ...], fields: tuple[str, ...], data: str) -> dict[str, Any]:
    """Rebuild a record from its columns and its ``data`` JSON (older rows: the whole record)."""
    record = dict(zip(fields, columns, strict=True))
    record.update(json.loads(data))
    return record


def entity_rows(aid: int, entities: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Rows for the ``entities`` table."""
    for e in entities:
        yield (aid, e["text"], e["label"], e["start"], e["end"])


def actor_rows(aid: int, actors: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Rows for the ``actors`` table."""
    for a in actors:
        yield (aid, a.get("text") or "", a.get("name") or a.get("text") or "", a.get("country"),
               a.get("sector"), a.get("start"), a.get("end"), _rest(a, ACTOR_FIELDS))


def place_rows(aid: int, places: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Rows for the ``places`` table."""
    for p in places:
        yield (aid, p["text"], p["start"], p["end"], p.get("name"), p.get("lat"), p.get("lon"),
               p.get("country"), p.get("admin1"), p.get("geonameid"), p.get("feature"),
               _rest(p, PLACE_FIELDS))


def quote_rows(aid: int, quotes: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Rows for the ``quotes`` table."""
    for q in quotes:
        speaker = q.get("speaker")
        yield (aid, q["text"], q["start"], q["end"], _get(speaker, "name"),
               _get(speaker, "country"), _get(speaker, "sector"), _json(q))


def coarse_precision(event: dict[str, Any]) -> str | None:
    """``"month"`` or ``"year"`` when the event's date stands for that whole period."""
    precision = event.get("date_precision")
    return precision if precision in ("month", "year") and event.get("date") else None


def event_rows(
    aid: int, events: list[dict[str, Any]], published: str | None
) -> Iterator[tuple[Any, ...]]:
    """Rows for the ``events`` table; ``day`` is the event date, else ``published``, and
    ``day_precision`` says when ``day`` stands for a month or a year."""
    for idx, ev in enumerate(events):
        src, tgt, loc = ev.get("source"), ev.get("target"), ev.get("location")
        yield (
            aid, idx, ev["type"], ev.get("mode"), ev.get("context"), ev.get("cameo"),
            ev.get("status"),
            _get(src, "name"), _get(src, "country"), _get(src, "sector"),
            _get(tgt, "name"), _get(tgt, "country"), _get(tgt, "sector"),
            _get(loc, "name"), _get(loc, "country"), _get(loc, "lat"), _get(loc, "lon"),
            _get(loc, "geonameid"),
            ev.get("date"), ev.get("date") or published, coarse_precision(ev),
            ev.get("trigger"), ev.get("start"), ev.get("end"), ev.get("confidence"), _json(ev),
        )
