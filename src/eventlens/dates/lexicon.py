"""Word lists of the dates stage, apart from the parser and the attachment rules."""

from __future__ import annotations

# Month names, in calendar order.
MONTH_NAMES = tuple(
    "january february march april may june july august september october november december".split()
)

# Month name or its three-letter form (and "sept") -> month number.
MONTHS: dict[str, int] = {
    key: number for number, name in enumerate(MONTH_NAMES, start=1) for key in (name, name[:3])
} | {"sept": 9}

# Abbreviations matched with an optional full stop ("Oct.", "Sept"), in pattern order.
MONTH_ABBREVIATIONS = tuple("jan feb mar apr jun jul aug sept sep oct nov dec".split())

# Weekday names, Monday first (the order of ``date.weekday()``).
WEEKDAYS = tuple("monday tuesday wednesday thursday friday saturday sunday".split())

# Counts written as words ("two days ago"), in pattern order.
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Day words and their offset from the publication day.
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}

# Deictic words that point at the publication day or before it.
DEICTIC_PAST = frozenset(
    {"yesterday", "today", "last night", "this morning", "this afternoon", "this evening"}
)

# Words that make a clause a temporal offset of another ("a week after X happened").
OFFSET_MARKS = frozenset({"after", "before", "since", "until", "till", "once"})

# Verbs that only set an event's phase ("began announcing", "continued to fight").
ASPECTUAL_LEMMAS = frozenset(
    {"begin", "start", "continue", "keep", "resume", "stop", "finish", "cease"}
)

# Auxiliaries of a clause about what is to come ("will", "would").
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})

# Verbs (and "due") whose clause speaks of what is to come ("plans to", "due to").
FUTURE_LEMMAS = frozenset({"plan", "schedule", "due", "expect", "intend", "aim", "set"})

# "the following day", "the previous week": how far the words move from the earlier date.
ANAPHORIC_SHIFT = {"following": 1, "next": 1, "same": 0, "previous": -1}

# Date precisions from finest to coarsest (an anaphoric date keeps the coarser).
PRECISION_ORDER = ("day", "week", "month", "year")
