"""Profile the whole pipeline with pyinstrument on real news texts.

Usage: python bench/profile_pipeline.py [--corpus PATH] [--skip 50] [--n 100] [--html OUT]

Warms the pipeline up on one article, then profiles ``extract_many`` plus the JSON
serialisation the CLI does, on ``--n`` articles of the corpus, and prints the call
tree (or writes an HTML report).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import DEFAULT_CORPUS, load_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Profile and print the report."""
    from pyinstrument import Profiler

    from eventlens.config import Config
    from eventlens.pipeline import extract_many
    from eventlens.records import RawInput

    ap = argparse.ArgumentParser(description="pyinstrument profile of the pipeline")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--skip", type=int, default=50)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--html", type=Path, default=None)
    args = ap.parse_args(argv)
    corpus = load_corpus(args.corpus, args.skip + args.n)[args.skip:]
    config = Config(jobs=1)
    list(extract_many([RawInput(content=corpus[0]["text"], id="warm-up")], config))
    raws = [RawInput(content=a["text"], id=a["id"], published=a["published"]) for a in corpus]
    profiler = Profiler(interval=0.005)
    profiler.start()
    for doc in extract_many(raws, config):
        json.dumps(doc.to_dict(), ensure_ascii=False)
    profiler.stop()
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
    else:
        print(profiler.output_text(unicode=False, color=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
