"""Compose the stages: raw input -> Article -> spaCy Doc -> coded Document."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from spacy.tokens import Doc

from eventlens import nlp
from eventlens.actors import stage as actors
from eventlens.article import stage as article
from eventlens.config import DEFAULT_CONFIG, Config
from eventlens.dates import stage as dates
from eventlens.errors import InputError, StageTimeout
from eventlens.events import coref, domestic, legal, merge, reliability
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
    nlp.index_sentences(doc)
    published = dates.publication_date(art, doc)
    if published != art.published:
        art = replace(art, published=published)
    t = _tick(timings, "dates", t)
    toponyms = places.resolve_toponyms(doc, resources)
    t = _tick(timings, "places", t)
    actor_mentions = actors.find_actors(doc, resources, published, toponyms)
    t = _tick(timings, "actors", t)
    place_mentions = places.drop_metonyms(toponyms, doc, actor_mentions, resources)
    t = _tick(timings, "places", t)
    quote_list = quotes.find_quotes(doc, actor_mentions)
    t = _tick(timings, "quotes", t)
    event_list = events.find_events(doc, actor_mentions, resources)
    event_list = events_reference.quoted_sources(event_list, quote_list, doc)
    t = _tick(timings, "events", t)
    event_list = places.locate_events(event_list, place_mentions, doc)
    event_list = legal.add_charges(event_list, doc)
    event_list = domestic.fill_scene_countries(event_list, place_mentions, doc, resources)
    event_list = merge.one_record_per_event(event_list, doc)
    if resources.config.event_reliability:
        model = resources.event_model
        floor = resources.config.min_event_probability
        threshold = model.info.get("threshold", 0.0) if floor is None else floor
        event_list = reliability.score_records(event_list, doc, model, threshold)
    t = _tick(timings, "places", t)
    event_list = dates.date_events(event_list, doc, published)
    if resources.config.event_coref:
        event_list = coref.merge_coreferent(event_list, doc, resources.coref_model)
    if resources.config.implied_parties:
        event_list = domestic.imply_other_parties(event_list, place_mentions, doc, resources)
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
    came from) for input that cannot be processed, and StageTimeout when parsing and the
    stages take longer than ``config.stage_time_limit_s`` (enforced in the main thread).
    """
    resources = get_resources(config)
    _load(resources)
    art = prepare_article(raw, config)
    try:
        with _time_limit(config.stage_time_limit_s):
            return analyse(raw.id, art, parse_one(art.text, resources), resources)
    except StageTimeout as exc:
        raise StageTimeout(f"{raw.source}: {exc}") from None


def parse_one(text: str, resources: Resources) -> Doc:
    """The spaCy Doc of one article text (any length: see ``nlp.parse_texts``)."""
    return next(nlp.parse_texts(resources.nlp, [text], batch_size=1))


# ``on_start(first, count)``: inputs ``first`` to ``first + count - 1`` (positions in the
# iterable given to ``extract_many``) are being worked on now, until the next call or
# their documents come out. Worker processes report it so that their parent can time
# each article (batch.parallel).
OnStart = Callable[[int, int], None]


def extract_many(
    raws: Iterable[RawInput],
    config: Config = DEFAULT_CONFIG,
    *,
    timings: dict[str, float] | None = None,
    on_start: OnStart | None = None,
) -> Iterator[Document]:
    """Extract documents from many inputs in order, batching the spaCy parse.

    A bad input yields a document with ``errors`` set; the rest go on. Each article has
    ``config.stage_time_limit_s`` seconds for all its stages, parse included (main
    thread only). A batch of articles is parsed together within one such limit, and
    parsed again one article at a time when that fails or runs out of time, so an
    article that cannot be parsed (or not in time) is the only one that fails; an
    article over ``nlp.PART_CHARS`` characters is parsed by itself. ``timings``, when
    given, accumulates seconds per stage ("article", "parse", then analyse's).
    """
    resources = get_resources(config)
    _load(resources)
    # (position, input, article, seconds its article stage took)
    pending: list[tuple[int, RawInput, Article, float]] = []

    def flush() -> Iterator[Document]:
        batch = list(pending)
        pending.clear()
        parsed = _parse_together(batch, resources, timings, on_start)
        for k, (index, raw, art, spent) in enumerate(batch):
            if parsed is None:
                yield _extract_alone(index, raw, art, resources, timings, on_start, spent=spent)
                continue
            doc, parse_s = parsed[k]
            if on_start and len(batch) > 1:
                on_start(index, 1)
            yield _safe_analyse(raw, art, doc, resources, timings, spent=spent + parse_s)

    for index, raw in enumerate(raws):
        if on_start:
            on_start(index, 1)
        started = time.perf_counter()
        art = _prepare_or_error(raw, config)
        spent = _tick(timings, "article", started) - started
        if isinstance(art, Document):
            yield from flush()
            yield art
            continue
        if len(art.text) > nlp.PART_CHARS:
            # A long article is parsed by itself: in a batch, its parse could use up the
            # batch's time and the batch would be parsed again one by one.
            yield from flush()
            yield _extract_alone(index, raw, art, resources, timings, on_start, spent=spent)
            continue
        pending.append((index, raw, art, spent))
        if len(pending) >= config.batch_size:
            yield from flush()
    yield from flush()


