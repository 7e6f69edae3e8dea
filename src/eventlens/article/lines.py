"""Line features for scraped article text: boilerplate, bylines, dates, captions.

Each function looks at one line (already whitespace-normalised) and uses only
general features: length, punctuation, capitalisation, position words and the
usual wording of credits, menus and share/subscribe widgets. No site-specific
rules live here.
"""

from __future__ import annotations

import re
from datetime import date

from eventlens.article.lexicon import MONTHS, OPEN_ENDINGS, SOCIAL_WORDS

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATE_RES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
)
# What may surround a date on a date line: times, zones, weekdays, filler words.
_DATE_FILLER = re.compile(
    r"\b(?:\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?|[ap]\.?m\.?|(?-i:[A-Z]{2,4})|UTC[+-]?\d*|GMT[+-]?\d*"
    r"|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?|published|updated|posted|first|last|modified|on|at|date[d]?"
    r"|time|am|pm|edited|\d+\s+(?:hours?|minutes?|mins?|days?|seconds?|secs?)\s+ago)\b",
    re.I,
)
_UPDATE_WORDS = re.compile(r"\b(?:updated|modified|edited)\b", re.I)
_PUBLISH_WORDS = re.compile(r"\b(?:published|posted|first)\b", re.I)

_NAME_TOKEN = (
    r"(?:(?:(?:al|el|ad|ar|as|at|an|ash)-)?[A-Z][\w'’.-]*"
    r"|bin|ibn|de|da|van|von|der|den|du|le|la|di|dos|al|el)"
)
_NAME = re.compile(rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}$")
_BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|words by|words|story by|reporting by|author|reporter)"
    r"\s*[:\-]?\s+(?P<rest>.+)$",
    re.I,
)
_BARE_NAMES = re.compile(
    rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}}(?:\s+and\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})?"
    r"(?:\s+in\s+[A-Z][\w'’ -]{1,30}|,\s+[a-z][\w ]{2,40})?$"
)
# Capitalised words after "By" that start a sentence rather than name an author.
_NOT_NAMES = re.compile(
    r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|^(?:january|february|march|april|may|june"
    r"|july|august|september|october|november|december|the|then|now|noon|midnight|dawn"
    r"|nightfall|late|early|last|next|this|that)\b",
    re.I,
)
_BYLINE_TAIL = re.compile(r"\s+(?:for|in|at|from)\s+.*$", re.I)
_WIRE_TRAILER = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled)\s+by\b.*$", re.I
)

_CREDIT_WORDS = (
    r"(?:AFP|AP|EPA|Reuters|Getty(?: Images)?|Associated Press|Anadolu|Xinhua|Shutterstock"
    r"|Alamy|handout|file photo|pool|PA(?: Media| Wire)?|Bloomberg|SIPA|ANP|IRNA|WANA|NurPhoto)"
)
_PAREN_CREDIT = re.compile(
    rf"\s*\((?:[^()]*\b{_CREDIT_WORDS}\b[^()]*|(?:photo|picture|image|photograph|credit)s?\b"
    rf"[^()]*|[^()\s/]+(?: [^()\s/]+){{0,3}}/[^()]{{1,40}})\)\s*$",
    re.I,
)
_LABEL_CREDIT = re.compile(
    r"[\s.]*(?:\b(?:photograph|photo|picture|image|credit|pictures|photos)\s*[:/]\s*"
    rf"|[|/]\s*(?=[^|/]*\b{_CREDIT_WORDS}\b)|(?<=[.!?])\s*{_CREDIT_WORDS}(?: photo)?\s*/)"
    r"[^.]{1,60}$",
    re.I,
)
_CAPTION_LABEL = re.compile(
    r"^(?:image|photo|media|video|picture)\s+caption\s*[,:]?\s*|^(?:caption|pictured|above|top"
    r"|below|left|right)\s*[:,]\s*",
    re.I,
)
_CREDIT_LABEL = re.compile(
    r"^(?:image|photo|picture)\s+(?:source|credit)s?\b|^(?:source|credit|copyright)\s*:", re.I
)

