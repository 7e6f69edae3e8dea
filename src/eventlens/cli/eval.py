"""``eventlens eval events|places|quotes-dates``: score the pipeline on gold data.

The evaluation modules load spaCy when imported, so each ``eval KIND`` sub-parser
imports its module (and adds the module's own flags) only when that sub-command is
parsed or its help asked for: ``eventlens --help`` and ``eventlens eval --help`` stay fast.
"""

from __future__ import annotations

import argparse
from typing import Any

from eventlens.eval.stage import EVALUATIONS, evaluation

# One help line per evaluation: the first line of its module's docstring.
HELP = {
    "events": "Evaluate event coding (type, source and target country) on PLOVER gold "
    "sentences.",
    "places": "Evaluate toponym resolution (gold mentions given) on LGL or TR-News.",
    "quotes-dates": "Score quotes (span + speaker) and event dates on the team's newsroom "
    "fixtures.",
}


class _EvaluationParser(argparse.ArgumentParser):
    """A sub-parser that adds its evaluation's flags on first use (importing the module)."""

    eval_kind = ""
    _loaded = False

    def _load(self) -> None:
        if self._loaded or not self.eval_kind:
            return
        self._loaded = True
        module = evaluation(self.eval_kind)
        module.register_arguments(self)
        self.set_defaults(func=module.run)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        """Add the evaluation's flags, then parse."""
        self._load()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        """Add the evaluation's flags, then format the help."""
        self._load()
        return super().format_help()

    def format_usage(self) -> str:
        """Add the evaluation's flags, then format the usage line."""
        self._load()
        return super().format_usage()


def register(subparsers: Any) -> None:
    """Add the ``eval`` sub-command with one sub-command per evaluation."""
    p = subparsers.add_parser(
        "eval", help="evaluate against gold data (events, places, quotes-dates)"
    )
    kinds = p.add_subparsers(dest="eval_kind", metavar="KIND", required=True,
                             parser_class=_EvaluationParser)
    for kind in EVALUATIONS:
        sub = kinds.add_parser(kind, help=HELP.get(kind, ""))
        sub.eval_kind = kind


def run(args: argparse.Namespace) -> int:  # pragma: no cover - dispatch happens via set_defaults
    """Unused: each evaluation sets its own ``func``."""
    return 2
