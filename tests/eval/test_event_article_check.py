"""Tests for scripts/event_article_check.py: the whole-article event scorer."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from spacy.language import Language

from testkit import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "event_articles" / "visit_aid.txt"


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    """The scorer script, imported as a module."""
    spec = importlib.util.spec_from_file_location(
        "event_article_check", ROOT / "scripts" / "event_article_check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _gold(type_: str, trigger: str, source: object, target: object, status: str) -> dict:
    return {
        "type": type_,
        "trigger": trigger,
        "source_country": source,
        "target_country": target,
        "status": status,
    }


def test_scores_on_a_fixture_are_fractions(checker: ModuleType, nlp_model: Language) -> None:
    result = checker.check_article(FIXTURE)
    for key in ("all", "confident"):
        counts = result[key]
        assert counts["gold"] > 0
        scores = checker.summarise(counts)
        assert set(scores) == set(checker.LEVELS)
        for level in checker.LEVELS:
            for value in scores[level].values():
                assert isinstance(value, float) and 0.0 <= value <= 1.0
        # Each level adds a condition, so its count cannot exceed type+trigger's.
        assert counts["target"] <= counts["source"] <= counts["type_trigger"]
        assert (
            counts["status"] <= counts["type_trigger"] <= min(counts["gold"], counts["predicted"])
        )


def test_matching_is_one_to_one_and_scores_each_level(checker: ModuleType) -> None:
    text = "Officials met on Monday. They met again on Friday and troops attacked a post."
    gold = [
        _gold("CONSULT", "met", "FRA", "DEU", "occurred"),
        _gold("CONSULT", "met", "FRA", ["DEU", "ITA"], "occurred"),
        _gold("ASSAULT", "attacked", None, "MLI", "occurred"),
    ]
    pred = checker.Pred
    preds = [
        # Second "met": covers offset 30, right source, target in the gold list.
        pred("CONSULT", "met again", "FRA", "ITA", "occurred", 0.9, (30, 39)),
        # First "met": wrong source, so only type+trigger and status count.
        pred("CONSULT", "met", "DEU", "DEU", "future", 0.9, (10, 13)),
        # Right word, wrong type: no match.
        pred("AID", "attacked", None, "MLI", "occurred", 0.9, (61, 69)),
        # Right type, word not in the trigger: no match.
        pred("ASSAULT", "post", None, "MLI", "occurred", 0.9, (72, 76)),
    ]
    assert text[10:13] == "met" and text[30:33] == "met" and text[61:69] == "attacked"
    assert checker.match(gold, preds, text) == [(0, 1), (1, 0)]
    counts = checker.score(gold, preds, text)
    assert counts == {
        "gold": 3,
        "predicted": 4,
        "type_trigger": 2,
        "source": 1,
        "target": 1,
        "status": 1,
    }
    scores = checker.summarise(counts)
    assert scores["type_trigger"] == {"precision": 0.5, "recall": 2 / 3}
    # Without the text, one prediction cannot take both "met" gold events.
    assert len(checker.match(gold, preds[:1])) == 1
    # A null gold country is right only for a prediction without one.
    assert (
        checker.pair_levels(gold[2], pred("ASSAULT", "attacked", "MLI", "MLI", "occurred", 1.0))[
            "source"
        ]
        is False
    )


def test_records_of_one_event_count_once(checker: ModuleType) -> None:
    mod = checker
    text = "The UN urged both sides to talk."
    gold = [{"type": "REQUEST", "trigger": "urged", "source_country": "IGO",
             "target_country": ["ETH", "ERI"], "status": "occurred"}]  # fmt: skip
    preds = [
        mod.Pred("REQUEST", "urged", "IGO", "ETH", "occurred", 0.9, (7, 12)),
        mod.Pred("REQUEST", "urged", "IGO", "ERI", "occurred", 0.9, (7, 12)),
    ]
    counts = mod.score(gold, preds, text)
    assert counts["predicted"] == 1 and counts["target"] == 1
    wrong = [mod.Pred("REQUEST", "urged", "IGO", "KEN", "occurred", 0.9, (7, 12))]
    assert mod.score(gold, wrong, text)["target"] == 0
