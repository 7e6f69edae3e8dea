"""Run an ingest: sources -> pipeline (N worker processes) -> the store (main process).

Inputs already stored (same content hash or URL) are skipped before the pipeline, so
re-running after a crash resumes where it stopped; each article is committed with all
its records in one transaction; every failed input is recorded in ``errors``.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from eventlens.batch.parallel import run_documents
from eventlens.config import Config
from eventlens.errors import InputError
from eventlens.inputs.fetch import Fetcher
from eventlens.inputs.stage import IngestItem, ReadyDocument, Skipped, iter_items
from eventlens.records import RawInput
from eventlens.store.stage import Store, content_hash


@dataclass
class IngestSummary:
    """What one ingest run did."""

    articles: int = 0  # newly stored
    events: int = 0  # events in the newly stored articles
    rows: int = 0  # records written (articles + entities + actors + places + quotes + events)
    skipped: int = 0  # already stored before this run
    duplicates: int = 0  # duplicates found within this run
    errors: int = 0  # inputs that failed
    started: float = field(default_factory=time.monotonic)
    # Sources that failed in this run: a failure now is not cleared by a success of a
    # same-named input later in the run (only earlier runs' failures are history).
    failed: set[str] = field(default_factory=set, repr=False)

    @property
    def seconds(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started

    def rate(self) -> float:
        """Stored articles per second so far."""
        return self.articles / max(self.seconds, 1e-9)


Progress = Callable[[IngestSummary], None]
# An error's source (a path, URL, ``file:line``) and reason are cut to these lengths.
_MAX_SOURCE_CHARS = 2000
_MAX_REASON_CHARS = 1000
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass
class _Pending:
    raw: RawInput
    raw_url: str | None
    digest: str


def run_ingest(
    sources: Iterable[str],
    store: Store,
    config: Config,
    *,
    jobs: int = 1,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    published: str | None = None,
) -> IngestSummary:
    """Ingest every source into ``store`` and return the summary.

    ``published`` (YYYY-MM-DD) is the publication date of every input that gives none
    itself (a JSON line's or feed entry's date); like ``extract --published``, it is
    used instead of a date the article stage would find in the page.
    """
    summary = IngestSummary()
    fetcher = fetcher or Fetcher(max_bytes=config.max_input_bytes)
    pending: deque[_Pending] = deque()
    known_url = lambda url: store.is_known(url=url)  # noqa: E731
    items = iter_items(sources, fetcher=fetcher, max_bytes=config.max_input_bytes,
                       known_url=known_url)
    feed = _to_pipeline(items, store, summary, pending, progress, published)
    try:
        for doc in run_documents(feed, config, jobs):
            _store_document(doc, pending.popleft(), store, summary)
            if progress:
                progress(summary)
    finally:
        fetcher.close()
    return summary


def _to_pipeline(
    items: Iterator[IngestItem],
    store: Store,
    summary: IngestSummary,
    pending: deque[_Pending],
    progress: Progress | None,
    published: str | None = None,
) -> Iterator[RawInput]:
    """Record failures and skips; pass the rest on, remembering each one's metadata."""
    for item in items:
        if isinstance(item, Skipped):
            summary.skipped += 1
        elif isinstance(item, InputError):
            _record(store, summary, item.source, item.reason)
        elif isinstance(item, ReadyDocument):
            _store_ready(item, store, summary)
        else:
            digest = content_hash(item.raw.content)
            if store.is_known(content_hash=digest, url=item.raw.url):
                summary.skipped += 1
            else:
                raw = item.raw
                if published and not raw.published:
                    raw = replace(raw, published=published)
                pending.append(_Pending(raw, item.raw_url, digest))
                yield raw
                continue
        if progress:
            progress(summary)


def _store_ready(item: ReadyDocument, store: Store, summary: IngestSummary) -> None:
    """Store a document extracted elsewhere (a batch dataset), unless already stored."""
    text = (item.doc.get("article") or {}).get("text") or ""
    digest = item.content_hash or content_hash(text)
    if store.is_known(content_hash=digest):
        summary.skipped += 1
        return
    _store_document(item.doc, _Pending(RawInput(content="", source=item.source), None, digest),
                    store, summary)


def _store_document(doc: dict, item: _Pending, store: Store, summary: IngestSummary) -> None:
    source = item.raw.source
    if doc.get("errors") and not (doc.get("article") or {}).get("text"):
        message = str(doc["errors"][0])
        _record(store, summary, source, message.removeprefix(f"{source}: "))
        return
    try:
        article_id = store.add_document(doc, content_hash=item.digest, source=source,
                                        raw_url=item.raw_url)
    except (ValueError, sqlite3.Error) as exc:
        _record(store, summary, source, f"not stored: {exc}")
        return
    # A fixed input stored at last: its failures of earlier runs are history, not errors.
    name = _cut(_CONTROLS.sub(" ", source), _MAX_SOURCE_CHARS)
    if name not in summary.failed:
        store.clear_errors(name)
    if article_id is None:
        summary.duplicates += 1
        return
    summary.articles += 1
    summary.events += len(doc.get("events") or [])
    summary.rows += 1 + sum(
        len(doc.get(k) or []) for k in ("entities", "actors", "places", "quotes", "events")
    )


def _record(store: Store, summary: IngestSummary, source: str, reason: str) -> None:
    """Record one failed input: one line each for its name and its reason, both bounded."""
    summary.errors += 1
    name = _cut(_CONTROLS.sub(" ", source), _MAX_SOURCE_CHARS)
    summary.failed.add(name)
    store.record_error(name, _cut(" ".join(_CONTROLS.sub(" ", reason).split()), _MAX_REASON_CHARS))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
