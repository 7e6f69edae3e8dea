"""What an event's object or complement says about it.

"withdrew its ambassador" is a sanction, not a retreat; "fired tear gas" is repression,
not an armed attack; "killed in a crash" is nobody's attack; "did not return a call"
concedes nothing. These rules look at the trigger's own dependants and recode or drop
the candidate (events.rules runs them on every candidate of a sentence).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventlens.events.candidate import Candidate
from eventlens.events.lexicon import (
    ACCIDENT_VERBS,
    ACCIDENTS,
    ANONYMITY_VERBS,
    ASSERTION_NOUNS,
    ATTACK_NOUNS,
    BLAST_NOUNS,
    CONTEST_VERBS,
    CONTEST_WORDS,
    CROWD_CONTROL_WORDS,
    DAMAGE_VERBS,
    DECISION_NOUNS,
    DENIAL_VERBS,
    DISMISSABLE_NOUNS,
    FIGHT_VERBS,
    FORCE_NOUNS,
    FUNDING_NOUNS,
    GATHERING_VERBS,
    GOODS_NOUNS,
    GROUP_TRIGGER_NOUNS,
    HARM_VERBS,
    HOSTILE_PLEDGES,
    HOSTILE_TYPES,
    INFORMATION_NOUNS,
    MEDICAL_WORDS,
    MEETING_NOUNS,
    MESSAGE_NOUNS,
    MILITARY_UNITS,
    NO_COMMENT,
    NON_MILITARY_PRESENCE,
    NOT_GIVEN_BACK,
    OPINION_NOUNS,
    OPPONENT_NOUNS,
    PLAN_NOUNS,
    PRESS_REQUESTS,
    QUESTION_WORDS,
    RESPONSE_NOUNS,
    SENDING_ORDERS,
    SNUB_VERBS,
    SPEECH_VERBS,
    STANCE_OR_GROUND_NOUNS,
    TRADE_NOUNS,
    UTTERANCE_NOUNS,
    VERBAL_ATTACK_VERBS,
)
from eventlens.events.triggers import match_trigger

# Auxiliaries of a future or conditional clause: "warned it would retaliate".
THREAT_AUX = frozenset({"will", "would", "could", "might", "may", "shall", "'ll", "wo", "'d"})
# Auxiliaries of a that-clause that makes agreeing an undertaking: "agreed that the truce
# would begin", "agreed that their countries should cooperate".
UNDERTAKING_AUX = THREAT_AUX | {"should", "must", "ought"}


def recode_by_object(cand: Candidate) -> None:
    """Withdrawing envoys or aid is a sanction; a protest with a that-clause is a complaint."""
    tok = cand.token
    if _recode_by_theme(cand):
        return
    if cand.type == "RETREAT" and cand.trigger.pos == "V":
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in NON_MILITARY_PRESENCE:
            cand.type, cand.mode = "SANCTION", "withdraw"
    elif cand.trigger.mode in ("release", "return") and _moves_information(tok):
        cand.dropped = True  # "the name was not released", "did not return a call"
    elif cand.trigger.words == ("return",) and _gives_nothing_back(tok):
        cand.dropped = True  # "returned to the town", "returned an indictment"
    elif cand.type == "ASSAULT" and tok.lemma_.lower() == "fire" and _dismisses(tok):
        cand.type, cand.mode = "SANCTION", "dismiss"  # "fired the chief justice"
    elif tok.pos_ == "NOUN" and tok.lemma_.lower() in GROUP_TRIGGER_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ in ("to", "against") for c in tok.children
    ):
        cand.dropped = True  # "the opposition has stepped up pressure": a group
    elif cand.type == "ASSAULT" and _accidental(tok):
        cand.dropped = True  # "killed in a car crash": harm, but nobody's attack
    elif cand.type == "COERCE" and _damaged_by_event(tok):
        cand.dropped = True  # "a fire destroyed the roof", "the blast destroyed the bus"
    elif cand.type == "AGREE" and _shares_a_view(tok):
        cand.type, cand.mode = "SUPPORT", None  # "agrees with the CIA's conclusion"
    elif cand.type == "MOBILIZE" and _gathers_no_force(tok):
        cand.dropped = True  # "five boys amassed 150 charges": a tally, not a build-up
    elif cand.type == "ASSAULT" and _contest_win(tok):
        cand.dropped = True  # "narrowly beat Clinton in Wisconsin": an election won
    elif cand.type == "ASSAULT" and cand.trigger.pos == "V" and _crowd_control(tok):
        cand.type, cand.mode = "COERCE", "repress"  # "fired tear gas": repression (CAMEO 175)
    elif cand.type == "THREATEN" and tok.lemma_.lower() in ("warn", "caution"):
        if any(c.dep_ == "ccomp" for c in tok.children) and not _ccomp_has_threat(tok):
            cand.dropped = True  # "warned that the fight would be long": a statement
    elif cand.type == "REQUEST" and (
        _asks_anonymity(tok) or _asks_comment(tok) or _asks_question(tok)
    ):
        cand.dropped = True  # "who asked not to be named": a source's condition, not an event
    elif cand.type == "REJECT" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT | SPEECH_VERBS for c in tok.children
    ):
        cand.dropped = True  # "declined to comment": no one is refused anything
    elif cand.type == "REJECT" and _denial(tok):
        cand.dropped = True  # "denied the claims", "denied that ...": denials are not events
    elif cand.type == "PROTEST" and cand.trigger.pos == "V":
        if any(c.dep_ == "ccomp" for c in tok.children):
            cand.type, cand.mode = "ACCUSE", None  # "X protested that ..." (CAMEO 114)


def _denial(tok: Token) -> bool:
    """Denying or dismissing an assertion ("denied the claims", "rejected allegations",
    "denied any involvement", "denied that it had ..."), not refusing a request."""
    if tok.lemma_.lower() not in DENIAL_VERBS:
        return False
    for child in tok.children:
        if child.dep_ == "ccomp":
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() in ASSERTION_NOUNS:
            return True
    return False


def _crowd_control(tok: Token) -> bool:
    """The verb's object is a crowd-control weapon ("fired tear gas and water cannon")."""
    for child in tok.children:
        if child.dep_ in ("dobj", "pobj", "prep"):
            words = {t.lower_ for t in child.subtree}
            if words & CROWD_CONTROL_WORDS or {"tear", "gas"} <= words:
                return True
    return False


