"""Evaluate event coding (type, source and target country) on PLOVER gold sentences.

Scoring (see docs/evaluation.md, "Event coding"): each gold line is one sentence
with one gold event. The pipeline's prediction for the sentence is its
highest-confidence event (ties: first in text order); a sentence with no event
predicts NONE. Secondary figures count a sentence as right when ANY predicted
event has the gold type (or source/target country).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlens import nlp
from eventlens.actors import stage as actors
from eventlens.config import DEFAULT_CONFIG
from eventlens.eval import articles
from eventlens.events import stage as events
from eventlens.events.lexicon import LEGACY_NAMES, PLOVER_TYPES
from eventlens.places import stage as places
from eventlens.records import Actor, Event
from eventlens.resources import get_resources

DEFAULT_DATA = Path("../shared/eval/plover_gsr/dev.jsonl")
FALLBACK_DATA = Path("/work/shared/eval/plover_gsr/dev.jsonl")
NONE = "NONE"
NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC", "REB", "UAF"})
# CAMEO country codes that differ from ISO 3166 alpha-3, as found in CAMEO-coded gold data.
CAMEO_COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def register_arguments(parser: Any) -> None:
    """Add this evaluation's flags."""
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"gold JSON lines (default: {DEFAULT_DATA}, then {FALLBACK_DATA})",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also list N mis-typed sentences (for error analysis)")  # fmt: skip
    articles.register_arguments(parser)


@dataclass
class GoldRow:
    """One gold sentence with its event type and actor codes."""

    text: str
    type: str
    sources: set[str]
    targets: set[str]


@dataclass
class Scores:
    """Running counts for every reported figure."""

    n: int = 0
    correct: int = 0
    any_correct: int = 0
    with_event: int = 0
    src_n: int = 0
    src_ok: int = 0
    src_any: int = 0
    tgt_n: int = 0
    tgt_ok: int = 0
    tgt_any: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    bins: Counter[tuple[int, bool]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)


