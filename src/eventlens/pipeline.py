"""Compose the stages: raw input -> Article -> spaCy Doc -> coded Document."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from spacy.tokens import Doc

from eventlens import nlp
from eventlens.actors import stage as actors
from eventlens.article import stage as article
from eventlens.config import DEFAULT_CONFIG, Config
from eventlens.dates import stage as dates
from eventlens.errors import InputError, StageTimeout
from eventlens.events import domestic, merge, reliability
from eventlens.events import reference as events_reference
from eventlens.events import stage as events
from eventlens.places import stage as places
from eventlens.quotes import stage as quotes
from eventlens.records import Article, Document, RawInput, error_document
from eventlens.resources import Resources, get_resources


def prepare_article(raw: RawInput, config: Config) -> Article:
    """Run the article stage on one raw input, refusing empty or oversized inputs.

    This is where every input's content is checked, whatever it came from (a JSON
    line, a Parquet row, a feed entry, an API call). File and URL readers also refuse
    bytes they cannot use (over the cap while reading, undecodable, binary, blank)
    before decoding, so such an input never reaches the pipeline.
    """
    if len(raw.content) > config.max_input_bytes:
        raise InputError(
            raw.source, f"input too large ({len(raw.content):,} chars > {config.max_input_bytes:,})"
        )
    if not raw.content.strip():
        raise InputError(raw.source, "input is empty")
    art = article.extract_article(
        raw.content,
        is_html=raw.is_html,
        published=raw.published,
        url=raw.url,
        title=raw.title,
    )
    if not art.text.strip():
        raise InputError(raw.source, "no article text found")
    return art


def analyse(
    doc_id: str | None,
    art: Article,
    doc: Doc,
    resources: Resources,
    *,
    timings: dict[str, float] | None = None,
) -> Document:
    """Run every stage after parsing and assemble the extract document.

    ``timings``, when given, accumulates the seconds spent per stage (bench/ uses it).
    """
    t = time.perf_counter()
    published = dates.publication_date(art, doc)
    if published != art.published:
        art = replace(art, published=published)
    t = _tick(timings, "dates", t)
    actor_mentions = actors.find_actors(doc, resources)
    t = _tick(timings, "actors", t)
    place_mentions = places.find_places(doc, actor_mentions, resources)
    t = _tick(timings, "places", t)
    quote_list = quotes.find_quotes(doc, actor_mentions)
    t = _tick(timings, "quotes", t)
    event_list = events.find_events(doc, actor_mentions, resources)
    event_list = events_reference.quoted_sources(event_list, quote_list, doc)
    t = _tick(timings, "events", t)
    event_list = places.locate_events(event_list, place_mentions, doc)
    event_list = domestic.fill_scene_countries(event_list, place_mentions, doc, resources)
    event_list = merge.one_record_per_event(event_list, doc)
    if resources.config.event_reliability:
        model = resources.event_model
        floor = resources.config.min_event_probability
        threshold = model.info.get("threshold", 0.0) if floor is None else floor
        event_list = reliability.score_records(event_list, doc, model, threshold)
    t = _tick(timings, "places", t)
    event_list = dates.date_events(event_list, doc, published)
    t = _tick(timings, "dates", t)
    document = Document(
        id=doc_id,
        article=art,
        sentences=nlp.sentences_of(doc),
        entities=nlp.entities_of(doc),
        actors=actor_mentions,
        places=place_mentions,
        quotes=quote_list,
        events=event_list,
    )
    _tick(timings, "assemble", t)
    return document


def _tick(timings: dict[str, float] | None, stage: str, since: float) -> float:
    """Add the time since ``since`` to ``timings[stage]``; return the current time."""
    now = time.perf_counter()
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + (now - since)
    return now


def extract(
    text_or_html: str,
    published: str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    doc_id: str | None = None,
    is_html: bool | None = None,
    config: Config = DEFAULT_CONFIG,
) -> Document:
    """Extract the full event document from one article (HTML or text).

    Raises InputError for input that cannot be processed.
    """
    raw = RawInput(
        content=text_or_html, id=doc_id, is_html=is_html, published=published, url=url, title=title
    )
    return extract_raw(raw, config)


def extract_raw(raw: RawInput, config: Config = DEFAULT_CONFIG) -> Document:
    """Extract the full event document from one input as read (``raw.id`` names the document).

    Raises InputError naming ``raw.source`` (the file, URL or ``file:line`` the input
    came from) for input that cannot be processed.
    """
    resources = get_resources(config)
    art = prepare_article(raw, config)
    return analyse(raw.id, art, resources.nlp(art.text), resources)


def extract_many(
    raws: Iterable[RawInput],
    config: Config = DEFAULT_CONFIG,
    *,
    timings: dict[str, float] | None = None,
) -> Iterator[Document]:
    """Extract documents from many inputs in order, batching the spaCy parse.

    A bad input yields a document with ``errors`` set; the rest go on. ``timings``,
    when given, accumulates seconds per stage ("article", "parse", then analyse's).
    """
    resources = get_resources(config)
    pending: list[tuple[RawInput, Article]] = []

    def flush() -> Iterator[Document]:
        texts = (a.text for _, a in pending)
        parsed = _timed(resources.nlp.pipe(texts, batch_size=config.batch_size), timings, "parse")
        for (r, a), doc in zip(pending, parsed, strict=True):
            yield _safe_analyse(r, a, doc, resources, timings)
        pending.clear()

    for raw in raws:
        started = time.perf_counter()
        art = _prepare_or_error(raw, config)
        _tick(timings, "article", started)
        if isinstance(art, Document):
            yield from flush()
            yield art
            continue
        pending.append((raw, art))
        if len(pending) >= config.batch_size:
            yield from flush()
    yield from flush()


def _prepare_or_error(raw: RawInput, config: Config) -> Article | Document:
    """The article of ``raw``, or an error document saying why there is none."""
    try:
        return prepare_article(raw, config)
    except InputError as exc:
        return error_document(raw.id, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop a batch
        return error_document(raw.id, f"{raw.source}: {type(exc).__name__}: {exc}")


def _timed(items: Iterator[Doc], timings: dict[str, float] | None, stage: str) -> Iterator[Doc]:
    """Yield from ``items``, adding the time spent producing each one to ``timings``."""
    if timings is None:
        yield from items
        return
    while True:
        started = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            return
        _tick(timings, stage, started)
        yield item


def _safe_analyse(
    raw: RawInput, art: Article, doc: Doc, resources: Resources, timings: dict[str, float] | None
) -> Document:
    try:
        with _time_limit(resources.config.stage_time_limit_s):
            return analyse(raw.id, art, doc, resources, timings=timings)
    except Exception as exc:  # noqa: BLE001 - a stage bug on one article must not stop a batch
        return error_document(raw.id, f"{raw.source}: {type(exc).__name__}: {exc}")


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise StageTimeout in this block after ``seconds`` (SIGALRM; main thread only).

    A runaway stage on one article must not hang a whole batch. Left alone when called
    off the main thread or when the application has its own SIGALRM handler.
    """
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise StageTimeout(f"stages took longer than {seconds:g} s on this article")

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
