"""Precision and recall of the toponym finder (spans only) on LGL and TR-News.

Usage: .venv/bin/python scripts/finder_check.py [--data-dir DIR] [--lgl N] [--trnews N]

``eventlens eval places`` scores resolution with the gold spans given; this scores the
spans ``places.find_places`` finds on its own (no actors, so no metonym is dropped)
against the gold toponyms of the first N texts of each corpus: a found span is right when
it equals a gold span exactly. Both corpora leave some toponyms unannotated and annotate
some inside organisation names (which the finder leaves out on purpose), so the figures
are a development aid for comparing versions, not an absolute measure.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from places_error_analysis import _gold

from eventlens.config import DEFAULT_CONFIG
from eventlens.eval.places import DATASETS
from eventlens.places.stage import find_places
from eventlens.resources import get_resources

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Print finder precision and recall per corpus."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "eval" / "geo")
    ap.add_argument("--lgl", type=int, default=150, help="texts of LGL to score")
    ap.add_argument("--trnews", type=int, default=118, help="texts of TR-News to score")
    args = ap.parse_args()
    res = get_resources(DEFAULT_CONFIG)
    for name, n in (("lgl", args.lgl), ("trnews", args.trnews)):
        tp = fp = fn = 0
        for text, toponyms in _gold(args.data_dir / DATASETS[name])[:n]:
            got = {(p.start, p.end) for p in find_places(res.nlp(text), [], res)}
            gold = {(s, e) for s, e, _ in toponyms}
            tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
        print(f"{name}: {n} texts, precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f}")


if __name__ == "__main__":
    main()
