"""In-document coreference for actor mentions (coreferee cannot load offline).

Three light, rule-based resolvers, run in text order over the coded mentions:

- names: a later mention of a person by surname (or by the full name without its
  title) takes the coding of the first, fuller mention of that person;
- descriptions: a singular role phrase without a name ("the Pentagon chief", "the
  US secretary of defence") refers to the latest named person whose title words
  are compatible (same concepts, same country when one is given);
- pronouns: he/she/him/her refer to the latest person mention in the last few
  sentences, preferring grammatical subjects; they/them to the latest plural
  collective actor in this or the previous sentence.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from eventlens.actors.lexicon import CONCEPTS, IMPLIES
from eventlens.actors.mention import Mention

# Pronouns resolved: singular ones to people, plural ones to collective actors.
SINGULAR = frozenset({"he", "him", "she", "her"})
PLURAL = frozenset({"they", "them"})
# Verbs whose "it" is no one: "it is clear", "it seems", "it takes time".
EMPTY_IT_VERBS = frozenset(
    {"be", "seem", "appear", "take", "remain", "matter", "rain", "happen", "look", "mean"}
)
PRONOUN_WINDOW = 2  # sentences back


def concepts(words: frozenset[str]) -> set[str]:
    """Concept set of a mention's title words."""
    out = {CONCEPTS[w] for w in words if w in CONCEPTS}
    for c in list(out):
        out |= IMPLIES.get(c, set())
    return out


def resolve_appositions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Merge a person and a role phrase in apposition ("Chile's envoy, Ana Ruiz,").

    The person takes the role's country, sector and title words where it lacks its
    own; the role phrase becomes a reference to the person.
    """
    by_head = {m.head: k for k, m in enumerate(mentions)}
    out = list(mentions)
    for k, m in enumerate(mentions):
        tok = doc[m.head]
        j = by_head.get(tok.head.i) if tok.dep_ == "appos" else None
        if j is None:
            continue
        pair = (k, j) if m.kind == "person" else (j, k)
        person, role = out[pair[0]], out[pair[1]]
        if person.kind != "person" or role.kind != "role" or role.plural:
            continue
        person = replace(
            person,
            country=person.country if person.explicit_country else role.country,
            explicit_country=person.explicit_country or role.explicit_country,
            sector=person.sector or role.sector,
            titles=person.titles | role.titles,
        )
        out[pair[0]] = person
        out[pair[1]] = _refer(role, person)
    return out


def _refer(m: Mention, ante: Mention) -> Mention:
    """``m`` recoded as a reference to the person ``ante``."""
    return replace(
        m,
        name=ante.name,
        country=ante.country,
        sector=ante.sector,
        person_name=ante.person_name,
        kind="person-ref",
        description=False,
    )


def link_organisation_words(mentions: list[Mention]) -> list[Mention]:
    """A role phrase naming an earlier organisation by one word ("a commission spokesperson"
    after "the European Commission") acts for that organisation."""
    orgs: dict[str, Mention] = {}
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "entity" and len(m.name.split()) > 1:
            orgs[m.name.split()[-1].lower()] = m
        elif m.kind == "role" and m.country is None and not m.no_guess:
            org = next((orgs[w] for w in sorted(m.words) if w in orgs), None)
            if org is not None:
                m = replace(m, name=org.name, country=org.country, no_guess=True)
        out.append(m)
    return out


# Arabic article prefixes a surname drops when used alone ("Bashar al-Assad" ... "Assad").
ARTICLE_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "an-", "az-")


def surname_keys(name: str) -> list[str]:
    """The forms a person's surname takes alone: "al-Assad" also as "Assad"."""
    last = name.split()[-1]
    keys = [last]
    for prefix in ARTICLE_PREFIXES:
        if last.lower().startswith(prefix) and len(last) > len(prefix) + 1:
            keys.append(last[len(prefix) :].capitalize())
    return keys


def resolve_names(mentions: list[Mention]) -> list[Mention]:
    """Give surname-only and repeated person mentions the first full mention's coding."""
    by_surname: dict[str, Mention] = {}
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "person" and m.person_name:
            parts = m.person_name.split()
            ante = by_surname.get(parts[-1])
            if ante is not None and (len(parts) == 1 or m.person_name == ante.person_name):
                m = replace(
                    m,
                    name=ante.name,
                    person_name=ante.person_name,
                    country=m.country if m.explicit_country else ante.country,
                    sector=m.sector or ante.sector,
                    titles=m.titles | ante.titles,
                )
            elif ante is None or len(parts) > 1:
                for key in surname_keys(" ".join(parts)):
                    by_surname[key] = m
        out.append(m)
    return out


