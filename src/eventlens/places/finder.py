"""Find toponym spans in a parsed document.

Two sources, merged:

- NER spans labelled GPE, LOC or FAC that the gazetteer knows;
- runs of capitalised proper-noun tokens that the gazetteer knows, even where NER
  says ORG or PERSON (spaCy-sm tags "Erbil" and "Bashiqa" as ORG). Such a run is
  kept only when it is the whole entity (not "Raqqa" inside an ORG called "Raqqa Is
  Being Slaughtered Silently", nor "Jordan" inside "Michael Jordan"), and when the
  gazetteer entry is prominent enough (a country, an admin1, a region, a town of
  some size, or a place from the project's supplement).

Capitalised words with no entity label are kept only when not sentence-initial, not
also written in lower case in the document ("Police" / "police"), and not a short
acronym; a PERSON/ORG word must not be the surname of a person named in full
("Wesley Clark" ... "Clark said"). A NER place the gazetteer does not know is
searched for its longest known part ("Northeast Georgia" -> "Georgia"). A dateline
opening the text ("MOSUL, Iraq (Reuters) -") gives a toponym too.

Spans equal to an actor mention that is the subject of a clause ("Washington said",
"Moscow denied") are metonyms for a government: actors, not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventlens.nlp import doc_text, entity_at
from eventlens.places.gazetteer import Candidate, Gazetteer
from eventlens.places.gazetteer_rows import ALTERNATE
from eventlens.places.lexicon import (
    ADMIN_WORDS,
    FACILITY_WORDS,
    GENERIC_WORDS,
    MONTH_WORDS,
    NAME_SUFFIXES,
    STREET_ABBREVIATIONS,
    TITLES,
)
from eventlens.places.names import dateline_starts
from eventlens.records import Actor

_DATELINE = re.compile(r"\s*([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,3})\s*(?:,|\(|--|[—–-] )")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels of times and numbers: spaCy-sm sometimes takes a name into one ("Kyiv overnight").
TIME_LABELS = frozenset({"TIME", "DATE", "CARDINAL", "ORDINAL", "QUANTITY"})
MAX_RUN = 4
MIN_POPULATION = 20_000  # for capitalised words NER did not call a place
ENTITY_MIN_POPULATION = 100_000  # for words NER called an organisation or a person
TOWN_AFTER_PREP_POPULATION = 5_000  # for those after "in"/"near" (see _after_locative)
TOWN_PREPS = frozenset({"in", "near", "outside"})
PROMINENT_FEATURES = ("A.PCLI", "A.ADM1", "L.", "H.")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _prominent(cands: tuple[Candidate, ...], min_population: int = MIN_POPULATION) -> bool:
    for c in cands:
        if c.loose_match or c.kind == 3 or c.kind == 1 and c.population < 10 * min_population:
            continue
        if c.feature.startswith(PROMINENT_FEATURES) or c.population >= min_population:
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


@dataclass
class _DocWords:
    """Per-document evidence that a capitalised word is not a place name."""

    lowercase: set[str]  # words also written in lower case ("Police" vs "police")
    surnames: set[str]  # last words of multi-word PERSON names ("Clark" after "Wesley Clark")
    capitalised_lowercase: set[str] = field(default_factory=set)  # {"Police", ...}

    @classmethod
    def of(cls, doc: Doc) -> _DocWords:
        surnames: set[str] = set()
        for e in doc.ents:
            words = [t.text for t in e if t.text.lower().rstrip(".") not in NAME_SUFFIXES]
            if e.label_ == "PERSON" and len(words) > 1:
                surnames.add(words[-1])
        lowercase = {t.text for t in doc if t.is_lower and t.is_alpha}
        return cls(lowercase, surnames, {w.capitalize() for w in lowercase})


def _gazetteer_matches(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Char spans of capitalised runs that name a prominent gazetteer place."""
    words = _DocWords.of(doc)
    found: list[tuple[int, int]] = []
    for i, j in _runs(doc):
        k = i
        while k < j:
            hit = None
            for m in range(j, k, -1):
                cands = gaz.candidates(doc[k:m].text, allow_loose=False)
                if not cands:
                    continue
                near = _after_locative(doc[k:m])
                if _prominent(cands, TOWN_AFTER_PREP_POPULATION if near else MIN_POPULATION):
                    hit = doc[k:m]
                    break
            if hit is None:
                k += 1
                continue
            if hit.end < len(doc) and _street_word(doc[hit.end]):
                k = hit.end + 1  # "Nordland Avenue", "Lincoln Rd.": a street, not the place
                continue
            if _acceptable(doc, hit, cands, words):
                found.append((hit.start_char, hit.end_char))
            k = hit.end
    return found


