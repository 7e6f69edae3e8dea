"""Guessing an event's source when its clause names none.

Only clause subjects are guessed from, and never the people an act is done to: the
passive subject of the trigger, a passive subject elsewhere (a victim), or, for a
casualty toll, whoever reports it. Used by the events stage (``events.stage``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventlens.events.args import ActorIndex
from eventlens.events.lexicon import CASUALTY_VERBS
from eventlens.events.voice import passive_subjects, verb_subject
from eventlens.records import Actor

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Links inside a noun phrase, followed up to its head: "Iraq's government", "X, the envoy".
NP_INNER_DEPS = frozenset(
    {"compound", "amod", "poss", "appos", "flat", "nmod", "conj", "pobj", "prep"}
)
# Edges that start another clause, whose subject is someone else's.
CLAUSE_BREAKS = frozenset({"conj", "relcl", "acl", "parataxis"})


def fallback_source(
    tok: Token, sent: Span, index: ActorIndex, excluded: list[Actor]
) -> list[Actor]:
    """A guessed source: the nearest clause subject before the trigger; for a verb, else
    the nearest actor before it, or after it when the verb has no subject of its own.

    A noun trigger only borrows a subject: the nearest actor to "meeting" in "pledged aid
    for refugees at a meeting" is the refugees, who did not meet anyone.
    """
    taken = {(a.name, a.start) for a in excluded}
    pool = [a for a in index.in_sentence(sent.start_char, sent.end_char)
            if (a.name, a.start) not in taken]  # fmt: skip
    before = [a for a in pool if (a.end or 0) <= tok.idx]
    verbs = _governing_verbs(tok)
    subject_of = {id(a): _subject_verb(sent.doc, a) for a in before}
    if tok.pos_ in ("VERB", "AUX") and verb_subject(tok) == (None, True):
        # An agentless passive ("X, of Lou Lane, was charged", "he was shot"): the
        # passive subject and its words are the patient, and a name after the verb or
        # outside any clause subject is a bystander; only another clause's subject
        # before it may be the agent ("police raided the house and X was arrested").
        patient = _passive_subject_chars(tok)
        # Who reports a toll did not cause it; who reports an arrest is often its agent.
        reporters = _reporting_verbs(tok) if tok.lemma_.lower() in CASUALTY_VERBS else set()
        others = [a for a in before if subject_of[id(a)] is not None
                  and subject_of[id(a)] not in reporters and not _patient(sent.doc, a)
                  and not patient[0] <= (a.start or 0) < patient[1]]
        return [others[-1]] if others else []
    subjects = [a for a in before if subject_of[id(a)] in verbs]
    if subjects:
        return [subjects[-1]]
    if tok.pos_ not in ("VERB", "AUX") or verb_subject(tok)[0] is not None:
        return []  # "the bloc would freeze the assets of X": X is not the bloc
    # No subject at all ("Meeting in X, ..."): the nearest subject, else actor, before it.
    any_subject = [a for a in before if subject_of[id(a)] is not None]
    if any_subject or before:
        return [(any_subject or before)[-1]]
    after = [a for a in pool if (a.start or 0) > tok.idx]
    return [after[0]] if after else []


def _passive_subject_chars(verb: Token) -> tuple[int, int]:
    """Character range of a passive verb's subject phrases ("A minister of the church,
    Brunson was detained": the parser may give it two)."""
    words = [w for c in passive_subjects(verb) for w in c.subtree]
    if not words:
        return (0, 0)
    last = max(words, key=lambda w: w.i)
    return (min(w.idx for w in words), last.idx + len(last.text))


def _governing_verbs(tok: Token) -> set[int]:
    """Verbs above the trigger in its own clause chain (not across "and", relative or
    adverbial clauses): whose subjects may be the trigger's agent."""
    found: set[int] = set()
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            found.add(cur.i)
        if cur.dep_ in CLAUSE_BREAKS or cur.head == cur:
            break
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" for c in cur.children):
            break
        cur = cur.head
    return found


def _patient(doc: Doc, actor: Actor) -> bool:
    """The mention is a passive subject: someone acted on, nobody's agent."""
    span = doc.char_span(actor.start or 0, actor.end or 0, alignment_mode="expand")
    return span is not None and span.root.dep_ == "nsubjpass"


def _reporting_verbs(tok: Token) -> set[int]:
    """Verbs whose clausal complement holds the trigger, and the verbs joined to them
    ("X confirmed the attack but said reports indicated eight were killed"): their
    subjects report the act, they did not do it."""
    found: set[int] = set()
    cur = tok
    for _ in range(8):
        if cur.head == cur:
            break
        if cur.dep_ == "ccomp":
            head = cur.head
            found.add(head.i)
            found.update(c.i for c in head.children if c.dep_ == "conj")
            if head.dep_ == "conj":
                found.add(head.head.i)
        cur = cur.head
    return found


def _subject_verb(doc: Doc, actor: Actor) -> int | None:
    """The verb whose subject the mention is, or sits in ("the heads of state of X")."""
    span = doc.char_span(actor.start or 0, actor.end or 0, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    for _ in range(6):
        if head.dep_ in SUBJECT_DEPS:
            return head.head.i
        if head.dep_ not in NP_INNER_DEPS or head.head == head:
            return None
        head = head.head
    return None
