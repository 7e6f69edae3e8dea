"""Noun-phrase analysis for actor coding: phrase bounds and cues.

Given a head token, find the phrase's extent (left modifiers, an "of"/"in" country
phrase), and collect what its words say: dictionary entities, country cues, role
and title words that carry a PLOVER sector.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventlens.actors.dictionary import Entry, Lexicon
from eventlens.actors.lexicon import CIVIL_GENERALS, HONORIFICS, TITLE_WORDS

COUNTRY_TYPES = frozenset({"country", "demonym", "capital"})
IDENTITY_TYPES = frozenset({"igo", "ngo", "org", "group", "person"})
# Stateless cues: a people ("Kurdish") or a region naming a bloc of states ("West African").
PEOPLE_TYPES = frozenset({"ethnic", "region"})
LEFT_DEPS = frozenset(
    {"det", "predet", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "advmod"}
)
MODIFIER_DEPS = frozenset({"compound", "amod", "flat", "nmod", "npadvmod", "nummod"})
# Locative uses of a country or capital are places, not actors ("talks in Washington").
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "within",
        "throughout",
        "across",
        "around",
        "outside",
        "into",
        "via",
        "toward",
        "towards",
        "through",
    }
)
CAPITAL_LOCATIVE = LOCATIVE | {"to", "from"}
CUE_PREPS = frozenset({"of", "in", "from", "throughout", "across", "inside"})
# Sectors a generic government head ("officials", "authorities") does not yield to:
# "health officials" are government officials working on health.
DOMAIN_SECTORS = frozenset({"HLH", "EDU", "AGR", "BUS", "MED"})


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
    if entry is None and tok.pos_ == "PROPN" and key.endswith("s"):
        entry = lex.roles.get(key[:-1])  # capitalised plurals keep their "s" as lemma
    if entry is not None:
        return entry.sector
    return HONORIFICS.get(key) or None


def is_title_word(tok: Token, lex: Lexicon) -> bool:
    """True for words that belong to a title rather than a name ("Defense", "Secretary")."""
    key = word_key(tok)
    return (
        key in TITLE_WORDS
        or key in HONORIFICS
        or key in lex.modifiers
        or key in lex.roles
        or tok.lemma_.lower() in lex.roles
    )


def phrase_bounds(h: Token, match: Span | None) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``h``: its left modifiers (no commas)."""
    left = h.i if match is None else min(h.i, match.start)
    right = h.i + 1 if match is None else max(h.i + 1, match.end)
    for child in h.lefts:
        if child.dep_ in LEFT_DEPS:
            # A "modifier" with its own subject is a misparsed clause ("X closed schools").
            clause = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            left = min(left, child.i if clause else child.left_edge.i)
    doc = h.doc
    for i in range(right - 1, left - 1, -1):
        if i < h.i and _is_boundary(doc[i]):
            left = i + 1
            break
    if h.ent_type_ in ("ORG", "PERSON") and h.ent_iob_ != "O":
        ent = entity_of(h)
        if ent is not None and ent.start >= left - 3:
            left, right = min(left, ent.start), max(right, ent.end)
    return left, right


def _is_boundary(tok: Token) -> bool:
    """Punctuation, spaced dashes and dates never sit inside an actor's noun phrase."""
    if tok.text in {",", "(", ")", ";", ":", '"', "“", "”", "–", "—", "--"}:
        return True
    if tok.text == "-" and (tok.whitespace_ or tok.i > 0 and tok.doc[tok.i - 1].whitespace_):
        return True
    return tok.ent_type_ in ("DATE", "TIME")


def entity_of(tok: Token) -> Span | None:
    """The named-entity span containing ``tok``, found from the IOB tags (no scan of all ents)."""
    if tok.ent_iob_ in ("O", ""):
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


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


def person_name(
    doc: Doc, left: int, h: Token, lex: Lexicon, taken: set[int]
) -> tuple[str, int] | None:
    """The name run ending at ``h`` (proper nouns that are not title words), with its start."""
    i = h.i
    while i - 1 >= left:
        prev = doc[i - 1]
        if prev.i in taken or is_title_word(prev, lex):
            break
        glued_hyphen = prev.text == "-" and not prev.whitespace_ and not doc[i - 2].whitespace_
        if prev.pos_ != "PROPN" and prev.ent_type_ != "PERSON" and not glued_hyphen:
            break
        i -= 1
    if h.i in taken or is_title_word(h, lex):
        return None
    return " ".join(doc[i : h.i + 1].text.split()), i


# Prefixes by which a country is what an actor opposes or backs ("anti-Syria").
STANCE_PREFIXES = frozenset({"anti", "pro"})


def stance_prefixed(span: Span) -> bool:
    """A country after "anti-"/"pro-" is what the actor opposes or backs, not its country
    ("an anti-Syria journalist", "pro-Russian separatists")."""
    doc, i = span.doc, span.start
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return False
    return doc[i - 2].lower_ in STANCE_PREFIXES


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


def gather_cues(
    doc: Doc,
    left: int,
    right: int,
    head: Token,
    lex: Lexicon,
    tok_match: dict[int, tuple[Span, Entry]],
) -> Cues:
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
                if not stance_prefixed(span):
                    cues.countries.append((span.start, entry))
            elif entry.type in PEOPLE_TYPES:
                cues.ethnic = entry
            elif entry.type in IDENTITY_TYPES:
                cues.entity = entry
                cues.titles.update(w.lower() for w in entry.phrase.split())
            continue
        tok = doc[i]
        if tok.lower_ == "ethnic":
            cues.ethnic_word = True
        # "Secretary-General" is not a general.
        # "Secretary-General", "Attorney General": not a general.
        hyphenated = (
            tok.lower_ == "general"
            and i > 0
            and (doc[i - 1].text == "-" or doc[i - 1].lower_ in CIVIL_GENERALS)
        )
        if i != head.i and not hyphenated and (sec := sector_word(tok, lex)) is not None:
            cues.sectors.append(sec)
        if is_title_word(tok, lex):
            cues.titles.add(word_key(tok))
    return cues
