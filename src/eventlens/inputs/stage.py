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

import itertools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.errors import InputError
from eventlens.inputs import datasets, readers
from eventlens.inputs.fetch import Fetcher, FetchResult
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
    if not _URLISH.match(source):
        return False
    try:
        return not Path(source).exists()
    except (OSError, ValueError):  # a name too long or with a NUL byte: no such file
        return True


def iter_items(
    sources: Iterable[str], *, fetcher: Fetcher, max_bytes: int, known_url: KnownUrl
) -> Iterator[IngestItem]:
    """Yield the items of every source in order; failures come out as InputError.

    Nothing a source holds ends the run: an exception no reader expected ends that
    source (or feed entry) as one error and the next one is read. Runs of URL sources
    are fetched together (``Fetcher.fetch_each``), so that one slow host does not hold
    up the fetches from the others.
    """
    for urls, group in itertools.groupby(sources, key=is_url):
        if urls:
            yield from _url_items(group, fetcher, known_url)
            continue
        for source in group:
            yield from _guarded(source, _path_items(source, fetcher, max_bytes, known_url))


def _guarded(source: str, items: Iterator[IngestItem]) -> Iterator[IngestItem]:
    """Pass ``items`` on; an unexpected exception ends them as one error for ``source``."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not end the whole run
        yield datasets.unexpected(source, exc)


def _path_items(
    source: str, fetcher: Fetcher, max_bytes: int, known_url: KnownUrl
) -> Iterator[IngestItem]:
    if is_batch_dataset(source):
        yield from _dataset_items(source)
        return
    for path in datasets.list_input_files([source]):
        yield from _guarded(path, _file_items(path, fetcher, max_bytes, known_url))


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
        kind = datasets.kind_of(path)
        feed = kind == "file" and size <= max_bytes and _is_feed_file(path)
        data = Path(path).read_bytes() if feed else b""
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))
        return
    if kind == "file" and size > max_bytes:
        yield InputError(path, f"input too large ({size:,} bytes > {max_bytes:,})")
        return
    if feed:
        yield from _feed_items(data, path, fetcher, known_url)
        return
    if kind == "file" and path.lower().endswith(".xml"):
        yield InputError(path, "XML file that is not an RSS/Atom feed")
        return
    for item in datasets.read_input_file(path, max_bytes):
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


def _url_items(urls: Iterable[str], fetcher: Fetcher, known_url: KnownUrl) -> Iterator[IngestItem]:
    """Fetch URL sources (not already stored) concurrently; their items in source order."""
    jobs = ((url, known_url(url)) for url in urls)
    for (url, known), outcome in fetcher.fetch_each(jobs, lambda job: None if job[1] else job[0]):
        if known or outcome is None:
            yield Skipped(url)
        else:
            yield from _guarded(url, _fetched_items(url, outcome, fetcher, known_url))


def _fetched_items(
    url: str, outcome: FetchResult | InputError, fetcher: Fetcher, known_url: KnownUrl
) -> Iterator[IngestItem]:
    if isinstance(outcome, InputError):
        yield outcome
        return
    if _looks_like_feed(outcome.content_type, outcome.content):
        yield from _feed_items(outcome.content, url, fetcher, known_url)
        return
    try:
        content = readers.decode_bytes(outcome.content, url)
    except InputError as exc:
        yield exc
        return
    raw = RawInput(content=content, id=url, url=outcome.url, source=url)
    yield SourceItem(raw, raw_url=url)


def _looks_like_feed(content_type: str, content: bytes) -> bool:
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    head = content[:2048]
    return ("xml" in content_type or head.lstrip().startswith(b"<?xml")) and bool(
        _FEED_MARK.search(head)
    )


@dataclass
class _Entry:
    """A feed entry whose link is to be fetched."""

    where: str
    link: str
    title: str | None
    published: str | None


def _feed_items(
    data: bytes, source: str, fetcher: Fetcher, known_url: KnownUrl
) -> Iterator[IngestItem]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
        entries = list(parsed.entries)
    except Exception as exc:  # noqa: BLE001 - feedparser raises assorted errors on bad XML
        yield InputError(source, f"broken feed XML ({type(exc).__name__}: "
                                 f"{' '.join(str(exc).split())[:200]})")
        return
    if parsed.get("bozo") and not entries:
        reason = parsed.get("bozo_exception") or "not a feed"
        yield InputError(source, f"broken feed XML ({reason})")
        return
    plans = (_entry_plan(entry, f"{source}#{n}", known_url)
             for n, entry in enumerate(entries, start=1))
    url_of = lambda plan: plan.link if isinstance(plan, _Entry) else None  # noqa: E731
    for plan, outcome in fetcher.fetch_each(plans, url_of):
        if not isinstance(plan, _Entry):
            yield plan
        elif isinstance(outcome, FetchResult):
            yield _fetched_entry(plan, outcome)
        else:
            yield outcome or InputError(plan.where, "feed entry link was not fetched")
    if parsed.get("bozo") and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    ):
        yield InputError(source, f"broken feed XML after {len(entries)} entries "
                                 f"({parsed.get('bozo_exception')})")


def _entry_plan(entry: Any, where: str, known_url: KnownUrl) -> IngestItem | _Entry:
    """An entry's item when it needs no fetch (its own content, or its error), else its link."""
    try:
        link = _opt_text(entry.get("link"))
        title = _opt_text(entry.get("title"))
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
        return _Entry(where=where, link=link, title=title, published=published)
    except Exception as exc:  # noqa: BLE001 - one odd entry, not the whole feed
        return datasets.unexpected(where, exc)


def _fetched_entry(entry: _Entry, result: FetchResult) -> IngestItem:
    try:
        text = readers.decode_bytes(result.content, entry.link)
    except InputError as exc:
        return exc
    raw = RawInput(content=text, id=entry.link, published=entry.published, url=result.url,
                   title=entry.title, source=entry.link)
    return SourceItem(raw, raw_url=entry.link)


def _opt_text(value: Any) -> str | None:
    return str(value) if value else None


def _entry_content(entry: Any) -> str | None:
    """An entry's own content or summary; NULs (``&#0;``, not allowed in XML) dropped."""
    for block in entry.get("content") or []:
        value = block.get("value")
        if value:
            return str(value).replace("\x00", "")
    summary = entry.get("summary")
    return str(summary).replace("\x00", "") if summary else None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        # ``in`` first: feedparser maps a missing updated_parsed to published_parsed, warning.
        value = entry.get(key) if key in entry else None
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (ValueError, TypeError, OverflowError):
                return None
    return None
