"""Charges told inside another phrase: "arrested on charges of robbery", "faces charges".

PLOVER (and the annotation guide) codes an arrest and the charges brought as two events:
COERCE for the arrest, ACCUSE for the charges, even when one clause tells both ("was
arrested on two counts of assault"). The rules see one trigger there, so this pass adds
the ACCUSE record: its target is the arrested, its source the arresting side (or, when
that is unknown, left for the scene pass to imply as the prosecutors).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from eventlens.events.lexicon import CHARGE_HEADS, CHARGE_HOLDING_VERBS, CHARGE_PREPS
from eventlens.events.merge import trigger_head
from eventlens.nlp import doc_text
from eventlens.records import Event


def add_charges(events: list[Event], doc: Doc) -> list[Event]:
    """Insert an ACCUSE record after each arrest or detention told "on charges of ..."."""
    out: list[Event] = []
    charged = {(e.start, e.type) for e in events if e.type == "ACCUSE"}
    for ev in events:
        out.append(ev)
        if ev.type != "COERCE" or (ev.start, "ACCUSE") in charged:
            continue
        head = trigger_head(ev, doc)
        charge = _charge_phrase(head) if head is not None else None
        if charge is not None:
            out.append(_accusation(ev, charge))
    for tok in doc:
        if tok.lemma_.lower() in CHARGE_HOLDING_VERBS:
            charge = _charge_object(tok)
            if charge is not None and not any(e.start <= tok.idx < e.end for e in out):
                out.append(_faced(tok, charge))
    return sorted(out, key=lambda e: (e.start, e.trigger_start or 0))


def _charge_phrase(head: Token) -> Token | None:
    """The charge noun of "arrested on charges of X" / "held on two counts of X"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in CHARGE_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in CHARGE_HEADS:
                    return obj
    return None


def _charge_object(verb: Token) -> Token | None:
    """"X faces charges of ...", "X faces child rape charges"."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in CHARGE_HEADS and obj.tag_ == "NNS":
            return obj
    return None


def _accusation(arrest: Event, charge: Token) -> Event:
    start, end = _span(charge)
    return replace(
        arrest, type="ACCUSE", mode="legal", cameo="11", trigger=doc_text(charge.doc)[start:end],
        trigger_start=start, trigger_end=end, evidence=[],
    )  # fmt: skip


def _faced(verb: Token, charge: Token) -> Event:
    sent = verb.sent
    start, end = _span(charge)
    return Event(
        type="ACCUSE", mode="legal", context="legal", cameo="11", source=None, target=None,
        location=None, date=None, date_text=None, status="occurred",
        trigger=doc_text(verb.doc)[start:end], sentence=sent.text, start=sent.start_char,
        end=sent.end_char, confidence=0.5, trigger_start=start, trigger_end=end,
    )  # fmt: skip


def _span(noun: Token) -> tuple[int, int]:
    """The charge words: "charges", "five counts"."""
    first = min([noun, *(c for c in noun.lefts if c.dep_ == "nummod")], key=lambda t: t.i)
    return first.idx, noun.idx + len(noun.text)
