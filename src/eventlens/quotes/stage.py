"""Quotes stage: direct quotations and their speakers.

Quoted passages come from :mod:`eventlens.quotes.spans`; each is attributed, in
order of preference, to: the speech verb right after it ("...," he said / said
Carter / Carter told reporters / according to Carter), the speech verb before it
in its sentence (Carter said: "..." / said it was "..." / adding: "..."), the
speech verb of a preceding sentence ending in a colon, or the nearest previous
speaker in the same paragraph (follow-on quotes). The speaker's mention is
resolved through the actors stage (whose coreference maps surnames, roles and
pronouns to the named person); with no actor covering it, a named entity or the
raw words are used.

Scare quotes (at most three words, no speech verb governing them, not a complete
utterance) are kept as quotes with ``speaker`` null: they are not someone's speech.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventlens.nlp import doc_text, entity_at
from eventlens.quotes.lexicon import INFLECTION_SUFFIXES, PERSONAL_PRONOUNS, SPEECH_LEMMAS
from eventlens.quotes.names import (
    QUOTE_MARKS,
    earlier_full_name,
    is_nickname,
    name_run,
    nicknamed_name,
    person_index,
    person_name,
    proper_name,
    strip_titles,
    titled_subject,
)
from eventlens.quotes.spans import QuoteSpan, find_quote_spans, paragraphs
from eventlens.records import Actor, Quote, Speaker

_SCARE_MAX_WORDS = 3
_AFTER_MAX_TOKENS = 20
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# From a subjectless speech verb up to the verb whose subject speaks ("..., adding:").
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "acl"})
_NAME_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "prep", "flat", "case"}
)
_WORD = re.compile(r"\w+")
_ANTECEDENT_TOKENS = 80


@dataclass
class _Context:
    """Per-document lookups built once for all quotes of a document."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds from the tokens on every access
    actors: list[Actor]
    actor_starts: list[int]
    quote_spans: list[QuoteSpan]
    paragraphs: list[tuple[int, int]]
    speakers: list[Speaker]
    paragraph_starts: list[int]
    # PERSON entities in order, and each of their words -> the longest one holding it
    # (built once: ``doc.ents`` rebuilds every entity on each access).
    persons: list[Span] = field(default_factory=list)
    person_words: dict[str, Span] = field(default_factory=dict)


def find_quotes(doc: Doc, actors: list[Actor]) -> list[Quote]:
    """Return the direct quotes in ``doc`` with speakers resolved through ``actors``."""
    text = doc_text(doc)
    spans = find_quote_spans(text)
    if not spans:
        return []
    located = sorted((a for a in actors if a.start is not None), key=lambda a: a.start or 0)
    paras = paragraphs(text)
    starts = [a.start or 0 for a in located]
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    ctx = _Context(doc, text, located, starts, spans, paras, [], [p[0] for p in paras],
                   persons, person_index(persons))
    quotes: list[Quote] = []
    previous: tuple[int, Speaker] | None = None  # (paragraph index, speaker)
    for index, span in enumerate(spans):
        para = _paragraph_of(ctx, span.open_mark)
        speaker = None if _is_scare(ctx, index) else _attribute(ctx, index)
        if speaker is None and not _is_scare(ctx, index) and previous and previous[0] == para:
            speaker = previous[1]  # follow-on quote in the same paragraph
        if speaker is not None:
            previous = (_paragraph_of(ctx, span.close_mark - 1), speaker)
            ctx.speakers.append(speaker)
        quotes.append(Quote(span.text(text), span.start, span.end, speaker))
    return quotes


def _paragraph_of(ctx: _Context, offset: int) -> int:
    return max(0, bisect.bisect_right(ctx.paragraph_starts, offset) - 1)


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    if end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _is_speech_verb(token: Token) -> bool:
    # "the self-declared caliphate": a verb form used as an adjective reports no speech.
    return (
        token.pos_ in ("VERB", "AUX")
        and token.dep_ not in ("amod", "compound")
        and (token.lemma_.lower() in SPEECH_LEMMAS or _inflected_speech_verb(token))
    )


def _inflected_speech_verb(token: Token) -> bool:
    """A speech verb the tagger took for an auxiliary keeps its inflected form as lemma
    ("had called" -> "called"): strip the inflection."""
    if token.pos_ != "AUX" or not token.tag_.startswith("VB"):
        return False
    word = token.lower_
    return any(
        word.endswith(suffix) and word[: -len(suffix)] + ending in SPEECH_LEMMAS
        for suffix, ending in INFLECTION_SUFFIXES
    )


def _is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def _is_attribution(token: Token) -> bool:
    return _is_speech_verb(token) or _is_according(token)


def _window_after(ctx: _Context, index: int) -> list[Token]:
    span = ctx.quote_spans[index]
    para_end = ctx.paragraphs[_paragraph_of(ctx, span.close_mark - 1)][1]
    stop = para_end
    if index + 1 < len(ctx.quote_spans):
        stop = min(stop, ctx.quote_spans[index + 1].open_mark)
    tokens = _tokens_between(ctx.doc, span.close_mark, stop)
    clause: list[Token] = []
    for token in tokens:
        if token.text in (".", ":", ";") or token.is_sent_start and clause:
            break
        clause.append(token)
    return clause


