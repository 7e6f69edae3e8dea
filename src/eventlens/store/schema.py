"""SQL schema of the event store and its migrations (see docs/store.md).

The schema version lives in ``PRAGMA user_version``. Each migration is a script that
moves the database from version ``n - 1`` to ``n``; they run in order, each in its own
transaction, so a database created by any earlier release opens with the current code.
"""

from __future__ import annotations

import sqlite3

from eventlens.errors import SchemaError

# Version 1: the first store layout.
_V1 = """
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,      -- sha256 of the raw input as given
    canonical_url TEXT UNIQUE,               -- normalised URL (NULL when unknown)
    url           TEXT,                      -- article.url from the extract document
    raw_url       TEXT,                      -- where it was fetched from, if fetched
    source        TEXT NOT NULL,             -- input name: path, URL, path:line, warc#n
    doc_id        TEXT,                      -- the extract document's id
    title         TEXT,
    subtitle      TEXT,
    byline        TEXT,
    published     TEXT,                      -- YYYY-MM-DD
    site          TEXT,
    outlet        TEXT NOT NULL,             -- site, else URL host, else source: for NumSources
    language      TEXT,
    text          TEXT NOT NULL,
    captions      TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    sentences     TEXT NOT NULL DEFAULT '[]',   -- JSON list of [start, end]
    extra         TEXT,                      -- JSON of article fields this schema lacks
    duplicate_of  INTEGER REFERENCES articles(id),  -- earliest near-duplicate, if any
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_raw_url ON articles(raw_url);

CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL
);
CREATE INDEX entities_article ON entities(article_id);

CREATE TABLE actors (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    start      INTEGER,
    "end"      INTEGER,
    data       TEXT NOT NULL                 -- the actor record as JSON
);
CREATE INDEX actors_article ON actors(article_id);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE places (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    name       TEXT,
    lat        REAL,
    lon        REAL,
    country    TEXT,
    admin1     TEXT,
    geonameid  INTEGER,
    feature    TEXT,
    data       TEXT NOT NULL
);
CREATE INDEX places_article ON places(article_id);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE quotes (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    speaker_name    TEXT,
    speaker_country TEXT,
    speaker_sector  TEXT,
    data            TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_name);

CREATE TABLE event_clusters (
    id           INTEGER PRIMARY KEY,
    type         TEXT NOT NULL,
    source_key   TEXT NOT NULL,              -- folded source actor name ('' if none)
    target_key   TEXT NOT NULL,
    place_key    TEXT NOT NULL,              -- geonameid, else country, else ''
    first_day    TEXT,
    last_day     TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0, -- events in the cluster
    num_articles INTEGER NOT NULL DEFAULT 0, -- distinct articles reporting it
    num_sources  INTEGER NOT NULL DEFAULT 0  -- distinct sites (or inputs) reporting it
);
CREATE INDEX event_clusters_key
    ON event_clusters(type, source_key, target_key, place_key, last_day);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,        -- position in the document's events list
    cluster_id      INTEGER REFERENCES event_clusters(id),
    type            TEXT NOT NULL,
    mode            TEXT,
    context         TEXT,
    cameo           TEXT,
    status          TEXT,
    source_name     TEXT,
    source_country  TEXT,
    source_sector   TEXT,
    target_name     TEXT,
    target_country  TEXT,
    target_sector   TEXT,
    location_name   TEXT,
    location_country TEXT,
    lat             REAL,
    lon             REAL,
    geonameid       INTEGER,
    date            TEXT,                    -- the event's own date (may be NULL)
    day             TEXT,                    -- date, else the article's published date
    trigger         TEXT,
    start           INTEGER,                 -- evidence sentence offsets in article text
    "end"           INTEGER,
    confidence      REAL,
    data            TEXT NOT NULL            -- the full event record as JSON
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_type_day ON events(type, day);
CREATE INDEX events_source_country ON events(source_country, day);
CREATE INDEX events_target_country ON events(target_country, day);
CREATE INDEX events_location_country ON events(location_country, day);
CREATE INDEX events_lat_lon ON events(lat, lon);

CREATE TABLE article_minhash (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature  BLOB NOT NULL                 -- MinHash signature, little-endian uint32s
);
CREATE TABLE minhash_bands (
    band       INTEGER NOT NULL,
    bucket     INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_lookup ON minhash_bands(band, bucket);

CREATE TABLE near_duplicates (
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    duplicate_of INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    similarity   REAL NOT NULL,              -- estimated Jaccard of word shingles
    PRIMARY KEY (article_id, duplicate_of)
);
CREATE INDEX near_duplicates_of ON near_duplicates(duplicate_of);

CREATE TABLE errors (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,                -- the input that failed
    reason     TEXT NOT NULL,                -- one-line reason
    attempts   INTEGER NOT NULL DEFAULT 1,   -- how many runs hit this same failure
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (source, reason)
);

-- Full-text index over title and body; rows are written with the article.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""

# Version 2: URL aliases (skip re-fetching redirects to stored articles), actor-name
# lookup for fast substring filters, and an index that covers per-country statistics.
# IF [NOT] EXISTS: development snapshots of version 1 may already hold some of these.
_V2 = """
CREATE TABLE IF NOT EXISTS url_aliases (
    url        TEXT PRIMARY KEY,             -- canonical form
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);

DROP INDEX IF EXISTS events_location_country;
-- (location_country, source_country) also covers the per-country statistics scan.
CREATE INDEX events_location_country ON events(location_country, source_country);
CREATE INDEX IF NOT EXISTS events_source_name ON events(source_name);
CREATE INDEX IF NOT EXISTS events_target_name ON events(target_name);

