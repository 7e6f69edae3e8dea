"""The SQLite event store: schema, atomic writes, dedup, clustering, filters, stats."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventlens.store import dedup as store_dedup
from eventlens.store.stage import (
    SCHEMA_VERSION,
    EventFilters,
    QueryError,
    SchemaError,
    Store,
    open_store,
)
from testkit import TESTS
from testkit.store import ERBIL, KYIV, MOSUL, OTHER_STORY, STORY, actor, document, event

IRQ_MIL = actor("Iraqi forces", "IRQ", "MIL")
ISIL = actor("Islamic State", None, "REB", 20)
RUS = actor("Russia", "RUS", "GOV")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "events.db") as s:
        yield s


def add(store: Store, doc: dict, source: str = "test") -> int | None:
    return store.add_document(doc, content_hash=store_dedup.content_hash(
        doc["article"]["text"] + str(doc["article"]["url"])), source=source)


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    tables = ["articles", "entities", "actors", "places", "quotes", "events", "event_clusters",
              "errors", "near_duplicates", "minhash_bands", "articles_fts"]
    out = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    conn.close()
    return out


def test_new_store_is_wal_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        open_store(path)


def test_reopen_keeps_data_and_readonly_reads(store: Store) -> None:
    aid = add(store, document(STORY))
    store.close()
    with open_store(store.path, readonly=True) as ro:
        assert ro.get_article(aid)["article"]["text"] == STORY
        with pytest.raises(sqlite3.OperationalError):
            ro.record_error("x", "y")


def test_round_trip_keeps_every_record(store: Store) -> None:
    ev = event("ASSAULT", IRQ_MIL, ISIL, MOSUL, "2016-10-16", STORY[:80])
    doc = document(STORY, url="https://news.example/a", events=[ev])
    aid = add(store, doc)
    got = store.get_article(aid)
    assert got is not None
    for key in ("actors", "places", "quotes", "entities", "sentences"):
        assert got[key] == doc[key], key
    assert got["article"]["captions"] == ["A caption."]
    assert got["article"]["outlet"] == "news.example"
    stored = got["events"][0]
    assert {k: stored[k] for k in ev} == ev
    assert stored["article_title"] == "Illustrative report" and stored["day"] == "2016-10-16"
    assert store.get_article(aid + 100) is None and store.get_event(999) is None


def test_duplicates_by_hash_and_canonical_url(store: Store) -> None:
    doc = document(STORY, url="https://News.Example/a/?utm_source=feed#top")
    assert add(store, doc) is not None
    assert store.add_document(doc, content_hash="different", source="x") is None  # same URL
    again = document(STORY, url=None)
    assert store.add_document(again, content_hash=store_dedup.content_hash(
        STORY + str(doc["article"]["url"])), source="y") is None  # same hash
    assert store.is_known(url="https://news.example/a")
    assert not store.is_known(url="https://news.example/b", content_hash="nope")
    assert counts(store.path)["articles"] == 1


def test_failed_write_leaves_no_partial_article(store: Store) -> None:
    good = event("ASSAULT", IRQ_MIL, ISIL, MOSUL, "2016-10-16", "x")
    broken = dict(good)
    del broken["type"]  # the events insert fails after the article and entities rows
    with pytest.raises(KeyError):
        add(store, document(STORY, events=[good, broken]))
    assert all(n == 0 for n in counts(store.path).values())
    assert add(store, document(STORY, events=[good])) is not None


def test_near_duplicates_are_linked(store: Store) -> None:
    first = add(store, document(STORY, url="https://wire.example/1", site="Wire"))
    edited = STORY.replace("several hours", "about four hours") + " Reporting by the Wire."
    second = add(store, document(edited, url="https://paper.example/2", site="Paper"))
    other = add(store, document(OTHER_STORY, url="https://paper.example/3", site="Paper"))
    art = store.get_article(second)
    assert art["article"]["duplicate_of"] == first
    assert art["near_duplicates"][0]["article_id"] == first
    assert art["near_duplicates"][0]["similarity"] >= store_dedup.NEAR_DUPLICATE_THRESHOLD
    assert store.get_article(other)["article"]["duplicate_of"] is None
    assert store.get_article(first)["near_duplicates"][0]["article_id"] == second


def test_events_cluster_across_articles(store: Store) -> None:
    sentence = "Iraqi forces shelled Islamic State positions in Mosul."
    for i, (site, day) in enumerate([("A", "2016-10-16"), ("B", "2016-10-17"),
                                     ("B", "2016-10-18")]):
        text = f"{OTHER_STORY} Report {i}: {sentence}"
        evs = [event("ASSAULT", IRQ_MIL, ISIL, MOSUL, day, sentence),
               event("ASSAULT", IRQ_MIL, ISIL, MOSUL, day, sentence + " Again.")]
        add(store, document(text, site=site, url=f"https://{site}.example/{i}", events=evs))
    # Too far in time, another place, or another actor: separate clusters.
    add(store, document(STORY + " Later.", events=[
        event("ASSAULT", IRQ_MIL, ISIL, MOSUL, "2016-11-30", sentence),
        event("ASSAULT", IRQ_MIL, ISIL, ERBIL, "2016-10-16", sentence),
        event("ASSAULT", RUS, ISIL, MOSUL, "2016-10-16", sentence)]))
    events = store.query_events(EventFilters(), limit=100)
    big = [e for e in events if e["num_mentions"] == 6]
    assert len(big) == 6 and len({e["cluster_id"] for e in big}) == 1
    assert big[0]["num_articles"] == 3 and big[0]["num_sources"] == 2
    assert sum(1 for e in events if e["num_mentions"] == 1) == 3
    detail = store.get_event(big[0]["id"])
    assert detail["cluster"]["first_day"] == "2016-10-16"
    assert detail["cluster"]["last_day"] == "2016-10-18"
    assert len(detail["cluster"]["events"]) == 5
    assert all(o["sentence"].startswith("Iraqi forces") for o in detail["cluster"]["events"])


def test_undated_or_unnamed_events_do_not_cluster_across_articles(store: Store) -> None:
    sentence = "Diners were asked to slap a cracker."
    for i in range(2):
        # No day at all (no date, no publication date): nothing says they are one event.
        add(store, document(f"{OTHER_STORY} Undated {i}: {sentence}", published=None,
                            url=f"https://u.example/{i}",
                            events=[event("REQUEST", IRQ_MIL, None, MOSUL, None, sentence)]))
        # Same day and place but nobody named: a place alone is not one event.
        add(store, document(f"{STORY} Unnamed {i}: {sentence}", url=f"https://n.example/{i}",
                            events=[event("REQUEST", None, None, MOSUL, "2016-10-17",
                                          sentence)]))
    events = store.query_events(EventFilters(), limit=100)
    assert len(events) == 4
    assert len({e["cluster_id"] for e in events}) == 4
    assert all(e["num_articles"] == 1 for e in events)


def _filter_store(store: Store) -> None:
    s1 = "Iraqi forces shelled Islamic State positions in Mosul."
    s2 = "Russia accused Ukraine of shelling near Kyiv."
    add(store, document(STORY, title="Mosul", events=[
        event("ASSAULT", IRQ_MIL, ISIL, MOSUL, "2016-10-16", s1),
        event("CONSULT", IRQ_MIL, None, ERBIL, "2016-10-20", s1, cameo="04")]))
    add(store, document(OTHER_STORY, title="Harvest", published="2022-03-01", events=[
        event("ACCUSE", RUS, actor("Ukraine", "UKR", "GOV"), KYIV, None, s2, cameo="11")]))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilters(), ["ACCUSE", "CONSULT", "ASSAULT"]),
        (EventFilters(type="assault,consult"), ["CONSULT", "ASSAULT"]),
        (EventFilters(actor="iraqi"), ["CONSULT", "ASSAULT"]),
        (EventFilters(actor="ukrain"), ["ACCUSE"]),
        (EventFilters(country="UKR"), ["ACCUSE"]),
        (EventFilters(country="irq"), ["CONSULT", "ASSAULT"]),
        (EventFilters(since="2016-10-17", until="2016-12-31"), ["CONSULT"]),
        (EventFilters(since="2022-03-01"), ["ACCUSE"]),  # no event date: publication day
        (EventFilters(near=(36.3, 43.1, 30)), ["ASSAULT"]),
        (EventFilters(near=(36.3, 43.1, 120)), ["CONSULT", "ASSAULT"]),
        (EventFilters(text="harvest"), ["ACCUSE"]),
        (EventFilters(text='"armoured columns" AND Erbil'), ["CONSULT", "ASSAULT"]),
        (EventFilters(text="mosul", type="ASSAULT", country="IRQ", actor="forces"), ["ASSAULT"]),
        (EventFilters(actor="100%_"), []),
    ],
)
def test_filters(store: Store, filters: EventFilters, expected: list[str]) -> None:
    _filter_store(store)
    assert [e["type"] for e in store.query_events(filters)] == expected
    assert store.count_events(filters) == len(expected)


def test_paging_and_bad_filters(store: Store) -> None:
    _filter_store(store)
    assert [e["type"] for e in store.query_events(limit=1, offset=1)] == ["CONSULT"]
    for bad in (EventFilters(text="AND AND"), EventFilters(since="17/10/2016"),
                EventFilters(near=(95.0, 0.0, 10.0))):
        with pytest.raises(QueryError):
            store.query_events(bad)


def test_min_confidence_filters_query_count_and_summary(store: Store) -> None:
    s1 = "Iraqi forces shelled Islamic State positions in Mosul."
    evs = [event("ASSAULT", IRQ_MIL, ISIL, MOSUL, "2016-10-16", s1),
           event("CONSULT", IRQ_MIL, None, ERBIL, "2016-10-20", s1, cameo="04"),
           event("ACCUSE", RUS, None, KYIV, "2016-10-21", s1, cameo="11"),
           event("PROTEST", None, None, None, "2016-10-22", s1, cameo="14")]
    for ev, confidence in zip(evs, (0.07, 0.45, 0.9, None), strict=True):
        ev["confidence"] = confidence
    add(store, document(STORY, events=evs))
    for threshold, expected in [(None, ["PROTEST", "ACCUSE", "CONSULT", "ASSAULT"]),
                                (0.0, ["ACCUSE", "CONSULT", "ASSAULT"]),
                                (0.3, ["ACCUSE", "CONSULT"]), (0.45, ["ACCUSE", "CONSULT"]),
                                (0.5, ["ACCUSE"]), (1.0, [])]:
        f = EventFilters(min_confidence=threshold)
        assert [e["type"] for e in store.query_events(f)] == expected, threshold
        assert store.count_events(f) == len(expected)
        summary = store.summary(f)
        assert summary["events_per_type"] == {t: 1 for t in sorted(expected)}
        assert sum(len(batch) for batch in store.iter_events(f)) == len(expected)
    both = EventFilters(min_confidence=0.3, country="IRQ")
    assert [e["type"] for e in store.query_events(both)] == ["CONSULT"]
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(QueryError, match="min_confidence"):
            store.query_events(EventFilters(min_confidence=bad))


def test_stats_and_errors(store: Store) -> None:
    _filter_store(store)
    store.record_error("bad.warc", "truncated WARC")
    store.record_error("bad.warc", "truncated WARC")
    stats = store.stats()
    assert stats["articles"] == 2 and stats["events"] == 3 and stats["errors"] == 1
    assert stats["events_per_type"] == {"ACCUSE": 1, "ASSAULT": 1, "CONSULT": 1}
    assert stats["events_per_day"] == {"2016-10-16": 1, "2016-10-20": 1, "2022-03-01": 1}
    assert stats["events_per_country"] == {"IRQ": 2, "UKR": 1}
    assert store.stats(EventFilters(country="UKR"))["events_per_type"] == {"ACCUSE": 1}
    assert store.errors()[0]["attempts"] == 2


@pytest.mark.parametrize("filters", [
    EventFilters(), EventFilters(type="ASSAULT,ACCUSE"), EventFilters(country="IRQ"),
    EventFilters(actor="forces"), EventFilters(since="2016-10-18"), EventFilters(text="harvest"),
    EventFilters(near=(36.3, 43.1, 120)),
])
def test_summary_counts_what_the_query_returns(store: Store, filters: EventFilters) -> None:
    _filter_store(store)
    add(store, document("Police met protesters downtown.", url="https://x.example/p",
                        events=[event("CONSULT", None, None, None, None, "Police met.")]))
    events = store.query_events(filters, limit=1000)
    got = store.summary(filters)
    assert got["events"] == len(events) == store.count_events(filters)
    assert got["events_per_type"] == dict(sorted(Counter(e["type"] for e in events).items()))
    assert got["events_per_day"] == dict(sorted(Counter(e["day"] for e in events).items()))
    located = Counter((e["location"]["lat"], e["location"]["lon"]) for e in events
                      if (e.get("location") or {}).get("lat") is not None)
    assert {(p["lat"], p["lon"]): p["count"] for p in got["places"]} == located
    assert got["unlocated"] == len(events) - sum(located.values())
    assert store.summary(filters, max_places=1)["places"] == got["places"][:1]
    assert store.stats(filters)["events_per_country"] == got["events_per_country"]


def test_data_version_moves_with_every_write(store: Store) -> None:
    versions = [store.data_version()]
    _filter_store(store)
    versions.append(store.data_version())
    store.record_error("bad.warc", "truncated WARC")
    versions.append(store.data_version())
    with open_store(store.path) as other:  # another connection's write counts too
        add(other, document("A later story.", url="https://x.example/later"))
    versions.append(store.data_version())
    assert versions == sorted(set(versions))
    assert store.data_version() == versions[-1]  # reads leave it alone


@given(st.sampled_from(["http", "https", "HTTPS"]), st.from_regex(r"[a-z]{1,8}\.[a-z]{2,3}",
       fullmatch=True), st.lists(st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True), max_size=3),
       st.dictionaries(st.from_regex(r"[a-z]{1,5}", fullmatch=True),
                       st.from_regex(r"[a-z0-9]{0,4}", fullmatch=True), max_size=3))
def test_canonical_url_is_stable(scheme: str, host: str, path: list[str],
                                 query: dict[str, str]) -> None:
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    url = f"{scheme}://{host.upper()}/{'/'.join(path)}?{qs}&utm_medium=x#frag"
    canon = store_dedup.canonical_url(url)
    assert canon is not None and store_dedup.canonical_url(canon) == canon
    assert "utm_" not in canon and "#" not in canon and canon.startswith(scheme.lower())


def test_canonical_url_refuses_non_http() -> None:
    assert store_dedup.canonical_url("file:///etc/passwd") is None
    assert store_dedup.canonical_url("not a url") is None


@given(st.text(min_size=1, max_size=400))
def test_minhash_of_same_text_is_identical(text: str) -> None:
    a, b = store_dedup.minhash(text), store_dedup.minhash(text)
    if a is None:
        assert b is None
    else:
        assert store_dedup.similarity(a, b) == 1.0
        assert store_dedup.similarity(a, store_dedup.from_blob(store_dedup.to_blob(a))) == 1.0


def test_migrates_a_version_1_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = _store_at_version(path, 1)
    conn.execute("INSERT INTO articles (id, content_hash, source, outlet, text)"
                 " VALUES (1, 'h', 's', 'o', 'Text about Évian.')")
    conn.execute("INSERT INTO events (article_id, idx, type, source_name, day, data)"
                 " VALUES (1, 0, 'AGREE', 'Élysée Palace', '2016-10-17', '{\"type\": \"AGREE\"}')")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        assert "confidence" in _index_columns(store.conn, "events_lat_lon")
        assert [e["type"] for e in store.query_events(EventFilters(actor="élysée"))] == ["AGREE"]
        assert store.stats()["events"] == 1
        before = store.data_version()
        add(store, document(STORY))
        assert store.data_version() > before and store.summary()["events"] == 1


WRITER = """
import sys
sys.path.insert(0, {tests!r})
from testkit.store import MOSUL, OTHER_STORY, actor, document, event
from eventlens.store.stage import content_hash, open_store
store = open_store({db!r})
src = actor("Iraqi forces", "IRQ", "MIL")
for i in range(100000):
    text = f"{{OTHER_STORY}} Item {{i}}."
    evs = [event("ASSAULT", src, None, MOSUL, "2016-10-16", "s"),
           event("PROTEST", None, None, MOSUL, None, "t")]
    store.add_document(document(text, events=evs), content_hash=content_hash(text), source=str(i))