# Unambiguous furniture phrases, recognised at the start of lines up to 14 words.
_BOILER_STRONG = re.compile(
    r"^(?:skip (?:to|links?|navigation)|jump to|go to (?:content|navigation)"
    r"|sign (?:up|in)\b|log ?in\b"
    r"|subscribe (?:to|now)"
    r"|share (?:this|on|via|article|story)|follow us|read more\b|read next|continue reading"
    r"|click here|more on this story|most (?:read|popular|viewed|shared)|you (?:may|might) also"
    r"|newsletter|get our|©|\(c\)\s|copyright|all rights reserved|back to top|listen to this"
    r"|play video|manage (?:cookies|preferences)|this article is more than|open in app"
    r"|terms (?:of|&) |privacy policy|contact us|advertisement\b|supported by|reuse this"
    r"|(?:topics|tags|watch|listen|video)\s*:"
    r"|this (?:material|article|story|content) (?:may|must) not be"
    r"|(?:our|editorial) standards|explore more on|leave a (?:reply|comment)|reading time"
    r"|\d+\s*min(?:ute)?s?\s+read\b"
    r"|\d+ (?:thoughts|responses|replies|comments) (?:on|to)\b)",
    re.I,
)
# Words that are furniture only as a whole short line of their own ("Share", "Related").
_BOILER_WEAK = re.compile(
    r"^(?:share\d*|save|navigation(?: menu)?|print|email|comments?|\d+ comments?"
    r"|related(?: \w+)?|recommended|trending"
    r"|sponsored|advertising|subscribe|subscription|register|accept(?: all)?(?: cookies)?"
    r"|home|menu|search|sections|topics?|tags?|latest(?: news)?|more|watch|listen|video|live"
    r"|loading\W*|close|next|previous|up next|explore|sitemap"
    r"|sources?|references|external links|see also|further reading"
    r"|[\d.,]+k?\s+(?:shares?|comments?|views?|reactions?|likes?))"
    r"(?:\s*\(?\d+\)?)?\s*[:.!>»›]?$",  # the whole line: "More arrests" is a crosshead
    re.I,
)
_TAIL_HEADING = re.compile(
    r"^(?:related\b|more on this story|more from|most (?:read|popular|viewed|shared)"
    r"|read (?:more|next)|up next|explore more|more stories|more (?:news|coverage)"
    r"|leave a (?:reply|comment)|\d+ (?:thoughts|responses|replies|comments) (?:on|to)\b"
    r"|recommended|you (?:may|might) also like|topics?\b|tags?\b|comments?\b|latest news"
    r"|sources?\b|references\b|external links|see also|further reading)",
    re.I,
)
_COOKIE = re.compile(r"\bcookies?\b.*\b(?:consent|accept|experience|privacy|agree)\b", re.I)
_MENU_SEPARATORS = re.compile(r"\s*(?:\||•|·|›|»|>|/|\t)\s*")
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.\- ]{1,30}[A-Z](?:,\s*[A-Z][\w.'’ -]{1,30}?){0,2}\s*(?:\([^()]{1,25}\))?"
    r"\s*(?:[—–-]{1,2}|:)\s*\S"
)
_BULLET = re.compile(r"^[•▪●◦\-*]\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def words(line: str) -> int:
    """Return the number of whitespace-separated words in ``line``."""
    return len(line.split())


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends like a sentence (., ! or ?, possibly before a quote mark)."""
    return bool(_SENTENCE_END.search(line))


def starts_with_dateline(line: str) -> bool:
    """True for wire-style openings such as ``ERBIL, Iraq (Reuters) - ...``.

    What follows the dateline must be ordinary mixed-case prose: an all-capitals
    line such as ``NEPAL: STUDENTS CLASH WITH POLICE`` is a headline.
    """
    m = _DATELINE.match(line)
    return m is not None and any(ch.islower() for ch in line[m.end() - 1 :])


def is_bullet(line: str) -> bool:
    """True when ``line`` is a bullet point."""
    return bool(_BULLET.match(line))


def find_date(line: str) -> tuple[str, int, int] | None:
    """Return ``(YYYY-MM-DD, start, end)`` for the first valid calendar date in ``line``."""
    best: tuple[str, int, int] | None = None
    for pattern in _DATE_RES:
        for m in pattern.finditer(line):
            parsed = _to_iso(m)
            if parsed and (best is None or m.start() < best[1]):
                best = (parsed, m.start(), m.end())
                break
    return best


def _to_iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"][:3].lower()]
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def parse_date_line(line: str) -> tuple[str, bool, str] | None:
    """Read a short date line: ``(date, is_update, rest)`` or None when it is not one.

    ``rest`` is what is left besides the date and its filler words (e.g. a byline
    in "Posted on 3 March 2024 by Jane Doe"). With both a published and an updated
    date, the published (original) one is returned.
    """
    if len(line) > 120:
        return None
    found = find_date(line)
    if not found:
        return None
    iso, start, end = found
    rest = line[:start] + " " + line[end:]
    for pattern in _DATE_RES:
        rest = pattern.sub(" ", rest)
    rest = _DATE_FILLER.sub(" ", rest)
    rest = re.sub(r"[\s|,:;·•\-–—/()]+", " ", rest).strip()
    if words(rest) > 2 and not rest.lower().startswith("by "):
        return None
    before = line[:start]
    is_update = bool(_UPDATE_WORDS.search(before)) and not _PUBLISH_WORDS.search(before)
    return iso, is_update, rest


def parse_byline(line: str) -> str | None:
    """Return the author name(s) of a ``By ...`` line, or None when it is not one."""
    m = _BYLINE_PREFIX.match(line.strip())
    # "By Sunday, troops had withdrawn." is a sentence, not a byline.
    if not m or words(line) > 16 or (words(line) > 6 and ends_sentence(line)):
        return None
    names: list[str] = []
    for i, segment in enumerate(re.split(r"\s*(?:[|,;–—]|\s-\s)\s*", m.group("rest"))):
        parts = re.split(r"\s+(?:and|&)\s+", _BYLINE_TAIL.sub("", segment).strip())
        found = [_clean_name(p) for p in parts if _is_name(p.strip())]
        if len(found) != len(parts):
            if i == 0:
                return None
            break  # a role or place after the names ("..., diplomatic correspondent")
        names.extend(found)
    return "; ".join(names) if names else None


def _is_name(text: str) -> bool:
    return bool(_NAME.match(text)) and not _NOT_NAMES.match(text)


def _clean_name(name: str) -> str:
    name = name.strip()
    return name.title() if name.isupper() and len(name) > 3 else name


def bare_byline(line: str) -> str | None:
    """Return the names of a byline written without "By" ("Jane Doe in Kabul"), else None.

    Only meaningful next to a date line: on its own such a line may be anything.
    """
    if not _BARE_NAMES.match(line) or ends_sentence(line):
        return None
    names = re.split(r"\s+and\s+", re.split(r"\s+in\s+|,", line)[0])
    return "; ".join(_clean_name(n) for n in names)


def wire_trailer_byline(line: str) -> str | None:
    """Return the reporter name(s) from a wire trailer like ``(Reporting by X; Editing by Y)``."""
    if not _WIRE_TRAILER.match(line):
        return None
    m = re.search(r"reporting by\s+([^;)]+)", line, re.I)
    if not m:
        return ""
    first = re.split(r"\s+in\s+", m.group(1))[0]
    names = [n.strip() for n in re.split(r",|\s+and\s+", first) if _NAME.match(n.strip())]
    return "; ".join(names)


def caption_of(line: str) -> str | None:
    """Return the caption text when ``line`` is a photo caption, else None.

    A caption is a short line ending with a photo credit ("... in Erbil (AFP)",
    "... Photograph: X/Reuters") or carrying a caption label ("Image caption, ...").
    """
    if words(line) > 45 or starts_with_dateline(line):
        return None
    labelled = _CAPTION_LABEL.match(line)
    if labelled:
        rest = line[labelled.end() :].strip()
        return rest or None
    stripped = _PAREN_CREDIT.sub("", line)
    if stripped == line:
        stripped = _LABEL_CREDIT.sub("", line)
    if stripped == line or words(stripped) < 3:
        return None
    return line.strip()


def is_credit(line: str) -> bool:
    """True for a bare photo credit line ("Image source, Reuters", "AFP/Getty Images")."""
    if words(line) > 8:
        return False
    if _CREDIT_LABEL.match(line):
        return True
    stripped = _PAREN_CREDIT.sub("", line)
    if stripped == line:
        stripped = _LABEL_CREDIT.sub("", line)
    if stripped != line and words(stripped) < 3:
        return True
    return bool(
        re.fullmatch(rf"[\s(]*{_CREDIT_WORDS}(?:\s*(?:/|via)\s*{_CREDIT_WORDS})*[\s)]*", line, re.I)
    )


def is_boilerplate(line: str) -> bool:
    """True for navigation, share/subscribe/cookie/newsletter and similar page furniture."""
    n = words(line)
    if n <= 14 and _BOILER_STRONG.match(line):
        return True
    if n <= 5 and not ends_sentence(line) and _BOILER_WEAK.match(line):
        return True
    if n <= 60 and _COOKIE.search(line):
        return True
    if n <= 20:
        tokens = [t.strip(".,:|·•").lower() for t in line.split()]
        if tokens and sum(t in SOCIAL_WORDS for t in tokens) >= max(2, 0.6 * len(tokens)):
            return True
    return is_menu(line)


def is_menu(line: str) -> bool:
    """True for a menu line: three or more short items joined by separators."""
    segments = [s for s in _MENU_SEPARATORS.split(line) if s.strip()]
    if len(segments) < 3:
        return False
    return all(words(s) <= 4 and not ends_sentence(s) for s in segments)


def is_tail_heading(line: str) -> bool:
    """True for headings that start the related-links part of a page ("Related stories")."""
    return words(line) <= 6 and bool(_TAIL_HEADING.match(line))


def is_heading_like(line: str) -> bool:
    """True for a headline-shaped line: short, not ending in a full stop or comma."""
    n = words(line)
    if n == 0 or n > 30 or is_bullet(line):
        return False
    last = line.rstrip(" \"'”’)").split()[-1:] or [""]
    if last[0].lower() in OPEN_ENDINGS:
        return False  # "... in an address to mark the": a sentence broken by a line wrap
    return not re.search(r"[.,;:][\"'”’)]*$", line) or line.endswith("...")


def is_body_like(line: str) -> bool:
    """True for a line that reads like a body paragraph rather than page furniture."""
    n = words(line)
    if starts_with_dateline(line):
        return True
    if n >= 30:
        return True
    return n >= 12 and ends_sentence(line) and bool(re.search(r"[.!?][\"”’]?\s+[\"“A-Z]", line))
