"""Rank gazetteer candidates for the toponyms of one document, using the document as context.

Each candidate gets a prior (population, feature class, how its name matched) plus
context evidence:

- a qualifier right after the mention ("Mosul, Nineveh", "Springfield, Ill.") that
  names an admin1 or a country containing the candidate;
- an admin or city cue next to the mention ("Nineveh province", "the city of X");
- the document's focus: the share of the other toponyms resolved to the candidate's
  country and to its admin1;
- distance to the other toponyms of the document.

Resolution runs in two passes: priors and qualifiers first, then context from the
first pass. The weights are hand-set (documented in docs/evaluation.md, Places).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventlens.gazetteer import Candidate, Gazetteer, haversine_km
from eventlens.toponyms import fold

FEATURE_PRIOR = {
    "A.PCLI": 3.0,
    "L.CONT": 2.5,
    "A.ADM1": 0.3,
    "P.PPLC": 1.5,
    "P.PPL": 0.6,
    "A.ADM2": -0.6,
    "L.RGN": 1.0,
    "L.PEN": 1.0,
    "H.GULF": 1.0,
}
KIND_PRIOR = (0.0, -0.8, 0.3, 0.3)  # primary, alternate, curated alias, demonym
W_POP = 0.45  # per decade of population
W_LOOSE = -1.5
W_QUALIFIER = 4.0
W_CUE = 2.0
W_COUNTRY = 2.5
W_ADMIN1 = 2.0
W_NEAR = 1.5
NEAR_KM = 300.0
W_SUPPORT_COUNTRY = 2.0
W_SUPPORT_ADMIN1 = 3.0
PLAUSIBLE = 4.0  # readings within this much of a name's best prior count as support
UNKNOWN_POPULATION = 1000

ADMIN_WORDS = frozenset(
    "province provinces governorate governorates county counties parish state district "
    "region oblast prefecture department canton municipality".split()
)
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


def prior(m: Mention, c: Candidate) -> float:
    """Context-free score of candidate ``c`` for mention ``m``."""
    pop = c.population or UNKNOWN_POPULATION
    score = W_POP * math.log10(pop + 1) + FEATURE_PRIOR.get(c.feature, 0.0)
    score += KIND_PRIOR[c.kind] + (W_LOOSE if c.loose_match else 0.0)
    if m.qualifiers and any(
        c.country == cc and (a1 is None or c.admin1 == a1) for cc, a1 in m.qualifiers
    ):
        score += W_QUALIFIER
    if m.admin_cue and c.feature.startswith("A."):
        score += W_CUE
    if m.city_cue and c.feature.startswith("P."):
        score += W_CUE
    return score


@dataclass
class Focus:
    """What the rest of the document is about: country and admin1 shares, chosen points."""

    countries: Counter[str]
    admin1s: Counter[tuple[str, str]]
    points: list[tuple[int, float, float]]
    total: float


def _focus(mentions: Sequence[Mention]) -> Focus:
    countries: Counter[str] = Counter()
    admin1s: Counter[tuple[str, str]] = Counter()
    points: list[tuple[int, float, float]] = []
    total = 0.0
    for i, m in enumerate(mentions):
        c = m.choice
        if c is None:
            continue
        total += 1
        if c.country:
            countries[c.country] += 1
        if c.country and c.admin1:
            admin1s[(c.country, c.admin1)] += 1
        if c.feature not in ("A.PCLI", "L.CONT", "L.RGN"):
            points.append((i, c.lat, c.lon))
    return Focus(countries, admin1s, points, total)


def context_score(i: int, m: Mention, c: Candidate, focus: Focus) -> float:
    """Evidence from the rest of the document, the mention's own vote removed."""
    own = m.choice
    total = focus.total - (1 if own is not None else 0)
    if total <= 0:
        return 0.0
    n_cc = focus.countries.get(c.country or "", 0) - (own is not None and own.country == c.country)
    score = W_COUNTRY * n_cc / total
    if c.admin1 and c.country:
        n_a1 = focus.admin1s.get((c.country, c.admin1), 0)
        if own is not None and own.admin1 == c.admin1 and own.country == c.country:
            n_a1 -= 1
        score += W_ADMIN1 * n_a1 / total
    if c.feature not in ("A.PCLI", "L.CONT"):
        near = min(
            (haversine_km(c.lat, c.lon, lat, lon) for j, lat, lon in focus.points if j != i),
            default=None,
        )
        if near is not None:
            score += W_NEAR * max(0.0, 1.0 - near / NEAR_KM)
    return score


