"""The reliability model's two heads: which records are kept, and their confidence."""

from __future__ import annotations

import json

from spacy.language import Language

from eventlens.events.reliability import load_model, score_records
from eventlens.records import Event


def _event(text: str) -> Event:
    return Event(
        type="ASSAULT", mode=None, context=None, cameo=None, source=None, target=None,
        location=None, date=None, date_text=None, status="occurred", trigger="attacked",
        sentence=text, start=0, end=len(text), confidence=0.6, trigger_start=7, trigger_end=15,
    )


def test_the_first_head_keeps_and_the_second_gives_the_confidence(
    nlp_model: Language,
) -> None:
    text = "Rebels attacked the town."
    doc = nlp_model(text)
    model = load_model(json.dumps({
        "weights": {"bias": 2.0}, "confidence_weights": {"bias": -1.0}, "threshold": 0.4,
    }))  # fmt: skip
    [kept] = score_records([_event(text)], doc, model, 0.4)
    assert kept.confidence == 0.269  # the second head: 1 / (1 + e)
    assert score_records([_event(text)], doc, model, 0.95) == []  # P = 0.88 < 0.95


def test_a_model_file_without_a_second_head_gives_its_own_probability(
    nlp_model: Language,
) -> None:
    text = "Rebels attacked the town."
    doc = nlp_model(text)
    model = load_model(json.dumps({"weights": {"bias": 2.0}, "threshold": 0.4}))
    [kept] = score_records([_event(text)], doc, model, 0.4)
    assert kept.confidence == 0.881


def test_the_shipped_model_has_both_heads() -> None:
    model = load_model()
    assert model.weights and model.confidence_weights
    assert "confidence_weights" not in model.info
