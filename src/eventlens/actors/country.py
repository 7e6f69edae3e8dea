"""Countries for actor mentions that state none ("troops", "officials", "the police").

An article rarely repeats the country of every actor, but guessing it from the
story's most-named country codes the wrong side whenever foreign actors are about
("Carter told reporters" is not the story country's press). The evidence, strongest
first:

1. the owner: a possessive pronoun ("with its own forces") or a verb that moves its
   subject's own forces ("Turkey has not deployed troops") gives the subject's country;
2. the sentence: civilians belong to the place where the action happens ("killed 20
   people in X"); other roles to the country their sentence names most (a destination,
   "will fly to X", does not count);
3. the document: in a sentence naming no country, the document's most-named country,
   except for the press and business, who are as often foreign as local.

Members of a collective of states ("ministers from the coalition") and plurals of a
one-per-state office ("foreign ministers", "donor governments") get no country: a
missing code is better than the wrong one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.actors.coding import generic_name
from eventlens.actors.dictionary import Entry, Lexicon
from eventlens.actors.lexicon import (
    MULTI_STATE_NOUNS,
    OFFICE_HEADS,
    OFFICE_WORDS,
    OWN_FORCE_VERBS,
    PLURAL_STATE_HEADS,
)
from eventlens.actors.mention import Mention
from eventlens.actors.phrase import COUNTRY_TYPES, is_locative, stance_prefixed
from eventlens.nlp import dateline_end

# Sectors whose members travel with, or report on, foreign actors as often as local ones:
# "Carter told reporters" says nothing of the reporters' country; only their own
# sentence's country is evidence ("a newspaper in X", "X's opposition newspaper").
SENTENCE_ONLY_SECTORS = frozenset({"MED", "BUS"})
# Sectors that take the country of the place the sentence's action happens in.
PLACE_SECTORS = frozenset({"CVL", "LAB", "AGR", "EDU"})
# Sectors for forces that an actor sends, withdraws or commands: its own.
FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})
# Possessive pronouns by which an actor owns forces ("with its own forces").
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})
# Prepositions whose country or capital is where an actor goes, not where it is from.
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards"})
# The owner is named but has no country: no guess from elsewhere (an organisation
# owner's name follows the marker: its forces are coded as the organisation's).
NO_OWNER_COUNTRY = "-"
# Links through which a clause shares its head's subject.
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})


def fill_countries(
    doc: Doc,
    mentions: list[Mention],
    matches: list[tuple[Span, Entry]],
    lex: Lexicon,
    sent_of: list[int],
    no_guess_sectors: frozenset[str],
    place_country: Callable[[str, bool], str | None] | None = None,
) -> list[Mention]:
    """Give mentions with no stated country the country the evidence above supports."""
    countries = [
        (span, e)
        for span, e in matches
        if e.type in COUNTRY_TYPES and e.country and not stance_prefixed(span)
    ]
    # Where an opening dateline ends: a country named in it is where the story is told.
    dateline = dateline_end(doc)
    focus = _story_country(doc, countries, matches, place_country, dateline)
    by_sent: dict[int, list[tuple[Span, Entry]]] = {}
    places: dict[int, str] = {}
    for span, e in countries:
        if _destination(span.root):
            continue  # "will travel to Washington": not where the traveller is from
        by_sent.setdefault(sent_of[span.start], []).append((span, e))
        if e.type in ("country", "capital") and is_locative(span.root, e):
            places.setdefault(sent_of[span.start], e.country)  # type: ignore[arg-type]
    _add_town_places(doc, sent_of, places, place_country)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for m in mentions:
        if m.country is None and m.kind == "role" and m.sector == "CVL":
            # Not a guess: the phrase itself places them ("residents of Goma").
            local = _local_place(doc[m.head], place_country)
            if local is not None:
                m = _with_country(m, local, lex)
                by_token.update((i, m) for i in range(m.start, m.end))
        if _needs_country(m, no_guess_sectors) and not _member_of_many(doc[m.head], m):
            sent = sent_of[m.head]
            country = (
                _owner_country(doc[m.head], m, by_token)
                or (_local_place(doc[m.head], place_country) if m.kind == "role" else None)
                or _guess(m, _most_named(_own_side(doc[m.head], by_sent.get(sent, [])),
                                         dateline),
                          places.get(sent), focus)  # fmt: skip
            )
            if country is not None and country.startswith(NO_OWNER_COUNTRY):
                if country != NO_OWNER_COUNTRY and m.kind == "role":
                    m = replace(m, name=country[len(NO_OWNER_COUNTRY) :])
            elif country is not None:
                m = _with_country(m, country, lex)
                by_token.update((i, m) for i in range(m.start, m.end))
        out.append(m)
    return out


# Prepositions whose object is the other side of the act ("met with", "protested against").
TARGET_PREPS = frozenset({"against", "on", "with", "to", "toward", "towards", "upon"})


def _add_town_places(
    doc: Doc,
    sent_of: list[int],
    places: dict[int, str],
    place_country: Callable[[str, bool], str | None] | None,
) -> None:
    """Where a sentence names no country or capital as the place of the action, a town
    after "in"/"near"/"at" gives it ("drones struck port facilities in Odesa")."""
    if place_country is None:
        return
    for ent in doc.ents:
        sent = sent_of[ent.start]
        if sent in places or ent.label_ not in ("GPE", "LOC"):
            continue
        prep = ent.root.head
        if ent.root.dep_ == "pobj" and prep.lower_ in ("in", "near", "at", "outside"):
            country = place_country(ent.text, True)
            if country:
                places[sent] = country


def _own_side(head: Token, countries: list[tuple[Span, Entry]]) -> list[tuple[Span, Entry]]:
    """Drop countries named in the object of the verb a subject heads: in "officials
    blamed fighters in Afghanistan" the officials are not Afghan."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.dep_ in ("acl", "relcl") or verb.pos_ != "VERB":
        return countries  # "fighters based in X": where they are, not whom they act on
    objects = [
        c for c in verb.children
        if c.dep_ in ("dobj", "dative", "attr") or (c.dep_ == "prep" and c.lower_ in TARGET_PREPS)
    ]  # fmt: skip
    inside = {t.i for o in objects for t in o.subtree}
    return [(span, e) for span, e in countries if span.root.i not in inside]


