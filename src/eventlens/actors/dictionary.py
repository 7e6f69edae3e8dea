"""The actor dictionary: TSV rows (shipped + user files) and a cached PhraseMatcher over them.

Columns (see src/eventlens/data/README.md): phrase, name, country, sector, type, provenance,
and optionally valid_from, valid_to (YYYY-MM-DD; either may be empty). ``role`` and
``modifier`` rows are single words looked up on noun-phrase heads and modifiers; every
other type is matched as a phrase in the text.

Rows of one phrase and name from one file are the dated roles of one actor (a person
who was an elite, then head of government): ``role_on`` picks the role held on the
article's publication date. The shipped rows are data/actors_phoenix.tsv (people, IGOs,
NGOs and armed groups converted from PETRARCH2's Phoenix dictionaries), then
data/actors_officials.tsv (office holders of 2014-2026), then data/actors.tsv, then the
user's files: a later file's rows for a phrase hide an earlier file's, except that a
person's rows in the two shipped people files are read together.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from eventlens.errors import InputError

COLUMNS = ("phrase", "name", "country", "sector", "type", "provenance")
DATE_COLUMNS = ("valid_from", "valid_to")  # optional
# Later files win, except that the two files of dated people are one source: a person's
# Phoenix roles (to about 2015) and later roles (actors_officials.tsv) are read together.
SHIPPED_FILES = ("data/actors_phoenix.tsv", "data/actors_officials.tsv", "data/actors.tsv")
PHOENIX_ORIGIN = "eventlens/data/actors_phoenix.tsv"
PEOPLE_ORIGINS = frozenset({PHOENIX_ORIGIN, "eventlens/data/actors_officials.tsv"})
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
OPEN_END = "9999-12-31"
PATTERN_BATCH = 500
ENTITY_TYPES = frozenset(
    {"country", "demonym", "capital", "ethnic", "region", "igo", "ngo", "org", "group", "person"}
)
WORD_TYPES = frozenset({"role", "modifier"})
NOT_ACTOR_ENTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL", "DATE", "TIME"})
# Words of the calendar that are also names ("May", "Jordan" is none): never a misread.
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose longer name may contain a person's or an institution's.
NAMED_ENTS = frozenset({"ORG", "FAC", "GPE", "LOC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary row."""

    phrase: str
    name: str
    country: str | None
    sector: str | None
    type: str
    provenance: str
    valid_from: str | None = None  # YYYY-MM-DD; None: open (or an undated default role)
    valid_to: str | None = None
    origin: str = field(default="", compare=False)  # the file the row was read from

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None


def role_on(roles: list[Entry], on: str | None) -> Entry:
    """The role of one actor held on ``on`` (YYYY-MM-DD): a dated role valid that day
    (the latest begun), else the undated default role, else the latest role begun
    before it, else the latest role. Without a date: the latest dated role."""
    dated = [e for e in roles if e.dated]
    if not dated:
        return roles[0]

    def latest(e: Entry) -> tuple[str, str]:
        return (e.valid_from or "", e.valid_to or OPEN_END)

    if on is not None:
        valid = [e for e in dated if (e.valid_from or "") <= on and on <= (e.valid_to or OPEN_END)]
        if valid:
            return max(valid, key=latest)
        default = next((e for e in roles if not e.dated), None)
        if default is not None:
            return default
        begun = [e for e in dated if e.valid_from is not None and e.valid_from <= on]
        if begun:
            return max(begun, key=latest)
    return max(dated, key=latest)


def as_day(published: str | None) -> str | None:
    """A publication date as YYYY-MM-DD: "2009-05-01T10:00Z" -> "2009-05-01"; a month or a
    year alone stands for its middle ("2009-05" -> "2009-05-15", "2009" -> "2009-07-01");
    None for anything else."""
    if not published:
        return None
    text = published.strip()
    if ISO_DATE.match(text):
        return text[:10]
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-15"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-07-01"
    return None


