"""Features of one coded event record, for the learned reliability model.

Each record becomes a sparse dict of named features: what the rules decided (type,
status, rule confidence), how the trigger sits in the sentence (part of speech, tag,
dependency, quotes, negation, time words), who was found (source/target, their sectors,
whether a country is known or implied), and where the sentence is in the article.
Lemma identities are left out on purpose: with a few hundred annotated records they
would memorise the development articles instead of learning what makes a report.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventlens.events.merge import headline_span, trigger_head
from eventlens.nlp import doc_text, entities_in
from eventlens.records import Actor, Event

# Dependencies kept as their own feature value; others are pooled as "other".
KNOWN_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "pobj", "dobj", "nsubj",
     "nsubjpass", "conj", "attr", "compound", "pcomp", "appos"}
)  # fmt: skip
KNOWN_TAGS = frozenset({"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ"})
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d"})
# Sector groups: the state's agents, ordinary people, armed non-state actors, others.
SECTOR_GROUPS = {
    "GOV": "state", "MIL": "state", "COP": "state", "JUD": "state", "LEG": "state",
    "SPY": "state", "CVL": "people", "CRM": "armed", "REB": "armed", "IGO": "intl",
    "NGO": "intl",
}  # fmt: skip


def record_features(ev: Event, doc: Doc, order: int) -> dict[str, float]:
    """Named features of ``ev`` (``order``: its index among the article's records)."""
    f: dict[str, float] = {
        "bias": 1.0,
        f"type={ev.type}": 1.0,
        f"status={ev.status}": 1.0,
        "rule_confidence": ev.confidence,
        "evidence": min(len(ev.evidence), 3) / 3,
        "reported": float(ev.reported_by is not None),
        "first_records": float(order < 3),
        "has_date": float(ev.date is not None),
        "located": float(ev.location is not None),
    }
    f.update(_actor_features("source", ev.source))
    f.update(_actor_features("target", ev.target))
    if ev.start < headline_span(doc):
        f["headline"] = 1.0
    f["early_sentence"] = float(ev.start < len(doc_text(doc)) * 0.2)
    head = trigger_head(ev, doc)
    if head is not None:
        f.update(_trigger_features(ev, head))
    return f


def _actor_features(role: str, actor: Actor | None) -> dict[str, float]:
    if actor is None:
        return {f"{role}=none": 1.0}
    group = SECTOR_GROUPS.get(actor.sector or "", "other")
    return {
        f"{role}=found": 1.0,
        f"{role}_country": float(actor.country is not None),
        f"{role}_implied": float(not actor.text),
        f"{role}_group={group}": 1.0,
        f"{role}_named": float(actor.text[:1].isupper()),
    }


def _trigger_features(ev: Event, head: Token) -> dict[str, float]:
    sent = head.sent
    before = doc_text(sent.doc)[sent.start_char : head.idx]
    quotes_before = sum(before.count(q) for q in QUOTE_MARKS)
    dep = head.dep_ if head.dep_ in KNOWN_DEPS else "other"
    tag = head.tag_ if head.tag_ in KNOWN_TAGS else "other"
    words = len(ev.trigger.split())
    return {
        f"dep={dep}": 1.0,
        f"tag={tag}": 1.0,
        f"head_dep={head.head.dep_ if head.head.dep_ in KNOWN_DEPS else 'other'}": 1.0,
        "multiword": float(words > 1),
        "in_quote": float(quotes_before % 2 == 1),
        "determiner_the": float(any(c.lower_ == "the" for c in head.children)),
        "determiner_a": float(any(c.lower_ in ("a", "an") for c in head.children)),
        "possessive": float(any(c.dep_ == "poss" for c in head.children)),
        "sentence_date": float(any(e.label_ == "DATE" for e in entities_in(sent))),
        "sentence_len": min(len(sent), 60) / 60,
        "question": float(sent.text.rstrip().endswith("?")),
        "capitalised_trigger": float(head.text[:1].isupper() and head.i != sent.start),
    }