def _window_before(ctx: _Context, index: int) -> list[Token]:
    span = ctx.quote_spans[index]
    para_start = ctx.paragraphs[_paragraph_of(ctx, span.open_mark)][0]
    start = para_start
    if index > 0:
        start = max(start, ctx.quote_spans[index - 1].close_mark)
    tokens = _tokens_between(ctx.doc, start, span.open_mark)
    # Only the sentence (or colon-led clause) that leads into the quote.
    for cut in range(len(tokens) - 1, -1, -1):
        if tokens[cut].text in (".", "?", "!") and cut < len(tokens) - 1:
            return tokens[cut + 1 :]
    return tokens


def _colon_lead(ctx: _Context, index: int) -> list[Token]:
    """Tokens of a previous paragraph ending in a colon ("He added:") leading to this quote."""
    span = ctx.quote_spans[index]
    para = _paragraph_of(ctx, span.open_mark)
    p_start = ctx.paragraphs[para][0]
    if para == 0 or ctx.text[p_start : span.open_mark].strip():
        return []
    prev_start, prev_end = ctx.paragraphs[para - 1]
    if not ctx.text[prev_start:prev_end].rstrip().endswith(":"):
        return []
    tokens = _tokens_between(ctx.doc, prev_start, prev_end)
    return tokens[-_AFTER_MAX_TOKENS * 2 :]


def _attribute(ctx: _Context, index: int) -> Speaker | None:
    span = ctx.quote_spans[index]
    quoted = ctx.text[span.start : span.end].rstrip()
    after = _window_after(ctx, index)[:_AFTER_MAX_TOKENS]
    # '"...," he said': the attribution follows a quote that does not end its sentence.
    if after and not quoted.endswith("."):
        verb = next((t for t in after if _is_attribution(t)), None)
        if verb is not None:
            # '"...," tweeted the mayor': the verb comes first, its object speaks.
            inverted = verb == next((t for t in after if not t.is_punct), None)
            found = _speaker_of(ctx, verb, inverted=inverted)
            if found is not None:
                return found
    for window in (_window_before(ctx, index), _colon_lead(ctx, index)):
        verbs = [t for t in window if _is_attribution(t)]
        for verb in reversed(verbs):
            found = _speaker_of(ctx, verb)
            if found is not None:
                return found
    return None


def _is_scare(ctx: _Context, index: int) -> bool:
    """A short quote that no speech verb governs and that is not a whole utterance."""
    span = ctx.quote_spans[index]
    quoted = ctx.text[span.start : span.end]
    if len(_WORD.findall(quoted)) > _SCARE_MAX_WORDS or len(span.pieces) > 1:
        return False
    if is_nickname(ctx.text, span):
        return True
    if quoted.rstrip().endswith((".", "?", "!")):
        return False
    before = [t for t in _window_before(ctx, index) if not t.is_punct][-4:]
    after = [t for t in _window_after(ctx, index) if not t.is_punct][:3]
    if any(_is_attribution(t) for t in before + after):
        return False
    return not _governed_by_speech(ctx.doc, span)


# A quoted phrase that completes what someone said ("said it was "a priority"",
# "called it "a disgrace"") rather than naming a thing ("the "caliphate" is shrinking").
_COMPLEMENT_DEPS = frozenset({"attr", "dobj", "oprd", "acomp", "pobj", "xcomp", "ccomp", "advcl"})


def _governed_by_speech(doc: Doc, span: QuoteSpan) -> bool:
    inner = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inner is None or not len(inner):
        return False
    root = inner.root
    if root.dep_ not in _COMPLEMENT_DEPS:
        return False
    current = root.head
    for _ in range(3):
        if _is_speech_verb(current):
            return True
        if current.head == current:
            return False
        current = current.head
    return False


def _subject_of(verb: Token, inverted: bool = False) -> Token | None:
    if _is_according(verb):
        to = next(c for c in verb.children if c.lower_ == "to")
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        # "said Carter" parsed with Carter as object or attribute.
        kinds = ("PROPN", "NOUN") if inverted else ("PROPN",)
        named = [c for c in current.children if c.dep_ in ("dobj", "attr") and c.pos_ in kinds]
        if named and current == verb:
            return named[0]
        if current.dep_ not in _CLIMB_DEPS or current.head == current:
            return _subject_before_dashes(verb)
        current = current.head  # "..., adding:" / "quoted as saying": the governing verb
    return None


def _resolve_subject(subject: Token) -> Token:
    # "Carter, who added that ...": the relative pronoun stands for the noun it modifies.
    if subject.lower_ in ("who", "that", "which") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    # "The US defence secretary, Ashton Carter, said" / "the head of the association,
    # Siddiqur Rahman, said": prefer the person named in apposition inside the subject.
    if subject.pos_ != "PROPN" and subject.ent_type_ != "PERSON":
        for token in subject.subtree:
            if token.dep_ == "appos" and token.pos_ == "PROPN" and token.head != token:
                return token
    return subject


