"""Triggers that restate or only qualify another act of the same sentence.

"fired tear gas to disperse the crowd" (a purpose of the same type), "imposed sanctions,
freezing their assets" (a participle spelling the act out) and "banned them from
travelling" (an act prevented, not done) are one event, or none, not two.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.events.candidate import Candidate
from eventlens.events.lexicon import PREVENTING_VERBS
from eventlens.events.triggers import is_light_verb

# Penalties that spell out one another ("sanctions, freezing assets and banning travel").
PENALTY_TYPES = frozenset({"SANCTION", "COERCE"})


def drop_restatements(cands: dict[int, Candidate]) -> None:
    """Drop triggers that restate or only qualify another act of the sentence.

    "fired tear gas to disperse the crowd" (a purpose of the same type), "imposed
    sanctions, freezing their assets" (a participle spelling the act out), "banned them
    from travelling" (an act prevented, not done).
    """
    for cand in cands.values():
        verb = cand.clause.verb
        if cand.dropped or verb != cand.token:
            continue
        if _prevented(verb):
            cand.dropped = True
            continue
        if not (cand.clause.purpose or _elaborating_participle(verb)):
            continue
        head = _candidate_of(_first_conjunct(verb).head, cands)
        if head is not None and not head.dropped and _same_act(head.type, cand.type):
            cand.dropped = True


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def _elaborating_participle(verb: Token) -> bool:
    """A subjectless -ing clause hung on another verb: "..., freezing their assets"."""
    first = _first_conjunct(verb)
    return (
        first.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in first.children)
    )


def _prevented(verb: Token) -> bool:
    """ "banned them from travelling", "prevented X from attending": it did not happen."""
    prep = verb.head
    return (
        verb.dep_ == "pcomp"
        and prep.lower_ == "from"
        and prep.head.lemma_.lower() in PREVENTING_VERBS
    )


def _candidate_of(tok: Token, cands: dict[int, Candidate]) -> Candidate | None:
    """The trigger a verb carries: itself, or the noun of a support verb ("imposed sanctions")."""
    if tok.i in cands:
        return cands[tok.i]
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None and is_light_verb(tok):
        return cands.get(obj.i)
    return None


def _same_act(head_type: str, own_type: str) -> bool:
    return head_type == own_type or {head_type, own_type} <= PENALTY_TYPES
