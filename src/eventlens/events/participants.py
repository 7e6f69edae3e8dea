"""Participants named for their act, and what a protest's demands are.

"Thousands of protesters gathered": a participant noun (``lexicon.AGENT_NOUNS``) is the
event when it acts, counted or not. "Rallied in Dhaka, demanding fresh elections": a
protest's demand is part of the PROTEST (PLOVER, ANNOTATION.md), not a REQUEST. Used by
``events.rules`` and the events stage.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.events.candidate import Candidate


def counted_subject(tok: Token) -> bool:
    """The participants of a counted subject: "thousands of protesters marched"."""
    prep = tok.head
    return (tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.dep_ == "nsubj"
            and prep.head.pos_ in ("NUM", "NOUN") and prep.head.head.pos_ == "VERB")


def participants_verb(tok: Token) -> Token | None:
    """The verb a participant noun is the subject of, directly or counted ("protesters
    gathered", "thousands of protesters gathered")."""
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        return tok.head
    return tok.head.head.head if counted_subject(tok) else None


def fold_protest_demands(cands: dict[int, Candidate]) -> None:
    """A protest's demand is part of the protest (PLOVER), not a REQUEST of its own:
    "rallied in Dhaka, demanding fresh elections", "protesters gathered to demand ..."."""
    for cand in cands.values():
        verb = cand.token
        if cand.dropped or cand.type != "REQUEST" or verb.pos_ != "VERB":
            continue
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.pos_ != "VERB":
            continue
        if _protest_of(verb.head, cands) is not None:
            cand.dropped = True


def _protest_of(verb: Token, cands: dict[int, Candidate]) -> Candidate | None:
    """The protest a clause reports: its verb ("rallied"), or its subject, a participant
    noun ("protesters gathered", "thousands of protesters gathered")."""
    found = cands.get(verb.i)
    if found is not None and not found.dropped and found.type == "PROTEST":
        return found
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        heads = [subj] + [g for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
                          for g in p.children if g.dep_ == "pobj"]
        for tok in heads:
            found = cands.get(tok.i)
            if found is not None and not found.dropped and found.type == "PROTEST":
                return found
    return None
