"""`eventlens eval events`: gold loading, scoring rules and the command's output.

The gold lines here are sentences the team wrote, in the PLOVER GSR line format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlens.cli.stage import main
from eventlens.eval.events import (
    Scores,
    actor_code,
    load_gold,
    per_type,
    score_row,
    top_event,
)
from eventlens.records import Actor, Event
from testkit import FIXTURES

GOLD_LINES = [
    {"text": "Canada imposed sanctions on Belarus.", "event": "SANCTION",
     "source": [{"actorText": "Canada", "code": "CAN"}],
     "target": [{"actorText": "Belarus", "code": "BLR"}]},
    {"text": "Pakistan accused India of shelling border villages.", "event": "DISAPPROVE",
     "source": [{"actorText": "Pakistan", "code": "PAK"}],
     "target": [{"actorText": "India", "code": "IND"}]},
    {"text": "Mexico demanded that Guatemala reopen the border.", "event": "DEMAND",
     "source": [{"actorText": "Mexico", "code": "MEX"}], "target": ""},
    {"text": "The weather in Oslo was mild on Tuesday.", "event": "FIGHT",
     "source": [{"actorText": "Oslo", "code": "NOR"}], "target": None},
]  # fmt: skip


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD_LINES) + "\n", encoding="utf-8")
    return path


def event(etype: str, confidence: float, source: str | None = None) -> Event:
    actor = Actor(source, source, source) if source else None
    return Event(etype, None, None, None, actor, None, None, None, None, "occurred", "x", "s",
                 0, 1, confidence)  # fmt: skip


def test_legacy_names_are_mapped_and_codes_read(gold_file: Path) -> None:
    rows = load_gold(gold_file)
    assert [r.type for r in rows] == ["SANCTION", "ACCUSE", "REQUEST", "ASSAULT"]
    assert rows[0].sources == {"CAN"} and rows[0].targets == {"BLR"}
    assert rows[2].targets == set() and rows[3].targets == set()


def test_cameo_country_codes_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"text": "t", "event": "AGREE",
                                "source": [{"code": "JAP"}]}) + "\n")  # fmt: skip
    assert load_gold(path)[0].sources == {"JPN"}


def test_top_event_is_highest_confidence_first_on_ties() -> None:
    a, b, c = event("AGREE", 0.5), event("ASSAULT", 0.9), event("REJECT", 0.9)
    assert top_event([a, b, c]) is b
    assert top_event([]) is None


def test_scoring_top_and_any_event() -> None:
    rows = [
        ("ASSAULT", {"SYR"}, [event("ASSAULT", 0.9, "SYR"), event("ACCUSE", 0.2, "TUR")]),
        ("ACCUSE", {"TUR"}, [event("ASSAULT", 0.9, "SYR"), event("ACCUSE", 0.2, "TUR")]),
        ("REJECT", {"EGY"}, []),
    ]
    scores = Scores()
    from eventlens.eval.events import GoldRow

    for etype, sources, predicted in rows:
        score_row(scores, GoldRow("t", etype, sources, set()), predicted)
    assert (scores.correct, scores.any_correct, scores.n) == (1, 2, 3)
    assert (scores.src_ok, scores.src_any, scores.src_n) == (1, 2, 3)
    assert scores.confusion[("REJECT", "NONE")] == 1
    assert per_type(scores)["ASSAULT"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667,
                                           "support": 1}  # fmt: skip


def test_actor_code_uses_country_then_non_state_sector() -> None:
    assert actor_code(Actor("UN", "United Nations", None, "IGO")) == "IGO"
    assert actor_code(Actor("rebels", "rebels", None, "REB")) == "REB"
    assert actor_code(Actor("police", "police", "KEN", "COP")) == "KEN"
    assert actor_code(Actor("someone", "someone", None, "CVL")) is None
    # Members of an international organisation are coded by it.
    assert actor_code(Actor("UN peacekeepers", "United Nations", None, "MIL")) == "IGO"


def test_command_prints_json_figures(gold_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "events", "--data", str(gold_file), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sentences"] == 4
    for key in ("type_accuracy", "source_country_accuracy", "target_country_accuracy",
                "per_type", "confusion", "seconds"):  # fmt: skip
        assert key in result
    # The weather sentence has no event: it is scored as NONE, so accuracy < 1.
    assert result["confusion"].get("ASSAULT->NONE") == 1
    assert 0.0 <= result["type_accuracy"] <= 0.75


def test_command_prints_text_table(gold_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "events", "--data", str(gold_file)]) == 0
    out = capsys.readouterr().out
    assert "event-type accuracy" in out and "confusion" in out and "SANCTION" in out


def test_malformed_gold_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "event": "AGREE"}\n{not json\n', encoding="utf-8")
    assert main(["eval", "events", "--data", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "bad.jsonl:2" in err and len(err.splitlines()) == 1
    assert main(["eval", "events", "--data", str(tmp_path / "missing.jsonl")]) == 2


BLIND = FIXTURES / "event_sentences"


@pytest.mark.parametrize("name", ["blind_a.jsonl", "blind_b.jsonl"])
def test_blind_sentence_sets_are_well_formed(name: str) -> None:
    rows = load_gold(BLIND / name)
    assert len(rows) == 160
    kinds = {r.type for r in rows}
    assert len(kinds) == 16 and all(sum(r.type == k for r in rows) == 10 for k in kinds)
    assert sum(bool(r.sources) for r in rows) >= 150  # a few attackers are unidentified


def test_development_set_a_does_not_regress(capsys: pytest.CaptureFixture[str]) -> None:
    """Set A is development data (docs/evaluation.md): a floor a little under today's
    figures catches a rule change that breaks what it was fixed for."""
    assert main(["eval", "events", "--data", str(BLIND / "blind_a.jsonl"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["type_accuracy"] >= 0.87
    assert result["source_country_accuracy"] >= 0.86
    assert result["target_country_accuracy"] >= 0.75
