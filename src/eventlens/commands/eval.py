"""``eventlens eval``: placeholder until its issue lands."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``eval`` sub-command."""
    p = subparsers.add_parser("eval", help="(not available yet)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Report that the command is not available yet."""
    print("eventlens eval: not available in this build", file=sys.stderr)
    return 2
