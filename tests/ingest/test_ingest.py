"""``eventlens ingest`` end to end on team-written inputs: files, WARC, feeds, bad input,
idempotence, and a real SIGKILL mid-ingest followed by a resumed run."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventlens.cli import stage as cli
from eventlens.config import Config
from eventlens.ingest.stage import run_ingest
from eventlens.store.stage import open_store

# Illustrative, team-written articles (not real news).
ARTICLES = [
    ("Protest in Basra", "2016-10-14",
     "Hundreds of protesters marched through Basra on Friday to demand jobs and reliable "
     "electricity. Police blocked the road to the provincial council building. The governor "
     "said he would meet a delegation of the demonstrators next week."),
    ("Talks in Amman", "2016-10-18",
     "The foreign ministers of Jordan and Britain met in Amman on Tuesday to discuss aid for "
     "refugees. Both governments agreed to expand support for schools in the camps, a joint "
     "statement said."),
    ("Clashes near Kirkuk", "2016-10-21",
     "Gunmen attacked a police station in Kirkuk before dawn on Friday, officials said. Kurdish "
     "security forces surrounded the building and fighting continued for several hours."),
]


def html_page(title: str, published: str, body: str) -> str:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><article><h1>{title}</h1>{paras}</article></body></html>")


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    names = ["articles", "entities", "actors", "places", "quotes", "events", "event_clusters",
             "errors", "near_duplicates", "articles_fts"]
    out = {n: conn.execute(f"SELECT COUNT(*) FROM {n}").fetchone()[0] for n in names}
    conn.close()
    return out


def errors_of(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT source, reason FROM errors").fetchall()
    conn.close()
    return dict(rows)


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))


def rss(items: list[str]) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content='
            '"http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>'
            + "".join(items) + "</channel></rss>")


def rss_item(title: str, link: str, published: str | None = None, content: str = "") -> str:
    date = f"<pubDate>{published}</pubDate>" if published else ""
    body = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return f"<item><title>{title}</title><link>{link}</link>{date}{body}</item>"


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with every kind of input, good and bad."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "nested" / "deeper").mkdir(parents=True)
    t0, d0, b0 = ARTICLES[0]
    (root / "basra.txt").write_text(f"{t0}\n\n{b0}\n", "utf-8")
    t1, d1, b1 = ARTICLES[1]
    (root / "nested" / "amman.html").write_text(html_page(t1, d1, b1), "utf-8")
    lines = [json.dumps({"id": "k1", "text": ARTICLES[2][2], "published": ARTICLES[2][1],
                         "title": ARTICLES[2][0]}), "{not json", json.dumps({"id": "x"})]
    (root / "nested" / "batch.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (root / "nested" / "deeper" / "photo.jpg").write_bytes(bytes(range(256)) * 40)
    (root / "empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text("ignored", "utf-8")
    return root


def test_directory_ingest_records_failures_and_is_idempotent(
    mixed_dir: Path, tmp_path: Path, config: Config, nlp_model: object
) -> None:
    db = tmp_path / "e.db"
    assert cli.main(["ingest", str(mixed_dir), "--db", str(db), "--jobs", "1", "--quiet"]) == 1
    first = table_counts(db)
    assert first["articles"] == 3 and first["articles_fts"] == 3
    errs = errors_of(db)
    assert set(errs) == {str(mixed_dir / "nested" / "deeper" / "photo.jpg"),
                         str(mixed_dir / "empty.txt"), f"{mixed_dir / 'nested' / 'batch.jsonl'}:2",
                         f"{mixed_dir / 'nested' / 'batch.jsonl'}:3"}
    assert "binary" in errs[str(mixed_dir / "nested" / "deeper" / "photo.jpg")]
    with open_store(db) as store:
        texts = " ".join(store.get_article(i)["article"]["text"] for i in (1, 2, 3))
        summary = run_ingest([str(mixed_dir)], store, config)
    assert all(body.split(".")[0] in texts for _, _, body in ARTICLES)
    assert summary.skipped == 3 and summary.articles == 0 and summary.errors == 4
    assert table_counts(db) == first


def test_warc_plain_gzip_and_truncated(tmp_path: Path, config: Config, nlp_model: object) -> None:
    pages = [(f"https://news.example/{i}", html_page(*a)) for i, a in enumerate(ARTICLES)]
    write_warc(tmp_path / "crawl.warc.gz", pages[:2])
    write_warc(tmp_path / "whole.warc", pages[2:])
    write_warc(tmp_path / "two.warc", pages[:2])
    two = (tmp_path / "two.warc").read_bytes()
    (tmp_path / "cut.warc").write_bytes(two[: len(two) - 700])  # second response cut short
    db = tmp_path / "w.db"
    with open_store(db) as store:
        summary = run_ingest([str(tmp_path / n) for n in ("crawl.warc.gz", "whole.warc",
                                                          "cut.warc")], store, config)
        urls = {a["article_url"] for a in store.query_events(limit=1000)}
    assert summary.articles == 3, errors_of(db)
    assert urls <= {u for u, _ in pages}
    # cut.warc's first record is the crawl's first page again: stored once.
    assert summary.skipped + summary.duplicates == 1
    errs = errors_of(db)
    assert list(errs) == [str(tmp_path / "cut.warc")] and "truncated" in errs[str(
        tmp_path / "cut.warc")]


def test_feed_file_with_content_and_broken_feed(
    tmp_path: Path, config: Config, nlp_model: object
) -> None:
    long_body = " ".join(f"<p>{ARTICLES[0][2]}</p>" for _ in range(2))
    feed = rss([rss_item("Protest in Basra", "https://wire.example/basra",
                         "Fri, 14 Oct 2016 10:00:00 GMT", long_body)])
    (tmp_path / "wire.rss").write_text(feed, "utf-8")
    (tmp_path / "broken.xml").write_text('<?xml version="1.0"?><rss><channel><item><title>',
                                         "utf-8")
    (tmp_path / "data.xml").write_text('<?xml version="1.0"?><articles><a/></articles>', "utf-8")
    db = tmp_path / "f.db"
    with open_store(db) as store:
        summary = run_ingest([str(tmp_path / n) for n in ("wire.rss", "broken.xml", "data.xml")],
                             store, config)
        art = store.get_article(1)
    assert summary.articles == 1
    assert art["article"]["url"] == "https://wire.example/basra"
    assert art["article"]["published"] == "2016-10-14"
    assert "broken feed XML" in errors_of(db)[str(tmp_path / "broken.xml")]
    assert "not an RSS/Atom feed" in errors_of(db)[str(tmp_path / "data.xml")]


def test_huge_page_is_refused_and_rest_ingested(
    tmp_path: Path, config: Config, nlp_model: object
) -> None:
    big = tmp_path / "huge.html"
    chunk = ("<p>" + "word " * 2000 + "</p>\n").encode()
    with open(big, "wb") as fh:
        fh.write(b"<html><body>")
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    assert big.stat().st_size > 50 * 1024 * 1024
    (tmp_path / "ok.txt").write_text(ARTICLES[1][2], "utf-8")
    db = tmp_path / "h.db"
    with open_store(db) as store:
        summary = run_ingest([str(big), str(tmp_path / "ok.txt")], store, config)
    assert summary.articles == 1
    assert "too large" in errors_of(db)[str(big)]


def _jsonl_corpus(path: Path, n: int) -> None:
    """n distinct short articles, built from the team-written ones with varied details."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            title, published, body = ARTICLES[i % len(ARTICLES)]
            text = f"{body} Report number {i} was filed {i % 7 + 1} hours later."
            fh.write(json.dumps({"id": str(i), "text": text, "title": f"{title} {i}",
                                 "published": published}) + "\n")
        fh.write("{broken line\n")


