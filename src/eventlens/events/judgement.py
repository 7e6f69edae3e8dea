"""Judgements as acts: "X called the vote rigged" (ACCUSE), "X called Y a hero" (SUPPORT).

No trigger word marks these acts: the act is a speaker's damning or praising word about
someone. Two shapes are read. A naming verb with an object and a judging complement
("described the elections as rigged"): the verb's subject judges its object. A copula
with a judging complement in reported speech ("X said Y was corrupt"): the speaker
judges the copula's subject; praise needs a person, group or state judged ("the weather
was wonderful" praises no one). The words are data (``data/judgements.tsv``).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from eventlens.events.candidate import Candidate
from eventlens.events.lexicon import JUDGED_LABELS, NAMING_VERBS, PERSONAL_PRONOUNS
from eventlens.events.status import Clause, analyse_clause, clause_status, is_condition
from eventlens.events.triggers import Trigger, data_lines

# A judgement, damning or praising, is weaker evidence than a verb of the act ("accused").
JUDGEMENT_WEIGHT = 0.6
# Dependants that carry what the object is called: "called them indecent", "as rigged".
COMPLEMENT_DEPS = frozenset({"oprd", "ccomp", "xcomp", "acomp", "attr", "dobj"})
# How far into a complement phrase a damning word may sit ("a proven, brutal dictator").
COMPLEMENT_REACH = 4



@lru_cache(maxsize=1)
def judgement_words() -> dict[str, str]:
    """Judging words of ``data/judgements.tsv``: word -> PLOVER type (ACCUSE or SUPPORT)."""
    return {w.strip().lower(): t.strip() for w, t in data_lines("judgements.tsv")}


def add_judgements(sent: Span, cands: dict[int, Candidate]) -> None:
    """Add one ACCUSE or SUPPORT candidate for a judgement, unless the sentence already
    has a candidate of that type."""
    ids = set(cands)
    for tok in sent:
        if tok.i in cands or tok.pos_ not in ("VERB", "AUX") or is_condition(tok):
            continue
        lemma = tok.lemma_.lower()
        etype = None
        if lemma in NAMING_VERBS:
            etype, by_speaker = _named_as(tok), False
        elif lemma == "be":
            etype, by_speaker = _judged_subject(tok), True
        if etype is None or any(c.type == etype and not c.dropped for c in cands.values()):
            continue
        clause = analyse_clause(tok, ids)
        if by_speaker and not _spoken_by_someone(clause):
            continue  # the narrator's own words, or what "people are told", are not an act
        # The verb alone is the trigger: the record's head word must stay the act, since a
        # predicate noun ("was a violation") reads as a mere description elsewhere.
        trig = Trigger((lemma,), "V", etype, None, JUDGEMENT_WEIGHT, None)
        cands[tok.i] = Candidate(tok, trig, etype, None, clause, clause_status(clause, tok),
                                 request_by_speaker=by_speaker)  # fmt: skip
        return


def _spoken_by_someone(clause: Clause) -> bool:
    """A named speaker says it: not the narrator, not a passive "people are told that"."""
    if clause.speech is None:
        return clause.reporter is not None
    return not any(c.dep_ == "auxpass" for c in clause.speech.children)


def _judgement(phrase: Token) -> str | None:
    """The type a judging head or close modifier of the phrase gives, when nothing
    negates it."""
    near = [t for t in phrase.subtree if abs(t.i - phrase.i) <= COMPLEMENT_REACH]
    if any(t.dep_ == "neg" or t.lower_ in ("not", "never", "no") for t in near):
        return None
    words = judgement_words()
    found = (words.get(t.lower_) or words.get(t.lemma_.lower()) for t in near)
    return next((t for t in found if t is not None), None)


def _named_as(verb: Token) -> str | None:
    """ "called them indecent", "described the vote as rigged", "labelled him a traitor"."""
    named = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not named:
        return None
    phrases = [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
    ]
    phrases += [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS and c != named[0]]
    phrases += [g for c in named for g in c.children if g.dep_ in ("oprd", "amod")]
    return next((t for t in map(_judgement, phrases) if t is not None), None)


def _judged_subject(copula: Token) -> str | None:
    """ "Y was corrupt", "Y is a brutal dictator", "she is a hero": a judging attribute of
    the subject."""
    kids = list(copula.children)
    subjects = [c for c in kids if c.dep_ == "nsubj"]
    if any(c.dep_ == "neg" for c in kids) or not subjects or subjects[0].tag_ == "VBG":
        return None  # no one judged: "renting is irresponsible"
    found = (_judgement(c) for c in kids if c.dep_ in ("attr", "acomp"))
    etype = next((t for t in found if t is not None), None)
    if etype == "SUPPORT" and not _someone(subjects[0]):
        return None  # "the weather was wonderful": no one is praised
    return etype


def _someone(subject: Token) -> bool:
    """A person, group or state: a name, or a personal pronoun."""
    return subject.ent_type_ in JUDGED_LABELS or subject.lower_ in PERSONAL_PRONOUNS
