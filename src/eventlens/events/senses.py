"""Everyday senses of trigger words that are no political act, or another one.

"Pilots will strike on Christmas Day" is a labour strike (PROTEST), not an attack;
"warned of fog" is a forecast; "police seek missing woman" is a search; "the car backed
into a wall" supports no one; "issued a press release" releases nothing held; "Asked
about the cost, he said" is a reporter's question. ``events.rules`` runs
``recode_by_sense`` on every candidate after ``objects.recode_by_object``.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.events.candidate import Candidate
from eventlens.events.lexicon import (
    ACCIDENTS,
    BACKING_DIRECTIONS,
    CARE_NOUNS,
    CARE_PLACES,
    CARE_VERBS,
    DESIGN_NOUNS,
    FORCING_VERBS,
    HARM_VERBS,
    INDEFINITE_PRONOUNS,
    INFORMATION_NOUNS,
    LABOUR_WORDS,
    LAW_ENFORCERS,
    MEDIA_WORDS,
    NOT_CAPTURED,
    RECEIVED_THINGS,
    REFLEXIVE_PRONOUNS,
    SOUGHT_PEOPLE,
    SPEECH_VERBS,
    STANDING_NOUNS,
    TOPIC_VERBS,
    TURNING_BACK,
    VIEW_HOLDERS,
    WEATHER_WORDS,
)
from eventlens.events.objects import moves_no_force


def recode_by_sense(cand: Candidate) -> None:
    """Recode or drop ``cand`` when its trigger word is used in an everyday sense."""
    tok = cand.token
    lemma = tok.lemma_.lower()
    verb = cand.trigger.pos == "V"
    if cand.type == "ASSAULT" and verb and lemma == "strike" and _labour_strike(tok):
        cand.type, cand.mode = "PROTEST", "strike"
    elif cand.type == "PROTEST" and not verb and lemma == "strike" and _harms(tok):
        cand.type, cand.mode = "ASSAULT", None  # "an Israeli strike killed": no walkout
    elif cand.type == "RETREAT" and cand.mode == "resign" and (
        tok.dep_ == "xcomp" and tok.head.lemma_.lower() in FORCING_VERBS
    ):
        cand.type, cand.mode = "CONCEDE", None  # "was forced to resign": yields to pressure
    elif cand.type == "ASSAULT" and tok.lower_ == "wound" and any(
        c.dep_ == "prt" and c.lower_ in ("up", "down") for c in tok.children
    ):
        cand.dropped = True  # "the papers wound up on the street": wind up, no wounding
    elif cand.trigger.words[:2] in TURNING_BACK and _no_one_turned(tok):
        cand.dropped = True  # "the economy turned around": nobody was turned back
    elif verb and _purpose_of_a_tool(tok):
        cand.dropped = True  # "a database used by officers to prosecute": what it is for
    elif cand.status == "hypothetical" and any(
        c.dep_ == "nsubj" and c.lower_ in INDEFINITE_PRONOUNS for c in _clause_verbs(tok)
    ):
        cand.dropped = True  # "if someone were able to shut the system down": a what-if
    elif cand.type == "THREATEN" and lemma == "warn" and _of_weather(tok):
        cand.dropped = True
    elif cand.type == "REQUEST" and lemma == "seek" and _seeks_person(tok):
        cand.dropped = True
    elif cand.type == "SUPPORT" and verb and lemma == "back" and _backs_vehicle(tok):
        cand.dropped = True
    elif cand.type == "CONCEDE" and verb and lemma == "release" and _discharged(tok):
        cand.dropped = True  # "were treated and released", "released from hospital"
    elif cand.type == "CONCEDE" and not verb and lemma == "release" and any(
        c.dep_ in ("compound", "amod") and c.lower_ in MEDIA_WORDS for c in tok.children
    ):
        cand.dropped = True
    elif cand.type == "REQUEST" and lemma == "ask" and _reporter_question(tok):
        cand.dropped = True
    elif cand.type == "REJECT" and _object_in(tok, CARE_NOUNS):
        cand.dropped = True  # "declined treatment at the scene"
    elif cand.type == "CONSULT" and lemma == "receive" and _object_in(tok, RECEIVED_THINGS):
        cand.dropped = True  # "received a call from", "received an unfair trial"
    elif not verb and lemma in STANDING_NOUNS and tok.dep_ == "dobj" and (
        tok.head.lemma_.lower() == "have"
    ):
        cand.dropped = True  # "Canada has only one trade agreement in Asia": a standing state
    elif cand.trigger.words == ("give", "in") and any(
        c.lower_ == "in" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children
    ):
        cand.dropped = True  # "the message he gave in interviews": no giving in
    elif not verb and tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
        tok.head.head.lemma_.lower() in VIEW_HOLDERS
    ):
        cand.dropped = True  # "supporters of a smoking ban": people, not a ban
    elif cand.type == "RETREAT" and verb and lemma == "pull" and moves_no_force(tok):
        cand.dropped = True  # "pulled the child out of the pool"
    elif cand.type == "ACCUSE" and _object_in(tok, ACCIDENTS | WEATHER_WORDS):
        cand.dropped = True  # "the storm was blamed for numerous accidents"
    elif cand.type == "REQUEST" and verb and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in DESIGN_NOUNS for c in tok.children
    ):
        cand.dropped = True  # "Plans also call for a 13-story hotel"
    elif cand.type == "ASSAULT" and lemma == "capture" and _object_in(tok, NOT_CAPTURED):
        cand.dropped = True  # "capture the carbon dioxide", "captured 1.3 percent of the vote"
    elif cand.type == "ASSAULT" and lemma == "raid" and _police_raid(tok):
        cand.type, cand.mode = "COERCE", "seize"  # "police raided his home", "were raided"
    elif verb and len(cand.trigger.words) == 1 and _object_in(tok, REFLEXIVE_PRONOUNS):
        cand.dropped = True  # "I blamed myself" (not "turned himself in"): no one else
    elif cand.type == "COERCE" and verb and lemma in ("close", "shut") and _intransitive(tok):
        cand.dropped = True  # "the restaurant opened and closed": no one closed anything
    elif cand.type == "AID" and _object_in(tok, INFORMATION_NOUNS):
        cand.dropped = True  # "provided different stories", "gave details"
    elif lemma == "call" and len(cand.trigger.words) > 1 and any(
        c.dep_ == "auxpass" for c in tok.children
    ):
        cand.dropped = True  # "police were called to the market": sent there, no appeal told
    elif lemma == "sign" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        cand.dropped = True  # "since they signed up" for a service: no agreement signed
    elif _authorised_to_speak(tok):
        cand.dropped = True  # "who was not authorized to speak to the media": a source's status


def _no_one_turned(tok: Token) -> bool:
    """ "the economy turned around": no object, passive subject, agent or noun it reduces."""
    if tok.dep_ == "acl":
        return False
    return not any(c.dep_ in ("dobj", "nsubjpass", "agent") for c in tok.children)


def _clause_verbs(tok: Token) -> list[Token]:
    """The children of the trigger and of the verbs it is the complement of."""
    out = list(tok.children)
    cur = tok
    while cur.dep_ in ("xcomp", "acomp") and cur.head != cur:
        cur = cur.head
        out.extend(cur.children)
    return out


def _purpose_of_a_tool(tok: Token) -> bool:
    """An infinitive saying what something is used for: "is used by officers to track
    offenders", "a system used to prosecute"."""
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head  # "used to track offenders and prosecute them"
    if tok.dep_ not in ("xcomp", "advcl") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    ):
        return False
    head = tok.head
    passive = any(c.dep_ == "auxpass" for c in head.children) or head.dep_ == "acl"
    return head.lemma_.lower() == "use" and passive


