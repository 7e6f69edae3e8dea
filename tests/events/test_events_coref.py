"""Learned event coreference (events.coref): pair features, joining, the shipped model.

The article is written by the team for these tests.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.tokens import Doc

from eventlens.config import Config
from eventlens.events.coref import MODEL_FILE, merge_coreferent, pair_features, sentence_starts
from eventlens.events.reliability import ReliabilityModel, load_model
from eventlens.pipeline import extract
from eventlens.records import Event
from eventlens.resources import get_resources

ARTICLE = """Gunmen attack police post in Kandahar

Gunmen attacked a police post in Kandahar on Monday, killing three officers, officials said.

Police said the gunmen fired on the post from a nearby field.

Separately, the governor met tribal elders in Kandahar on Monday."""

NO_COREF = Config(event_coref=False, min_event_probability=0.0)
ALWAYS_JOINS = ReliabilityModel({"bias": 5.0}, {"threshold": 0.5})
NEVER_JOINS = ReliabilityModel({"bias": -5.0}, {"threshold": 0.5})


def coded(text: str, published: str = "2024-03-05") -> tuple[list[Event], Doc]:
    """The records of ``text`` without coreference, and its parse."""
    out = extract(text, published, is_html=False, config=NO_COREF)
    return out.events, get_resources(NO_COREF).nlp(out.article.text)


def joined(evs: list[Event], doc: Doc, model: ReliabilityModel) -> list[Event]:
    """``merge_coreferent`` on copies (joining appends to a kept record's evidence)."""
    return merge_coreferent([replace(e, evidence=list(e.evidence)) for e in evs], doc, model)


@pytest.fixture(scope="module")
def records() -> tuple[list[Event], Doc]:
    return coded(ARTICLE)


def assaults(evs: list[Event]) -> list[Event]:
    return [e for e in evs if e.type == "ASSAULT"]


def test_pair_features_describe_the_two_mentions(records: tuple[list[Event], Doc]) -> None:
    evs, doc = records
    first, second = assaults(evs)[:2]
    f = pair_features(first, second, doc)
    assert f["bias"] == 1.0 and f["type=ASSAULT"] == 1.0
    assert f["same_sentence"] == 0.0 and f["sentence_gap"] > 0
    assert f.get("place_same", 0.0) + f.get("place_missing", 0.0) + f.get("place_clash", 0.0) == 1
    assert pair_features(first, second, doc, sentence_starts(doc)) == f  # starts given once


def test_a_model_that_joins_folds_the_later_record_into_the_earlier(
    records: tuple[list[Event], Doc],
) -> None:
    evs, doc = records
    kept = joined(evs, doc, ALWAYS_JOINS)
    assert len(assaults(kept)) == 1 and len(assaults(kept)[0].evidence) >= len(assaults(evs)) - 1
    # Records of different types are never joined.
    assert {e.type for e in kept} == {e.type for e in evs}


def test_a_model_that_never_joins_keeps_every_record(records: tuple[list[Event], Doc]) -> None:
    evs, doc = records
    assert len(joined(evs, doc, NEVER_JOINS)) == len(evs)


def test_the_shipped_model_is_cross_validated_and_used_by_the_pipeline() -> None:
    model = load_model(file=MODEL_FILE)
    assert 0 < model.info["threshold"] < 1 and model.info["cross_validation"]
    assert "same_lemma" in model.weights
    shipped = Config(min_event_probability=0.0)
    with_coref = extract(ARTICLE, "2024-03-05", is_html=False, config=shipped)
    without = extract(ARTICLE, "2024-03-05", is_html=False, config=NO_COREF)
    # "the gunmen fired on the post" tells the attack again: one ASSAULT record, two mentions.
    assert len(assaults(without.events)) == 2
    (attack,) = assaults(with_coref.events)
    assert len(attack.evidence) == 1


def test_acts_of_different_states_are_never_joined() -> None:
    text = (
        "Iraqi troops attacked IS positions near Bashiqa on Saturday, and US aircraft "
        "bombed targets around the town, the coalition said."
    )
    evs, doc = coded(text, "2016-10-23")
    assert len(assaults(joined(evs, doc, ALWAYS_JOINS))) == len(assaults(evs)) == 2


def test_a_further_arrest_of_another_person_stays_apart() -> None:
    text = (
        "Police arrested John Varley in Leeds on Monday.\n\n"
        "Police also arrested Mark Dunmore, 40, in the same raid."
    )
    evs, doc = coded(text)
    arrests = [e for e in joined(evs, doc, ALWAYS_JOINS) if e.type == "COERCE"]
    assert len(arrests) == len([e for e in evs if e.type == "COERCE"]) == 2
