"""Convert PETRARCH2's Phoenix actor dictionaries into src/eventlens/data/actors_phoenix.tsv.

Source: the ``openeventdata/petrarch2`` repository, ``petrarch2/data/dictionaries/``,
commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, as kept in ``../shared/actors/phoenix``
(MIT, copyright (c) 2014 Open Event Data; its LICENSE is copied into the output).

What is converted (each output row names its file and the commit in ``provenance``):

- ``Phoenix.Countries.actors.txt``: named people with their dated roles (one row per
  name form and role; country = the CAMEO code's first three letters, sector = the
  rest mapped to eventlens' PLOVER sectors) and national institutions the shipped
  dictionary lacks. The country blocks themselves are skipped: their synonyms mix
  spellings of the country with its cities and provinces (``+KABUL_`` under
  Afghanistan), and eventlens codes countries from ``actors.tsv`` and places from the
  gazetteer.
- ``Phoenix.International.actors.txt``: officials of international organisations
  (coded IGO/NGO with no country) and the IGOs and NGOs the shipped dictionary lacks.
  Multinational companies and media outlets are left out (stock-market listings and
  bylines, not political actors).
- ``Phoenix.MilNonState.actors.txt``: armed non-state groups the shipped dictionary
  lacks.
- ``Phoenix.agents.txt`` is not used: it holds role nouns ("police", "protesters"), no
  people or organisations; eventlens' own role words cover it.

Dates: TABARI's YYMMDD (00-30 read as 20YY, as PETRARCH does) or YYYYMMDD become
YYYY-MM-DD; ``>date`` opens the end, ``<date`` the start; a code with no date is the
person's default role (empty ``valid_from`` and ``valid_to``).

Name forms: Phoenix's upper-case ``_``-joined phrases become the capitalised text the
dictionary matcher compares case-insensitively (a capitalised phrase needs a capital
in the text; an all-capitals one must match exactly). Leading titles are dropped
("PRESIDENT_SHIMON_PERES" -> "Shimon Peres": the parse takes the title in) unless only
one name word would be left ("President Peres" stays whole). A lone word ("Peres") is
kept only as the surname of one listed person's full name that is nobody's given name
and no word of the shipped dictionary. A name form that people of different countries
share is left out.

Run: ``.venv/bin/python scripts/vendor_phoenix_actors.py [--phoenix DIR] [--out FILE]``.
The output is deterministic and depends on the Phoenix files and on ``actors.tsv``
(read to skip what it already has): rerun after changing either; the test
``tests/actors/test_phoenix.py`` checks that the shipped file rebuilds byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHOENIX = ROOT.parent / "shared" / "actors" / "phoenix"
SHIPPED = ROOT / "src" / "eventlens" / "data" / "actors.tsv"
OUT = ROOT / "src" / "eventlens" / "data" / "actors_phoenix.tsv"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
COLUMNS = ("phrase", "name", "country", "sector", "type", "provenance", "valid_from", "valid_to")
COUNTRIES = "Phoenix.Countries.actors.txt"
INTERNATIONAL = "Phoenix.International.actors.txt"
MILNONSTATE = "Phoenix.MilNonState.actors.txt"

# CAMEO codes that are not ISO 3166 alpha-3, mapped the way actors.tsv names the
# successor state ("Soviet Union" -> RUS, "Yugoslavia" -> SRB).
CAMEO_COUNTRIES = {
    "KSV": "XKX",  # Kosovo
    "SUN": "RUS",  # Soviet Union
    "USR": "RUS",
    "YUG": "SRB",  # Yugoslavia
    "FRY": "SRB",
    "SCG": "SRB",  # Serbia and Montenegro
    "CSK": "CZE",  # Czechoslovakia
    "DDR": "DEU",  # East Germany
    "TMP": "TLS",  # East Timor
    "SRP": "BIH",  # Republika Srpska
    "ROM": "ROU",
    "ZAR": "COD",
}
# CAMEO role codes -> eventlens' PLOVER sectors (src/eventlens/data/README.md).
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "PTY": "PTY", "COP": "COP",
    "JUD": "JUD", "SPY": "SPY", "MED": "MED", "EDU": "EDU", "BUS": "BUS", "CRM": "CRM",
    "CVL": "CVL", "ELI": "ELI", "LEG": "LEG", "HLH": "HLH", "REF": "REF", "AGR": "AGR",
    "LAB": "LAB",
    # armed opposition: insurgents, separatists, unaligned armed forces
    "INS": "REB", "SEP": "REB", "UAF": "REB",
    # religions
    "REL": "REL", "CHR": "REL", "CTH": "REL", "ORT": "REL", "PRO": "REL", "MOS": "REL",
    "SHI": "REL", "SUN": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL", "BAH": "REL",
    "JAN": "REL", "SIK": "REL", "ZRO": "REL", "DOX": "REL", "ITR": "REL", "CON": "REL",
}  # fmt: skip
# Branches a "GOV" code narrows to, as actors.tsv codes them (Knesset: LEG, ICC: JUD).
GOV_BRANCHES = frozenset({"LEG", "JUD"})
# Codes of organisations: no country (the organisation is the actor's code).
ORGANISATION_CODES = frozenset({"IGO", "NGO"})
# Leading words of a phrase that are a title, not part of a name, beyond the shipped
# dictionary's role and modifier words and country names.
TITLES = frozenset(
    "prime vice deputy acting interim former late then new chief top senior supreme "
    "secretary-general secretary general gen gen. lt. col. maj. adm. mr mr. mrs. ms. dr. "
    "dr sir lord lady baroness baron sheikh emir king queen prince princess crown "
    "president-elect premier chairman chairwoman head speaker minister foreign "
    "hojatolislam ayatollah grand mufti pope cardinal reformer leader director "
    "national state of the for".split()
)
# Words that make a phrase an organisation's name, not a person's.
ORG_WORDS = frozenset(
    "association foundation council international center centre institute society "
    "organization organisation organizations network fund committee commission union "
    "federation alliance agency bank program programme mission court tribunal office "
    "group campaign movement project action league party army forces force front "
    "brigade brigades corps service services bureau department ministry assembly "
    "congress parliament government regime secretariat initiative conference forum "
    "watch trust coalition church world global united nations peace rights "
    "relief aid development human children women youth health education research "
    "partners partnership platform monitor monitors observatory unit units guard guards "
    "palace street yard rifles declaration authority house wing team cell cells community "
    "reserve university tank".split()
)
# Words of an office's title: an entry named so is a role, which the parse codes.
OFFICES = frozenset(
    "president vice-president minister secretary attorney representative general "
    "chancellor premier speaker director ambassador chairman spokesman envoy governor "
    "mayor bundeskanzler".split()
)
# Lower-case particles inside a person's name ("Bashar al-Assad", "Charles de Gaulle").
PARTICLES = frozenset(
    "al el bin ibn bint de del della der di da das do dos du la le van von ter y".split()
)
# Articles that make a two-word name a common noun phrase in some language ("La Liga").
ARTICLES = frozenset("the a la el le les los las il lo al".split())
# Function words of organisation names, printed in lower case ("Army of God").
SMALL_WORDS = frozenset("of the and for in on to at by de la du des".split())
# International entries coded only as companies (MNC -> BUS: mostly stock-market listings)
# or media (MED: bylines and credit lines would become actors, "(Reuters) -") are left out.
SKIPPED_ORG_SECTORS = frozenset({"MED", "BUS"})

Row = tuple[str, str, str, str, str, str, str, str]


@dataclass
class Block:
    """One Phoenix entry: its phrases (primary first, then ``+`` synonyms) and codes."""

    file: str
    line: int
    phrases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Role:
    country: str
    sector: str
    valid_from: str
    valid_to: str


BRACKETS = re.compile(r"\[([^\]]*)\]")


def read_blocks(path: Path) -> list[Block]:
    """Entries of a TABARI/PETRARCH actor file, grouped as PETRARCH groups them.

    A primary line starts an entry unless the entry being read has no code yet (then it
    joins it, as PETRARCH attaches a code-less phrase to the codes that follow); ``+``
    lines are synonyms; indented ``[CODE dates]`` lines are dated roles.
    """
    blocks: list[Block] = []
    cur: Block | None = None
    text = path.read_text(encoding="utf-8", errors="replace")
    for n, raw in enumerate(text.splitlines(), start=1):
        if "---STOP---" in raw:
            break
        if not raw.strip() or raw[0] in "#<":
            continue
        body, _, comment = raw.partition("#")
        if raw[0] in " \t":
            if cur is not None:
                cur.codes.extend(BRACKETS.findall(body))
                cur.comments.append(comment.strip())
            continue
        if raw[0] == "+":
            if cur is not None:
                for part in body[1:].split("+"):  # "+A_ +B_" on one line
                    cur.phrases.append(BRACKETS.split(part)[0].strip())
                cur.codes.extend(BRACKETS.findall(body))
            continue
        if cur is None or cur.codes:
            cur = Block(path.name, n)
            blocks.append(cur)
        for part in body.split("[")[0].split(" +"):
            cur.phrases.append(part.strip(" +"))
        cur.codes.extend(BRACKETS.findall(body))
        cur.comments.append(comment.strip())
    return blocks


def tabari_date(digits: str) -> str | None:
    """YYMMDD (00-30 -> 20YY) or YYYYMMDD as YYYY-MM-DD; None when not a date.

    As PETRARCH's ``dstr_to_ordate``: up to 7 characters are read as YYMMDD, 8 or
    more as YYYYMMDD (later characters ignored).
    """
    if not digits.isdigit() or len(digits) < 6:
        return None
    if len(digits) <= 7:
        yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_code(raw: str) -> tuple[str, str, str] | None:
    """``"ISRGOV 770422-770621"`` -> (code, valid_from, valid_to); None for a null code
    (``---``) or a date PETRARCH could not read either."""
    code, _, rest = raw.strip().partition(" ")
    rest = rest.replace(" ", "")
    if not code or code.startswith("-") or code.startswith("~"):
        return None
    if not rest:
        return code, "", ""
    if rest[0] in "<>":
        date = tabari_date(rest[1:])
        if date is None:
            return None
        return (code, "", date) if rest[0] == "<" else (code, date, "")
    start, sep, end = rest.partition("-")
    first, last = tabari_date(start), tabari_date(end)
    if not sep or first is None or last is None or last < first:
        return None
    return code, first, last


def code_role(code: str, countries: frozenset[str]) -> tuple[str, str] | None:
    """A CAMEO code as (country, sector); None when neither is known."""
    head, rest = code[:3], code[3:]
    if head in ORGANISATION_CODES:
        return "", head
    if head == "IMG":  # international militarised group
        return "", "REB"
    if head == "MNC":
        return "", "BUS"
    country = CAMEO_COUNTRIES.get(head, head)
    if country in countries:
        # The first role code after the country and any sub-state or successor-state
        # codes ("SUNRUSLEG": the Russian SFSR's legislature).
        parts = [rest[k : k + 3] for k in range(0, len(rest), 3)]
        sector = ""
        for k, part in enumerate(parts):
            if part in SECTORS:
                sector = SECTORS[part]
                if sector == "GOV" and k + 1 < len(parts) and parts[k + 1] in GOV_BRANCHES:
                    sector = parts[k + 1]
                break
        return country, sector
    if head in SECTORS:
        return "", SECTORS[head]
    return None


def stay_in_organisation(roles: list[Role]) -> list[Role]:
    """A country-less elite role of an international official ("[IGOUNO 970101-061231]
    [ELI]") keeps the organisation's code: with no state to belong to, eventlens would
    otherwise give the former UN chief the country of the place he speaks in."""
    orgs = [r.sector for r in roles if r.sector in ORGANISATION_CODES]
    if not orgs:
        return roles
    return [
        Role(r.country, orgs[-1], r.valid_from, r.valid_to)
        if not r.country and r.sector == "ELI"
        else r
        for r in roles
    ]


def merge_roles(roles: Iterable[Role]) -> list[Role]:
    """Drop duplicates and join overlapping or touching spans of the same role."""
    dated: dict[tuple[str, str], list[Role]] = defaultdict(list)
    out: set[Role] = set()
    for r in roles:
        if r.valid_from and r.valid_to:
            dated[(r.country, r.sector)].append(r)
        else:
            out.add(r)
    for spans in dated.values():
        spans.sort(key=lambda r: (r.valid_from, r.valid_to))
        cur = spans[0]
        for r in spans[1:]:
            day_after = (dt.date.fromisoformat(cur.valid_to) + dt.timedelta(days=1)).isoformat()
            if r.valid_from <= day_after:
                if r.valid_to > cur.valid_to:
                    cur = Role(cur.country, cur.sector, cur.valid_from, r.valid_to)
            else:
                out.add(cur)
                cur = r
        out.add(cur)
    return sorted(out, key=lambda r: (r.valid_from, r.valid_to, r.country, r.sector))


def words_of(phrase: str) -> list[str]:
    """Words of a Phoenix phrase (``_`` and spaces separate words; a parenthesised
    acronym, "ISLAMIC_ARMY_OF_ADEN_(IAA)_", and a quoted nickname, "TZIPORA_\"TZIPI\"_LIVNI_",
    are left out)."""
    phrase = re.sub(r"\([^)]*\)|\"[^\"]*\"", " ", phrase)
    words = (w.strip('()[]{}",;:') for w in re.split(r"[_\s]+", phrase))
    return [w for w in words if w]


def display_word(word: str, first: bool, person: bool, alone: bool = False) -> str:
    """One word in the case a text would print it."""
    low = word.lower()
    if low in PARTICLES and not first:
        return low
    particle, hyphen, rest = low.partition("-")
    if person and not first and hyphen and rest and particle in PARTICLES:
        return f"{particle}-{display_word(rest, False, person)}"  # "al-Rifai"
    if not person:
        letters = sum(c.isalpha() for c in word)
        vowels = sum(c in "aeiouy" for c in low)
        if word[:1].isdigit():
            return low  # "1st", "23rd"
        acronym = any(c.isdigit() for c in word) or "." in word or vowels == 0
        if acronym or letters <= 2 and low not in SMALL_WORDS or alone and letters <= 5:
            return word.upper()  # "UN", "MI6", "U.N.", "DGSE"
        if not first and low in SMALL_WORDS:
            return low
    parts = re.split(r"([-'])", low)
    out = []
    for k, part in enumerate(parts):
        after_apostrophe = k > 0 and parts[k - 1] == "'"
        if part and part not in "-'" and not (after_apostrophe and len(part) < 2):
            part = part[0].upper() + part[1:]
            if part.startswith("Mc") and len(part) > 3:
                part = "Mc" + part[2].upper() + part[3:]  # "McCain"
        out.append(part)
    return "".join(out)


def display(words: list[str], person: bool) -> str:
    """A phrase's words in print case ("SHIMON_PERES_" -> "Shimon Peres")."""
    alone = len(words) == 1
    return " ".join(display_word(w, k == 0, person, alone) for k, w in enumerate(words))


@dataclass
class Shipped:
    """What actors.tsv already has: phrases (lower case), role/modifier words, countries."""

    phrases: set[str]
    words: set[str]
    countries: frozenset[str]


def read_shipped(path: Path) -> Shipped:
    phrases: set[str] = set()
    words: set[str] = set()
    countries: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for cells in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not cells or cells[0].startswith("#") or cells[0] == "phrase":
                continue
            phrase, _, country, _, kind = cells[:5]
            (words if kind in ("role", "modifier") else phrases).add(phrase.strip().lower())
            if country:
                countries.add(country)
    return Shipped(phrases, words, frozenset(countries))


def strip_title(words: list[str], shipped: Shipped) -> list[str]:
    """Drop leading title words, countries, demonyms and organisations ("UN", "Israeli")."""
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            span = " ".join(words[i:j]).lower()
            if span in shipped.phrases and j < len(words):
                i = j
                break
        else:
            low = words[i].lower()
            if low in TITLES or low in shipped.words or low.rstrip(".") in TITLES:
                i += 1
                continue
            break
    return words[i:]


@dataclass
class Actor:
    """One Phoenix entry as eventlens will code it."""

    kind: str  # person | org | igo | ngo | group
    name: str
    roles: list[Role]
    forms: list[str]  # phrases in display case
    provenance: str
    single_ok: set[str] = field(default_factory=set)  # lone words it was listed by
    full_names: set[str] = field(default_factory=set)  # untitled names of two words or more


def is_country_block(block: Block, roles: list[Role]) -> bool:
    """A country's own entry (its names, cities, provinces): codes with no sector."""
    return bool(roles) and all(not r.sector for r in roles) and block.file == COUNTRIES


def looks_like_org(words: list[str]) -> bool:
    low = [w.lower().strip(".,()") for w in words]
    if any(w in ORG_WORDS for w in low):
        return True
    return len(words) == 1 or len(words) > 5 or any(w in ("of", "for", "the", "and") for w in low)


def classify(block: Block, roles: list[Role]) -> str | None:
    """person, org, igo, ngo or group; None for what is not converted."""
    primary = words_of(block.phrases[0]) if block.phrases else []
    if not primary or not roles:
        return None
    sectors = {r.sector for r in roles}
    if block.file == MILNONSTATE:
        return "group"  # its named militants too: coded as the group they lead
    if block.file == COUNTRIES:
        if any("CountryInfo" in c for c in block.comments):
            return "person"
        if is_country_block(block, roles) or any(w.lower() in OFFICES for w in primary):
            return None  # a country and its towns; an office ("US attorney general")
        return "org" if looks_like_org(primary) else "person"
    if sectors <= SKIPPED_ORG_SECTORS:
        return None  # companies (MNC) and media outlets
    # International: dated roles or a name-like phrase are people; else organisations.
    if any(r.valid_from or r.valid_to for r in roles) or not looks_like_org(primary):
        return "person"
    if sectors & SKIPPED_ORG_SECTORS or "IGO" not in sectors and "NGO" not in sectors:
        return None
    return "igo" if "IGO" in sectors else "ngo"


def name_forms(
    block: Block, kind: str, shipped: Shipped
) -> tuple[str, list[tuple[str, bool]], set[str]] | None:
    """The canonical name, every name form with whether it is a lone word, and the
    untitled full names."""
    person = kind == "person"
    forms: list[tuple[str, bool]] = []
    full: set[str] = set()
    canonical = ""
    for phrase in block.phrases:
        words = words_of(phrase)
        if not words or not any(c.isalpha() for c in phrase):
            continue
        if not person and len(words) > 1 and words[0].lower() == "the":
            words = words[1:]  # "THE_UNITED_NATIONS_": the text's article is no part of it
        bare = strip_title(words, shipped) if person else words
        if not bare:
            continue
        if len(bare) == 1 and len(words) > 1:
            text = display(words, person)  # "President Peres": the title keeps it safe
            forms.append((text, False))
            forms.append((display(bare, person), True))  # "Peres", if nobody else's name
        else:
            text = display(bare, person)
            forms.append((text, len(bare) == 1))
            if len(bare) > 1:
                full.add(text)
        if not canonical and (len(bare) > 1 or not person):
            canonical = display(bare, person)
    if not forms:
        return None
    return canonical or forms[0][0], forms, full


def skip_reason(block: Block, roles: list[Role]) -> str:
    """Why ``classify`` left an entry out (for the counts the script prints)."""
    if not roles:
        return "entries without a usable code"
    if is_country_block(block, roles):
        return "country entries (names, cities, provinces)"
    if {r.sector for r in roles} <= SKIPPED_ORG_SECTORS:
        return "companies and media outlets"
    return "offices and other entries"


def convert(path: Path, shipped: Shipped, stats: Counter[str]) -> Iterator[Actor]:
    """The actors of one Phoenix file (``stats`` counts what is left out)."""
    provenance = f"{path.name}@{COMMIT[:8]}"
    for block in read_blocks(path):
        roles: list[Role] = []
        for raw in block.codes:
            parsed = parse_code(raw)
            coded = code_role(parsed[0], shipped.countries) if parsed is not None else None
            if parsed is None or coded is None:
                stats["codes unreadable or null"] += 1
                continue
            roles.append(Role(coded[0], coded[1], parsed[1], parsed[2]))
        roles = merge_roles(stay_in_organisation(roles))
        kind = classify(block, roles)
        if kind is None:
            stats[skip_reason(block, roles)] += 1
            continue
        named = name_forms(block, kind, shipped)
        if named is None:
            stats["entries without a usable name"] += 1
            continue
        name, forms, full = named
        if kind != "person" and any(f.lower() in shipped.phrases for f, _ in forms):
            stats["organisations already in actors.tsv"] += 1
            continue  # organisations and groups: only what the shipped dictionary lacks
        actor = Actor(kind, name, roles, [], provenance, full_names=full)
        for text, lone in forms:
            if text not in actor.forms:
                actor.forms.append(text)
            if lone:
                actor.single_ok.add(text)
        yield actor


def surnames(actors: list[Actor]) -> tuple[dict[str, set[str]], set[str]]:
    """Lower-case last name words (and their part after a hyphen) -> people named so; and
    the lower-case first words of people's names (given names: "Christopher")."""
    out: dict[str, set[str]] = defaultdict(set)
    given: set[str] = set()
    for a in actors:
        if a.kind != "person":
            continue
        for form in a.full_names:
            words = form.lower().split()
            out[words[-1]].add(a.name)
            out[words[-1].split("-")[-1]].add(a.name)
            given.add(words[0])
    return out, given


def keep_form(
    form: str, actor: Actor, shipped: Shipped, named: dict[str, set[str]], given: set[str]
) -> bool:
    """Whether a name form is safe to match on its own."""
    low = form.lower()
    if low in shipped.phrases or low in shipped.words or not any(c.isalpha() for c in form):
        return False
    if any(len(w) == 1 and w.isalpha() for w in form.split()):
        return False  # an initial without its period ("D Company", "Ghulam N Butt")
    if actor.kind != "person" and OFFICES.intersection(low.split()):
        return False  # an office ("Director of National Intelligence"): the parse codes it
    words = low.split()
    if actor.kind != "person" and len(words) == 2 and words[0] in ARTICLES:
        return False  # "La Liga", "The Base": a common name with an article
    if " " in form:
        # "Assad Government", "Assad Forces": the parse codes the role noun itself
        return actor.kind != "person" or low.split()[-1] not in shipped.words
    if actor.kind != "person":
        # Acronyms only, which match exactly: a capitalised word ("Tigers", "Falcon") is
        # as often part of another name.
        return form.isupper()
    if form not in actor.single_ok or len(form) < 5 or low in given:
        return False  # also a given name ("Christopher")
    lasts = {f.split()[-1].lower() for f in actor.full_names}
    if low not in lasts | {w.split("-")[-1] for w in lasts}:
        return False  # a lone word that is not the surname of a listed full name
    return named.get(low, {actor.name}) <= {actor.name}  # nobody else's surname


def rows_of(actors: list[Actor], shipped: Shipped) -> tuple[list[Row], dict[str, int]]:
    """Output rows; a name form shared by actors of different countries is left out."""
    named, given = surnames(actors)
    by_form: dict[str, list[Actor]] = defaultdict(list)
    for a in actors:
        for form in a.forms:
            if keep_form(form, a, shipped, named, given):
                by_form[form.lower()].append(a)
    stats = {"ambiguous forms": 0, "forms not safe alone": 0}
    stats["forms not safe alone"] = sum(
        1 for a in actors for f in a.forms if not keep_form(f, a, shipped, named, given)
    )
    rows: set[Row] = set()
    kept: set[int] = set()
    for low, owners in by_form.items():
        countries = {frozenset(r.country for r in a.roles) for a in owners}
        kinds = {a.kind for a in owners}
        if len(countries) > 1 or len(kinds) > 1:
            stats["ambiguous forms"] += 1
            continue
        first = owners[0]
        kept.update(id(a) for a in owners if a.kind == "person")
        form = next(f for f in first.forms if f.lower() == low)
        # A full name is the person's name as written ("Samir al-Rifai", not Phoenix's first
        # spelling "Samir Rifai"); a surname or a title form takes the first full name.
        # Phoenix lists a country's institutions under one code: each keeps its own name.
        own = form in first.full_names or first.kind == "org" and " " in form
        name = form if own else first.name
        roles = merge_roles(r for a in owners for r in a.roles)
        provenance = "|".join(sorted({a.provenance for a in owners}))
        for r in roles:
            rows.add((form, name, r.country, r.sector, first.kind, provenance,
                      r.valid_from, r.valid_to))  # fmt: skip
    stats["people"] = len(kept)
    order = (0, 6, 7, 2, 3, 1, 5)  # phrase, dates, country, sector, name, provenance
    return sorted(rows, key=lambda r: (r[4], r[0].lower(), *(r[k] for k in order))), stats


def licence_header(phoenix: Path) -> list[str]:
    """The MIT notice of the source, as ``#`` comment lines."""
    notice = (phoenix / "LICENSE").read_text(encoding="utf-8").strip().splitlines()
    return [
        "# PETRARCH2's Phoenix actor dictionaries, converted by scripts/vendor_phoenix_actors.py",
        f"# Source: github.com/openeventdata/petrarch2 petrarch2/data/dictionaries/ @ {COMMIT}",
        "# Columns: see src/eventlens/data/README.md (actors_phoenix.tsv). Licence of the source:",
        "#",
        *(f"# {line}".rstrip() for line in notice),
    ]


def main(argv: list[str] | None = None) -> int:
    """Write the converted rows and print counts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=PHOENIX, help="folder of the Phoenix files")
    ap.add_argument("--shipped", type=Path, default=SHIPPED, help="eventlens' actors.tsv")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output TSV (default: {OUT})")
    args = ap.parse_args(argv)
    shipped = read_shipped(args.shipped)
    skipped: Counter[str] = Counter()
    actors = [
        a for name in (COUNTRIES, INTERNATIONAL, MILNONSTATE)
        for a in convert(args.phoenix / name, shipped, skipped)
    ]  # fmt: skip
    rows, stats = rows_of(actors, shipped)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        for line in licence_header(args.phoenix):
            fh.write(line + "\n")
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    kinds: dict[str, int] = defaultdict(int)
    for row in rows:
        kinds[row[4]] += 1
    print(f"wrote {len(rows)} rows ({stats.pop('people')} people) to {args.out}: {dict(kinds)}")
    print(f"left out: {dict(sorted(skipped.items()))}; {stats}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
