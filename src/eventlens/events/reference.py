"""Targets of reactions to an act reported earlier in the article.

"Washington criticised the crackdown", "Amnesty condemned the arrests", "the UN welcomed
the agreement": the reaction's object is an act already coded (or coded in the same
sentence), and the reaction is aimed at whoever did it. When syntax gives a reaction no
target actor, its object noun is matched to the latest earlier event of the noun's type,
and that event's source becomes the target.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from eventlens.events.lexicon import ANY_ACT_NOUNS, GENERIC_ACTS
from eventlens.events.triggers import match_trigger
from eventlens.records import Actor, Event, Quote

# Reactions whose target is the author of the act they are about.
REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "PROTEST", "SANCTION"})
# Coded types an act noun may have been coded as: an "agreement" signed is SUPPORT in
# PLOVER's gold standard, a "shutdown" or "ban" may be coded as a sanction.
ACT_FAMILIES = {
    "AGREE": frozenset({"AGREE", "SUPPORT"}),
    "COERCE": frozenset({"COERCE", "SANCTION"}),
    "SANCTION": frozenset({"SANCTION", "COERCE"}),
    # "called for the release of the detainees": aimed at whoever detained them.
    "CONCEDE": frozenset({"CONCEDE", "COERCE"}),
}
# What ``referenced_act`` returns for a noun naming whatever act was just reported.
ANY_ACT = "ANY"
POLICY_TYPES = frozenset(
    {"SANCTION", "COERCE", "REJECT", "MOBILIZE", "RETREAT", "CONCEDE", "AGREE", "AID", "THREATEN"}
)
# Prepositions that attach the act reacted to: "protested against the ban", "sanctions over
# the crackdown", "praised X for its mediation".
ABOUT_PREPS = frozenset({"over", "against", "about", "for", "of", "at"})


def referenced_act(trigger: Token) -> str | None:
    """The PLOVER type of the act a reaction's trigger is about, if its object names one."""
    for obj in _objects(trigger):
        if obj.lemma_.lower() in GENERIC_ACTS:
            continue  # "condemned the violence": nobody's act in particular
        if obj.lemma_.lower() in ANY_ACT_NOUNS and any(c.lower_ == "the" for c in obj.children):
            return ANY_ACT  # "condemned the move": the act just reported
        found = match_trigger(obj)
        if found is not None and found.pos == "N":
            return found.type
    return None


def _objects(trigger: Token) -> list[Token]:
    out: list[Token] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in ABOUT_PREPS:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def fill_reaction_targets(events: list[Event], acts: list[str | None]) -> list[Event]:
    """Give target-less reactions the source of the latest act of the type they are about.

    ``acts[i]`` is the type of the act event ``i`` reacts to (``referenced_act``), or
    None. Events are in text order; an act in the same sentence counts too.
    """
    out: list[Event] = []
    for event, act in zip(events, acts, strict=True):
        if event.target is None and act is not None and event.type in REACTION_TYPES:
            author = _latest_author(events, act, event)
            if author is not None:
                event = replace(event, target=author)
        out.append(event)
    return out


def _latest_author(events: list[Event], act: str, reaction: Event) -> Actor | None:
    best: Actor | None = None
    own = reaction.source.country if reaction.source is not None else None
    # "the move" can only be what was just reported: this or the previous sentence
    horizon = -1
    if act == ANY_ACT:
        horizon = max((e.start for e in events if e.start < reaction.start), default=reaction.start)
    for other in events:
        if other.start > reaction.start:
            break
        if other.start < horizon:
            continue
        if other is reaction or other.source is None or not _is_act(other, act, reaction):
            continue
        if other.status != "occurred":
            continue  # a denied or planned act is not what is being condemned
        if other.source.country is not None and other.source.country == own:
            continue  # a government condemning the crackdown it carried out: not this one
        best = other.source
    return best


def _is_act(other: Event, act: str, reaction: Event) -> bool:
    if act == ANY_ACT:  # "condemned the move": a policy step, not a fight or a complaint
        return other.type in POLICY_TYPES and other.type != reaction.type
    return other.type in ACT_FAMILIES.get(act, {act})


FIRST_PERSON = frozenset({"we", "i"})


def quoted_sources(events: list[Event], quotes: list[Quote], doc: Doc) -> list[Event]:
    """Acts a speaker announces in the first person are the speaker's: '"We urge all
    parties to show restraint," a UN spokesperson said.'"""
    spans = [(q.start, q.end, q.speaker) for q in quotes if q.speaker is not None]
    if not spans:
        return events
    by_char = {t.idx: t for t in doc}
    out: list[Event] = []
    for event in events:
        at = event.trigger_start
        speaker = next((sp for s, e, sp in spans if at is not None and s <= at < e), None)
        token = by_char.get(at) if at is not None else None
        if speaker is not None and token is not None and _first_person_subject(token):
            source = Actor(text=speaker.text, name=speaker.name, country=speaker.country,
                           sector=speaker.sector, start=speaker.start, end=speaker.end)  # fmt: skip
            event = replace(event, source=source)
        out.append(event)
    return out


def _first_person_subject(trigger: Token) -> bool:
    verb = trigger
    for _ in range(3):  # "we urge", "we will not hesitate to strike"
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject.lower_ in FIRST_PERSON
        if verb.dep_ not in ("xcomp", "conj") or verb.head is verb:
            return False
        verb = verb.head
    return False


# Acts aimed at another party by nature: without a target in the text, the other side of
# the story's main pair is the likely one ("Estonia opened an investigation").
DYADIC_TYPES = frozenset(
    {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SANCTION", "COERCE", "MOBILIZE", "CONCEDE"}
)


def story_dyad(actors: list[Actor]) -> tuple[str, str] | None:
    """The story's main pair of parties (countries, or international bodies by name): the
    two most-named, together at least half of all party mentions and each named at least
    twice; None otherwise."""
    counts: dict[str, int] = {}
    for actor in actors:
        key = _party(actor)
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda c: -counts[c])
    if len(ranked) < 2 or counts[ranked[1]] < 2:
        return None
    if counts[ranked[0]] + counts[ranked[1]] < sum(counts.values()) / 2:
        return None
    return ranked[0], ranked[1]


def _party(actor: Actor) -> str | None:
    if actor.country:
        return actor.country
    return actor.name if actor.sector in ("IGO", "NGO") else None


def fill_dyad_targets(events: list[Event], actors: list[Actor]) -> list[Event]:
    """Give a target-less act by one side of the story's main pair the other side."""
    dyad = story_dyad(actors)
    if dyad is None:
        return events
    latest = {_party(a): a for a in actors if _party(a) in dyad}
    out: list[Event] = []
    for event in events:
        src = _party(event.source) if event.source is not None else None
        if event.target is None and event.type in DYADIC_TYPES and src in dyad:
            other = dyad[1] if src == dyad[0] else dyad[0]
            event = replace(event, target=latest[other])
        out.append(event)
    return out
