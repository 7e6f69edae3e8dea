"""Dates stage: publication date and event dates resolved against it.

Expressions are found by :mod:`eventlens.dates.parse`; this module picks, for each
event, the expression in the event's own clause (through the dependency parse),
else one in its sentence, else the publication date (precision ``"published"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventlens.dates.anaphora import fix_anaphoric
from eventlens.dates.lexicon import (
    ASPECTUAL_LEMMAS,
    DEICTIC_PAST,
    FUTURE_AUX,
    FUTURE_LEMMAS,
    OFFSET_MARKS,
)
from eventlens.dates.parse import (
    DateExpression,
    ResolvedDate,
    find_date_expressions,
    parse_anchor,
    resolve,
)
from eventlens.dates.story import lead_day, story_dates
from eventlens.nlp import doc_text
from eventlens.records import Article, Event

# Only the head of an article carries its date line or dateline.
_HEAD_CHARS = 1500
# A short line that says when the article was published (or updated).
_DATE_LINE_MAX_WORDS = 14
_UPDATED = re.compile(r"\b(?:updated|modified|last\s+edited)\b", re.I)
# A body sentence, not a date line.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s*$")
# The pieces of a head line between separators ("Published ... | Updated ...").
_LINE_PART = re.compile(r"[^|•·]+")
_PUBLISHED = re.compile(r"\b(?:published|posted|first\s+published)\b", re.I)
# "ERBIL, Iraq, Oct. 23, 2016 (Reuters) -" / "MOSUL, Iraq (AP) — ": a city in capitals
# opening a paragraph, then up to a dash.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\-]+(?:[ \t][A-Z][A-Z.'\-]+)*,[^\n]{0,80}?[ \t](?:-|–|—)", re.M
)


def publication_date(article: Article, doc: Doc) -> str | None:
    """Return the article's publication date (YYYY-MM-DD) from metadata or dateline.

    ``article.published`` (HTML metadata or ``--published``) wins; else a short
    date line near the top ("October 23, 2016", "Published: 23 Oct 2016 14:02"),
    preferring "published" over "updated" lines; else a dateline with a year
    ("ERBIL, Iraq, Oct. 23, 2016 (Reuters) -").
    """
    given = parse_anchor(article.published)
    if given is not None:
        return given.isoformat()
    if article.published:
        explicit = _first_explicit(article.published)
        if explicit is not None:
            return explicit
    return _date_from_text(doc_text(doc) or article.text)


def _first_explicit(text: str) -> str | None:
    for expr in find_date_expressions(text):
        if expr.kind in ("iso", "mdy", "dmy", "slash") and (
            expr.kind in ("iso", "slash") or expr.group("y1") or expr.group("y2")
        ):
            resolved = resolve(expr, None)
            if resolved is not None:
                return resolved.date
    return None


def _head_lines(head: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, text) of the head's lines, each cut at "|", "•" or "·" separators.

    Scraped pages put "Published ... | Updated ..." or "By X · 3 min read" on one line.
    """
    offset = 0
    for line in head.split("\n"):
        for m in _LINE_PART.finditer(line):
            yield offset + m.start(), m.group(0)
        offset += len(line) + 1


def _date_line(part: str) -> str | None:
    """The publication date a short date line gives, else None."""
    words = part.split()
    if 0 < len(words) <= _DATE_LINE_MAX_WORDS and not _SENTENCE_END.search(part):
        return _first_explicit(part)
    return None


def _date_from_text(text: str) -> str | None:
    head = text[:_HEAD_CHARS]
    ranked: list[tuple[int, int, str]] = []
    for offset, part in _head_lines(head):
        found = _date_line(part)
        if found is not None:
            rank = 0 if _PUBLISHED.search(part) else 2 if _UPDATED.search(part) else 1
            ranked.append((rank, offset, found))
    if ranked:
        return min(ranked)[2]
    for m in _DATELINE.finditer(head):
        found = _first_explicit(m.group(0))
        if found is not None:
            return found
    return None


