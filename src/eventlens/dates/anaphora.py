"""Anaphoric dates: "the following day", "two days later", "the same day".

News moves its story on from a date it gave before ("was attacked on Friday, Feb. 3
... was charged the following day"; "warned him at a summit in September. A month
later, ..."). Such an expression is dated from the nearest date the text gave before
it, not from the publication date; with no earlier date it stays unresolved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from eventlens.dates.lexicon import ANAPHORIC_SHIFT, NUMBER_WORDS, PRECISION_ORDER
from eventlens.dates.parse import DateExpression, ResolvedDate, resolve

# How far back (characters) the date an anaphoric expression leans on may lie.
REFERENCE_WINDOW = 1500


def fix_anaphoric(expressions: list[DateExpression], anchor: date | None) -> list[DateExpression]:
    """Return ``expressions`` (in text order) with each anaphoric one's date fixed
    from the nearest earlier expression that resolves; bounds ("since May") lend none."""
    out: list[DateExpression] = []
    last: tuple[int, ResolvedDate] | None = None
    for expr in expressions:
        if expr.kind == "anaph":
            fixed = None
            if last is not None and expr.start - last[0] <= REFERENCE_WINDOW:
                fixed = _shifted(expr, last[1])
            expr = replace(expr, fixed=fixed)
        resolved = None if expr.bound else resolve(expr, anchor)
        if resolved is not None:
            last = (expr.end, resolved)
        out.append(expr)
    return out


def _shifted(expr: DateExpression, ref: ResolvedDate) -> ResolvedDate | None:
    """``ref`` moved by what ``expr`` says, at the coarser of both precisions."""
    if ref.precision not in PRECISION_ORDER:
        return None
    unit, count = _shift(expr)
    precision = max(unit, ref.precision, key=PRECISION_ORDER.index)
    day = date.fromisoformat(ref.date[:10])
    if unit == "day":
        day += timedelta(days=count)
    elif unit == "week":
        day += timedelta(weeks=count)
    elif unit == "month":
        index = day.year * 12 + day.month - 1 + count
        day = date(index // 12, index % 12 + 1, 1)  # month precision at least
    else:
        day = date(day.year + count, 1, 1)
    return ResolvedDate(_truncate(day, precision), precision)  # type: ignore[arg-type]


def _shift(expr: DateExpression) -> tuple[str, int]:
    """(unit, signed count) of an anaphoric expression."""
    g = expr.group
    if g("xnum"):
        num = (g("xnum") or "").lower()
        count = int(num) if num.isdigit() else NUMBER_WORDS.get(num, 1)
        sign = -1 if (g("xdir") or "").lower() == "earlier" else 1
        return (g("xunit2") or "day").lower(), sign * count
    if g("xside"):
        return "day", -1 if (g("xside") or "").lower() == "before" else 1
    unit = (g("xunit") or "day").lower()
    return unit, ANAPHORIC_SHIFT.get((g("xrel") or "same").lower(), 0)


def _truncate(day: date, precision: str) -> str:
    if precision == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if precision == "month":
        return day.replace(day=1).isoformat()
    if precision == "year":
        return day.replace(month=1, day=1).isoformat()
    return day.isoformat()