def _story_country(
    doc: Doc,
    countries: list[tuple[Span, Entry]],
    matches: list[tuple[Span, Entry]],
    place_country: Callable[[str, bool], str | None] | None,
    dateline: int,
) -> str | None:
    """The country the story happens in: the most named over country words and the
    countries of the places NER found (towns, states). Local news names its towns, not
    its country, and a foreign nationality ("a native of Mexico") must not outvote them.
    Names the actor dictionary knows count only as it counts them ("anti-Japan" not)."""
    counts = Counter(e.country for _, e in countries)
    if place_country is not None:
        named = {i for span, _ in matches for i in range(span.start, span.end)}
        for ent in doc.ents:
            after = doc[ent.end] if ent.end < len(doc) else None
            if after is not None and (after.is_currency or after.ent_type_ == "MONEY"):
                continue  # "US $40 million": a currency, not a place
            if ent.label_ in ("GPE", "LOC") and ent.start not in named:
                country = place_country(ent.text, True)
                if country:
                    counts[country] += 1
    return _best_named(counts, countries, dateline)


def _best_named(
    counts: Counter[str | None], countries: list[tuple[Span, Entry]], dateline: int
) -> str | None:
    """The most counted country. On a tie, one named as where things happen ("in Niger",
    or in the dateline ending at char ``dateline``: "NAIROBI, May 3 -") beats a
    nationality ("a French aid worker"); then the first named (``counts`` keeps insertion
    order)."""
    if not counts:
        return None
    best = max(counts.values())
    tied = [cc for cc, n in counts.items() if n == best]
    if len(tied) == 1:
        return tied[0]
    located = {
        e.country for span, e in countries
        if span.end_char <= dateline
        or is_locative(span.root, e) and not _destination(span.root)
    }
    return next((cc for cc in tied if cc in located), tied[0])


def _most_named(countries: list[tuple[Span, Entry]], dateline: int) -> str | None:
    """The most-named country (ties: see ``_best_named``)."""
    return _best_named(Counter(e.country for _, e in countries), countries, dateline)


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
    """The country of the clause subject that owns these forces, if the parse says so;
    ``NO_OWNER_COUNTRY`` when the owner is named but has none ("the bloc ... its leaders")."""
    owned = any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in head.children)
    verb = _governing_verb(head, through_nouns=owned)
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
    if owner is m:
        return None
    if owner is not None and owner.country is None and owner.kind == "entity":
        return f"{NO_OWNER_COUNTRY}{owner.name}"  # "the UN ... its forces": the UN's
    if owner is None or owner.country is None:
        return NO_OWNER_COUNTRY if subject.pos_ in ("NOUN", "PROPN") else None
    return owner.country


def _member_of_many(head: Token, m: Mention) -> bool:
    """A role of a collective of states ("defence ministers from the coalition"), the
    plural of a one-per-state institution ("donor governments") or office ("foreign
    ministers"): no one country is theirs."""
    if head.lower_ in PLURAL_STATE_HEADS:
        return True
    if m.plural and head.lemma_.lower() in OFFICE_HEADS and m.words & OFFICE_WORDS:
        return True
    preps = list(head.rights)
    # A "from" phrase right after an object is often attached to the verb instead.
    preps += [c for c in head.head.rights if c.i == head.right_edge.i + 1 and c.i > head.i]
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "representing"):
            if any(o.dep_ == "pobj" and o.lower_ in MULTI_STATE_NOUNS for o in prep.children):
                return True
    return False


def _local_place(
    head: Token, place_country: Callable[[str, bool], str | None] | None
) -> str | None:
    """The country of a town naming the actor ("Danbury police", "police in Danbury")."""
    if place_country is None:
        return None
    names = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
            names.extend(o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN")
        elif prep.dep_ == "acl" and prep.tag_ in ("VBN", "VBG"):
            # "fighters based across the border in Afghanistan", "rebels operating from X"
            names.extend(
                t for t in prep.subtree
                if t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ in ("in", "from")
            )  # fmt: skip
    for name in names:
        # spaCy-sm often calls towns people or bodies ("youths in Lyon"); after "in"/"from" a
        # town is far likelier, so such a name is looked up as an unlabelled one.
        misread = name.ent_type_ in ("PERSON", "ORG") and name.head.lower_ in ("in", "from")
        if name.ent_type_ not in ("GPE", "LOC", "") and not misread:
            continue  # a person's or an organisation's name, not a town
        words = [t for t in name.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        text = " ".join(t.text for t in [*words, name])
        country = place_country(text, name.ent_type_ in ("GPE", "LOC"))
        if country:
            return country
    return None


def _destination(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in DESTINATION_PREPS


def _governing_verb(tok: Token, through_nouns: bool = False) -> Token | None:
    """The verb whose argument (or prepositional phrase) the noun is; with
    ``through_nouns`` also across the noun phrases it is nested in ("the assets of its
    leaders")."""
    cur = tok
    for _ in range(6):
        if cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.pos_ != "ADP" and not (through_nouns and cur.pos_ in ("NOUN", "PROPN")):
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
