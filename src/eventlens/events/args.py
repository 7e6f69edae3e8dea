"""Source and target arguments of an event trigger, mapped to actor mentions.

Syntax gives the argument tokens (subject or passive agent = source; direct
object or the object of with/against/on/to = target); actor mentions found by
the actors stage are matched to those tokens by character-offset overlap.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Token

from eventlens.events.lexicon import (
    ARRIVAL_VERBS,
    INSTRUMENT_NOUNS,
    OUTBREAK_VERBS,
    PARTITIVE_NOUNS,
    TRANSFER_VERBS,
)
from eventlens.events.sides import both_sides, two_sides
from eventlens.events.voice import (
    agent_of,
    first_child,
    passive_subjects,
    prep_objects,
)
from eventlens.records import Actor

# Dependants kept when collecting the words of a noun phrase argument.
PHRASE_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "det", "nummod", "flat", "appos", "conj", "cc",
     "npadvmod", "quantmod", "case", "punct", "prep", "pobj"}
)  # fmt: skip
PHRASE_PREPS = frozenset({"of", "from", "in"})
TARGET_PREPS = frozenset(
    {"with", "against", "on", "to", "at", "upon", "into", "toward", "towards", "behind"}
)
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "for", "between"}  # "mediation between X and Y"


class ActorIndex:
    """Actor mentions sorted by start offset, for overlap look-ups by character span."""

    def __init__(self, actors: list[Actor]) -> None:
        located = [a for a in actors if a.start is not None and a.end is not None]
        self.actors = sorted(located, key=lambda a: (a.start or 0, -(a.end or 0)))
        self.starts = [a.start or 0 for a in self.actors]
        self.max_len = max(((a.end or 0) - (a.start or 0) for a in self.actors), default=0)

    def overlapping(self, start: int, end: int) -> list[Actor]:
        """Actors whose span overlaps ``[start, end)``."""
        lo = bisect.bisect_left(self.starts, start - self.max_len)
        hi = bisect.bisect_left(self.starts, end)
        return [a for a in self.actors[lo:hi] if (a.end or 0) > start]

    def in_sentence(self, start: int, end: int) -> list[Actor]:
        """Actors inside a sentence span, outermost mentions only."""
        return _outermost(self.overlapping(start, end))


@dataclass
class Arguments:
    """Source and target actors of one trigger and how they were found."""

    sources: list[Actor]
    targets: list[Actor]
    source_syntactic: bool


def _outermost(actors: list[Actor]) -> list[Actor]:
    """Drop mentions nested inside another mention ("US" inside "US defence chief X")."""
    kept: list[Actor] = []
    for a in sorted(actors, key=lambda a: (a.start or 0, -(a.end or 0))):
        if kept and (a.start or 0) >= (kept[-1].start or 0) and (a.end or 0) <= (kept[-1].end or 0):
            continue
        kept.append(a)
    return kept


def _phrase_tokens(head: Token) -> list[Token]:
    """Words of the noun phrase headed by ``head``, without clauses or adverbial PPs."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ not in PHRASE_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in PHRASE_PREPS:
                continue
            out.append(child)
            stack.append(child)
    return out


def _conj_branches(head: Token) -> list[Token]:
    """The head and every token coordinated with it ("Jordan and Britain")."""
    branches = [head]
    for tok in branches:
        branches.extend(c for c in tok.children if c.dep_ == "conj" and c not in branches)
    return branches


def actors_for(head: Token | None, index: ActorIndex) -> list[Actor]:
    """Actors an argument head refers to: one per coordinated branch, best match in each."""
    if head is None:
        return []
    if both_sides(head):
        return two_sides(index.actors, head.idx)
    found: list[Actor] = []
    for branch in _conj_branches(head):
        toks = [t for t in _phrase_tokens(branch) if t.dep_ != "conj" or t == branch]
        mentions = _outermost(
            [a for t in toks for a in index.overlapping(t.idx, t.idx + len(t.text))]
        )
        mentions = _dedupe(mentions)
        if not mentions:
            continue
        # Coordinated modifiers ("Hungarian and Romanian officials") each give an actor.
        if any(t.dep_ == "conj" and t != branch for t in _phrase_tokens(branch)):
            found.extend(mentions)
        else:
            found.append(_closest(mentions, branch))
    return _dedupe(found)


