"""``eventlens eval events|places|quotes-dates``: score the pipeline on gold data."""

from __future__ import annotations

import argparse
from typing import Any

from eventlens.eval.stage import EVALUATIONS, evaluation


def register(subparsers: Any) -> None:
    """Add the ``eval`` sub-command with one sub-command per evaluation."""
    p = subparsers.add_parser(
        "eval", help="evaluate against gold data (events, places, quotes-dates)"
    )
    kinds = p.add_subparsers(dest="eval_kind", metavar="KIND", required=True)
    for kind in EVALUATIONS:
        module = evaluation(kind)
        sub = kinds.add_parser(kind, help=module.__doc__.splitlines()[0] if module.__doc__ else "")
        module.register_arguments(sub)
        sub.set_defaults(func=module.run)


def run(args: argparse.Namespace) -> int:  # pragma: no cover - dispatch happens via set_defaults
    """Unused: each evaluation sets its own ``func``."""
    return 2
