"""Clause analysis for the events stage: status, embedding and reported speech.

Works on the dependency parse only: which verb carries a trigger's tense and
negation, which trigger or speech verb governs it, and whether the event
occurred, is planned, hypothetical or negated.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventlens.events.lexicon import (
    FAIL_GOVERNORS,
    FUTURE_GOVERNORS,
    FUTURE_TIME_WORDS,
    NEGATIVE_SUBJECTS,
    NOUN_SUBJECT_VERBS,
    SPEECH_VERBS,
)
from eventlens.events.triggers import is_light_verb

# Dependencies through which a clause or noun is embedded under a governing word.
EMBED_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "advcl", "attr", "oprd",
     "conj", "dative", "agent", "nsubjpass", "csubj"}
)  # fmt: skip
NOMINAL_ARG_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "dative", "oprd"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must", "'d"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})


@dataclass
class Clause:
    """Where a trigger sits: its clause verb and what governs it."""

    verb: Token  # the token whose subject/objects/aux belong to the event
    governor: Token | None  # nearest trigger token above it (not through conj)
    speech: Token | None  # speech verb reporting it ("said")
    future_governor: Token | None  # "plans to", "decided to"
    reporter: Token | None  # subject of the speech verb or object of "according to"
    failed: bool = False  # under "failed to"
    main: bool = True  # not inside an adverbial, relative or prepositional clause
    purpose: bool = False  # inside an infinitive of purpose ("staged rallies to demand")


def clause_verb(trigger: Token) -> Token:
    """Return the verb that carries a noun trigger's arguments, else the trigger itself."""
    if trigger.pos_ in ("VERB", "AUX"):
        return trigger
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "attr"):
        verb = head.head.head  # "gave 5 million dollars of aid"
        if verb.pos_ == "VERB" and is_light_verb(verb):
            return verb
    if head.pos_ not in ("VERB", "AUX") or head == trigger:
        return trigger
    if trigger.dep_ in ("dobj", "attr", "oprd") and is_light_verb(head):
        return head
    if trigger.dep_ in ("nsubj", "nsubjpass") and (
        is_light_verb(head) or head.lemma_.lower() in NOUN_SUBJECT_VERBS
    ):
        return head
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "on", "into"):
        verb = head.head
        if verb.pos_ == "VERB" and (is_light_verb(verb) or verb.lemma_ in ("go", "engage", "join")):
            return verb
    return trigger


def _would_not_hesitate(verb: Token) -> bool:
    """ "would not hesitate to strike": a stated readiness, i.e. an announced act."""
    if verb.lemma_.lower() != "hesitate":
        return False
    kids = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
    return bool(kids & {"will", "would", "'ll", "wo"}) and bool(kids & {"not", "n't", "never"})


def analyse_clause(trigger: Token, trigger_ids: set[int]) -> Clause:
    """Walk up from a trigger's clause to find its governing trigger and speech verb."""
    verb = clause_verb(trigger)
    governor = speech = future_gov = None
    failed, main = False, _is_main(verb)
    cur = verb
    for _ in range(8):
        if cur.dep_ == "ROOT" or cur.dep_ not in EMBED_DEPS:
            break
        edge, parent = cur.dep_, cur.head
        lemma = parent.lemma_.lower()
        if edge == "xcomp" and lemma in FAIL_GOVERNORS and governor is None:
            failed = True
        if edge != "conj":
            if governor is None and parent.i in trigger_ids and speech is None:
                governor = parent
            if speech is None and lemma in SPEECH_VERBS and edge in ("ccomp", "conj", "advcl"):
                speech = parent
            if future_gov is None and governor is None and lemma in FUTURE_GOVERNORS:
                future_gov = parent if edge == "xcomp" else None  # "plans to visit"
            elif future_gov is None and edge == "xcomp" and _would_not_hesitate(parent):
                future_gov = parent
        cur = parent
    if speech is None:
        speech = _trailing_speech(cur)
    if speech is not None:
        reporter = _subject_of(speech)
    else:
        reporter = _according_to(verb) or _statement_author(verb)
    purpose = verb.dep_ == "advcl" and _is_purpose(verb)
    return Clause(verb, governor, speech, future_gov, reporter, failed, main, purpose)


def _is_main(verb: Token) -> bool:
    """True when only coordination, complements or speech separate the verb from the root.

    A noun trigger that is an argument of the clause ("announced a suspension") counts
    as main; a purpose infinitive ("sent inspectors to investigate") also does.
    """
    cur = verb
    if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in NOMINAL_ARG_DEPS:
        cur = cur.head
    for _ in range(8):
        if cur.dep_ == "ROOT":
            return True
        if cur.dep_ == "advcl" and _is_purpose(cur):
            cur = cur.head
            continue
        if cur.dep_ not in ("conj", "ccomp", "xcomp", "parataxis", "acomp"):
            return False
        cur = cur.head
    return False


