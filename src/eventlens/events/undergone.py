"""Acts whose subject is acted on, not acting: "X is in custody" (X is held), "X received
support from Y", "X came under fire from Y" (Y acts on X). The events stage asks these
before the ordinary subject-verb-object reading."""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.events.args import ActorIndex, Arguments, actors_for
from eventlens.events.candidate import Candidate
from eventlens.events.lexicon import DETENTION_NOUNS, RECEIVING_VERBS
from eventlens.events.voice import passive_subjects, verb_subject


def held_arguments(cand: Candidate, index: ActorIndex) -> Arguments | None:
    """ "X is in custody", "X was placed under arrest": X is held, not the holder (the
    police are implied later, ``events.domestic``)."""
    tok = cand.token
    if cand.trigger.pos != "N" or tok.lemma_.lower() not in DETENTION_NOUNS:
        return None
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "into", "under"):
        return None
    verb = tok.head.head
    subject, passive = verb_subject(verb)
    held = passive_subjects(verb) if passive else [subject] if subject is not None else []
    targets = actors_for(held[0], index) if held else []
    return Arguments([], targets, False) if targets else None


def received_arguments(cand: Candidate, index: ActorIndex) -> Arguments | None:
    """ "X received support from Y", "X won backing from Y": the act's object is the
    receiver (the subject), its agent the actor the "from" phrase names."""
    tok = cand.token
    if cand.trigger.pos != "N" or tok.dep_ != "dobj":
        return None
    if tok.head.lemma_.lower() not in RECEIVING_VERBS:
        return None
    received = undergone_arguments(tok.head, index)
    return received if received.sources else None  # a giver must be named


def undergone_arguments(verb: Token, index: ActorIndex) -> Arguments:
    """ "X came under fire from Y", "X drew criticism": X is acted on, Y (if named) acts."""
    targets = actors_for(verb_subject(verb)[0], index)
    agents = [t for t in verb.subtree if t.dep_ == "pobj" and t.head.lower_ in ("from", "by")]
    sources = [a for a in actors_for(agents[0], index) if a not in targets] if agents else []
    return Arguments(sources, targets, bool(sources))
