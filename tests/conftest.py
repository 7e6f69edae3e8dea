"""All shared pytest fixtures (one module; helpers they use live in tests/testkit/)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from eventlens import nlp
from eventlens.actors import stage as actors
from eventlens.config import Config
from eventlens.events import stage as events
from eventlens.records import Event
from eventlens.resources import get_resources
from eventlens.store.stage import open_store
from testkit import FIXTURES, ROOT
from testkit.events import Runner
from testkit.web import (
    TEST_MAX_BODY,
    LiveServer,
    add,
    ingest_samples,
    offensive_doc,
    protest_doc,
    second_report_doc,
    undated_doc,
    xss_doc,
)

SAMPLES = ROOT / "src" / "eventlens" / "samples"


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
    return get_resources(config).gazetteer


@pytest.fixture(scope="module")
def run(nlp_model: Language, config: Config) -> Runner:
    """Code one text with the real actors and events stages (a module may override)."""

    def _run(text: str) -> list[Event]:
        doc = nlp_model(text)
        resources = get_resources(config)
        return events.find_events(doc, actors.find_actors(doc, resources), resources)

    return _run


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real SQLite store with the web test articles; returns its path and article ids."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    store = open_store(path)
    try:
        ids = {
            "offensive": add(store, offensive_doc(), "offensive.json"),
            "second": add(store, second_report_doc(), "second.json"),
            "protest": add(store, protest_doc(), "protest.json"),
            "xss": add(store, xss_doc(), "xss.json"),
            "undated": add(store, undated_doc(), "undated.json"),
        }
        samples = ingest_samples(store)
    finally:
        store.close()
    return {"path": path, "ids": ids, "samples": samples}


@pytest.fixture(scope="session")
def live_server(web_db: dict[str, Any]) -> Iterator[LiveServer]:
    """The app over ``web_db`` served by uvicorn on a random free port of 127.0.0.1."""
    with LiveServer(web_db["path"], max_body_bytes=TEST_MAX_BODY) as server:
        yield server
