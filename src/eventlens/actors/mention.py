"""The actor mention under construction, shared by the coding, country and coreference
steps of the actors stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mention:
    """An actor mention under construction (token span plus coding and coref features)."""

    start: int  # token indices, end exclusive
    end: int
    head: int
    name: str
    country: str | None
    sector: str | None
    kind: str  # person | entity | country | role | pronoun
    plural: bool = False
    explicit_country: bool = False
    person_name: str | None = None
    titles: frozenset[str] = field(default_factory=frozenset)
    description: bool = False  # a role noun phrase that may refer back to a named person
    no_guess: bool = False  # organisation or ethnic cue: never a focus-country guess
    words: frozenset[str] = field(default_factory=frozenset)  # lower-case modifier words
