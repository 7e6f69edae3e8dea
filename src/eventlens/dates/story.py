"""The story's day: the day undated events of a news story happen on.

News tells one story from its lead on, and most of its acts happen on the lead's day,
which the text names once ("Police arrested a man Monday"). ``story_dates`` gives the
events the text dates no other way that day, with precision ``"story"``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eventlens.dates.parse import DateExpression, resolve
from eventlens.records import Event

# How many days before publication the story's own day may lie.
STORY_WINDOW_DAYS = 7
# How far into the text the lead's own day is looked for (characters).
LEAD_CHARS = 600


def lead_day(expressions: list[DateExpression], anchor: date | None) -> str | None:
    """The first day of the week before publication that the lead names ("Police arrested
    a man Monday"), whether or not a record was kept for its sentence."""
    if anchor is None:
        return None
    for expr in expressions:
        if expr.start > LEAD_CHARS:
            break
        if expr.bound:
            continue  # "until noon on Friday": a deadline, not the day of the story
        resolved = resolve(expr, anchor)
        if resolved is None or resolved.precision != "day":
            continue
        if _in_story_window(resolved.date, anchor):
            return resolved.date[:10]
    return None


def _in_story_window(day: str, anchor: date) -> bool:
    """``day`` (ISO, a time may follow) lies in the week up to publication."""
    return 0 <= (anchor - date.fromisoformat(day[:10])).days <= STORY_WINDOW_DAYS


def story_dates(events: list[Event], anchor: date | None, lead: str | None = None) -> list[Event]:
    """Events the text gives no date of happen on the story's day, when it has one.

    News tells one story from its lead on: "Police arrested a man on Sunday ... He was
    charged with ...". The story's day is that of the first event dated to the day in
    the week before publication, else the first such day the lead names (``lead``,
    from ``lead_day``: its sentence may hold no record); an event without a date of
    its own takes it (precision ``"story"``) instead of the publication date.
    Background dated to other days keeps its own date.
    """
    if anchor is None:
        return events
    story = next(
        (
            ev.date
            for ev in sorted(events, key=lambda e: e.start)
            if ev.date_precision == "day" and ev.date and _in_story_window(ev.date, anchor)
        ),
        lead,
    )
    if story is None or story == anchor.isoformat():
        return events
    return [
        replace(ev, date=story, date_precision="story") if ev.date_precision == "published" else ev
        for ev in events
    ]
