"""Scraped-text articles: find headline, standfirst, byline, date, captions and body.

A copy of a web page is a sequence of lines. Each line is classified from its own
features (see ``article.lines``), then its position decides the rest: the
headline is the first headline-shaped line before the first body-like paragraph,
the standfirst follows it, and the body runs from the first paragraph to the end,
minus furniture, captions and the related-links tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventlens.article import lines as al

_SPACES = re.compile(r"[^\S\n\t]+")
# Zero-width, soft-hyphen and bidi-control characters: invisible, and they split words.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069",
    )
)
_LINE_ENDS = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.M)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_META_KINDS = frozenset({"boiler", "byline", "date", "caption", "credit", "trailer"})


@dataclass
class TextArticle:
    """What the scraped-text reader found; the article stage turns it into an Article."""

    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    published: str | None = None
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    site: str | None = None
    language: str | None = None

    @property
    def text(self) -> str:
        """The body as plain text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass
class _Line:
    text: str
    kind: str = "text"
    byline: str | None = None
    date: str | None = None
    is_update: bool = False
    caption: str | None = None


def normalise_text(raw: str) -> str:
    """Normalise line ends, odd spaces and control characters; keep the line structure."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    # Tabs inside a line separate menu or table items; at its ends they are indentation.
    text = re.sub(r"\t+", " | ", _LINE_ENDS.sub("", text))
    return _SPACES.sub(" ", _CONTROLS.sub(" ", text))


def logical_lines(raw: str) -> list[str]:
    """Split text into logical lines, re-joining hard-wrapped paragraphs."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", normalise_text(raw)):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        out.extend(_unwrap(lines))
    return _join_split_bylines(out)


