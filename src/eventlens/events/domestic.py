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

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from eventlens.events.lexicon import IMPLIED_STATE_AGENTS, RECEIVED_CRITICISM, WAR_WORDS
from eventlens.events.merge import trigger_span
from eventlens.events.scene import implied_actor
from eventlens.places.lexicon import LOCATIVE_PREPS
from eventlens.records import Actor, Event, Place

if TYPE_CHECKING:
    from eventlens.resources import Resources

# Sectors of actors that belong to no state.
STATELESS_SECTORS = frozenset({"IGO", "NGO"})
# Sectors of people who act where they live: police, courts, ordinary people, suspects.
# Without a country word of their own they belong to the scene, whatever country the
# actors stage guessed from the rest of the article ("A Paris man" in a story from
# Paris, Tennessee; "police" in a story whose capital-like town names another country).
LOCAL_SECTORS = frozenset({"CVL", "COP", "JUD", "CRM", "LAB", "EDU", "HLH"})
# Share of an article's resolved places that makes its country the story's scene.
DOMINANT_SHARE = 0.6
# Entity labels that give an actor a country word of its own.
COUNTRY_WORD_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Acts that always have someone on the receiving end (blind coders give nearly every
# attack, arrest, sentence and accusation a target): with no one named, the scene's
# people, under this name.
VICTIM_TYPES = {"ASSAULT": "civilians", "COERCE": "people", "SANCTION": "people",
                "ACCUSE": "people"}  # fmt: skip
# Types of the state's legal acts, whose agent may be implied.
LEGAL_TYPES = frozenset({"COERCE", "ACCUSE", "SANCTION"})
# Acts whose unnamed other party blind coders give the scene's country: the unknown
# attacker of a crime ("he was found shot to death": an unknown suspect), and whoever an
# appeal is addressed to ("called for more help for addicts": the authorities).
IMPLIED_SOURCES = {"ASSAULT": ("attackers", "CRM")}
IMPLIED_TARGETS = {"REQUEST": ("authorities", "GOV"), "REJECT": ("proposers", None)}


def focus_country(places: list[Place], share: float = 0.0) -> str | None:
    """The country most resolved places of the article are in (ties: first named), if
    at least ``share`` of them are."""
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return None
    best = max(counts.values())
    if best < share * sum(counts.values()):
        return None
    return next(p.country for p in places if p.country and counts[p.country] == best)


def fill_scene_countries(
    events: list[Event], places: list[Place], doc: Doc, resources: Resources
) -> list[Event]:
    """Give country-less domestic actors the country of each event's scene (in place)."""
    focus = focus_country(places)
    # Overriding the actors stage's guess needs a story that is plainly about one country.
    strong_focus = focus_country(places, DOMINANT_SHARE)
    for ev in events:
        loc = ev.location
        scene = _scene(ev, focus)
        _imply_critics(ev, scene, resources)
        if scene is None:
            if ev.source is None and ev.type in LEGAL_TYPES and ev.target and ev.target.country:
                # No place anywhere: the state that arrests or charges someone is, as
                # a rule, the one they live in ("Sullivan was charged with ...").
                ev.source = _implied_agent(ev, doc, ev.target.country, resources)
            continue
        # Only a place named in the event's own sentence says where it happened (a
        # dateline or a place from elsewhere in the story may not).
        located = loc is not None and loc.country is not None and ev.start <= loc.start < ev.end
        sure = located or scene == strong_focus
        ev.source = _placed(ev.source, scene, resources, doc, places, sure)
        ev.target = _placed(ev.target, scene, resources, doc, places, sure)
        if ev.source is None and ev.type in LEGAL_TYPES:
            ev.source = _implied_agent(ev, doc, scene, resources)
        if ev.target is None and ev.type in VICTIM_TYPES and ev.status != "negated":
            # An attack or arrest whose victims are not named ("a bomb exploded near a
            # market", "he was remanded to custody") struck people of the scene: the target
            # is implied (empty text), with the scene's country.
            ev.target = implied_actor(scene, VICTIM_TYPES[ev.type], "CVL", resources)
    return events


def imply_other_parties(
    events: list[Event], places: list[Place], doc: Doc, resources: Resources
) -> list[Event]:
    """Give an attack with no attacker, or an appeal with no addressee, an implied one of
    its scene (in place). Run after the reliability and coreference models, which learned
    from records without these guesses."""
    focus = focus_country(places)
    for ev in events:
        scene = _scene(ev, focus)
        if scene is not None and ev.status != "negated":
            _imply_other_party(ev, scene, doc, resources)
    return events


def _scene(ev: Event, focus: str | None) -> str | None:
    """Where the act happened: its location's country, else the article's focus."""
    loc = ev.location
    return loc.country if loc is not None and loc.country else focus


def _imply_other_party(ev: Event, scene: str, doc: Doc, resources: Resources) -> None:
    """An unnamed attacker or addressee is of the scene; an attack in a sentence of war
    or terror has no implied attacker (its perpetrator need not be local)."""
    if ev.source is None and ev.type in IMPLIED_SOURCES:
        words = {t.lower_ for t in doc.char_span(ev.start, ev.end, alignment_mode="expand") or ()}
        if not words & WAR_WORDS:
            ev.source = implied_actor(scene, *IMPLIED_SOURCES[ev.type], resources)
    if ev.target is None and ev.type in IMPLIED_TARGETS:
        ev.target = implied_actor(scene, *IMPLIED_TARGETS[ev.type], resources)


def _placed(
    actor: Actor | None,
    scene: str,
    resources: Resources,
    doc: Doc,
    places: list[Place],
    sure: bool,
) -> Actor | None:
    if actor is None or actor.sector in STATELESS_SECTORS:
        return actor
    if actor.name.lower() in resources.lexicon.org_types:
        return actor  # "UN peacekeepers": coded by their organisation, not a state
    own = _own_place_country(actor, places)
    modifier = _own_place_country(actor, places, doc)
    if modifier is not None and actor.country is not None and modifier != actor.country:
        # "A Paris man": the Paris the places stage chose ("Tigrayan forces in Pretoria"
        # keep their own country: "in" says where they are, not whose they are)
        return replace(actor, country=modifier)
    if actor.country is None:
        if actor.sector == "REB" and _listed(actor, resources):
            return actor  # "supporting the Islamic State": a group of no one country
        return replace(actor, country=own or scene)
    if own is None and actor.country != scene and _guessed(actor, doc, resources, sure):
        return replace(actor, country=scene)
    return actor


def _listed(actor: Actor, resources: Resources) -> bool:
    """The actor is a dictionary entry (a known person or body), not a generic phrase."""
    lex = resources.lexicon
    bare = re.sub(r"^(?:the|a|an)\s+", "", actor.text, flags=re.IGNORECASE)  # "the FBI"
    return any(lex.entity_for(t) is not None for t in {actor.name, actor.text, bare} if t)


def _guessed(actor: Actor, doc: Doc, resources: Resources, located: bool) -> bool:
    """The actor's country is the actors stage's guess from the rest of the article and
    the scene is known well enough to replace it: no country word of its own, not a
    dictionary entry (a known person or body), and local people, or anyone when the
    event itself was located."""
    if not located or _has_country_word(actor, doc):
        return False
    if _listed(actor, resources):
        return False
    return actor.sector in LOCAL_SECTORS or actor.sector is None


def _own_place_country(
    actor: Actor, places: list[Place], doc: Doc | None = None
) -> str | None:
    """The resolved country of a place named inside the actor's own words; with ``doc``,
    only of a place modifying the actor ("A Paris man"), not one after "in"."""
    if actor.start is None or actor.end is None:
        return None
    inside = [p for p in places if p.country and actor.start <= p.start < actor.end]
    if doc is not None:  # the actor itself may be the place ("near Gao"): that counts
        inside = [p for p in inside if (p.start, p.end) == (actor.start, actor.end)
                  or not _after_locative(doc, p)]
    return inside[0].country if inside else None


def _after_locative(doc: Doc, place: Place) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    root = span.root if span is not None else None
    return root is not None and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def _has_country_word(actor: Actor, doc: Doc) -> bool:
    """"Kenyan police", "police in Nairobi": the actor's own words name its country."""
    if actor.start is None or actor.end is None:
        return True  # implied actors were given their country on purpose
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is None or any(t.ent_type_ in COUNTRY_WORD_LABELS for t in span)


def _imply_critics(ev: Event, scene: str | None, resources: Resources) -> None:
    """ "X drew criticism", "came under fire": unnamed critics, from X's country (else the
    scene's), are the source."""
    if ev.type != "ACCUSE" or ev.source is not None or ev.target is None:
        return
    words = set(ev.trigger.lower().split())
    country = ev.target.country or scene
    if words & RECEIVED_CRITICISM and country:
        ev.source = implied_actor(country, "critics", "CVL", resources)


def _implied_agent(ev: Event, doc: Doc, scene: str, resources: Resources) -> Actor | None:
    span = trigger_span(ev, doc)
    if span is None:
        return None
    # The noun of "made an arrest", else the verb of a phrase ("held on", "taken into").
    words = [span[-1], span.root]
    implied = next((IMPLIED_STATE_AGENTS[w.lemma_.lower()] for w in words
                    if w.lemma_.lower() in IMPLIED_STATE_AGENTS), None)
    if implied is None:
        return None
    group, sector = implied
    return implied_actor(scene, group, sector, resources)
