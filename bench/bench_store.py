"""Store cost: ingest rate, DB size per 1,000 articles, query latency on 1M event rows.

Usage: .venv/bin/python bench/bench_store.py [--data ../shared/eval/geo/lgl.xml] [--n 300]
       [--rows 1000000] [--out bench/results/store.json] [--write docs/performance.md]

The figures go to ``--out`` (JSON) and replace the "## Store" section of ``--write``
(other sections are kept; ``--write ''`` skips it).

Measured in one process:
- ingest: ``run_ingest`` (pipeline + store, one worker) over ``--n`` real news texts
  (the LGL article texts, read from the evaluation folder, never copied), articles/s and
  rows/s (rows = articles + entities + actors + places + quotes + events);
- store only: the same documents, already extracted, written again with
  ``Store.add_document`` into a fresh file (one transaction per article), articles/s and
  rows/s, and the store's share of the whole ingest time;
- size: file size of that store (after a WAL checkpoint) per 1,000 articles;
- queries: a separate store filled with ``--rows`` synthetic events generated directly
  in SQL (no NLP), then each filter of ``eventlens query`` timed (median of 5 runs,
  first page of 100, plus the matching count) and ``stats()``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_pipeline import load_corpus  # bench/ is on sys.path when run as a script

from eventlens.batch.parallel import run_documents
from eventlens.config import Config
from eventlens.ingest.stage import run_ingest
from eventlens.records import RawInput
from eventlens.store.schema import MIGRATIONS, split_statements
from eventlens.store.stage import SCHEMA_VERSION, EventFilters, Store, content_hash, open_store

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo" / "lgl.xml"
RECORD_KEYS = ("entities", "actors", "places", "quotes", "events")


def load_texts(path: Path, n: int) -> list[dict[str, str]]:
    """The first ``n`` article records (id, text, title, url) of an LGL-style XML file."""
    keys = ("id", "text", "title", "url")
    return [{k: article[k] or "" for k in keys} for article in load_corpus(path, n)]


def bench_ingest(texts: list[dict[str, str]], workdir: Path) -> dict[str, Any]:
    """Full ingest (pipeline + store) and store-only writes of the same documents."""
    corpus = workdir / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(t) + "\n" for t in texts), "utf-8")
    config = Config(jobs=1)
    # Warm the models so the timing is per-article work, not model loading.
    list(run_documents([RawInput(content="Warm up the models in Baghdad.")], config, 1))
    with open_store(workdir / "ingest.db") as store:
        summary = run_ingest([str(corpus)], store, config)
    ingest_s = summary.seconds
    raws = [RawInput(content=t["text"], id=t["id"], url=t["url"] or None, title=t["title"],
                     source=t["id"]) for t in texts]
    docs = [d for d in run_documents(raws, config, 1) if not d["errors"]]
    path = workdir / "store-only.db"
    with open_store(path) as store:
        t0 = time.perf_counter()
        for raw, doc in zip(raws, docs, strict=False):
            store.add_document(doc, content_hash=content_hash(raw.content), source=raw.source)
        store_s = time.perf_counter() - t0
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rows = sum(1 + sum(len(d[k]) for k in RECORD_KEYS) for d in docs)
    size = path.stat().st_size
    return {
        "articles": summary.articles, "events": summary.events, "rows": summary.rows,
        "ingest_seconds": round(ingest_s, 2),
        "ingest_articles_per_s": round(summary.articles / ingest_s, 1),
        "ingest_rows_per_s": round(summary.rows / ingest_s, 1),
        "store_only_seconds": round(store_s, 3),
        "store_only_articles_per_s": round(len(docs) / store_s, 1),
        "store_only_rows_per_s": round(rows / store_s, 1),
        "store_share_of_ingest": round(store_s / ingest_s, 3),
        "db_bytes": size, "db_mb_per_1000_articles": round(size / len(docs) * 1000 / 2**20, 2),
        "mean_chars_per_article": round(sum(len(d["article"]["text"]) for d in docs) / len(docs)),
    }


TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
COUNTRIES = ["IRQ", "SYR", "USA", "GBR", "FRA", "RUS", "UKR", "TUR", "IRN", "ISR", "PSE", "EGY",
             "JOR", "SAU", "YEM", "AFG", "PAK", "IND", "CHN", "NGA"]
SECTORS = ["GOV", "MIL", "REB", "OPP", "COP", "CVL", "IGO", "NGO"]
WORDS = ["talks", "border", "attack", "minister", "aid", "protest", "election", "ceasefire",
         "refugees", "sanctions", "troops", "court", "oil", "drone", "convoy", "summit"]


def _sql_list(values: list[str]) -> str:
    return "json_array(" + ",".join(f"'{v}'" for v in values) + ")"


def generate(store: Store, n_events: int, n_articles: int) -> None:
    """Fill an empty store with synthetic articles and events, entirely in SQL."""
    types, countries = _sql_list(TYPES), _sql_list(COUNTRIES)
    sectors, words = _sql_list(SECTORS), _sql_list(WORDS)
    pick = "json_extract({arr}, '$[' || (abs(random()) % json_array_length({arr})) || ']')"
    store.conn.execute("PRAGMA cache_size=-1000000")  # index building in memory
    with store.transaction() as conn:
        conn.execute(f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n_articles})
            INSERT INTO articles (id, content_hash, source, title, published, outlet, text)
            SELECT i, 'h' || i, 'synthetic', 'Synthetic article ' || i,
                   date('2015-01-01', '+' || (i % 1500) || ' days'), 'site' || (i % 200),
                   'Synthetic report ' || i || ' about ' || {pick.format(arr=words)} || ' and '
                   || {pick.format(arr=words)} || ' near the ' || {pick.format(arr=words)}
            FROM n""")
        conn.execute("INSERT INTO articles_fts (rowid, title, text)"
                     " SELECT id, title, text FROM articles")
        conn.execute(f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n_events})
            INSERT INTO events (article_id, idx, type, status, source_name, source_country,
                source_sector, target_name, target_country, target_sector, location_name,
                location_country, lat, lon, date, day, trigger, start, "end", confidence, data)
            SELECT a, 0, t, 'occurred', sc || ' ' || ss || ' ' || (i % 500), sc, ss,
                   tc || ' ' || ts, tc, ts, 'Place ' || (i % 20000), sc, lat, lon, d, d,
                   'did', 0, 80, (abs(random()) % 1000) / 1000.0,
                   json_object('type', t, 'source', json_object('name', sc || ' ' || ss || ' '
                     || (i % 500), 'country', sc, 'sector', ss), 'target',
                     json_object('name', tc || ' ' || ts, 'country', tc, 'sector', ts),
                     'location', json_object('lat', lat, 'lon', lon, 'country', sc),
                     'date', d, 'status', 'occurred', 'sentence', 'Synthetic sentence.')
            FROM (SELECT i, 1 + (i % {n_articles}) AS a,
                    {pick.format(arr=types)} AS t, {pick.format(arr=countries)} AS sc,
                    {pick.format(arr=countries)} AS tc, {pick.format(arr=sectors)} AS ss,
                    {pick.format(arr=sectors)} AS ts,
                    -60 + (abs(random()) % 12000) / 100.0 AS lat,
                    -180 + (abs(random()) % 36000) / 100.0 AS lon,
                    date('2015-01-01', '+' || (abs(random()) % 1500) || ' days') AS d
                  FROM n)""")
        conn.execute("INSERT OR IGNORE INTO actor_names (name, folded) SELECT name, lower(name)"
                     " FROM (SELECT source_name AS name FROM events UNION"
                     " SELECT target_name FROM events) WHERE name IS NOT NULL")
    store.conn.execute("ANALYZE")


QUERIES = {
    "no filter (newest first)": EventFilters(),
    "type": EventFilters(type="ASSAULT"),
    "country": EventFilters(country="IRQ"),
    "actor substring": EventFilters(actor="mil 42"),
    "date range (1 month)": EventFilters(since="2016-10-01", until="2016-10-31"),
    "near (100 km)": EventFilters(near=(33.3, 44.4, 100.0)),
    "text (FTS5)": EventFilters(text="ceasefire AND convoy"),
    "type + country + dates": EventFilters(type="ASSAULT,COERCE", country="SYR",
                                           since="2016-01-01", until="2016-12-31"),
    # The dashboard sends min_confidence=0.3 by default, alone or with its other filters.
    "min_confidence 0.3": EventFilters(min_confidence=0.3),
    "type + min_confidence": EventFilters(type="ASSAULT", min_confidence=0.3),
    "country + min_confidence": EventFilters(country="IRQ", min_confidence=0.3),
    "type + country + min_confidence": EventFilters(type="ASSAULT,COERCE", country="SYR",
                                                    min_confidence=0.3),
}


_EVENT_INSERT = (
    "INSERT INTO events (article_id, idx, type, mode, context, cameo, status, source_name,"
    " source_country, source_sector, target_name, target_country, target_sector,"
    " location_name, location_country, lat, lon, geonameid, date, day, trigger, start,"
    ' "end", confidence, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)')


def _synthetic_event_rows(n_events: int, seed: int = 7) -> list[tuple[Any, ...]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n_events):
        etype, sc, tc = rng.choice(TYPES), rng.choice(COUNTRIES), rng.choice(COUNTRIES)
        day = f"{rng.randrange(2015, 2019)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        rows.append((i // 10 + 1, i % 10, etype, None, "military", "19", "occurred",
                     f"{sc} forces {i % 500}", sc, "MIL", f"{tc} GOV", tc, "GOV",
                     f"Place {rng.randrange(20000)}", sc, rng.uniform(-60, 60),
                     rng.uniform(-180, 180), rng.randrange(10**6), day, day, "did", 0, 80,
                     rng.random(), json.dumps({"type": etype, "sentence": "Synthetic."})))
    return rows


def _timed_writes(path: Path, version: int, rows: list[tuple[Any, ...]]) -> float:
    """Seconds to write ``rows`` as articles of 10 events, one transaction each, into a
    new store created at schema ``version`` (the same pragmas as ``open_store``)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "cache_size=-65536"):
        conn.execute(f"PRAGMA {pragma}")
    conn.create_function("casefold", 1, str.casefold)
    for script in MIGRATIONS[:version]:
        for statement in split_statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    t0 = time.perf_counter()
    for start in range(0, len(rows), 10):
        aid = start // 10 + 1
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO articles (id, content_hash, source, outlet, text)"
                     " VALUES (?, ?, 'bench', 'site', 'Synthetic article.')", (aid, f"h{aid}"))
        conn.executemany(_EVENT_INSERT, rows[start:start + 10])
        conn.execute("COMMIT")
    seconds = time.perf_counter() - t0
    conn.close()
    return seconds


