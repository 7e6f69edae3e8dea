"""Who does and who undergoes a verb: subjects, passive patients and agents.

Active and passive voice, subjects inherited through xcomp, conj and relative clauses,
reduced passives ("two men accused of murder"), headline passives ("Man charged in
shooting") and the agent of "accused X of V-ing". Used by ``events.args`` (which maps
these tokens to actors), the events stage and ``events.fallback``.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.events.lexicon import (
    HEADLINE_PASSIVE_VERBS,
    OBJECT_CONTROL,
    OUTCOME_NOUNS,
    STATIVE_PARTICIPLES,
)
from eventlens.events.sides import stray_agent

# Relative pronouns: "X, who visited ...": X is the subject.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def first_child(tok: Token, *deps: str) -> Token | None:
    """The first child of ``tok`` with one of ``deps``."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of ``tok``'s prepositions among ``preps``."""
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def agent_of(tok: Token) -> Token | None:
    """The "by" actor of a noun: "an admission by Moscow", "the plan drawn up by Cairo"."""
    for holder in (tok, *(c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN")):
        for child in holder.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                obj = first_child(child, "pobj")
                if obj is not None:
                    return obj
    return None


def _closest_subject(verb: Token) -> Token | None:
    """The subject nearest the verb ("ERBIL, Iraq — US Defense Secretary Carter arrived")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl")]
    before = [c for c in subjects if c.i < verb.i]
    if before:
        return before[-1]
    return subjects[0] if subjects else None


def verb_subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb, inherited through xcomp/conj/relcl; (token, is_passive)."""
    cur = verb
    for _ in range(5):
        if headline_passive(cur):
            return agent_of(cur) or stray_agent(cur), True
        subj = _closest_subject(cur)
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
            return cur.head, False  # "X, who visited ...": X visited
        if subj is not None:
            return subj, False
        if cur.dep_ == "conj" and first_child(cur, "auxpass") is not None:
            # "the suspect fled and was later arrested by troopers": the shared subject
            # is the patient of the passive
            return agent_of(cur) or stray_agent(cur), True
        passive = first_child(cur, "nsubjpass")
        if passive is not None:
            agent = agent_of(cur) or stray_agent(cur)
            stative = [o for o in prep_objects(cur, frozenset({"to"}))
                       if o.lemma_.lower() not in OUTCOME_NOUNS]  # fmt: skip
            if agent is None and stative and cur.lemma_.lower() in STATIVE_PARTICIPLES:
                return passive, False  # stative "X is opposed to Y", "committed to"
            return agent, True
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in OBJECT_CONTROL:
            # "forced X to resign"; passive "X was forced to resign": X resigns
            obj = first_child(cur.head, "dobj") or first_child(cur.head, "nsubjpass")
            if obj is not None:
                return obj, False
        accused = _accused_object(cur)
        if accused is not None:
            return accused, False  # "accused X of attacking": X attacked
        if _reduced_passive(cur):
            return agent_of(cur), True  # "two men accused of murder": the men are accused
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head, False
        if cur.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl"):
            break
        if cur.dep_ == "ccomp":
            break
        cur = cur.head
    return None, False


def _accused_object(verb: Token) -> Token | None:
    """The object of "accuse/charge/blame X of/for V-ing", who is V's agent."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "for", "over"):
        return None
    if prep.head.pos_ in ("NOUN", "PROPN", "PRON") and prep.head.dep_ == "dobj":
        return prep.head  # "accused Chinese vessels of firing": "of" hung on the object
    if prep.head.pos_ != "VERB":
        return None
    return first_child(prep.head, "dobj")


def headline_passive(verb: Token) -> bool:
    """A past participle with a subject and no auxiliary or object is a passive with its
    auxiliary left out, as headlines write it ("Man charged with murder", "DeKalb man
    arrested"): the parser makes the patient its ``nsubj``."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    if verb.lemma_.lower() not in HEADLINE_PASSIVE_VERBS:
        return False  # "Hundreds of people protested": no passive reading
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and not deps & {"aux", "auxpass", "dobj", "nsubjpass", "attr"}


def _reduced_passive(verb: Token) -> bool:
    """A past participle modifying a noun: "two men accused of murder", "a convoy hit by
    a mine" (the noun is acted on)."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    # A sentence whose root is a noun is a misparse of an active verb ("a rights group
    # protested here Wednesday" read as a group that was protested).
    return verb.sent.root.pos_ in ("VERB", "AUX")


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def passive_subjects(verb: Token) -> list[Token]:
    """The patients of a passive verb: its own passive subjects, or for a passive joined
    to an earlier one ("X was arrested and was charged") the earlier verb's."""
    if headline_passive(verb):
        return [c for c in verb.children if c.dep_ == "nsubj"]
    if _reduced_passive(verb):
        return [verb.head]
    own = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if own:
        return own
    head = verb.head
    if verb.dep_ == "conj" and not _has_own_subject(verb):
        if any(c.dep_ == "auxpass" for c in verb.children):
            # "the suspect fled and was arrested": the active clause's subject
            active = [c for c in head.children if c.dep_ == "nsubj"]
            if active:
                return active
        elif verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children):
            # "was arrested and charged": the participle shares the passive's subject
            return [c for c in head.children if c.dep_ == "nsubjpass"]
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return own
    cur = verb
    for _ in range(3):
        if cur.dep_ != "conj" or any(c.dep_ == "nsubj" for c in cur.children):
            return []
        cur = cur.head
        found = [c for c in cur.children if c.dep_ == "nsubjpass"]
        if found:
            return found
    return []