def _asks_anonymity(tok: Token) -> bool:
    """A source asking "not to be named/identified": an off-the-record condition."""
    for child in tok.children:
        if child.dep_ == "xcomp" and child.lemma_.lower() in ANONYMITY_VERBS:
            return any(c.dep_ == "auxpass" for c in child.children)
    return False


def _asks_question(tok: Token) -> bool:
    """"asked him if he was X", "asked why ...", "he asked." after a quoted question: a
    question put to someone, not a request for action (PLOVER REQUEST)."""
    if tok.lemma_.lower() != "ask" or tok.pos_ != "VERB":
        return False
    kids = list(tok.children)
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in kids):
        return False  # "asked them to leave", "asked for help": a request
    for clause in (c for c in kids if c.dep_ in ("ccomp", "advcl", "dobj")):
        first = next(iter(clause.subtree))
        if first.lower_ in QUESTION_WORDS:
            return True
    # A bare speech verb ("... ?" he asked.): the question is the quote.
    return not any(c.dep_ in ("dobj", "dative", "ccomp", "prep") for c in kids)


def _asks_comment(tok: Token) -> bool:
    """A reporter's routine "requests for comment", not a political demand."""
    if tok.pos_ != "NOUN":
        return False
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            return any(o.lemma_.lower() in PRESS_REQUESTS for o in prep.children)
    return False


def _moves_information(tok: Token) -> bool:
    """The released or returned thing is information or a message, not people or land."""
    things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl":
        things.append(tok.head)  # "a statement released on Wednesday"
    return any(t.lemma_.lower() in INFORMATION_NOUNS for t in things)


def _gives_nothing_back(tok: Token) -> bool:
    """"Return" that hands nothing back: no object (going back somewhere) or an object
    that is not given back ("returned fire", "returned a verdict")."""
    things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return not things or any(t.lemma_.lower() in NOT_GIVEN_BACK for t in things)


def _dismisses(tok: Token) -> bool:
    """"Fire" with a person as its object (not "at"/"on" anyone): a dismissal."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("at", "on", "upon", "into") and any(
            g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in prep.children
        ):
            return False  # "fired on the crowd" (not "fired him on Friday")
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in DISMISSABLE_NOUNS for o in objs)


def _accidental(tok: Token) -> bool:
    """Harm from an accident, a disaster or an illness: "killed in a crash", "injured in
    the flood", "a collision injures a woman", "died of a heart attack"."""
    if tok.lemma_.lower() in ATTACK_NOUNS and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in MEDICAL_WORDS for c in tok.children
    ):
        return True  # "a heart attack", "an asthma attack"
    if tok.lemma_.lower() not in HARM_VERBS:
        return False
    # "Accident kills one, injures four": the second verb shares the first one's subject.
    holder = tok.head if tok.dep_ == "conj" and not _has_subject(tok) else tok
    if any(c.dep_ == "nsubj" and _is_accident(c) for c in holder.children):
        return True
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "by", "during", "after"):
            if any(g.lemma_.lower() in ACCIDENTS for g in child.children if g.dep_ == "pobj"):
                return True
        if child.dep_ == "advcl" and child.lemma_.lower() in ACCIDENT_VERBS:
            return True  # "were injured when a car crashed into a restaurant"
    return False


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _damaged_by_event(tok: Token) -> bool:
    """Damage whose subject is a disaster or a blast, not anyone's act of coercion."""
    if tok.lemma_.lower() not in DAMAGE_VERBS:
        return False
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in ACCIDENTS | BLAST_NOUNS for c in tok.children
    )


