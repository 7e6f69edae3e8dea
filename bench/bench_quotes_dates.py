"""Cost of the quotes and dates stages relative to the spaCy parse they build on.

Run: ``.venv/bin/python bench/bench_quotes_dates.py [--repeat N]``. Texts: the team's
newsroom fixtures and bundled samples. Every verb of every text is made an event to
give the dates stage more work than real articles do. Prints ratios measured in this
process (no absolute timing thresholds).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from spacy.tokens import Doc

from eventlens import nlp
from eventlens.config import DEFAULT_CONFIG
from eventlens.dates import stage as dates
from eventlens.quotes import stage as quotes
from eventlens.records import Article, Event

ROOT = Path(__file__).resolve().parent.parent


def _verb_events(doc: Doc) -> list[Event]:
    events = []
    for token in doc:
        if token.pos_ == "VERB":
            sent = token.sent
            events.append(Event.uncoded(token.text, token.idx, sent.text, sent.start_char))
    return events


def main() -> None:
    """Time parse, quotes and dates on the same texts and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    paths = sorted((ROOT / "tests/fixtures/newsroom").glob("*.txt"))
    paths += sorted((ROOT / "src/eventlens/samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths] * args.repeat
    model = nlp.load_model(DEFAULT_CONFIG.spacy_model)
    list(model.pipe(texts[:2]))  # warm up
    t0 = time.perf_counter()
    docs = list(model.pipe(texts, batch_size=DEFAULT_CONFIG.batch_size))
    parse_s = time.perf_counter() - t0
    events = [_verb_events(d) for d in docs]
    t0 = time.perf_counter()
    for doc in docs:
        quotes.find_quotes(doc, [])
    quotes_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc, evs in zip(docs, events, strict=True):
        published = dates.publication_date(Article(text=doc.text), doc)
        dates.date_events(evs, doc, published)
    dates_s = time.perf_counter() - t0
    n_events = sum(len(e) for e in events)
    print(f"{len(docs)} articles, {n_events} verb events")
    print(f"quotes stage: {quotes_s / parse_s:.1%} of the spaCy parse time")
    print(f"dates stage:  {dates_s / parse_s:.1%} of the spaCy parse time")


if __name__ == "__main__":
    main()