def _article_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _snapshot(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(db)
    out = {
        "articles": sorted(conn.execute("SELECT content_hash, title, text FROM articles")),
        "events": sorted(conn.execute(
            "SELECT a.content_hash, e.idx, e.data FROM events e JOIN articles a"
            " ON a.id = e.article_id")),
        "clusters": sorted(conn.execute(
            "SELECT type, source_key, target_key, place_key, first_day, last_day, num_mentions,"
            " num_articles, num_sources FROM event_clusters")),
        "errors": sorted(conn.execute("SELECT source, reason FROM errors")),
    }
    conn.close()
    return out


@pytest.mark.slow
def test_sigkill_mid_ingest_then_resume_matches_clean_run(
    tmp_path: Path, config: Config, nlp_model: object
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _jsonl_corpus(corpus, 120)
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    cmd = [sys.executable, "-m", "eventlens", "ingest", str(corpus), "--db", str(killed),
           "--jobs", "1", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _article_count(killed) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = _article_count(killed)
    assert 0 < at_kill < 120, f"kill did not land mid-ingest ({at_kill} articles)"
    # The resumed run uses two worker processes: same result as one.
    resumed = subprocess.run([*cmd[:-3], "--jobs", "2", "--quiet"], capture_output=True,
                             text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr  # the one broken line is an error
    assert f"{at_kill} already stored" in resumed.stderr
    with open_store(clean) as store:
        run_ingest([str(corpus)], store, config)
    assert table_counts(killed) == table_counts(clean)
    assert _snapshot(killed) == _snapshot(clean)


def test_gzip_jsonl_and_missing_source(tmp_path: Path, config: Config, nlp_model: object) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g", "text": ARTICLES[0][2]}) + "\n")
    db = tmp_path / "g.db"
    with open_store(db) as store:
        summary = run_ingest([str(tmp_path / "a.jsonl.gz"), str(tmp_path / "nope.txt")], store,
                             config)
    assert summary.articles == 1 and summary.errors == 1
    assert "No such file" in errors_of(db)[str(tmp_path / "nope.txt")]


def test_batch_parquet_dataset_loads_back(
    tmp_path: Path, config: Config, nlp_model: object
) -> None:
    from eventlens.batch.stage import BatchOptions, run_batch

    corpus = tmp_path / "in.jsonl"
    _jsonl_corpus(corpus, 6)
    run_batch([str(corpus)], tmp_path / "dataset", config, BatchOptions())
    direct, loaded = tmp_path / "direct.db", tmp_path / "loaded.db"
    with open_store(direct) as store:
        run_ingest([str(corpus)], store, config)
    assert cli.main(["ingest", str(tmp_path / "dataset"), "--db", str(loaded), "--quiet"]) == 1
    assert table_counts(loaded) == table_counts(direct)
    snap_direct, snap_loaded = _snapshot(direct), _snapshot(loaded)
    assert snap_loaded["articles"] == snap_direct["articles"]
    assert snap_loaded["events"] == snap_direct["events"]
    # Loading the same dataset again stores nothing new.
    assert cli.main(["ingest", str(tmp_path / "dataset"), "--db", str(loaded), "--quiet"]) == 1
    assert table_counts(loaded) == table_counts(direct)


def test_a_fixed_input_clears_its_old_errors(tmp_path: Path, config: Config,
                                             nlp_model: object) -> None:
    page = tmp_path / "later.txt"
    db = tmp_path / "f.db"
    with open_store(db) as store:
        assert run_ingest([str(page)], store, config).errors == 1  # not there yet
        assert str(page) in errors_of(db)
        page.write_text(ARTICLES[0][2], encoding="utf-8")
        summary = run_ingest([str(page)], store, config)
        assert summary.articles == 1 and summary.errors == 0
        assert store.stats()["errors"] == 0
    assert errors_of(db) == {}
