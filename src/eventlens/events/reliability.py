"""Learned reliability of event records: is this record a real, reported event?

The rules find candidate events with high recall and low precision on real news
(discourse words, descriptions, restatements, idioms). A logistic-regression model
over ``events.features`` estimates the probability that a record matches an event a
blind PLOVER coder would record; records below ``Config.min_event_probability`` are
dropped. A second head of the same form estimates the probability that a kept record
is right in type *and* source (what users count as right); that becomes its
``confidence``, so that "confidence >= 0.5" reads as a calibrated chance.

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
    # P(type and source right); a model file without it reuses ``weights``.
    confidence_weights: dict[str, float] | None = None

    def probability(self, features: dict[str, float]) -> float:
        """P(record is a real event | features)."""
        return _logistic(self.weights, features)

    def confidence(self, features: dict[str, float]) -> float:
        """P(record is a real event with an acceptable source | features)."""
        return _logistic(self.confidence_weights or self.weights, features)


def _logistic(weights: dict[str, float], features: dict[str, float]) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(text: str | None = None, file: str = MODEL_FILE) -> ReliabilityModel:
    """A shipped logistic model (``file`` in the package data), or one given as JSON text."""
    if text is None:
        text = package_files.files("eventlens").joinpath("data", file).read_text("utf-8")
    raw = json.loads(text)
    second = raw.get("confidence_weights")
    return ReliabilityModel(
        weights={k: float(v) for k, v in raw["weights"].items()},
        info={k: v for k, v in raw.items() if k not in ("weights", "confidence_weights")},
        confidence_weights={k: float(v) for k, v in second.items()} if second else None,
    )


def score_records(
    events: list[Event], doc: Doc, model: ReliabilityModel, min_probability: float
) -> list[Event]:
    """Drop records whose probability is below ``min_probability``; set each kept
    record's confidence to the model's chance that it is right in type and source."""
    kept = []
    for order, ev in enumerate(events):
        features = record_features(ev, doc, order)
        if model.probability(features) >= min_probability:
            ev.confidence = round(model.confidence(features), 3)
            kept.append(ev)
    return kept
