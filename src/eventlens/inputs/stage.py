"""The inputs stage: expand sources into pipeline inputs (``iter_items``).

A source is a file (HTML, text, JSON lines, Parquet), a directory (recursively), a
WARC file, an RSS/Atom feed (file or URL), an http(s) URL or a Parquet dataset
written by ``eventlens batch``. Each yields, per article, a :class:`SourceItem`, an
:class:`~eventlens.errors.InputError` (recorded, never fatal), a :class:`Skipped`
marker (a URL already stored: not fetched again) or a :class:`ReadyDocument`.

Its parts: ``readers`` (decoding bytes, one file, JSON lines), ``datasets`` (the
files of a path list: JSON lines, WARC, Parquet), ``fetch`` (http(s) with the
safety rules), ``tables`` (the Parquet dataset layout of ``eventlens batch``).
Every RawInput carries its ``source`` (file name, ``file:line``, URL) to the pipeline.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.errors import InputError
from eventlens.inputs import datasets, readers
from eventlens.inputs.fetch import Fetcher
from eventlens.records import RawInput

# A feed entry's own content is used instead of fetching its link when it is this long.
MIN_ENTRY_CONTENT_CHARS = 400
_URLISH = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FEED_MARK = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class SourceItem:
    """One article to run through the pipeline, with where it was fetched from."""

    raw: RawInput
    raw_url: str | None = None


@dataclass
class Skipped:
    """An input not read again because it is already stored."""

    source: str


@dataclass
class ReadyDocument:
    """An already extracted document (from an ``eventlens batch`` dataset): store as is."""

    doc: dict[str, Any]
    content_hash: str | None
    source: str


# What iter_items yields per article.
IngestItem = SourceItem | InputError | Skipped | ReadyDocument
KnownUrl = Callable[[str], bool]


def is_url(source: str) -> bool:
    """True when ``source`` is written as a URL (any scheme) rather than a path."""
    if len(source) > 2 and source[1] == ":" and source[2] in "/\\":
        return False  # a Windows drive letter, not a scheme
    return bool(_URLISH.match(source)) and not Path(source).exists()


def iter_items(
    sources: Iterable[str], *, fetcher: Fetcher, max_bytes: int, known_url: KnownUrl
) -> Iterator[IngestItem]:
    """Yield the items of every source in order; failures come out as InputError."""
    for source in sources:
        if is_url(source):
            yield from _url_items(source, fetcher, known_url)
            continue
        if is_batch_dataset(source):
            yield from _dataset_items(source)
            continue
        for path in datasets.list_input_files([source]):
            yield from _file_items(path, fetcher, max_bytes, known_url)


def is_batch_dataset(path: str) -> bool:
    """True for a folder written by ``eventlens batch`` (``_summary.json`` + ``articles/``)."""
    p = Path(path)
    return (p / "_summary.json").is_file() and (p / "articles").is_dir()


def _dataset_items(path: str) -> Iterator[IngestItem]:
    """Documents of a batch dataset (no pipeline run), then the inputs that failed there."""
    import pyarrow as pa

    from eventlens.inputs import tables

    try:
        for doc, digest, article_id in tables.read_documents(path):
            yield ReadyDocument(doc, digest, f"{path}:{article_id}")
        for row in tables.read_table(path, "errors").to_pylist():
            yield InputError(str(row.get("article_id") or path), str(row.get("message")))
    except (pa.ArrowException, OSError, ValueError, KeyError) as exc:
        yield InputError(path, f"unreadable batch dataset ({type(exc).__name__}: {exc})")


def _file_items(
    path: str, fetcher: Fetcher, max_bytes: int, known_url: KnownUrl
) -> Iterator[IngestItem]:
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))
        return
    kind = datasets.kind_of(path)
    if kind == "file" and size > max_bytes:
        yield InputError(path, f"input too large ({size:,} bytes > {max_bytes:,})")
        return
    if kind == "file" and _is_feed_file(path):
        yield from _feed_items(Path(path).read_bytes(), path, fetcher, known_url)
        return
    if kind == "file" and path.lower().endswith(".xml"):
        yield InputError(path, "XML file that is not an RSS/Atom feed")
        return
    if kind == "warc":
        yield from _warc_items(path, max_bytes)
        return
    for item in datasets.read_input_file(path, max_bytes):
        yield item if isinstance(item, InputError) else SourceItem(item)


def _warc_items(path: str, max_bytes: int) -> Iterator[IngestItem]:
    """Articles of a WARC/ARC file (the batch reader's), as ingest items."""
    for item in datasets.read_warc(path, max_bytes):
        yield item if isinstance(item, InputError) else SourceItem(item)


def _is_feed_file(path: str) -> bool:
    """``.rss``/``.atom`` files, and XML files that open like a feed (even if broken)."""
    name = path.lower()
    if name.endswith((".rss", ".atom")):
        return True
    with open(path, "rb") as fh:
        head = fh.read(4096)
    return (name.endswith(".xml") or head.lstrip().startswith(b"<?xml")) and bool(
        _FEED_MARK.search(head)
    )


def _url_items(url: str, fetcher: Fetcher, known_url: KnownUrl) -> Iterator[IngestItem]:
    if known_url(url):
        yield Skipped(url)
        return
    try:
        result = fetcher.fetch(url)
        if _looks_like_feed(result.content_type, result.content):
            yield from _feed_items(result.content, url, fetcher, known_url)
            return
        content = readers.decode_bytes(result.content, url)
    except InputError as exc:
        yield exc
        return
    raw = RawInput(content=content, id=url, url=result.url, source=url)
    yield SourceItem(raw, raw_url=url)


def _looks_like_feed(content_type: str, content: bytes) -> bool:
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    head = content[:2048]
    return ("xml" in content_type or head.lstrip().startswith(b"<?xml")) and bool(
        _FEED_MARK.search(head)
    )


def _feed_items(
    data: bytes, source: str, fetcher: Fetcher, known_url: KnownUrl
) -> Iterator[IngestItem]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = list(parsed.entries)
    if parsed.get("bozo") and not entries:
        reason = parsed.get("bozo_exception") or "not a feed"
        yield InputError(source, f"broken feed XML ({reason})")
        return
    for n, entry in enumerate(entries, start=1):
        yield _entry_item(entry, f"{source}#{n}", fetcher, known_url)
    if parsed.get("bozo") and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    ):
        yield InputError(source, f"broken feed XML after {len(entries)} entries "
                                 f"({parsed.get('bozo_exception')})")


def _entry_item(entry: Any, where: str, fetcher: Fetcher, known_url: KnownUrl) -> IngestItem:
    link = entry.get("link") or None
    title = entry.get("title") or None
    published = _entry_date(entry)
    content = _entry_content(entry)
    if content and len(_TAGS.sub(" ", content).strip()) >= MIN_ENTRY_CONTENT_CHARS:
        raw = RawInput(content=content, id=link or where, is_html=bool(_TAGS.search(content)),
                       published=published, url=link, title=title, source=link or where)
        return SourceItem(raw)
    if not link:
        return InputError(where, "feed entry has neither a link nor enough content")
    if known_url(link):
        return Skipped(link)
    try:
        result = fetcher.fetch(link)
        text = readers.decode_bytes(result.content, link)
    except InputError as exc:
        return exc
    raw = RawInput(content=text, id=link, published=published, url=result.url, title=title,
                   source=link)
    return SourceItem(raw, raw_url=link)


def _entry_content(entry: Any) -> str | None:
    for block in entry.get("content") or []:
        value = block.get("value")
        if value:
            return str(value)
    summary = entry.get("summary")
    return str(summary) if summary else None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None
