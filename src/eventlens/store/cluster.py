"""Cluster events across articles: one real-world event, many reports (as GDELT counts).

Two events fall in the same cluster when they have the same PLOVER type, the same
(folded) source and target actor names (at least one of them named: a place alone does
not make two reports one event), the same place (GeoNames id, else country), and days
close enough that the whole cluster spans at most :data:`DATE_WINDOW_DAYS`. An event
without a day never joins another article's: nothing says they happened together.
A cluster counts its mentions (events), distinct articles and distinct outlets, like
GDELT's NumMentions / NumArticles / NumSources.
"""

from __future__ import annotations

import sqlite3

from eventlens.store.dedup import fold_key

DATE_WINDOW_DAYS = 3


def cluster_events(conn: sqlite3.Connection, article_id: int) -> set[int]:
    """Assign a cluster to each unclustered event of ``article_id``; return touched clusters.

    Runs inside the caller's transaction.
    """
    rows = conn.execute(
        "SELECT id, type, source_name, target_name, geonameid, location_country, day"
        " FROM events WHERE article_id = ? AND cluster_id IS NULL ORDER BY idx",
        (article_id,),
    ).fetchall()
    touched: set[int] = set()
    for event_id, etype, source, target, geonameid, country, day in rows:
        key = (etype, fold_key(source), fold_key(target),
               str(geonameid) if geonameid is not None else (country or ""))
        named = any(key[1:3])
        cluster_id = _find_cluster(conn, key, day) if named and day is not None else None
        if cluster_id is None:
            cluster_id = int(conn.execute(
                "INSERT INTO event_clusters (type, source_key, target_key, place_key,"
                " first_day, last_day) VALUES (?,?,?,?,?,?)",
                (*key, day, day),
            ).lastrowid or 0)
        conn.execute("UPDATE events SET cluster_id = ? WHERE id = ?", (cluster_id, event_id))
        touched.add(cluster_id)
    for cluster_id in touched:
        _recount(conn, cluster_id)
    return touched


def _find_cluster(
    conn: sqlite3.Connection, key: tuple[str, str, str, str], day: str
) -> int | None:
    window = f"{DATE_WINDOW_DAYS} days"
    # The new day must lie within the window of BOTH ends: the span never exceeds it.
    row = conn.execute(
        "SELECT id FROM event_clusters WHERE type=? AND source_key=? AND target_key=?"
        " AND place_key=? AND last_day >= date(?, '-' || ?) AND first_day <= date(?, '+' || ?)"
        " ORDER BY abs(julianday(last_day) - julianday(?)) LIMIT 1",
        (*key, day, window, day, window, day),
    ).fetchone()
    return int(row[0]) if row else None


def _recount(conn: sqlite3.Connection, cluster_id: int) -> None:
    conn.execute(
        """UPDATE event_clusters SET
             num_mentions = (SELECT COUNT(*) FROM events WHERE cluster_id = :c),
             num_articles = (SELECT COUNT(DISTINCT article_id) FROM events WHERE cluster_id = :c),
             num_sources = (SELECT COUNT(DISTINCT a.outlet) FROM events e
                            JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = :c),
             first_day = (SELECT MIN(day) FROM events WHERE cluster_id = :c),
             last_day = (SELECT MAX(day) FROM events WHERE cluster_id = :c)
           WHERE id = :c""",
        {"c": cluster_id},
    )
