"""Shared by the events test files (their ``run`` fixture is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from eventlens.records import Actor, Event

Runner = Callable[[str], list[Event]]


def country(actor: Actor | None) -> str | None:
    """An actor's country, None for no actor."""
    return actor.country if actor else None