def _discharged(tok: Token) -> bool:
    """Released by doctors, not by captors: "treated and released", "released from the
    hospital"."""
    if tok.dep_ == "conj" and tok.head.lemma_.lower() in CARE_VERBS:
        return True
    return any(
        g.lemma_.lower() in CARE_PLACES
        for p in tok.children if p.dep_ == "prep" and p.lower_ == "from"
        for g in p.children if g.dep_ == "pobj"
    )


def _harms(noun: Token) -> bool:
    """The noun is the subject of a verb of harm: "the strike killed two commanders"."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in HARM_VERBS


def _labour_strike(tok: Token) -> bool:
    """No object struck, and workers strike or strike "over" pay: a labour strike."""
    kids = list(tok.children)
    if any(c.dep_ in ("dobj", "nsubjpass") for c in kids):
        return False
    subjects = [c for c in kids if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ in ("xcomp", "conj"):
        subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
    if any({t.lemma_.lower() for t in s.subtree} & LABOUR_WORDS for s in subjects):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "over" for c in kids)


def _of_weather(tok: Token) -> bool:
    """ "warned of fog", "warns about heavy rain": a forecast."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "about")):
        if any(t.lemma_.lower() in WEATHER_WORDS for t in prep.subtree):
            return True
    return False


def _seeks_person(tok: Token) -> bool:
    """ "seek missing woman", "are seeking a suspect": looking for someone."""
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() in SOUGHT_PEOPLE or obj.ent_type_ == "PERSON":
            return True
        if any(c.lower_ == "missing" for c in obj.children):
            return True
    return False


def _backs_vehicle(tok: Token) -> bool:
    """ "backed into a parked car", "backed out of the driveway"."""
    return not any(c.dep_ == "dobj" for c in tok.children) and any(
        c.dep_ in ("prep", "prt", "advmod") and c.lower_ in BACKING_DIRECTIONS
        for c in tok.children
    )


def _reporter_question(tok: Token) -> bool:
    """ "Asked about the price, Smith said ...": a participle with no subject of its own."""
    kids = list(tok.children)
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in ("advcl", "ccomp")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "xcomp") for c in kids)
        and any(c.dep_ == "prep" and c.lower_ == "about" for c in kids)
    )


def _object_in(tok: Token, nouns: frozenset[str]) -> bool:
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in nouns for c in tok.children
    )


def _intransitive(tok: Token) -> bool:
    """No object and no passive subject: "the store closed", not "police closed the road"
    or "the road was closed"."""
    return not any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "prt") for c in tok.children)


def _authorised_to_speak(tok: Token) -> bool:
    """ "not authorized to speak to the media", "allowed to discuss the case": the
    speaking and the permission describe a source, not an act between actors."""
    speech = SPEECH_VERBS | TOPIC_VERBS | {"comment", "discuss"}
    permits = {"authorize", "authorise", "allow", "permit"}
    lemma = tok.lemma_.lower()
    if lemma in permits:
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in speech for c in tok.children)
    return lemma in speech and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in permits


def _police_raid(tok: Token) -> bool:
    """A raid by law enforcement ("police raided", "a drug raid", "FBI agents raided") or
    a passive raid naming no raider ("offices at the city hall were raided")."""
    kids = list(tok.children)
    if tok.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in kids) and not any(
        c.dep_ == "agent" for c in kids
    ):
        return True
    people = [c for c in kids if c.dep_ in ("nsubj", "compound", "amod", "poss", "agent")]
    return any(
        {t.lower_ for t in p.subtree} & LAW_ENFORCERS for p in people
    )