def surname_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """New mentions for bare surnames of named people that the parse/NER did not pick up."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    people: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.kind == "person" and m.person_name and len(m.person_name.split()) > 1:
            for key in surname_keys(m.person_name):
                people.setdefault(key, m)
    found: list[Mention] = []
    for tok in doc:
        ante = people.get(tok.text)
        if ante is None or tok.i in covered or tok.i < ante.end:
            continue
        if tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if tok.dep_ in ("compound", "flat", "poss") and tok.head.pos_ == "PROPN":
            continue  # part of another name ("Lind Street")
        found.append(replace(ante, start=tok.i, end=tok.i + 1, head=tok.i, description=False))
    return found


def resolve_descriptions(mentions: list[Mention]) -> list[Mention]:
    """Link singular role descriptions to the latest compatible named person before them."""
    out: list[Mention] = []
    people: list[Mention] = []
    for m in mentions:
        if m.kind == "person":
            people.append(m)
        elif m.description:
            wanted = concepts(m.titles)
            for ante in reversed(people):
                if _compatible(m, wanted, ante):
                    m = _refer(m, ante)
                    break
        out.append(m)
    return out


def _compatible(desc: Mention, wanted: set[str], ante: Mention) -> bool:
    if not wanted:
        return False
    if desc.explicit_country and desc.country != ante.country:
        return False
    return wanted <= concepts(ante.titles)


def resolve_pronouns(doc: Doc, mentions: list[Mention], sent_of: list[int]) -> list[Mention]:
    """New mentions for personal pronouns that refer back to a coded actor."""
    found: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for tok in doc:
        low = tok.lower_
        if low == "it":
            ante = _body_for_it(doc, tok, ordered, sent_of)
        elif tok.pos_ == "PRON" and tok.dep_ != "poss" and low in SINGULAR | PLURAL:
            ante = _antecedent(doc, tok, ordered, found, sent_of)
        else:
            continue
        if ante is not None:
            found.append(
                replace(
                    ante, start=tok.i, end=tok.i + 1, head=tok.i, kind="pronoun", description=False
                )
            )
    return found


def _antecedent(
    doc: Doc, tok: Token, ordered: list[Mention], found: list[Mention], sent_of: list[int]
) -> Mention | None:
    """The person a singular pronoun, or the collective actor a plural one, refers to."""
    sent = sent_of[tok.i]
    before = [m for m in ordered if m.end <= tok.i]
    if tok.lower_ in PLURAL:
        cands = [
            m
            for m in before
            if sent_of[m.head] >= sent - 1
            and m.plural
            and m.kind in ("role", "entity", "country")
        ]
    else:
        cands = [
            m
            for m in before
            if sent_of[m.head] >= sent - PRONOUN_WINDOW and m.kind in ("person", "person-ref")
        ]
    taken = _clause_subject_name(tok, ordered + found)
    cands = [m for m in cands if m.name != taken]
    return _prefer_subject(doc, cands)


def _body_for_it(
    doc: Doc, tok: Token, ordered: list[Mention], sent_of: list[int]
) -> Mention | None:
    """The state or organisation an acting "it" stands for ("Uber said its cars were
    safe. It requested clarification from the DMV."): the subject of an active verb that
    says what someone did, and a named body or state of this or the previous sentence."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_.lower() in EMPTY_IT_VERBS:
        return None
    sent = sent_of[tok.i]
    cands = [
        m for m in ordered
        if m.end <= tok.i and sent_of[m.head] >= sent - 1 and not m.plural
        and m.kind in ("entity", "country")
    ]  # fmt: skip
    return _prefer_subject(doc, cands)


def _clause_subject_name(tok: Token, mentions: list[Mention]) -> str | None:
    """The actor name of the subject of the clause an object pronoun sits in: "he would
    welcome him" -- a non-reflexive object pronoun never refers to its own clause's subject."""
    if tok.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    return next((m.name for m in mentions if m.start <= subj.i < m.end), None)


def _prefer_subject(doc: Doc, cands: list[Mention]) -> Mention | None:
    """The latest candidate that is a subject in the latest sentence with any, else the latest."""
    if not cands:
        return None
    subjects = [m for m in cands if _is_subject(doc[m.head])]
    if subjects and subjects[-1].head >= cands[-1].head - 30:
        return subjects[-1]
    return cands[-1]


def _is_subject(tok: Token) -> bool:
    """A subject, or a phrase in apposition to one ("the minister, Ana Ruiz, said")."""
    if tok.dep_ == "appos":
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")
