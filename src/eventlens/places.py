"""Places stage: find toponyms, resolve them offline, and locate events."""

from __future__ import annotations

from spacy.tokens import Doc

from eventlens.config import Config
from eventlens.records import Actor, Event, Place


def find_places(doc: Doc, actors: list[Actor], config: Config) -> list[Place]:
    """Return every resolved toponym mention in ``doc``, in text order."""
    return []


def locate_events(events: list[Event], places: list[Place], doc: Doc) -> list[Event]:
    """Give each event the place it happened at, or None when nothing fits."""
    return events
