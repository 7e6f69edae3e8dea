"""Places stage cost: gazetteer build time, toponyms/s on one core, RSS with the gazetteer loaded.

Usage: .venv/bin/python bench/bench_places.py [--data-dir ../shared/eval/geo] [--n 200]
       [--out bench/results/places.json]

Measured in one process, on the LGL article texts:
- build: seconds to build the gazetteer from the PyPI packages into a fresh file;
- resolve: gold mentions resolved with ``places.resolve_spans`` (cold lookup cache),
  toponyms per second;
- find: ``places.find_places`` on already-parsed documents (toponym finding plus
  resolution, the spaCy parse excluded), toponyms per second, and its time as a share
  of the parse it builds on;
- RSS: peak resident memory during the build, and resident memory after the run
  (spaCy model and gazetteer loaded, lookup caches full).
The process is pinned to one CPU core where the OS allows it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventlens.config import Config
from eventlens.eval.places import load_dataset
from eventlens.nlp import load_model
from eventlens.places import stage as places
from eventlens.resources import get_resources

BUILD_SNIPPET = (
    "import sys, pathlib; from eventlens.places import gazetteer_build; "
    "gazetteer_build.build(pathlib.Path(sys.argv[1]))"
)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo"


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    """Resident memory now (Linux /proc; the peak elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_rss_mb()


def main() -> None:
    """Run the measurements, print them and write them as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--n", type=int, default=200, help="articles for the find_places timing")
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "results" / "places.json"
    )
    args = ap.parse_args()
    _pin_one_core()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        # Built in a child process so this process's memory reflects run-time use only.
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", BUILD_SNIPPET, str(path)], check=True)
        build_s = time.perf_counter() - t0
        build_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        config = Config(gazetteer_path=path, jobs=1)
        articles = load_dataset(args.data_dir / "lgl.xml")
        gold = [(a.text, [(t.start, t.end) for t in a.toponyms]) for a in articles if a.toponyms]
        t0 = time.perf_counter()
        res = get_resources(config)
        n_gold = sum(len(places.resolve_spans(text, spans, res)) for text, spans in gold)
        resolve_s = time.perf_counter() - t0
        nlp = load_model(config.spacy_model)
        texts = [a.text for a in articles[: args.n]]
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=16))
        parse_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        n_found = sum(len(places.find_places(doc, [], get_resources(config))) for doc in docs)
        find_s = time.perf_counter() - t0
        figures = {
            "gazetteer_build_s": round(build_s, 1),
            "gazetteer_file_mb": round(path.stat().st_size / 1e6, 1),
            "resolve_toponyms": n_gold,
            "resolve_toponyms_per_s": round(n_gold / resolve_s),
            "find_articles": len(docs),
            "find_toponyms": n_found,
            "find_toponyms_per_s": round(n_found / find_s),
            "find_share_of_parse": round(find_s / parse_s, 3),
            "peak_rss_mb_during_build": round(build_peak),
            "rss_mb_after_run": round(_current_rss_mb()),
        }
    for key, value in figures.items():
        print(f"{key:30} {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
