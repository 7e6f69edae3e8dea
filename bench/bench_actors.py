"""Cost of the actors stage relative to the spaCy parse it builds on (same process, same texts).

Usage: .venv/bin/python bench/bench_actors.py [--data ../shared/eval/geo/TR-News.xml] [--n 60]
Prints parse seconds, actors seconds and their ratio; no pass/fail threshold here.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_pipeline import load_corpus  # bench/ is on sys.path when run as a script

from eventlens.actors.stage import find_actors
from eventlens.config import Config
from eventlens.nlp import load_model
from eventlens.resources import get_resources

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo" / "TR-News.xml"


def main() -> None:
    """Parse the texts, then time find_actors on the parsed docs."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--n", type=int, default=60)
    args = ap.parse_args()
    config = Config()
    nlp = load_model(config.spacy_model)
    docs = [article["text"] for article in load_corpus(args.data, args.n)]
    find_actors(
        nlp("Warm-up: Iraqi forces met UN envoys."), get_resources(config)
    )  # build the matcher once
    t0 = time.perf_counter()
    parsed = [nlp(t) for t in docs]
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_actors = sum(len(find_actors(d, get_resources(config))) for d in parsed)
    t_actors = time.perf_counter() - t0
    chars = sum(len(t) for t in docs)
    print(f"{len(docs)} articles, {chars:,} chars, {n_actors} actor mentions")
    print(f"parse {t_parse:.2f}s  actors {t_actors:.2f}s  actors/parse {t_actors / t_parse:.3f}")


if __name__ == "__main__":
    main()
