"""The actor dictionary: TSV rows (shipped + user files) and a cached PhraseMatcher over them.

Columns (see src/eventlens/data/README.md): phrase, name, country, sector, type, provenance.
``role`` and ``modifier`` rows are single words looked up on noun-phrase heads and
modifiers; every other type is matched as a phrase in the text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from eventlens.errors import InputError

COLUMNS = ("phrase", "name", "country", "sector", "type", "provenance")
ENTITY_TYPES = frozenset(
    {"country", "demonym", "capital", "ethnic", "region", "igo", "ngo", "org", "group", "person"}
)
WORD_TYPES = frozenset({"role", "modifier"})
NOT_ACTOR_ENTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL", "DATE", "TIME"})


@dataclass(frozen=True)
class Entry:
    """One dictionary row."""

    phrase: str
    name: str
    country: str | None
    sector: str | None
    type: str
    provenance: str


@dataclass
class Lexicon:
    """All rows of the configured dictionaries, indexed for lookup and matching."""

    phrases: dict[str, list[Entry]] = field(default_factory=dict)  # lower phrase -> entries
    roles: dict[str, Entry] = field(default_factory=dict)  # lower word -> role entry
    modifiers: dict[str, Entry] = field(default_factory=dict)  # lower word -> modifier entry
    country_names: dict[str, str] = field(default_factory=dict)  # alpha-3 -> canonical name
    org_types: dict[str, str] = field(default_factory=dict)  # lower IGO/NGO name -> IGO|NGO
    matcher: PhraseMatcher | None = None

    def entity_for(self, text: str) -> Entry | None:
        """Return the dictionary entry whose phrase matches ``text`` with the case rules."""
        for entry in self.phrases.get(text.lower(), ()):
            if case_ok(entry.phrase, text):
                return entry
        return None


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
        entries.append(Entry(phrase, name or phrase, country or None, sector or None, kind, prov))
    return entries


def shipped_rows() -> list[Entry]:
    """Rows of the dictionary shipped in the package (data/actors.tsv)."""
    text = resources.files("eventlens").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    return read_rows(text.splitlines(), "eventlens/data/actors.tsv")


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
    # User rows come last and override shipped rows with the same phrase.
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
    patterns = [nlp.make_doc(p) for p in {e.phrase for es in lex.phrases.values() for e in es}]
    lex.matcher.add("ACTOR", patterns)
    return lex


def dictionary_matches(doc: Doc, lex: Lexicon) -> list[tuple[Span, Entry]]:
    """Longest non-overlapping dictionary matches in ``doc`` that pass the case rules."""
    assert lex.matcher is not None
    spans = [doc[s:e] for _, s, e in lex.matcher(doc)]
    spans.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
    taken: set[int] = set()
    found: list[tuple[Span, Entry]] = []
    for sp in spans:
        if taken.intersection(range(sp.start, sp.end)):
            continue
        entry = lex.entity_for(sp.text)
        if entry is None or _inside_longer_name(sp) or _inside_person(sp, entry):
            continue
        if sp.root.ent_type_ in NOT_ACTOR_ENTS or _before_currency(sp):  # "US $50 million"
            continue
        if sp.text.isupper() and _in_capitals_run(sp, lex):
            continue
        taken.update(range(sp.start, sp.end))
        found.append((sp, entry))
    found.sort(key=lambda m: m[0].start)
    return found


def _inside_longer_name(sp: Span) -> bool:
    """True when letters touch the match with no space (a tokenisation artefact, not a name)."""
    doc = sp.doc
    before = doc[sp.start - 1] if sp.start > 0 else None
    after = doc[sp.end] if sp.end < len(doc) else None
    glued_left = before is not None and not before.whitespace_ and before.is_alpha
    glued_right = after is not None and not sp[-1].whitespace_ and after.is_alpha
    return glued_left or glued_right


def _inside_person(sp: Span, entry: Entry) -> bool:
    """A place name inside a longer PERSON entity is part of a name ("George Washington")."""
    if entry.type not in ("country", "capital") or sp[0].ent_type_ != "PERSON":
        return False
    doc = sp.doc
    before = sp.start > 0 and doc[sp.start - 1].ent_type_ == "PERSON" and sp[0].ent_iob_ == "I"
    after = sp.end < len(doc) and doc[sp.end].ent_iob_ == "I"
    return before or after


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
