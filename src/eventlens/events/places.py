"""Places used as event targets: "arrived in Amman", "aid to Yemen", "shelled Aleppo".

The actors stage treats a country or capital after a locative preposition as a
place, not an actor, and knows no cities. When an event's frame takes a target
(a visit's host, an aid recipient, an attack's object) and syntax gives no actor
there, a place name in that slot stands for its country, as CAMEO/PLOVER coders
code it. The country comes from the actor dictionary (countries, capitals) and,
for other places, from the most populous gazetteer entry of that name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from eventlens.actors.places import (
    ENTITY_MIN_POPULATION,
    MIN_POPULATION,
    UNLABELLED_MIN_POPULATION,
    country_actor,
)
from eventlens.events.lexicon import ADMIN_WORDS
from eventlens.nlp import entity_at
from eventlens.records import Actor

if TYPE_CHECKING:
    from eventlens.resources import Resources

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Prepositions that put a place in the target slot of each frame; "dobj" means the direct
# object ("visited Kabul", "shelled Aleppo").
VISIT_SLOTS = frozenset({"in", "to", "into", "at", "dobj"})
FRAME_SLOTS: dict[str, frozenset[str]] = {
    "AID": frozenset({"to", "for", "into"}),
    "MOBILIZE": frozenset({"to", "into"}),
    "RETREAT": frozenset({"from", "of", "off"}),
    "COOPERATE": frozenset({"to", "with"}),
    "REQUEST": frozenset({"from", "to"}),  # "sought assurances from Beijing", "appealed to X"
    "ASSAULT": frozenset({"dobj", "on", "against", "into"}),
    "COERCE": frozenset({"dobj", "on", "against"}),
    "SANCTION": frozenset({"on", "against", "from"}),  # "recalled its envoy from X"
    "THREATEN": frozenset({"against"}),
    "PROTEST": frozenset({"against"}),
}
# Domestic or one-sided acts with no target actor: CAMEO/PLOVER coders take the country
# where the act happens as the target ("imposed a curfew in Abidjan", "rioted in X").
LOCATION_TYPES = frozenset(
    {"ASSAULT", "COERCE", "PROTEST", "THREATEN", "MOBILIZE", "AID", "SANCTION"}
)
LOCATION_PREPS = frozenset({"in", "inside", "across", "throughout", "through"})
# Prepositions by which a slot's object is placed: "positions around X", "waters off X".
NESTED_PREPS = frozenset({"in", "off", "near", "around", "of", "along", "outside", "from"})
# Complement clauses whose place still belongs to the event ("threatened to impose ... in X").
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})


def slots_for(etype: str, trigger_mode: str | None) -> frozenset[str]:
    """The argument slots in which a place is the event's target, for this frame."""
    if trigger_mode == "visit":
        return VISIT_SLOTS
    return FRAME_SLOTS.get(etype, frozenset())


def place_targets(
    heads: list[Token], slots: frozenset[str], resources: Resources, located: bool = False
) -> list[Actor]:
    """Country actors for the first place named in a target slot of ``heads``; with
    ``located``, else for the place where the act happens (an "in" phrase of the
    trigger, its clause, a complement clause, or their objects)."""
    objects = [obj for head in heads for obj in _slot_objects(head, slots)]
    # "withdrew from waters off Guyana": the place qualifies the slot's object;
    # "sought assurances from Beijing": the slot's preposition hangs on the object.
    bases = objects + [c for head in heads for c in head.children if c.dep_ == "dobj"]
    objects.extend(inner for obj in bases for inner in _slot_objects(obj, NESTED_PREPS & slots))
    objects.extend(inner for obj in list(objects) for inner in _slot_objects(obj, NESTED_PREPS))
    if located:
        objects.extend(_location_objects(heads))
    for obj in objects:
        found = _place_span(obj)
        if found is None:
            continue
        span, minimum = found
        actor = country_actor(span.text, resources, minimum)
        if actor is not None:
            return [Actor(text=span.text, name=actor.name, country=actor.country,
                          sector=actor.sector, start=span.start_char,
                          end=span.end_char)]  # fmt: skip
    return []


def _location_objects(heads: list[Token]) -> list[Token]:
    found: list[Token] = []
    layer = list(heads)
    layer.extend(c for h in heads for c in h.children if c.dep_ in COMPLEMENT_DEPS)
    for head in layer:
        found.extend(_slot_objects(head, LOCATION_PREPS))
    for head in layer:
        for obj in _slot_objects(head, frozenset({"dobj"}) | LOCATION_PREPS | {"at"}):
            found.extend(_slot_objects(obj, LOCATION_PREPS))
    return found


def _slot_objects(head: Token, slots: frozenset[str]) -> list[Token]:
    found: list[Token] = []
    for child in head.children:
        if child.dep_ == "dobj" and "dobj" in slots:
            found.append(child)
        elif child.dep_ in ("prep", "dative") and child.lower_ in slots:
            found.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.lower_ == "out" and "from" in slots:  # "pulled out of X" = from X
            found.extend(_slot_objects(child, frozenset({"of"})))
    return found


def _place_span(obj: Token) -> tuple[Span, int] | None:
    """The place name heading or modifying an object ("Amman", "the Rakhine state"), with
    the population a gazetteer match needs: NER misses many places ("bombed Aleppo"), so
    an unlabelled proper noun counts only as a well-known place."""
    doc = obj.doc
    for tok in (obj, *(c for c in obj.lefts if c.dep_ in ("compound", "amod"))):
        if tok.ent_type_ in PLACE_LABELS:
            ent = entity_at(doc, tok.i)
            return (ent, MIN_POPULATION) if ent is not None else None
    if obj.lemma_.lower() in ADMIN_WORDS:
        # "in Sokoto state", "the Rakhine region": the name is the place, whatever NER says.
        names = [c for c in obj.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:
            return doc[names[0].i : names[-1].i + 1], UNLABELLED_MIN_POPULATION
    if obj.pos_ != "PROPN" or not obj.text[:1].isupper():
        return None
    start = obj.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == obj:
        start -= 1
    minimum = ENTITY_MIN_POPULATION if obj.ent_type_ else UNLABELLED_MIN_POPULATION
    return doc[start : obj.i + 1], minimum
