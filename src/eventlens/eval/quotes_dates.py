"""Score quotes (span + speaker) and event dates on the team's newsroom fixtures.

These are the team's own development figures on articles it wrote itself
(tests/fixtures/newsroom), not a benchmark. Run:
``python -m eventlens.eval.quotes_dates [--data DIR] [--json]``.

Dates are scored on the fixture's gold events (trigger word and status given), so
the figure measures the date stage alone, independently of the events stage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventlens.actors import stage as actors
from eventlens.config import DEFAULT_CONFIG, Config
from eventlens.dates import stage as dates
from eventlens.quotes import stage as quotes
from eventlens.records import Article, Event, Quote
from eventlens.resources import get_resources

DEFAULT_DATA = Path("tests/fixtures/newsroom")


@dataclass
class Tally:
    """Counts behind precision and recall."""

    predicted: int = 0
    gold: int = 0
    correct: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.predicted += other.predicted
        self.gold += other.gold
        self.correct += other.correct

    def scores(self) -> dict[str, float | int]:
        """Precision, recall and the counts."""
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Result:
    """Tallies for one fixture or for all of them."""

    quote_spans: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    published: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Result) -> None:
        """Add another result's tallies and errors to this one."""
        for name in ("quote_spans", "quotes", "dates", "published"):
            getattr(self, name).add(getattr(other, name))
        self.errors += other.errors