def _closest(mentions: list[Actor], head: Token) -> Actor:
    def rank(a: Actor) -> tuple[int, int, int]:
        covers = (a.start or 0) <= head.idx < (a.end or 0)
        return (0 if covers else 1, 0 if a.country else 1, abs((a.start or 0) - head.idx))

    return min(mentions, key=rank)


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, int | None]] = set()
    out = []
    for a in actors:
        key = (a.name, a.start)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _prep_object(tok: Token, preps: frozenset[str]) -> Token | None:
    return next(iter(prep_objects(tok, preps)), None)


def object_candidates(
    verb: Token,
    trigger: Token,
    extra_preps: frozenset[str] = frozenset(),
    skip_instruments: bool = False,
    destination: bool = False,
) -> list[Token]:
    """Target heads in priority order: passive subject, object, dative, with/on/to objects,
    the nominal trigger's own objects, then the objects of an embedded clause.

    With ``destination`` (a visit: its target is the host or the person met), a purpose
    clause gives only its own objects: in "arrived to review the offensive against X"
    X is the offensive's target, not the visit's."""
    found: list[Token] = [
        s for s in passive_subjects(verb) if s.dep_ != "nsubjpass" or s.head != verb]
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "dobj", "dative") and child != trigger:
            moved = verb.lemma_.lower() in TRANSFER_VERBS and child.dep_ == "dobj"
            if skip_instruments and (moved or child.lemma_.lower() in INSTRUMENT_NOUNS):
                # "deployed troops to X": the troops are the source's own, X the target
                found.extend(prep_objects(child, frozenset({"from", "to", "into"})))
                continue
            found.append(child)
    # "called for the government to protect X", "calls for Israel to hand over maps":
    # who is to act is who is asked.
    found.extend(_for_to_subjects(verb) + (_for_to_subjects(trigger) if trigger != verb else []))
    found.extend(prep_objects(verb, TARGET_PREPS | extra_preps))
    if trigger != verb:
        found.extend(prep_objects(trigger, NOUN_TARGET_PREPS))
    found.extend(_embedded_targets(verb, depth=0, destination=destination))
    found.extend(_condition_subjects(verb))
    # "mobilized reservists for a war against X": the target hangs off a purpose phrase.
    found.extend(prep_objects(verb, frozenset({"for", "over"})))
    if verb.dep_ == "advcl" and not found:
        # "summoned X's ambassador to complain": the purpose clause's target is the head's.
        found.extend(c for c in verb.head.children if c.dep_ in ("dobj", "dative"))
    for tok in list(found):
        if tok.lemma_.lower() in PARTITIVE_NOUNS:
            found.extend(prep_objects(tok, frozenset({"of"})))  # the whole, not the part
    expanded: list[Token] = []
    for tok in found:
        # A non-actor object may name its actor inside: "an admission by Moscow",
        # "calls for sanctions against X".
        expanded.append(tok)
        if destination and _in_purpose_clause(tok, verb):
            continue
        agent = agent_of(tok)
        if agent is not None:
            expanded.append(agent)
        expanded.extend(prep_objects(tok, NOUN_TARGET_PREPS | {"from"}))
    # Something the source owns ("withdraw its troops") is rarely the target: try it last.
    return sorted(
        expanded, key=lambda t: any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
    )


def adjacent_object(verb: Token, index: ActorIndex) -> list[Actor]:
    """An actor written right after a verb with no object, where a broken parse left the
    object unattached ("attacked IS positions", with "IS" read as the verb "is")."""
    if any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in verb.children):
        return []
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and (doc[i].dep_ == "prt" or doc[i].pos_ == "DET"):
        i += 1
    if i >= len(doc) or doc[i].is_punct or doc[i].pos_ in ("ADP", "SCONJ", "CCONJ"):
        return []
    start = doc[verb.i + 1].idx
    found = [a for a in index.overlapping(doc[i].idx, doc[i].idx + 1) if (a.start or 0) >= start]
    return found[:1]