# A country or first-level area keeps its name even when a person bears it too.
_NAMED_AREAS = ("A.PCLI", "A.ADM1")


def _surname(text: str, words: _DocWords, gaz: Gazetteer) -> bool:
    """A NER place that is the surname of a person named in full ("Tony Servance Jr." ...
    "sentenced Servance"), unless a country or first-level area bears the name."""
    if text not in words.surnames:
        return False
    return not any(c.feature in _NAMED_AREAS for c in gaz.candidates(text))


def _common_noun(text: str, words: _DocWords, gaz: Gazetteer) -> bool:
    """A one-word NER place the document also writes in lower case, and no well-known
    place ("North Las Vegas Police Officer" ... "police": Police is a Polish town)."""
    if " " in text or text not in words.capitalised_lowercase:
        return False
    return not _prominent(gaz.candidates(text, allow_loose=False), ENTITY_MIN_POPULATION)


def _after_locative(span: Span) -> bool:
    """The object of "in", "near" or "outside", not a possessor ("in Obama's plan")."""
    root = span.root
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.tag_ == "POS":
        return False
    return root.dep_ == "pobj" and root.head.lower_ in TOWN_PREPS


def _street_word(tok: Token) -> bool:
    """A capitalised facility or street word right after a name ("Avenue", "Ave.")."""
    word = tok.lower_.rstrip(".")
    return tok.text[:1].isupper() and (word in FACILITY_WORDS or word in STREET_ABBREVIATIONS)


def _acceptable(doc: Doc, span: Span, cands: tuple[Candidate, ...], words: _DocWords) -> bool:
    """A gazetteer hit outside NER's place labels: only when it is a whole entity or none."""
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in TITLES:
        return False
    if span.text.lower() in TITLES or span.text.lower() in MONTH_WORDS:
        return False  # "Miss Ohio", "the March of Dimes" ("Jackson, Miss." keeps its period)
    if all(t.lower_ in GENERIC_WORDS for t in span):
        return False  # "Scott West", "North Laurel High School"
    ent = entity_at(doc, span.start)
    if ent is not None and ent.label_ in TIME_LABELS:
        ent = None  # a name swallowed by a time or number ("Kyiv overnight" as TIME)
    if ent is not None:
        if ent.label_ in PLACE_LABELS or (ent.start, ent.end) != (span.start, span.end):
            return False  # taken from NER already, or part of a longer name
        after = doc[span.end] if span.end < len(doc) else None
        if prev is not None and prev.lower_ == "the" and (
            after is None or after.lower_ not in ADMIN_WORDS
        ):
            return False  # "the Duma": an institution ("the Tillaberi region" is a place)
        # NER calls it an organisation or a person: only a well-known place overrides it,
        # or a town after "in"/"near" (spaCy-sm reads "in Newberry" as a person).
        minimum = TOWN_AFTER_PREP_POPULATION if _after_locative(span) else ENTITY_MIN_POPULATION
        return span.text not in words.surnames and _prominent(cands, minimum)
    if span.text in words.surnames and not any(c.feature in _NAMED_AREAS for c in cands):
        return False  # "Investigator Bill Carlow ... turned over to Carlow": the person again
    if span.start == span.sent.start:
        return False  # sentence-initial capital: no evidence it is a name
    if len(span) == 1 and (span.text.lower() in words.lowercase or span[0].is_stop):
        return False
    if span.text.isupper() and len(span.text) <= 4:
        return any(c.kind == 2 or c.feature == "A.PCLI" for c in cands)
    return True