def _shares_a_view(tok: Token) -> bool:
    """Agreeing with a view, not to an act: "agrees with the CIA's conclusion", "agreed
    that the plan was not a bad idea" (but "agreed with the Boons that they will stay")."""
    if tok.lemma_.lower() != "agree" or any(c.dep_ == "xcomp" for c in tok.children):
        return False
    partners = [
        o for p in tok.children if p.dep_ == "prep" and p.lower_ == "with"
        for o in p.children if o.dep_ == "pobj"
    ]  # fmt: skip
    if partners:
        return all(o.lemma_.lower() in OPINION_NOUNS for o in partners)
    # A that-clause of what someone will do is an undertaking ("agreed that the truce
    # would begin on Sunday"); one of how things are, a view.
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(
        a.dep_ == "aux" and a.lower_ in UNDERTAKING_AUX for c in clauses for a in c.children
    )


def _gathers_no_force(tok: Token) -> bool:
    """"Amass" or "mass" with an object that is no force ("amassed 150 charges",
    "amassed a fortune"); "amassed troops", "massed tanks" stay mobilisation."""
    return tok.lemma_.lower() in GATHERING_VERBS and moves_no_force(tok)


def moves_no_force(tok: Token) -> bool:
    """The verb has direct objects and none is an armed force ("amassed 150 charges",
    "pulled the child out"); "amassed troops", "pulled its troops out" move forces."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    return bool(objects) and not any(o.lemma_.lower() in FORCE_NOUNS for o in objects)


def _contest_win(tok: Token) -> bool:
    """Beating or defeating a rival in an election or a game, not in a fight: the
    sentence speaks of a contest ("the election", "a challenger", "the race")."""
    if tok.lemma_.lower() not in CONTEST_VERBS:
        return False
    if any(c.lower_ == "narrowly" for c in tok.children):
        return True  # "narrowly beat": a margin of votes or points, not of blows
    return any(t.lemma_.lower() in CONTEST_WORDS for t in tok.sent)


def _is_accident(tok: Token) -> bool:
    return tok.lemma_.lower() in ACCIDENTS or any(
        c.dep_ == "compound" and c.lemma_.lower() in ACCIDENTS for c in tok.children
    )


def _ccomp_has_threat(verb: Token) -> bool:
    """The that-clause announces a future hostile act by someone ("warned it would
    retaliate"), not a fact or a forecast ("warned that rations would be cut")."""
    for child in verb.children:
        if child.dep_ != "ccomp":
            continue
        if _modal(child) and any(_response_noun(t) for t in child.subtree):
            return True  # "would face consequences", "would act with full force"
        if not _announces_act(child):
            continue
        for tok in child.subtree:
            trig = match_trigger(tok)
            if trig is not None and trig.type in HOSTILE_TYPES:
                return True
    return False


def _response_noun(tok: Token) -> bool:
    """A retaliation word as an argument: "face consequences", "take all necessary
    measures", "receive an appropriate response" (not "in response to")."""
    if tok.lemma_.lower() not in RESPONSE_NOUNS:
        return False
    return not (tok.dep_ == "pobj" and tok.head.lower_ == "in")


def _modal(clause_verb: Token) -> bool:
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in THREAT_AUX for c in clause_verb.children
    )


def _announces_act(clause_verb: Token) -> bool:
    """A future or conditional clause with an acting subject (no agentless passive)."""
    kids = list(clause_verb.children)
    modal = any(c.dep_ in ("aux", "auxpass") and c.lower_ in THREAT_AUX for c in kids)
    agentless = any(c.dep_ == "nsubjpass" for c in kids) and not any(
        c.dep_ == "agent" for c in kids
    )
    return modal and not agentless


def _utterance(theme: Token) -> bool:
    """Whether ``theme`` is something said or decided ("his remarks", "the position on X"),
    not ground held in a fight ("rebel positions")."""
    lemma = theme.lemma_.lower()
    if lemma in STANCE_OR_GROUND_NOUNS:
        return any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("on", "regarding", "toward"))
            for c in theme.children
        )
    return lemma in UTTERANCE_NOUNS