@dataclass
class Lexicon:
    """All rows of the configured dictionaries, indexed for lookup and matching."""

    phrases: dict[str, list[Entry]] = field(default_factory=dict)  # lower phrase -> entries
    roles: dict[str, Entry] = field(default_factory=dict)  # lower word -> role entry
    modifiers: dict[str, Entry] = field(default_factory=dict)  # lower word -> modifier entry
    country_names: dict[str, str] = field(default_factory=dict)  # alpha-3 -> canonical name
    org_types: dict[str, str] = field(default_factory=dict)  # lower IGO/NGO name -> IGO|NGO
    matcher: PhraseMatcher | None = None

    def entity_for(self, text: str, on: str | None = None) -> Entry | None:
        """Return the dictionary entry whose phrase matches ``text`` with the case rules;
        for an actor with dated roles, its role on ``on`` (YYYY-MM-DD, see ``role_on``)."""
        entries = self.phrases.get(text.lower(), ())
        first = next((e for e in entries if case_ok(e.phrase, text)), None)
        if first is None or not first.dated and len(entries) == 1:
            return first
        source = _source(first.origin)
        roles = [
            e
            for e in entries
            if _source(e.origin) == source and e.name == first.name and case_ok(e.phrase, text)
        ]
        return role_on(roles, on)


def _source(origin: str) -> str:
    """Files whose rows of one person are read together (the shipped people files)."""
    return "shipped people" if origin in PEOPLE_ORIGINS else origin


