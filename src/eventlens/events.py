"""Events stage: PLOVER event coding with source/target actors and status."""

from __future__ import annotations

from spacy.tokens import Doc

from eventlens.config import Config
from eventlens.records import Actor, Event


def find_events(doc: Doc, actors: list[Actor], config: Config) -> list[Event]:
    """Return the PLOVER events asserted in ``doc``."""
    return []
