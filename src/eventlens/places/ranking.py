"""Rank gazetteer candidates for the toponyms of one document, using the document as context.

Each candidate gets a prior (population, feature class, how its name matched) plus
context evidence:

- a qualifier right after the mention ("Mosul, Nineveh", "Springfield, Ill.") that
  names an admin1 or a country containing the candidate;
- an admin or city cue next to the mention ("Nineveh province", "the city of X");
- what the other names of the document could be (``places.evidence``): how many could
  lie in the candidate's country and admin1, and a named county containing the town
  (or a named town in the county);
- the document's focus: the share of the other toponyms resolved to the candidate's
  country and to its admin1 (a country's own name votes only ``COUNTRY_VOTE`` for the
  places inside it; the other mentions of the same name do not vote);
- distance to the other toponyms of the document.

Mentions, their candidates and cues are read by ``places.mention``; names with no
direct match get back-off candidates there (``places.backoff``), trusted less.
Resolution runs in two passes: priors and document evidence first, then context from
the first pass. The weights are hand-set (docs/evaluation.md, Places, with a
sensitivity check in scripts/places_weight_sensitivity.py).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventlens.geo import haversine_km
from eventlens.places.evidence import COUNTRY_VOTE, containment, county_keys, support_of
from eventlens.places.gazetteer import Candidate
from eventlens.places.gazetteer_rows import PRIMARY
from eventlens.places.mention import Mention
from eventlens.places.names import fold

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
W_SHADOWED = -1.0
W_QUALIFIER = 4.0
W_CUE = 2.0
W_COUNTRY = 2.5
W_ADMIN1 = 2.0
W_NEAR = 1.5
NEAR_KM = 300.0
W_REGISTER = 2.0  # a place in the country whose institutions the story names (cues.py)
W_NAMED_CAPITAL = 2.0  # a capital whose country the document names ("Paris" beside "France")
FOCUS_PSEUDO = 1.0  # names added to the focus shares' denominator (see context_score)
MAX_READINGS = 25  # readings per mention kept for the context pass
UNKNOWN_POPULATION = 1000


def prior(m: Mention, c: Candidate, shadowed: bool = False) -> float:
    """Context-free score of candidate ``c`` for mention ``m`` (``shadowed``: see has_primary)."""
    pop = c.population or UNKNOWN_POPULATION
    score = W_POP * math.log10(pop + 1) + FEATURE_PRIOR.get(c.feature, 0.0)
    score += KIND_PRIOR[c.kind] + (W_LOOSE if c.loose_match else 0.0)
    if c.kind == 1 and shadowed:
        # GeoNames alternates include old and foreign names ("Alexandria" for Mashhad):
        # weaker still when another place bears the name as its own.
        score += W_SHADOWED
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
    total: float
    name_counts: Counter[str]
    # Chosen places bucketed by whole degree: (lat, lon) cell -> [(folded name, lat, lon)].
    grid: dict[tuple[int, int], list[tuple[str, float, float]]]
    country_names: Counter[str] = field(default_factory=Counter)  # mentions of a country itself
    # Per folded name: the countries and admin1s its mentions were resolved to, so a
    # name repeated ten times is not ten votes for its own first reading.
    by_name: dict[str, tuple[Counter[str], Counter[tuple[str, str]], int]] = field(
        default_factory=dict)

    def nearest_km(self, lat: float, lon: float, skip: str | None) -> float | None:
        """Distance to the nearest chosen place within NEAR_KM (names == skip ignored)."""
        reach_lat = math.ceil(NEAR_KM / 111.0)
        reach_lon = math.ceil(NEAR_KM / (111.0 * max(math.cos(math.radians(lat)), 0.05)))
        best: float | None = None
        cell_lat, cell_lon = math.floor(lat), math.floor(lon)
        for dlat in range(-reach_lat, reach_lat + 1):
            for dlon in range(-min(reach_lon, 180), min(reach_lon, 180) + 1):
                key = (cell_lat + dlat, (cell_lon + dlon + 180) % 360 - 180)
                for name, plat, plon in self.grid.get(key, ()):
                    if name != skip:
                        d = haversine_km(lat, lon, plat, plon)
                        if best is None or d < best:
                            best = d
        return best


def _focus(mentions: Sequence[Mention]) -> Focus:
    countries: Counter[str] = Counter()
    admin1s: Counter[tuple[str, str]] = Counter()
    country_names: Counter[str] = Counter()
    grid: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
    seen: set[tuple[str, float, float]] = set()
    by_name: dict[str, tuple[Counter[str], Counter[tuple[str, str]], int]] = {}
    total = 0.0
    for m in mentions:
        c = m.choice
        if c is None:
            continue
        total += 1
        name_ccs, name_a1s, name_n = by_name.get(fold(m.text), (Counter(), Counter(), 0))
        by_name[fold(m.text)] = (name_ccs, name_a1s, name_n + 1)
        if c.country:
            countries[c.country] += 1
            name_ccs[c.country] += 1
            if c.feature == "A.PCLI":
                country_names[c.country] += 1
        if c.country and c.admin1:
            admin1s[(c.country, c.admin1)] += 1
            name_a1s[(c.country, c.admin1)] += 1
        point = (fold(m.text), c.lat, c.lon)
        if c.feature not in ("A.PCLI", "L.CONT", "L.RGN") and point not in seen:
            seen.add(point)
            grid[(math.floor(c.lat), math.floor(c.lon))].append(point)
    names = Counter(fold(m.text) for m in mentions)
    return Focus(countries, admin1s, total, names, grid, country_names, by_name)


def context_score(m: Mention, c: Candidate, focus: Focus) -> float:
    """Evidence from the rest of the document, the mention's own vote removed."""
    own = m.choice
    same_cc, same_a1, same_n = focus.by_name.get(fold(m.text), (Counter(), Counter(), 0))
    total = focus.total - same_n
    if total <= 0:
        return 0.0
    # One pseudo-name of no country: a single other name is not the whole document
    # (both "Queensland" and "Edmonton" would flip to each other's country).
    total += FOCUS_PSEUDO
    n_cc: float = focus.countries.get(c.country or "", 0)
    n_cc -= same_cc.get(c.country or "", 0)
    if c.feature != "A.PCLI":
        # The country's own mentions vote weakly for places inside it (see Support).
        n_named = focus.country_names.get(c.country or "", 0)
        n_named -= own is not None and own.feature == "A.PCLI" and own.country == c.country
        n_cc -= (1.0 - COUNTRY_VOTE) * n_named
    score = W_COUNTRY * n_cc / total
    if c.feature == "P.PPLC" and focus.country_names.get(c.country or "", 0) > 0:
        score += W_NAMED_CAPITAL
    if c.admin1 and c.country:
        n_a1 = focus.admin1s.get((c.country, c.admin1), 0)
        n_a1 -= same_a1.get((c.country, c.admin1), 0)
        score += W_ADMIN1 * n_a1 / total
    if c.feature not in ("A.PCLI", "L.CONT"):
        # Other mentions of the same name count too (they agree with this one), but a
        # name mentioned once must not be its own neighbour.
        key = fold(m.text)
        near = focus.nearest_km(c.lat, c.lon, key if focus.name_counts[key] <= 1 else None)
        if near is not None:
            score += W_NEAR * max(0.0, 1.0 - near / NEAR_KM)
    return score


