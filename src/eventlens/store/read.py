"""Read whole articles and aggregate statistics back out of the store."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from eventlens.store.query import EventFilters
from eventlens.store.rows import ACTOR_FIELDS, PLACE_FIELDS, merge_record

if TYPE_CHECKING:
    from eventlens.store.database import Store

_ARTICLE_COLUMNS = (
    "id", "content_hash", "canonical_url", "url", "raw_url", "source", "doc_id", "title",
    "subtitle", "byline", "published", "site", "outlet", "language", "text", "captions",
    "sentences", "extra", "duplicate_of", "ingested_at",
)


def read_article(store: Store, article_id: int) -> dict[str, Any] | None:
    """Return ``{"id", "article", "sentences", "entities", "actors", "places", "quotes",
    "events", "near_duplicates"}`` for one stored article, or None."""
    conn = store.conn
    cols = ", ".join(f'"{c}"' for c in _ARTICLE_COLUMNS)
    row = conn.execute(f"SELECT {cols} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    art = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
    art.pop("id")
    art["captions"] = json.loads(art["captions"])
    sentences = [{"start": s, "end": e} for s, e in json.loads(art.pop("sentences"))]
    extra = art.pop("extra")
    if extra:
        art.update(json.loads(extra))

    def records(table: str, fields: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        cols = "".join(f', "{f}"' for f in fields)
        rows = conn.execute(
            f"SELECT data{cols} FROM {table} WHERE article_id = ? ORDER BY id", (article_id,)
        )
        return [merge_record(tuple(r[1:]), fields, r[0]) for r in rows]

    entities = [
        {"text": t, "label": lab, "start": s, "end": e}
        for t, lab, s, e in conn.execute(
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
        "events": store.query_events(EventFilters(article_id=article_id), limit=100_000),
        "near_duplicates": _near_duplicates(store, article_id),
    }


def _near_duplicates(store: Store, article_id: int) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        """SELECT n.duplicate_of, n.similarity, a.title, a.url FROM near_duplicates n
             JOIN articles a ON a.id = n.duplicate_of WHERE n.article_id = :a
           UNION ALL
           SELECT n.article_id, n.similarity, a.title, a.url FROM near_duplicates n
             JOIN articles a ON a.id = n.article_id WHERE n.duplicate_of = :a
           ORDER BY 2 DESC""",
        {"a": article_id},
    ).fetchall()
    return [{"article_id": i, "similarity": s, "title": t, "url": u} for i, s, t, u in rows]


def read_stats(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Totals plus events per type, per day and per country (filtered events)."""
    from eventlens.store.summary import summarise

    def scalar(sql: str) -> int:
        return int(store._read(sql)[0][0])

    counts = summarise(store, filters, max_places=0)
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
