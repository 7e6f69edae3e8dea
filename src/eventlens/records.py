"""Typed records that flow between pipeline stages and out as JSON.

Field names here ARE the public output schema (see docs/schema.md and
src/eventlens/schema/document.schema.json). Never rename one silently.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EventStatus = Literal["occurred", "future", "hypothetical", "negated"]
DatePrecision = Literal["day", "week", "month", "year", "story", "published"]


@dataclass
class RawInput:
    """One input as given by a user: HTML or text plus optional metadata hints."""

    content: str
    id: str | None = None
    is_html: bool | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str = "<input>"


@dataclass
class Article:
    """The extracted article: metadata plus the body text all offsets refer to."""

    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    text: str = ""
    captions: list[str] = field(default_factory=list)
    language: str | None = "en"
    site: str | None = None


@dataclass
class Sentence:
    """A sentence as a character span of ``article.text``."""

    start: int
    end: int


@dataclass
class Entity:
    """A named-entity mention from the NLP stage."""

    text: str
    label: str
    start: int
    end: int


@dataclass
class Actor:
    """An actor mention coded with canonical name, country and PLOVER sector.

    ``start``/``end`` locate the mention in ``article.text``; ``None`` when the
    actor is implied rather than written (e.g. a reported speaker resolved by
    coreference is still located at its mention).
    """

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Place:
    """A toponym resolved to a gazetteer entry (lat/lon null when unresolved)."""

    text: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    geonameid: int | None = None
    feature: str | None = None  # GeoNames feature class.code, e.g. "P.PPLA"


@dataclass
class Speaker:
    """Who a quote is attributed to, located at the mention that names them."""

    name: str
    text: str
    start: int | None
    end: int | None
    country: str | None = None
    sector: str | None = None


@dataclass
class Quote:
    """A span of reported direct speech and its speaker (null for scare quotes)."""

    text: str
    start: int
    end: int
    speaker: Speaker | None = None


@dataclass
class Evidence:
    """Another mention of an event: a headline, a later "the attack", a restating quote.

    Offsets are into ``article.text``, like the event's main mention.
    """

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass
class Event:
    """One coded event: who did what to whom, where and when, with its evidence.

    One record per real-world event of the article: ``sentence``/``start``/``end`` are
    its main mention, ``evidence`` every other sentence that reports the same event.
    """

    type: str
    mode: str | None
    context: str | None
    cameo: str | None
    source: Actor | None
    target: Actor | None
    location: Place | None
    date: str | None
    date_text: str | None
    status: EventStatus
    trigger: str
    sentence: str
    start: int
    end: int
    confidence: float
    date_precision: DatePrecision | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    reported_by: Actor | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @classmethod
    def uncoded(
        cls,
        trigger: str,
        trigger_start: int,
        sentence: str,
        sentence_start: int,
        *,
        type: str = "",
        status: EventStatus = "occurred",
        confidence: float = 1.0,
    ) -> Event:
        """An event known only by its trigger and sentence, nothing coded yet.

        For scoring or timing a later stage (dates, locations) on given triggers.
        """
        return cls(
            type=type, mode=None, context=None, cameo=None, source=None, target=None,
            location=None, date=None, date_text=None, status=status, trigger=trigger,
            sentence=sentence, start=sentence_start, end=sentence_start + len(sentence),
            confidence=confidence, trigger_start=trigger_start,
            trigger_end=trigger_start + len(trigger),
        )


@dataclass
class Document:
    """The full extract document for one input."""

    id: str | None = None
    article: Article = field(default_factory=Article)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready dictionary of this document."""
        return asdict(self)


def error_document(doc_id: str | None, message: str) -> Document:
    """Return an empty document carrying one error message."""
    return Document(id=doc_id, errors=[message])
