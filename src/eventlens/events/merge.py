"""One record per real-world event: fold re-mentions into the record they restate.

News repeats itself: the headline announces what the lead reports, a later sentence
says "the attack", a quote restates the decision, and a trigger with two targets was
coded as one record per pair. PLOVER coders (and the users counting events) want one
record per event with every supporting sentence kept as evidence. This pass runs on
an article's events in text order:

- records of one trigger (one per source/target pair) become one record: the first
  pair, the others' actors dropped (the article's actor list keeps them);
- a *re-mention*, a noun trigger that refers back ("the attack", "this decision",
  "the talks") or a headline event, with actors that do not contradict the earlier
  record, becomes evidence of the earlier record of the same type, lending it any
  actor it lacked;
- *generic mentions*, bare plural nouns with nobody attached ("knife attacks in the
  country", "ambush attacks on officers increase") and nouns naming what a charge is
  about ("charged with assault"), are topics, not events, and are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.events.args import outbreak_subject
from eventlens.events.lexicon import (
    CASUALTY_VERBS,
    CHARGE_NOUNS,
    COUNT_WORDS,
    DISTINCT_MARKERS,
    MEDIA_WORDS,
    OTHER_GROUP_WORDS,
    REFERRING_DETERMINERS,
)
from eventlens.events.voice import first_child
from eventlens.nlp import doc_text, entities_in
from eventlens.records import Actor, Event, Evidence

# The state's legal acts, told again as a case unfolds ("arrested ... was arrested on").
LEGAL_ACTS = frozenset({"COERCE", "ACCUSE", "SANCTION"})


# How far after a described legal act its named retelling may come ("A man was arrested
# ... John Smith, 41, was arrested on charges of ..."): a police blotter tells several
# arrests further apart.
RETELL_REACH = 400


def one_record_per_event(events: list[Event], doc: Doc) -> list[Event]:
    """Merge pair records and re-mentions; drop generic mentions (see module doc)."""
    kept: list[Event] = []
    headline_end = headline_span(doc)
    lemmas: dict[int, str] = {}  # id(kept record) -> its trigger's lemma
    by_trigger: dict[tuple[int | None, str], Event] = {}
    for ev in events:
        key = (ev.trigger_start, ev.type)
        if ev.trigger_start is not None and key in by_trigger:
            continue  # another (source, target) pair of a record already kept
        head = trigger_head(ev, doc)
        if head is None:
            kept.append(ev)
            continue
        if is_generic_mention(ev, head) or _empty_denial(ev, head):
            continue
        earlier = None if _marked_distinct(head) else _restated(ev, head, kept, lemmas)
        if earlier is not None and (
            _same_time(earlier, ev, doc)
            or (earlier.start >= headline_end and _case_told_on(earlier, ev, doc))
        ):
            absorb(earlier, ev)
            by_trigger[key] = earlier
            continue
        if _predicate_noun(head):
            continue  # "it was an attack" with nothing told before: a description
        by_trigger[key] = ev
        lemmas[id(ev)] = head.lemma_.lower()
        kept.append(ev)
    return _fold_headline(kept, headline_end)


def trigger_span(ev: Event, doc: Doc) -> Span | None:
    """The words of the event's trigger, or None when it has no (non-empty) span."""
    if ev.trigger_start is None or ev.trigger_end is None:
        return None
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def trigger_head(ev: Event, doc: Doc) -> Token | None:
    """The last word of the event's trigger (the noun of "launched an offensive")."""
    span = trigger_span(ev, doc)
    return span[-1] if span is not None else None


def is_generic_mention(ev: Event, head: Token) -> bool:
    """A bare plural noun with no actor ("knife attacks", "attacks increase") or the
    subject matter of a charge ("charged with assault", "a charge of simple assault")."""
    if head.pos_ != "NOUN" or ev.trigger_start != head.idx:
        return False
    if _charge_content(head) or any(
        c.dep_ == "compound" and c.lower_ in MEDIA_WORDS for c in head.children
    ):
        return True
    if ev.source is not None or ev.target is not None or head.tag_ != "NNS":
        return False
    if outbreak_subject(head):
        return False  # "protests erupted in several cities": these protests, now
    return not any(c.dep_ in ("det", "poss", "nummod") for c in head.children)


def _charge_content(head: Token) -> bool:
    cur = head
    for _ in range(3):
        if cur.dep_ not in ("pobj", "conj", "compound", "appos") or cur.head == cur:
            return False
        cur = cur.head
        if cur.dep_ == "prep" and cur.lower_ in ("with", "of", "for", "to"):
            gov = cur.head
            if gov.pos_ == "NOUN" and not (
                gov.tag_ == "NNS" or any(c.dep_ in ("det", "nummod") for c in gov.children)
            ):
                return False  # "took charge of the investigation": an idiom, not a charge
            return gov.lemma_.lower() in CHARGE_NOUNS
    return False


