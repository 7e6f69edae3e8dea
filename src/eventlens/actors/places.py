"""Countries of place names: the actor dictionary's countries and capitals, else the
most populous gazetteer entry of that name.

Used by the actors stage (a town names the country of a local official) and by the
events stage (a place in a target slot stands for its country).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from eventlens.records import Actor

if TYPE_CHECKING:
    from eventlens.resources import Resources

# Dictionary entry types that name a place standing for a country.
PLACE_ENTRY_TYPES = frozenset({"country", "capital"})
# Smallest population for a gazetteer-only match (drops hamlets sharing a common word).
MIN_POPULATION = 1000
# For proper nouns NER did not call a place (as the toponym finder does): a known place,
# and a very well-known one when NER called it a person or an organisation.
UNLABELLED_MIN_POPULATION = 20_000
ENTITY_MIN_POPULATION = 100_000


def place_country(text: str, labelled: bool, resources: Resources) -> str | None:
    """The country of a place name (dictionary, else gazetteer), or None; a name NER did
    not label a place must be a larger town to count."""
    minimum = MIN_POPULATION if labelled else UNLABELLED_MIN_POPULATION
    actor = country_actor(text, resources, minimum)
    return actor.country if actor is not None else None


@lru_cache(maxsize=8192)
def country_actor(text: str, resources: Resources, minimum: int = 0) -> Actor | None:
    """A country actor for a place name: the actor dictionary's countries and capitals
    first, then the most populous gazetteer entry of that name."""
    lex = resources.lexicon
    entry = lex.entity_for(text)
    if entry is not None and entry.country and entry.type in PLACE_ENTRY_TYPES:
        sector = "GOV" if entry.type == "capital" else None  # a capital stands for its state
        return Actor(text=text, name=entry.name, country=entry.country, sector=sector)
    named = [c for c in resources.gazetteer.candidates(text, allow_loose=False) if c.country]
    # A small place counts only when its name is unambiguous (curated supplement rows).
    found = [c for c in named if c.population >= MIN_POPULATION or len(named) == 1]
    if minimum > MIN_POPULATION:
        found = [c for c in found if c.population >= minimum]
    if not found:
        return None
    best = max(found, key=lambda c: c.population)
    code = best.country or ""
    return Actor(text=text, name=lex.country_names.get(code, code), country=code, sector=None)
