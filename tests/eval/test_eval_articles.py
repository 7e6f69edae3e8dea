"""Whole-article scoring: gold loading, matching levels, duplicates, optional events."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from eventlens.errors import InputError
from eventlens.eval.article_gold import load_gold
from eventlens.eval.article_scoring import Prediction, max_matching, score
from eventlens.eval.articles import report_dict
from eventlens.records import Actor, Event, Place

TEXT = (
    "Rebels attacked an army post near Gao on Monday. "
    "The government of Mali condemned the attack. "
    "Officials said talks would resume."
)


def _gold_file(tmp_path: Path, events: list[dict], text: str = TEXT) -> tuple[Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a1.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    gold = {"articles": {"a1": {"published": "2020-03-04", "sha256": digest}}, "events": events}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path, texts


ATTACK = {
    "id": "a1-01", "article": "a1", "optional": False, "types": ["ASSAULT"],
    "status": ["occurred"], "source": {"name": "rebels", "countries": ["MLI"]},
    "target": {"name": "army", "countries": ["MLI"]},
    "location": {"name": "Gao", "lat": 16.27, "lon": -0.04}, "date": ["2020-03-02"],
    "evidence": ["Rebels attacked an army post near Gao on Monday."],
}  # fmt: skip
CONDEMN = {
    "id": "a1-02", "article": "a1", "optional": False, "types": ["ACCUSE"],
    "status": ["occurred"], "source": {"name": "government", "countries": ["MLI"]},
    "target": {"name": "rebels", "countries": ["MLI"]}, "location": None, "date": None,
    "evidence": ["The government of Mali condemned the attack."],
}  # fmt: skip
TALKS = {
    "id": "a1-03", "article": "a1", "optional": True, "types": ["CONSULT"],
    "status": ["future"], "source": None, "target": None, "location": None, "date": None,
    "evidence": ["talks would resume"],
}  # fmt: skip


def _event(type_: str, sentence: str, *, src=None, tgt=None, status="occurred", conf=0.8,
           loc=None, date=None) -> Event:  # fmt: skip
    start = TEXT.index(sentence)
    ev = Event.uncoded(sentence.split()[1], start, sentence, start, type=type_, status=status,
                       confidence=conf)  # fmt: skip
    ev.source = Actor(text="x", name="x", country=src) if src is not False else None
    ev.target = Actor(text="y", name="y", country=tgt) if tgt is not False else None
    ev.location, ev.date = loc, date
    ev.end = start + len(sentence)
    return ev


def test_gold_evidence_becomes_character_spans(tmp_path: Path) -> None:
    path, texts = _gold_file(tmp_path, [ATTACK, CONDEMN, TALKS])
    articles, golds = load_gold(path, None, texts)
    assert [a.published for a in articles] == ["2020-03-04"]
    assert golds[1].spans == [(TEXT.index("The government"), TEXT.index(" Officials"))]
    assert golds[2].optional and golds[2].source is None


def test_a_text_kept_beside_the_gold_file_is_found_without_flags(tmp_path: Path) -> None:
    path, _ = _gold_file(tmp_path, [ATTACK])
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["articles"]["a1"]["text_file"] = "texts/a1.txt"
    path.write_text(json.dumps(gold), encoding="utf-8")
    [article], [event] = load_gold(path)
    assert article.text == TEXT and event.spans


def test_a_gold_date_may_be_one_day_or_a_range(tmp_path: Path) -> None:
    one_day = {**CONDEMN, "date": "2020-03-03"}
    week = {**TALKS, "date": ["2020-03-05", "2020-03-09"]}
    path, texts = _gold_file(tmp_path, [ATTACK, one_day, week])
    _, golds = load_gold(path, None, texts)
    assert [g.date for g in golds] == [
        ("2020-03-02", "2020-03-02"),
        ("2020-03-03", "2020-03-03"),
        ("2020-03-05", "2020-03-09"),
    ]


def test_a_changed_text_or_missing_evidence_is_refused(tmp_path: Path) -> None:
    path, texts = _gold_file(tmp_path, [ATTACK])
    (texts / "a1.txt").write_text(TEXT + " More.", encoding="utf-8")
    with pytest.raises(InputError, match="sha256"):
        load_gold(path, None, texts)
    (tmp_path / "b").mkdir()
    path2, texts2 = _gold_file(tmp_path / "b", [dict(ATTACK, evidence=["not in the text"])])
    with pytest.raises(InputError, match="evidence not in the text"):
        load_gold(path2, None, texts2)


def test_levels_duplicates_and_optional_events(tmp_path: Path) -> None:
    path, texts = _gold_file(tmp_path, [ATTACK, CONDEMN, TALKS])
    _, golds = load_gold(path, None, texts)
    attack = "Rebels attacked an army post near Gao on Monday."
    gao = Place(text="Gao", start=0, end=3, lat=16.3, lon=-0.05)
    preds = [
        Prediction(
            "a1", _event("ASSAULT", attack, src="MLI", tgt="MLI", loc=gao, date="2020-03-02")
        ),
        Prediction("a1", _event("ASSAULT", attack, src="MLI", tgt=None)),  # same event again
        Prediction("a1", _event("ACCUSE", "The government of Mali condemned the attack.",
                                src="MLI", tgt="FRA", conf=0.4)),  # fmt: skip
        Prediction("a1", _event("CONSULT", "Officials said talks would resume.", status="future",
                                src=False, tgt=False)),  # fmt: skip
        Prediction("a1", _event("PROTEST", "Officials said talks would resume.", conf=0.1)),
    ]
    report = score(preds, golds, 1)
    d = report_dict(report)
    # type: 2 required matched; 5 records, 1 matched to an optional event -> 4 counted.
    assert d["levels"]["type"] == {"precision": 0.5, "recall": 1.0, "f1": 0.667, "matched": 2}
    assert d["levels"]["source"]["matched"] == 2
    assert d["levels"]["target"]["matched"] == 1  # FRA is not the rebels' country
    assert d["levels"]["both"]["matched"] == 1
    assert report.duplicates == 1 and d["duplicate_share"] == 0.2
    assert d["location_within_50km"]["right"] == 1 and d["date_right"]["right"] == 1
    assert [g.id for g in report.misses] == []
    bins = {row["min_confidence"]: row["records"] for row in d["reliability"]}
    assert bins == {0.0: 1, 0.3: 1, 0.5: 0, 0.7: 3}


def test_matching_is_maximum_not_greedy() -> None:
    # gold 0 fits records 0 and 1, gold 1 only record 0: greedy would lose gold 1.
    fits = {(0, 0), (1, 0), (0, 1)}
    m = max_matching(2, 2, lambda j, i: (j, i) in fits)
    assert len(m) == 2
