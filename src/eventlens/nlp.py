"""NLP stage: sentences, tokens, parse and named entities from spaCy."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventlens.records import Entity, Sentence

# spaCy refuses longer texts by default; inputs are size-capped before this point.
MAX_TEXT_CHARS = 2_000_000


PARAGRAPH_BOUNDARIES = "eventlens_paragraph_boundaries"


@Language.component(PARAGRAPH_BOUNDARIES)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    Article text keeps one paragraph (or headline, or caption) per line; the parser
    alone joins a paragraph ending in a closing quote to the next one, which mixes
    the evidence, dates and quotes of two paragraphs.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or not _ends_line(previous):
            continue
        token.is_sent_start = True
        # A closing quote or bracket that ends the line belongs to the sentence before it.
        last = doc[previous.i - 1] if previous.is_space and previous.i > 0 else previous
        if last.text in _CLOSERS and last.i > 0:
            last.is_sent_start = False
            if previous is not last:
                previous.is_sent_start = False
    return doc


_CLOSERS = frozenset({'"', "\u201d", "'", "\u2019", ")", "]"})


def _ends_line(token: Token) -> bool:
    """True when a line break follows ``token`` (in its trailing space or as a space token)."""
    if token.is_space:
        return "\n" in token.text
    return "\n" in token.whitespace_


DASH_SPLIT_ENTITIES = "eventlens_dash_split_entities"
_SPACED_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


@Language.component(DASH_SPLIT_ENTITIES)
def split_entities_at_spaced_dashes(doc: Doc) -> Doc:
    """Cut named entities at a dash standing between spaces.

    Wire datelines ("NAIROBI, March 11 - Japanese Foreign Minister ...") lead the small
    model to run a DATE entity across the dash into the next words, which then hides
    them from the actor and place stages. A spaced dash never sits inside a name.
    """
    ents = []
    changed = False
    for ent in doc.ents:
        cut = next(
            (t.i for t in ent if t.text in _SPACED_DASHES and t.whitespace_ and t.i > 0
             and doc[t.i - 1].whitespace_),
            None,
        )
        if cut is None:
            ents.append(ent)
            continue
        changed = True
        if cut > ent.start:
            ents.append(Span(doc, ent.start, cut, label=ent.label_))
    if changed:
        doc.ents = ents
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``."""
    nlp = spacy.load(name)
    nlp.max_length = MAX_TEXT_CHARS
    if "parser" in nlp.pipe_names and PARAGRAPH_BOUNDARIES not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BOUNDARIES, before="parser")
    if "ner" in nlp.pipe_names and DASH_SPLIT_ENTITIES not in nlp.pipe_names:
        nlp.add_pipe(DASH_SPLIT_ENTITIES, after="ner")
    return nlp


def sentences_of(doc: Doc) -> list[Sentence]:
    """Return the sentence spans of a parsed doc."""
    return [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents]


def entities_of(doc: Doc) -> list[Entity]:
    """Return the named-entity mentions of a parsed doc."""
    return [
        Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char) for e in doc.ents
    ]
