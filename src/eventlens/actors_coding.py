"""Code one noun phrase (a head token and its modifiers) as an actor mention.

The phrase's identity comes from, in order: a dictionary entity covering its head
(country, capital, organisation, armed group, person row), a person name built from
the parse and NER, a role noun head ("forces", "minister"). Its country comes from
explicit cues inside the phrase (country names, demonyms, capitals, "of Morocco",
"in Guinea"), else from the entity; its PLOVER sector from role nouns and titles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventlens.actors_dictionary import Entry, Lexicon

COUNTRY_TYPES = frozenset({"country", "demonym", "capital"})
IDENTITY_TYPES = frozenset({"igo", "ngo", "org", "group", "person"})
LEFT_DEPS = frozenset(
    {"det", "predet", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "advmod"}
)
MODIFIER_DEPS = frozenset({"compound", "amod", "flat", "nmod", "npadvmod", "nummod"})
# Locative uses of a country or capital are places, not actors ("talks in Washington").
LOCATIVE = frozenset({"in", "at", "near", "inside", "within", "throughout", "across", "around",
                      "outside", "into", "via", "toward", "towards", "through"})
CAPITAL_LOCATIVE = LOCATIVE | {"to", "from"}
CUE_PREPS = frozenset({"of", "in", "from", "throughout", "across", "inside"})
# Heads whose own sector is weak: a sector-bearing modifier wins ("security forces", "rebel leader").
GENERIC_ROLES = frozenset({"official", "officials", "leader", "leaders", "chief", "head", "force",
                           "forces", "spokesman", "spokeswoman", "spokesperson", "commander",
                           "officer", "officers", "delegation", "envoy", "authorities"})
# Heads with no sector of their own that still name an actor when an entity modifies them.
GROUP_HEADS = frozenset({"group", "groups", "movement", "organisation", "organization", "network",
                         "faction", "factions", "wing", "members", "member", "personnel", "unit",
                         "units", "representative", "representatives", "supporters", "loyalists",
                         "followers", "leadership", "side", "camp", "coalition", "alliance"})
HONORIFICS = {"gen": "MIL", "general": "MIL", "lt": "MIL", "col": "MIL", "maj": "MIL",
              "capt": "MIL", "sgt": "MIL", "adm": "MIL", "brig": "MIL", "marshal": "MIL",
              "sen": "LEG", "rep": "LEG", "gov": "GOV", "mr": "", "mrs": "", "ms": "", "dr": "",
              "sheikh": "", "prince": "GOV", "princess": "", "lord": "", "sir": "", "dame": ""}
TITLE_WORDS = frozenset({"prime", "vice", "deputy", "foreign", "interior", "finance", "defence",
                         "defense", "home", "justice", "trade", "senior", "former", "acting",
                         "interim", "top", "chief", "state", "secretary-general", "ousted",
                         "new", "late", "supreme", "then", "exiled", "opposition", "rebel"})
SECTOR_WORDS = {"GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition",
                "COP": "police", "JUD": "judiciary", "LEG": "legislature", "BUS": "business",
                "MED": "media", "HLH": "health", "EDU": "education", "REF": "refugees",
                "CVL": "civilians", "LAB": "labour", "AGR": "agriculture", "CRM": "criminals",
                "REL": "religious", "PTY": "party", "ELI": "elites", "SPY": "intelligence",
                "NGO": "NGO", "IGO": "IGO"}


@dataclass
class Mention:
    """An actor mention under construction (token span plus coding and coref features)."""

    start: int  # token indices, end exclusive
    end: int
    head: int
    name: str
    country: str | None
    sector: str | None
    kind: str  # person | entity | country | role | pronoun
    plural: bool = False
    explicit_country: bool = False
    person_name: str | None = None
    titles: frozenset[str] = field(default_factory=frozenset)
    description: bool = False  # a role noun phrase that may refer back to a named person
    no_guess: bool = False  # coded from an organisation/group row (never a focus-country guess)


def word_key(tok: Token) -> str:
    """Lower-case word without a trailing period ("Gen." -> "gen")."""
    return tok.lower_.rstrip(".")


def role_of(tok: Token, lex: Lexicon) -> Entry | None:
    """The role row for a head token, by lower form then lemma."""
    return lex.roles.get(tok.lower_) or lex.roles.get(tok.lemma_.lower())


def sector_word(tok: Token, lex: Lexicon) -> str | None:
    """The sector a title/modifier word gives ("security" -> COP, "Gen." -> MIL), if any."""
    key = word_key(tok)
    entry = lex.modifiers.get(key) or lex.roles.get(key) or lex.roles.get(tok.lemma_.lower())
    if entry is not None:
        return entry.sector
    return HONORIFICS.get(key) or None


def is_title_word(tok: Token, lex: Lexicon) -> bool:
    """True for words that belong to a title rather than a name ("Defense", "Secretary")."""
    key = word_key(tok)
    return (key in TITLE_WORDS or key in HONORIFICS or key in lex.modifiers
            or key in lex.roles or tok.lemma_.lower() in lex.roles)


def phrase_bounds(h: Token, match: Span | None) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``h``: its left modifiers (no commas)."""
    left = h.i if match is None else min(h.i, match.start)
    right = h.i + 1 if match is None else max(h.i + 1, match.end)
    for child in h.lefts:
        if child.dep_ in LEFT_DEPS:
            left = min(left, child.left_edge.i)
    doc = h.doc
    for i in range(right - 1, left - 1, -1):
        if doc[i].text in {",", "(", ";", ":", '"', "“", "”"} and i < h.i:
            left = i + 1
            break
    if h.ent_type_ in ("ORG", "PERSON") and h.ent_iob_ != "O":
        ent = _entity_of(h)
        if ent is not None and ent.start >= left - 3:
            left, right = min(left, ent.start), max(right, ent.end)
    return left, right