def _nth(text: str, needle: str, occurrence: int, start: int = 0) -> int:
    pos = start - 1
    for _ in range(occurrence + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{needle!r} not found {occurrence + 1} times")
    return pos


def _gold_quote_span(text: str, item: dict[str, Any]) -> tuple[int, int]:
    pieces = item["text"].split("\n")
    start = _nth(text, pieces[0], item.get("occurrence", 0))
    last = text.find(pieces[-1], start)
    return start, last + len(pieces[-1])


def _norm_name(name: str | None) -> str | None:
    if name is None:
        return None
    words = name.lower().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def score_quotes(name: str, text: str, found: list[Quote], gold: list[dict[str, Any]]) -> Result:
    """Match predicted quotes to gold ones by exact span; a match counts if the speaker agrees."""
    result = Result()
    by_span = {(q.start, q.end): q for q in found}
    result.quote_spans.predicted = result.quotes.predicted = len(found)
    result.quote_spans.gold = result.quotes.gold = len(gold)
    for item in gold:
        span = _gold_quote_span(text, item)
        quote = by_span.get(span)
        if quote is None:
            result.errors.append(f"{name}: quote missed: {item['text'][:50]!r}")
            continue
        result.quote_spans.correct += 1
        said = _norm_name(quote.speaker.name) if quote.speaker else None
        # A gold speaker may list accepted names: the words, or the actor dictionary's name.
        accepted = item["speaker"] if isinstance(item["speaker"], list) else [item["speaker"]]
        if said in {_norm_name(name) for name in accepted}:
            result.quotes.correct += 1
        else:
            result.errors.append(
                f"{name}: speaker of {item['text'][:40]!r}: {said!r} != {item['speaker']!r}"
            )
    gold_spans = {_gold_quote_span(text, item) for item in gold}
    for quote in found:
        if (quote.start, quote.end) not in gold_spans:
            result.errors.append(f"{name}: extra quote: {quote.text[:50]!r}")
    return result


def gold_events(doc: Doc, gold: list[dict[str, Any]]) -> list[Event]:
    """Build bare events located at the gold trigger words (for scoring dates alone)."""
    events = []
    for item in gold:
        start = _nth(doc.text, item["trigger"], item.get("occurrence", 0))
        end = start + len(item["trigger"])
        span = doc.char_span(start, end, alignment_mode="expand")
        sent = span.sent if span is not None else doc[:].sent
        events.append(
            Event.uncoded(item["trigger"], start, sent.text, sent.start_char, status=item["status"])
        )
    return events


def score_dates(name: str, dated: list[Event], gold: list[dict[str, Any]]) -> Result:
    """Precision over dates taken from the text; recall over gold dates found in the text
    (a story-day date is not taken from the text: it counts as neither).

    An event counts as correct when date and precision both match; events whose gold
    is the publication-date fallback are scored in ``published``-precision terms too.
    """
    result = Result()
    for event, item in zip(dated, gold, strict=True):
        # Dates taken from the text: not the publication-date fallback, nor the story's
        # day lent to an undated event (measured on real articles, docs/evaluation.md).
        from_text = event.date_precision not in (None, "published", "story")
        gold_from_text = item["date_precision"] != "published"
        right = event.date == item["date"] and event.date_precision == item["date_precision"]
        result.dates.predicted += from_text
        result.dates.gold += gold_from_text
        result.dates.correct += right and from_text
        if not right:
            result.errors.append(
                f"{name}: date of {item['trigger']!r}: {event.date} {event.date_precision} "
                f"({event.date_text!r}) != {item['date']} {item['date_precision']}"
            )
    return result


def evaluate_fixture(
    path: Path, config: Config = DEFAULT_CONFIG, *, use_actors: bool = True
) -> Result:
    """Run publication date, quotes and event dates on one fixture and score them."""
    text = path.read_text(encoding="utf-8")
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    doc = get_resources(config).nlp(text)
    published = dates.publication_date(Article(text=text, published=gold["published_given"]), doc)
    result = Result()
    result.published = Tally(1, 1, int(published == gold["published"]))
    if published != gold["published"]:
        result.errors.append(f"{path.stem}: published {published} != {gold['published']}")
    mentions = actors.find_actors(doc, get_resources(config)) if use_actors else []
    found = quotes.find_quotes(doc, mentions)
    result.add(score_quotes(path.stem, text, found, gold["quotes"]))
    dated = dates.date_events(gold_events(doc, gold["events"]), doc, published)
    result.add(score_dates(path.stem, dated, gold["events"]))
    return result


def fixtures(data: Path) -> Iterator[Path]:
    """The fixture texts (``*.txt`` with a ``.json`` beside them) in ``data``."""
    for path in sorted(data.glob("*.txt")):
        if path.with_suffix(".json").exists():
            yield path


def evaluate(
    data: Path,
    config: Config = DEFAULT_CONFIG,
    *,
    use_actors: bool = True,
    heldout: bool | None = None,
) -> Result:
    """Score the fixtures in ``data`` (only held-out ones, only the others, or all: None)."""
    total = Result()
    for path in fixtures(data):
        if heldout is not None and is_heldout(path) != heldout:
            continue
        total.add(evaluate_fixture(path, config, use_actors=use_actors))
    return total


def is_heldout(path: Path) -> bool:
    """Whether the fixture was written after the code was frozen (never used to develop it)."""
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return bool(gold.get("heldout", False))


def _figures(result: Result, count: int) -> dict[str, Any]:
    return {
        "fixtures": count,
        "publication_date": result.published.scores(),
        "quote_spans": result.quote_spans.scores(),
        "quotes_span_and_speaker": result.quotes.scores(),
        "event_dates": result.dates.scores(),
    }


def register_arguments(parser: Any) -> None:
    """Add this evaluation's flags."""
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="fixture directory")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument(
        "--no-actors",
        action="store_true",
        help="attribute speakers without the actors stage (entity/raw-text fallback only)",
    )


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the figures."""
    if not args.data.is_dir():
        print(f"eventlens: error: {args.data}: no such fixture directory", file=sys.stderr)
        return 2
    paths = list(fixtures(args.data))
    figures: dict[str, Any] = {}
    errors: list[str] = []
    for label, heldout in (("development", False), ("written_blind", True), ("all", None)):
        chosen = [p for p in paths if heldout is None or is_heldout(p) == heldout]
        if not chosen:
            continue
        result = evaluate(args.data, use_actors=not args.no_actors, heldout=heldout)
        figures[label] = _figures(result, len(chosen))
        if heldout is None:
            errors = result.errors
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for label, block in figures.items():
            print(f"{label} ({block['fixtures']} fixtures)")
            for key, value in block.items():
                if isinstance(value, dict):
                    print(
                        f"  {key:24s} P {value['precision']:.3f}  R {value['recall']:.3f}  "
                        f"({value['correct']} correct / {value['predicted']} predicted / "
                        f"{value['gold']} gold)"
                    )
    if args.errors:
        for line in errors:
            print("  " + line)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``python -m eventlens.eval.quotes_dates``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    register_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
