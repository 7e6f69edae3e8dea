"""Learned reliability of event records: is this record a real, reported event?

The rules find candidate events with high recall and low precision on real news
(discourse words, descriptions, restatements, idioms). A logistic-regression model
over ``events.features`` estimates the probability that a record matches an event a
blind PLOVER coder would record; that probability becomes the record's
``confidence``, and records below ``Config.min_event_probability`` are dropped.

The weights ship in ``data/event_reliability.json`` (trained by
``scripts/train_event_reliability.py`` on annotated real articles; its provenance and
cross-validated figures are in the file and in docs/evaluation.md). Nothing is
downloaded or trained at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources as package_files
from typing import Any

from spacy.tokens import Doc

from eventlens.events.features import record_features
from eventlens.records import Event

MODEL_FILE = "event_reliability.json"


@dataclass(frozen=True)
class ReliabilityModel:
    """Feature weights of a logistic model; ``probability`` applies it."""

    weights: dict[str, float]
    info: dict[str, Any]

    def probability(self, features: dict[str, float]) -> float:
        """P(record is a real event | features)."""
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(text: str | None = None, file: str = MODEL_FILE) -> ReliabilityModel:
    """A shipped logistic model (``file`` in the package data), or one given as JSON text."""
    if text is None:
        text = package_files.files("eventlens").joinpath("data", file).read_text("utf-8")
    raw = json.loads(text)
    return ReliabilityModel(
        weights={k: float(v) for k, v in raw["weights"].items()},
        info={k: v for k, v in raw.items() if k != "weights"},
    )


def score_records(
    events: list[Event], doc: Doc, model: ReliabilityModel, min_probability: float
) -> list[Event]:
    """Set each record's confidence to the model's probability; drop unlikely records."""
    kept = []
    for order, ev in enumerate(events):
        p = model.probability(record_features(ev, doc, order))
        if p >= min_probability:
            ev.confidence = round(p, 3)
            kept.append(ev)
    return kept
