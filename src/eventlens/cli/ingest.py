"""``eventlens ingest``: files, directories, WARC, feeds and URLs into the SQLite store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eventlens.cli.db import DEFAULT_DB, open_db
from eventlens.config import Config


def register(subparsers: Any) -> None:
    """Add the ``ingest`` sub-command."""
    p = subparsers.add_parser(
        "ingest",
        help="extract events from many sources into a SQLite store",
        description="Ingest files (HTML, text, JSON lines), directories (recursively), WARC "
        "files, RSS/Atom feeds (file or URL) and http(s) URLs into the event store. Articles "
        "already stored are skipped, so a re-run resumes an interrupted ingest.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, directory, feed or URL")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default ./{DEFAULT_DB})")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs)")
    p.add_argument("--allow-private", action="store_true",
                   help="allow fetching from private, loopback and link-local addresses")
    p.add_argument("--no-robots", action="store_true", help="do not consult robots.txt")
    p.add_argument("--timeout", type=float, default=15.0,
                   help="seconds one fetch may take in all: DNS, connect, headers, body, "
                   "robots.txt and redirects (default 15)")
    p.add_argument("--fetch-workers", type=int, default=4,
                   help="URLs fetched at the same time, one at a time per host (default 4)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date of the inputs that give none themselves (a JSON "
                   "line's \"published\", a feed entry's date); used instead of a date "
                   "found in the page")
    p.add_argument("--quiet", action="store_true", help="no progress (bar or log lines)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the ingest; exit 0 when every input was stored or skipped, 1 if some failed."""
    from eventlens.cli.progress import Progress
    from eventlens.cli.report import input_warnings
    from eventlens.ingest.stage import run_ingest
    from eventlens.inputs.fetch import Fetcher
    from eventlens.inputs.readers import iso_day

    published = iso_day(args.published) if args.published else None
    if args.published and published is None:
        print(f"eventlens: error: --published must be YYYY-MM-DD, got {args.published!r}",
              file=sys.stderr)
        return 2
    warnings = input_warnings()
    warned = warnings.count
    config = Config() if args.jobs is None else Config(jobs=max(1, args.jobs))
    store = open_db(args.db)
    fetcher = Fetcher(allow_private=args.allow_private, timeout=args.timeout,
                      max_bytes=config.max_input_bytes, respect_robots=not args.no_robots,
                      workers=max(1, args.fetch_workers))
    with store, Progress("ingest", _total(args.sources), quiet=args.quiet) as shown:

        def show(summary: Any, final: bool = False) -> None:
            done = summary.articles + summary.skipped + summary.duplicates + summary.errors
            shown.update(done, f"{summary.articles} stored | {summary.events} events | "
                               f"{summary.skipped} skipped | {summary.errors} errors", final)

        summary = run_ingest(args.sources, store, config, jobs=config.jobs, fetcher=fetcher,
                             progress=show, published=published)
        show(summary, final=True)
    print(
        f"eventlens ingest: {summary.articles} articles stored ({summary.rate():.1f}/s), "
        f"{summary.events} events, {summary.skipped} already stored, "
        f"{summary.duplicates} duplicates, {summary.errors} errors"
        + (f", {warnings.count - warned} warnings" if warnings.count > warned else "")
        + f" in {summary.seconds:.1f}s "
        f"-> {args.db}",
        file=sys.stderr,
    )
    if summary.errors:
        print(f"  see the errors: sqlite3 {args.db} 'SELECT source, reason FROM errors'",
              file=sys.stderr)
    return 1 if summary.errors else 0


def _total(sources: list[str]) -> int | None:
    """How many inputs the sources hold, when all are local files and cheap to count."""
    from pathlib import Path

    from eventlens.inputs.datasets import count_inputs, list_input_files

    if not all(Path(s).exists() for s in sources):
        return None  # URLs and feeds: unknown until fetched
    return count_inputs(list_input_files(sources))