def bench_writes(workdir: Path, n_events: int, rounds: int = 3) -> dict[str, Any]:
    """Insert time of ``n_events`` events under schema version 3 (before the confidence
    indexes) and the current version, alternating, best of ``rounds`` each."""
    rows = _synthetic_event_rows(n_events)
    best: dict[int, float] = {}
    for r in range(rounds):
        for version in (3, SCHEMA_VERSION):
            path = workdir / f"writes-v{version}-{r}.db"
            best[version] = min(best.get(version, math.inf), _timed_writes(path, version, rows))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    return {"events": n_events, "events_per_article": 10, "v3_seconds": round(best[3], 2),
            "current_seconds": round(best[SCHEMA_VERSION], 2),
            "current_version": SCHEMA_VERSION,
            "ratio_current_to_v3": round(best[SCHEMA_VERSION] / best[3], 3)}


def _median_ms(fn: Any, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def bench_queries(workdir: Path, n_rows: int) -> dict[str, Any]:
    """Query latency on a store of ``n_rows`` synthetic events."""
    path = workdir / "million.db"
    with open_store(path) as store:
        t0 = time.perf_counter()
        generate(store, n_rows, max(1, n_rows // 10))
        gen_s = time.perf_counter() - t0
        result: dict[str, Any] = {"rows": n_rows, "generate_seconds": round(gen_s, 1)}
        for name, filters in QUERIES.items():
            result[name] = {
                "page_ms": _median_ms(lambda f=filters: store.query_events(f, limit=100)),
                "count_ms": _median_ms(lambda f=filters: store.count_events(f)),
                "matches": store.count_events(filters),
            }
        result["stats() ms"] = _median_ms(store.stats, repeat=3)
        # The dashboard's aggregate (per type, day, country and the 2,000 busiest places).
        result["summary() ms"] = {
            name: _median_ms(lambda f=filters: store.summary(f), repeat=3)
            for name, filters in QUERIES.items()
        }
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result["db_mb"] = round(path.stat().st_size / 2**20, 1)
    return result


def render(results: dict[str, Any]) -> str:
    """The "Store" section of docs/performance.md."""
    lines = [f"Measured by `python bench/bench_store.py` ({results['cpus']} CPUs, Python "
             f"{results['python']}, load average {results['load_before']} before / "
             f"{results['load_after']} after: the machine was shared, so absolute times are "
             "indicative). Raw figures: `bench/results/store.json`.", ""]
    ing = results.get("ingest")
    if ing:
        lines += [
            f"**Ingest** of {ing['articles']} LGL news texts (mean {ing['mean_chars_per_article']}"
            f" characters; {ing['events']} events, {ing['rows']} rows), one worker:", "",
            "| measure | articles/s | rows/s | seconds |", "| --- | ---: | ---: | ---: |",
            f"| `run_ingest` (pipeline + store) | {ing['ingest_articles_per_s']} | "
            f"{ing['ingest_rows_per_s']} | {ing['ingest_seconds']} |",
            f"| store only (`add_document`, one transaction per article) | "
            f"{ing['store_only_articles_per_s']} | {ing['store_only_rows_per_s']} | "
            f"{ing['store_only_seconds']} |", "",
            f"Writing to the store is {100 * ing['store_share_of_ingest']:.1f}% of the ingest "
            f"time. **Database size: {ing['db_mb_per_1000_articles']} MB per 1,000 articles** "
            "(text, FTS index, all records with their JSON, MinHash bands, indexes).", ""]
    w = results.get("writes")
    if w:
        lines += [
            f"**Event writes**: {w['events']:,} synthetic events inserted as articles of "
            f"{w['events_per_article']} events, one transaction each, best of 3: "
            f"{w['v3_seconds']} s with the schema version 3 indexes, {w['current_seconds']} s "
            f"with version {w['current_version']}'s (ratio {w['ratio_current_to_v3']}).", ""]
    q = results["queries"]
    lines += [f"**Queries** on {q['rows']:,} synthetic events ({q['rows'] // 10:,} articles, "
              f"generated in SQL in {q['generate_seconds']} s; file {q['db_mb']} MB), median "
              "of 5 runs, first page of 100 events (joined with article and cluster) and "
              "the total count:", "",
              "| filter | page ms | count ms | matches |", "| --- | ---: | ---: | ---: |"]
    for name in QUERIES:
        r = q[name]
        lines.append(f"| {name} | {r['page_ms']} | {r['count_ms']} | {r['matches']:,} |")
    lines += ["", f"`stats()` (totals, per type, per day, per country) over all events: "
              f"{q['stats() ms']} ms."]
    summary = q.get("summary() ms")
    if summary:
        lines += ["", "`summary(filters)` (what `/api/summary` computes on a cache miss: "
                  "counts per type, day and country and the 2,000 busiest places; the "
                  "generator gives nearly every event its own coordinates, a worst case "
                  "for the place grouping), median of 3, ms: "
                  + "; ".join(f"{name} {ms}" for name, ms in summary.items()) + "."]
    return "\n".join(lines)


def write_section(doc: Path, body: str, title: str = "Store") -> None:
    """Replace (or append) the ``## title`` section of ``doc``, keeping the others."""
    existing = doc.read_text("utf-8") if doc.exists() else "# Performance\n\n"
    parts = re.split(r"(?m)^(?=## )", existing)
    kept = [p for p in parts[1:] if p.splitlines()[0][3:].strip() != title]
    section = f"## {title}\n\n{body.strip()}\n\n"
    chunks = [parts[0], *[p.rstrip("\n") + "\n\n" for p in kept], section]
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text("".join(chunks).rstrip("\n") + "\n", "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--write-events", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path("bench/results/store.json"))
    parser.add_argument("--write", default="docs/performance.md")
    args = parser.parse_args()
    results: dict[str, Any] = {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                               "load_before": round(os.getloadavg()[0], 1)}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if args.data.is_file():
            results["ingest"] = bench_ingest(load_texts(args.data, args.n), workdir)
        else:
            print(f"skipping ingest: {args.data} not found", file=sys.stderr)
        results["writes"] = bench_writes(workdir, args.write_events)
        results["queries"] = bench_queries(workdir, args.rows)
    results["load_after"] = round(os.getloadavg()[0], 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    if args.write:
        write_section(Path(args.write), render(results))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
