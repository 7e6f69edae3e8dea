"""Shared by the events test files: a fixture that runs the real actors and events stages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from eventlens.actors import stage as actors
from eventlens.config import Config
from eventlens.events import stage as events
from eventlens.records import Actor, Event
from eventlens.resources import get_resources

Runner = Callable[[str], list[Event]]


@pytest.fixture(scope="module")
def run(nlp_model: Language, config: Config) -> Runner:
    """Code the events of one text with the real actors and events stages."""

    def _run(text: str) -> list[Event]:
        doc = nlp_model(text)
        resources = get_resources(config)
        return events.find_events(doc, actors.find_actors(doc, resources), resources)

    return _run


def country(actor: Actor | None) -> str | None:
    """An actor's country, None for no actor."""
    return actor.country if actor else None
