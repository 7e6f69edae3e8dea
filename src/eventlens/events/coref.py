"""Learned event coreference: two records of one article that tell the same event.

The rules of ``events.merge`` join re-mentions they can see in the grammar ("the attack",
a casualty toll after an attack, the same verb for the same people). Many re-mentions
are looser ("Sunday's killings were the latest in a series of knife attacks", a second
sentence about the same arrest with other words). A logistic model over pair features
(same trigger word, same actors, same place and date, distance, how the later mention
refers) estimates the probability that a later record of the same type tells the same
event as an earlier one; above ``THRESHOLD`` in the model file, the later record becomes
evidence of the earlier one (``merge.absorb``).

The weights ship in ``data/event_coref.json`` (trained by ``scripts/train_event_coref.py``
on annotated real articles, cross-validated by article; see docs/evaluation.md).
"""

from __future__ import annotations

import math
from bisect import bisect_right

from spacy.tokens import Doc, Token

from eventlens.events.lexicon import ADDITIVE_WORDS, BACK_WORDS, DISTINCT_MARKERS
from eventlens.events.merge import (
    absorb,
    headline_span,
    other_group,
    trigger_head,
    two_named_people,
)
from eventlens.events.reliability import ReliabilityModel
from eventlens.records import Actor, Event

MODEL_FILE = "event_coref.json"


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets of the document's sentences, for ``pair_features``."""
    return [s.start_char for s in doc.sents]


def pair_features(
    a: Event, b: Event, doc: Doc, starts: list[int] | None = None
) -> dict[str, float]:
    """Named features of the pair (``a`` told before ``b``, same type); ``starts``: the
    document's ``sentence_starts``, worked out once by a caller scoring many pairs."""
    ha, hb = trigger_head(a, doc), trigger_head(b, doc)
    f: dict[str, float] = {"bias": 1.0, f"type={a.type}": 1.0}
    f["same_lemma"] = float(ha is not None and hb is not None and ha.lemma_ == hb.lemma_)
    f["same_sentence"] = float(a.start == b.start)
    if starts is None:
        starts = sentence_starts(doc)
    # Sentences that begin after the first mention, up to the second's.
    gap = bisect_right(starts, b.start) - bisect_right(starts, a.start)
    f["sentence_gap"] = min(math.log1p(gap), 3.0) / 3.0
    f["a_headline"] = float(a.start < headline_span(doc))
    f["same_status"] = float(a.status == b.status)
    f.update(_actor_pair("source", a.source, b.source))
    f.update(_actor_pair("target", a.target, b.target))
    f.update(_place_pair(a, b))
    f.update(_date_pair(a, b))
    if hb is not None:
        f.update(_mention_features(hb))
    return f


def _actor_pair(role: str, x: Actor | None, y: Actor | None) -> dict[str, float]:
    if x is None or y is None:
        return {f"{role}_missing": 1.0}
    if x.name and x.name == y.name:
        return {f"{role}_same_name": 1.0}
    if x.text and y.text:
        # Two named participants: "two suspects" then "a local politician".
        new = y.text.lower().split()[0] in ("a", "an", "another")
        two = two_named_people(x, y)  # "McDaniel" then "Chappell": two people
        return {f"{role}_other_name": 1.0, f"{role}_new_one": float(new),
                f"{role}_two_named": float(two)}
    if x.country and y.country:
        return {f"{role}_same_country" if x.country == y.country else f"{role}_clash": 1.0}
    return {f"{role}_unknown": 1.0}


def _place_pair(a: Event, b: Event) -> dict[str, float]:
    if a.location is None or b.location is None:
        return {"place_missing": 1.0}
    same = (a.location.geonameid, a.location.name) == (b.location.geonameid, b.location.name)
    return {"place_same" if same else "place_clash": 1.0}