def _entity_of(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def cue_extension(h: Token, tok_match: dict[int, tuple[Span, Entry]]) -> tuple[int, Entry] | None:
    """A country cue in a prepositional modifier ("president of Armenia", "rebels in Darfur")."""
    for child in h.rights:
        if child.dep_ != "prep" or child.lower_ not in CUE_PREPS:
            continue
        for pobj in child.children:
            if pobj.dep_ != "pobj":
                continue
            hit = tok_match.get(pobj.i)
            if hit is not None and (hit[1].type in COUNTRY_TYPES or hit[1].country):
                return max(pobj.i + 1, hit[0].end), hit[1]
    return None


def is_locative(h: Token, entry: Entry) -> bool:
    """True when a country/capital mention is the object of a locative preposition."""
    preps = CAPITAL_LOCATIVE if entry.type == "capital" else LOCATIVE
    return h.dep_ == "pobj" and h.head.lower_ in preps


def person_name(doc: Doc, left: int, h: Token, lex: Lexicon,
                taken: set[int]) -> tuple[str, int] | None:
    """The name run ending at ``h`` (proper nouns that are not title words), with its start."""
    i = h.i
    while i - 1 >= left:
        prev = doc[i - 1]
        if prev.i in taken or is_title_word(prev, lex):
            break
        if prev.pos_ != "PROPN" and prev.ent_type_ != "PERSON" and prev.text != "-":
            break
        i -= 1
    if h.i in taken or is_title_word(h, lex):
        return None
    return doc[i:h.i + 1].text, i


@dataclass
class Cues:
    """What the tokens of one phrase say: entity, countries, sectors, titles."""

    entity: Entry | None = None
    countries: list[tuple[int, Entry]] = field(default_factory=list)  # (token index, row)
    ethnic: Entry | None = None
    sectors: list[str] = field(default_factory=list)  # from modifiers/titles, in order
    titles: set[str] = field(default_factory=set)
    taken: set[int] = field(default_factory=set)  # tokens inside dictionary matches
    ethnic_word: bool = False  # "ethnic Albanians": a people, not a state


def gather_cues(doc: Doc, left: int, right: int, head: Token, lex: Lexicon,
                tok_match: dict[int, tuple[Span, Entry]]) -> Cues:
    """Collect dictionary hits and sector words in ``doc[left:right]`` other than the head."""
    cues = Cues()
    seen: set[int] = set()
    for i in range(left, right):
        hit = tok_match.get(i)
        if hit is not None:
            cues.taken.add(i)
            span, entry = hit
            if span.start in seen:
                continue
            seen.add(span.start)
            if entry.type in COUNTRY_TYPES:
                cues.countries.append((span.start, entry))
            elif entry.type == "ethnic":
                cues.ethnic = entry
            elif entry.type in IDENTITY_TYPES:
                cues.entity = entry
                cues.titles.update(w.lower() for w in entry.phrase.split())
            continue
        tok = doc[i]
        if tok.lower_ == "ethnic":
            cues.ethnic_word = True
        # "Secretary-General" is not a general.
        hyphenated = i > 0 and doc[i - 1].text == "-" and tok.lower_ == "general"
        if i != head.i and not hyphenated and (sec := sector_word(tok, lex)) is not None:
            cues.sectors.append(sec)
        if is_title_word(tok, lex):
            cues.titles.add(word_key(tok))
    return cues


def choose_sector(head_role: Entry | None, head: Token, cues: Cues) -> str | None:
    """Head role, unless generic and a modifier is more specific; else the entity's sector."""
    specific = [s for s in cues.sectors if s != "GOV"]
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


def country_of(cues: Cues) -> tuple[str | None, bool]:
    """The phrase's country and whether it was stated explicitly (not inferred)."""
    for _, entry in reversed(cues.countries):
        if entry.country and not (cues.ethnic_word and entry.type == "demonym"):
            return entry.country, True
    if cues.entity is not None and cues.entity.country:
        return cues.entity.country, True
    if cues.ethnic is not None and cues.ethnic.country:
        return cues.ethnic.country, False
    return None, False


def generic_name(country: str | None, sector: str | None, fallback: str, lex: Lexicon) -> str:
    """A canonical name for an unnamed collective actor ("Iraq military")."""
    if country:
        base = lex.country_names.get(country, country)
        return f"{base} {SECTOR_WORDS.get(sector or '', '')}".strip()
    return fallback


def code_head(h: Token, lex: Lexicon, tok_match: dict[int, tuple[Span, Entry]]) -> Mention | None:
    """Code the noun phrase headed by ``h``; None when it does not name an actor."""
    doc = h.doc
    hit = tok_match.get(h.i)
    head_entry = hit[1] if hit is not None else None
    if head_entry is not None and head_entry.type in COUNTRY_TYPES | {"ethnic"}:
        return _code_place_like(h, hit, lex, tok_match)  # type: ignore[arg-type]
    left, right = phrase_bounds(h, hit[0] if hit is not None else None)
    role = role_of(h, lex) if head_entry is None else None
    if role is not None or h.lower_ in GROUP_HEADS:
        left = _adjacent_match_start(left, tok_match)
    cues = gather_cues(doc, left, right, h, lex, tok_match)
    if role is not None or head_entry is None or head_entry.type == "person":
        right = _extend_right(h, right, cues, lex, tok_match)
    country, explicit = country_of(cues)
    plural = h.tag_ in ("NNS", "NNPS")
    base = dict(start=left, end=right, head=h.i, plural=plural, explicit_country=explicit,
                titles=frozenset(cues.titles), no_guess=cues.entity is not None)
    if head_entry is not None:  # organisation, group or person row covers the head
        name = head_entry.name
        kind = "person" if head_entry.type == "person" else "entity"
        sector = choose_sector(None, h, cues) if cues.sectors else head_entry.sector
        return Mention(name=name, country=country, sector=sector, kind=kind,
                       person_name=name if kind == "person" else None, **base)  # type: ignore[arg-type]
    if role is not None:
        sector = choose_sector(role, h, cues)
        name = cues.entity.name if cues.entity is not None else generic_name(
            country, sector, role.name, lex)
        singular_title = not plural and h.pos_ == "NOUN"
        return Mention(name=name, country=country, sector=sector, kind="role",
                       description=singular_title and _may_describe(cues), **base)  # type: ignore[arg-type]
    if h.pos_ == "PROPN" and (h.ent_type_ == "PERSON" or _has_title(cues, h, lex)):
        found = person_name(doc, left, h, lex, cues.taken)
        if found is not None:
            return Mention(name=found[0], country=country, sector=choose_sector(None, h, cues),
                           kind="person", person_name=found[0], **base)  # type: ignore[arg-type]
    if h.lower_ in GROUP_HEADS and (cues.entity is not None or cues.sectors):
        sector = choose_sector(None, h, cues)
        name = cues.entity.name if cues.entity is not None else generic_name(
            country, sector, doc_text(h, left, right), lex)
        return Mention(name=name, country=country, sector=sector, kind="entity" if
                       cues.entity is not None else "role", **base)  # type: ignore[arg-type]
    return _code_unknown_org(h, left, right, country, explicit, cues)


def _extend_right(h: Token, right: int, cues: Cues, lex: Lexicon,
                  tok_match: dict[int, tuple[Span, Entry]]) -> int:
    """Take in "of defence"-style title words and, lacking a country, "of Morocco"/"in Guinea"."""
    for child in h.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == right:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i == child.i + 1 and is_title_word(pobj, lex):
                    cues.titles.add(word_key(pobj))
                    right = pobj.i + 1
    if any(e.country for _, e in cues.countries):
        return right
    ext = cue_extension(h, tok_match)
    if ext is not None:
        end, entry = ext
        cues.countries.append((end - 1, entry))
        right = max(right, end)
    return right


def _has_title(cues: Cues, h: Token, lex: Lexicon) -> bool:
    """A proper noun preceded by a role or honorific ("President X", "Gen. Y") names a person."""
    if h.ent_type_ and h.ent_type_ not in ("PERSON", "ORG"):
        return False
    return any(w in lex.roles or w in HONORIFICS for w in cues.titles)


def _adjacent_match_start(left: int, tok_match: dict[int, tuple[Span, Entry]]) -> int:
    """Pull in a dictionary match glued before the phrase that the parse left out ("IS fighters")."""
    hit = tok_match.get(left - 1)
    if hit is not None and hit[1].type in IDENTITY_TYPES | COUNTRY_TYPES:
        return hit[0].start
    return left


def _may_describe(cues: Cues) -> bool:
    """A role phrase can describe a person unless an organisation other than a state body heads it."""
    return cues.entity is None or cues.entity.type == "org"


def _code_place_like(h: Token, hit: tuple[Span, Entry], lex: Lexicon,
                     tok_match: dict[int, tuple[Span, Entry]]) -> Mention | None:
    """A country name, demonym, capital or ethnic group heading its own phrase."""
    span, entry = hit
    if entry.type in ("country", "capital") and is_locative(h, entry):
        return None
    left, right = phrase_bounds(h, span)
    if any(c.lower_ == "ethnic" for c in h.lefts):
        return Mention(start=left, end=right, head=h.i, name=f"ethnic {span.text}", country=None,
                       sector="CVL", kind="role", plural=True)
    if entry.type in ("demonym", "ethnic"):
        state = _state_modifier(h, span, tok_match)
        if state is not None:  # "Iraqi Kurds", "Bosnian Serbs": a people within a state
            return Mention(start=left, end=right, head=h.i, name=doc_text(h, left, right),
                           country=state.country, sector="CVL", kind="role", plural=True,
                           explicit_country=True)
    sector = "GOV" if entry.type == "capital" else entry.sector
    name = generic_name(entry.country, sector, entry.name, lex) if sector else entry.name
    return Mention(start=left, end=right, head=h.i, name=name, country=entry.country,
                   sector=sector, kind="country", plural=h.tag_ in ("NNS", "NNPS"),
                   explicit_country=entry.type != "ethnic")


def _code_unknown_org(h: Token, left: int, right: int, country: str | None, explicit: bool,
                      cues: Cues) -> Mention | None:
    """An organisation NER finds but the dictionary lacks, kept when it has some coding."""
    if h.ent_type_ != "ORG" or h.ent_iob_ == "O":
        return None
    ent = _entity_of(h)
    if ent is None or (country is None and not cues.sectors) or len(ent) < 2:
        return None
    words = [t for t in ent if t.dep_ != "det"]
    name = h.doc[words[0].i:ent.end].text if words else ent.text
    sector = cues.sectors[-1] if cues.sectors else None
    return Mention(start=min(left, ent.start), end=max(right, ent.end), head=h.i, name=name,
                   country=country, sector=sector, kind="entity", explicit_country=explicit)


def _state_modifier(h: Token, span: Span,
                    tok_match: dict[int, tuple[Span, Entry]]) -> Entry | None:
    """The country/demonym row of a modifier before a people noun, if any."""
    for child in h.lefts:
        hit = tok_match.get(child.i)
        if child.i < span.start and child.dep_ in ("amod", "compound") and hit is not None:
            if hit[1].type in COUNTRY_TYPES and hit[1].country:
                return hit[1]
    return None


def doc_text(h: Token, left: int, right: int) -> str:
    """Text of ``h.doc[left:right]`` without a leading determiner or number."""
    words = [t for t in h.doc[left:right] if t.dep_ not in ("det", "nummod", "quantmod")]
    return " ".join(t.text for t in words) if words else h.text


def code_match_alone(span: Span, entry: Entry, lex: Lexicon) -> Mention | None:
    """A dictionary match that modifies a non-actor noun ("US mediation", "UN resolution")."""
    if entry.type == "capital":
        return None
    kind = "country" if entry.type in COUNTRY_TYPES else "entity"
    return Mention(start=span.start, end=span.end, head=span.root.i, name=entry.name,
                   country=entry.country, sector=entry.sector, kind=kind,
                   explicit_country=entry.type != "ethnic", no_guess=kind == "entity")
