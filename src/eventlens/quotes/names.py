"""Names for quote speakers: titles, full names, nicknames in quote marks.

Helpers of :mod:`eventlens.quotes.stage` that need only the parse and the quote spans.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from eventlens.quotes.lexicon import TITLES
from eventlens.quotes.spans import QuoteSpan

_TITLE_WORDS = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*")


_CAPITALISED_AROUND = re.compile(r"[A-Z][\w.'’-]*\s*$")


def is_nickname(text: str, span: QuoteSpan) -> bool:
    """A name or title in quote marks, not speech: 'Boris "Bulldozer" Tal' (inside a
    name), or two or more capitalised words with no punctuation that ends an
    utterance ('tells "Iron Lady" her ...')."""
    quoted = text[span.start : span.end]
    if not _TITLE_WORDS.fullmatch(quoted) or quoted.endswith("."):
        return False
    after = text[span.close_mark : span.close_mark + 2]
    if after.startswith(",") or "," in text[span.end : span.close_mark]:
        return False  # '"Never Again," he said': an utterance
    inside_name = bool(
        _CAPITALISED_AROUND.search(text[max(0, span.open_mark - 30) : span.open_mark])
    )
    inside_name = inside_name and after[1:2].isupper() if after[:1] == " " else False
    return inside_name or len(quoted.split()) >= 2


QUOTE_MARKS = re.compile(r"[\"“”‘’«»]")


def name_run(subject: Token, spans: list[QuoteSpan]) -> str | None:
    """The proper nouns ending at ``subject``, skipping a quoted nickname inside the name."""
    words: list[str] = []
    i = subject.i
    while i >= subject.sent.start:
        token = subject.doc[i]
        inside = any(q.open_mark <= token.idx < q.close_mark for q in spans)
        if not inside and not QUOTE_MARKS.fullmatch(token.text):
            if token.pos_ != "PROPN":
                break
            words.append(token.text)
        i -= 1
    return strip_titles(" ".join(reversed(words))) if len(words) > 1 else None


_FIRST_NAMES = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,3})$")


def nicknamed_name(text: str, spans: list[QuoteSpan], surname: str) -> str | None:
    """'Viktor "The Steel Baron" Arslanov' ... 'Arslanov said': the full name around the
    nickname (NER rarely finds a PERSON across the quote marks)."""
    for span in spans:
        after = text[span.close_mark : span.close_mark + len(surname) + 2]
        if not after.startswith(" " + surname) or after[len(surname) + 1 :][:1].isalpha():
            continue
        first = _FIRST_NAMES.search(text[max(0, span.open_mark - 40) : span.open_mark])
        if first is not None and is_nickname(text, span):
            return strip_titles(f"{first.group(1).strip()} {surname}")
    return None


def person_name(ent: Span) -> str:
    """The entity's words without titles ("Lt Gen Talib Shaghati" -> "Talib Shaghati")."""
    return strip_titles(ent.text.removesuffix("'s").removesuffix("’s"))


def strip_titles(name: str) -> str:
    """``name`` without leading titles ("Gen. Ali Hassan" -> "Ali Hassan")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def titled_subject(token: Token) -> bool:
    """A named subject introduced by a role noun ("Commission chairman Mahmood Yakubu rejected"),
    a person even where NER labels the name otherwise."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN":
        return False
    if token.ent_type_ in ("GPE", "NORP", "LOC", "FAC"):
        return False
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower for c in token.children)


def proper_name(token: Token) -> str:
    """The run of proper nouns ending at ``token`` ("Mahmood Yakubu")."""
    start = token.i
    while start > token.sent.start and token.doc[start - 1].pos_ == "PROPN":
        if token.doc[start - 1].head != token:
            break
        start -= 1
    return strip_titles(token.doc[start : token.i + 1].text)


def person_index(persons: list[Span]) -> dict[str, Span]:
    """Each word of a PERSON entity -> the longest (first on ties) entity holding it."""
    index: dict[str, Span] = {}
    for ent in persons:
        for t in ent:
            best = index.get(t.text)
            if best is None or len(ent) > len(best):
                index[t.text] = ent
    return index


def earlier_full_name(index: dict[str, Span], token: Token) -> str | None:
    """The longest PERSON entity holding ``token`` as a name ("Carter" -> "Ashton Carter"),
    from ``person_index`` of the document's PERSON entities."""
    best = index.get(token.text)
    return person_name(best) if best is not None else None
