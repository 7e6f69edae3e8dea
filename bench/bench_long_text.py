"""Cost of one very long input: the whole pipeline against bare spaCy, by text length.

Joins real news texts (LGL by default) into single inputs of growing length, and for
each length runs, in a fresh subprocess (so peak RSS is that run's own): bare spaCy
(``nlp.pipe`` over the same parts the pipeline parses, as ``nlp.parse_texts`` cuts
them) and the whole pipeline (``extract_many`` with no time limit). A cost that grows
faster than the text's length shows as a falling ratio.

    python bench/bench_long_text.py [--corpus PATH] [--sizes 100000,300000,1000000]
                                    [--write docs/performance.md]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "Long inputs"


def build_text(corpus: Path, size: int) -> str:
    """Real articles joined by blank lines until ``size`` characters (cycling if short)."""
    texts = [a.findtext("text") or "" for a in ET.parse(corpus).getroot()]
    out: list[str] = []
    total = 0
    while total < size:
        for t in texts:
            out.append(t)
            total += len(t) + 2
            if total >= size:
                break
    return "\n\n".join(out)[:size]


def run_one(corpus: Path, size: int, mode: str) -> dict[str, float]:
    """Child process: time one run of ``mode`` (spacy | pipeline) on one long text."""
    from eventlens import nlp
    from eventlens.config import Config
    from eventlens.pipeline import extract_many
    from eventlens.records import RawInput

    text = build_text(corpus, size)
    config = Config(stage_time_limit_s=None)
    model = nlp.load_model(config.spacy_model)
    list(extract_many([RawInput(content="Police arrested a man in Paris.")], config))
    started = time.perf_counter()
    if mode == "spacy":
        parts = (list(nlp.split_text(text, nlp.PART_CHARS)) if len(text) > nlp.PART_CHARS
                 else [text])
        for _ in model.pipe(parts, batch_size=1):
            pass
    else:
        docs = list(extract_many([RawInput(content=text)], config))
        assert not docs[0].errors, docs[0].errors
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_rss_mib": rss}


def measure(corpus: Path, sizes: list[int]) -> list[dict[str, float]]:
    """Both modes for every size, each in its own subprocess."""
    rows = []
    for size in sizes:
        row: dict[str, float] = {"chars": size}
        for mode in ("spacy", "pipeline"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode, "--corpus", str(corpus),
                 "--sizes", str(size)], check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            row[f"{mode}_s"] = result["seconds"]
            row[f"{mode}_rss_mib"] = result["peak_rss_mib"]
        row["ratio"] = row["spacy_s"] / row["pipeline_s"]
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def render(rows: list[dict[str, float]], corpus: Path) -> str:
    """The markdown section for docs/performance.md."""
    lines = [
        f"## {SECTION}", "",
        f"`python bench/bench_long_text.py` ({corpus.name} texts joined into one input per "
        f"row; run at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python "
        f"{sys.version.split()[0]}): bare spaCy over the parts the pipeline parses vs the "
        "whole pipeline with no time limit, each in a fresh process. The ratio is bare "
        "spaCy's speed over the pipeline's (target for news articles: >= 0.67).", "",
        "| characters | bare spaCy s | pipeline s | ratio | spaCy peak RSS MiB | "
        "pipeline peak RSS MiB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(f"| {int(r['chars']):,} | {r['spacy_s']:.1f} | {r['pipeline_s']:.1f} | "
                     f"{r['ratio']:.2f} | {r['spacy_rss_mib']:.0f} | {r['pipeline_rss_mib']:.0f} |")
    return "\n".join(lines) + "\n"


def write_section(doc: Path, section: str) -> None:
    """Replace (or append) this script's section of ``doc``."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    pattern = re.compile(rf"^## {re.escape(SECTION)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "eval" / "geo" / "lgl.xml")
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--write", type=Path, default=None)
    parser.add_argument("--child", choices=["spacy", "pipeline"], default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.child:
        print(json.dumps(run_one(args.corpus, sizes[0], args.child)))
        return 0
    if not args.corpus.exists():
        print(f"bench_long_text: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    rows = measure(args.corpus, sizes)
    section = render(rows, args.corpus)
    print(section)
    if args.write:
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
