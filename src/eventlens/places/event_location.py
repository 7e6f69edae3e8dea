"""Give each event the place it happened at.

In order of preference:

1. a place in the event's own clause introduced by a locative preposition
   ("in", "near", "around", "at", "outside", ...) attached to the trigger's clause,
   or the trigger's direct object ("shelled Raqqa");
2. the most specific place in the event's sentence (a town over a province over a
   country), leaving out names that say who acted rather than where ("U.S.
   officials said", "an offer by Turkey", "Turkey rejected");
3. the dateline place ("MOSUL, Iraq (Reuters) -", "ERBIL, Iraq —") of the article;
4. the story's place: the town or district the article keeps coming back to (named
   at least twice and more often than any other town), for an event whose sentence
   names no place;
5. the document's focus place (the country most of its places fall in), only when
   the event sentence names no place at all and the focus is clear; else an actor's
   place from step 2 as a last resort;
6. for a story that names no country but whose places lie in one country, and an event
   sentence naming no place: the story's first town (a local story that names its town
   once: "A Gainesville man was arrested ...");

else ``None`` rather than a guess. A country or region found so is then made finer
when the document allows: the dateline town inside it, else the document's only town
inside it ("at the finest level the text supports").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from eventlens.nlp import doc_text
from eventlens.places.lexicon import (
    ADDRESSED_TYPES,
    CONTENT_TYPES,
    LOCATIVE_PREPS,
    MOTION_LEMMAS,
    OCCASION_NOUNS,
    PLACE_HEAD_NOUNS,
)
from eventlens.places.names import dateline_starts
from eventlens.records import Event, Place

_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\(\w+\))?\s*[-—–:]"
)
# More specific first; anything unknown sorts with towns.
_SPECIFICITY = {
    "L.CONT": 0,
    "L.RGN": 1,
    "A.PCLI": 1,
    "H.GULF": 1,
    "L.PEN": 2,
    "A.ADM1": 2,
    "A.ADM2": 3,
}
_FOCUS_SHARE = 0.6
# How far (in tokens) a locative phrase may trail its trigger when the parse left it
# without a clause ("attacked IS positions near X", where the parser misreads "IS").
_TRAILING_WINDOW = 8


def _specificity(place: Place) -> int:
    return _SPECIFICITY.get(place.feature or "", 4)


def _clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` sits in."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _prep_governed(doc: Doc, place: Place) -> Token | None:
    """The locative preposition governing ``place``, if any."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    # Walk up through compounds/appositions/conjunctions to the preposition.
    for _ in range(4):
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
            return head.head
        if (
            head.dep_ in ("compound", "appos", "conj", "nmod", "amod", "poss")
            and head.head.i != head.i
        ):
            head = head.head
            continue
        break
    return None


def _in_clause(doc: Doc, event: Event, place: Place) -> bool:
    """True when ``place`` is a locative of the trigger's clause or the trigger's object."""
    if event.trigger_start is None or event.trigger_end is None:
        return False
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if trigger is None:
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    # "bombed Raqqa", "to retake Mosul": the place attacked or taken is where it happens.
    if span is not None and span.root.dep_ == "dobj" and span.root.head in trigger:
        return True
    prep = _prep_governed(doc, place)
    if prep is None:
        return _motion_goal(doc, trigger, place)
    if _clause_head(prep) == _clause_head(trigger.root):
        return True
    return _trails_trigger(doc, trigger.root, prep)


def _motion_goal(doc: Doc, trigger: Span, place: Place) -> bool:
    """True for the destination of a movement trigger: "will travel to Paris"."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    return (
        prep.lower_ == "to"
        and prep.head.i == trigger.root.i
        and trigger.root.lemma_.lower() in MOTION_LEMMAS
    )


def _trails_trigger(doc: Doc, trigger: Token, prep: Token) -> bool:
    """A locative phrase right after the trigger with no other verb in between.

    A fallback for parses that break the clause (small models often misread
    abbreviations such as "IS" as a verb), so the tree alone cannot link them.
    """
    if not 0 < prep.i - trigger.i <= _TRAILING_WINDOW or prep.sent != trigger.sent:
        return False
    between = doc[trigger.i + 1 : prep.i]
    return not any(t.pos_ == "VERB" or t.text in ";:" for t in between)


def _dateline_end(doc: Doc) -> int:
    """Where the article's opening dateline ends (0 when it has none)."""
    text = doc_text(doc)
    for start in dateline_starts(text):
        match = _DATELINE.match(text[: start + 120], start)
        if match:
            return match.end()
    return 0