def metadata_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of date lines and datelines in the article head.

    Dates there say when the report was filed, not when an event happened.
    """
    spans: list[tuple[int, int]] = []
    head = text[:_HEAD_CHARS]
    for offset, part in _head_lines(head):
        if _date_line(part):
            spans.append((offset, offset + len(part)))
    for m in _DATELINE.finditer(head):
        spans.append((m.start(), m.end()))
    return spans


def date_events(events: list[Event], doc: Doc, published: str | None) -> list[Event]:
    """Give each event a date, date_text and precision resolved against ``published``.

    The expression attached to the event's trigger in the parse is preferred, then
    the nearest one in the event's sentence; with neither, the story's day (precision
    ``"story"``, see ``dates.story``) or the publication date (precision
    ``"published"``), with ``date_text`` None.
    """
    if not events:
        return events
    anchor = parse_anchor(published)
    text = doc_text(doc)
    meta = metadata_spans(text)
    expressions = [
        e
        for e in find_date_expressions(text, bounds=True)
        if not any(s <= e.start and e.end <= t for s, t in meta)
    ]
    expressions = fix_anaphoric(expressions, anchor)
    dated = [_date_event(ev, doc, text, expressions, anchor) for ev in events]
    return story_dates(dated, anchor, lead_day(expressions, anchor))


def _date_event(
    event: Event, doc: Doc, text: str, expressions: list[DateExpression], anchor: date | None
) -> Event:
    # The main mention first, then the other mentions: a headline record takes the date
    # its retelling in the body gives ("Woman robbed." ... "on Saturday night").
    mentions = [event] + [
        replace(event, start=e.start, end=e.end, trigger=e.trigger,
                trigger_start=e.trigger_start, trigger_end=e.trigger_end)
        for e in event.evidence
    ]  # fmt: skip
    for mention in mentions:
        found = _mention_date(mention, doc, text, expressions, anchor)
        if found is not None:
            return _with_date(event, *found)
    if anchor is not None:
        return replace(event, date=anchor.isoformat(), date_text=None, date_precision="published")
    return replace(event, date=None, date_text=None, date_precision=None)


def _mention_date(
    event: Event, doc: Doc, text: str, expressions: list[DateExpression], anchor: date | None
) -> tuple[ResolvedDate, str] | None:
    """The date an expression in one mention's sentence gives the event, if any."""
    trigger = _trigger_token(event, doc, text)
    inside = [
        e
        for e in expressions
        if event.start <= e.start and e.end <= event.end and _same_paragraph(text, e, trigger)
    ]
    ranked = sorted(
        ((_attachment_rank(e, trigger, doc, event), e) for e in inside), key=lambda p: p[0]
    )
    for (rank, _distance, expr_future), expr in ranked:
        if rank >= _UNRELATED:
            continue
        # In the event's own clause the event's status decides the direction; elsewhere
        # in the sentence, the tense of the clause the expression belongs to.
        future = event.status == "future" if rank <= 1 else expr_future
        if rank == 2 and (event.status == "future") != future:
            # "said on Thursday he would ...": the report's date, not the event's;
            # "called on them to gather on Saturday": the planned thing's, not the call's.
            continue
        resolved = resolve(expr, anchor, future)
        if resolved is not None:
            return resolved, expr.text
    return None


# A sentence end followed by a line break: the parser sometimes runs a sentence on
# over it ('committee."' + blank line + 'Vasko, who ...'), but a paragraph never
# lends its date to the next one.
_PARAGRAPH_END = re.compile(r"[.!?][\"”’')\]]*[ \t]*\n")


def _same_paragraph(text: str, expr: DateExpression, trigger: Token | None) -> bool:
    if trigger is None:
        return True
    start, end = sorted((expr.start, trigger.idx))
    return _PARAGRAPH_END.search(text, start, end) is None


def _with_date(event: Event, resolved: ResolvedDate, text: str) -> Event:
    return replace(event, date=resolved.date, date_text=text, date_precision=resolved.precision)


def _trigger_token(event: Event, doc: Doc, text: str) -> Token | None:
    start, end = event.trigger_start, event.trigger_end
    if start is None or end is None:
        found = text.find(event.trigger, event.start, event.end) if event.trigger else -1
        if found < 0:
            return None
        start, end = found, found + len(event.trigger)
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_head(token: Token) -> Token:
    """Return the verb heading the clause ``token`` sits in (or the sentence root)."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and not _aspectual_complement(current):
            return current
        if current.head == current:
            return current
        current = current.head
    return current


# "a week after X happened", "two days before the talks began": the clause is dated
# relative to another one, so a date in one does not date the other (OFFSET_MARKS).
_UNRELATED = 3


def _path_to(token: Token, stop: Token) -> list[Token]:
    path: list[Token] = []
    current = token
    while current != stop and current.head != current and len(path) < 40:
        path.append(current)
        current = current.head
    return path


def _offset_between(a: Token, b: Token) -> bool:
    """Whether a temporal-offset clause ("a week after ...") separates ``a`` from ``b``."""
    common = next((t for t in [a, *a.ancestors] if t == b or t in b.ancestors), a.sent.root)
    for token in _path_to(a, common) + _path_to(b, common):
        for child in token.children:
            if child.dep_ in ("mark", "prep") and child.lower_ in OFFSET_MARKS:
                if child.dep_ == "mark" or token.pos_ in ("VERB", "AUX"):
                    return True
    return False


def _aspectual_complement(verb: Token) -> bool:
    # "began announcing", "continued to fight": one event, the head verb only sets its phase.
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ASPECTUAL_LEMMAS


def _future_clause(token: Token) -> bool:
    """Whether the clause of ``token`` speaks of what is to come ("will", "due to", "plans to")."""
    clause = _clause_head(token)
    # "called on supporters to gather on Saturday": an infinitive the main verb asks for.
    if clause.dep_ in ("xcomp", "advcl", "ccomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    ):
        return True
    for head in [clause, *list(clause.ancestors)[:2]]:
        if head.lemma_.lower() in FUTURE_LEMMAS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in head.children):
            return True
    return False


def _in_other_relative_clause(root: Token, trigger: Token) -> bool:
    """Whether ``root`` sits in a relative clause that does not contain the trigger."""
    common = next(
        (t for t in [root, *root.ancestors] if t == trigger or t in trigger.ancestors),
        root.sent.root,
    )
    return any(t.dep_ in ("relcl", "acl") for t in _path_to(root, common))


_NOUN_MODIFIER_PENALTY = 100_000


def _modifies_noun(root: Token) -> bool:
    head = root.head.head if root.head.dep_ == "prep" else root.head
    return head.pos_ in ("NOUN", "PROPN") and root.dep_ != "npadvmod"


def _attached_directly(root: Token, trigger: Token) -> bool:
    """ "attacked on Saturday", "Saturday's attack", "attacked Saturday": the trigger's own date."""
    if root == trigger or root.head == trigger:
        return True
    return root.head.dep_ == "prep" and root.head.head == trigger


