"""Events stage: PLOVER event coding with source/target actors and status.

For each sentence: find trigger words from the lexicon (``data/plover_verbs.tsv``),
work out from the dependency parse what governs each trigger (a request, a
refusal, a threat, a speech verb), its status, and its source and target
arguments, then map those arguments to the actor mentions of the actors stage.
A place named in a target slot stands for its country (events.places). Sources are
only guessed from clause subjects, and events with no actor lose confidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from eventlens.events.args import (
    ActorIndex,
    Arguments,
    actors_for,
    adjacent_object,
    cue_objects,
    cue_preps,
    noun_sources,
    object_candidates,
    outbreak_subject,
)
from eventlens.events.cameo import cameo_root
from eventlens.events.candidate import Candidate
from eventlens.events.context import event_context, refine_mode
from eventlens.events.fallback import fallback_source
from eventlens.events.lexicon import (
    AGENT_NOUNS,
    ARMED_SECTORS,
    CONTACT_VERBS,
    OWN_OBJECT_VERBS,
    PROTEST_GATHERING_VERBS,
    RESTATING_VERBS,
    SUBJECT_ACT_VERBS,
    TIME_NOUNS,
    TRANSFER_VERBS,
)
from eventlens.events.participants import participants_verb
from eventlens.events.places import LOCATION_TYPES, place_targets, slots_for
from eventlens.events.reference import fill_dyad_targets, fill_reaction_targets, referenced_act
from eventlens.events.rules import sentence_candidates
from eventlens.events.scene import (
    DOMESTIC_TYPES,
    civil_boycott,
    domestic_targets,
    law_enforcement_raid,
    local_protesters,
    pair_actors,
    protested_government,
    slot_heads,
    without_bare_repeats,
)
from eventlens.events.triggers import is_light_verb
from eventlens.events.undergone import (
    held_arguments,
    received_arguments,
    undergone_arguments,
)
from eventlens.events.voice import passive_subjects, verb_subject
from eventlens.nlp import doc_text
from eventlens.records import Actor, Event

if TYPE_CHECKING:
    from eventlens.resources import Resources

# Prepositions that introduce the target for some types: "withdrew from X", "aid for X".
EXTRA_TARGET_PREPS = {
    "RETREAT": frozenset({"from", "of"}),
    "AID": frozenset({"for"}),
    "REQUEST": frozenset({"from", "for"}),
}
# Types whose direct object is what the source moves ("deployed troops"), not a target.
INSTRUMENT_TYPES = frozenset({"MOBILIZE", "RETREAT", "AID"})
OTHER_CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "parataxis", "relcl", "cc"})
# Sectors whose arrivals are migration or flight, not diplomatic visits.
NON_TRAVELLER_SECTORS = frozenset({"CVL", "REF", "LAB", "AGR"})
# Confidence factors for an event with no source actor, and with no actor at all.
NO_SOURCE_FACTOR = 0.6
NO_ACTOR_FACTOR = 0.45
# Triggers weaker than these are not events without a source or target actor.
WEAK_NOUN_WEIGHT = 0.75
WEAK_VERB_WEIGHT = 0.5  # "they fired", "it was cut": too vague without any actor
# Pronouns of one person, and the sectors of bodies that report what others did.
PERSON_PRONOUNS = frozenset({"he", "she"})
REPORTING_BODIES = frozenset({"COP", "JUD", "MED", "IGO", "NGO"})
# Confidence factor for triggers inside adverbial, relative or prepositional clauses.
SUBORDINATE_FACTOR = 0.7
# Most words between a support verb and its trigger noun for the verb to join the trigger
# ("launched a major ground offensive").
LIGHT_VERB_GAP = 4
# Confidence factor for an infinitive of purpose: the act it serves is the main event.
PURPOSE_FACTOR = 0.8


def find_events(doc: Doc, actors: list[Actor], resources: Resources) -> list[Event]:
    """Return the PLOVER events asserted in ``doc``, one per (source, target) pair."""
    index = ActorIndex(actors)
    events: list[Event] = []
    acts: list[str | None] = []
    for sent in doc.sents:
        coded: list[tuple[Event, str | None]] = []
        for cand in sentence_candidates(sent):
            act = referenced_act(cand.token)
            coded.extend((ev, act) for ev in _code_candidate(cand, sent, index, resources))
        kept = {id(ev) for ev in without_bare_repeats([ev for ev, _ in coded])}
        for ev, act in coded:
            if id(ev) in kept:
                events.append(ev)
                acts.append(act)
    return fill_dyad_targets(fill_reaction_targets(events, acts), actors)


def _arguments(cand: Candidate, index: ActorIndex, sent: Span) -> Arguments:
    tok, verb = cand.token, cand.clause.verb
    if cand.request_by_speaker:
        speaker = actors_for(cand.clause.reporter, index)
        addressee = actors_for(verb_subject(verb)[0], index)
        if speaker:
            return Arguments(speaker, addressee, True)
        return Arguments(fallback_source(tok, sent, index, addressee), addressee, False)
    appeal = _appeal(cand, index)
    if appeal is not None:
        return appeal
    held = held_arguments(cand, index) or received_arguments(cand, index)
    if held is not None:
        return held
    if cand.trigger.role == "undergo" and tok.pos_ in ("VERB", "AUX"):
        return undergone_arguments(tok, index)
    subjects: list[Token | None] = []
    cued: list[Token] = []
    if verb == tok and tok.pos_ in ("VERB", "AUX"):
        subjects.append(verb_subject(verb)[0])
        objects = object_candidates(verb, tok, *_frame(cand))
        cued = cue_objects(verb, cand.trigger.words)
        if cued:  # "launched drones at Kyiv": the drones are the attacker's, never its target
            carried = {t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree}
            objects = cued + [o for o in objects if o.i not in carried]
    else:
        staged = participants_verb(tok) if tok.lemma_.lower() in AGENT_NOUNS else None
        if staged is not None and staged.lemma_.lower() in PROTEST_GATHERING_VERBS:
            subjects.append(tok)  # "thousands of protesters gathered": they protest
        if verb != tok:
            subjects.append(verb_subject(verb)[0])
        subjects.extend(noun_sources(tok))
        if verb == tok and tok.dep_ in ("dobj", "attr") and tok.head.pos_ == "VERB":
            if _owned_by_subject(tok):
                subjects.append(verb_subject(tok.head)[0])  # "X reiterated its demand"
        objects = object_candidates(verb, tok, *_frame(cand))
    sources: list[Actor] = []
    for subj in subjects:
        sources = actors_for(subj, index)
        if sources:
            break
    targets = _first_targets(objects, index, sources)
    if not targets and verb == tok and tok.pos_ == "VERB" and not _frame(cand)[1] and not cued:
        targets = [a for a in adjacent_object(tok, index) if a not in sources]
    if sources:
        return Arguments(sources, targets, True)
    if cand.trigger.pos == "N" and (_object_of_other_act(cand) or _object_of_content_verb(cand)):
        return Arguments([], targets, False)  # "X criticised the deal": not X's deal
    reporter = actors_for(cand.clause.reporter, index) if cand.clause.reporter else []
    first = subjects[0] if subjects else None
    if reporter and cand.clause.speech is None and verb.dep_ == "acl":
        return Arguments(reporter[:1], targets, True)  # "X issued a statement condemning Y"
    if reporter and first is not None and first.pos_ == "PRON" and _may_be(first, reporter[0]):
        return Arguments(reporter[:1], targets, True)  # "X said it had expelled ..."
    if cand.trigger.pos == "N" and _in_time_phrase(tok):
        return Arguments([], targets, False)  # "..., the third day of protests": a background
    guess = fallback_source(tok, sent, index, targets + reporter)
    harm_passive = cand.type == "ASSAULT" and verb_subject(verb)[1]
    if not guess and first is None and not harm_passive:
        # No subject at all: the reporter is the best guess, but not for an agentless
        # passive attack ("X said 40 officers had been injured": X injured no one).
        guess = reporter[:1]
    return Arguments(guess, targets, False)


def _appeal(cand: Candidate, index: ActorIndex) -> Arguments | None:
    """A public appeal, "Anyone with information is urged to call police": whoever is to
    be called asks, the passive subject is asked (no target when nobody is named)."""
    tok = cand.token
    asked = passive_subjects(tok) if cand.type == "REQUEST" and tok.pos_ == "VERB" else []
    if not asked:
        return None
    for xcomp in (c for c in tok.children if c.dep_ == "xcomp"):
        if xcomp.lemma_.lower() in CONTACT_VERBS:
            called = next((c for c in xcomp.children if c.dep_ == "dobj"), None)
            askers = actors_for(called, index)
            if askers:
                return Arguments(askers[:1], actors_for(asked[0], index), True)
    return None


def _frame(cand: Candidate) -> tuple[frozenset[str], bool, bool]:
    """Extra target prepositions, whether the object is an instrument, from the coded
    type and the trigger's own type ("would withdraw its envoys from X": a threat), and
    whether the target is a destination (a visit)."""
    types = (cand.type, cand.trigger.type)
    preps = frozenset().union(*(EXTRA_TARGET_PREPS.get(t, frozenset()) for t in types))
    # "recalled its envoy from X", "halted aid to X": the object is the source's own.
    lemma = cand.token.lemma_.lower()
    own = lemma in OWN_OBJECT_VERBS
    if own:
        preps |= {"from", "to", "for"}
    # "extradited the suspect to Peru": the object is who is moved, the target the state.
    moved = lemma in TRANSFER_VERBS
    if moved:
        preps |= {"to"}
    instrument = own or moved or any(t in INSTRUMENT_TYPES for t in types)
    return preps, instrument, cand.trigger.mode == "visit"


def _object_of_other_act(cand: Candidate) -> bool:
    """A noun trigger that is the object of another trigger ("rejected the ultimatum")."""
    gov = cand.clause.governor
    if gov is None or _owned_by_subject(cand.token):
        return False
    head = cand.token.head
    if cand.token.dep_ == "pobj":
        head = head.head
    return head == gov


def _object_of_content_verb(cand: Candidate) -> bool:
    """A noun trigger that is the object of a verb that neither carries it nor makes it the
    subject's act: "X reviewed the offensive", "to watch the talks". Its agent is not the
    verb's subject; only its own modifiers ("Iraqi forces' offensive") can name it."""
    tok = cand.token
    if cand.clause.verb != tok or tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
        return False
    head = tok.head
    if is_light_verb(head) or head.lemma_.lower() in SUBJECT_ACT_VERBS:
        return False
    return not _owned_by_subject(tok)


