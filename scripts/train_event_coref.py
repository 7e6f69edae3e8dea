"""Train the event coreference model on annotated real articles.

Usage:
    .venv/bin/python scripts/train_event_coref.py GOLD.json [GOLD.json ...] \
        [--data-dir ../shared/eval/geo] [--folds 5] [--threshold T] [--write]

1. Runs the pipeline with coreference off (``Config(event_coref=False)``) on every gold
   article and aligns each record with the gold events it may stand for (evidence
   overlap and an acceptable type; ``eval.article_scoring``).
2. Pairs of records of one type in one article: 1 when both align with one gold event,
   0 when both align with gold events but never the same one; other pairs are left out
   (a spurious record says nothing about coreference), and so are pairs the rule of
   ``coref`` keeps apart (different states, days, or "another").
3. Cross-validates by article (grouped k-fold): each fold's records are joined by a model
   fitted on the other folds, and the whole-article figures (type P/R/F1, + both,
   duplicates) are printed per threshold beside the figures without the model.
4. With ``--write``, fits on all pairs and writes ``src/eventlens/data/event_coref.json``.

Never pass a held-out gold file (``train_event_reliability.HELD_OUT``).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_event_reliability import (  # noqa: E402
    figures,
    fit,
    refuses_held_out,
    training_parser,
    write_model,
)

from eventlens.config import Config  # noqa: E402
from eventlens.eval.article_gold import GoldArticle, GoldEvent, load_gold  # noqa: E402
from eventlens.eval.article_offsets import OffsetMap  # noqa: E402
from eventlens.eval.article_scoring import Prediction, _overlaps, score  # noqa: E402
from eventlens.events.coref import (  # noqa: E402
    kept_apart,
    merge_coreferent,
    pair_features,
    sentence_starts,
)
from eventlens.events.reliability import ReliabilityModel  # noqa: E402
from eventlens.pipeline import extract  # noqa: E402
from eventlens.records import Event  # noqa: E402
from eventlens.resources import get_resources  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventlens" / "data" / "event_coref.json"
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass
class ArticleRun:
    """One article's records (pipeline offsets), its parse and the offset map to gold."""

    id: str
    events: list[Event]
    doc: Doc
    to_gold: OffsetMap


# Pairs are drawn from records down to this reliability (more pairs to learn from); the
# figures are computed on the records the shipped reliability threshold keeps.
PAIR_FLOOR = 0.15


def run_articles(articles: list[GoldArticle], floor: float | None) -> list[ArticleRun]:
    """The pipeline's records without coreference, for every article, down to reliability
    ``floor`` (None: the shipped threshold)."""
    config = Config(event_coref=False, min_event_probability=floor, implied_parties=False)
    nlp = get_resources(config).nlp
    runs = []
    for art in articles:
        out = extract(art.text, art.published, doc_id=art.id, is_html=False, config=config)
        to_gold = OffsetMap(out.article.text, art.text)
        runs.append(ArticleRun(art.id, out.events, nlp(out.article.text), to_gold))
    return runs


def pairs(run: ArticleRun, golds: list[GoldEvent]) -> list[dict]:
    """Labelled record pairs of one article (see the module doc)."""
    mine = [g for g in golds if g.article == run.id]
    aligned = []
    for ev in run.events:
        moved = run.to_gold.event(ev)
        aligned.append({g.id for g in mine if ev.type in g.types and _overlaps(moved, g.spans)})
    starts = sentence_starts(run.doc)
    rows = []
    for j, b in enumerate(run.events):
        for i in range(j):
            a = run.events[i]
            if a.type != b.type or a.start > b.start or not aligned[i] or not aligned[j]:
                continue
            if kept_apart(a, b, run.doc):
                continue  # never joined, whatever the model says
            label = int(bool(aligned[i] & aligned[j]))
            x = pair_features(a, b, run.doc, starts)
            rows.append({"article": run.id, "x": x, "y": label})
    return rows


def merged_predictions(runs: list[ArticleRun], model: ReliabilityModel | None) -> list[Prediction]:
    """Predictions of the runs' records, joined by ``model`` (None: as they are)."""
    preds = []
    for run in runs:
        # Copies: joining appends to a kept record's evidence.
        events = [replace(e, evidence=list(e.evidence)) for e in run.events]
        if model is not None:
            events = merge_coreferent(events, run.doc, model)
        preds.extend(Prediction(run.id, run.to_gold.event(e)) for e in events)
    return preds


def cross_validate(
    runs: list[ArticleRun], rows: dict[str, list[dict]], golds: list[GoldEvent], folds: int
) -> list[dict]:
    """Figures without the model, then per threshold with out-of-fold models (``runs``:
    the records the shipped reliability threshold keeps; ``rows``: each article's
    labelled pairs)."""
    ids = sorted(r.id for r in runs)
    random.Random(20261207).shuffle(ids)
    fold_of = {a: i % folds for i, a in enumerate(ids)}
    names = sorted({k for rs in rows.values() for row in rs for k in row["x"]})
    models = {}
    for k in range(folds):
        train = [row for a, rs in rows.items() if fold_of[a] != k for row in rs]
        w = fit(train, names)
        models[k] = {n: float(v) for n, v in zip(names, w, strict=True)}
    table = [figures(None, score(merged_predictions(runs, None), golds, len(runs)))]
    for t in THRESHOLDS:
        preds = []
        for run in runs:
            model = ReliabilityModel(models[fold_of[run.id]], {"threshold": t})
            preds.extend(merged_predictions([run], model))
        table.append(figures(t, score(preds, golds, len(runs))))
    return table


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, print the table and (with --write) write the model file."""
    ap = training_parser(__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=0.6)
    args = ap.parse_args(argv)
    if refuses_held_out(args.gold):
        return 2
    runs: list[ArticleRun] = []
    shown: list[ArticleRun] = []
    golds: list[GoldEvent] = []
    for path in args.gold:
        arts, evs = load_gold(path, args.data_dir)
        runs.extend(run_articles(arts, PAIR_FLOOR))
        shown.extend(run_articles(arts, None))
        golds.extend(evs)
    rows = {r.id: pairs(r, golds) for r in runs}
    all_pairs = [row for rs in rows.values() for row in rs]
    positive = sum(p["y"] for p in all_pairs)
    print(f"{len(all_pairs)} pairs, {positive} coreferent, {len(runs)} articles")
    table = cross_validate(shown, rows, golds, args.folds)
    for row in table:
        print(json.dumps(row))
    if args.write:
        write_model(OUT, all_pairs, {
            "about": "Logistic model: P(a later event record tells an earlier one's event).",
            "trained_on": [p.name for p in args.gold],
            "trained": dt.date.today().isoformat(),
            "pairs": len(all_pairs),
            "threshold": args.threshold,
            "cross_validation": table,
        })  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