def _is_purpose(verb: Token) -> bool:
    """An infinitive of purpose: "to demand", "to investigate"."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_deontic(verb: Token) -> bool:
    """An obligation: "must withdraw", "should stop", "has to leave", "needs to end"."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("must", "should", "ought")
           for c in verb.children):  # fmt: skip
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in ("have", "need") and head.tag_ != "VBN":
        return True
    return is_mandative(verb)


def is_mandative(verb: Token) -> bool:
    """A mandative subjunctive: "demanded that Israel ease ...", bare verb with a subject."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ccomp", "acl"):
        return False
    kids = list(verb.children)
    return (
        any(c.dep_ == "nsubj" for c in kids)
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in kids)
        and not any(c.dep_ in ("aux", "auxpass") for c in kids)
    )


def is_condition(verb: Token) -> bool:
    """The verb heads an if/unless clause (the condition, not the consequence)."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def has_unless(verb: Token) -> bool:
    """The verb's clause carries an "unless" condition: a coercive conditional."""
    return any(
        c.dep_ == "advcl" and any(g.lower_ == "unless" for g in c.children) for c in verb.children
    )


def _trailing_speech(root: Token) -> Token | None:
    """A speech verb hanging off the clause: "X attacked Y, police said"."""
    for child in root.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in SPEECH_VERBS:
            if not any(c.dep_ in ("ccomp", "xcomp") for c in child.children):
                return child
    return None


def _statement_author(verb: Token) -> Token | None:
    """Who made a statement whose content is this clause: "X issued a reminder that ..."."""
    if verb.dep_ not in ("acl", "ccomp") or verb.head.pos_ != "NOUN":
        return None
    noun = verb.head
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB":
        return _subject_of(noun.head)
    return None


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _according_to(verb: Token) -> Token | None:
    root = verb.sent.root
    for head in (verb, root):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                for to in child.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _aux_words(verb: Token) -> set[str]:
    """The verb's auxiliaries; a coordinated verb without its own shares its head's
    ("would freeze the assets and close the border": both would)."""
    own = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if own or verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return own
    return {c.lower_ for c in verb.head.children if c.dep_ == "aux" and c.tag_ == "MD"}


def is_negated(verb: Token, trigger: Token) -> bool:
    """True when the event's clause (or the noun trigger itself) is negated."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if trigger != verb and any(c.dep_ == "neg" for c in trigger.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        return True
    return any(_negative_subject(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


def _negative_subject(subject: Token) -> bool:
    """"no one was injured", "nobody was hurt", "none of them were killed"."""
    if subject.lower_ in NEGATIVE_SUBJECTS:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def clause_status(clause: Clause, trigger: Token) -> str:
    """Return occurred / future / hypothetical / negated for the event's own clause."""
    verb = clause.verb
    if is_negated(verb, trigger) or clause.failed:
        return "negated"
    if _sought_outcome(trigger):
        return "hypothetical"
    aux = _aux_words(verb)
    conditional = _in_condition(verb) or (
        verb.dep_ == "advcl" and any(c.lower_ == "if" for c in verb.children)
    )
    if conditional or aux & {"could", "might", "may"}:
        return "hypothetical"
    if aux & {"would", "'d"}:
        has_if = any(t.lower_ in ("if", "unless") for t in verb.sent)
        return "hypothetical" if has_if else "future"
    if aux & FUTURE_AUX or _going_to(verb) or clause.future_governor is not None:
        return "future"
    if aux & {"should", "must", "can"}:
        return "hypothetical"
    if _future_time(verb):
        return "future"
    return "occurred"


def _in_condition(verb: Token) -> bool:
    """The verb, or the verb it completes ("if someone were able to shut it down"), heads
    an if/unless clause."""
    cur = verb
    for _ in range(3):
        if is_condition(cur):
            return True
        if cur.dep_ not in ("xcomp", "acomp") or cur.head == cur:
            return False
        cur = cur.head
    return False


def _sought_outcome(trigger: Token) -> bool:
    """A wanted result, not a reported one: "a reward for information leading to the
    arrest" (but "protests that led to the arrest of 20" happened)."""
    prep = trigger.head
    lead = prep.head
    return (
        trigger.dep_ == "pobj"
        and prep.lower_ == "to"
        and lead.lemma_ == "lead"
        and lead.tag_ == "VBG"
        and lead.dep_ in ("acl", "relcl")
    )


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and head.lemma_ == "go"


def _future_time(verb: Token) -> bool:
    """A future time expression attached to the verb: "next week", "tomorrow"."""
    for child in verb.children:
        if child.dep_ in ("npadvmod", "advmod", "prep", "tmod"):
            words = {t.lower_ for t in child.subtree}
            if words & FUTURE_TIME_WORDS and verb.tag_ in ("VB", "VBP", "VBZ", "VBG"):
                return True
    return False