def dateline_place(doc: Doc, places: list[Place]) -> Place | None:
    """The place named in the article's dateline, if it opens with one."""
    end = _dateline_end(doc)
    named = [p for p in places if p.start < end and p.lat is not None]
    return max(named, key=lambda p: (_specificity(p), -p.start)) if named else None


@dataclass(frozen=True)
class DocumentPlaces:
    """The article-level places an event falls back to (see the module doc)."""

    dateline: Place | None = None
    dateline_end: int = 0
    story: Place | None = None
    focus: Place | None = None
    lead: Place | None = None

    @classmethod
    def of(cls, doc: Doc, places: list[Place]) -> DocumentPlaces:
        """Work them out once per document."""
        return cls(dateline_place(doc, places), _dateline_end(doc), story_place(places),
                   focus_place(places), lead_place(places))


def _names_an_actor(doc: Doc, place: Place) -> bool:
    """True for a name used for who acted, not where: a modifier of a noun other than a
    place noun ("U.S. officials"), a subject, or the object of a non-locative
    preposition ("an offer by Turkey")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    while last.dep_ == "conj" and last.head.i < span.start:
        last = last.head  # "the Saudi and US mediators": US modifies as Saudi does
    head = last.head
    if head.i in range(span.start, span.end):
        return False
    if last.dep_ in ("nsubj", "nsubjpass", "agent"):
        return True
    if last.dep_ == "pobj":
        if head.lower_ == "of" and head.head.lemma_.lower() in PLACE_HEAD_NOUNS:
            return False  # "along the coast of Aceh", "the outskirts of Mosul": a place
        return head.lower_ not in LOCATIVE_PREPS
    if last.dep_ in ("compound", "amod", "poss", "nmod"):
        return head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in PLACE_HEAD_NOUNS
    return False


def _origin(doc: Doc, event: Event, place: Place) -> bool:
    """A person's home ("a tourist from Canada was killed", "Anthony Williams, 21, of
    Pennsylvania"): the object of "from" or "of" hanging on a name, or on a noun of the
    event's source or target ("rockets fired from Gaza" keeps its place)."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    noun = prep.head
    if prep.lower_ not in ("from", "of") or noun.pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    if noun.lemma_.lower() in PLACE_HEAD_NOUNS:
        return False
    if noun.pos_ == "PROPN":
        return True
    return any(
        actor is not None and actor.start is not None and actor.end is not None
        and actor.start <= noun.idx < actor.end
        for actor in (event.source, event.target)
    )


def _addressee(doc: Doc, event: Event, place: Place) -> bool:
    """The place names the target of an addressed act ("accused Beijing"), not where
    the target is ("signed a deal with rebel forces in Pretoria")."""
    target = event.target
    if event.type not in ADDRESSED_TYPES or target is None or target.start is None:
        return False
    inside = target.end is not None and target.start <= place.start and place.end <= target.end
    return inside and _prep_governed(doc, place) is None


def _content(doc: Doc, event: Event, place: Place) -> bool:
    """The place belongs to what an appeal, refusal, pledge or backing is about, not to
    the act: "called for a ceasefire in Gaza" (a locative on a noun other than the
    trigger). Accusations are left out: a charge is mostly laid where the crime was."""
    if event.type not in CONTENT_TYPES or event.trigger_start is None:
        return False
    prep = _prep_governed(doc, place)
    if prep is None or prep.head.pos_ not in ("NOUN", "PROPN"):
        return False
    trigger = doc.char_span(event.trigger_start, event.trigger_end or event.trigger_start,
                            alignment_mode="expand")
    if trigger is None or prep.head in trigger:
        return False  # "talks in Geneva": the trigger's own place
    target = event.target
    if target is not None and target.start is not None and target.end is not None and (
        target.start <= prep.head.idx < target.end
    ):
        return False  # "signed a deal with rebel forces in Pretoria": where the other side is
    noun = prep.head.lemma_.lower()
    return noun not in PLACE_HEAD_NOUNS and noun not in OCCASION_NOUNS


