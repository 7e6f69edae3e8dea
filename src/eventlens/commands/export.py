"""``eventlens export``: placeholder until its issue lands."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``export`` sub-command."""
    p = subparsers.add_parser("export", help="(not available yet)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Report that the command is not available yet."""
    print("eventlens export: not available in this build", file=sys.stderr)
    return 2
