"""Actors stage: find actor mentions and code name, country and PLOVER sector."""

from __future__ import annotations

from spacy.tokens import Doc

from eventlens.config import Config
from eventlens.records import Actor


def find_actors(doc: Doc, config: Config) -> list[Actor]:
    """Return every actor mention in ``doc`` (incl. coreferent mentions), in text order."""
    return []