def _restated(
    ev: Event, head: Token, kept: list[Event], lemmas: dict[int, str]
) -> Event | None:
    """The earlier record ``ev`` tells again, if any: a referring noun ("the attack", "it
    was an attack"), an agentless casualty report ("ten people were killed") after an
    attack, or the same verb for the same people ("X was arrested ... X was arrested on
    charges of ...")."""
    if head.pos_ == "NOUN" and ev.trigger_start == head.idx:
        if not (_refers_back(head) or _predicate_noun(head)):
            return None
        return _latest(ev, kept, _compatible)
    if head.pos_ not in ("VERB", "ADJ"):
        return None
    lemma = head.lemma_.lower()
    if ev.type == "ASSAULT" and lemma in CASUALTY_VERBS and head.dep_ == "conj":
        toll = _same_toll(ev, head.head, kept)  # "killed 13 and wounded 56": one attack
        if toll is not None:
            return toll
    if ev.type == "ASSAULT" and ev.source is None and lemma in CASUALTY_VERBS:
        return _latest(ev, kept, _compatible)
    earlier = _latest(ev, kept, _same_people)
    if earlier is not None and lemmas.get(id(earlier)) == lemma and not other_group(
        trigger_head(earlier, head.doc), head
    ):
        return earlier
    if ev.type in LEGAL_ACTS and _agentless(ev):
        # "A DeKalb man has been arrested ... Keith D. Johnson, 41, was arrested on
        # charges of ...": the same arrest told again, the person now named.
        earlier = _latest(ev, kept, _same_scene)
        if (earlier is not None and lemmas.get(id(earlier)) == lemma
                and ev.start - earlier.end <= RETELL_REACH
                and not other_group(trigger_head(earlier, head.doc), head)):
            return earlier
    return None


def _case_told_on(earlier: Event, ev: Event, doc: Doc) -> bool:
    """A legal act told first without a time and then with one ("A top aide has been
    arrested ... Marra was arrested on Friday"): the case unfolding, not a second act.
    (A headline's record is folded into the body's instead, see ``_fold_headline``.)"""
    return ev.type in LEGAL_ACTS and not _times_of(trigger_head(earlier, doc))


def _agentless(ev: Event) -> bool:
    """No one named as the actor (none, or an implied police/prosecutors/court)."""
    return ev.source is None or not ev.source.text


def _same_scene(a: Event, b: Event) -> bool:
    """Same side acting, same place (or one unplaced), and the target on the same side."""
    if not (_agentless(a) and _same_side(a.source, b.source)):
        return False
    if a.location is not None and b.location is not None:
        if (a.location.geonameid, a.location.name) != (b.location.geonameid, b.location.name):
            return False
    if two_named_people(a.target, b.target):
        return False  # "McDaniel was arrested ... Chappell was arrested": two people
    return _same_side(a.target, b.target)


def two_named_people(x: Actor | None, y: Actor | None) -> bool:
    """Both actors named by their own words, and named differently."""
    return x is not None and y is not None and is_named(x) and is_named(y) and x.name != y.name


