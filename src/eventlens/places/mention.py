"""One toponym of a document being resolved, and how it is read from the text.

``Mention`` is shared by the ranking and the document evidence (``places.evidence``);
``make_mention`` looks a name up in the gazetteer and reads the cues around it: an
admin word ("Nineveh province"), a city cue ("the city of X") and a qualifier
("Springfield, Ill.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventlens.places.backoff import backoff_candidates
from eventlens.places.gazetteer import Candidate, Gazetteer
from eventlens.places.lexicon import ADMIN_WORDS

_ADMIN_SUFFIX = re.compile(
    r"\s+(?:province|governorate|county|parish|state|district|region|oblast|prefecture)$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][A-Za-z]*\.?(?:\s?[A-Z][A-Za-z]*\.?){0,2}))")
_CITY_BEFORE = re.compile(r"(?:city|town|village) of\s+$", re.IGNORECASE)


@dataclass
class Mention:
    """One toponym of a document being resolved."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...] = ()
    admin_cue: bool = False
    city_cue: bool = False
    qualifiers: set[tuple[str | None, str | None]] = field(default_factory=set)
    choice: Candidate | None = None
    margin: float = 0.0

    @property
    def has_primary(self) -> bool:
        """True when some candidate bears the mention's name as its own (not an alternate)."""
        return any(c.kind != 1 and not c.loose_match for c in self.candidates)


def lookup(gaz: Gazetteer, text: str) -> tuple[tuple[Candidate, ...], bool]:
    """Candidates for a mention text, and whether it carried an admin word ("X Province")."""
    found = gaz.candidates(text)
    stripped = _ADMIN_SUFFIX.sub("", text)
    if stripped != text:
        admin = tuple(c for c in found if c.feature.startswith("A."))
        if admin:
            return admin, True
        inner = gaz.candidates(stripped)
        admin = tuple(c for c in inner if c.feature.startswith("A."))
        return (admin or inner or found), True
    if not found and text.lower().startswith("the "):
        found = gaz.candidates(text[4:])
    if not found:
        found = backoff_candidates(lambda name: gaz.candidates(name, allow_loose=False), text)
    return found, False


def _qualifiers(gaz: Gazetteer, text: str, end: int) -> set[tuple[str | None, str | None]]:
    """(country, admin1) pairs named right after a mention: "Springfield, Ill." -> Illinois."""
    match = _QUALIFIER.match(text, end)
    if not match:
        return set()
    words = match.group(1).split()
    for n in range(len(words), 0, -1):
        found = [
            c
            for c in gaz.candidates(" ".join(words[:n]), allow_loose=False)
            if c.feature in ("A.ADM1", "A.PCLI")
        ]
        if found:
            return {(c.country, c.admin1 if c.feature == "A.ADM1" else None) for c in found}
    return set()


def make_mention(gaz: Gazetteer, text: str, start: int, end: int) -> Mention:
    """Look up one mention and read the cues around it."""
    surface = text[start:end]
    candidates, admin_cue = lookup(gaz, surface)
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(1).lower() in ADMIN_WORDS:
        admin_cue = True
    city_cue = bool(_CITY_BEFORE.search(text[max(0, start - 20) : start])) or bool(
        nxt and nxt.group(1).lower() == "city"
    )
    return Mention(
        start, end, surface, candidates, admin_cue, city_cue, _qualifiers(gaz, text, end)
    )
