"""NLP stage: sentences, tokens, parse and named entities from spaCy."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventlens.records import Entity, Sentence

# The most characters spaCy takes in one call (``nlp.max_length``). Inputs may be longer
# (up to ``Config.max_input_bytes``): ``parse_texts`` parses those in parts of at most
# PART_CHARS characters, cut after whitespace (after a line break where there is one),
# and joins the parts into one Doc whose text is the input's text, so every character
# offset indexes the stored text as usual.
MAX_TEXT_CHARS = 2_000_000
PART_CHARS = 100_000

# spaCy's tokenizer splits text at whitespace, then strips prefixes and suffixes off each
# whitespace-free run one at a time, rescanning the run each time: a run of n characters
# that all split off ("((((", quote marks, emoji) costs O(n^2) (20,000 "(" took 96 s), and
# the model then handles one token per character. A run longer than LONG_RUN_CHARS (no
# word or URL in news text is that long) is cut into tokens of RUN_PIECE_CHARS characters
# instead (RunSafeTokenizer), so it costs linear time and few tokens. The text itself is
# not changed: every character offset still indexes it.
LONG_RUN_CHARS = 200
RUN_PIECE_CHARS = 64
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONG_RUN_CHARS + 1},}}")


PARAGRAPH_BOUNDARIES = "eventlens_paragraph_boundaries"
DATELINE_REACH = 300  # characters from the start within which a dateline opens the body


@Language.component(PARAGRAPH_BOUNDARIES)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    Article text keeps one paragraph (or headline, or caption) per line; the parser
    alone joins a paragraph ending in a closing quote to the next one, which mixes
    the evidence, dates and quotes of two paragraphs.
    """
    starts = [0] if len(doc) else []
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or not _ends_line(previous):
            continue
        token.is_sent_start = True
        starts.append(token.i)
        # A closing quote or bracket that ends the line belongs to the sentence before it.
        last = doc[previous.i - 1] if previous.is_space and previous.i > 0 else previous
        if last.text in _CLOSERS and last.i > 0:
            last.is_sent_start = False
            if previous is not last:
                previous.is_sent_start = False
    _mark_dateline(doc, starts[:2])
    return doc


# A wire dateline opening the body: "JEDDAH, Saudi Arabia (Reuters) - ", "KABUL — ".
_DATELINE = re.compile(
    r"[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([\w .]{1,30}\))?\s*[-—–:]{1,2}\s"
)


def _dateline_at(text: str, starts: Iterable[int]) -> re.Match[str] | None:
    """The first dateline opening text at one of ``starts`` (within DATELINE_REACH)."""
    for start in starts:
        if start > DATELINE_REACH:
            return None
        match = _DATELINE.match(text, start)
        if match is not None:
            return match
    return None


def dateline_end(doc: Doc) -> int:
    """Where a dateline opening the first or second paragraph ends (0 without one)."""
    match = _dateline_at(doc.text, (sent.start_char for sent in islice(doc.sents, 3)))
    return match.end() if match is not None else 0


def _mark_dateline(doc: Doc, paragraph_starts: list[int]) -> None:
    """End a sentence after a dateline that opens the first or second paragraph: the
    parser would otherwise take the city for the lead's subject ("JEDDAH, Saudi Arabia
    (Wire) - Sudan's army and the RSF agreed": JEDDAH agreed)."""
    match = _dateline_at(doc.text, (doc[i].idx for i in paragraph_starts))
    if match is None:
        return
    first = next(t for t in doc if t.idx >= match.start())  # the paragraph's first word
    after = next((t for t in doc[first.i :] if t.idx >= match.end()), None)
    if after is not None and not after.is_space and after.i > first.i:
        after.is_sent_start = True
        for t in doc[first.i + 1 : after.i]:
            t.is_sent_start = False


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


