"""The ``eventlens`` command line: one sub-command per module in ``eventlens.cli``."""

from __future__ import annotations

import argparse
import importlib
import sys

from eventlens import __version__

# Each name is a module in eventlens.cli exposing register(subparsers).
COMMANDS = (
    "extract",
    "resolve_places",
    "eval",
    "ingest",
    "query",
    "export",
    "serve",
    "batch",
    "demo",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="eventlens", description="Turn news into political event data, offline."
    )
    parser.add_argument("--version", action="version", version=f"eventlens {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"eventlens.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the process exit code (2 for a bad single input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("eventlens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