-- Distinct actor names of events: a substring filter scans this small table, then
-- finds the events through the name indexes instead of scanning every event.
CREATE TABLE IF NOT EXISTS actor_names (
    name   TEXT PRIMARY KEY,
    folded TEXT NOT NULL                     -- casefolded, for case-insensitive search
) WITHOUT ROWID;
INSERT OR IGNORE INTO actor_names (name, folded)
    SELECT name, casefold(name) FROM (SELECT source_name AS name FROM events
                                   UNION SELECT target_name FROM events)
    WHERE name IS NOT NULL;
"""

# Version 3: a data version bumped by triggers on every write (so writes by any process
# count), letting readers cache aggregates until it changes; and a lat/lon index that
# also holds the place name and country, so the map's grouping reads that index alone.
# Events and clusters are inserted and updated only in the transaction that inserts
# their article (``Store.add_document``), so the article's trigger covers those writes;
# per-event triggers would double the cost of raw event inserts. Deletes are counted
# on every table, as they need not go through an article.
_VERSION_TRIGGERS = (
    ("articles", "INSERT"), ("articles", "UPDATE"), ("articles", "DELETE"),
    ("errors", "INSERT"), ("errors", "UPDATE"), ("errors", "DELETE"),
    ("events", "DELETE"), ("event_clusters", "DELETE"),
)
_V3 = """
CREATE TABLE IF NOT EXISTS store_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO store_meta (key, value) VALUES ('data_version', 0);
DROP INDEX IF EXISTS events_lat_lon;
CREATE INDEX events_lat_lon ON events(lat, lon, location_name, location_country);
""" + "".join(
    f"CREATE TRIGGER IF NOT EXISTS {table}_{op.lower()}_version AFTER {op} ON {table}\n"
    "BEGIN UPDATE store_meta SET value = value + 1 WHERE key = 'data_version'; END;\n"
    for table, op in _VERSION_TRIGGERS
)

# Version 4: the indexes that the dashboard's summary walks (per type, day, country and
# place) also hold confidence, type and the three countries, so a summary filtered on
# those alone (the dashboard sends ``min_confidence`` by default) reads each index and
# never the table. Widening replaces indexes rather than adding any: each insert still
# updates as many indexes as before. The (type, day) and (day) indexes keep their
# leading columns, so the query paths that used them are unchanged; (type, day) also
# holds lat/lon, as a type filter leads every grouping, the unlocated count included,
# to that index.
_V4 = """
DROP INDEX IF EXISTS events_type_day;
CREATE INDEX events_type_day ON events(type, day, confidence, location_country,
    source_country, target_country, lat, lon);
DROP INDEX IF EXISTS events_day;
CREATE INDEX events_day
    ON events(day, confidence, type, location_country, source_country, target_country);
DROP INDEX IF EXISTS events_location_country;
CREATE INDEX events_location_country
    ON events(location_country, source_country, confidence, type, target_country);
DROP INDEX IF EXISTS events_lat_lon;
CREATE INDEX events_lat_lon ON events(lat, lon, location_name, location_country, confidence,
    type, source_country, target_country);
"""

# Version 5: the same four summary indexes also hold the event's status, so the
# dashboard's default view (status "occurred" and a minimum confidence) is answered from
# the indexes as before (without it, 664 ms instead of 130 ms on 300k events).
_V5 = """
DROP INDEX IF EXISTS events_type_day;
CREATE INDEX events_type_day ON events(type, day, confidence, location_country,
    source_country, target_country, lat, lon, status);
DROP INDEX IF EXISTS events_day;
CREATE INDEX events_day
    ON events(day, confidence, type, location_country, source_country, target_country, status);
DROP INDEX IF EXISTS events_location_country;
CREATE INDEX events_location_country
    ON events(location_country, source_country, confidence, type, target_country, status);
DROP INDEX IF EXISTS events_lat_lon;
CREATE INDEX events_lat_lon ON events(lat, lon, location_name, location_country, confidence,
    type, source_country, target_country, status);
"""

# Version 6: ``day_precision`` says when ``day`` stands for a whole month or year (an
# event dated "in March" or "in 2014" is stored on the 1st): the timeline spreads such
# events over their period instead of drawing a spike on the 1st. NULL for anything
# dated to a day or a week, which keeps the index entries small. It follows ``day`` in
# the (type, day) index, so the timeline's (type, day, precision) grouping still reads it
# in order, and ends the (day) index, so a ``since`` filter checks it there (second, it
# would push ``confidence`` back and lose the skip-scans that filter on it).
_V6 = """
ALTER TABLE events ADD COLUMN day_precision TEXT;
UPDATE events SET day_precision = json_extract(data, '$.date_precision')
    WHERE json_extract(data, '$.date_precision') IN ('month', 'year');
DROP INDEX IF EXISTS events_type_day;
CREATE INDEX events_type_day ON events(type, day, day_precision, confidence,
    location_country, source_country, target_country, lat, lon, status);
DROP INDEX IF EXISTS events_day;
CREATE INDEX events_day ON events(day, confidence, type, location_country, source_country,
    target_country, status, day_precision);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring ``conn``'s database to :data:`SCHEMA_VERSION`; return the version it had.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Each step runs under
    ``BEGIN IMMEDIATE`` and re-reads the version, so two processes opening a new
    database at once do not both apply it, and a crash leaves the previous version.
    """
    # Migrations fold names the way the code does (SQLite's lower() is ASCII-only).
    conn.create_function("casefold", 1, str.casefold, deterministic=True)
    found = _version(conn)
    if found > SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {found} is newer than this eventlens ({SCHEMA_VERSION})"
        )
    while (current := _version(conn)) < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _version(conn) == current:
                for statement in split_statements(MIGRATIONS[current]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def split_statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (trigger bodies stay whole)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return [s for s in out if s.strip(" ;\n")]
