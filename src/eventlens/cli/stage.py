"""The ``eventlens`` command line: one sub-command per module in ``eventlens.cli``.

Commands raise an ``EventlensError`` for a bad input, store or query; ``main`` is
the one place that turns it into output: one line on stderr,
``eventlens: error: <message>``, never a traceback. Exit codes:

- 0: success;
- 1: some items of a batch failed (reported or recorded, the run went on);
- 2: bad usage (argparse, or a command's own check), or an input, store or query
  that cannot be used (``EventlensError.exit_code``);
- 130: interrupted (Ctrl-C).

``eventlens`` with no command prints the help and exits 1.

Building the parser imports no pipeline module (spaCy takes seconds to load): each
command module imports what it runs inside its ``run``, so ``--help`` answers at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from eventlens import __version__
from eventlens.cli.report import input_warnings
from eventlens.errors import EventlensError

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
    """Run the CLI; return the process exit code (see the module docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    input_warnings()  # warnings about single inputs: one ``eventlens: warning:`` line each
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except EventlensError as exc:
        print(f"eventlens: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("eventlens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