def _join_split_bylines(lines: list[str]) -> list[str]:
    """Pages often render "By" and the author link on separate lines: rejoin them."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].lower() == "by" and al.words(line) <= 8:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _unwrap(lines: list[str]) -> list[str]:
    if len(lines) < 2:
        return lines
    width = max(len(ln) for ln in lines)
    # Hard-wrapped prose: several lines cut near one width, the last ending a sentence.
    wrapped_block = len(lines) >= 3 and 50 <= width <= 100 and al.ends_sentence(lines[-1])
    furniture = [al.is_boilerplate(ln) or al.is_bullet(ln) for ln in lines]
    merged: list[list[str]] = [[lines[0]]]
    for i in range(1, len(lines)):
        cur, nxt = lines[i - 1], lines[i]
        continues = nxt[:1].islower() and not re.search(r"[.!?:]$", cur)
        near_width = wrapped_block and len(cur) >= 0.6 * width
        if (continues or near_width) and not (furniture[i - 1] or furniture[i]):
            merged[-1].append(nxt)
        else:
            merged.append([nxt])
    return [" ".join(group) for group in merged]


def _classify(text: str) -> _Line:
    line = _Line(text)
    if al.is_boilerplate(text):
        line.kind = "boiler"
    elif (name := al.parse_byline(text)) is not None:
        line.kind, line.byline = "byline", name
        found = al.find_date(text)
        line.date = found[0] if found else None
    elif (dated := al.parse_date_line(text)) is not None:
        line.kind, line.date, line.is_update = "date", dated[0], dated[1]
        line.byline = al.parse_byline(dated[2]) if dated[2] else None
    elif (trailer := al.wire_trailer_byline(text)) is not None:
        line.kind, line.byline = "trailer", trailer or None
    elif al.is_credit(text):
        line.kind = "credit"
    elif (caption := al.caption_of(text)) is not None:
        line.kind, line.caption = "caption", caption
    return line


def _mark_menus(lines: list[_Line]) -> None:
    """Runs of three or more very short unpunctuated lines are menus or link lists."""
    run: list[_Line] = []
    for line in [*lines, _Line("x " * 10)]:
        short = line.kind == "text" and al.words(line.text) <= 3 and not al.ends_sentence(line.text)
        if short:
            run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.kind = "boiler"
        run = []


def _mark_tail(lines: list[_Line]) -> None:
    """After a "Related stories"-type heading, drop link lines until prose resumes."""
    in_body = in_tail = False
    for line in lines:
        if line.kind == "text" and al.is_body_like(line.text):
            in_body, in_tail = True, False
        elif line.kind == "boiler" and in_body and al.is_tail_heading(line.text):
            in_tail = True
        elif in_tail and line.kind == "text":
            line.kind = "boiler"


def _find_headline(lines: list[_Line], title: str | None) -> int | None:
    if title:
        wanted = title.casefold().strip()
        for i, line in enumerate(lines):
            if line.text.casefold().strip() == wanted:
                return i
    first_body = next(
        (i for i, ln in enumerate(lines) if ln.kind == "text" and al.is_body_like(ln.text)),
        len(lines),
    )
    for i in range(first_body):
        line = lines[i]
        if line.kind == "text" and al.words(line.text) >= 8 and al.ends_sentence(line.text):
            return None  # a sentence comes first: the text starts with its body
        if line.kind == "text" and al.words(line.text) >= 4 and al.is_heading_like(line.text):
            # A headline heads something: a lone line is the body, not a title.
            return i if any(ln.kind == "text" for ln in lines[i + 1 :]) else None
    return None


def _next_content_is_meta(lines: list[_Line], i: int) -> bool:
    for line in lines[i + 1 :]:
        if line.kind in ("boiler", "credit"):
            continue
        return line.kind in ("byline", "date")
    return False


def _read_header(lines: list[_Line], start: int, result: TextArticle) -> int:
    """Walk the lines after the headline; set the standfirst; return where the body starts.

    Order decides: the standfirst comes before the byline/date block, so a short
    unpunctuated line after that block, when a standfirst was already found, is
    an uncredited photo caption rather than a second standfirst or the body.
    """
    i = start
    standfirst: list[str] = []
    meta_after_standfirst = False
    while i < len(lines):
        line = lines[i]
        if line.kind in _META_KINDS:
            _take_meta(line, result)
            meta_after_standfirst = meta_after_standfirst or (
                bool(standfirst) and line.kind in ("byline", "date")
            )
            i += 1
            continue
        text = line.text
        if al.is_bullet(text) and (not standfirst or al.is_bullet(standfirst[0])):
            standfirst.append(text)
        elif not standfirst and _is_standfirst(lines, i):
            standfirst.append(text)
        elif meta_after_standfirst and _is_uncredited_caption(lines, i):
            result.captions.append(text)
        else:
            break
        i += 1
    result.subtitle = "\n".join(standfirst) or None
    return i


def _is_uncredited_caption(lines: list[_Line], i: int) -> bool:
    text = lines[i].text
    if al.ends_sentence(text) or text[-1] in ":;," or not 3 <= al.words(text) <= 30:
        return False
    following = next((ln for ln in lines[i + 1 :] if ln.kind == "text"), None)
    return following is not None and al.ends_sentence(following.text)


def _is_standfirst(lines: list[_Line], i: int) -> bool:
    text = lines[i].text
    # A line ending in ":" or "," runs on into the next paragraph: it is body text.
    if al.starts_with_dateline(text) or not 6 <= al.words(text) <= 70 or text[-1] in ":;,":
        return False
    return not al.ends_sentence(text) or _next_content_is_meta(lines, i)


def _take_meta(line: _Line, result: TextArticle) -> None:
    if line.byline and not result.byline:
        result.byline = line.byline
    if line.caption:
        result.captions.append(line.caption)


def _choose_date(lines: list[_Line]) -> str | None:
    """The original publication date: the earliest date line not marked as an update."""
    dated = [ln for ln in lines if ln.date and ln.kind in ("date", "byline")]
    original = [ln.date for ln in dated if ln.date and not ln.is_update]
    chosen = original or [ln.date for ln in dated if ln.date]
    return min(chosen) if chosen else None


def _mark_bare_bylines(lines: list[_Line]) -> None:
    """A names-only line right next to a date line is a byline ("Jane Doe in Kabul")."""
    for i, line in enumerate(lines):
        if line.kind != "text":
            continue
        near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if any(n.kind == "date" for n in near) and (names := al.bare_byline(line.text)):
            line.kind, line.byline = "byline", names


def extract_text(raw: str, title: str | None = None) -> TextArticle:
    """Read a scraped or pasted article into its parts (see module docstring)."""
    lines = [_classify(t) for t in logical_lines(raw)]
    _mark_bare_bylines(lines)
    _mark_menus(lines)
    _mark_tail(lines)
    result = TextArticle(published=_choose_date(lines))
    headline = _find_headline(lines, title)
    if headline is None:
        body_start = 0
    else:
        result.title = lines[headline].text
        for line in lines[:headline]:
            _take_meta(line, result)
        body_start = _read_header(lines, headline + 1, result)
    for line in lines[body_start:]:
        if line.kind == "text":
            result.paragraphs.append(line.text)
        else:
            _take_meta(line, result)
    return result
