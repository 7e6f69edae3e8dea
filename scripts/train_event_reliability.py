"""Train the event-record reliability model on annotated real articles.

Usage:
    .venv/bin/python scripts/train_event_reliability.py GOLD.json [GOLD.json ...] \
        [--data-dir ../shared/eval/geo] [--folds 5] [--write]

1. Runs the pipeline with the model switched off (``Config(event_reliability=False)``)
   on every gold article and labels each record: 1 when it matches a gold event
   (type, status and evidence overlap, required or optional; see
   ``eval.article_scoring``), else 0 (including second records of one event); and a
   second label, 1 when it also has an acceptable source (the issue's "right": type +
   source), for the confidence head.
2. Cross-validates by article (grouped k-fold): each fold's records are scored by a
   model trained on the other folds, then the whole-article figures are computed with
   records below each probability threshold dropped. Prints the table.
   The reliability table bins records by the confidence head's probability.
3. With ``--write``, fits both heads on all records and writes
   ``src/eventlens/data/event_reliability.json`` (``weights`` decide which records are
   kept, ``confidence_weights`` give the kept records' confidence; provenance, CV).

Never pass the held-out gold file (``HELD_OUT``): it is scored once, not trained on.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from eventlens.config import Config
from eventlens.eval.article_gold import GoldArticle, GoldEvent, load_gold
from eventlens.eval.article_offsets import OffsetMap
from eventlens.eval.article_scoring import (
    Prediction,
    compatible,
    max_matching,
    required_first,
    score,
)
from eventlens.events import domestic
from eventlens.events.features import record_features
from eventlens.pipeline import extract
from eventlens.resources import get_resources

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventlens" / "data" / "event_reliability.json"
THRESHOLDS = (0.0, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
L2 = 10.0
# The current held-out part (evaluation/real_articles/README.md). heldout.json was
# scored once as held-out (commit 60636cf) and has been a development set since.
HELD_OUT = frozenset(
    {"heldout2.json", "heldout3.json", "heldout4.json", "heldout5.json", "heldout6.json",
     "heldout7.json", "heldout8.json", "heldout9.json", "heldout10.json",
     "heldout11.json", "heldout12.json"}
)


def records(articles: list[GoldArticle], golds: list[GoldEvent]) -> list[dict]:
    """One row per record: article, prediction, features, label."""
    config = Config(event_reliability=False, event_coref=False, implied_parties=False)
    nlp = get_resources(config).nlp
    rows = []
    for art in articles:
        out = extract(art.text, art.published, doc_id=art.id, is_html=False, config=config)
        doc = nlp(out.article.text)
        to_gold = OffsetMap(out.article.text, art.text)  # gold spans index the raw text
        # Features see records as the model scores them; figures see them as users do,
        # with the implied parties added after scoring (pipeline order).
        shown = domestic.imply_other_parties(
            [copy.copy(ev) for ev in out.events], list(out.places), doc, get_resources(config)
        )
        preds = [Prediction(art.id, to_gold.event(ev)) for ev in shown]
        mine = [g for g in golds if g.article == art.id]
        matched = _matching(preds, mine, "type")
        positive = set(matched.values())
        with_source = set(_matching(preds, mine, "source").values())
        for order, p in enumerate(preds):
            feats = record_features(out.events[order], doc, order)
            rows.append({"article": art.id, "pred": p, "x": feats, "y": int(order in positive),
                         "y_source": int(order in with_source)})  # fmt: skip
    return rows


def _matching(preds: list[Prediction], golds: list[GoldEvent], level: str) -> dict[int, int]:
    return max_matching(
        len(golds), len(preds), lambda j, i: compatible(preds[j], golds[i], level),
        required_first(golds),
    )  # fmt: skip


def fit(rows: list[dict], names: list[str], label: str = "y") -> np.ndarray:
    """L2-regularised logistic regression of ``label`` by Newton's method."""
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for k, v in row["x"].items():
            if k in index:
                x[r, index[k]] = v
    y = np.array([row[label] for row in rows], dtype=float)
    w = np.zeros(len(names))
    penalty = np.full(len(names), L2)
    penalty[index["bias"]] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = x.T @ (x * (p * (1 - p))[:, None]) + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def probability(w: np.ndarray, names: list[str], feats: dict[str, float]) -> float:
    """Apply weights to one record's features."""
    index = {n: i for i, n in enumerate(names)}
    z = sum(w[index[k]] * v for k, v in feats.items() if k in index)
    return float(1 / (1 + np.exp(-z)))


