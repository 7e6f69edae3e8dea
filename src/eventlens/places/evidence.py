"""Document evidence for candidate readings: which countries and admin1s the other names
could lie in (``Support``), and county containment ("Huntsville" with "Walker County").

Both are computed once per document from every mention's plausible readings, before
any choice is made; ``eventlens.places.ranking`` adds them to the candidates' priors.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventlens.places.gazetteer import Candidate
from eventlens.places.mention import Mention
from eventlens.places.names import fold

W_COUNTY = 1.5
W_SUPPORT_COUNTRY = 2.0
W_SUPPORT_ADMIN1 = 3.0
PLAUSIBLE = 4.0  # readings within this much of a name's best prior count as support
COUNTRY_VOTE = 0.05  # a country name's vote for the places inside it (see Support)


@dataclass
class Support:
    """For each distinct name, the countries and admin1s its plausible readings lie in.

    A name with k plausible countries adds 1/sqrt(k) to each of them (likewise for
    admin1s), so an unambiguous name counts fully and a name found everywhere little.
    A name that is only a country ("United States") counts COUNTRY_VOTE for the places
    inside it: news names countries as actors and topics, which says little about
    which Geneva a story means.
    """

    names: dict[str, tuple[set[str], set[tuple[str, str]], float]]
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    inner: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))

    def __post_init__(self) -> None:
        for countries, admin1s, weight in self.names.values():
            for cc in countries:
                self.countries[cc] += 1 / math.sqrt(len(countries))
                self.inner[cc] += weight / math.sqrt(len(countries))
            for a1 in admin1s:
                self.admin1s[a1] += 1 / math.sqrt(len(admin1s))

    def score(self, m: Mention, c: Candidate) -> float:
        """How many of the document's other names could lie in ``c``'s country / admin1."""
        own = self.names.get(fold(m.text))
        if not c.country:
            return 0.0
        table = self.countries if c.feature == "A.PCLI" else self.inner
        n_others: float = len(self.names) - (own is not None)
        if table is self.inner:
            # Weighted the same way, but never below one name: a lone country name
            # must not count as the whole document agreeing.
            n_others = max(1.0, sum(w for _, _, w in self.names.values()) - (own[2] if own else 0))
        if n_others <= 0:
            return 0.0
        cc = table.get(c.country, 0.0)
        if own is not None and c.country in own[0]:
            cc -= (1.0 if table is self.countries else own[2]) / math.sqrt(len(own[0]))
        a1 = 0.0
        if c.admin1:
            key = (c.country, c.admin1)
            a1 = self.admin1s.get(key, 0.0)
            if own is not None and key in own[1]:
                a1 -= 1 / math.sqrt(len(own[1]))
        return (W_SUPPORT_COUNTRY * cc + W_SUPPORT_ADMIN1 * a1) / n_others


def support_of(mentions: Sequence[Mention], priors: list[list[float]]) -> Support:
    """The document's ``Support``: each name's plausible countries and admin1s (its
    readings within PLAUSIBLE of its best prior)."""
    names: dict[str, tuple[set[str], set[tuple[str, str]], float]] = {}
    only_country: dict[str, bool] = {}
    for m, ps in zip(mentions, priors, strict=True):
        if not ps:
            continue
        key = fold(m.text)
        countries, admin1s, _ = names.setdefault(key, (set(), set(), 1.0))
        best = max(ps)
        for c, p in zip(m.candidates, ps, strict=True):
            if p < best - PLAUSIBLE or not c.country:
                continue
            only_country[key] = only_country.get(key, True) and c.feature == "A.PCLI"
            countries.add(c.country)
            if c.admin1:
                admin1s.add((c.country, c.admin1))
    for key, (countries, admin1s, _) in names.items():
        if only_country.get(key):
            names[key] = (countries, admin1s, COUNTRY_VOTE)
    return Support(names)


CountyKey = tuple[str | None, str | None, str]


def county_keys(mentions: Sequence[Mention]) -> tuple[dict[CountyKey, set[str]], ...]:
    """Which names could be a county, and which could lie in one: (country, admin1, county)
    -> the document names giving it, for counties and for towns respectively."""
    counties: dict[CountyKey, set[str]] = defaultdict(set)
    towns: dict[CountyKey, set[str]] = defaultdict(set)
    for m in mentions:
        name = fold(m.text)
        for c in m.candidates:
            # Only a mention naming a county as such ("Walker County"), not a bare "Walker".
            if c.admin2 and c.feature == "A.ADM2" and (c.kind == 0 or m.admin_cue):
                counties[(c.country, c.admin1, c.admin2)].add(name)
            elif c.admin2 and c.feature.startswith("P."):
                towns[(c.country, c.admin1, c.admin2)].add(name)
    return counties, towns


def containment(m: Mention, c: Candidate, keys: tuple[dict[CountyKey, set[str]], ...]) -> float:
    """W_COUNTY when another name of the document is ``c``'s county, or a town in it
    ("Huntsville" with "Walker County": the Huntsville in Walker County)."""
    if not c.admin2:
        return 0.0
    counties, towns = keys
    table = counties if c.feature.startswith("P.") else towns if c.feature == "A.ADM2" else None
    if table is None:
        return 0.0
    names = table.get((c.country, c.admin1, c.admin2))
    return W_COUNTY if names and names - {fold(m.text)} else 0.0
