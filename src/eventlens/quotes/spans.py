"""Find quoted passages: pair quotation marks paragraph by paragraph.

Pure text functions (no parse) used by :mod:`eventlens.quotes.stage`. Double marks
(straight, curly, guillemets, low-9) delimit top-level quotes, so single marks
inside them (nested quotes, apostrophes) never end a quote. A quote still open
when its paragraph ends continues only if the next paragraph opens with a mark,
the newsroom convention for a quotation running over several paragraphs;
otherwise the unbalanced mark is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENERS = frozenset("“«„")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'
_MARKS = re.compile(r'["“”«»„]')
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LINE_BREAK = re.compile(r"\n")


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: content offsets (marks excluded) and its paragraph pieces."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    open_mark: int  # offset of the opening quotation mark
    close_mark: int  # offset just after the closing quotation mark

    def text(self, source: str) -> str:
        """The quoted words; pieces from several paragraphs are joined by a newline."""
        return "\n".join(source[s:e] for s, e in self.pieces)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return paragraph spans: blank-line separated, or lines when there are no blank lines."""
    breaker = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in breaker.finditer(text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _opens_paragraph(text: str, start: int, end: int) -> int | None:
    stripped = len(text[start:end]) - len(text[start:end].lstrip())
    pos = start + stripped
    if pos < end and (text[pos] in _OPENERS or text[pos] == _STRAIGHT):
        return pos
    return None


def _can_open(text: str, pos: int, limit: int) -> bool:
    """A straight mark opens only before a word and after a space, bracket or dash."""
    after_ok = pos + 1 < limit and not text[pos + 1].isspace()
    before_ok = pos == 0 or text[pos - 1].isspace() or text[pos - 1] in "([{—–-:/"
    return after_ok and before_ok


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # The comma before the closing mark belongs to the attribution ("...," he said).
    if end > start and text[end - 1] == ",":
        end -= 1
    return start, end


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return the quoted passages of ``text`` in order."""
    found: list[QuoteSpan] = []
    paras = paragraphs(text)
    pieces: list[tuple[int, int]] = []
    open_at: int | None = None  # content start of the open piece
    first_mark = 0
    reopen_at = -1  # the mark that continues a quote from the previous paragraph
    for index, (p_start, p_end) in enumerate(paras):
        for m in _MARKS.finditer(text, p_start, p_end):
            mark = m.group(0)
            if m.start() == reopen_at:
                open_at = m.end()
                continue
            is_close = mark in _CLOSERS or (mark == _STRAIGHT and open_at is not None)
            if mark == _STRAIGHT and not is_close and not _can_open(text, m.start(), p_end):
                continue
            if open_at is None and not is_close:
                open_at, first_mark, pieces = m.end(), m.start(), []
            elif open_at is not None and is_close:
                pieces.append(_trim(text, open_at, m.start()))
                found.append(_make(pieces, first_mark, m.end()))
                open_at, pieces = None, []
            elif open_at is not None:
                # A second opener before any closer: the first one was unbalanced.
                open_at, first_mark, pieces = m.end(), m.start(), []
        if open_at is None:
            continue
        following = paras[index + 1] if index + 1 < len(paras) else None
        reopen = _opens_paragraph(text, *following) if following else None
        if reopen is None:
            open_at, pieces = None, []
        else:
            pieces.append(_trim(text, open_at, p_end))
            reopen_at = reopen
    doubles = [q for q in found if q.end > q.start]
    return _merge(doubles, _single_quote_spans(text, paras, doubles))


# Single marks quote only outside double quotes (headlines, British style): an opener
# at the start of a word, a closer at the end of one, in the same paragraph.
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))['‘](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.!?,])['’](?=[\s.,;:!?)\]—–-]|$)")


def _single_quote_spans(
    text: str, paras: list[tuple[int, int]], doubles: list[QuoteSpan]
) -> list[QuoteSpan]:
    found: list[QuoteSpan] = []
    taken = [(q.open_mark, q.close_mark) for q in doubles]
    for p_start, p_end in paras:
        pos = p_start
        while True:
            opener = _SINGLE_OPEN.search(text, pos, p_end)
            if opener is None:
                break
            closer = _SINGLE_CLOSE.search(text, opener.end(), p_end)
            if closer is None:
                break
            pos = closer.end()
            if any(s <= opener.start() < e or s < closer.end() <= e for s, e in taken):
                continue
            start, end = _trim(text, opener.end(), closer.start())
            if end > start:
                found.append(QuoteSpan(start, end, ((start, end),), opener.start(), closer.end()))
    return found


def _merge(first: list[QuoteSpan], second: list[QuoteSpan]) -> list[QuoteSpan]:
    if not second:
        return first
    return sorted(first + second, key=lambda q: q.open_mark)


def _make(pieces: list[tuple[int, int]], open_mark: int, close_mark: int) -> QuoteSpan:
    kept = tuple(p for p in pieces if p[1] > p[0])
    if not kept:
        return QuoteSpan(0, 0, (), open_mark, close_mark)
    return QuoteSpan(kept[0][0], kept[-1][1], kept, open_mark, close_mark)
