"""Countries for actor mentions that state none ("troops", "officials", "the police").

An article rarely repeats the country of every actor, but guessing it from the
story's most-named country codes the wrong side whenever foreign actors share the
sentence ("Carter told reporters" is not the story country's press). The evidence,
strongest first:

1. the owner: a possessive pronoun ("with its own forces") or a verb that moves its
   subject's own forces ("Turkey has not deployed troops") gives the subject's country;
2. the sentence: civilians belong to the place where the action happens ("killed 20
   people in X"); a state role (government, military, police ...) to the country its
   sentence names when that is the only one;
3. the document: a state role in a sentence that names no country at all takes the
   document's most-named country (the story's country).

Anything else (a sentence naming several countries, a reporter, a business) keeps no
country: a missing code is better than the wrong one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.actors_coding import Mention, generic_name
from eventlens.actors_dictionary import Entry, Lexicon
from eventlens.actors_phrase import COUNTRY_TYPES, is_locative, stance_prefixed

# Sectors whose members travel with, or report on, foreign actors as often as local ones:
# "Carter told reporters" says nothing of the reporters' country; only their own
# sentence's country is evidence ("a newspaper in X", "X's opposition newspaper").
SENTENCE_ONLY_SECTORS = frozenset({"MED", "BUS"})
# Sectors that take the country of the place the sentence's action happens in.
PLACE_SECTORS = frozenset({"CVL"})
# Sectors for forces that an actor sends, withdraws or commands: its own.
FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})
# Verbs whose object forces belong to the subject: "X deployed troops", "X pulled its
# soldiers out". Attacking, fighting or meeting troops says nothing of whose they are.
OWN_FORCE_VERBS = frozenset(
    "deploy send dispatch station withdraw pull mobilize mobilise move redeploy commit "
    "recall order reinforce train equip position mass amass base keep".split()
)
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})
# Links through which a clause shares its head's subject.
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})
# Collectives of several states: "ministers from the coalition", "envoys of member states".
MULTI_STATE_NOUNS = frozenset(
    "coalition alliance bloc union countries nations states governments members partners "
    "allies community".split()
)


def fill_countries(
    doc: Doc,
    mentions: list[Mention],
    matches: list[tuple[Span, Entry]],
    lex: Lexicon,
    sent_of: list[int],
    no_guess_sectors: frozenset[str],
) -> list[Mention]:
    """Give mentions with no stated country the country the evidence above supports."""
    countries = [(span, e) for span, e in matches
                 if e.type in COUNTRY_TYPES and e.country and not stance_prefixed(span)]  # fmt: skip
    focus = _most_named(countries)
    by_sent: dict[int, list[tuple[Span, Entry]]] = {}
    places: dict[int, str] = {}
    for span, e in countries:
        by_sent.setdefault(sent_of[span.start], []).append((span, e))
        if e.type in ("country", "capital") and is_locative(span.root, e):
            places.setdefault(sent_of[span.start], e.country)  # type: ignore[arg-type]
    sent_focus = {n: _most_named(found) for n, found in by_sent.items()}
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for m in mentions:
        if _needs_country(m, no_guess_sectors) and not _member_of_many(doc[m.head]):
            sent = sent_of[m.head]
            country = _owner_country(doc[m.head], m, by_token) or _guess(
                m, sent_focus.get(sent), places.get(sent), focus
            )
            if country is not None:
                m = _with_country(m, country, lex)
                by_token.update((i, m) for i in range(m.start, m.end))
        out.append(m)
    return out


def _most_named(countries: list[tuple[Span, Entry]]) -> str | None:
    """The most-named country, the first named on a tie."""
    counts = Counter(e.country for _, e in countries)
    return counts.most_common(1)[0][0] if counts else None


def _needs_country(m: Mention, no_guess_sectors: frozenset[str]) -> bool:
    return (
        m.country is None
        and bool(m.sector)
        and m.sector not in no_guess_sectors
        and m.kind in ("person", "person-ref", "role")
        and not m.no_guess
    )


def _guess(m: Mention, sent_focus: str | None, place: str | None, focus: str | None) -> str | None:
    """The place of the action for civilians; else the sentence's most-named country; else,
    in a sentence naming none, the story's."""
    if m.sector in PLACE_SECTORS and place is not None:
        return place
    if m.sector in SENTENCE_ONLY_SECTORS:
        return sent_focus
    return sent_focus or focus


def _owner_country(head: Token, m: Mention, by_token: dict[int, Mention]) -> str | None:
    """The country of the clause subject that owns these forces, if the parse says so."""
    owned = any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in head.children)
    verb = _governing_verb(head)
    if verb is None:
        return None
    if not owned:
        moved = head.dep_ == "dobj" and verb.lemma_.lower() in OWN_FORCE_VERBS
        if not (moved and m.sector in FORCE_SECTORS):
            return None
    subject = _subject(verb)
    if subject is None:
        return None
    owner = by_token.get(subject.i)
    return owner.country if owner is not None and owner is not m else None


def _member_of_many(head: Token) -> bool:
    """A role of a collective of states ("defence ministers from the coalition"): no one
    country is theirs."""
    preps = list(head.rights)
    # A "from" phrase right after an object is often attached to the verb instead.
    preps += [c for c in head.head.rights if c.i == head.right_edge.i + 1 and c.i > head.i]
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "representing"):
            if any(o.dep_ == "pobj" and o.lower_ in MULTI_STATE_NOUNS for o in prep.children):
                return True
    return False


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose argument (or prepositional phrase) the noun is."""
    cur = tok
    for _ in range(4):
        if cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.pos_ not in ("ADP",):
            return None
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited through xcomp, conj and infinitive clauses; a pronoun
    subject of a reported clause stands for the reporter ("X says it will withdraw")."""
    cur = verb
    for _ in range(6):
        subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON":
            return subj
        reported = subj is not None and cur.dep_ == "ccomp"
        if not reported and (subj is not None or cur.dep_ not in INHERIT_DEPS):
            return None
        cur = cur.head
    return None


def _with_country(m: Mention, country: str, lex: Lexicon) -> Mention:
    name = m.name
    if m.kind == "role" and m.name == generic_name(None, m.sector, m.name, lex):
        name = generic_name(country, m.sector, m.name, lex)
    return replace(m, country=country, name=name)