def story_place(places: list[Place]) -> Place | None:
    """The town or district an article keeps coming back to, when one clearly leads."""
    towns = [p for p in places if p.lat is not None and _specificity(p) >= 3]
    counts = Counter(p.geonameid or p.name for p in towns)
    if not counts:
        return None
    ranked = counts.most_common(2)
    key, n = ranked[0]
    if n < 2 or (len(ranked) > 1 and ranked[1][1] == n):
        return None
    return next(p for p in towns if (p.geonameid or p.name) == key)


def _main_country(resolved: list[Place]) -> str | None:
    """The country most of these places lie in, when at least ``_FOCUS_SHARE`` do."""
    if not resolved:
        return None
    country, n = Counter(p.country for p in resolved).most_common(1)[0]
    return country if n / len(resolved) >= _FOCUS_SHARE else None


def focus_place(places: list[Place]) -> Place | None:
    """The country place most of the document's places lie in, when clear enough."""
    resolved = [p for p in places if p.country]
    country = _main_country(resolved)
    return next(
        (p for p in resolved if country and p.country == country and p.feature == "A.PCLI"),
        None,
    )


def lead_place(places: list[Place]) -> Place | None:
    """The first town of a story whose places clearly lie in one country (a local story
    that names its town once and no country: "A Gainesville man was arrested ...")."""
    resolved = [p for p in places if p.country and p.lat is not None]
    country = _main_country(resolved)
    towns = [p for p in resolved if country and p.country == country and _specificity(p) >= 3]
    return min(towns, key=lambda p: p.start) if towns else None


def locate_event(
    event: Event, places: list[Place], doc: Doc, context: DocumentPlaces
) -> Place | None:
    """The location of one event, or None (see module doc for the order)."""
    in_sentence = [
        p for p in places if event.start <= p.start and p.end <= event.end and p.lat is not None
    ]
    addressed = [
        p for p in in_sentence
        if not _addressee(doc, event, p) and not _content(doc, event, p)
        and not _origin(doc, event, p)
    ]
    own = [p for p in addressed if _in_clause(doc, event, p)]
    if own:
        return max(own, key=_specificity)
    # The dateline's names are the dateline step's, whatever the parse made of them.
    named = [
        p for p in addressed
        if p.start >= context.dateline_end and not _names_an_actor(doc, p)
    ]
    if named:
        anchor = event.trigger_start if event.trigger_start is not None else event.start
        return max(named, key=lambda p: (_specificity(p), -abs(p.start - anchor)))
    if context.dateline is not None:
        return context.dateline
    story, focus = context.story, context.focus
    if story is not None and (focus is None or story.country == focus.country):
        return story
    if focus is None and addressed:
        # Only actors' places in the sentence and nothing else to go on: where the
        # actors are from beats no place ("fighting between the Myanmar army and ..."),
        # but not the addressee of a statement made elsewhere, nor a person's home
        # ("a tourist from Canada was killed", "Anthony Williams, of Pennsylvania").
        return max(addressed, key=_specificity)
    if focus is None and not addressed:
        lead = context.lead  # a local story: its first town, else nothing
        return None if lead is not None and _addressee(doc, event, lead) else lead
    return focus


def refine(place: Place | None, places: list[Place], context: DocumentPlaces) -> Place | None:
    """A country or region made finer by the document: the dateline town inside it, else
    the only town of the document inside it ("killed 13 soldiers in central Turkey" in a
    story whose one Turkish town is Kayseri)."""
    if place is None or _specificity(place) > 2 or place.country is None:
        return place

    def inside(p: Place) -> bool:
        return p.country == place.country and (
            place.feature != "A.ADM1" or p.admin1 == place.admin1)

    if context.dateline is not None and _specificity(context.dateline) >= 3 and inside(
            context.dateline):
        return context.dateline
    towns = {p.geonameid or p.name: p for p in places
             if p.lat is not None and _specificity(p) >= 3 and inside(p)}
    return next(iter(towns.values())) if len(towns) == 1 else place


def locate_events(events: list[Event], places: list[Place], doc: Doc) -> list[Event]:
    """Give each event the place it happened at, or None when nothing fits."""
    if not events:
        return events
    context = DocumentPlaces.of(doc, places)
    return [replace(ev, location=refine(locate_event(ev, places, doc, context), places,
                                        context)) for ev in events]