class RunSafeTokenizer:
    """spaCy's tokenizer, except that a whitespace-free run over LONG_RUN_CHARS characters
    becomes tokens of RUN_PIECE_CHARS characters each.

    Texts without such a run (all normal text) go to the wrapped tokenizer unchanged, and
    elsewhere the tokens are the wrapped tokenizer's: the text between runs is tokenized
    by it, and a run keeps the single space after it as its last token's trailing space,
    as the tokenizer does. Everything else (``explain``, serialisation...) is the wrapped
    tokenizer's.
    """

    def __init__(self, inner: Callable[[str], Doc], vocab: Vocab) -> None:
        self.inner = inner
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Tokenize ``text``; the Doc's text is ``text`` exactly."""
        if _LONG_RUN.search(text) is None:
            return self.inner(text)
        docs = []
        pos = 0
        for match in _LONG_RUN.finditer(text):
            start, end = match.span()
            if start > pos:
                docs.append(self.inner(text[pos:start]))
            pieces = [text[i:min(i + RUN_PIECE_CHARS, end)]
                      for i in range(start, end, RUN_PIECE_CHARS)]
            spaces = [False] * len(pieces)
            if text.startswith(" ", end):
                spaces[-1] = True
                end += 1
            docs.append(Doc(self.vocab, words=pieces, spaces=spaces))
            pos = end
        if pos < len(text):
            docs.append(self.inner(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize each text (as ``Tokenizer.pipe``)."""
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not set yet (while unpickling)
            raise AttributeError(name)
        return getattr(self.inner, name)


def split_text(text: str, size: int) -> list[str]:
    """Cut ``text`` into consecutive parts of at most ``size`` characters.

    Each cut falls where a whitespace run ends: after a line break where the part holds
    one (a paragraph boundary, where a sentence starts anyway), else after any
    whitespace; only text with no whitespace in ``size`` characters is cut anywhere.
    ``"".join(parts) == text``.
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = _cut_point(text, start, start + size)
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts


_SPACES = re.compile(r"\s+")


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end the part that starts at ``start``: at most ``limit``, after whitespace."""
    last_line = last_space = None
    # The character at ``limit`` decides whether a whitespace run ends there.
    for match in _SPACES.finditer(text, start, min(limit + 1, len(text))):
        end = match.end()
        if end > limit or end == start:
            continue
        last_space = end
        if "\n" in match.group():
            last_line = end
    cut = last_line or last_space
    return cut if cut is not None else limit


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """Parse each text (as ``nlp.pipe``), also those longer than ``nlp.max_length``.

    A text over PART_CHARS is parsed in parts (``split_text``) joined into one Doc with
    the text's exact characters and no tensor (one 600 KB text parsed whole peaked at
    2.1 GB); shorter texts (every news article) parse exactly as with ``nlp.pipe``.
    """
    size = min(PART_CHARS, nlp.max_length)
    pending: list[str] = []
    for text in texts:
        if len(text) <= size:
            pending.append(text)
            continue
        yield from nlp.pipe(pending, batch_size=batch_size)
        pending.clear()
        yield parse_long(nlp, text, size)
    yield from nlp.pipe(pending, batch_size=batch_size)


def parse_long(nlp: Language, text: str, size: int) -> Doc:
    """Parse ``text`` in parts of at most ``size`` characters, as one Doc."""
    docs = list(nlp.pipe(split_text(text, size), batch_size=1))
    # No tensor: no stage reads it, and for megabytes of text it is hundreds of MB.
    joined = Doc.from_docs(  # type: ignore[call-arg]  # the stub lacks ``exclude``
        docs, ensure_whitespace=False, exclude=["tensor"]
    )
    if joined.text != text:  # pragma: no cover - from_docs keeps every character
        raise ValueError("parts of a long text did not join back to the text")
    return joined


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``."""
    nlp = spacy.load(name)
    nlp.max_length = MAX_TEXT_CHARS
    if not isinstance(nlp.tokenizer, RunSafeTokenizer):
        nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer, nlp.vocab)
    if "parser" in nlp.pipe_names and PARAGRAPH_BOUNDARIES not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BOUNDARIES, before="parser")
    if "ner" in nlp.pipe_names and DASH_SPLIT_ENTITIES not in nlp.pipe_names:
        nlp.add_pipe(DASH_SPLIT_ENTITIES, after="ner")
    return nlp


_TEXT_KEY = "eventlens.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity that token ``i`` is part of, found from its IOB tags.

    The same span as the one of ``doc.ents`` holding the token, without building
    ``doc.ents`` (every entity of the Doc) for each question.
    """
    tok = doc[i]
    if not tok.ent_type_:
        return None
    start, end = i, i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def entities_in(span: Span) -> list[Span]:
    """The named entities inside ``span`` (as ``span.ents``, which builds every entity
    of the whole Doc on each call: quadratic over a long text's sentences)."""
    found = []
    for tok in span:
        if tok.ent_iob_ == "B":
            ent = entity_at(span.doc, tok.i)
            if ent is not None and ent.end <= span.end:
                found.append(ent)
    return found


def index_sentences(doc: Doc) -> None:
    """Make ``token.sent`` and ``span.sent`` a lookup in a sentence index built once.

    spaCy answers each ``.sent`` by first checking the whole Doc for sentence starts,
    so stages that ask it per candidate cost time quadratic in the text's length
    (a 100 KB text: 58 of 68 s). The hook gives the same sentences.
    """
    if "sent" in doc.user_span_hooks or not doc.has_annotation("SENT_START"):
        return
    # Token offsets only: a hook holding the Doc or its Spans would make a reference
    # cycle, and a batch's Docs would then wait for the cyclic collector to be freed.
    bounds = [(s.start, s.end) for s in doc.sents]
    starts = [start for start, _ in bounds]

    def sent_at(target: Doc, i: int) -> Span:
        start, end = bounds[max(0, bisect_right(starts, i) - 1)]
        return target[start:end]

    doc.user_span_hooks["sent"] = lambda span: sent_at(span.doc, span.start)
    doc.user_token_hooks["sent"] = lambda token: sent_at(token.doc, token.i)


def sentences_of(doc: Doc) -> list[Sentence]:
    """Return the sentence spans of a parsed doc."""
    return [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents]


def entities_of(doc: Doc) -> list[Entity]:
    """Return the named-entity mentions of a parsed doc."""
    return [
        Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char) for e in doc.ents
    ]