def _owned_by_subject(noun: Token) -> bool:
    """A noun marked as the verb subject's own act: "its demand", "their protest"."""
    if noun.head.lemma_.lower() in RESTATING_VERBS:
        return True
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _first_targets(objects: list[Token], index: ActorIndex, sources: list[Actor]) -> list[Actor]:
    """Actors of the first object candidate that names someone other than the source."""
    source_keys = {(a.name, a.start) for a in sources}
    for obj in objects:
        found = [a for a in actors_for(obj, index) if (a.name, a.start) not in source_keys]
        if found:
            return found
    return []


def _in_time_phrase(tok: Token) -> bool:
    """A noun in the "of" phrase of a time noun ("two days of protests", "a week of
    fighting") or in an apposition or adverbial noun phrase of the clause."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in TIME_NOUNS:
        return True
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("appos", "npadvmod") or cur.head == cur:
            return cur.dep_ != "ROOT"
        if cur.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
    return False


def _code_candidate(
    cand: Candidate, sent: Span, index: ActorIndex, resources: Resources
) -> list[Event]:
    args = _arguments(cand, index, sent)
    if not _plausible_frame(cand, args, index):
        return []
    if not args.targets:
        slots = slots_for(cand.type, cand.trigger.mode)
        located = cand.type in LOCATION_TYPES
        if slots or located:
            args.targets = place_targets(slot_heads(cand), slots, resources, located)
    if civil_boycott(cand, args):
        cand.type, cand.mode = "PROTEST", None  # "the opposition began a boycott"
    if cand.trigger.role == "undergo" and any(a.sector in ARMED_SECTORS for a in args.targets):
        cand.type, cand.mode = "ASSAULT", None  # "the officers came under fire": gunfire
    if cand.type == "ASSAULT" and law_enforcement_raid(cand, args):
        cand.type, cand.mode = "COERCE", None  # "anti-graft officers raided the offices"
    if args.targets and cand.type in DOMESTIC_TYPES:
        args.targets = domestic_targets(cand, args, resources)
    if cand.type == "PROTEST" and not args.sources:
        args.sources = local_protesters(cand, args, resources)
    if cand.type == "PROTEST" and not args.targets:
        args.targets = protested_government(cand, args, resources)
    if not args.sources and not args.targets and not outbreak_subject(cand.token):
        weak = WEAK_NOUN_WEIGHT if cand.trigger.pos == "N" else WEAK_VERB_WEIGHT
        if cand.trigger.weight < weak:
            return []  # a weak word with nobody attached: "a lot of hard fighting ahead"
    reporters = actors_for(cand.clause.reporter, index) if cand.clause.reporter else []
    reporter = reporters[0] if reporters else None
    etype = cand.type
    lemma = cand.token.lemma_.lower()
    context = event_context(sent, etype)
    mode = refine_mode(etype, cand.mode, _clause_tokens(cand))
    confidence = _confidence(cand, args)
    t_start, t_end = _trigger_span(cand)
    common = dict(
        type=etype, mode=mode, context=context, cameo=cameo_root(etype, mode, lemma, context),
        location=None, date=None, date_text=None, status=cand.status,
        trigger=doc_text(sent.doc)[t_start:t_end], sentence=sent.text, start=sent.start_char,
        end=sent.end_char, confidence=confidence, trigger_start=t_start, trigger_end=t_end,
        reported_by=reporter,
    )  # fmt: skip
    return [Event(source=s, target=t, **common) for s, t in pair_actors(etype, lemma, args)]  # type: ignore[arg-type]


def _may_be(pronoun: Token, reporter: Actor) -> bool:
    """Whether a pronoun subject can be its reporter: "police said he stabbed a neighbour"
    is not the police (a person's pronoun, a body that reports)."""
    if pronoun.lower_ not in PERSON_PRONOUNS:
        return True
    return reporter.sector not in REPORTING_BODIES and not reporter.text.lower().endswith("s")


def _plausible_frame(cand: Candidate, args: Arguments, index: ActorIndex) -> bool:
    """Reject trigger senses the arguments rule out: a meeting whose object is a thing
    ("met fierce resistance", "met the deadline"), a reception of no one ("received a
    complaint"); a trip by ordinary people ("14,500 refugees arrived in X" is a movement
    of people, not a visit)."""
    tok = cand.token
    if tok.lemma_.lower() == "meet" and tok.pos_ == "VERB" and not args.targets:
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ == "NOUN" and not actors_for(obj, index):
            return False
    if cand.type == "CONSULT" and tok.lemma_.lower() == "receive" and not args.targets:
        return False  # "police received a complaint": nobody was received
    if cand.trigger.mode == "visit" and args.sources:
        return not all(a.sector in NON_TRAVELLER_SECTORS for a in args.sources)
    return True


def _clause_tokens(cand: Candidate) -> list[Token]:
    """The words of the event's own clause: trigger and clause verb, without other clauses."""
    toks: dict[int, Token] = {}
    for head in {cand.token.i: cand.token, cand.clause.verb.i: cand.clause.verb}.values():
        toks[head.i] = head
        for child in head.children:
            # Skip other clauses hanging off the verb ("..., and US aircraft bombed ...").
            if child.dep_ not in OTHER_CLAUSE_DEPS:
                toks.update((t.i, t) for t in child.subtree)
    return [toks[i] for i in sorted(toks)]


def _confidence(cand: Candidate, args: Arguments) -> float:
    """Trigger strength, discounted when embedded or when no actor was found by syntax."""
    score = cand.trigger.weight * cand.factor
    if not args.sources:
        score *= NO_SOURCE_FACTOR if args.targets else NO_ACTOR_FACTOR
    elif not args.source_syntactic:
        score *= 0.8
    if not cand.clause.main:
        score *= SUBORDINATE_FACTOR
    elif cand.clause.purpose:
        score *= PURPOSE_FACTOR
    elif cand.clause.verb.dep_ == "ROOT" or cand.clause.verb.head == cand.clause.speech:
        score += 0.05
    return round(min(0.99, max(0.01, score)), 3)


def _trigger_span(cand: Candidate) -> tuple[int, int]:
    tok, words = cand.token, cand.trigger.words
    doc = tok.doc
    if cand.trigger.pos == "N":
        first = doc[tok.i - len(words) + 1]
        head = tok.head
        # The support verb belongs to the trigger: "imposed sanctions" is not "lifted sanctions".
        if tok.dep_ == "dobj" and is_light_verb(head) and 0 < first.i - head.i <= LIGHT_VERB_GAP:
            first = head
        return first.idx, tok.idx + len(tok.text)
    end_tok = tok
    for j in range(tok.i + 1, min(tok.i + 4, len(doc))):  # "lodged a strong protest"
        if doc[j].lower_ in words[1:] or doc[j].lemma_.lower() in words[1:]:
            end_tok = doc[j]
    for prep in cue_preps(tok, words):  # "fired a barrage of rockets at"
        end_tok = max(end_tok, prep, key=lambda t: t.i)
    return tok.idx, end_tok.idx + len(end_tok.text)
