"""The store stage's entry point: open the SQLite event store, write and read it.

    from eventlens.store.stage import EventFilters, open_store

    with open_store("eventlens.db") as store:
        store.add_document(doc, content_hash=content_hash(raw.content), source=raw.source)
        rows = store.query_events(EventFilters(type="ASSAULT", country="IRQ"))

Code outside the package imports from here; the parts (``database``, ``read``,
``summary``, ``query``, ``schema``, ``dedup``, ``cluster``, ``export``) stay internal.
"""

from __future__ import annotations

from eventlens.errors import QueryError, SchemaError
from eventlens.store.database import Store, open_store
from eventlens.store.dedup import content_hash
from eventlens.store.query import (
    EventFilters,
    check_confidence,
    check_day,
    check_sector,
    check_status,
    parse_near,
)
from eventlens.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "EventFilters",
    "QueryError",
    "SchemaError",
    "Store",
    "check_confidence",
    "check_day",
    "check_sector",
    "check_status",
    "content_hash",
    "open_store",
    "parse_near",
]
