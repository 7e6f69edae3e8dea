"""Find date expressions in text and resolve them against an anchor date.

A small, fast, pure parser for the date expressions news reports use: explicit
dates in several formats ("Oct. 17", "17 October 2016", "2016-10-17", "October
2016"), weekdays ("on Sunday", "last Thursday"), "yesterday"/"today", relative
periods ("last week", "earlier this month", "two days ago"). Durations ("for three
days", "a week after") are deliberately not matched: they do not give a date.

Resolution conventions (documented in README "Dates and quotes"):
- day precision: that day; week precision: the Monday that starts the week;
  month precision: the first of the month; year precision: 1 January.
- year-less dates take the year that puts them nearest before the anchor (after
  it when ``future`` is true).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventlens.dates.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    RELATIVE_DAYS,
    WEEKDAYS,
)
from eventlens.records import DatePrecision


def _month_alternatives() -> str:
    # Capitalised (or all-caps, as in wire datelines) so that "may" and "march" as
    # ordinary words are not taken for months.
    names: list[str] = []
    for full in sorted({k for k in MONTHS if len(k) > 4} | {"june", "july", "may"}):
        names += [full.capitalize(), full.upper()]
    for abbr in MONTH_ABBREVIATIONS:
        names += [abbr.capitalize() + r"\.?", abbr.upper() + r"\.?"]
    return "|".join(names)


_MON = rf"(?:{_month_alternatives()})"
_WD = "(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + ")"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# "December 4-5", "4–5 December": a range of days, dated by its first day.
_RANGE_END = r"(?:\s?[-–]\s?[0-3]?\d(?:st|nd|rd|th)?(?!\d))?"
_NUM = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
# Weekdays that name newspapers or programmes, not days.
_NOT_DAY_AFTER = (
    r"(?!\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Tribune|Star|Sport|Night\b"
    r"|School|Service|Prayers?))"
)

_PATTERN = re.compile(
    "|".join(
        [
            rf"(?P<iso>\b(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)",
            rf"(?P<mdy>\b(?:{_WD},?\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAY}){_RANGE_END}\b(?:,?\s+(?P<y1>{_YEAR})\b)?)",
            rf"(?P<dmy>\b(?:{_WD},?\s+)?(?:the\s+)?(?P<d2>{_DAY}){_RANGE_END}\s+(?:of\s+)?(?P<m2>{_MON})(?:,?\s+(?P<y2>{_YEAR}))?\b)",
            rf"(?P<my>\b(?:(?:early|late|mid-?)\s*)?(?P<m3>{_MON})(?:,?\s+(?P<y3>{_YEAR}))\b)",
            rf"(?P<mon>\b(?i:in|during|since|until|by|(?:early|late|mid-?)\s*|last|next|this)\s+"
            rf"(?:(?:early|late|mid-?)\s*)?(?P<m4>{_MON})(?!\.?\s*\d)(?!\w))",
            r"(?P<slash>\b(?P<sa>\d{1,2})/(?P<sb>\d{1,2})/(?P<sy>(?:19|20)\d\d)\b)",
            r"(?P<rel>\b(?i:yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b)",
            r"(?P<period>\b(?P<pmod>(?i:last|next|this|earlier\s+this|later\s+this))\s+"
            r"(?P<punit>(?i:weekend|week|month|year))\b)",
            rf"(?P<ago>\b(?P<anum>(?i:{_NUM}))\s+(?P<aunit>(?i:day|week|month|year))s?\s+ago\b)",
            rf"(?P<wday>\b(?:(?P<wmod>(?i:last|next|this|past))\s+)?(?P<wd>{_WD}){_NOT_DAY_AFTER}"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b)",
            rf"(?P<year>\b(?i:in|during|of)\s+(?P<yy>{_YEAR})\b(?![-/]\d))",
            # Dated by an earlier date of the text, not by publication (``dates.anaphora``).
            r"(?P<anaph>\b(?i:the\s+(?P<xrel>following|next|same|previous)\s+(?P<xunit>day|week|month)"
            r"|(?:later\s+)?that\s+(?:day|night|morning|afternoon|evening)"
            r"|the\s+day\s+(?P<xside>before|after)(?=\s*(?:[.,;:)]|and\b|$))"
            rf"|(?P<xnum>{_NUM})\s+(?P<xunit2>day|week|month|year)s?\s+(?P<xdir>later|earlier))\b)",
        ]
    )
)
# Expressions preceded by these words bound or offset a period rather than date an event.
# A time of day may stand between ("until midnight on Friday", "by 5 p.m. Sunday").
_BOUND_BEFORE = re.compile(
    r"(?:\b(?:until|till|before|after|by|since|through|to|every|each)"
    r"(?:\s+(?:midnight|noon|midday|dawn|dusk|sunset|sunrise|the\s+end\s+of"
    r"|\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)(?:\s+on)?)?|-)\s*$",
    re.I,
)
_BOUND_WINDOW = 40
# "the last week", "the next month": a stretch of time, not a dated period.
_THE_BEFORE = re.compile(r"\bthe\s*$", re.I)
_LEADING_PREP = re.compile(r"^(?:in|on|during|of)\s+", re.I)


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in text: its span, its words and how to resolve it."""

    start: int
    end: int
    text: str
    kind: str
    groups: tuple[tuple[str, str], ...]
    # A bound of a period ("since Nov. 4", "until Sunday"), not when something happened.
    bound: bool = False
    # The date of an anaphoric expression ("the following day"), fixed from the text's
    # earlier dates by ``dates.anaphora``; None until then.
    fixed: ResolvedDate | None = None

    def group(self, name: str) -> str | None:
        """Return the matched group ``name`` (or None)."""
        return dict(self.groups).get(name)


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date with its precision."""

    date: str
    precision: DatePrecision


def find_date_expressions(text: str, *, bounds: bool = False) -> list[DateExpression]:
    """Return the date expressions in ``text``, in order; durations are never matched.

    Bounds of periods ("since Nov. 4", "until Sunday") are left out unless ``bounds``
    is true, in which case they come with ``bound`` set.
    """
    found: list[DateExpression] = []
    for m in _PATTERN.finditer(text):
        kind = m.lastgroup or ""
        if kind == "" or _stretch_not_date(text, m, kind):
            continue
        words = m.group(0)
        start = m.start()
        bound = bool(_BOUND_BEFORE.search(text[max(0, start - _BOUND_WINDOW) : start]))
        lead = _LEADING_PREP.match(words)
        if lead:
            words, start = words[lead.end() :], start + lead.end()
        if kind == "mon" and re.match(r"(?:since|until|by)\b", words, re.I):
            bound = True
            rest = words[words.index(" ") :]
            start += len(words) - len(rest.lstrip())
            words = rest.lstrip()
        if bound and not bounds:
            continue
        groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
        found.append(DateExpression(start, m.end(), words, kind, groups, bound))
    return found


def _stretch_not_date(text: str, m: re.Match[str], kind: str) -> bool:
    """ "the last week", "the next month": a stretch of time, not a dated period."""
    if kind not in ("period", "ago", "wday"):
        return False
    if not _THE_BEFORE.search(text[max(0, m.start() - 5) : m.start()]):
        return False
    return kind != "wday" or bool(m.group("wmod"))


def _month_of(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _nearest_year(month: int, day: int, anchor: date, future: bool) -> date | None:
    try:
        candidate = date(anchor.year, month, day)
        if future and candidate < anchor:
            candidate = date(anchor.year + 1, month, day)
        elif not future and candidate > anchor:
            candidate = date(anchor.year - 1, month, day)
    except ValueError:
        return None
    return candidate


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _day(d: date | None) -> ResolvedDate | None:
    return ResolvedDate(d.isoformat(), "day") if d else None


def _explicit(expr: DateExpression, anchor: date | None, future: bool) -> ResolvedDate | None:
    g = expr.group
    try:
        if expr.kind == "iso":
            return _day(date(int(g("iy") or 0), int(g("im") or 0), int(g("id") or 0)))
        if expr.kind == "slash":
            a, b, y = int(g("sa") or 0), int(g("sb") or 0), int(g("sy") or 0)
            # US order (month first) unless the first number cannot be a month.
            return _day(date(y, b, a) if a > 12 else date(y, a, b))
        month = _month_of(g("m1") or g("m2") or g("m3") or g("m4") or "")
        day_text = g("d1") or g("d2")
        year_text = g("y1") or g("y2") or g("y3")
    except (ValueError, KeyError):
        return None
    if day_text is None:
        if year_text:
            return ResolvedDate(f"{int(year_text):04d}-{month:02d}-01", "month")
        if anchor is None:
            return None
        year = anchor.year
        if future and month < anchor.month:
            year += 1
        elif not future and month > anchor.month:
            year -= 1
        return ResolvedDate(f"{year:04d}-{month:02d}-01", "month")
    day = int(re.sub(r"\D", "", day_text))
    if year_text:
        try:
            return _day(date(int(year_text), month, day))
        except ValueError:
            return None
    return _day(_nearest_year(month, day, anchor, future)) if anchor else None


def _weekday(expr: DateExpression, anchor: date, future: bool) -> ResolvedDate:
    target = WEEKDAYS.index((expr.group("wd") or "").lower())
    mod = (expr.group("wmod") or "").lower()
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if mod in ("last", "past"):
        d = anchor - timedelta(days=back or 7)
    elif mod == "next":
        d = anchor + timedelta(days=ahead or 7)
    elif future:
        d = anchor + timedelta(days=ahead)
    else:
        d = anchor - timedelta(days=back)
    return ResolvedDate(d.isoformat(), "day")


def _period(unit: str, offset: int, anchor: date) -> ResolvedDate:
    if unit == "day":
        return ResolvedDate((anchor + timedelta(days=offset)).isoformat(), "day")
    if unit == "week":
        return ResolvedDate((_monday(anchor) + timedelta(weeks=offset)).isoformat(), "week")
    if unit == "month":
        return ResolvedDate(_shift_month(anchor, offset).isoformat(), "month")
    return ResolvedDate(f"{anchor.year + offset:04d}-01-01", "year")


def _relative(expr: DateExpression, anchor: date) -> ResolvedDate | None:
    g = expr.group
    if expr.kind == "rel":
        words = " ".join(expr.text.lower().split())
        return _period("day", RELATIVE_DAYS.get(words, 0), anchor)
    if expr.kind == "period":
        mod = " ".join((g("pmod") or "").lower().split())
        offset = {"last": -1, "next": 1}.get(mod, 0)
        # A weekend is dated, at week precision, by the week it closes.
        return _period((g("punit") or "").lower().removesuffix("end"), offset, anchor)
    if expr.kind == "ago":
        num_text = (g("anum") or "").lower()
        count = int(num_text) if num_text.isdigit() else NUMBER_WORDS.get(num_text, 1)
        unit = (g("aunit") or "").lower()
        if unit == "day":
            return _period("day", -count, anchor)
        if unit == "week":
            return _period("week", -count, anchor)
        if unit == "month":
            return _period("month", -count, anchor)
        return _period("year", -count, anchor)
    if expr.kind == "year":
        return None
    return None


def resolve(expr: DateExpression, anchor: date | None, future: bool = False) -> ResolvedDate | None:
    """Resolve ``expr`` against ``anchor`` (the publication date); None if it cannot be.

    ``future`` says the event lies ahead (a "will" event): weekdays and year-less
    dates then take the next such day instead of the last.
    """
    if expr.kind == "anaph":
        return expr.fixed
    if expr.kind in ("iso", "slash", "mdy", "dmy", "my", "mon"):
        return _explicit(expr, anchor, future)
    if expr.kind == "year":
        return ResolvedDate(f"{expr.group('yy')}-01-01", "year")
    if anchor is None:
        return None
    if expr.kind == "wday":
        return _weekday(expr, anchor, future)
    return _relative(expr, anchor)


def parse_date(text: str, anchor: date | None = None, future: bool = False) -> ResolvedDate | None:
    """Resolve the first date expression in ``text`` (a convenience for short strings)."""
    for expr in find_date_expressions(text):
        resolved = resolve(expr, anchor, future)
        if resolved is not None:
            return resolved
    return None


def parse_anchor(value: str | None) -> date | None:
    """Return the date of an ISO ``YYYY-MM-DD`` string (or datetime prefix), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
