"""NLP stage: sentences, tokens, parse and named entities from spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventlens.config import Config
from eventlens.records import Entity, Sentence

# spaCy refuses longer texts by default; inputs are size-capped before this point.
MAX_TEXT_CHARS = 2_000_000


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``."""
    nlp = spacy.load(name)
    nlp.max_length = MAX_TEXT_CHARS
    return nlp


def parse(text: str, config: Config) -> Doc:
    """Parse one text with the configured spaCy model."""
    return load_model(config.spacy_model)(text)


def parse_many(texts: Iterable[str], config: Config) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` (batched, in order)."""
    nlp = load_model(config.spacy_model)
    yield from nlp.pipe(texts, batch_size=config.batch_size)


def sentences_of(doc: Doc) -> list[Sentence]:
    """Return the sentence spans of a parsed doc."""
    return [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents]


def entities_of(doc: Doc) -> list[Entity]:
    """Return the named-entity mentions of a parsed doc."""
    return [
        Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char) for e in doc.ents
    ]
