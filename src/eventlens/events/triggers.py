"""Trigger and context lexicons of the events stage, loaded once from data files.

``data/plover_verbs.tsv`` maps verbs and nouns (with particles, prepositions, objects or
modifier words) to PLOVER types and modes; ``data/event_contexts.tsv`` maps cue words to
PLOVER contexts. Both are plain TSV files users can extend without code. The word lists
the rules use are in ``events.lexicon``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from eventlens.events.lexicon import LIGHT_VERBS, PLOVER_TYPES


def _inflections(verbs: frozenset[str]) -> frozenset[str]:
    """Regular inflected forms, since the small model's lemmatizer misses some ("staged")."""
    forms = set(verbs)
    for v in verbs:
        stem = v[:-1] if v.endswith("e") else v
        forms.update({v + "s", stem + "ed", stem + "ing"})
    return frozenset(forms)


LIGHT_VERB_FORMS = _inflections(LIGHT_VERBS)
# How far a verb phrase's preposition may follow the verb when the object stands between,
# and which prepositions may: those that aim the object at someone ("fired a barrage of
# rockets at", "filed charges against"), not "committed time to".
OBJECT_GAP = 7
AIMING_PREPS = frozenset({"at", "against"})


def is_light_verb(tok: Token) -> bool:
    """True for a support verb that carries a nominal trigger ("staged a protest")."""
    return tok.lemma_.lower() in LIGHT_VERBS or tok.lower_ in LIGHT_VERB_FORMS


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: a trigger phrase and the event it signals."""

    words: tuple[str, ...]
    pos: str  # "V" or "N"
    type: str
    mode: str | None
    weight: float
    role: str | None  # intent | govern | deny | None

    @property
    def head(self) -> str:
        """The word looked up on a token: first word for verbs, last word for nouns."""
        return self.words[0] if self.pos == "V" else self.words[-1]


def data_lines(name: str) -> list[list[str]]:
    """Tab-split rows of a data file of the package, without comments, blanks and header."""
    text = resources.files("eventlens").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows[1:]  # drop the header row


@lru_cache(maxsize=1)
def trigger_index() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """Return triggers keyed by (pos, head word), longest phrases first."""
    index: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for cols in data_lines("plover_verbs.tsv"):
        phrase, pos, etype, mode, weight, role = (c.strip() for c in cols[:6])
        if etype not in PLOVER_TYPES:
            raise ValueError(f"plover_verbs.tsv: unknown PLOVER type {etype!r} in {phrase!r}")
        trig = Trigger(
            words=tuple(phrase.lower().split()),
            pos=pos,
            type=etype,
            mode=None if mode == "-" else mode,
            weight=float(weight),
            role=None if role == "-" else role,
        )
        index[(pos, trig.head)].append(trig)
    return {k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in index.items()}


@lru_cache(maxsize=1)
def context_cues() -> dict[str, tuple[tuple[str, float], ...]]:
    """Return context cues keyed by their first word: (full cue, context, weight) rows."""
    cues: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for cols in data_lines("event_contexts.tsv"):
        cue, context, weight = (c.strip() for c in cols[:3])
        cues[cue.lower()].append((context, float(weight)))
    return {k: tuple(v) for k, v in cues.items()}


def _regular_stems(word: str) -> tuple[str, ...]:
    """Possible base forms of a regularly inflected verb: "fined" -> "fine", "fin"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            return (stem + "e", stem) if suffix in ("ing", "ed") else (stem,)
    return ()


def _word_forms(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def _verb_cue_present(tok: Token, word: str) -> bool:
    """A verb phrase's later word is a dependant of the verb or follows it closely."""
    for child in tok.children:
        # "put troops on alert", "held on two counts": the cue hangs off a preposition.
        if child.dep_ == "prep" and any(word in _word_forms(g) for g in child.children):
            return True
        if child.dep_ == "dobj" and any(
            p.dep_ == "prep" and word in _word_forms(p) and _after_object(tok, p)
            for p in child.children
        ):
            return True  # "fired a barrage of rockets at X", the parser hanging "at" on them
        if child.dep_ == "dobj" and any(
            word in _word_forms(g) for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj"
        ):
            return True  # "lifted the state of emergency": the cue names what the object is
        if word not in _word_forms(child):
            continue
        if child.dep_ in ("prt", "prep", "advmod", "compound") and 0 < child.i - tok.i <= 3:
            return True  # a particle or preposition sits next to its verb: "called Monday on"
        if child.dep_ == "prep" and _after_object(tok, child):
            return True  # "launched dozens of drones at Kyiv"
        # The object of an active verb, or the subject of a passive: "charges were dropped".
        if child.dep_ in ("dobj", "dative", "acomp", "npadvmod", "attr", "nsubjpass"):
            return True
    doc = tok.doc
    if any(word in _word_forms(doc[j]) for j in range(tok.i + 1, min(tok.i + 3, len(doc)))):
        return True
    # A misparse leaves a noun cue a little further on: "cut a plea deal" (deal a compound).
    j = tok.i + 3
    return j < len(doc) and doc[j].pos_ == "NOUN" and word in _word_forms(doc[j])


def _after_object(verb: Token, prep: Token) -> bool:
    """``prep`` follows the verb's direct object, with nothing else in between (at most
    ``OBJECT_GAP`` words): the object may be long ("fired a barrage of rockets at")."""
    if prep.lower_ not in AIMING_PREPS or not 0 < prep.i - verb.i <= OBJECT_GAP:
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i), None)
    if obj is None:
        return False
    covered = {t.i for t in obj.subtree}
    return all(j in covered for j in range(verb.i + 1, prep.i))


def _noun_words_present(tok: Token, words: tuple[str, ...]) -> bool:
    """A noun phrase's words appear contiguously, ending at the head noun."""
    start = tok.i - (len(words) - 1)
    if start < tok.sent.start:
        return False
    doc = tok.doc
    return all(w in _word_forms(doc[start + k]) for k, w in enumerate(words[:-1]))


def match_trigger(tok: Token) -> Trigger | None:
    """Return the most specific lexicon trigger headed by ``tok``, or None."""
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.pos_ != "NOUN"):
        pos = "V"
    elif tok.pos_ in ("NOUN", "PROPN"):
        pos = "N"
    else:
        return None
    index = trigger_index()
    lemma, lower = _word_forms(tok)
    candidates = index.get((pos, lower), ()) + (
        index.get((pos, lemma), ()) if lemma != lower else ()
    )
    if not candidates and pos == "V":
        # The small model's lemmatizer misses some verbs ("fined" -> "fin").
        for stem in _regular_stems(lower):
            candidates = index.get((pos, stem), ())
            if candidates:
                break
    best: Trigger | None = None
    for trig in candidates:
        if pos == "V":
            ok = all(_verb_cue_present(tok, w) for w in trig.words[1:])
        else:
            ok = _noun_words_present(tok, trig.words)
        if ok and (best is None or len(trig.words) > len(best.words)):
            best = trig
    return best
