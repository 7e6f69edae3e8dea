"""Damning judgements as accusations: "X called the vote rigged", "X said Y was a dictator".

No trigger word marks these acts: the accusation is a speaker's damning word about
someone. Two shapes are read. A naming verb with an object and a damning complement
("described the elections as rigged"): the verb's subject accuses its object. A copula
with a damning complement in reported speech ("X said Y was corrupt"): the speaker
accuses the copula's subject. The damning words are data (``data/pejoratives.tsv``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from eventlens.events.candidate import Candidate
from eventlens.events.lexicon import NAMING_VERBS
from eventlens.events.status import Clause, analyse_clause, clause_status, is_condition
from eventlens.events.triggers import Trigger

# A judgement is weaker evidence than an accusation verb ("accused", "condemned").
JUDGEMENT_WEIGHT = 0.6
# Dependants that carry what the object is called: "called them indecent", "as rigged".
COMPLEMENT_DEPS = frozenset({"oprd", "ccomp", "xcomp", "acomp", "attr", "dobj"})
# How far into a complement phrase a damning word may sit ("a proven, brutal dictator").
COMPLEMENT_REACH = 4


@lru_cache(maxsize=1)
def pejoratives() -> frozenset[str]:
    """The damning words of ``data/pejoratives.tsv``."""
    text = resources.files("eventlens").joinpath("data", "pejoratives.tsv").read_text("utf-8")
    words = [ln.strip().lower() for ln in text.splitlines() if ln.strip() and ln[0] != "#"]
    return frozenset(words[1:])  # the first line is the header


def add_judgements(sent: Span, cands: dict[int, Candidate]) -> None:
    """Add an ACCUSE candidate for a damning judgement, unless the sentence has one."""
    if any(c.type == "ACCUSE" and not c.dropped for c in cands.values()):
        return
    ids = set(cands)
    for tok in sent:
        if tok.i in cands or tok.pos_ not in ("VERB", "AUX") or is_condition(tok):
            continue
        lemma = tok.lemma_.lower()
        word = None
        if lemma in NAMING_VERBS:
            word, by_speaker = _names_damningly(tok), False
        elif lemma == "be":
            word, by_speaker = _damning_complement(tok), True
        if word is None:
            continue
        clause = analyse_clause(tok, ids)
        if by_speaker and not _spoken_by_someone(clause):
            continue  # the narrator's own words, or what "people are told", are not an act
        # The verb alone is the trigger: the record's head word must stay the act, since a
        # predicate noun ("was a violation") reads as a mere description elsewhere.
        trig = Trigger((lemma,), "V", "ACCUSE", None, JUDGEMENT_WEIGHT, None)
        cands[tok.i] = Candidate(tok, trig, "ACCUSE", None, clause, clause_status(clause, tok),
                                 request_by_speaker=by_speaker)  # fmt: skip
        return


def _spoken_by_someone(clause: Clause) -> bool:
    """A named speaker says it: not the narrator, not a passive "people are told that"."""
    if clause.speech is None:
        return clause.reporter is not None
    return not any(c.dep_ == "auxpass" for c in clause.speech.children)


def _damning(phrase: Token) -> Token | None:
    """The phrase's damning head or close modifier, when nothing negates it."""
    near = [t for t in phrase.subtree if abs(t.i - phrase.i) <= COMPLEMENT_REACH]
    if any(t.dep_ == "neg" or t.lower_ in ("not", "never", "no") for t in near):
        return None
    words = pejoratives()
    return next((t for t in near if t.lower_ in words or t.lemma_.lower() in words), None)


def _names_damningly(verb: Token) -> Token | None:
    """ "called them indecent", "described the vote as rigged", "labelled him a traitor"."""
    named = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not named:
        return None
    phrases = [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
    ]
    phrases += [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS and c != named[0]]
    phrases += [g for c in named for g in c.children if g.dep_ in ("oprd", "amod")]
    return next((w for w in map(_damning, phrases) if w is not None), None)


def _damning_complement(copula: Token) -> Token | None:
    """ "Y was corrupt", "Y is a brutal dictator": a damning attribute of the subject."""
    kids = list(copula.children)
    subjects = [c for c in kids if c.dep_ == "nsubj"]
    if any(c.dep_ == "neg" for c in kids) or not subjects or subjects[0].tag_ == "VBG":
        return None  # no one judged: "renting is irresponsible"
    found = (_damning(c) for c in kids if c.dep_ in ("attr", "acomp"))
    return next((w for w in found if w is not None), None)
