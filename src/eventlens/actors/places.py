"""Countries of place names: the place the document means when the places stage
resolved it, else the actor dictionary's countries and capitals, else the most populous
gazetteer entry of that name.

Used by the actors stage (a town names the country of a local official) and by the
events stage (a place in a target slot stands for its country). In a story about
London, Ontario, "London city council" is Canadian; in one about Atlanta, "a Georgia
man" is American: the dictionary's reading of a capital or country name gives way to
the document's resolved place of another country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span

from eventlens.actors.dictionary import Entry, Lexicon
from eventlens.actors.lexicon import LOCAL_BODY_WORDS
from eventlens.records import Actor, Place

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


class DocumentPlaces:
    """The countries the document's resolved toponyms lie in, by span and by name."""

    def __init__(self, found: list[Place] | None, register: str | None = None) -> None:
        located = [p for p in found or [] if p.country is not None]
        # The country whose public bodies the text names (places.cues.register_country).
        self.register = register
        self.by_span: dict[tuple[int, int], Place] = {(p.start, p.end): p for p in located}
        # Countries the document names as such ("France"): their capitals and names keep
        # the dictionary's reading (the places stage gives a country's name little weight
        # against a local story's towns: Paris, Kentucky beside Georgetown, Kentucky).
        self.named_countries = {p.country for p in located if p.feature == "A.PCLI"}
        counts: dict[str, Counter[str]] = {}
        for p in located:
            counts.setdefault(p.text.lower(), Counter())[p.country or ""] += 1
        self.by_name = {name: c.most_common(1)[0][0] for name, c in counts.items()}
        # The one country all resolved places lie in (None when they lie in several).
        states = {p.country for p in located}
        self.only_country = states.pop() if len(states) == 1 else None

    def country_of(self, text: str) -> str | None:
        """The country the document's mentions of ``text`` were resolved to, if any."""
        return self.by_name.get(text.lower())

    def place_country(self, resources: Resources) -> Callable[[str, bool], str | None]:
        """``place_country`` that asks the document first."""

        def country(text: str, labelled: bool) -> str | None:
            usual = place_country(text, labelled, resources)
            if usual in self.named_countries:
                return usual  # see named_countries
            return self.country_of(text) or usual

        return country

    def reread(self, matches: list[tuple[Span, Entry]], lex: Lexicon) -> list[tuple[Span, Entry]]:
        """Dictionary matches of a country or capital name that the document means as a
        place of another country take that place's country, unless the document names
        the dictionary's country too: the place resolved at the match, else the same
        name resolved elsewhere in the document ("Dublin City Council" in a story whose
        "Dublin" is in Ohio), else, for a capital opening a local body's name ("the
        Athens Police Department"), the country all the document's places lie in, else
        the country whose public bodies the text names ("Sheriff's Office")."""
        out = []
        for span, entry in matches:
            country = self._meant(span, entry)
            if country is not None:
                name = lex.country_names.get(country, country)
                entry = replace(entry, country=country, name=name)
            out.append((span, entry))
        return out

    def _meant(self, span: Span, entry: Entry) -> str | None:
        if entry.type not in PLACE_ENTRY_TYPES or entry.country in self.named_countries:
            return None
        place = self.by_span.get((span.start_char, span.end_char))
        if place is not None:
            meant = None if place.feature == "A.PCLI" else place.country
        else:
            meant = self.country_of(span.text)
            if meant is None and entry.type == "capital" and _opens_local_body(span):
                meant = self.only_country or self.register
        return meant if meant != entry.country else None


def _opens_local_body(span: Span) -> bool:
    """A capital's name opening a capitalised local body ("Athens Police Department",
    "Paris City Council"): a town's institution, not the state's."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in LOCAL_BODY_WORDS
