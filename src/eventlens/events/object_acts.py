"""Acts told by what is done, not by a trigger word: goods of aid moved ("rushed fuel and
medicine to X", "handed over 700 kg of medicine"), a bomb set ("planted a bomb", "left an
explosive device"), a joint activity ("joint patrols"). ``events.rules`` asks
``object_trigger`` for every token after the trigger lexicon.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.events.lexicon import (
    AID_GOODS,
    DELIVERY_VERBS,
    EXPLOSIVE_NOUNS,
    JOINT_ACTIVITIES,
    PLANTING_VERBS,
)
from eventlens.events.triggers import Trigger
from eventlens.events.voice import first_child

# Weights of these triggers: as sure as a verb of the act itself.
DELIVERY_WEIGHT = 0.75
JOINT_WEIGHT = 0.75
PLANT_WEIGHT = 0.75


def object_trigger(tok: Token, trig: Trigger | None) -> Trigger | None:
    """The trigger ``tok`` carries by its object, or ``trig`` (the lexicon's) unchanged."""
    lemma = tok.lemma_.lower()
    verb = tok.pos_ == "VERB"
    if verb and (trig is None or trig.type in ("AID", "CONCEDE")) and _delivers_aid(tok):
        # "handed over 700 kg of medicine": aid, not a concession
        return Trigger((lemma,), "V", "AID", None, DELIVERY_WEIGHT, None)
    if verb and trig is None and _plants_explosive(tok):
        return Trigger((lemma,), "V", "ASSAULT", "explosives", PLANT_WEIGHT, None)
    if tok.pos_ == "NOUN" and _joint_activity(tok):
        return Trigger((lemma,), "N", "COOPERATE", None, JOINT_WEIGHT, None)
    return trig


def _delivers_aid(tok: Token) -> bool:
    """ "rushed fuel and medical supplies to X", "flew a team of surgeons into X"."""
    if tok.lemma_.lower() not in DELIVERY_VERBS:
        return False
    obj = first_child(tok, "dobj", "nsubjpass")
    return obj is not None and bool({t.lemma_.lower() for t in obj.subtree} & AID_GOODS)


def _plants_explosive(tok: Token) -> bool:
    """ "planted a bomb", "left an explosive device", "placed explosives"."""
    if tok.lemma_.lower() not in PLANTING_VERBS:
        return False
    obj = first_child(tok, "dobj", "nsubjpass")
    return obj is not None and bool({t.lemma_.lower() for t in obj.subtree} & EXPLOSIVE_NOUNS)


def _joint_activity(tok: Token) -> bool:
    """ "a joint search-and-rescue drill", "a joint task force": cooperation by its nature."""
    if tok.lemma_.lower() not in JOINT_ACTIVITIES:
        return False
    return any(c.lower_ in ("joint", "combined") for c in tok.children if c.dep_ == "amod")
