"""Shared pytest fixtures (append yours; keep them fast and session-scoped where costly)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventlens import nlp
from eventlens.config import Config

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "src" / "eventlens" / "samples"


@pytest.fixture(scope="session")
def config() -> Config:
    """The default configuration, with one worker so tests stay deterministic."""
    return Config(jobs=1)


@pytest.fixture(scope="session")
def nlp_model(config: Config) -> Language:
    """The spaCy pipeline, loaded once per test session (nlp.load_model is cached)."""
    return nlp.load_model(config.spacy_model)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The tests/fixtures folder."""
    return FIXTURES


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    """The bundled illustrative sample articles (.txt and .html)."""
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))


@pytest.fixture(scope="session")
def gazetteer(config: Config):  # type: ignore[no-untyped-def]
    """The places gazetteer, built once per machine into the user cache dir (~20 s cold)."""
    from eventlens.resources import get_resources

    return get_resources(config).gazetteer


# The web tests' store and live server (tests/web_fixtures.py).
# The events runner shared by the events test files (tests/events_helpers.py); a module
# that defines its own `run` fixture (test_events.py) overrides it.
from events_helpers import run  # noqa: E402, F401
from web_fixtures import live_server, web_db  # noqa: E402, F401
