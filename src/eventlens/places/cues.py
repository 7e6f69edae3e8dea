"""Context cues: country and state names anywhere in the text, beyond the given mentions,
and the towns local bodies are named after ("the Athens Police Department").

A user (or a gold file) may give only some place mentions: "Mansfield council to vote
on ... the American Recovery Act" has one toponym, but "American" says which country
it is in. This module finds capitalised words of the text that name a country, a
first-level admin area or a continent (their names, aliases and demonyms, never a
GeoNames alternate) and returns them as extra context mentions. They take part in the
ranking as evidence only; they are not output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from eventlens.places.gazetteer import Candidate, Gazetteer
from eventlens.places.gazetteer_rows import ALIAS, ALTERNATE, DEMONYM, PRIMARY
from eventlens.places.lexicon import (
    COUNTY_WORDS,
    GENERIC_WORDS,
    INSTITUTION_WORDS,
    TOWN_BODY_WORDS,
)

_CUE_FEATURES = frozenset({"A.PCLI", "A.ADM1", "L.CONT"})
# One to three capitalised words ("New Hampshire", "United Arab Emirates"); "of" inside.
_CAPS = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+){0,2}\b")
DWARF = 100  # population ratio area : same-named town for a cue
MIN_TOWN_POPULATION = 1000  # for a town read from a local body's name
MAX_CUES = 60  # per document: enough for a focus, bounded cost on huge pages


def _area_candidates(gaz: Gazetteer, name: str) -> tuple[Candidate, ...]:
    return tuple(
        c
        for c in gaz.candidates(name, allow_loose=False)
        # Aliases are abbreviations ("Miss", "Mass" without their period are a title
        # and a church service); compass words ("South", "Central District") name
        # regions of many countries.
        if c.feature in _CUE_FEATURES
        and c.kind not in (ALTERNATE, ALIAS)
        and not all(w in GENERIC_WORDS for w in name.lower().split())
    )


def _cue(gaz: Gazetteer, name: str) -> tuple[Candidate, ...]:
    """The area readings of ``name`` when it names an area rather than a town."""
    found = gaz.candidates(name, allow_loose=False)
    areas = _area_candidates(gaz, name)
    # A name that is also a town ("Washington") is no cue unless the area dwarfs every
    # such town (Ohio the state, not Ohio, Illinois).
    towns = [c.population for c in found if c not in areas]
    if areas and max(c.population for c in areas) >= DWARF * max(towns, default=0):
        return areas
    return ()


def cue_spans(
    gaz: Gazetteer, text: str, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int, tuple[Candidate, ...]]]:
    """Area names in ``text`` outside the ``taken`` spans, with their area readings.

    Only a whole run of capitalised words counts ("Chad" in "Chad Miller" and
    "Kentucky" in "Kentucky Derby" are part of another name), or a demonym opening one.
    """
    taken_sorted = sorted(taken)
    out: list[tuple[int, int, tuple[Candidate, ...]]] = []
    for match in _CAPS.finditer(text):
        if len(out) >= MAX_CUES:
            break
        if _overlaps(taken_sorted, match.start(), match.end()):
            continue
        cands = _cue(gaz, match.group())
        if cands:
            out.append((match.start(), match.end(), cands))
            continue
        cue = _opening_cue(gaz, match.group())
        if cue:
            start = match.start() + cue[0]
            out.append((start, start + cue[1], cue[2]))
    return out


def _opening_cue(gaz: Gazetteer, run: str) -> tuple[int, int, tuple[Candidate, ...]] | None:
    """An area named at the start of a longer name, as (offset, length, readings): a
    demonym ("American Legion") or an area before a public body's word ("Ontario
    Municipal Board", "Georgia Bureau of Investigation")."""
    words = run.split()
    skip = 1 if words[0] == "The" and len(words) > 1 else 0
    for n in range(len(words) - 1, skip, -1):
        if words[n].lower() not in INSTITUTION_WORDS:
            continue
        name = " ".join(words[skip:n])
        cands = (
            _cue(gaz, name)
            or _county_readings(gaz, name)
            or _town_readings(gaz, name, words[n].lower())
        )
        if cands:
            return run.index(name), len(name), cands
    first = words[skip]
    cands = tuple(c for c in _cue(gaz, first) if c.kind == DEMONYM)
    return (run.index(first), len(first), cands) if cands else None


def _county_readings(gaz: Gazetteer, name: str) -> tuple[Candidate, ...]:
    """The counties a county body's name names ("Merrimack County Superior Court")."""
    if name.split()[-1] not in COUNTY_WORDS:
        return ()
    return tuple(
        c for c in gaz.candidates(name, allow_loose=False)
        if c.feature == "A.ADM2" and c.kind == PRIMARY
    )


def _town_readings(gaz: Gazetteer, name: str, body: str) -> tuple[Candidate, ...]:
    """The towns a local body's name may belong to ("the Athens Police Department")."""
    if body not in TOWN_BODY_WORDS:
        return ()
    return tuple(
        c
        for c in gaz.candidates(name, allow_loose=False)
        if c.feature.startswith("P.") and c.kind == PRIMARY and c.population >= MIN_TOWN_POPULATION
    )


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# Telephone-number patterns end so; a text with no such group skips them (they are the
# slowest patterns, and most texts have no telephone number).
_FOUR_DIGIT_END = r"[-.]\d{4}\b"
_FOUR_DIGITS = re.compile(_FOUR_DIGIT_END)


@lru_cache(maxsize=1)
def _register_patterns() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    """The patterns of ``data/register_cues.tsv``: (pattern, country, whether it can only
    match where a telephone-style number is written)."""
    text = resources.files("eventlens").joinpath("data", "register_cues.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple((re.compile(row[0]), row[1], _FOUR_DIGIT_END in row[0]) for row in rows[1:])


@lru_cache(maxsize=8)  # the places and actors stages ask for the same text
def register_country(text: str) -> str | None:
    """The country whose institutions and press style the text uses ("Sheriff's Office",
    "Sen. X", "R-Florence"): the one with the most distinct cues, if no other ties it."""
    counts: Counter[str] = Counter()
    numbers = _FOUR_DIGITS.search(text) is not None
    for pattern, country, needs_number in _register_patterns():
        if (numbers or not needs_number) and pattern.search(text):
            counts[country] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]