def _condition_subjects(verb: Token) -> list[Token]:
    """Who a condition is put to: "... unless Baghdad accepts", "... if Hamas runs"."""
    found: list[Token] = []
    for clause in (verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))):
        for child in clause.children:
            marks = {g.lower_ for g in child.children if g.dep_ == "mark"}
            if child.dep_ == "advcl" and marks & {"unless", "if"}:
                found.extend(g for g in child.children if g.dep_ in ("nsubj", "nsubjpass"))
    return found


def _for_to_subjects(head: Token) -> list[Token]:
    """Subjects of a "for X to ..." clause hanging off ``head``."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in ("advcl", "acl", "ccomp", "xcomp") and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in child.children
        ):
            found.extend(c for c in child.children if c.dep_ == "nsubj")
    return found


def _embedded_targets(verb: Token, depth: int, destination: bool = False) -> list[Token]:
    """Objects of a complement clause: "agreed to provide aid for X", "demanded that X leave"."""
    if depth > 2:
        return []
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "ccomp":
            subj = first_child(child, "nsubj", "nsubjpass")
            if subj is not None:
                found.append(subj)
        if child.dep_ in ("xcomp", "ccomp", "advcl") and child.pos_ in ("VERB", "AUX"):
            purpose = destination and _is_purpose_clause(child)
            for grand in child.children:
                if grand.dep_ in ("dobj", "dative"):
                    found.append(grand)
                    if not purpose:
                        found.extend(prep_objects(grand, NOUN_TARGET_PREPS))
            found.extend(prep_objects(child, TARGET_PREPS | {"for", "from"}))
            found.extend(_embedded_targets(child, depth + 1, destination))
    return found


def _is_purpose_clause(verb: Token) -> bool:
    """An infinitive of purpose hanging off a verb: "arrived to review ...", "went to meet"."""
    kids = list(verb.children)
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
        and not any(c.dep_ == "mark" for c in kids)
    )


def _in_purpose_clause(tok: Token, verb: Token) -> bool:
    """True when ``tok`` sits inside a purpose clause of ``verb`` (not in its own clause)."""
    cur = tok
    for _ in range(8):
        if cur == verb or cur.head == cur:
            return False
        if cur.head == verb:
            return _is_purpose_clause(cur)
        cur = cur.head
    return False


def cue_preps(verb: Token, words: tuple[str, ...]) -> list[Token]:
    """The preposition a verb trigger's phrase ends in ("fire at", "launch at"), as it
    hangs off the verb."""
    if len(words) < 2 or words[-1] not in TARGET_PREPS:
        return []
    found = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == words[-1]]
    if not found:  # "fired a barrage of rockets at X": the parser hangs "at" on the rockets
        found = [p for c in verb.children if c.dep_ == "dobj"
                 for p in c.children if p.dep_ == "prep" and p.lower_ == words[-1]]
    return found


def cue_objects(verb: Token, words: tuple[str, ...]) -> list[Token]:
    """The objects of that preposition: the slot names the target, whatever the verb's
    own object is (the rockets fired, the drones launched)."""
    return [o for p in cue_preps(verb, words) for o in p.children if o.dep_ == "pobj"]


def noun_target(noun: Token) -> Token | None:
    """The target of a nominal trigger: "attack on X", "talks with X", "release of X"."""
    return _prep_object(noun, NOUN_TARGET_PREPS)


def outbreak_subject(noun: Token) -> bool:
    """The noun is what a verb of outbreak reports: "fighting erupted", "clashes broke
    out" (the noun is the event, asserted by its verb)."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in OUTBREAK_VERBS


def noun_sources(noun: Token) -> list[Token]:
    """Candidate agents of a nominal trigger, best first: "by X", "X's", "Israeli strikes"."""
    found: list[Token] = []
    agent = agent_of(noun)
    if agent is not None:
        found.append(agent)
    poss = first_child(noun, "poss")
    if poss is not None:
        found.append(poss)
    between = _prep_object(noun, frozenset({"between", "among", "from"}))
    if between is None and outbreak_subject(noun):
        # "fighting broke out between the army and rebels": the phrase hangs off the verb
        between = _prep_object(noun.head, frozenset({"between", "among"}))
    elif between is None and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ARRIVAL_VERBS:
        # "requests have come from the municipality", "criticism poured in from X"
        between = _prep_object(noun.head, frozenset({"from"}))
    if between is not None:
        found.append(between)
    found.extend(
        c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i
    )
    return found
