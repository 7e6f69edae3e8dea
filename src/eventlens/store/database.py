"""The event store: one SQLite file (WAL) holding articles and every extracted record.

Each article is written with all its records in ONE transaction, so a crash at any
moment leaves either the whole article or nothing. See docs/store.md for the tables.

    store = open_store("eventlens.db")
    article_id = store.add_document(doc, content_hash=h, source="a.html")
    rows = store.query_events(EventFilters(type="ASSAULT", country="IRQ"))
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from eventlens.errors import QueryError, SchemaError
from eventlens.geo import haversine_km
from eventlens.store import cluster as store_cluster
from eventlens.store import dedup as store_dedup
from eventlens.store import read as store_read
from eventlens.store.query import EventFilters
from eventlens.store.reader import Params
from eventlens.store.rows import actor_rows, entity_rows, event_rows, place_rows, quote_rows
from eventlens.store.schema import SCHEMA_VERSION, migrate
from eventlens.store.summary import MAX_PLACES, data_version, summarise

__all__ = ["EventFilters", "QueryError", "SchemaError", "Store", "open_store", "SCHEMA_VERSION"]

ARTICLE_FIELDS = ("title", "subtitle", "byline", "published", "url", "site", "language")
_KNOWN_ARTICLE_KEYS = {*ARTICLE_FIELDS, "text", "captions"}


def open_store(path: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> Store:
    """Open (creating and migrating if needed) the store at ``path``.

    ``readonly=True`` opens an existing store for reading only (no migration).
    """
    path = Path(path)
    if readonly:
        uri = f"file:{path.resolve()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                               check_same_thread=False)
    else:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                               check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    # NORMAL is durable across application crashes in WAL mode (only an OS crash can
    # lose the last commits, never corrupt the file), and much faster than FULL.
    conn.execute("PRAGMA synchronous=NORMAL")
    # A larger page cache and memory-mapped reads: filters touch many index pages.
    conn.execute("PRAGMA cache_size=-65536")
    conn.execute("PRAGMA mmap_size=268435456")
    conn.create_function("haversine_km", 4, haversine_km, deterministic=True)
    if readonly:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version != SCHEMA_VERSION:
            conn.close()
            raise SchemaError(
                f"{path}: schema version {version}, this eventlens reads {SCHEMA_VERSION}"
            )
    else:
        migrate(conn)
    return Store(conn, path)


class Store:
    """A connection to the event store; safe to share between threads (one lock)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        """Close the connection, first letting SQLite refresh its planner statistics.

        Without statistics the planner can pick slow plans for filtered queries; SQLite
        recommends ``PRAGMA optimize`` before closing, and it is cheap when nothing changed.
        """
        with self._lock:
            try:
                self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # a read-only or busy database keeps its old statistics
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``)."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------
    def is_known(self, *, content_hash: str | None = None, url: str | None = None) -> bool:
        """True when an article with this content hash or (canonical) URL is stored."""
        with self._lock:
            return self._existing_id(content_hash, store_dedup.canonical_url(url)) is not None

    def _existing_id(self, content_hash: str | None, canon: str | None) -> int | None:
        """The id of the stored article with this hash or canonical URL (or an alias)."""
        row = None
        if content_hash:
            row = self.conn.execute(
                "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
            ).fetchone()
        if row is None and canon:
            row = self.conn.execute(
                "SELECT id FROM articles WHERE canonical_url = :u OR raw_url = :u"
                " UNION ALL SELECT article_id FROM url_aliases WHERE url = :u LIMIT 1",
                {"u": canon},
            ).fetchone()
        return int(row[0]) if row else None

    def add_document(
        self, doc: dict[str, Any], *, content_hash: str, source: str, raw_url: str | None = None
    ) -> int | None:
        """Store one extract document with all its records in a single transaction.

        Returns the new article id, or None when the article is already stored (same
        content hash or canonical URL). Raises ValueError for a document without text.
        """
        art = doc.get("article") or {}
        if not (art.get("text") or "").strip():
            raise ValueError(f"{source}: document has no article text")
        canon = store_dedup.canonical_url(art.get("url")) or store_dedup.canonical_url(raw_url)
        raw_canon = store_dedup.canonical_url(raw_url)
        signature = store_dedup.minhash(art["text"])  # computed outside the write lock
        with self.transaction() as conn:
            existing = self._existing_id(content_hash, canon)
            if existing is not None:
                for alias in {raw_canon, canon} - {None}:
                    conn.execute("INSERT OR IGNORE INTO url_aliases (url, article_id)"
                                 " VALUES (?, ?)", (alias, existing))
                return None
            article_id = self._insert_article(conn, doc, content_hash, source, raw_canon, canon)
            self._insert_records(conn, article_id, doc)
            if signature is not None:
                store_dedup.link_near_duplicates(conn, article_id, signature)
            store_cluster.cluster_events(conn, article_id)
        return article_id

    def _insert_article(
        self,
        conn: sqlite3.Connection,
        doc: dict[str, Any],
        content_hash: str,
        source: str,
        raw_url: str | None,
        canon: str | None,
    ) -> int:
        art = doc["article"]
        extra = {k: v for k, v in art.items() if k not in _KNOWN_ARTICLE_KEYS}
        sentences = [[s["start"], s["end"]] for s in doc.get("sentences") or []]
        cur = conn.execute(
            """INSERT INTO articles (content_hash, canonical_url, url, raw_url, source, doc_id,
                 title, subtitle, byline, published, site, outlet, language, text, captions,
                 sentences, extra)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                content_hash, canon, art.get("url"), raw_url, source, doc.get("id"),
                art.get("title"), art.get("subtitle"), art.get("byline"), art.get("published"),
                art.get("site"), _outlet(art, raw_url, source), art.get("language"), art["text"],
                json.dumps(art.get("captions") or [], ensure_ascii=False),
                json.dumps(sentences), json.dumps(extra, ensure_ascii=False) if extra else None,
            ),
        )
        article_id = int(cur.lastrowid or 0)
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (article_id, art.get("title") or "", art["text"]),
        )
        return article_id

    def _insert_records(self, conn: sqlite3.Connection, aid: int, doc: dict[str, Any]) -> None:
        published = (doc.get("article") or {}).get("published")
        conn.executemany(
            'INSERT INTO entities (article_id, text, label, start, "end") VALUES (?,?,?,?,?)',
            entity_rows(aid, doc.get("entities") or []),
        )
        conn.executemany(
            'INSERT INTO actors (article_id, text, name, country, sector, start, "end", data)'
            " VALUES (?,?,?,?,?,?,?,?)",
            actor_rows(aid, doc.get("actors") or []),
        )
        conn.executemany(
            'INSERT INTO places (article_id, text, start, "end", name, lat, lon, country, admin1,'
            " geonameid, feature, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            place_rows(aid, doc.get("places") or []),
        )
        conn.executemany(
            'INSERT INTO quotes (article_id, text, start, "end", speaker_name, speaker_country,'
            " speaker_sector, data) VALUES (?,?,?,?,?,?,?,?)",
            quote_rows(aid, doc.get("quotes") or []),
        )
        conn.executemany(
            "INSERT INTO events (article_id, idx, type, mode, context, cameo, status,"
            " source_name, source_country, source_sector, target_name, target_country,"
            " target_sector, location_name, location_country, lat, lon, geonameid, date, day,"
            ' day_precision, trigger, start, "end", confidence, data)'
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            event_rows(aid, doc.get("events") or [], published),
        )
        names = {n for ev in doc.get("events") or [] for role in ("source", "target")
                 if isinstance(ev.get(role), dict) and (n := ev[role].get("name"))}
        conn.executemany("INSERT OR IGNORE INTO actor_names (name, folded) VALUES (?, ?)",
                         [(n, n.casefold()) for n in names])

    def record_error(self, source: str, reason: str) -> None:
        """Record that input ``source`` failed; the same failure again bumps ``attempts``."""
        with self.transaction() as conn:
            conn.execute(
                """INSERT INTO errors (source, reason) VALUES (?, ?)
                   ON CONFLICT (source, reason) DO UPDATE SET attempts = attempts + 1,
                   last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""",
                (source, reason[:2000]),
            )

    def clear_errors(self, source: str) -> None:
        """Forget the recorded failures of ``source``: it has now been read and stored."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM errors WHERE source = ?", (source,))

    # -- reading -------------------------------------------------------------------
    def read(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Run one read statement under the lock and return all its rows.

        The store's one read API: ``store.read`` and ``store.summary`` read through it.
        A malformed full-text query (the ``text`` filter) raises QueryError.
        """
        with self._lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                # Only the ``text`` filter puts user syntax into SQL (as an FTS5 query).
                if "articles_fts MATCH" in sql or "fts5" in str(exc):
                    raise QueryError(f"invalid text query: {exc}") from None
                raise

    def query_events(
        self, filters: EventFilters | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Return events matching ``filters``, newest day first, as event dicts.

        Each dict is the extract document's event plus ``id``, ``article_id``,
        ``cluster_id``, ``day``, ``article_title``, ``article_url``,
        ``article_published``, ``outlet``, ``num_mentions``, ``num_articles``, ``num_sources``.
        """
        return store_read.query_events(self, filters or EventFilters(), limit, offset)

    def count_events(self, filters: EventFilters | None = None) -> int:
        """Count events matching ``filters``."""
        return store_read.count_events(self, filters or EventFilters())

    def get_article(self, article_id: int) -> dict[str, Any] | None:
        """Return the stored article with all its records, or None if there is none."""
        with self._lock:  # one consistent snapshot of the article and its records
            return store_read.read_article(self, int(article_id))

    def get_event(self, event_id: int) -> dict[str, Any] | None:
        """Return one event with its cluster (``cluster.events``: the other reports)."""
        return store_read.read_event(self, event_id)

    def stats(self, filters: EventFilters | None = None) -> dict[str, Any]:
        """Counts for the dashboard: totals, events per type, per day and per country.

        ``events_per_country`` counts by where it happened (location country, else the
        source actor's country). With ``filters``, the event counts are filtered.
        """
        return store_read.read_stats(self, filters or EventFilters())

    def summary(self, filters: EventFilters | None = None,
                max_places: int = MAX_PLACES) -> dict[str, Any]:
        """Matching events counted per type, day, country and location, in one pass.

        ``{"events", "events_per_type", "events_per_day", "events_per_country",
        "places": [{"lat", "lon", "name", "country", "count"}], "unlocated"}``: the
        ``max_places`` busiest locations (what a map draws) and the count of events
        without coordinates.
        """
        return summarise(self, filters or EventFilters(), max_places)

    def data_version(self) -> int:
        """A number that grows with every write (any process): each article stored with
        its records, each error recorded, each delete. Results computed under one value
        stay valid while it holds."""
        return data_version(self)

    def iter_events(
        self, filters: EventFilters | None = None, batch_size: int = 5000
    ) -> Iterator[list[dict[str, Any]]]:
        """Yield all matching events in id order, in batches (keyset paging: flat memory)."""
        return store_read.iter_events(self, filters or EventFilters(), batch_size)

    def count_dyads(
        self, filters: EventFilters | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """Matching events per (source country, target country), busiest first."""
        return store_read.count_dyads(self, filters or EventFilters(), limit)

    def query_quotes(
        self, speaker: str | None = None, country: str | None = None,
        limit: int = 50, offset: int = 0, days: tuple[str | None, str | None] = (None, None),
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total, page) of stored quotes, newest article first (see ``read.query_quotes``)."""
        return store_read.query_quotes(self, speaker, country, limit, offset, days)

    def errors(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Return recorded input failures, most recent first."""
        return store_read.read_errors(self, limit, offset)


def _outlet(art: dict[str, Any], raw_url: str | None, source: str) -> str:
    if art.get("site"):
        return str(art["site"])
    for url in (art.get("url"), raw_url):
        host = urlsplit(url).hostname if url else None
        if host:
            return host.removeprefix("www.")
    return source