def case_ok(phrase: str, text: str) -> bool:
    """Acronyms must match exactly ("IS" not "is"); capitalised names need a capital."""
    letters = [c for c in phrase if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return text == phrase
    if phrase[:1].isupper():
        return text[:1].isupper()
    return True


def read_rows(path: Path | Iterable[str], source: str) -> list[Entry]:
    """Parse dictionary rows; raise a one-line EventlensError naming ``source`` when malformed."""
    lines = path.read_text(encoding="utf-8").splitlines() if isinstance(path, Path) else path
    content = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(content, delimiter="\t", quoting=csv.QUOTE_NONE)
    entries: list[Entry] = []
    for n, cells in enumerate(reader, start=1):
        if n == 1 and cells[:1] == ["phrase"]:
            continue
        if len(cells) < 5 or not cells[0].strip():
            raise InputError(
                source, f"row {n}: expected tab-separated columns {', '.join(COLUMNS)}"
            )
        phrase, name, country, sector, kind = (c.strip() for c in cells[:5])
        if kind not in ENTITY_TYPES | WORD_TYPES:
            raise InputError(source, f"row {n}: unknown type {kind!r}")
        prov = cells[5].strip() if len(cells) > 5 and cells[5].strip() else source
        start, end = (c.strip() or None for c in (cells[6:8] + ["", ""])[:2])
        for day in (start, end):
            if day is not None and not ISO_DATE.fullmatch(day):
                raise InputError(source, f"row {n}: date {day!r} is not YYYY-MM-DD")
        entries.append(
            Entry(
                phrase,
                name or phrase,
                sys.intern(country) if country else None,
                sys.intern(sector) if sector else None,
                sys.intern(kind),
                sys.intern(prov),  # tens of thousands of rows share a few of each
                start,
                end,
                source,
            )
        )
    return entries


def shipped_rows() -> list[Entry]:
    """Rows of the dictionaries shipped in the package, in ``SHIPPED_FILES`` order."""
    entries: list[Entry] = []
    for name in SHIPPED_FILES:
        text = resources.files("eventlens").joinpath(name).read_text(encoding="utf-8")
        entries.extend(read_rows(text.splitlines(), f"eventlens/{name}"))
    return entries


def build_lexicon(nlp: Language, extra: Iterable[Path] = ()) -> Lexicon:
    """Build the lexicon and its PhraseMatcher from the shipped rows plus user files.

    Called once per configuration by ``Resources.lexicon``.
    """
    entries = shipped_rows()
    for path in extra:
        if not path.is_file():
            raise InputError(str(path), "actor dictionary not found")
        entries.extend(read_rows(path, str(path)))
    lex = Lexicon()
    # User rows come last and override shipped rows with the same phrase (a later
    # file's rows come first; ``entity_for`` reads only the first file's rows).
    for e in entries:
        key = e.phrase.lower()
        if e.type == "role":
            lex.roles[key] = e
        elif e.type == "modifier":
            lex.modifiers[key] = e
        else:
            lex.phrases.setdefault(key, []).insert(0, e)
        if e.type == "country" and e.country and e.country not in lex.country_names:
            lex.country_names[e.country] = e.name
        if e.type in ("igo", "ngo"):
            lex.org_types[e.name.lower()] = e.type.upper()
    lex.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    # Tokenise each phrase in its own case: tokenizer exceptions ("U.S.") are case-sensitive.
    # A few hundred at a time: the matcher keeps token ids only, and ~25k pattern Docs held
    # at once would add over 100 MB to the process for good.
    phrases = sorted({e.phrase for es in lex.phrases.values() for e in es})
    for k in range(0, len(phrases), PATTERN_BATCH):
        lex.matcher.add("ACTOR", [nlp.make_doc(p) for p in phrases[k : k + PATTERN_BATCH]])
    return lex


def dictionary_matches(doc: Doc, lex: Lexicon, on: str | None = None) -> list[tuple[Span, Entry]]:
    """Longest non-overlapping dictionary matches in ``doc`` that pass the case rules; an
    actor with dated roles is coded by its role on ``on`` (YYYY-MM-DD)."""
    assert lex.matcher is not None
    spans = [doc[s:e] for _, s, e in lex.matcher(doc)]
    spans.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
    taken: set[int] = set()
    found: list[tuple[Span, Entry]] = []
    for sp in spans:
        if taken.intersection(range(sp.start, sp.end)):
            continue
        entry = lex.entity_for(sp.text, on)
        if entry is None or _inside_longer_name(sp) or _inside_person(sp, entry):
            continue
        misread = _country_read_as_time(sp, entry)
        if sp.root.ent_type_ in NOT_ACTOR_ENTS and not misread or _before_currency(sp):
            continue  # "US $50 million", "in May"
        if sp.text.isupper() and _in_capitals_run(sp, lex):
            continue
        taken.update(range(sp.start, sp.end))
        found.append((sp, entry))
    found.sort(key=lambda m: m[0].start)
    return found


def _country_read_as_time(sp: Span, entry: Entry) -> bool:
    """A country or capital the small model took for a date or time ("in Niger" as DATE,
    "Kyiv overnight" as TIME): a capitalised name, no month or weekday."""
    return (
        entry.type in ("country", "capital")
        and sp.root.ent_type_ in ("DATE", "TIME")
        and sp.text[:1].isupper()
        and sp.text.lower() not in CALENDAR_WORDS
    )


def _inside_longer_name(sp: Span) -> bool:
    """True when letters touch the match with no space (a tokenisation artefact, not a name)."""
    doc = sp.doc
    before = doc[sp.start - 1] if sp.start > 0 else None
    after = doc[sp.end] if sp.end < len(doc) else None
    glued_left = before is not None and not before.whitespace_ and before.is_alpha
    glued_right = after is not None and not sp[-1].whitespace_ and after.is_alpha
    return glued_left or glued_right


def _inside_person(sp: Span, entry: Entry) -> bool:
    """A place name inside a longer PERSON entity is part of a name ("George Washington");
    so is a listed person's name inside another's ("Kerry" in "Kerry Washington"), and a
    lone surname the parser reads as a place ("County Kerry"). A person's or a converted
    institution's name inside a longer organisation or place name is part of it ("King
    Juan Carlos University", "the Texas Department of State Health Services")."""
    if entry.type == "person" and len(sp) == 1 and sp[0].ent_type_ in PLACE_ENTS:
        return True
    if (entry.type == "person" or entry.origin == PHOENIX_ORIGIN) and _inside_named(sp):
        return True
    if entry.type not in ("country", "capital", "person") or sp[0].ent_type_ != "PERSON":
        return False
    doc = sp.doc
    before = sp.start > 0 and doc[sp.start - 1].ent_type_ == "PERSON" and sp[0].ent_iob_ == "I"
    return before or _entity_goes_on(sp)


def _inside_named(sp: Span) -> bool:
    """The span lies inside a longer organisation, place or title entity."""
    if sp[0].ent_type_ not in NAMED_ENTS or sp[0].ent_type_ != sp[-1].ent_type_:
        return False
    return sp[0].ent_iob_ == "I" or _entity_goes_on(sp)


def _entity_goes_on(sp: Span) -> bool:
    """The entity runs on after the span; a possessive ending does not count ("Hillary
    Clinton's": the model often takes the "'s" into the PERSON entity)."""
    doc = sp.doc
    return sp.end < len(doc) and doc[sp.end].ent_iob_ == "I" and doc[sp.end].tag_ != "POS"


def _in_capitals_run(sp: Span, lex: Lexicon) -> bool:
    """An acronym beside other all-caps words is a shouted headline ("WHAT IS NEXT"), not a name."""
    doc = sp.doc
    for i in (sp.start - 1, sp.end):
        if 0 <= i < len(doc):
            tok = doc[i]
            if tok.is_alpha and tok.is_upper and len(tok) > 1 and tok.lower_ not in lex.phrases:
                return True
    return False


def _before_currency(sp: Span) -> bool:
    """A country name right before a currency sign is part of an amount ("US $5", "HK$")."""
    return sp.end < len(sp.doc) and sp.doc[sp.end].is_currency
