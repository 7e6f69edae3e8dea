"""Quotes stage: direct quotations and their speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from eventlens.records import Actor, Quote


def find_quotes(doc: Doc, actors: list[Actor]) -> list[Quote]:
    """Return the direct quotes in ``doc`` with speakers resolved through ``actors``."""
    return []
