"""A trigger found in a sentence, with the coding the clause rules give it.

Shared by the rules that recode candidates (events.rules, events.objects,
events.restate) and by the stage that turns them into events (events.scene,
events.stage), so that none of them imports another for the type.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventlens.events.status import Clause
from eventlens.events.triggers import Trigger


@dataclass
class Candidate:
    """A trigger in a sentence with its coded type and how much to trust it."""

    token: Token
    trigger: Trigger
    type: str
    mode: str | None
    clause: Clause
    status: str
    factor: float = 1.0
    dropped: bool = False
    request_by_speaker: bool = False  # source is the reporter, target the clause subject
    denied: bool = False  # negated by a denial ("denied an agreement had been reached")
