"""The scene of domestic acts: country-less actors take the country where the act happens.

PLOVER coders (and ANNOTATION.md) code domestic actors without a country word, such
as "police", "protesters", "residents", "a 41-year-old man", by the country where the
act takes place. The events stage codes actors from their own words only; once the
places stage has located each event, this pass gives such actors the event's country:
the country of its location, else the article's focus country (the country most of
its resolved places are in). International and non-governmental organisations keep
no country.

An agentless arrest, charge or sentence ("a man was arrested") is the act of the
state's police, prosecutors or courts of that country (``IMPLIED_STATE_AGENTS``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from eventlens.events.lexicon import IMPLIED_STATE_AGENTS
from eventlens.events.merge import trigger_head
from eventlens.records import Actor, Event, Place

if TYPE_CHECKING:
    from eventlens.resources import Resources

# Sectors of actors that belong to no state.
STATELESS_SECTORS = frozenset({"IGO", "NGO"})
# Types of the state's legal acts, whose agent may be implied.
LEGAL_TYPES = frozenset({"COERCE", "ACCUSE", "SANCTION"})


def focus_country(places: list[Place]) -> str | None:
    """The country most resolved places of the article are in (ties: first named)."""
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return None
    best = max(counts.values())
    return next(p.country for p in places if p.country and counts[p.country] == best)


def fill_scene_countries(
    events: list[Event], places: list[Place], doc: Doc, resources: Resources
) -> list[Event]:
    """Give country-less domestic actors the country of each event's scene (in place)."""
    focus = focus_country(places)
    for ev in events:
        loc = ev.location
        scene = loc.country if loc is not None and loc.country else focus
        if scene is None:
            continue
        ev.source = _placed(ev.source, scene, resources)
        ev.target = _placed(ev.target, scene, resources)
        if ev.source is None and ev.type in LEGAL_TYPES:
            ev.source = _implied_agent(ev, doc, scene, resources)
    return events


def _placed(actor: Actor | None, scene: str, resources: Resources) -> Actor | None:
    if actor is None or actor.country is not None or actor.sector in STATELESS_SECTORS:
        return actor
    if actor.name.lower() in resources.lexicon.org_types:
        return actor  # "UN peacekeepers": coded by their organisation, not a state
    return replace(actor, country=scene)


def _implied_agent(ev: Event, doc: Doc, scene: str, resources: Resources) -> Actor | None:
    head = trigger_head(ev, doc)
    if head is None:
        return None
    implied = IMPLIED_STATE_AGENTS.get(head.lemma_.lower())
    if implied is None:
        return None
    group, sector = implied
    name = resources.lexicon.country_names.get(scene, scene)
    return Actor(text="", name=f"{name} {group}", country=scene, sector=sector)
