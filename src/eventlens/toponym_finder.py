"""Find toponym spans in a parsed document.

Two sources, merged:

- NER spans labelled GPE, LOC or FAC that the gazetteer knows;
- runs of capitalised proper-noun tokens that the gazetteer knows, even where NER
  says ORG or PERSON (spaCy-sm tags "Erbil" and "Bashiqa" as ORG). Such a run is
  kept only when it is the whole entity (not "Raqqa" inside an ORG called "Raqqa Is
  Being Slaughtered Silently", nor "Jordan" inside "Michael Jordan"), and when the
  gazetteer entry is prominent enough (a country, an admin1, a region, a town of
  some size, or a place from the project's supplement).

Spans equal to an actor mention that is the subject of a clause ("Washington said",
"Moscow denied") are metonyms for a government: actors, not places.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from eventlens.gazetteer import Candidate, Gazetteer
from eventlens.records import Actor

_DATELINE = re.compile(r"\s*([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,3})\s*(?:,|\(|--|[—–-] )")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
MAX_RUN = 4
MIN_POPULATION = 20_000  # for capitalised words NER did not call a place
PROMINENT_FEATURES = ("A.PCLI", "A.ADM1", "L.", "H.")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Words that are capitalised for other reasons and also name some hamlet somewhere.
_TITLES = frozenset(
    "mr mrs ms dr president minister gen general sen senator rep king "
    "prince queen pope sheikh imam st".split()
)


def _prominent(cands: tuple[Candidate, ...]) -> bool:
    for c in cands:
        if c.loose_match or c.kind == 3 or c.kind == 1 and c.population < 10 * MIN_POPULATION:
            continue
        if c.feature.startswith(PROMINENT_FEATURES) or c.population >= MIN_POPULATION:
            return True
        if c.population == 0 and c.geonameid is None:  # project supplement (population unknown)
            return True
    return False


def _is_metonym(doc: Doc, start: int, end: int, actor_spans: set[tuple[int, int]]) -> bool:
    if (start, end) not in actor_spans:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ in SUBJECT_DEPS


def _capitalised(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token index ranges of maximal capitalised proper-noun runs."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not _capitalised(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and _capitalised(doc[j]) and j - i < MAX_RUN:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _entity_of(doc: Doc, i: int) -> Span | None:
    tok = doc[i]
    if not tok.ent_type_:
        return None
    for ent in doc.ents:
        if ent.start <= i < ent.end:
            return ent
    return None


def _gazetteer_matches(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Char spans of capitalised runs that name a prominent gazetteer place."""
    found: list[tuple[int, int]] = []
    for i, j in _runs(doc):
        k = i
        while k < j:
            hit = None
            for m in range(j, k, -1):
                span = doc[k:m]
                cands = gaz.candidates(span.text, allow_loose=False)
                if cands and _prominent(cands):
                    hit = span
                    break
            if hit is None:
                k += 1
                continue
            if _acceptable(doc, hit):
                found.append((hit.start_char, hit.end_char))
            k = hit.end
    return found


def _acceptable(doc: Doc, span: Span) -> bool:
    """A gazetteer hit outside NER's place labels: only when it is a whole entity or none."""
    ent = _entity_of(doc, span.start)
    if ent is not None:
        if ent.label_ in PLACE_LABELS:
            return False  # already taken from NER
        if (ent.start, ent.end) != (span.start, span.end):
            return False
    prev = doc[span.start - 1] if span.start > 0 else None
    return not (prev is not None and prev.lower_.rstrip(".") in _TITLES)


def _dateline_span(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """The upper-case place opening a wire dateline ("MOSUL, Iraq (Reuters) -")."""
    match = _DATELINE.match(text)
    if not match or not gaz.candidates(match.group(1), allow_loose=False):
        return []
    return [match.span(1)]


def toponym_spans(doc: Doc, actors: list[Actor], gaz: Gazetteer) -> list[tuple[int, int]]:
    """Char spans of the toponyms of ``doc``, in text order, without overlaps."""
    spans: list[tuple[int, int]] = _dateline_span(doc.text, gaz)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            text = ent.text
            start = ent.start_char
            if text.lower().startswith("the "):
                start += 4
            if gaz.candidates(doc.text[start : ent.end_char]):
                spans.append((start, ent.end_char))
    spans.extend(_gazetteer_matches(doc, gaz))
    actor_spans = {(a.start, a.end) for a in actors if a.start is not None and a.end is not None}
    spans = [s for s in spans if not _is_metonym(doc, s[0], s[1], actor_spans)]
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out
