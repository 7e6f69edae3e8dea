"""Score event coding on whole articles against hand-coded gold events.

Each ``NAME.txt`` in the fixture folder (default ``tests/fixtures/event_articles``)
is run through ``eventlens.pipeline.extract`` with the publication date from
``NAME.json`` (``{"published": ..., "events": [...]}``). Predicted events are matched
one-to-one to gold events of the same type whose trigger word occurs, as a whole
word, in the predicted trigger (a maximum matching, so no pair is lost to a greedy
choice). On the matched pairs it reports precision / recall of

 (a) type + trigger (the prediction must cover the same occurrence of the word:
     gold events are listed in text order),
 (b) (a) + source country,
 (c) (b) + target country,
 (d) (a) + status,

over all predictions and over predictions with confidence >= 0.3. An actor's
country is its ``country``, else ``IGO``/``NGO`` when its sector is one; a gold
country of ``null`` is right only when the predicted actor is missing or has no
code; a gold list of codes is right when the code is any of them.

The pipeline writes one record per (source, target) pair of an event; records with the
same type and trigger occurrence are scored as one predicted event, right at a level when
any of its records is (since 2026-11-25; before, each record counted as a prediction).

Usage: .venv/bin/python scripts/event_article_check.py [--dir PATH] [--json] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.eval.article_scoring import max_matching
from eventlens.pipeline import extract
from eventlens.records import Actor, Event

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "fixtures" / "event_articles"
LEVELS = ("type_trigger", "source", "target", "status")
MIN_CONFIDENCE = 0.3


@dataclass
class Pred:
    """The parts of a predicted event that scoring looks at."""

    type: str
    trigger: str
    source: str | None
    target: str | None
    status: str
    confidence: float
    span: tuple[int, int] | None = None  # trigger offsets, else the sentence's


def actor_code(actor: Actor | None) -> str | None:
    """The code an actor is scored by: its country, else IGO/NGO by sector."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.sector in ("IGO", "NGO"):
        return actor.sector
    return None


def to_pred(event: Event) -> Pred:
    """Reduce a pipeline event to what is scored."""
    return Pred(
        type=event.type,
        trigger=event.trigger,
        source=actor_code(event.source),
        target=actor_code(event.target),
        status=event.status,
        confidence=event.confidence,
        span=(
            (event.trigger_start, event.trigger_end)
            if event.trigger_start is not None and event.trigger_end is not None
            else (event.start, event.end)
        ),
    )


def locate_gold(gold: Sequence[dict[str, Any]], text: str) -> list[int | None]:
    """Offset of each gold trigger word: gold events are listed in text order, so
    each is the next occurrence after the previous one (else the first anywhere)."""
    offsets: list[int | None] = []
    cursor = 0
    for g in gold:
        pattern = re.compile(rf"\b{re.escape(str(g['trigger']))}\b", re.IGNORECASE)
        found = pattern.search(text, cursor) or pattern.search(text)
        offsets.append(found.start() if found else None)
        if found:
            cursor = found.start() + 1
    return offsets


def _compatible(gold: dict[str, Any], pred: Pred, offset: int | None) -> bool:
    word = re.escape(str(gold["trigger"]).lower())
    if gold["type"] != pred.type or not re.search(rf"\b{word}\b", pred.trigger.lower()):
        return False
    # The same word twice in an article ("killed") must be the same occurrence.
    return offset is None or pred.span is None or pred.span[0] <= offset < pred.span[1]