def is_named(actor: Actor | None) -> bool:
    """An actor its own words name ("Katrina Chappell"), not a description ("a Lakeside
    man", "police"): every word of its name is capitalised."""
    if actor is None or not actor.text:
        return False
    words = [w for w in actor.name.split() if w[:1].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def _same_toll(ev: Event, first: Token, kept: list[Event]) -> Event | None:
    """The record of the casualty verb ``first`` that ``ev``'s verb is conjoined to, in
    the same sentence."""
    if first.lemma_.lower() not in CASUALTY_VERBS:
        return None
    for earlier in reversed(kept):
        start, end = earlier.trigger_start, earlier.trigger_end
        if (earlier.type == ev.type and earlier.start == ev.start and start is not None
                and end is not None and start <= first.idx < end):
            return earlier
    return None


def _latest(
    ev: Event, kept: list[Event], fits: Callable[[Event, Event], bool]
) -> Event | None:
    for earlier in reversed(kept):
        if earlier.type == ev.type and earlier.start < ev.start and fits(earlier, ev):
            return earlier
    return None


def _marked_distinct(head: Token) -> bool:
    """"another explosive device", "a second attack", "a new round of talks"."""
    near = [*head.children, *(g for c in head.children for g in c.children)]
    return any(t.lower_ in DISTINCT_MARKERS for t in near)


def _same_time(earlier: Event, ev: Event, doc: Doc) -> bool:
    """A mention with its own time ("In May, a stabbing spree left two dead") is another
    event unless the earlier mention gave the same time."""
    head = trigger_head(ev, doc)
    if head is not None and head.dep_ == "conj" and _same_toll(ev, head.head, [earlier]):
        return True  # "killed 13 and wounded 56 on Saturday": one time for both verbs
    own = _times_of(head)
    return not own or own <= _times_of(trigger_head(earlier, doc))


def _times_of(head: Token | None) -> set[str]:
    """Dates attached to the trigger or its verb ("In May, ... left", "attacked on
    Monday"), not ones inside other phrases ("the deadliest this year")."""
    if head is None:
        return set()
    anchors = {head.i}
    if head.head.lemma_ != "be":  # "the attack was the deadliest this year": a description
        anchors.add(head.head.i)
    found = set()
    for ent in entities_in(head.sent):
        if ent.label_ != "DATE":
            continue
        gov = ent.root.head
        if gov.dep_ == "prep":
            gov = gov.head
        if gov.i in anchors:
            found.add(ent.text.lower())
    return found


def _predicate_noun(noun: Token) -> bool:
    """"It was an attack", "this is an attack on our country": a description of
    something, not a report that it happened."""
    return noun.pos_ == "NOUN" and noun.dep_ == "attr" and noun.head.lemma_ == "be"


def _empty_denial(ev: Event, head: Token) -> bool:
    """A negated event with nobody attached ("no one was injured") reports nothing; nor
    does a negated casualty passive whose agent was only guessed from another clause
    ("X alerted the police, and no-one was injured")."""
    if ev.status != "negated" or ev.target is not None:
        return False
    casualty = head.lemma_.lower() in CASUALTY_VERBS and any(
        c.dep_ == "auxpass" for c in head.children)
    return ev.source is None or casualty


def _same_people(a: Event, b: Event) -> bool:
    """Both records' actors are the same people, as far as they are named."""
    return _same_name(a.source, b.source) and _same_name(a.target, b.target)


def other_group(a: Token | None, b: Token | None) -> bool:
    """The acts of triggers ``a`` and ``b`` fall on groups their words tell apart: "three
    other drug dealers were arrested", "31 people were arrested" after "arrested a drug
    dealer" (a count of its own, or "other"/"another")."""
    if a is None or b is None:
        return False
    patients = [first_child(a, "nsubjpass", "dobj"), first_child(b, "nsubjpass", "dobj")]
    words = [{t.lower_ for t in p.subtree} if p is not None else set() for p in patients]
    if any(w & OTHER_GROUP_WORDS for w in words):
        return True
    counts = [_count(p) for p in patients]
    return all(counts) and counts[0] != counts[1]


def _count(patient: Token | None) -> set[str]:
    """The count words of a patient ("31 people": {"31"}), {"1"} for one person or thing
    ("a drug dealer", "Ali Allaw", "he"), else empty (unknown)."""
    if patient is None:
        return set()
    # Only a number counting the noun ("31 people"), not an age ("John Miller, 41,").
    counted = {
        c.lower_ for c in patient.children
        if c.dep_ == "nummod" and (c.lower_.isdigit() or c.lower_ in COUNT_WORDS)
    }
    if counted:
        return counted
    return {"1"} if patient.tag_ in ("NN", "NNP", "PRP") else set()


def _same_name(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.name == b.name


def _refers_back(noun: Token) -> bool:
    """"the attack", "this decision", "the talks": a definite or demonstrative noun."""
    return any(
        c.dep_ == "det" and c.lower_ in REFERRING_DETERMINERS for c in noun.children
    )


def _compatible(a: Event, b: Event) -> bool:
    return _same_side(a.source, b.source) and _same_side(a.target, b.target)


def _same_side(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country:
        return a.country == b.country
    return a.name == b.name or not (a.country or b.country)


def absorb(record: Event, mention: Event) -> None:
    """Keep ``mention`` as evidence of ``record``; take the actors, place and time of its
    own that ``record`` lacks."""
    record.evidence.append(
        Evidence(
            sentence=mention.sentence,
            start=mention.start,
            end=mention.end,
            trigger=mention.trigger,
            trigger_start=mention.trigger_start,
            trigger_end=mention.trigger_end,
        )
    )
    if record.date_precision in UNDATED and mention.date_precision not in UNDATED:
        # "Woman robbed." ... "on Saturday night": the retelling says when.
        record.date, record.date_text = mention.date, mention.date_text
        record.date_precision = mention.date_precision
    if record.location is None and mention.location is not None:
        record.location = mention.location
    if record.source is None and mention.source is not None:
        record.source = mention.source
    if record.target is None and mention.target is not None:
        record.target = mention.target
    elif is_named(mention.target) and not is_named(record.target):
        # "A Paris man was arrested ... John Smith was arrested": the record names him now.
        named = mention.target
        assert named is not None and record.target is not None
        record.target = replace(named, country=named.country or record.target.country)


# Date precisions that say no time of the event's own: the story's day, the publication
# day, none.
UNDATED = frozenset({None, "story", "published"})


def headline_span(doc: Doc) -> int:
    """End offset of the headline: a first line without final punctuation, else 0."""
    text = doc_text(doc)
    cut = text.find("\n")
    if cut <= 0:
        return 0
    first = text[:cut].strip()
    if not first or first[-1] in ".!?\"'\u201d" or len(first.split()) > 25:
        return 0
    return cut


def _fold_headline(events: list[Event], headline_end: int) -> list[Event]:
    """A headline event is the story's main event told again: it becomes evidence of the
    first body record of its type whose actors do not contradict it."""
    if headline_end == 0:
        return events
    out = []
    body = [e for e in events if e.start >= headline_end]
    for ev in events:
        if ev.start < headline_end:
            match = next((b for b in body if b.type == ev.type and _compatible(b, ev)), None)
            if match is not None:
                absorb(match, ev)
                continue
        out.append(ev)
    return out

