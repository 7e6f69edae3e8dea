"""Read events, whole articles, errors and aggregate statistics back out of the store.

Every function takes a :class:`~eventlens.store.reader.Reader` (a ``Store``) and reads
through its one public ``read``; ``Store``'s reading methods call these.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventlens.store.query import EventFilters, build_where
from eventlens.store.reader import Reader
from eventlens.store.rows import ACTOR_FIELDS, PLACE_FIELDS, merge_record
from eventlens.store.summary import summarise

# Columns read back with each event (the event JSON plus the article and cluster context);
# rows of this SELECT become event dicts through event_dict().
EVENT_SELECT = """
SELECT e.id, e.article_id, e.cluster_id, e.day, e.data,
       a.title, a.url, a.published, a.outlet,
       c.num_mentions, c.num_articles, c.num_sources
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN event_clusters c ON c.id = e.cluster_id
"""

_ARTICLE_COLUMNS = (
    "id", "content_hash", "canonical_url", "url", "raw_url", "source", "doc_id", "title",
    "subtitle", "byline", "published", "site", "outlet", "language", "text", "captions",
    "sentences", "extra", "duplicate_of", "ingested_at",
)
_CLUSTER_COLUMNS = ("id", "type", "first_day", "last_day", "num_mentions", "num_articles",
                    "num_sources")
_ERROR_COLUMNS = ("id", "source", "reason", "attempts", "created_at", "last_seen")


def event_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    """Turn one ``EVENT_SELECT`` row into the public event dict."""
    (eid, aid, cid, day, data, title, url, published, outlet, n_mentions, n_articles,
     n_sources) = row
    event: dict[str, Any] = json.loads(data)
    event.update(
        id=eid, article_id=aid, cluster_id=cid, day=day, article_title=title, article_url=url,
        article_published=published, outlet=outlet, num_mentions=n_mentions,
        num_articles=n_articles, num_sources=n_sources,
    )
    return event


def query_events(
    reader: Reader, filters: EventFilters, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Events matching ``filters``, newest day first, as event dicts (``Store.query_events``)."""
    where, params = build_where(filters)
    # Selective filters (actor, place, text) find their few rows through their own
    # indexes and sort them ("+" keeps the day index out); broad ones walk the day
    # index newest-first and stop at the page. Paging happens on events alone, then
    # the page is joined, so the planner never sorts joined rows.
    day = "+e.day" if filters.actor or filters.near or filters.text else "e.day"
    sql = (f"{EVENT_SELECT} WHERE e.id IN (SELECT e.id FROM events e WHERE {where}"
           f" ORDER BY {day} DESC, e.id DESC LIMIT ? OFFSET ?)"
           " ORDER BY e.day DESC, e.id DESC")
    rows = reader.read(sql, [*params, int(limit), int(offset)])
    return [event_dict(r) for r in rows]


def count_events(reader: Reader, filters: EventFilters) -> int:
    """How many events match ``filters``."""
    where, params = build_where(filters)
    return int(reader.read(f"SELECT COUNT(*) FROM events e WHERE {where}", params)[0][0])


def read_event(reader: Reader, event_id: int) -> dict[str, Any] | None:
    """One event with its cluster (``cluster.events``: the other reports), or None."""
    rows = reader.read(f"{EVENT_SELECT} WHERE e.id = ?", (int(event_id),))
    if not rows:
        return None
    event = event_dict(rows[0])
    event["cluster"] = _cluster(reader, event)
    return event


def _cluster(reader: Reader, event: dict[str, Any]) -> dict[str, Any] | None:
    if event["cluster_id"] is None:
        return None
    row = reader.read(
        f"SELECT {', '.join(_CLUSTER_COLUMNS)} FROM event_clusters WHERE id = ?",
        (event["cluster_id"],),
    )[0]
    cluster = dict(zip(_CLUSTER_COLUMNS, row, strict=True))
    others = reader.read(
        f"{EVENT_SELECT} WHERE e.cluster_id = ? AND e.id != ? ORDER BY e.day, e.id LIMIT 500",
        (event["cluster_id"], event["id"]),
    )
    cluster["events"] = [event_dict(r) for r in others]
    return cluster


def iter_events(
    reader: Reader, filters: EventFilters, batch_size: int = 5000
) -> Iterator[list[dict[str, Any]]]:
    """Yield all matching events in id order, in batches (keyset paging: flat memory)."""
    where, params = build_where(filters)
    last = 0
    while True:
        rows = reader.read(
            f"{EVENT_SELECT} WHERE e.id IN (SELECT e.id FROM events e WHERE {where}"
            " AND e.id > ? ORDER BY e.id LIMIT ?) ORDER BY e.id",
            [*params, last, int(batch_size)],
        )
        if not rows:
            return
        yield [event_dict(r) for r in rows]
        last = rows[-1][0]


def count_dyads(reader: Reader, filters: EventFilters, limit: int = 100) -> list[dict[str, Any]]:
    """Matching events counted per (source country, target country), busiest first; events
    with either country unknown are left out."""
    where, params = build_where(filters)
    rows = reader.read(
        "SELECT e.source_country, e.target_country, COUNT(*) AS n FROM events e"
        f" WHERE {where} AND e.source_country IS NOT NULL AND e.target_country IS NOT NULL"
        " GROUP BY e.source_country, e.target_country ORDER BY n DESC,"
        " e.source_country, e.target_country LIMIT ?",
        [*params, int(limit)],
    )
    return [{"source": a, "target": b, "count": int(n)} for a, b, n in rows]