"""


def test_sigkill_during_writes_leaves_only_whole_articles(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    db = tmp_path / "k.db"
    script = WRITER.format(tests=str(TESTS), db=str(db))
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if db.exists() and counts(db)["articles"] >= 50:
                break
        except sqlite3.OperationalError:  # schema not created yet
            pass
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(db) as store:  # recovers the WAL
        n = counts(db)
        assert n["articles"] >= 50
        per_article = {"entities": 1, "actors": 1, "places": 1, "quotes": 1, "events": 2,
                       "articles_fts": 1, "minhash_bands": 32}
        for table, k in per_article.items():
            assert n[table] == k * n["articles"], table
        assert store.stats()["events"] == 2 * n["articles"]


@pytest.mark.parametrize("filters", [
    EventFilters(), EventFilters(min_confidence=0.3),
    EventFilters(min_confidence=0.3, status="occurred"),  # the dashboard's default view
])
def test_summary_without_filter_or_on_confidence_reads_only_indexes(
        store: Store, filters: EventFilters) -> None:
    from eventlens.store.summary import summary_sql

    _filter_store(store)
    sql, params = summary_sql(filters, 10)
    plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    reads = [step for step in plan if step.startswith(("SCAN events", "SEARCH events"))]
    assert len(reads) >= 5 and all("COVERING INDEX" in step for step in reads), plan


@pytest.mark.parametrize("filters", [
    EventFilters(min_confidence=0.3, type="ASSAULT,ACCUSE"),
    EventFilters(min_confidence=0.3, country="IRQ"),
    EventFilters(min_confidence=0.3, country="IRQ", status="occurred"),
])
def test_summary_on_confidence_with_type_or_country_uses_indexes(
        store: Store, filters: EventFilters) -> None:
    from eventlens.store.summary import summary_sql

    _filter_store(store)
    sql, params = summary_sql(filters, 10)
    assert "MATERIALIZED" not in sql
    plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    reads = [step for step in plan if step.startswith(("SCAN events", "SEARCH events"))]
    # Which index wins depends on the statistics; no grouping may walk the table.
    assert reads and all("INDEX" in step for step in reads), plan
    assert store.summary(filters)["events"] == store.count_events(filters)


def test_summary_on_other_filters_reads_matches_once(store: Store) -> None:
    from eventlens.store.summary import summary_sql

    sql, params = summary_sql(EventFilters(min_confidence=0.3, actor="forces"), 10)
    assert "MATERIALIZED" in sql and len(params) == 4  # two actor patterns, confidence, limit
    both = EventFilters(min_confidence=0.3, type="ASSAULT", country="IRQ")
    assert "MATERIALIZED" in summary_sql(both, 10)[0]


def _index_columns(conn: sqlite3.Connection, index: str) -> list[str]:
    return [row[2] for row in conn.execute(f"PRAGMA index_info({index})")]


def _store_at_version(path: Path, version: int) -> sqlite3.Connection:
    """A connection to a new store built by the first ``version`` migrations only."""
    from eventlens.store.schema import MIGRATIONS, split_statements

    conn = sqlite3.connect(path)
    conn.create_function("casefold", 1, str.casefold)
    for script in MIGRATIONS[:version]:
        for statement in split_statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def test_migrates_a_version_3_store_to_confidence_indexes(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    conn = _store_at_version(path, 3)
    assert "confidence" not in _index_columns(conn, "events_type_day")
    conn.execute("INSERT INTO articles (id, content_hash, source, outlet, text)"
                 " VALUES (1, 'h', 's', 'o', 'Text.')")
    rows = [("AGREE", 0.9, 36.3), ("AGREE", 0.1, None), ("ASSAULT", 0.5, 36.3),
            ("ASSAULT", None, 1.0)]
    for idx, (etype, confidence, lat) in enumerate(rows):
        conn.execute(
            "INSERT INTO events (article_id, idx, type, location_country, lat, lon, day,"
            " confidence, data) VALUES (1, ?, ?, 'IRQ', ?, ?, '2016-10-17', ?, '{}')",
            (idx, etype, lat, lat, confidence))
    conn.commit()
    conn.close()
    with open_store(path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        for index in ("events_type_day", "events_day", "events_location_country",
                      "events_lat_lon"):
            assert "confidence" in _index_columns(conn, index), index
            assert "status" in _index_columns(conn, index), index
        assert _index_columns(conn, "events_type_day")[:3] == ["type", "day", "day_precision"]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        got = store.summary(EventFilters(min_confidence=0.3))
        assert got["events_per_type"] == {"AGREE": 1, "ASSAULT": 1}
        assert got["events_per_day"] == {"2016-10-17": 2} and got["unlocated"] == 0
        assert [(p["lat"], p["count"]) for p in got["places"]] == [(36.3, 2)]
        assert store.summary(EventFilters(min_confidence=0.3, type="AGREE"))["events"] == 1
        assert store.count_events(EventFilters(min_confidence=0.3, country="IRQ")) == 2
        before = store.data_version()
        add(store, document(STORY))
        assert store.data_version() > before


def _dated(etype: str, date: str | None, precision: str | None) -> dict:
    ev = event(etype, IRQ_MIL, None, MOSUL, date, "Iraqi forces shelled Mosul.")
    ev["date_precision"] = precision
    return ev


def test_month_and_year_dates_span_their_period(store: Store) -> None:
    add(store, document(STORY, events=[
        _dated("ASSAULT", "2016-01-01", "year"), _dated("CONSULT", "2016-03-01", "month"),
        _dated("ACCUSE", "2016-03-15", "day")]))
    add(store, document(OTHER_STORY, published=None, events=[_dated("PROTEST", None, None)]))
    got = store.summary(EventFilters())
    assert got["events_per_day"] == {"2016-01-01": 1, "2016-03-01": 1, "2016-03-15": 1}
    assert got["events_per_day_coarse"] == {"2016-01-01": {"year": {"ASSAULT": 1}},
                                            "2016-03-01": {"month": {"CONSULT": 1}}}
    for since, until, expected in [
        ("2016-03-10", "2016-03-31", {"ASSAULT", "CONSULT", "ACCUSE"}),
        ("2016-04-01", None, {"ASSAULT"}),
        ("2016-02-01", "2016-02-29", {"ASSAULT"}),
        ("2017-01-01", None, set()),
        (None, "2015-12-31", set()),
    ]:
        f = EventFilters(since=since, until=until)
        assert {e["type"] for e in store.query_events(f)} == expected, (since, until)
        assert store.summary(f)["events"] == len(expected)
    assert [e["type"] for e in store.query_events(EventFilters(undated=True))] == ["PROTEST"]
    assert store.count_events(EventFilters(undated=False)) == 3
    assert store.summary(EventFilters(undated=True))["events_per_day"] == {}


def test_migrates_a_version_5_store_to_day_precision(tmp_path: Path) -> None:
    import json

    path = tmp_path / "v5.db"
    conn = _store_at_version(path, 5)
    conn.execute("INSERT INTO articles (id, content_hash, source, outlet, text)"
                 " VALUES (1, 'h', 's', 'o', 'Text.')")
    for idx, precision in enumerate(("year", "month", "day", "published")):
        conn.execute("INSERT INTO events (article_id, idx, type, day, data)"
                     " VALUES (1, ?, 'AGREE', '2014-01-01', ?)",
                     (idx, json.dumps({"date_precision": precision})))
    conn.commit()
    conn.close()
    with open_store(path) as store:
        got = store.conn.execute("SELECT day_precision FROM events ORDER BY idx").fetchall()
        assert [r[0] for r in got] == ["year", "month", None, None]
        assert store.summary(EventFilters())["events_per_day_coarse"] == {
            "2014-01-01": {"month": {"AGREE": 1}, "year": {"AGREE": 1}}}
