"""Events stage: actors and restatements settled from the scene of the act.

CAMEO/PLOVER coders give unnamed people the country of the place where things happen
("police arrested 43 people in Lagos": Nigerian civilians), code unnamed protesters as
the place's civilians, and count a restated meeting once. These helpers work on an
events candidate and its arguments (events.stage calls them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventlens.events.args import Arguments
from eventlens.events.candidate import Candidate
from eventlens.events.lexicon import DIPLOMATIC_BUILDINGS, RECIPROCAL_LEMMAS, SYMMETRIC_ASSAULT
from eventlens.events.places import place_targets
from eventlens.records import Actor, Event

if TYPE_CHECKING:
    from eventlens.resources import Resources

# Mutual events: "X and Y agreed" codes X->Y and Y->X.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Acts whose country-less targets take the country of the scene (_domestic_targets).
DOMESTIC_TYPES = frozenset({"COERCE", "ASSAULT", "ACCUSE", "PROTEST"})

LAW_SECTORS = frozenset({"COP", "JUD"})
# Sectors of the state that protesters march on.
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})
# Where a protest at a foreign state is held: "outside the French embassy".
EMBASSY_PREPS = frozenset({"outside", "at", "near", "before", "in"})
# Non-state sectors whose boycotts and strikes are protests.
CIVIL_SECTORS = frozenset({"OPP", "CVL", "LAB", "EDU", "AGR", "MED", "REL"})

NON_STATE_SECTORS = frozenset({"IGO", "NGO"})


def without_bare_repeats(coded: list[Event]) -> list[Event]:
    """Drop an actorless meeting or agreement when the sentence has one with actors.

    "X met Y, where the two men discussed trade": talks are restated in other words and
    the restatement names nobody. Distinct acts ("rebels attacked ..., and jets bombed
    ...") are kept even without actors.
    """
    with_actors = {e.type for e in coded if e.source is not None or e.target is not None}

    def restated(e: Event) -> bool:
        bare = e.source is None and e.target is None
        return bare and e.type in SYMMETRIC_TYPES and e.type in with_actors

    return [e for e in coded if not restated(e)]


def domestic_targets(cand: Candidate, args: Arguments, resources: Resources) -> list[Actor]:
    """Give country-less targets ("43 people", "a convoy") the country of the scene.

    CAMEO/PLOVER coders code the people arrested or attacked in a place as that
    country's; failing a place, the people police or courts act on are their own
    country's ("Kenyan police arrested 40 people").
    """
    if any(t.country or t.sector in NON_STATE_SECTORS for t in args.targets):
        return args.targets
    scene = place_targets(slot_heads(cand), frozenset(), resources, located=True)
    country = scene[0].country if scene else None
    if country is None:
        officers = [a for a in args.sources if a.sector in LAW_SECTORS and a.country]
        country = officers[0].country if officers else None
    if country is None:
        return args.targets
    return [replace(t, country=country) for t in args.targets]


def law_enforcement_raid(cand: Candidate, args: Arguments) -> bool:
    """A raid or search by police or prosecutors is coercion, not an armed attack."""
    if cand.token.lemma_.lower() not in ("raid", "storm", "search"):
        return False
    return bool(args.sources) and all(a.sector in LAW_SECTORS for a in args.sources)


def local_protesters(cand: Candidate, args: Arguments, resources: Resources) -> list[Actor]:
    """ "Protests were held in Basra": with nobody named, the protesters are the place's
    civilians, as CAMEO/PLOVER coders code them; with no place, the civilians of the
    government they protest at."""
    scene = place_targets(slot_heads(cand), frozenset(), resources, located=True)
    if not scene or scene[0].country is None:
        # "tens of thousands marched on the Education Ministry": its country's people
        scene = [t for t in args.targets if t.sector in STATE_SECTORS and t.country][:1]
        if not scene:
            return []
        return [implied_actor(scene[0].country or "", "civilians", "CVL", resources)]
    return [replace(scene[0], name=f"{scene[0].name} civilians", sector="CVL")]


def slot_heads(cand: Candidate) -> list[Token]:
    """Words whose dependants fill the event's argument slots: trigger, then clause verb."""
    tok, verb = cand.token, cand.clause.verb
    return [tok] if tok == verb or cand.request_by_speaker else [tok, verb]


def civil_boycott(cand: Candidate, args: Arguments) -> bool:
    """A boycott by an opposition, workers or citizens is a protest (CAMEO 14), one by a
    state a sanction."""
    if cand.type != "SANCTION" or cand.mode != "boycott" or not args.sources:
        return False
    return all(a.sector in CIVIL_SECTORS for a in args.sources)


def protested_government(cand: Candidate, args: Arguments, resources: Resources) -> list[Actor]:
    """The government a protest with no target actor is aimed at: the one whose embassy
    it is held at ("protested outside the French embassy"), else, for a domestic protest,
    the protesters' own, as CAMEO/PLOVER coders code it ("students marched in Dhaka")."""
    code = _embassy_country(cand.token, resources)
    if code is None:
        civil = [a for a in args.sources if a.sector in CIVIL_SECTORS and a.country]
        if not civil:
            return []
        code = civil[0].country or ""
    return [implied_actor(code, "government", "GOV", resources)]


def implied_actor(code: str, group: str, sector: str | None, resources: Resources) -> Actor:
    """An actor the text implies but does not name ("Bangladesh government"): empty text,
    no offsets."""
    name = resources.lexicon.country_names.get(code, code)
    return Actor(text="", name=f"{name} {group}", country=code, sector=sector)


def _embassy_country(trigger: Token, resources: Resources) -> str | None:
    lex = resources.lexicon
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in EMBASSY_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.lemma_.lower() not in DIPLOMATIC_BUILDINGS:
                continue
            for word in obj.subtree:
                entry = lex.entity_for(word.text)
                if entry is not None and entry.country and word != obj:
                    return entry.country
    return None


def pair_actors(etype: str, lemma: str, args: Arguments) -> list[tuple[Actor | None, Actor | None]]:
    """One (source, target) pair per record; mutual acts pair their joint subjects both ways."""
    sources: list[Actor | None] = list(args.sources) or [None]
    targets: list[Actor | None] = list(args.targets)
    symmetric = (
        (etype in SYMMETRIC_TYPES and lemma in RECIPROCAL_LEMMAS)
        or (etype == "ASSAULT" and lemma in SYMMETRIC_ASSAULT)
        or (etype == "CONCEDE" and lemma in ("swap", "exchange"))  # "the two sides swapped"
    )
    if symmetric and len(args.sources) > 1:  # "X and Y clashed, leaving nine dead"
        return [(s, t) for s in args.sources for t in args.sources if s is not t]
    pairs = []
    for s in sources:
        for t in targets or [None]:
            if s is not None and t is not None and s.name == t.name and len(targets) > 1:
                continue
            pairs.append((s, t))
    return pairs
