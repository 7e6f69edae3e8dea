"""Code one noun phrase (a head token and its modifiers) as an actor mention.

The phrase's identity comes from, in order: a dictionary entity covering its head
(country, capital, organisation, armed group, person row), a person name built from
the parse and NER, a role noun head ("forces", "minister"). Its country comes from
explicit cues inside the phrase (country names, demonyms, capitals, "of Morocco",
"in Guinea"), else from the entity; its PLOVER sector from role nouns and titles.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from eventlens.actors.dictionary import Entry, Lexicon
from eventlens.actors.lexicon import (
    GENERIC_ROLES,
    GOV_TITLES,
    GROUP_HEADS,
    HONORIFICS,
    PEOPLE_HEADS,
    PERSON_PATIENT_VERBS,
    SECTOR_WORDS,
    STATE_MEDIA_WORDS,
)
from eventlens.actors.mention import Mention
from eventlens.actors.naming import doc_text, phrase_name
from eventlens.actors.organisations import code_unknown_org
from eventlens.actors.phrase import (
    COUNTRY_TYPES,
    DOMAIN_SECTORS,
    IDENTITY_TYPES,
    PEOPLE_TYPES,
    Cues,
    cue_extension,
    entity_of,
    gather_cues,
    is_locative,
    is_title_word,
    person_name,
    phrase_bounds,
    role_of,
    word_key,
)

# Sectors of international and non-governmental organisations: no country is theirs.
ORGANISATION_SECTORS = frozenset({"IGO", "NGO"})


def listed_person(entry: Entry | None) -> bool:
    """A dictionary person whose role (on the article's date) gives a country or an
    international organisation: coded by it, not by the countries around the name."""
    return (
        entry is not None
        and entry.type == "person"
        and (entry.country is not None or entry.sector in ORGANISATION_SECTORS)
    )


def listed_official(entry: Entry | None) -> bool:
    """A dictionary person acting for an international organisation (no country)."""
    return listed_person(entry) and entry is not None and entry.country is None


def choose_sector(head_role: Entry | None, head: Token, cues: Cues) -> str | None:
    """Head role, unless generic and a modifier is more specific; else the entity's sector.

    Officials of an international body are the body's: "a UN spokesperson", "UNIFIL
    spokesperson Maria Lund", "the AU envoy".
    """
    sector = _role_sector(head_role, head, cues)
    if sector == "GOV" and cues.entity is not None and cues.entity.sector in ("IGO", "NGO"):
        return cues.entity.sector
    return sector


def _role_sector(head_role: Entry | None, head: Token, cues: Cues) -> str | None:
    specific = [s for s in cues.sectors if s != "GOV"]
    if ({head.lower_, head.lemma_.lower()} | cues.titles) & GOV_TITLES:
        specific = [s for s in specific if s not in DOMAIN_SECTORS]
    if cues.entity is not None and cues.entity.sector not in (None, "IGO", "NGO"):
        return cues.entity.sector  # "Hamas leader", "peshmerga fighters": the group's sector
    if head.pos_ == "PROPN" and head_role is not None and head_role.sector in ("LAB", "LEG"):
        if specific:  # "Labour Congress", "Teachers Union": the members' sector
            return specific[-1]
    if head_role is not None and head_role.sector:
        if head.lower_ in GENERIC_ROLES or head.lemma_.lower() in GENERIC_ROLES:
            if specific:
                return specific[-1]
            if cues.entity is not None and cues.entity.sector not in (None, "IGO", "NGO"):
                return cues.entity.sector
        return head_role.sector
    if cues.sectors:
        return specific[-1] if specific else cues.sectors[-1]
    return cues.entity.sector if cues.entity is not None else None


def _adjust_sector(sector: str | None, words: frozenset[str], cues: Cues, head: int) -> str | None:
    """State media speak for the government; forces of a people with no state are rebels."""
    if sector == "MED" and words & STATE_MEDIA_WORDS:
        return "GOV"
    stated = any(i < head for i, _ in cues.countries)
    if sector == "MIL" and cues.ethnic is not None and cues.ethnic.type == "ethnic" and not stated:
        return "REB"  # "Kurdish forces", "Moslem forces"; not "West African forces"
    return sector


def country_of(cues: Cues, head: int | None = None) -> tuple[str | None, bool]:
    """The phrase's country and whether it was stated explicitly (not inferred). A
    people of one country keeps it against a place after the head ("Tigrayan forces in
    Pretoria": where they are, not whose they are)."""
    if head is not None and cues.ethnic is not None and cues.ethnic.country and all(
        i > head for i, _ in cues.countries
    ):
        return cues.ethnic.country, False
    for _, entry in reversed(cues.countries):
        if entry.country and not (cues.ethnic_word and entry.type == "demonym"):
            return entry.country, True
    if cues.entity is not None and cues.entity.country:
        return cues.entity.country, True
    if cues.ethnic is not None and cues.ethnic.country:
        return cues.ethnic.country, False
    return None, False


def generic_name(country: str | None, sector: str | None, fallback: str, lex: Lexicon) -> str:
    """A canonical name for an unnamed collective actor: country plus sector word when the
    country is known ("Iraq military"), else ``fallback``, the phrase's own words
    (``phrase_name``: "West African leaders", "defence ministers")."""
    if country:
        base = lex.country_names.get(country, country)
        return f"{base} {SECTOR_WORDS.get(sector or '', '')}".strip()
    return fallback


def code_head(h: Token, lex: Lexicon, tok_match: dict[int, tuple[Span, Entry]]) -> Mention | None:
    """Code the noun phrase headed by ``h``; None when it does not name an actor."""
    hit = tok_match.get(h.i)
    head_entry = hit[1] if hit is not None else None
    if hit is not None and hit[1].type in COUNTRY_TYPES | PEOPLE_TYPES:
        return _code_place_like(h, hit, lex, tok_match)
    left, right = phrase_bounds(h, hit[0] if hit is not None else None)
    role = role_of(h, lex) if head_entry is None else None
    if role is not None or h.lower_ in GROUP_HEADS:
        left = _adjacent_match_start(left, tok_match)
    cues = gather_cues(h.doc, left, right, h, lex, tok_match)
    if role is not None or head_entry is None or head_entry.type == "person":
        right = _extend_right(h, right, cues, lex, tok_match)
    country, explicit = country_of(cues, h.i)
    base = Mention(
        start=left,
        end=right,
        head=h.i,
        name="",
        country=country,
        sector=None,
        kind="role",
        plural=h.tag_ in ("NNS", "NNPS"),
        explicit_country=explicit,
        titles=frozenset(cues.titles),
        no_guess=cues.entity is not None or (cues.ethnic is not None and not explicit),
        words=frozenset(t.lower_ for t in h.doc[left:right] if t.i != h.i and t.is_alpha),
    )
    if head_entry is not None:  # organisation, group or person row covers the head
        kind = "person" if head_entry.type == "person" else "entity"
        sector = choose_sector(None, h, cues) if cues.sectors else head_entry.sector
        name = head_entry.name
        if kind == "person" and hit is not None and hit[0].text.lower() == name.lower():
            name = " ".join(hit[0].text.split())  # the full name as written: "Ban Ki-moon"
        person = name if kind == "person" else None
        if listed_official(head_entry):  # "South Korean Ban Ki-moon" acts for the UN
            base = replace(base, country=None, explicit_country=True)
        return replace(base, name=name, sector=sector, kind=kind, person_name=person)
    if role is not None:
        sector = _adjust_sector(choose_sector(role, h, cues), base.words, cues, h.i)
        own = phrase_name(h, left, right)
        if " " not in own and " " in role.name:
            own = role.name  # a bare head with a fuller dictionary name: "displaced people"
        fallback = _org_name(h) or generic_name(country, sector, own, lex)
        name = cues.entity.name if cues.entity is not None else fallback
        describes = not base.plural and h.pos_ == "NOUN" and _may_describe(cues)
        return replace(base, name=name, sector=sector, description=describes)
    return _code_other(h, base, cues, lex)


def code_role_modifier(
    h: Token, lex: Lexicon, tok_match: dict[int, tuple[Span, Entry]]
) -> Mention | None:
    """A stated actor named by a role word modifying a non-actor noun: "Israeli army
    bulldozers", "Turkish police custody", "Ugandan opposition candidates"."""
    roles = [
        c
        for c in h.lefts
        if c.dep_ in ("compound", "amod", "nmod")
        and c.i not in tok_match
        and (c.pos_ != "PROPN" or c.ent_type_ == "ORG")  # not "the Criminal Code"
        and role_of(c, lex)
    ]
    if not roles:
        return None
    r = roles[-1]
    left = phrase_bounds(h, None)[0]
    cues = gather_cues(h.doc, left, r.i + 1, r, lex, tok_match)
    country, explicit = country_of(cues)
    if not explicit:
        return None  # "police custody", "army base": no actor is stated
    words = frozenset(t.lower_ for t in h.doc[left : r.i] if t.is_alpha)
    sector = _adjust_sector(choose_sector(role_of(r, lex), r, cues), words, cues, r.i)
    name = (
        cues.entity.name
        if cues.entity is not None
        else generic_name(country, sector, phrase_name(h, left, r.i + 1), lex)
    )
    return Mention(
        start=left,
        end=r.i + 1,
        head=r.i,
        name=name,
        country=country,
        sector=sector,
        kind="role",
        plural=r.tag_ in ("NNS", "NNPS"),
        explicit_country=True,
        titles=frozenset(cues.titles),
        no_guess=cues.entity is not None,
        words=words,
    )


def _org_name(h: Token) -> str | None:
    """The name of an organisation whose capitalised head is a role word ("the National
    Union of Journalists", "the Ghana Teachers Union"), without a leading determiner."""
    if h.pos_ != "PROPN" or h.ent_type_ != "ORG":
        return None
    ent = entity_of(h)
    if ent is None or len(ent) < 2:
        return None
    return ent[1:].text if ent[0].dep_ == "det" else ent.text


def _code_other(h: Token, base: Mention, cues: Cues, lex: Lexicon) -> Mention | None:
    """Heads that are neither dictionary entries nor role nouns: people, groups, organisations."""
    if h.pos_ == "PROPN" and (
        h.ent_type_ == "PERSON" or _has_title(cues, h, lex) or _appos_to_role(h, lex)
        or _patient_of_person_verb(h)
    ):
        found = person_name(h.doc, base.start, h, lex, cues.taken)
        if found is not None:
            sector = choose_sector(None, h, cues)
            return replace(base, name=found[0], sector=sector, kind="person", person_name=found[0])
    if h.lower_ in GROUP_HEADS and (cues.entity is not None or cues.sectors):
        sector = choose_sector(None, h, cues)
        if cues.entity is not None:
            return replace(base, name=cues.entity.name, sector=sector, kind="entity")
        name = generic_name(base.country, sector, phrase_name(h, base.start, base.end), lex)
        return replace(base, name=name, sector=sector)
    if h.lower_ in PEOPLE_HEADS and (cues.countries or cues.ethnic is not None or cues.sectors):
        # "Palestinian children", "displaced families": people, civilians unless a modifier
        # says otherwise.
        sector = cues.sectors[-1] if cues.sectors else "CVL"
        name = generic_name(base.country, sector, phrase_name(h, base.start, base.end), lex)
        return replace(base, name=name, sector=sector, plural=True)
    return code_unknown_org(h, base.start, base.end, base.country, base.explicit_country, cues)


def _extend_right(
    h: Token, right: int, cues: Cues, lex: Lexicon, tok_match: dict[int, tuple[Span, Entry]]
) -> int:
    """Take in "of defence"-style title words and, lacking a country, "of Morocco"/"in Guinea"."""
    for child in h.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == right:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i == child.i + 1 and is_title_word(pobj, lex):
                    cues.titles.add(word_key(pobj))
                    right = pobj.i + 1
    if any(e.country for _, e in cues.countries):
        return right
    if cues.entity is not None and cues.entity.type in ("igo", "ngo"):
        return right  # "the UN agency's representative in X" acts for the UN, not for X
    if listed_person(cues.entity):
        return right  # "Shimon Peres in Prague": a listed person's country is their own
    ext = cue_extension(h, tok_match)
    if ext is not None:
        end, entry = ext
        if entry.type in IDENTITY_TYPES and cues.entity is None:
            cues.entity = entry  # "the leader of Hamas": Hamas's leader, coded as Hamas
        cues.countries.append((end - 1, entry))
        right = max(right, end)
    return right


def _has_title(cues: Cues, h: Token, lex: Lexicon) -> bool:
    """A proper noun preceded by a role or honorific ("President X", "Gen. Y") names a person."""
    if h.ent_type_ not in ("PERSON", ""):
        return False
    i = h.i
    while i > 0 and h.doc[i - 1].pos_ == "PROPN" and not is_title_word(h.doc[i - 1], lex):
        i -= 1
    if i == 0:
        return False
    before = h.doc[i - 1]
    return word_key(before) in HONORIFICS or role_of(before, lex) is not None


def _patient_of_person_verb(h: Token) -> bool:
    """An unlabelled name that an arrest, a charge or a killing is done to ("Taleh
    Habibzade was arrested"): a person. Only names the model tagged as nothing, so a
    place or an organisation it recognised stays what it is."""
    if h.ent_type_ or h.dep_ not in ("nsubjpass", "dobj"):
        return False
    verb = h.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in PERSON_PATIENT_VERBS


def _appos_to_role(h: Token, lex: Lexicon) -> bool:
    """An unlabelled name in apposition to a role noun ("the trade minister, Ana Ruiz,")."""
    if h.dep_ != "appos" or h.ent_type_ not in ("PERSON", ""):
        return False
    return h.head.tag_ == "NN" and role_of(h.head, lex) is not None


def _adjacent_match_start(left: int, tok_match: dict[int, tuple[Span, Entry]]) -> int:
    """Pull in a dictionary match just before the phrase that the parse left out ("IS fighters")."""
    hit = tok_match.get(left - 1)
    if hit is not None and hit[1].type in IDENTITY_TYPES | COUNTRY_TYPES:
        return hit[0].start
    return left


def _may_describe(cues: Cues) -> bool:
    """A role phrase may describe a person unless a non-state organisation heads it."""
    return cues.entity is None or cues.entity.type == "org"


def _code_place_like(
    h: Token, hit: tuple[Span, Entry], lex: Lexicon, tok_match: dict[int, tuple[Span, Entry]]
) -> Mention | None:
    """A country name, demonym, capital or ethnic group heading its own phrase."""
    span, entry = hit
    if entry.type in ("country", "capital") and is_locative(h, entry):
        return None
    left, right = phrase_bounds(h, span)
    base = Mention(
        start=left,
        end=right,
        head=h.i,
        name=entry.name,
        country=entry.country,
        sector=None,
        kind="country",
        plural=h.tag_ in ("NNS", "NNPS"),
        explicit_country=entry.type not in PEOPLE_TYPES,
    )
    if entry.type in {"demonym"} | PEOPLE_TYPES:
        people = _people_in_state(h, span, base, tok_match)
        if people is not None:
            return people
    sector = "GOV" if entry.type == "capital" else entry.sector
    if sector is None and entry.type in {"demonym"} | PEOPLE_TYPES and _plural_people(h):
        sector = "CVL"  # "Nigerians marched": the people, not the state
    name = generic_name(entry.country, sector, entry.name, lex) if sector else entry.name
    return replace(base, name=name, sector=sector)


def _plural_people(h: Token) -> bool:
    """A plural people noun heading its phrase ("Libyans", "the Kurds")."""
    return h.tag_ in ("NNS", "NNPS") or (h.pos_ in ("NOUN", "PROPN") and h.lower_.endswith("s"))


def _people_in_state(
    h: Token, span: Span, base: Mention, tok_match: dict[int, tuple[Span, Entry]]
) -> Mention | None:
    """A people noun coded as civilians of the state a modifier names, or of no state.

    "Iraqi Kurds", "Bosnian Serbs", "Albanians of southern Serbia": the state named;
    "ethnic Albanians": a people, not the Albanian state (country left open).
    """
    state = _state_modifier(h, span, tok_match)
    end = base.end
    if state is None and (ext := cue_extension(h, tok_match)) is not None:
        end, state = ext
    if state is not None:
        name = doc_text(h, base.start, end)
        return replace(base, end=end, name=name, country=state.country, sector="CVL", plural=True)
    if any(c.lower_ == "ethnic" for c in h.lefts):
        name = f"ethnic {span.text}"
        return replace(base, name=name, country=None, sector="CVL", kind="role", plural=True)
    return None


def _state_modifier(h: Token, span: Span, tok_match: dict[int, tuple[Span, Entry]]) -> Entry | None:
    """The country/demonym row of a modifier before a people noun, if any."""
    for child in h.lefts:
        hit = tok_match.get(child.i)
        if child.i < span.start and child.dep_ in ("amod", "compound") and hit is not None:
            if hit[1].type in COUNTRY_TYPES and hit[1].country:
                return hit[1]
    return None


def code_match_alone(span: Span, entry: Entry, lex: Lexicon) -> Mention | None:
    """A dictionary match that modifies a non-actor noun ("US mediation", "UN resolution")."""
    if entry.type == "capital":
        return None
    kind = "country" if entry.type in COUNTRY_TYPES else "entity"
    return Mention(
        start=span.start,
        end=span.end,
        head=span.root.i,
        name=entry.name,
        country=entry.country,
        sector=entry.sector,
        kind=kind,
        explicit_country=entry.type not in PEOPLE_TYPES,
        no_guess=kind == "entity",
    )