def _ner_place_span(doc: Doc, ent: Span, gaz: Gazetteer) -> tuple[int, int] | None:
    """The NER place span, or its longest part the gazetteer knows ("Northeast Georgia")."""
    start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
    end = ent.end
    while end > start and doc[end - 1].is_space:
        end -= 1  # spaCy-sm sometimes takes a line break into the entity ("Rakhine\n")
    if end == start:
        return None
    span = doc[start:end]
    if all(t.lower_ in GENERIC_WORDS for t in span):
        return None  # "the West", "the North"
    if end < len(doc) and _street_word(doc[end]):
        return None  # NER stopped before the street word: "Nordland" of "Nordland Avenue"
    if gaz.candidates(span.text):
        return span.start_char, span.end_char
    if span[-1].lower_ in FACILITY_WORDS:
        return None  # "Nordland Avenue": a part names the facility, not a place
    # The head of an English name comes last ("Northeast Georgia", "Far North
    # Queensland"): parts ending the name first, longest first; then the others.
    parts = [doc[k:end] for k in range(start + 1, end)]
    parts += [doc[k : k + n] for n in range(len(span) - 1, 0, -1)
              for k in range(end - n - 1, start - 1, -1)]
    for sub in parts:
        if (
            sub[-1].is_space
            or not sub[0].text[:1].isupper()
            or all(t.lower_ in GENERIC_WORDS for t in sub)
        ):
            continue
        # Not by a foreign or old alternate name alone ("Boy" of "Boy Scouts" is an
        # alternate of Bobo-Dioulasso): a part is trusted less than a whole name.
        cands = tuple(
            c for c in gaz.candidates(sub.text, allow_loose=False) if c.kind != ALTERNATE
        )
        if cands and _prominent(cands):
            return sub.start_char, sub.end_char
    return None


def _dateline_span(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """The upper-case place opening a wire dateline ("MOSUL, Iraq (Reuters) -"), at the
    start of the text or after its headline."""
    for start in dateline_starts(text):
        match = _DATELINE.match(text, start)
        if match and gaz.candidates(match.group(1), allow_loose=False):
            return [match.span(1)]
    return []


def toponym_spans(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Char spans of the toponyms of ``doc``, in text order, without overlaps (metonyms
    included: see ``metonym_spans``)."""
    dateline = _dateline_span(doc_text(doc), gaz)
    words = _DocWords.of(doc)
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            found = _ner_place_span(doc, ent, gaz)
            if found is None:
                continue
            name = doc_text(doc)[found[0] : found[1]]
            if not _surname(name, words, gaz) and not _common_noun(name, words, gaz):
                spans.append(found)
    spans.extend(_gazetteer_matches(doc, gaz))
    out: list[tuple[int, int]] = []
    for s, e in sorted(dateline + spans):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def metonym_spans(
    doc: Doc, spans: list[tuple[int, int]], actors: list[Actor], gaz: Gazetteer
) -> set[tuple[int, int]]:
    """The toponym spans that stand for a government: an actor mention that is the
    subject of a clause ("Washington said", "Moscow denied")."""
    # A dateline names where the story was filed, even when it is a capital that
    # elsewhere stands for its government, so it is never a metonym.
    dateline = set(_dateline_span(doc_text(doc), gaz))
    actor_spans = {(a.start, a.end) for a in actors if a.start is not None and a.end is not None}
    return {
        (s, e)
        for s, e in spans
        if (s, e) not in dateline and _is_metonym(doc, s, e, actor_spans)
    }