def _load(resources: Resources) -> None:
    """Load the model and data now, so that no article's time limit pays for it.

    A part that fails to load is left for the stages to fail on, article by article.
    """
    parts = ["nlp", "lexicon", "gazetteer"]
    if resources.config.event_reliability:
        parts.append("event_model")
    for part in parts:
        try:
            getattr(resources, part)
        except Exception:  # noqa: BLE001 - reported by each article that needs it
            pass


def _parse_together(
    batch: list[tuple[int, RawInput, Article, float]],
    resources: Resources,
    timings: dict[str, float] | None,
    on_start: OnStart | None,
) -> list[tuple[Doc, float]] | None:
    """Parse a batch in one ``nlp.pipe`` within one article's time limit.

    Returns each Doc with its share of the parse time (by length), or None when the
    batch is empty or has one article, or the parse failed or ran out of time: then
    each article is parsed alone.
    """
    if len(batch) < 2:
        return None
    if on_start:
        on_start(batch[0][0], len(batch))
    texts = [a.text for _, _, a, _ in batch]
    started = time.perf_counter()
    try:
        with _time_limit(resources.config.stage_time_limit_s):
            docs = list(nlp.parse_texts(resources.nlp, texts, resources.config.batch_size))
    except Exception:  # noqa: BLE001 - retried one by one: the culprit fails alone
        return None
    seconds = _tick(timings, "parse", started) - started
    total = sum(len(t) for t in texts) or 1
    return [(doc, seconds * len(t) / total) for doc, t in zip(docs, texts, strict=True)]


def _extract_alone(
    index: int,
    raw: RawInput,
    art: Article,
    resources: Resources,
    timings: dict[str, float] | None,
    on_start: OnStart | None,
    *,
    spent: float = 0.0,
) -> Document:
    """Parse and analyse one article in what is left of its time limit (an error document
    on failure)."""
    if on_start:
        on_start(index, 1)
    try:
        with _time_left(resources.config.stage_time_limit_s, spent):
            started = time.perf_counter()
            doc = parse_one(art.text, resources)
            _tick(timings, "parse", started)
            return analyse(raw.id, art, doc, resources, timings=timings)
    except Exception as exc:  # noqa: BLE001 - one article must not stop a batch
        return error_document(raw.id, f"{raw.source}: {type(exc).__name__}: {exc}")


def _prepare_or_error(raw: RawInput, config: Config) -> Article | Document:
    """The article of ``raw`` (within the time limit), or an error document saying why not."""
    try:
        with _time_limit(config.stage_time_limit_s):
            return prepare_article(raw, config)
    except InputError as exc:
        return error_document(raw.id, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop a batch
        return error_document(raw.id, f"{raw.source}: {type(exc).__name__}: {exc}")


def _safe_analyse(
    raw: RawInput,
    art: Article,
    doc: Doc,
    resources: Resources,
    timings: dict[str, float] | None,
    *,
    spent: float = 0.0,
) -> Document:
    """Analyse a parsed article in what is left of its time limit (``spent`` on parsing)."""
    try:
        with _time_left(resources.config.stage_time_limit_s, spent):
            return analyse(raw.id, art, doc, resources, timings=timings)
    except Exception as exc:  # noqa: BLE001 - a stage bug on one article must not stop a batch
        return error_document(raw.id, f"{raw.source}: {type(exc).__name__}: {exc}")


@contextmanager
def _time_left(limit: float | None, spent: float) -> Iterator[None]:
    """``_time_limit`` for what is left of an article's ``limit`` after ``spent`` seconds."""
    with _time_limit(None if limit is None else max(limit - spent, 0.001), limit=limit):
        yield


@contextmanager
def _time_limit(seconds: float | None, *, limit: float | None = None) -> Iterator[None]:
    """Raise StageTimeout in this block after ``seconds`` (SIGALRM; main thread only).

    It interrupts Python code only: a long call into compiled code (the tokenizer, a
    regular expression) runs to its end first. Worker processes are also timed by
    their parent (``batch.parallel``), which replaces a worker that overruns.

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
        raise StageTimeout(f"stages took longer than {limit or seconds:g} s on this article")

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
