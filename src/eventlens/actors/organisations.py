"""Organisations the dictionaries do not list: coded from the NER entity and the phrase."""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.actors.mention import Mention
from eventlens.actors.phrase import Cues, entity_of


def code_unknown_org(
    h: Token, left: int, right: int, country: str | None, explicit: bool, cues: Cues
) -> Mention | None:
    """An organisation NER finds but the dictionary lacks, kept when it has some coding."""
    if h.ent_type_ != "ORG" or h.ent_iob_ == "O":
        return None
    ent = entity_of(h)
    if ent is None:
        return None
    # Kept with a country or sector cue; with none, only an organisation that acts or is
    # acted on ("Uber is refusing", "Hydro reached agreements"): the scene gives its country.
    if ((country is None and not cues.sectors) or len(ent) < 2) and not _acting(h):
        return None
    name = ent[1:].text if ent[0].dep_ == "det" else ent.text
    sector = cues.sectors[-1] if cues.sectors else None
    return Mention(
        start=min(left, ent.start),
        end=max(right, ent.end),
        head=h.i,
        name=name,
        country=country,
        sector=sector,
        kind="entity",
        explicit_country=explicit,
    )


# Prepositions whose object takes part in an act ("an offer from X", "talks with X").
PARTY_PREPS = frozenset({"from", "with", "against", "by", "to"})


def _acting(h: Token) -> bool:
    """The head is the subject of a verb or its object ("Uber refused", "sued Uber"), or
    the party a preposition names ("an offer from Stevens & Wilkinson", "working with X")."""
    if h.dep_ in ("nsubj", "nsubjpass", "dobj") and h.head.pos_ in ("VERB", "AUX"):
        return True
    return h.dep_ == "pobj" and h.head.lower_ in PARTY_PREPS
