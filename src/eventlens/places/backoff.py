"""Candidate back-offs for mentions whose own name is not in the gazetteer.

The gazetteer holds populated places, admin areas, countries and continents; news also
names them through derived forms the packages do not list:

- demonyms and adjectives of areas ("Minnesotans", "Texan", "African", "Dagestani"):
  a suffix is removed and only admin areas, countries, continents and regions are kept;
- a facility named after its town ("Vancouver Art Gallery"): the town;
- a named feature built on a place name ("Hamilton Township", "Town of Groton",
  "Loudon Co.", "Neches River", "Lake Hartwell", "South Los Angeles"): the generic
  word is removed and the rest looked up; "Co." becomes "County".

Every back-off candidate is marked ``loose_match`` so the ranking trusts it less than
a direct match; back-offs are only tried when the direct lookup finds nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from eventlens.places.gazetteer import Candidate
from eventlens.places.lexicon import DEMONYM_SUFFIXES

Lookup = Callable[[str], tuple[Candidate, ...]]

_AREA_FEATURES = ("A.", "L.")
_LARGE_AREAS = frozenset({"A.PCLI", "A.ADM1", "L.CONT"})
_CO = re.compile(r"\s+Co\.?$", re.IGNORECASE)
# A facility named after its town ("Vancouver Art Gallery", "Montreal-Trudeau
# International Airport"): the town is the best point the gazetteer has for it.
_FACILITY = re.compile(
    r"\b(?:Airport|University|College|Hospital|Museum|Gallery|Cathedral|Church|Stadium|"
    r"Arena|Prison|Base|Zoo|Bridge|Dam|Port)$",
    re.IGNORECASE,
)
_WORD_SPLIT = re.compile(r"[\s\-]+")
_TWP = re.compile(r"\s+Twp\.?$")
# Generic words around a place name: "X Township", "Lake X", "Town of X", "South X".
_HEAD_AFTER = re.compile(
    r"^(.+?)\s+(?:Township|Twp\.?|River|Creek|Lake|Valley|Falls|Park|Islands?|"
    r"Mountains?|Harbou?r|Borough|Village|Area|Region)$",
    re.IGNORECASE,
)
_HEAD_BEFORE = re.compile(
    r"^(?:Lake|Mount|Mt\.?|Town of|City of|Port of|Village of|County of|River|"
    r"Greater|Upper|Lower|North|South|East|West|Northern|Southern|Eastern|Western|"
    r"Central|Downtown|Old|New)\s+(.+)$",
    re.IGNORECASE,
)


def _marked(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(dataclasses.replace(c, loose_match=True) for c in cands)


def demonym_candidates(lookup: Lookup, text: str) -> tuple[Candidate, ...]:
    """Areas a demonym or adjective names ("Minnesotans" -> Minnesota)."""
    if not text[:1].isupper() or len(text) < 4:
        return ()
    for suffix, repl in DEMONYM_SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= 3:
            stem = text[: -len(suffix)] + repl
            found = tuple(c for c in lookup(stem) if c.feature.startswith(_AREA_FEATURES))
            if found:
                return _marked(found)
    return ()


def feature_candidates(lookup: Lookup, text: str) -> tuple[Candidate, ...]:
    """Places a named feature is built on ("Hamilton Township" -> Hamilton)."""
    county = _CO.sub(" County", text)
    if county != text:
        found = lookup(county)
        if found:
            return _marked(found)
    for pattern in (_HEAD_AFTER, _HEAD_BEFORE):
        match = pattern.match(_TWP.sub(" Township", text))
        if match and len(match.group(1)) >= 3:
            found = lookup(match.group(1)) or demonym_candidates(lookup, match.group(1))
            if pattern is _HEAD_AFTER:
                # "Tennessee Colony", "Lake Vermont": a feature named after a state or a
                # country is not in it; a town's township, river or park is near the town.
                found = tuple(c for c in found if c.feature not in _LARGE_AREAS)
            if found:
                return _marked(found)
    return ()


def facility_candidates(lookup: Lookup, text: str) -> tuple[Candidate, ...]:
    """The town a facility is named after: its longest leading words that name a town."""
    if not _FACILITY.search(text):
        return ()
    words = _WORD_SPLIT.split(text)[:-1]
    for n in range(min(len(words), 3), 0, -1):
        head = " ".join(words[:n])
        if len(head) < 3 or not head[:1].isupper():
            continue
        found = tuple(c for c in lookup(head) if c.feature.startswith("P.") and c.kind == 0)
        if found:
            return _marked(found)
    return ()


def backoff_candidates(lookup: Lookup, text: str) -> tuple[Candidate, ...]:
    """Candidates for a mention with no direct match (empty when nothing fits)."""
    return (
        demonym_candidates(lookup, text)
        or facility_candidates(lookup, text)
        or feature_candidates(lookup, text)
    )
