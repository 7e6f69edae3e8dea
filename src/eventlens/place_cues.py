"""Context cues: country and state names anywhere in the text, beyond the given mentions.

A user (or a gold file) may give only some place mentions: "Mansfield council to vote
on ... the American Recovery Act" has one toponym, but "American" says which country
it is in. This module finds capitalised words of the text that name a country, a
first-level admin area or a continent (their names, aliases and demonyms, never a
GeoNames alternate) and returns them as extra context mentions. They take part in the
ranking as evidence only; they are not output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventlens.gazetteer import Candidate, Gazetteer

_CUE_FEATURES = frozenset({"A.PCLI", "A.ADM1", "L.CONT"})
_ALTERNATE = 1
# One to three capitalised words ("New Hampshire", "United Arab Emirates"); "of" inside.
_CAPS = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+){0,2}\b")
MAX_CUES = 60  # per document: enough for a focus, bounded cost on huge pages


def _area_candidates(gaz: Gazetteer, name: str) -> tuple[Candidate, ...]:
    return tuple(
        c
        for c in gaz.candidates(name, allow_loose=False)
        if c.feature in _CUE_FEATURES and c.kind != _ALTERNATE
    )


def _cue_at(gaz: Gazetteer, words: list[str]) -> tuple[int, tuple[Candidate, ...]]:
    """The longest leading word run naming an area only: (words used, candidates)."""
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        found = gaz.candidates(name, allow_loose=False)
        areas = _area_candidates(gaz, name)
        # A name that is also a town ("Washington", "Georgia, Vermont") is no cue
        # unless every reading of it is an area.
        if areas and len(areas) == len(found):
            return n, areas
        if found:
            return n, ()
    return 1, ()


def cue_spans(
    gaz: Gazetteer, text: str, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int, tuple[Candidate, ...]]]:
    """Area names in ``text`` outside the ``taken`` spans, with their area readings."""
    taken_sorted = sorted(taken)
    out: list[tuple[int, int, tuple[Candidate, ...]]] = []
    for match in _CAPS.finditer(text):
        if _overlaps(taken_sorted, match.start(), match.end()):
            continue
        words = match.group().split()
        pos = match.start()
        while words and len(out) < MAX_CUES:
            used, cands = _cue_at(gaz, words)
            phrase = " ".join(words[:used])
            start = text.index(phrase, pos) if phrase in text[pos:] else pos
            if cands:
                out.append((start, start + len(phrase), cands))
            pos = start + len(phrase)
            words = words[used:]
    return out


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
