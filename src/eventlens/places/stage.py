"""Places stage: find toponyms, resolve them offline, and locate events.

- ``find_places(doc, actors, resources)``: toponyms from NER (GPE/LOC/FAC) plus gazetteer
  matches of capitalised words NER labelled otherwise (spaCy-sm calls Erbil an ORG),
  resolved with document context, minus actor metonyms ("Washington said"). The
  pipeline runs it in two steps, ``resolve_toponyms`` before the actors stage (actors
  take the countries of the places the document means) and ``drop_metonyms`` after.
- ``resolve_spans(text, spans, resources, backoff=False)``: the same resolution for
  mentions a user gives; ``backoff`` gives names the gazetteer lacks the document's
  focus point.
Both use country/state names found elsewhere in the text as extra context
(``places.cues``).
- ``locate_events(events, places, doc)``: each event's place (see ``places.event_location``).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from eventlens.nlp import doc_text
from eventlens.places.cues import cue_spans, register_country
from eventlens.places.event_location import locate_events
from eventlens.places.finder import metonym_spans, toponym_spans
from eventlens.places.gazetteer import Candidate, Gazetteer
from eventlens.places.mention import Mention, make_mention
from eventlens.places.ranking import rank
from eventlens.records import Actor, Place

if TYPE_CHECKING:
    from eventlens.resources import Resources

__all__ = [
    "drop_metonyms",
    "find_places",
    "locate_events",
    "resolve_spans",
    "resolve_toponyms",
    "to_place",
]


def to_place(text: str, start: int, end: int, cand: Candidate | None) -> Place:
    """The output record for one mention (lat/lon null when unresolved)."""
    if cand is None:
        return Place(text=text, start=start, end=end)
    return Place(
        text=text,
        start=start,
        end=end,
        name=cand.name,
        lat=round(cand.lat, 5),
        lon=round(cand.lon, 5),
        country=cand.country,
        admin1=cand.admin1,
        geonameid=cand.geonameid,
        feature=cand.feature,
    )


def resolve_mentions(text: str, spans: Sequence[tuple[int, int]], gaz: Gazetteer) -> list[Mention]:
    """The ranked mentions of ``spans`` in ``text`` (``choice`` None when unresolved)."""
    mentions = [make_mention(gaz, text, s, e) for s, e in spans]
    # Country/state names elsewhere in the text vote as context, then are dropped.
    cues = [Mention(s, e, text[s:e], cands) for s, e, cands in cue_spans(gaz, text, spans)]
    rank(mentions + cues, register=register_country(text))
    return mentions


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    resources: Resources,
    *,
    backoff: bool = False,
) -> list[Place]:
    """Resolve user-given mention spans of ``text``: one Place per span, in order.

    With ``backoff``, a mention the gazetteer cannot resolve gets the document's focus
    area as an approximate point (see ``focus_point``): lat/lon, country and admin1 set,
    ``name``, ``geonameid`` and ``feature`` null. Without it such a mention stays null.
    Raises ValueError for a span outside the text or with start >= end.
    """
    for s, e in spans:
        if not (0 <= s < e <= len(text)):
            raise ValueError(f"span [{s}, {e}] is outside the text (length {len(text)})")
    mentions = resolve_mentions(text, spans, resources.gazetteer)
    places = [to_place(m.text, m.start, m.end, m.choice) for m in mentions]
    point = focus_point(mentions) if backoff else None
    if point is not None:
        for place in places:
            if place.lat is None:
                place.lat, place.lon, place.country, place.admin1 = point
    return places


def focus_point(
    mentions: Sequence[Mention],
) -> tuple[float, float, str | None, str | None] | None:
    """The document's focus area: the median point of the resolved places in its most
    named admin1 (else country), as (lat, lon, country, admin1); None when nothing resolved.
    """
    chosen = [m.choice for m in mentions if m.choice is not None]
    if not chosen:
        return None
    countries = Counter(c.country for c in chosen if c.country)
    country = countries.most_common(1)[0][0] if countries else None
    admin1s = Counter(c.admin1 for c in chosen if c.country == country and c.admin1)
    admin1 = admin1s.most_common(1)[0][0] if admin1s else None
    members = [c for c in chosen if c.country == country and (admin1 is None or c.admin1 == admin1)]
    points = [c for c in members if c.feature not in ("A.PCLI", "L.CONT")] or members or chosen
    lat = statistics.median(c.lat for c in points)
    lon = statistics.median(c.lon for c in points)
    return round(lat, 5), round(lon, 5), country, admin1


def resolve_toponyms(doc: Doc, resources: Resources) -> list[Place]:
    """Every resolved toponym mention in ``doc``, in text order, metonyms included
    ("Washington said"): the actors stage reads them for the countries of place names."""
    gaz = resources.gazetteer
    spans = toponym_spans(doc, gaz)
    if not spans:
        return []
    mentions = resolve_mentions(doc_text(doc), spans, gaz)
    return [to_place(m.text, m.start, m.end, m.choice) for m in mentions if m.choice is not None]


def drop_metonyms(
    found: list[Place], doc: Doc, actors: list[Actor], resources: Resources
) -> list[Place]:
    """``found`` without the names that stand for a government ("Moscow denied")."""
    spans = [(p.start, p.end) for p in found]
    metonyms = metonym_spans(doc, spans, actors, resources.gazetteer)
    return [p for p in found if (p.start, p.end) not in metonyms]


def find_places(doc: Doc, actors: list[Actor], resources: Resources) -> list[Place]:
    """Return every resolved toponym mention in ``doc`` that is not an actor's metonym,
    in text order."""
    return drop_metonyms(resolve_toponyms(doc, resources), doc, actors, resources)
