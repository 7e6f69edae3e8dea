"""``eventlens eval events --articles GOLD``: event records scored on whole real articles.

Runs the full pipeline on each gold article (with its publication date) and prints
precision / recall / F1 at four levels (type; + source country; + target country;
+ both), duplicates, records per article, location within 50 km, date and the
confidence reliability table. How matching works: ``eval.article_scoring``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from eventlens.config import DEFAULT_CONFIG, Config
from eventlens.eval.article_gold import GoldArticle, GoldEvent, load_gold
from eventlens.eval.article_offsets import OffsetMap
from eventlens.eval.article_scoring import LEVELS, Prediction, Report, score
from eventlens.pipeline import extract

DEFAULT_DATA_DIR = Path("../shared/eval/geo")


def register_arguments(parser: Any) -> None:
    """Flags of the whole-article evaluation (added to ``eval events``)."""
    parser.add_argument("--articles", type=Path, default=None, metavar="GOLD",
                        help="score whole articles against this gold file (ANNOTATION.md format)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                        help="folder holding lgl.xml and TR-News.xml (texts of corpus articles)")
    parser.add_argument("--texts", type=Path, default=None,
                        help="folder of ID.txt article texts (instead of the corpora)")
    parser.add_argument("--min-confidence", type=float, default=0.0,
                        help="score only records with at least this confidence")
    parser.add_argument("--show", action="store_true",
                        help="list missed gold events and unmatched records")  # fmt: skip


def predict(
    articles: list[GoldArticle], config: Config = DEFAULT_CONFIG, min_confidence: float = 0.0
) -> list[Prediction]:
    """Every event record the pipeline writes for the gold articles."""
    preds: list[Prediction] = []
    for art in articles:
        doc = extract(art.text, art.published, doc_id=art.id, is_html=False, config=config)
        to_gold = OffsetMap(doc.article.text, art.text)
        preds.extend(
            Prediction(art.id, to_gold.event(ev))
            for ev in doc.events
            if ev.confidence >= min_confidence
        )
    return preds


def evaluate(
    gold_path: Path,
    data_dir: Path | None = DEFAULT_DATA_DIR,
    texts_dir: Path | None = None,
    config: Config = DEFAULT_CONFIG,
    min_confidence: float = 0.0,
) -> tuple[Report, list[GoldArticle]]:
    """Load the gold, run the pipeline on its articles and score the records."""
    articles, golds = load_gold(gold_path, data_dir, texts_dir)
    preds = predict(articles, config, min_confidence)
    return score(preds, golds, len(articles)), articles


def report_dict(report: Report) -> dict[str, Any]:
    """The figures as a JSON-ready dict."""
    r = report
    return {
        "articles": r.articles,
        "records": r.predictions,
        "gold_events_required": r.gold_required,
        "gold_events_all": r.gold_all,
        "records_per_article": round(r.predictions / r.articles, 2) if r.articles else 0.0,
        "gold_per_article": round(r.gold_required / r.articles, 2) if r.articles else 0.0,
        "duplicate_share": round(r.duplicates / r.predictions, 3) if r.predictions else 0.0,
        "levels": {
            name: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                   "f1": round(s.f1, 3), "matched": s.matched}  # fmt: skip
            for name, s in r.levels.items()
        },
        "location_within_50km": _share(r.location_right, r.location_scored),
        "date_right": _share(r.date_right, r.date_scored),
        "reliability": [
            {"min_confidence": lo, "records": n, "right_type_source": _share(k, n)}
            for lo, n, k in r.reliability
        ],
    }


def _share(k: int, n: int) -> dict[str, Any]:
    return {"right": k, "scored": n, "share": round(k / n, 3) if n else None}


def format_report(report: Report) -> str:
    """A plain-text table of the figures."""
    d = report_dict(report)
    lines = [
        f"articles {d['articles']}  records {d['records']} "
        f"({d['records_per_article']}/article; gold {d['gold_per_article']}/article)",
        f"duplicates {d['duplicate_share']:.1%} of records",
        f"{'level':8} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for name in LEVELS:
        s = d["levels"][name]
        lines.append(f"{name:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    for label, key in (("location<=50km", "location_within_50km"), ("date", "date_right")):
        v = d[key]
        lines.append(f"{label:15} {v['right']}/{v['scored']}")
    lines.append("confidence  records  right(type+source)")
    for row in d["reliability"]:
        share = row["right_type_source"]["share"]
        lines.append(f">= {row['min_confidence']:.1f}     {row['records']:7}  "
                     f"{'-' if share is None else f'{share:.3f}'}")  # fmt: skip
    return "\n".join(lines)


def format_errors(report: Report, articles: list[GoldArticle]) -> str:
    """Missed gold events and unmatched records, for error analysis on development data."""
    texts = {a.id: a.text for a in articles}
    out = ["# missed gold events"]
    out.extend(_gold_line(g, texts) for g in report.misses)
    out.append("# records matching no gold event (or duplicates)")
    for p in report.false_records:
        ev = p.event
        src = ev.source.country if ev.source else None
        tgt = ev.target.country if ev.target else None
        out.append(f"{p.article} {ev.type} {ev.status} {src}->{tgt} c={ev.confidence:.2f} "
                   f"[{ev.trigger}] {ev.sentence[:160]!r}")  # fmt: skip
    return "\n".join(out)


def _gold_line(g: GoldEvent, texts: dict[str, str]) -> str:
    src = sorted(g.source.countries) if g.source else None
    tgt = sorted(g.target.countries) if g.target else None
    s, e = g.spans[0] if g.spans else (0, 0)
    return f"{g.id} {sorted(g.types)} {src}->{tgt} {texts[g.article][s:e][:160]!r}"


def run(args: argparse.Namespace) -> int:
    """Run the whole-article evaluation from parsed CLI arguments."""
    report, articles = evaluate(
        args.articles, args.data_dir, args.texts, min_confidence=args.min_confidence
    )
    if getattr(args, "json", False):
        print(json.dumps(report_dict(report), indent=2))
    else:
        print(format_report(report))
    if args.show:
        print(format_errors(report, articles))
    return 0