def _choose(m: Mention, scores: list[float]) -> None:
    order = sorted(range(len(scores)), key=lambda k: -scores[k])
    m.choice = m.candidates[order[0]]
    m.margin = scores[order[0]] - scores[order[1]] if len(order) > 1 else 10.0


def _prune(m: Mention, scores: list[float]) -> list[float]:
    """Keep a mention's best readings only, so the context pass stays cheap."""
    if len(scores) <= MAX_READINGS:
        return scores
    keep = sorted(range(len(scores)), key=lambda k: -scores[k])[:MAX_READINGS]
    m.candidates = tuple(m.candidates[k] for k in keep)
    return [scores[k] for k in keep]


def rank(mentions: Sequence[Mention], *, passes: int = 2, register: str | None = None) -> None:
    """Set ``choice`` on every mention that has candidates (in place); ``register`` is
    the country whose public bodies the story names, if any (``cues.register_country``)."""
    named = _named_countries(mentions) if register else {}
    priors = [
        [
            prior(m, c, m.has_primary) + bonus
            for c, bonus in zip(m.candidates, _register_bonuses(m, register, named), strict=True)
        ]
        for m in mentions
    ]
    support = support_of(mentions, priors)
    keys = county_keys(mentions)
    priors = [
        _prune(
            m,
            [
                p + support.score(m, c) + containment(m, c, keys)
                for p, c in zip(ps, m.candidates, strict=True)
            ],
        )
        for m, ps in zip(mentions, priors, strict=True)
    ]
    for m, ps in zip(mentions, priors, strict=True):
        if ps:
            _choose(m, ps)
    _share_surface_choices(mentions)
    for _ in range(passes - 1):
        focus = _focus(mentions)
        for m, ps in zip(mentions, priors, strict=True):
            if ps:
                scores = [
                    p + context_score(m, c, focus) for p, c in zip(ps, m.candidates, strict=True)
                ]
                _choose(m, scores)
        _share_surface_choices(mentions)


def _named_countries(mentions: Sequence[Mention]) -> dict[str, set[str]]:
    """Name -> the countries that the document's country names ("Russia") read as."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        for c in m.candidates:
            if c.feature == "A.PCLI" and c.kind == PRIMARY and c.country:
                out[fold(m.text)].add(c.country)
    return out


def _register_bonuses(
    m: Mention, register: str | None, named: dict[str, set[str]]
) -> list[float]:
    """W_REGISTER for each reading in the story's register country. A country's name keeps
    its country reading against that country's towns ("Mexico" in a US story is Mexico,
    not Mexico, Missouri); only a state of the register country may win ("Georgia"). A
    name with a reading in another country the document names gets no bonus ("St.
    Petersburg" beside "Russia" in a story that quotes "Sen. X")."""
    none = [0.0] * len(m.candidates)
    if register is None or all(c.country != register for c in m.candidates):
        return none
    own = fold(m.text)
    elsewhere = {cc for name, ccs in named.items() if name != own for cc in ccs} - {register}
    if any(c.country in elsewhere for c in m.candidates):
        return none
    names_country = any(c.feature == "A.PCLI" and c.kind == PRIMARY for c in m.candidates)
    return [
        W_REGISTER
        if c.country == register and (not names_country or c.feature == "A.ADM1")
        else 0.0
        for c in m.candidates
    ]


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