def _codes(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    codes = {str(a["code"]).upper() for a in value if isinstance(a, dict) and a.get("code")}
    return {CAMEO_COUNTRY_ALIASES.get(c, c) for c in codes}


def load_gold(path: Path) -> list[GoldRow]:
    """Read the gold file; older PLOVER names are mapped to the current ones."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from exc
            etype = str(rec.get("event", "")).upper()
            etype = LEGACY_NAMES.get(etype, etype)
            rows.append(GoldRow(rec["text"], etype, _codes(rec.get("source")),
                                _codes(rec.get("target"))))  # fmt: skip
    return rows


def actor_code(actor: Actor | None) -> str | None:
    """The code an actor is scored by: its country, else a non-state sector (IGO, NGO)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country.upper()
    if actor.sector in NON_STATE_CODES:
        return actor.sector
    # A member of an international organisation ("UN peacekeepers" -> United Nations, MIL)
    # is coded by the organisation, as CAMEO codes it (IGO...).
    entry = get_resources(DEFAULT_CONFIG).lexicon.entity_for(actor.name)
    if entry is not None and entry.type in ("igo", "ngo"):
        return entry.type.upper()
    return None


def top_event(predicted: list[Event]) -> Event | None:
    """The sentence's prediction: highest confidence, first in text order on ties."""
    best: Event | None = None
    for ev in predicted:
        if best is None or ev.confidence > best.confidence:
            best = ev
    return best


def score_row(scores: Scores, gold: GoldRow, predicted: list[Event]) -> None:
    """Add one sentence's prediction to the counts."""
    top = top_event(predicted)
    label = top.type if top else NONE
    scores.n += 1
    scores.with_event += bool(predicted)
    scores.correct += label == gold.type
    scores.any_correct += any(e.type == gold.type for e in predicted)
    scores.confusion[(gold.type, label)] += 1
    if top is not None:
        scores.bins[(min(int(top.confidence * 5), 4), label == gold.type)] += 1
    if gold.sources:
        scores.src_n += 1
        scores.src_ok += actor_code(top.source if top else None) in gold.sources
        scores.src_any += any(actor_code(e.source) in gold.sources for e in predicted)
    if gold.targets:
        scores.tgt_n += 1
        scores.tgt_ok += actor_code(top.target if top else None) in gold.targets
        scores.tgt_any += any(actor_code(e.target) in gold.targets for e in predicted)
    if label != gold.type:
        scores.errors.append({"text": gold.text, "gold": gold.type, "predicted": label,
                              "all": [e.type for e in predicted]})  # fmt: skip


def evaluate(rows: list[GoldRow]) -> tuple[Scores, dict[str, float]]:
    """Run parse, actors and events on every gold sentence; return counts and timings."""
    config = DEFAULT_CONFIG
    nlp.load_model(config.spacy_model)
    scores = Scores()
    timing = {"parse": 0.0, "actors": 0.0, "events": 0.0}
    t0 = time.perf_counter()
    model = get_resources(config).nlp
    docs = list(model.pipe((r.text for r in rows), batch_size=config.batch_size))
    timing["parse"] = time.perf_counter() - t0
    for gold, doc in zip(rows, docs, strict=True):
        t1 = time.perf_counter()
        # As the pipeline does: place names take the countries the sentence means.
        toponyms = places.resolve_toponyms(doc, get_resources(config))
        mentions = actors.find_actors(doc, get_resources(config), None, toponyms)
        t2 = time.perf_counter()
        predicted = events.find_events(doc, mentions, get_resources(config))
        t3 = time.perf_counter()
        timing["actors"] += t2 - t1
        timing["events"] += t3 - t2
        score_row(scores, gold, predicted)
    return scores, timing


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def per_type(scores: Scores) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each type, from the top prediction."""
    out = {}
    for etype in PLOVER_TYPES:
        tp = scores.confusion[(etype, etype)]
        pred = sum(v for (_, p), v in scores.confusion.items() if p == etype)
        gold = sum(v for (g, _), v in scores.confusion.items() if g == etype)
        if not pred and not gold:
            continue
        p, r = _ratio(tp, pred), _ratio(tp, gold)
        f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
        out[etype] = {"precision": p, "recall": r, "f1": f1, "support": gold}
    return out


def summary(scores: Scores, timing: dict[str, float]) -> dict[str, Any]:
    """Every figure as a JSON-ready dictionary."""
    stage = timing["actors"] + timing["events"]
    return {
        "sentences": scores.n,
        "type_accuracy": _ratio(scores.correct, scores.n),
        "type_accuracy_any_event": _ratio(scores.any_correct, scores.n),
        "sentences_with_event": _ratio(scores.with_event, scores.n),
        "source_country_accuracy": _ratio(scores.src_ok, scores.src_n),
        "source_country_accuracy_any_event": _ratio(scores.src_any, scores.src_n),
        "source_scored": scores.src_n,
        "target_country_accuracy": _ratio(scores.tgt_ok, scores.tgt_n),
        "target_country_accuracy_any_event": _ratio(scores.tgt_any, scores.tgt_n),
        "target_scored": scores.tgt_n,
        "per_type": per_type(scores),
        "confusion": {f"{g}->{p}": v for (g, p), v in sorted(scores.confusion.items())},
        "confidence_bins": {
            f"{b / 5:.1f}-{(b + 1) / 5:.1f}": {
                "n": scores.bins[(b, True)] + scores.bins[(b, False)],
                "accuracy": _ratio(
                    scores.bins[(b, True)], scores.bins[(b, True)] + scores.bins[(b, False)]
                ),
            }  # fmt: skip
            for b in range(5)
        },
        "seconds": {k: round(v, 3) for k, v in timing.items()},
        "actors_events_share_of_parse": round(stage / timing["parse"], 3)
        if timing["parse"]
        else None,
    }


def _print_text(result: dict[str, Any], scores: Scores, n_errors: int) -> None:
    w = sys.stdout.write
    w(f"sentences: {result['sentences']}\n")
    w(
        f"event-type accuracy (top event): {result['type_accuracy']:.3f}   "
        f"(any event: {result['type_accuracy_any_event']:.3f}; "
        f"sentences with an event: {result['sentences_with_event']:.3f})\n"
    )
    w(
        f"source country accuracy: {result['source_country_accuracy']:.3f} "
        f"(any event: {result['source_country_accuracy_any_event']:.3f}; "
        f"n={result['source_scored']})\n"
    )
    w(
        f"target country accuracy: {result['target_country_accuracy']:.3f} "
        f"(any event: {result['target_country_accuracy_any_event']:.3f}; "
        f"n={result['target_scored']})\n\n"
    )
    w(f"{'type':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}\n")
    for etype, m in result["per_type"].items():
        w(
            f"{etype:<10} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} "
            f"{m['support']:>4}\n"
        )
    _print_confusion(scores)
    w("\nconfidence of the top event vs accuracy:\n")
    for rng, b in result["confidence_bins"].items():
        w(f"  {rng}: n={b['n']:<4} accuracy={b['accuracy']:.3f}\n")
    s = result["seconds"]
    w(
        f"\nseconds: parse {s['parse']}, actors {s['actors']}, events {s['events']} "
        f"(actors+events = {result['actors_events_share_of_parse']} x parse)\n"
    )
    for err in scores.errors[:n_errors]:
        w(f"\n[{err['gold']} -> {err['predicted']} {err['all']}] {err['text']}")
    if n_errors:
        w("\n")  # fmt: skip


def _print_confusion(scores: Scores) -> None:
    labels = [t for t in PLOVER_TYPES if any(t in k for k in scores.confusion)] + [NONE]
    short = {t: t[:4] for t in labels}
    sys.stdout.write("\nconfusion (rows gold, columns predicted):\n" + " " * 10)
    sys.stdout.write("".join(f"{short[p]:>5}" for p in labels) + "\n")
    for g in labels[:-1]:
        cells = "".join(f"{scores.confusion[(g, p)] or '.':>5}" for p in labels)
        sys.stdout.write(f"{g:<10}{cells}\n")


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the figures (whole articles with ``--articles``)."""
    if args.articles is not None:
        return articles.run(args)
    path = args.data or (DEFAULT_DATA if DEFAULT_DATA.exists() else FALLBACK_DATA)
    try:
        rows = load_gold(path)
    except (OSError, ValueError, KeyError) as exc:
        print(f"eventlens eval events: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    scores, timing = evaluate(rows)
    result = summary(scores, timing)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(result, scores, args.errors)
    return 0