def match(
    gold: Sequence[dict[str, Any]], preds: Sequence[Pred], text: str | None = None
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of gold to predicted events (Kuhn's algorithm).

    With the article text, a prediction must also cover the gold trigger's occurrence.
    """
    offsets = locate_gold(gold, text) if text is not None else [None] * len(gold)
    pairs = max_matching(
        len(gold), len(preds), lambda j, i: _compatible(gold[i], preds[j], offsets[i])
    )
    return sorted(pairs.items())


def _code_ok(gold_code: str | list[str] | None, code: str | None) -> bool:
    if gold_code is None:
        return code is None
    if isinstance(gold_code, list):
        return code in gold_code
    return code == gold_code


def pair_levels(gold: dict[str, Any], pred: Pred) -> dict[str, bool]:
    """Which scoring levels a matched (gold, predicted) pair satisfies."""
    source = _code_ok(gold.get("source_country"), pred.source)
    target = _code_ok(gold.get("target_country"), pred.target)
    return {
        "type_trigger": True,
        "source": source,
        "target": source and target,
        "status": gold.get("status", "occurred") == pred.status,
    }


def group_pairs(preds: Sequence[Pred]) -> list[list[Pred]]:
    """One group per coded event: the pipeline writes one record per (source, target)
    pair ("X and Y clashed" -> X->Y and Y->X; "urged both sides" -> two targets), while a
    gold event is one clause with lists of acceptable codes."""
    groups: dict[tuple[str, tuple[int, int] | None, str], list[Pred]] = {}
    for p in preds:
        groups.setdefault((p.type, p.span, p.trigger), []).append(p)
    return list(groups.values())


def score(
    gold: Sequence[dict[str, Any]], preds: Sequence[Pred], text: str | None = None
) -> dict[str, int]:
    """Counts of gold, predicted and correct events per level for one article.

    Predictions of one event (same type and trigger occurrence) count once; a level is
    right when any of the event's (source, target) records satisfies it.
    """
    groups = group_pairs(preds)
    heads = [g[0] for g in groups]
    counts = {"gold": len(gold), "predicted": len(groups)}
    counts.update({level: 0 for level in LEVELS})
    for i, j in match(gold, heads, text):
        levels = [pair_levels(gold[i], p) for p in groups[j]]
        for level in LEVELS:
            counts[level] += int(any(lv[level] for lv in levels))
    return counts


def summarise(counts: dict[str, int]) -> dict[str, dict[str, float]]:
    """Precision and recall per level from summed counts (0.0 when undefined)."""
    out = {}
    for level in LEVELS:
        hit = counts[level]
        out[level] = {
            "precision": hit / counts["predicted"] if counts["predicted"] else 0.0,
            "recall": hit / counts["gold"] if counts["gold"] else 0.0,
        }
    return out


def check_article(path: Path) -> dict[str, Any]:
    """Run the pipeline on one article and score it, all and confident predictions."""
    spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    doc = extract(path.read_text(encoding="utf-8"), spec.get("published"), is_html=False)
    body = doc.article.text  # event offsets refer to it
    preds = [to_pred(e) for e in doc.events]
    confident = [p for p in preds if p.confidence >= MIN_CONFIDENCE]
    return {
        "name": path.stem,
        "gold": spec["events"],
        "predictions": preds,
        "text": body,
        "all": score(spec["events"], preds, body),
        "confident": score(spec["events"], confident, body),
    }


def _add(total: dict[str, int], counts: dict[str, int]) -> None:
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


def _show(result: dict[str, Any]) -> None:
    print(f"\n== {result['name']}")
    preds, gold = result["predictions"], result["gold"]
    pairs = dict((j, i) for i, j in match(gold, preds, result["text"]))
    for j, p in enumerate(preds):
        if j in pairs:
            g = gold[pairs[j]]
            mark = f"gold {g['trigger']!r} {g['source_country']}->{g['target_country']}"
        else:
            mark = "unmatched"
        print(
            f"  {p.confidence:.2f} {p.type:9} {p.source!s:5}->{p.target!s:5} {p.status:12}", end=""
        )
        print(f" {p.trigger!r} [{mark}]")
    for i, g in enumerate(gold):
        if i not in pairs.values():
            print(f"  MISSED gold {g['type']} {g['trigger']!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", action="store_true", help="list each article's predictions")
    args = parser.parse_args(argv)
    articles = sorted(args.dir.glob("*.txt"))
    if not articles:
        print(f"{args.dir}: no *.txt articles", file=sys.stderr)
        return 1
    totals: dict[str, dict[str, int]] = {"all": {}, "confident": {}}
    for path in articles:
        result = check_article(path)
        if args.show:
            _show(result)
        for key in totals:
            _add(totals[key], result[key])
    report = {key: {"counts": c, "scores": summarise(c)} for key, c in totals.items()}
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    for key, part in report.items():
        c = part["counts"]
        label = "all predictions" if key == "all" else f"confidence >= {MIN_CONFIDENCE}"
        print(f"\n{label}: {len(articles)} articles, gold {c['gold']}, predicted {c['predicted']}")
        for level in LEVELS:
            s = part["scores"][level]
            print(f"  {level:13} correct {c[level]:3}  P {s['precision']:.3f}  R {s['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