def _inside_object(root: Token, trigger: Token) -> bool:
    """ "called a protest for 26 February": the date belongs to the object, not the event."""
    path = _path_to(root, trigger) if trigger in root.ancestors else []
    if not any(t.dep_ in ("dobj", "attr", "oprd") for t in path):
        return False
    # "ordered a review on Aug. 11": the parser often hangs "on/in DATE" on the object
    # although it dates the verb; "for DATE" and bare modifiers date the object itself.
    return root.head.dep_ != "prep" or root.head.lower_ == "for"


def _defines_clause(span: Span, trigger: Token) -> bool:
    """Whether the trigger's clause is a "when" clause on the date ("on Nov. 4, when ...")."""
    clause = _clause_head(trigger)
    return (
        clause.dep_ in ("relcl", "advcl", "acl")
        and span.start <= clause.head.i < span.end
        and any(c.lower_ in ("when", "where") and c.dep_ == "advmod" for c in clause.children)
    )


def _attachment_rank(
    expr: DateExpression, trigger: Token | None, doc: Doc, event: Event
) -> tuple[int, int, bool]:
    """Rank an expression for an event: 0 attached to the trigger, 1 same clause, 2 elsewhere
    in the sentence, 3 cut off (temporal-offset or other relative clause); then char
    distance; and whether the expression's own clause is about the future."""
    anchor_char = trigger.idx if trigger is not None else event.start
    distance = abs(expr.start - anchor_char)
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span):
        return (2, distance, event.status == "future")
    root = span.root
    future = _future_clause(root) or (expr.group("wmod") or expr.group("pmod") or "") == "next"
    if trigger is None:
        return (_UNRELATED if expr.bound else 2, distance, future)
    if _defines_clause(span, trigger):
        return (0, distance, future)
    if expr.bound or _offset_between(root, trigger):
        return (_UNRELATED, distance, future)
    if _attached_directly(root, trigger):
        return (0, distance, future)
    if _deictic_in_infinitive(expr, root, trigger, event):
        return (2, distance, False)
    if _inside_object(root, trigger) or _in_other_relative_clause(root, trigger):
        return (_UNRELATED, distance, future)
    if _modifies_noun(root):
        # "Saturday's election", "the March 2 attack": the date of that noun, used for the
        # event only when nothing in the sentence dates the event itself.
        return (2, distance + _NOUN_MODIFIER_PENALTY, future)
    if _clause_head(root) == _clause_head(trigger):
        return (1, distance, future)
    return (2, distance, future)


def _deictic_in_infinitive(expr: DateExpression, root: Token, trigger: Token, event: Event) -> bool:
    """ "threw out his bid to unfreeze the assets this morning": an infinitive names no
    event of its own that "this morning" or "yesterday" could date, so the date goes
    to the reported (past) event that governs it."""
    if expr.kind != "rel" or event.status == "future":
        return False
    if " ".join(expr.text.lower().split()) not in DEICTIC_PAST:
        return False
    if trigger not in root.ancestors:
        return False
    clause = _clause_head(root)
    if clause != trigger and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False  # "..., which the Home Office today rejects": a clause of its own
    return any(
        t.dep_ in ("acl", "xcomp", "advcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        for t in _path_to(root, trigger)
    )
