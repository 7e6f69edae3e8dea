"""``eventlens ingest`` of a generated fuzz corpus (every input kind, cut short, bytes
flipped, small decompression bombs): the run ends, nothing is lost silently, the good
articles are stored, and every error is one line naming a file of the corpus."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fuzz_corpus import write_corpus

from eventlens.config import Config
from eventlens.ingest.stage import run_ingest
from eventlens.store.stage import open_store


def test_fuzz_corpus_ingest(tmp_path: Path, config: Config, nlp_model: object) -> None:
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, files=6, seed=16, bomb_mib=24)
    db = tmp_path / "fuzz.db"
    with open_store(db) as store:
        summary = run_ingest([str(corpus)], store, config)
    conn = sqlite3.connect(db)
    stored = [row[0] for row in conn.execute("SELECT source FROM articles")]
    errors = conn.execute("SELECT source, reason FROM errors").fetchall()
    attempts = conn.execute("SELECT SUM(attempts) FROM errors").fetchone()[0]
    conn.close()
    assert {str(corpus / "good-0.html"), str(corpus / "good-1.html")} <= set(stored)
    # The same failure twice (one bad link in two feeds) is one row with two attempts.
    assert summary.articles == len(stored) and summary.errors == attempts > 0
    corpus_files = {str(p) for p in paths}
    for source, reason in errors:
        # A file, a file's line or record, or a (refused) URL from one of the feeds.
        named = source.split("#")[0].rsplit(":", 1)[0] if not source.startswith(
            ("http", "javascript")) else None
        assert named is None or named in corpus_files or source in corpus_files, source
        assert "\n" not in reason and "<input>" not in reason and "<input>" not in source
    # Every bomb is refused with a reason, and what came before it is kept.
    reasons = dict(errors)
    assert "too large" in reasons[f"{corpus / 'bomb-record.warc.gz'}#1"]
    assert "line too long" in reasons[f"{corpus / 'bomb-line.jsonl.gz'}:2"]
    assert f"{corpus / 'bomb-line.jsonl.gz'}:1" in stored or summary.duplicates + summary.skipped