def cross_validate(rows: list[dict], golds: list[GoldEvent], folds: int) -> list[dict]:
    """Grouped k-fold figures per threshold (records below it dropped)."""
    arts = sorted({r["article"] for r in rows})
    random.Random(20261207).shuffle(arts)
    fold_of = {a: i % folds for i, a in enumerate(arts)}
    names = sorted({k for r in rows for k in r["x"]})
    probs: dict[int, float] = {}
    confidence: dict[int, float] = {}
    for k in range(folds):
        train = [r for r in rows if fold_of[r["article"]] != k]
        w = fit(train, names)
        w_conf = fit(train, names, "y_source") if "y_source" in rows[0] else w
        for i, r in enumerate(rows):
            if fold_of[r["article"]] == k:
                probs[i] = probability(w, names, r["x"])
                confidence[i] = probability(w_conf, names, r["x"])
    table = []
    for t in THRESHOLDS:
        preds = [
            Prediction(r["article"], replace(r["pred"].event, confidence=confidence[i]))
            for i, r in enumerate(rows)
            if probs[i] >= t
        ]
        rep = score(preds, golds, len(arts))
        table.append(figures(t, rep))
    return table


def figures(t: float | None, rep) -> dict:  # type: ignore[no-untyped-def]
    """One row of a cross-validation table: the whole-article figures at threshold ``t``."""
    lv = rep.levels
    return {
        "threshold": t,
        "records_per_article": round(rep.predictions / rep.articles, 2),
        "type_p": round(lv["type"].precision, 3), "type_r": round(lv["type"].recall, 3),
        "type_f1": round(lv["type"].f1, 3), "source_f1": round(lv["source"].f1, 3),
        "both_f1": round(lv["both"].f1, 3),
        "duplicates": round(rep.duplicates / rep.predictions, 3) if rep.predictions else 0.0,
        "reliability": [(lo, n, round(k / n, 3) if n else None) for lo, n, k in rep.reliability],
    }  # fmt: skip


def training_parser(description: str) -> argparse.ArgumentParser:
    """The options the trainers share: gold files, corpus folder, folds, ``--write``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "eval" / "geo")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    return ap


def refuses_held_out(paths: list[Path]) -> bool:
    """True (and says so) when a held-out gold file is among ``paths``."""
    if any(p.name in HELD_OUT for p in paths):
        print("refusing to train on a held-out gold file", file=sys.stderr)
        return True
    return False


def write_model(out: Path, rows: list[dict], info: dict) -> None:
    """Fit on all ``rows`` and write ``info`` and the non-zero weights as a model file."""
    names = sorted({k for r in rows for k in r["x"]})
    model = {**info, "weights": _rounded(names, fit(rows, names))}
    if "y_source" in rows[0]:
        model["confidence_weights"] = _rounded(names, fit(rows, names, "y_source"))
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def _rounded(names: list[str], w: np.ndarray) -> dict[str, float]:
    return {n: round(float(v), 5) for n, v in zip(names, w, strict=True) if v}


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, print the table and (with --write) write the model file."""
    ap = training_parser(__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=None, help="chosen drop threshold")
    args = ap.parse_args(argv)
    if refuses_held_out(args.gold):
        return 2
    rows: list[dict] = []
    golds: list[GoldEvent] = []
    for path in args.gold:
        arts, evs = load_gold(path, args.data_dir)
        rows.extend(records(arts, evs))
        golds.extend(evs)
    print(f"{len(rows)} records, {sum(r['y'] for r in rows)} positive, "
          f"{len({r['article'] for r in rows})} articles")  # fmt: skip
    table = cross_validate(rows, golds, args.folds)
    for row in table:
        print(json.dumps(row))
    if args.write:
        write_model(OUT, rows, {
            "about": "Logistic models: weights give P(event record matches a blind PLOVER "
                     "coder's event), deciding which records are kept; confidence_weights "
                     "give P(it also has an acceptable source), the record's confidence.",
            "trained_on": [p.name for p in args.gold],
            "trained": dt.date.today().isoformat(),
            "records": len(rows),
            "l2": L2,
            "threshold": args.threshold if args.threshold is not None else 0.0,
            "cross_validation": table,
        })  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
