"""``eventlens export``: stored events as CSV, JSON lines or Parquet (docs/export.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eventlens.cli.db import open_db
from eventlens.cli.query import add_filter_arguments, filters_from_args
from eventlens.errors import InputError


def register(subparsers: Any) -> None:
    """Add the ``export`` sub-command."""
    p = subparsers.add_parser(
        "export", help="export stored events (CSV, JSON lines, Parquet)",
        description="Write every stored event (optionally filtered) in the native, GDELT-like "
        "or POLECAT-like column layout; columns are documented in docs/export.md.",
    )
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"], required=True)
    p.add_argument("--flavour", "--flavor", choices=["native", "gdelt", "polecat"],
                   default="native", dest="flavour")
    p.add_argument("--output", "-o", metavar="PATH",
                   help="output file (default: stdout; required for parquet)")
    add_filter_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the export; print the row count to stderr."""
    from eventlens.store.export import write_csv, write_jsonl, write_parquet

    if args.format == "parquet" and not args.output:
        print("eventlens: error: --format parquet needs --output PATH", file=sys.stderr)
        return 2
    filters = filters_from_args(args)  # bad values are refused before the store is opened
    with open_db(args.db, existing=True) as store:
        try:
            batches = store.iter_events(filters)
            if args.format == "parquet":
                n = write_parquet(batches, args.flavour, args.output)
            else:
                writer = write_csv if args.format == "csv" else write_jsonl
                if args.output:
                    with open(args.output, "w", encoding="utf-8", newline="") as out:
                        n = writer(batches, args.flavour, out)
                else:
                    n = writer(batches, args.flavour, sys.stdout)
        except BrokenPipeError:
            raise  # cli.stage.main: the reader went away, not an error
        except OSError as exc:
            raise InputError(str(args.output), exc.strerror or str(exc)) from None
    print(f"eventlens export: {n} events ({args.flavour}, {args.format})"
          + (f" -> {args.output}" if args.output else ""), file=sys.stderr)
    return 0