def _choose(m: Mention, scores: list[float]) -> None:
    order = sorted(range(len(scores)), key=lambda k: -scores[k])
    m.choice = m.candidates[order[0]]
    m.margin = scores[order[0]] - scores[order[1]] if len(order) > 1 else 10.0


@dataclass
class Support:
    """For each distinct name, the countries and admin1s its plausible readings lie in."""

    names: dict[str, tuple[set[str], set[tuple[str, str]]]]

    def score(self, m: Mention, c: Candidate) -> float:
        """How many of the document's other names could lie in ``c``'s country / admin1."""
        own = fold(m.text)
        others = [v for k, v in self.names.items() if k != own]
        if not others or not c.country:
            return 0.0
        cc = a1 = 0.0
        for countries, admin1s in others:
            if c.country in countries:
                cc += 1 / math.sqrt(len(countries))
            if c.admin1 and (c.country, c.admin1) in admin1s:
                a1 += 1 / math.sqrt(len(admin1s))
        return (W_SUPPORT_COUNTRY * cc + W_SUPPORT_ADMIN1 * a1) / len(others)


def _support(mentions: Sequence[Mention], priors: list[list[float]]) -> Support:
    names: dict[str, tuple[set[str], set[tuple[str, str]]]] = {}
    for m, ps in zip(mentions, priors, strict=True):
        if not ps:
            continue
        key = fold(m.text)
        countries, admin1s = names.setdefault(key, (set(), set()))
        best = max(ps)
        for c, p in zip(m.candidates, ps, strict=True):
            if p < best - PLAUSIBLE or not c.country:
                continue
            countries.add(c.country)
            if c.admin1:
                admin1s.add((c.country, c.admin1))
    return Support(names)


def rank(mentions: Sequence[Mention], *, passes: int = 2) -> None:
    """Set ``choice`` on every mention that has candidates (in place)."""
    priors = [[prior(m, c) for c in m.candidates] for m in mentions]
    support = _support(mentions, priors)
    priors = [
        [p + support.score(m, c) for p, c in zip(ps, m.candidates, strict=True)]
        for m, ps in zip(mentions, priors, strict=True)
    ]
    for m, ps in zip(mentions, priors, strict=True):
        if ps:
            _choose(m, ps)
    _share_surface_choices(mentions)
    for _ in range(passes - 1):
        focus = _focus(mentions)
        for i, (m, ps) in enumerate(zip(mentions, priors, strict=True)):
            if ps:
                _choose(
                    m,
                    [
                        p + context_score(i, m, c, focus)
                        for p, c in zip(ps, m.candidates, strict=True)
                    ],
                )
        _share_surface_choices(mentions)


def _share_surface_choices(mentions: Sequence[Mention]) -> None:
    """One sense per document: every mention of a name takes its most confident reading."""
    best: dict[str, Mention] = {}
    for m in mentions:
        if m.choice is None:
            continue
        key = fold(m.text)
        cur = best.get(key)
        if cur is None or m.margin > cur.margin:
            best[key] = m
    for m in mentions:
        top = best.get(fold(m.text))
        if top is None or m.choice is None or top is m:
            continue
        # A mention with its own cue ("Aleppo province" vs "the city of Aleppo") keeps its reading.
        if not (m.admin_cue or m.city_cue or m.qualifiers):
            m.choice = top.choice
