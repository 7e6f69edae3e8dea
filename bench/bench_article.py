"""Cost of the article stage (HTML/text extraction) relative to the spaCy parse.

Run: ``.venv/bin/python bench/bench_article.py [--repeat N]``. Texts: the bundled
samples and the team's page fixtures (tests/fixtures/pages). Also times the stage
on large junk inputs (generated here) to show it stays roughly linear. Prints
ratios and per-document times measured in this process; no thresholds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventlens import nlp
from eventlens.article.stage import extract_article
from eventlens.config import DEFAULT_CONFIG

ROOT = Path(__file__).resolve().parent.parent


def _pages() -> list[Path]:
    folders = (ROOT / "src" / "eventlens" / "samples", ROOT / "tests" / "fixtures" / "pages")
    return sorted(p for f in folders for p in f.iterdir() if p.suffix in (".txt", ".html"))


def _per_doc(func, items: list[str], repeat: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            func(item)
    return (time.perf_counter() - start) / (repeat * len(items))


def main() -> int:
    """Print the article stage's cost per document and as a share of the spaCy parse."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    config = DEFAULT_CONFIG
    raws = [p.read_text("utf-8") for p in _pages()]
    html = [r for p, r in zip(_pages(), raws, strict=True) if p.suffix == ".html"]
    model = nlp.load_model(config.spacy_model)
    texts = [extract_article(r).text for r in raws]  # also warms up trafilatura
    list(model.pipe(texts))

    t_article = _per_doc(lambda r: extract_article(r), raws, args.repeat)
    t_html = _per_doc(lambda r: extract_article(r), html, args.repeat)
    start = time.perf_counter()
    for _ in range(max(1, args.repeat // 3)):
        list(model.pipe(texts, batch_size=config.batch_size))
    t_parse = (time.perf_counter() - start) / (max(1, args.repeat // 3) * len(texts))
    print(f"documents: {len(raws)} ({len(html)} HTML)")
    print(f"article stage: {t_article * 1000:.2f} ms/doc (HTML only: {t_html * 1000:.2f} ms/doc)")
    print(f"spaCy nlp.pipe: {t_parse * 1000:.2f} ms/doc")
    print(f"article stage / spaCy parse: {t_article / t_parse:.3f}")

    for label, make in (
        ("text, 1 MB", lambda n: "Police detained protesters in Lagos. " * (n // 37)),
        ("HTML divs, 1 MB", lambda n: "<div><span>a</span></div>" * (n // 25)),
    ):
        for size in (1_000_000, 4_000_000):
            raw = make(size)
            start = time.perf_counter()
            extract_article(raw)
            name = label.replace("1 MB", f"{size // 1_000_000} MB")
            print(f"{name}: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
