"""The evaluation package's entry point: which evaluations exist and where they live.

Each evaluation module owns its flags (``register_arguments(parser)``) and its
``run(args)``; the CLI's ``eval`` command adds one sub-command per entry here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# CLI name -> module in eventlens.eval (``events`` also takes ``--articles GOLD``).
EVALUATIONS = {
    "events": "events",
    "places": "places",
    "quotes-dates": "quotes_dates",
}


def evaluation(kind: str) -> ModuleType:
    """The module implementing evaluation ``kind`` (imported on demand: they load spaCy)."""
    return importlib.import_module(f"eventlens.eval.{EVALUATIONS[kind]}")
