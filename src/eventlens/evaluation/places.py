"""Evaluate places against gold data (placeholder until its issue lands)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register_arguments(parser: Any) -> None:
    """Add this evaluation's flags."""


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the figures."""
    print("eventlens eval places: not available in this build", file=sys.stderr)
    return 2
