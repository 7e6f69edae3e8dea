"""Actors stage: find actor mentions and code name, country and PLOVER sector.

Dictionary matching (a PhraseMatcher over data/actors_phoenix.tsv, data/actors.tsv and
the user's files, built once per configuration) finds countries, demonyms, capitals,
organisations, armed groups and listed people; the dependency parse groups them with role nouns
and titles into noun phrases (actors.phrase, actors.coding); rule-based
coreference links appositions, surnames, role descriptions and pronouns to named
actors (actors.coref). Actors with no stated country get one only from evidence
(actors.country): the forces' owner, their sentence's country, or, in a sentence
naming none, the document's most-named country.

Listed people (data/actors_phoenix.tsv) carry dated roles: given the article's
publication date, a person is coded by the role held that day, and keeps that country
(or, for an official of an international organisation, no country) whatever the
sentence's other countries: a visiting president is not the host's.

Public API: ``find_actors(doc, resources, published=None)``, ``code_phrase(text,
resources, published=None)`` and ``organisation_code(actor, resources)`` (IGO/NGO for
actors of such organisations).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from eventlens.actors.coding import (
    Mention,
    code_head,
    code_match_alone,
    code_role_modifier,
    generic_name,
)
from eventlens.actors.coref import (
    link_organisation_words,
    resolve_appositions,
    resolve_descriptions,
    resolve_names,
    resolve_pronouns,
    surname_mentions,
)
from eventlens.actors.country import fill_countries
from eventlens.actors.dictionary import Entry, Lexicon, as_day, dictionary_matches
from eventlens.actors.lexicon import (
    ABSORBING_HEADS,
    FORMER_WORDS,
    ORGANISATION_DESCRIPTIONS,
    ORGANISATION_SEATS,
    PUBLIC_PRONOUNS,
)
from eventlens.actors.phrase import COUNTRY_TYPES, MODIFIER_DEPS, phrase_bounds
from eventlens.actors.places import DocumentPlaces
from eventlens.nlp import doc_text
from eventlens.places.cues import register_country
from eventlens.records import Actor, Place

if TYPE_CHECKING:
    from eventlens.resources import Resources

NOMINAL = frozenset({"NOUN", "PROPN"})
# Sectors whose unstated country is not the story's country by default.
NO_FOCUS_SECTORS = frozenset({"IGO", "NGO", "REF"})


def find_actors(
    doc: Doc,
    resources: Resources,
    published: str | None = None,
    places: list[Place] | None = None,
) -> list[Actor]:
    """Return every actor mention in ``doc`` (incl. coreferent mentions), in text order.

    ``published`` (ISO date of the article) picks the role a listed person held that day
    (``dictionary.role_on``); without it a person takes their latest role. ``places``
    (the document's resolved toponyms, ``places.resolve_toponyms``) give place names the
    country of the place the document means (``actors.places.DocumentPlaces``).
    """
    lex = resources.lexicon
    doc_places = DocumentPlaces(places, register_country(doc_text(doc)))
    matches = doc_places.reread(dictionary_matches(doc, lex, as_day(published)), lex)
    tok_match = {i: (span, entry) for span, entry in matches for i in range(span.start, span.end)}
    mentions = _merge_title_and_name(_drop_nested(_phrase_mentions(doc, lex, tok_match)))
    mentions = _absorb_of_phrases(doc, _parenthesised_aliases(doc, mentions), lex)
    mentions = resolve_names(_former_officials(resolve_appositions(doc, mentions)))
    mentions = _drop_nested(mentions + surname_mentions(doc, mentions))
    mentions = link_organisation_words(resolve_descriptions(mentions))
    sent_of = _sentence_index(doc)
    mentions = fill_countries(
        doc,
        mentions,
        matches,
        lex,
        sent_of,
        NO_FOCUS_SECTORS,
        doc_places.place_country(resources),
    )
    mentions = _drop_nested(mentions + resolve_pronouns(doc, mentions, sent_of))
    found = _seats_as_organisations([_to_actor(doc, m) for m in mentions])
    return _organisation_descriptions(doc, found)


def _organisation_descriptions(doc: Doc, found: list[Actor]) -> list[Actor]:
    """ "the bloc", "the world body", "the alliance": the organisation named last before."""
    taken = {i for a in found for i in range(a.start or 0, a.end or 0)}
    organisations = sorted(
        (a for a in found if a.sector in ("IGO",) and a.start is not None),
        key=lambda a: a.start or 0,
    )
    added: list[Actor] = []
    for tok in doc:
        if tok.lemma_.lower() not in ORGANISATION_DESCRIPTIONS or tok.idx in taken:
            continue
        if not any(c.lower_ == "the" for c in tok.children if c.dep_ == "det"):
            continue
        before = [a for a in organisations if (a.start or 0) < tok.idx]
        if before:
            start = min(c.idx for c in tok.subtree if c.i <= tok.i)
            text = doc_text(doc)[start : tok.idx + len(tok.text)]
            added.append(replace(before[-1], text=text, start=start, end=tok.idx + len(tok.text)))
    return sorted(found + added, key=lambda a: (a.start or 0))


def _seats_as_organisations(found: list[Actor]) -> list[Actor]:
    """In a story about an organisation, its seat's name stands for it ("the EU ...
    accused Brussels of meddling"), not for the host country's government."""
    named = {a.name for a in found}
    out = []
    for actor in found:
        seat_of = ORGANISATION_SEATS.get(actor.text.lower())
        if seat_of is not None and seat_of in named and actor.sector == "GOV":
            actor = replace(actor, name=seat_of, country=None, sector="IGO")
        out.append(actor)
    return out


@lru_cache(maxsize=4096)
def code_phrase(text: str, resources: Resources, published: str | None = None) -> Actor | None:
    """Code an arbitrary noun phrase ("the Iraqi army", "Kurdish leader X"), or None.

    The phrase is parsed on its own; the longest actor mention in it is returned,
    with offsets into ``text``. ``published`` as for ``find_actors``.
    """
    if not text.strip():
        return None
    doc = resources.nlp(text)
    found = find_actors(doc, resources, published)
    if not found:
        return None
    return max(found, key=lambda a: ((a.end or 0) - (a.start or 0), -(a.start or 0)))


def organisation_code(actor: Actor, resources: Resources) -> str | None:
    """``IGO``/``NGO`` for an actor that is, or acts for, an international or non-governmental
    organisation ("UN peacekeepers": name United Nations, sector MIL), else None.

    PLOVER/CAMEO coders put this code where a state actor has its country.
    """
    if actor.country is not None:
        return None
    if actor.sector in ("IGO", "NGO"):
        return actor.sector
    return resources.lexicon.org_types.get(actor.name.lower())


def _phrase_mentions(
    doc: Doc, lex: Lexicon, tok_match: dict[int, tuple[Span, Entry]]
) -> list[Mention]:
    """Code every noun-phrase head that is not itself a modifier of a larger phrase."""
    out: list[Mention] = []
    modifiers: list[tuple[Span, Entry]] = []
    for tok in doc:
        hit = tok_match.get(tok.i)
        if hit is not None and tok.i != hit[0].root.i:
            continue
        if hit is None and tok.pos_ not in NOMINAL and not _restricted_public(tok):
            continue
        if _is_modifier(tok, hit):
            if hit is not None:
                modifiers.append(hit)
            continue
        if hit is None and _inside_name(tok):
            continue  # a broken parse of a name: its last word heads it
        mention = code_head(tok, lex, tok_match)
        if mention is None and hit is None:
            mention = code_role_modifier(tok, lex, tok_match)
        if mention is not None:
            out.extend(_split_conjoined(mention, tok, tok_match, lex))
    covered = {i for m in out for i in range(m.start, m.end)}
    for span, entry in modifiers:
        if covered.isdisjoint(range(span.start, span.end)):
            alone = code_match_alone(span, entry, lex)
            if alone is not None:
                out.append(alone)
    return out


def _restricted_public(tok: Token) -> bool:
    """"Anyone with information", "anybody who saw it": the public, as a role."""
    return tok.lower_ in PUBLIC_PRONOUNS and any(
        c.dep_ in ("prep", "relcl", "acl") for c in tok.children
    )


def _inside_name(tok: Token) -> bool:
    """True for a word of a PERSON entity that a broken parse made a head although the
    entity's last word heads the name too ("al" in "Haider al-Abadi")."""
    if tok.ent_type_ != "PERSON" or tok.ent_iob_ == "O":
        return False
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    last = doc[end - 1]
    return tok.i != last.i and not start <= last.head.i < end


def _merge_title_and_name(mentions: list[Mention]) -> list[Mention]:
    """Join a singular role phrase directly followed by a person ("Iraqi Prime Minister" +
    "Haider al-Abadi") when a broken parse split them: the person takes the role's coding."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "role"
            and not prev.plural
            and m.kind == "person"
            and prev.end == m.start
        ):
            out[-1] = replace(
                m,
                start=prev.start,
                country=m.country if m.explicit_country else prev.country,
                explicit_country=m.explicit_country or prev.explicit_country,
                sector=prev.sector or m.sector,
                titles=m.titles | prev.titles,
            )
            continue
        out.append(m)
    return out


def _former_officials(mentions: list[Mention]) -> list[Mention]:
    """Former office-holders ("ousted president X", "ex-minister") are PLOVER elites, not
    the government; later mentions of the person inherit this through coreference."""
    return [
        replace(m, sector="ELI") if m.sector == "GOV" and (m.titles | m.words) & FORMER_WORDS else m
        for m in mentions
    ]


def _parenthesised_aliases(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An organisation name followed by its known acronym in parentheses takes the acronym's
    coding: "the International Labour Office (ILO)" is the ILO row."""
    by_start = {m.start: m for m in mentions}
    out: list[Mention] = []
    for m in mentions:
        alias = by_start.get(m.end + 1)
        if (
            m.kind == "entity"
            and m.country is None
            and alias is not None
            and alias.kind == "entity"
            and doc[m.end].text == "("
            and alias.end < len(doc)
            and doc[alias.end].text == ")"
        ):
            m = replace(m, name=alias.name, country=alias.country, sector=alias.sector)
        out.append(m)
    return out


def _absorb_of_phrases(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A generic head takes the coding of the collective it belongs to or speaks for:
    "a spokesman for the rebels" (REB), "members of the Iraqi parliament" (IRQ LEG)."""
    by_head = {m.head: m for m in mentions}
    absorbed: dict[int, Mention] = {}  # head of the absorbed mention -> new mention
    for tok in doc:
        if tok.lower_ not in ABSORBING_HEADS or tok.pos_ != "NOUN":
            continue
        own = by_head.get(tok.i)
        if own is not None and own.sector not in (None, "GOV"):
            continue  # "rebel spokesman for ..." already says whose
        inner = _of_phrase_actor(tok, by_head)
        if inner is None or (own is not None and own.explicit_country and not inner.country):
            continue
        start = own.start if own is not None else phrase_bounds(tok, None)[0]
        name = (
            inner.name
            if inner.kind in ("entity", "country")
            else generic_name(inner.country, inner.sector, inner.name, lex)
        )
        absorbed[inner.head] = replace(
            inner,
            start=start,
            head=tok.i,
            name=name,
            kind="role",
            plural=tok.tag_ == "NNS",
            description=tok.tag_ == "NN",
            titles=inner.titles | (own.titles if own is not None else frozenset()),
        )
    if not absorbed:
        return mentions
    heads = {m.head for m in absorbed.values()}
    kept = [m for m in mentions if m.head not in absorbed and m.head not in heads]
    return sorted(kept + list(absorbed.values()), key=lambda m: m.start)


def _of_phrase_actor(tok: Token, by_head: dict[int, Mention]) -> Mention | None:
    """The collective actor in a directly following "of"/"for" phrase, if any."""
    for prep in tok.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for") or prep.i != tok.i + 1:
            continue
        for pobj in prep.children:
            inner = by_head.get(pobj.i)
            if (
                pobj.dep_ == "pobj"
                and inner is not None
                and inner.kind in ("role", "entity", "country")
                and inner.sector is not None
                and inner.start == prep.i + 1
            ):
                return inner
    return None


def _is_modifier(tok: Token, hit: tuple[Span, Entry] | None) -> bool:
    """True for tokens that only modify a larger noun phrase ("Iraqi" in "Iraqi oil")."""
    head = tok.head
    if head.i == tok.i or tok.dep_ not in MODIFIER_DEPS:
        return False
    if hit is not None and hit[0].start <= head.i < hit[0].end:
        return False
    return head.pos_ in NOMINAL or head.pos_ == "NUM"


def _split_conjoined(
    m: Mention, head: Token, tok_match: dict[int, tuple[Span, Entry]], lex: Lexicon
) -> list[Mention]:
    """One mention per country in "Hungarian and Romanian officials" (compound actors)."""
    if m.kind != "role":
        return [m]
    for child in head.lefts:
        first = tok_match.get(child.i)
        if first is None or first[1].type not in COUNTRY_TYPES:
            continue
        conj = [
            c
            for c in child.children
            if c.dep_ == "conj" and c.i in tok_match and tok_match[c.i][1].type in COUNTRY_TYPES
        ]
        if not conj:
            continue
        parts: list[Mention] = []
        cues = [first] + [tok_match[c.i] for c in conj]
        for k, (span, entry) in enumerate(cues):
            last = k == len(cues) - 1
            parts.append(
                replace(
                    m,
                    start=m.start if k == 0 else span.start,
                    end=m.end if last else span.end,
                    country=entry.country,
                    explicit_country=True,
                    name=generic_name(entry.country, m.sector, m.name, lex),
                )
            )
        return parts
    return [m]


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Keep the outermost mention where spans nest; split parts may share a start."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in ordered:
        if kept and kept[-1].start <= m.start and m.end <= kept[-1].end:
            continue
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _to_actor(doc: Doc, m: Mention) -> Actor:
    span = doc[m.start : m.end]
    return Actor(
        text=span.text,
        name=" ".join(m.name.split()),
        country=m.country,
        sector=m.sector,
        start=span.start_char,
        end=span.end_char,
    )
