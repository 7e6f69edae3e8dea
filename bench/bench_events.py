"""Cost of the actors + events stages relative to the spaCy parse (same process, same texts).

Usage: .venv/bin/python bench/bench_events.py [--data ../shared/eval/geo/TR-News.xml] [--n 60]
Parses the article texts with the pipeline's model, then times find_actors and
find_events on the parsed docs. Prints seconds and ratios; no pass/fail threshold.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_pipeline import load_corpus  # bench/ is on sys.path when run as a script

from eventlens.actors.stage import find_actors
from eventlens.config import Config
from eventlens.events.stage import find_events
from eventlens.nlp import load_model
from eventlens.resources import get_resources

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo" / "TR-News.xml"


def main() -> None:
    """Parse the texts, then time the actors and events stages on the parsed docs."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--n", type=int, default=60)
    args = ap.parse_args()
    config = Config()
    nlp = load_model(config.spacy_model)
    docs = [article["text"] for article in load_corpus(args.data, args.n)]
    warm = nlp("Warm-up: Iraqi forces attacked the town, officials said.")
    find_events(
        warm, find_actors(warm, get_resources(config)), get_resources(config)
    )  # load lexicons and matchers once
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(docs, batch_size=config.batch_size))
    t_parse = time.perf_counter() - t0
    t_actors = t_events = 0.0
    n_events = 0
    for doc in parsed:
        t1 = time.perf_counter()
        mentions = find_actors(doc, get_resources(config))
        t2 = time.perf_counter()
        n_events += len(find_events(doc, mentions, get_resources(config)))
        t3 = time.perf_counter()
        t_actors += t2 - t1
        t_events += t3 - t2
    chars = sum(len(t) for t in docs)
    stage = t_actors + t_events
    print(f"{len(docs)} articles, {chars:,} chars, {n_events} events")
    print(
        f"parse {t_parse:.2f}s  actors {t_actors:.2f}s  events {t_events:.2f}s  "
        f"events/parse {t_events / t_parse:.3f}  (actors+events)/parse {stage / t_parse:.3f}  "
        f"share of parse+actors+events {stage / (stage + t_parse):.1%}"
    )


if __name__ == "__main__":
    main()