def _date_pair(a: Event, b: Event) -> dict[str, float]:
    if a.date is None or b.date is None:
        return {"date_missing": 1.0}
    if b.date_precision != "story" and a.date_precision == "story":
        return {"date_b_own_time": 1.0}  # "On Tuesday police arrested ...": a new time
    if "story" in (a.date_precision, b.date_precision):
        return {"date_story": 1.0}
    return {"date_same" if a.date == b.date else "date_clash": 1.0}


def _mention_features(head: Token) -> dict[str, float]:
    kids = [c.lower_ for c in head.children]
    return {
        "b_noun": float(head.pos_ == "NOUN"),
        "b_plural": float(head.tag_ in ("NNS", "NNPS")),
        "b_refers_back": float(head.pos_ == "NOUN" and any(k in BACK_WORDS for k in kids)),
        "b_marked_new": float(any(k in DISTINCT_MARKERS for k in kids)),
        "b_indefinite": float(any(k in ("a", "an") for k in kids)),
    }


def merge_coreferent(events: list[Event], doc: Doc, model: ReliabilityModel) -> list[Event]:
    """Fold each record into the kept record of its type the model most likely joins it
    to, when that probability reaches the model's threshold."""
    threshold = float(model.info.get("threshold", 0.5))
    starts = sentence_starts(doc)
    kept: list[Event] = []
    for ev in events:
        scored = [
            (model.probability(pair_features(k, ev, doc, starts)), i)
            for i, k in enumerate(kept)
            if k.type == ev.type and k.start <= ev.start and not kept_apart(k, ev, doc)
        ]
        best = max(scored, default=(0.0, -1))
        if best[0] >= threshold:
            absorb(kept[best[1]], ev)
        else:
            kept.append(ev)
    return kept


def kept_apart(a: Event, b: Event, doc: Doc) -> bool:
    """Never one event, whatever the other clues say: different states act or are acted
    on ("Iraqi troops attacked ..., and US aircraft bombed ..."), each mention has its own
    different day, the later one is marked as another ("another attack", "also"), or two
    different named people are acted on."""
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x is not None and y is not None and x.country and y.country and x.country != y.country:
            return True
    if _different_times(a, b):
        return True
    head = trigger_head(b, doc)
    if head is None:
        return False
    # "another attack", or "another attack ... killed two" (the marker on the subject);
    # "Police also arrested X": a further act.
    near = [*head.children, *(g for c in head.children if c.dep_ == "nsubj" for g in c.children)]
    if any(t.lower_ in DISTINCT_MARKERS or t.lower_ in ADDITIVE_WORDS for t in near):
        return True
    if other_group(trigger_head(a, doc), head):
        return True  # "three other drug dealers were arrested", "31 people were arrested"
    return _other_people(a.target, b.target, doc)


def _other_people(x: Actor | None, y: Actor | None, doc: Doc) -> bool:
    """Two different named people are acted on ("Adkins was arrested", "Barlow was
    arrested"; "He was remanded", "She was remanded" for two names)."""
    if x is None or y is None or not x.text or not y.text or x.name == y.name:
        return False
    return _named_person(x, doc) and _named_person(y, doc)


def _named_person(actor: Actor, doc: Doc) -> bool:
    if actor.start is None or actor.end is None:
        return False
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    if len(span) == 1 and span[0].pos_ == "PRON":
        return actor.name.lower() != span[0].lower_  # a pronoun resolved to a name
    return any(t.ent_type_ == "PERSON" for t in span)


# Characters of an ISO date that a precision fixes.
PRECISION_CHARS = {"day": 10, "month": 7, "year": 4}


def _different_times(a: Event, b: Event) -> bool:
    """Both mentions carry their own time and the periods do not meet ("on Friday" and
    "in May")."""
    na = PRECISION_CHARS.get(a.date_precision or "")
    nb = PRECISION_CHARS.get(b.date_precision or "")
    if a.date is None or b.date is None or na is None or nb is None:
        return False
    n = min(na, nb)
    return a.date[:n] != b.date[:n]
