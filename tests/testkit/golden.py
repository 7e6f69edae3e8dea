"""Shared helpers for the whole-pipeline golden-file tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventlens.cli.demo import sample_paths
from eventlens.inputs.readers import read_path
from eventlens.pipeline import extract
from testkit import TESTS

GOLDEN_DIR = TESTS / "golden"
# Each sample is extracted with a fixed publication date only when it carries none itself,
# so relative dates resolve the same way on every run.
FALLBACK_PUBLISHED = None


def sample_files() -> list[Path]:
    """Return the bundled, team-written sample articles."""
    return sample_paths()


def golden_document(path: Path) -> dict[str, Any]:
    """Run the whole pipeline on one sample and return its JSON-ready document."""
    raw = read_path(str(path), 10_000_000)
    return extract(raw.content, FALLBACK_PUBLISHED, doc_id=path.stem).to_dict()