def _mention_span(token: Token) -> Span:
    tokens = [token]
    for child in token.children:
        if child.dep_ in _NAME_DEPS:
            tokens.extend(child.subtree)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    return token.doc[first : last + 1]


def _speaker_of(ctx: _Context, verb: Token, inverted: bool = False) -> Speaker | None:
    subject = _subject_of(verb, inverted)
    if subject is None:
        return None
    subject = _resolve_subject(subject)
    if any(q.start <= subject.idx < q.end for q in ctx.quote_spans):
        return None
    if subject.is_punct or subject.lower_ in ("it", "this", "that", "there"):
        return None
    actor = _actor_at(ctx, subject.idx, subject.idx + len(subject))
    if actor is not None:
        # 'Boris "Bulldozer" Tal': a mention spanning a nickname is named by the name.
        name = actor.name
        if QUOTE_MARKS.search(actor.text or "") is not None:
            name = _fallback_name(ctx, subject, _mention_span(subject))
        elif " " not in name.strip():
            name = nicknamed_name(ctx.text, ctx.quote_spans, subject.text) or name
        return Speaker(
            name=name,
            text=actor.text,
            start=actor.start,
            end=actor.end,
            country=actor.country,
            sector=actor.sector,
        )
    mention = _mention_span(subject)
    return Speaker(
        name=_fallback_name(ctx, subject, mention),
        text=mention.text,
        start=mention.start_char,
        end=mention.end_char,
    )


def _actor_at(ctx: _Context, start: int, end: int) -> Actor | None:
    """The actor mention covering the speaker's head token (nearest-ending if several)."""
    stop = bisect.bisect_right(ctx.actor_starts, start)
    best: Actor | None = None
    for actor in ctx.actors[max(0, stop - 8) : stop]:
        if actor.end is not None and actor.end >= end:
            if best is None or (actor.end or 0) - (actor.start or 0) < (best.end or 0) - (
                best.start or 0
            ):
                best = actor
    return best


_DASHES = frozenset({"-", "–", "—", "--"})


def _subject_before_dashes(verb: Token) -> Token | None:
    """ "Ana Roth - nicknamed the "Iron Lady" - had called it ...": the parser loses the
    subject across a dashed aside; take the noun right before the aside."""
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start and doc[i].pos_ in ("AUX", "PART", "ADV"):
        i -= 1
    if i < verb.sent.start or doc[i].text not in _DASHES:
        return None
    opening = next(
        (j for j in range(i - 1, verb.sent.start - 1, -1) if doc[j].text in _DASHES), None
    )
    if opening is None or opening == verb.sent.start:
        return None
    candidate = doc[opening - 1]
    return candidate if candidate.pos_ in ("PROPN", "NOUN") else None


def _fallback_name(ctx: _Context, subject: Token, mention: Span) -> str:
    """Name for a speaker no actor covers: a PERSON entity, an earlier full name, or the words."""
    doc = ctx.doc
    if subject.lower_ in PERSONAL_PRONOUNS:
        return _antecedent(ctx, subject)
    if subject.pos_ == "PROPN":
        earlier = earlier_full_name(ctx.person_words, subject)
        if earlier is None or " " not in earlier:
            earlier = nicknamed_name(ctx.text, ctx.quote_spans, subject.text) or earlier
        if earlier is not None:
            return earlier
    ent = entity_at(doc, subject.i)
    if ent is not None and ent.label_ == "PERSON" and not QUOTE_MARKS.search(ent.text):
        return person_name(ent)
    if subject.pos_ == "PROPN" and QUOTE_MARKS.search(mention.text):
        return name_run(subject, ctx.quote_spans) or strip_titles(mention.text)
    return strip_titles(mention.text) if subject.pos_ == "PROPN" else mention.text


def _antecedent(ctx: _Context, pronoun: Token) -> str:
    """The nearest earlier speaker, PERSON entity or subject of a speech verb before ``pronoun``."""
    best_at, best = -1, pronoun.text
    for speaker in ctx.speakers:
        if speaker.start is not None and best_at < speaker.start < pronoun.idx:
            best_at, best = speaker.start, speaker.name
    for ent in ctx.persons:
        if best_at < ent.start_char and ent.end_char <= pronoun.idx:
            best_at, best = ent.start_char, earlier_full_name(ctx.person_words, ent[-1]) or ent.text
    # "One man, who asked not to be named, said ...": an unnamed speaker described by a noun.
    window = ctx.doc[max(0, pronoun.i - _ANTECEDENT_TOKENS) : pronoun.i]
    for token in window:
        if best_at < token.idx and titled_subject(token):
            best_at, best = token.idx, proper_name(token)
        if _is_speech_verb(token) and best_at < token.idx:
            subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None or subject.pos_ == "PRON":
                continue
            subject = _resolve_subject(subject)
            if subject.pos_ == "PRON" or subject.idx <= best_at:
                continue
            best_at, best = subject.idx, _fallback_name(ctx, subject, _mention_span(subject))
    return best
