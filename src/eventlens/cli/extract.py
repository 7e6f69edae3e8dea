"""``eventlens extract``: one article (file or stdin) or a JSON-lines batch to JSON."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventlens.config import Config
from eventlens.errors import EventlensError
from eventlens.records import RawInput


def register(subparsers: Any) -> None:
    """Add the ``extract`` sub-command."""
    p = subparsers.add_parser(
        "extract",
        help="extract events, actors, places, dates and quotes from articles",
        description="Print the extract document (JSON) for one HTML/text file, or one "
        "document per line for a JSON-lines batch.",
    )
    p.add_argument("path", nargs="?", help="HTML or text file, or - for stdin")
    p.add_argument("--jsonl", metavar="IN", help="JSON-lines batch file, or - for stdin")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date of the article (with --jsonl: of every line "
                   "without its own \"published\", as `ingest --published`)")
    p.add_argument("--url", help="the article's URL")
    p.add_argument("--format", choices=["json", "jsonl"], default="json", help="output format")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs)")
    p.add_argument(
        "--actors",
        metavar="TSV",
        action="append",
        default=[],
        help="extra actor dictionary (columns as data/actors.tsv); repeatable",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``extract`` and return the exit code (2: bad input or usage, 1: failed lines)."""
    from eventlens.inputs.readers import iso_day

    config = Config() if args.jobs is None else Config(jobs=max(1, args.jobs))
    if args.actors:
        from eventlens.resources import get_resources

        config = replace(config, actor_dictionaries=tuple(Path(p) for p in args.actors))
        # A bad dictionary is one error up front (an InputError), not one per article.
        _ = get_resources(config).lexicon
    published = iso_day(args.published) if args.published else None
    if args.published and published is None:
        return _fail(f"--published must be YYYY-MM-DD, got {args.published!r}")
    if args.jsonl:
        if args.path:
            return _fail("give either PATH or --jsonl IN, not both")
        return _run_batch(args.jsonl, config, published)
    if not args.path:
        return _fail("give a PATH (or -) or --jsonl IN")
    return _run_single(args, published, config)


def _fail(message: str, code: int = 2) -> int:
    print(f"eventlens: error: {message}", file=sys.stderr)
    return code


def _run_single(args: argparse.Namespace, published: str | None, config: Config) -> int:
    from eventlens.inputs import readers
    from eventlens.pipeline import extract_raw

    source = "<stdin>" if args.path == "-" else args.path
    try:
        raw = readers.read_path(args.path, config.max_input_bytes, stdin=sys.stdin.buffer)
        # The document is named after its file; the options add what a file cannot say.
        doc = extract_raw(replace(raw, id=raw.source, published=published, url=args.url), config)
    except EventlensError:
        raise  # cli.stage.main prints it
    except Exception as exc:  # noqa: BLE001 - a one-line message, never a traceback
        return _fail(f"{source}: internal error ({type(exc).__name__}: {exc})", code=1)
    indent = 2 if args.format == "json" else None
    print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent))
    return 0


def _run_batch(path: str, config: Config, published: str | None = None) -> int:
    from eventlens.batch.parallel import run_documents
    from eventlens.inputs import readers

    source = "<stdin>" if path == "-" else path
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        return _fail(f"{path}: {exc.strerror or exc}")
    failures = 0
    # JSON escaping can double a text's size; longer lines are refused unread.
    max_line = 2 * config.max_input_bytes + 4096
    with stream:
        items = readers.iter_jsonl(stream, source, max_line_bytes=max_line)
        if published:  # a default for the lines that give no date, as ingest --published
            items = (replace(item, published=published)
                     if isinstance(item, RawInput) and not item.published else item
                     for item in items)
        for doc in run_documents(items, config, config.jobs):
            if doc["errors"]:
                failures += 1
                print(f"eventlens: error: {doc['errors'][0]}", file=sys.stderr)
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    return 0 if failures == 0 else 1
