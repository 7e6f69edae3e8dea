"""Heavy shared resources (spaCy model, actor lexicon, gazetteer), built once per process.

``Config`` holds settings only; the stages receive a ``Resources`` object instead and
never look anything up by configuration themselves. ``get_resources(config)`` returns
the process-wide instance for a configuration (the CLI, the web app and batch workers
each build it once and hand it down).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from eventlens.config import DEFAULT_CONFIG, Config

if TYPE_CHECKING:
    from spacy.language import Language

    from eventlens.actors.dictionary import Lexicon
    from eventlens.events.reliability import ReliabilityModel
    from eventlens.places.gazetteer import Gazetteer


@dataclass(eq=False)
class Resources:
    """The loaded model and knowledge bases for one configuration.

    Each part loads on first use, so a command that never resolves places never
    builds the gazetteer.
    """

    config: Config = field(default=DEFAULT_CONFIG)

    @cached_property
    def nlp(self) -> Language:
        """The spaCy pipeline named by ``config.spacy_model`` (with eventlens' components)."""
        from eventlens.nlp import load_model

        return load_model(self.config.spacy_model)

    @cached_property
    def lexicon(self) -> Lexicon:
        """The actor dictionary: shipped rows plus ``config.actor_dictionaries``."""
        from eventlens.actors.dictionary import build_lexicon

        return build_lexicon(self.nlp, self.config.actor_dictionaries)

    @cached_property
    def event_model(self) -> ReliabilityModel:
        """The learned reliability model of event records (shipped weights)."""
        from eventlens.events.reliability import load_model

        return load_model()

    @cached_property
    def coref_model(self) -> ReliabilityModel:
        """The learned event coreference model (shipped weights)."""
        from eventlens.events.coref import MODEL_FILE
        from eventlens.events.reliability import load_model

        return load_model(file=MODEL_FILE)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The places gazetteer (SQLite, built on first use at ``config.gazetteer_path``)."""
        from eventlens.places.gazetteer import open_gazetteer

        return open_gazetteer(self.config.gazetteer_path)


_BY_CONFIG: dict[Config, Resources] = {}


def get_resources(config: Config = DEFAULT_CONFIG) -> Resources:
    """The process-wide resources for ``config`` (built lazily, then reused)."""
    res = _BY_CONFIG.get(config)
    if res is None:
        res = _BY_CONFIG[config] = Resources(config)
    return res
