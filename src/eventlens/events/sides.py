"""Arguments written as "both sides", and passive agents the parser misplaced.

"The UN urged both sides to show restraint": the sides are the two countries the story
has named most. "was declared persona non grata by Germany": spaCy may hang "by Germany"
on a later word instead of the verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.events.lexicon import SIDE_NOUNS
from eventlens.records import Actor


def both_sides(head: Token) -> bool:
    """ "both sides", "the two countries", "both parties", "the two neighbours", and their
    people: "the two countries' foreign ministers"."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lemma_.lower() in SIDE_NOUNS:
        head = owner
    if head.lemma_.lower() not in SIDE_NOUNS:
        return False
    return any(
        c.lower_ in ("both", "two")
        for c in head.children
        if c.dep_ in ("det", "nummod", "predet", "amod")
    )


def two_sides(actors: list[Actor], before: int) -> list[Actor]:
    """The two most-named countries before ``before`` ("urged both sides to ..."):
    the latest mention of each, or nothing when fewer than two are named."""
    counts: dict[str, int] = {}
    latest: dict[str, Actor] = {}
    for actor in actors:
        if (actor.start or 0) >= before:
            break
        if actor.country:
            counts[actor.country] = counts.get(actor.country, 0) + 1
            latest[actor.country] = actor
    if len(counts) < 2:
        return []
    ranked = sorted(counts, key=lambda c: -counts[c])[:2]
    return [latest[c] for c in ranked]


def stray_agent(verb: Token) -> Token | None:
    """A passive's "by X" the parser hung on a later word of the clause ("was declared
    persona non grata by the Netherlands")."""
    for tok in verb.subtree:
        by = tok.dep_ == "agent" or (tok.dep_ == "prep" and tok.lower_ == "by")
        if by and tok.i > verb.i and tok.head.dep_ in ("oprd", "dobj", "attr"):
            return next((c for c in tok.children if c.dep_ == "pobj"), None)
    return None