def _recode_by_theme(cand: Candidate) -> bool:
    """Rules on what the act is about; True when one applied."""
    tok, lemma = cand.token, cand.token.lemma_.lower()
    theme = _theme(tok)
    theme_lemma = theme.lemma_.lower() if theme is not None else ""
    if cand.type == "ASSAULT" and lemma in FIGHT_VERBS and theme is not None:
        if not _names_opponent(theme):
            cand.dropped = True  # "fight illegal mining", "combat corruption": a policy
            return True
    elif lemma == "resign" and any(c.lower_.endswith(("self", "selves")) for c in tok.children):
        cand.dropped = True  # "she resigned herself to renting": acceptance, no resignation
        return True
    elif cand.type == "AID" and cand.trigger.pos == "V" and theme_lemma in MESSAGE_NOUNS:
        cand.dropped = True  # "delivered an ultimatum", "sent a letter": the noun is the act
        return True
    elif lemma in SNUB_VERBS and theme_lemma in MEETING_NOUNS:
        cand.type, cand.mode = "REJECT", None  # "boycotted the talks" (CAMEO 125)
        return True
    elif (cand.type == "ASSAULT" and lemma in VERBAL_ATTACK_VERBS
          and theme is not None and _utterance(theme)):
        cand.type, cand.mode = "ACCUSE", None  # "attacked Mr Trump's proposal": criticism
        return True
    elif cand.type == "ASSAULT" and lemma in ("kill", "torpedo") and theme_lemma in PLAN_NOUNS:
        cand.dropped = True  # "effectively killed the trade deal": a metaphor, no attack
        return True
    elif cand.type == "CONSULT" and cand.mode == "visit" and _goods_subject(tok):
        cand.type, cand.mode = "AID", None  # "a consignment of wheat arrived in X"
        return True
    elif cand.type == "CONSULT" and lemma == "meet" and _passive(tok):
        cand.dropped = True  # "would be met with force": a response, not a meeting
        return True
    elif cand.type == "COERCE" and cand.mode == "ban" and _trade_ban(tok, theme_lemma):
        cand.type, cand.mode = "SANCTION", "embargo"  # "a ban on grain imports"
        return True
    elif cand.type == "REQUEST" and lemma in SENDING_ORDERS and theme_lemma in MILITARY_UNITS:
        if any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in tok.children):
            cand.type, cand.mode = "MOBILIZE", "troops"  # "ordered a carrier group to X"
            cand.trigger = replace(cand.trigger, role=None)
            return True
    return _recode_by_kind_of_theme(cand, lemma, theme_lemma)


def _recode_by_kind_of_theme(cand: Candidate, lemma: str, theme_lemma: str) -> bool:
    """Verbs whose event type depends on the kind of thing they act on."""
    if cand.type == "PROTEST" and lemma == "block" and theme_lemma in DECISION_NOUNS:
        cand.type, cand.mode = "REJECT", None  # "Hungary blocked the EU's aid package"
    elif cand.type == "AGREE" and lemma == "approve" and theme_lemma in FUNDING_NOUNS:
        cand.type, cand.mode = "AID", "economic"  # "the World Bank approved a loan"
    elif cand.type == "AID" and lemma == "evacuate" and theme_lemma in MILITARY_UNITS:
        cand.type, cand.mode = "RETREAT", None  # "evacuated its warships from the port"
    elif cand.trigger.role == "intent" and theme_lemma in HOSTILE_PLEDGES:
        cand.type, cand.mode = "THREATEN", None  # "vowed war", "promised revenge"
        cand.trigger = replace(cand.trigger, role=None)
    else:
        return False
    return True


def _trade_ban(tok: Token, theme_lemma: str) -> bool:
    """ "a ban on grain imports", "travel bans on four officials"."""
    kinds = {theme_lemma} | {c.lemma_.lower() for c in tok.children if c.dep_ == "compound"}
    return bool(kinds & TRADE_NOUNS)


def _goods_subject(tok: Token) -> bool:
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in GOODS_NOUNS


def _theme(tok: Token) -> Token | None:
    """What the act is done to: the object, the passive subject, or "ban on X"."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "on" and tok.pos_ == "NOUN":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _names_opponent(theme: Token) -> bool:
    """The object of "fight" is someone to fight: a name, a person or an armed group."""
    if theme.ent_type_ or theme.pos_ in ("PROPN", "PRON"):
        return True
    words = {t.lemma_.lower() for t in theme.subtree}
    return bool(words & OPPONENT_NOUNS) or any(t.ent_type_ for t in theme.subtree)


def _passive(tok: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in tok.children)