_QUOTE_SELECT = (
    "SELECT q.id, q.article_id, q.text, q.start, q.\"end\", q.speaker_name, q.speaker_country,"
    " q.speaker_sector, a.title, a.url, a.published FROM quotes q JOIN articles a"
    " ON a.id = q.article_id"
)
_QUOTE_KEYS = ("id", "article_id", "text", "start", "end", "speaker_name", "speaker_country",
               "speaker_sector", "article_title", "article_url", "article_published")


def query_quotes(
    reader: Reader,
    speaker: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
    days: tuple[str | None, str | None] = (None, None),
) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of quotes, newest article first: ``speaker`` is a case-insensitive
    substring of the speaker's name, ``country`` the speaker's ISO alpha-3 code, ``days``
    inclusive bounds on the article's publication day."""
    clauses, params = [], []
    if days[0]:
        clauses.append("a.published >= ?")
        params.append(days[0])
    if days[1]:
        clauses.append("a.published <= ?")
        params.append(days[1])
    if speaker:
        clauses.append("q.speaker_name LIKE ? ESCAPE '\\'")
        escaped = speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    if country:
        clauses.append("q.speaker_country = ?")
        params.append(country.upper())
    where = " AND ".join(clauses) or "1"
    total = int(reader.read(
        f"SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}",
        params,
    )[0][0])
    rows = reader.read(
        f"{_QUOTE_SELECT} WHERE {where} ORDER BY a.published DESC, q.id DESC LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )
    return total, [dict(zip(_QUOTE_KEYS, r, strict=True)) for r in rows]


def read_errors(reader: Reader, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Recorded input failures, most recent first."""
    rows = reader.read(
        f"SELECT {', '.join(_ERROR_COLUMNS)} FROM errors"
        " ORDER BY last_seen DESC, id DESC LIMIT ? OFFSET ?",
        (int(limit), int(offset)),
    )
    return [dict(zip(_ERROR_COLUMNS, r, strict=True)) for r in rows]


def read_article(reader: Reader, article_id: int) -> dict[str, Any] | None:
    """Return ``{"id", "article", "sentences", "entities", "actors", "places", "quotes",
    "events", "near_duplicates"}`` for one stored article, or None."""
    cols = ", ".join(f'"{c}"' for c in _ARTICLE_COLUMNS)
    found = reader.read(f"SELECT {cols} FROM articles WHERE id = ?", (article_id,))
    if not found:
        return None
    art = dict(zip(_ARTICLE_COLUMNS, found[0], strict=True))
    art.pop("id")
    art["captions"] = json.loads(art["captions"])
    sentences = [{"start": s, "end": e} for s, e in json.loads(art.pop("sentences"))]
    extra = art.pop("extra")
    if extra:
        art.update(json.loads(extra))

    def records(table: str, fields: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        cols = "".join(f', "{f}"' for f in fields)
        rows = reader.read(
            f"SELECT data{cols} FROM {table} WHERE article_id = ? ORDER BY id", (article_id,)
        )
        return [merge_record(tuple(r[1:]), fields, r[0]) for r in rows]

    entities = [
        {"text": t, "label": lab, "start": s, "end": e}
        for t, lab, s, e in reader.read(
            'SELECT text, label, start, "end" FROM entities WHERE article_id = ? ORDER BY id',
            (article_id,),
        )
    ]
    return {
        "id": article_id,
        "article": art,
        "sentences": sentences,
        "entities": entities,
        "actors": records("actors", ACTOR_FIELDS),
        "places": records("places", PLACE_FIELDS),
        "quotes": records("quotes"),
        "events": query_events(reader, EventFilters(article_id=article_id), limit=100_000),
        "near_duplicates": _near_duplicates(reader, article_id),
    }


def _near_duplicates(reader: Reader, article_id: int) -> list[dict[str, Any]]:
    rows = reader.read(
        """SELECT n.duplicate_of, n.similarity, a.title, a.url FROM near_duplicates n
             JOIN articles a ON a.id = n.duplicate_of WHERE n.article_id = :a
           UNION ALL
           SELECT n.article_id, n.similarity, a.title, a.url FROM near_duplicates n
             JOIN articles a ON a.id = n.article_id WHERE n.duplicate_of = :a
           ORDER BY 2 DESC""",
        {"a": article_id},
    )
    return [{"article_id": i, "similarity": s, "title": t, "url": u} for i, s, t, u in rows]


def read_stats(reader: Reader, filters: EventFilters) -> dict[str, Any]:
    """Totals plus events per type, per day and per country (filtered events)."""

    def scalar(sql: str) -> int:
        return int(reader.read(sql)[0][0])

    counts = summarise(reader, filters, max_places=0)
    return {
        "articles": scalar("SELECT COUNT(*) FROM articles"),
        "events": counts["events"],
        "errors": scalar("SELECT COUNT(*) FROM errors"),
        "clusters": scalar("SELECT COUNT(*) FROM event_clusters"),
        "near_duplicate_articles": scalar(
            "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ),
        "events_per_type": counts["events_per_type"],
        "events_per_day": counts["events_per_day"],
        "events_per_country": counts["events_per_country"],
    }
