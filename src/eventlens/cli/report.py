"""Warnings about single inputs (``eventlens.inputs`` logger) as CLI output lines.

A warning does not stop its input (an unreadable ``published`` leaves the article
undated); the CLI prints each as ``eventlens: warning: <message>`` on stderr and
counts them for the command's summary line.
"""

from __future__ import annotations

import logging
import sys

# The logger the input readers warn on.
INPUT_LOGGER = "eventlens.inputs"


class WarningLines(logging.Handler):
    """Print each warning as one stderr line and count them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Print ``eventlens: warning: MESSAGE`` (stderr looked up now: rich may wrap it)."""
        self.count += 1
        try:
            message = " ".join(record.getMessage().split())
        except Exception:  # noqa: BLE001 - a bad log call must not end a command
            message = str(record.msg)
        print(f"eventlens: warning: {message}", file=sys.stderr, flush=True)


_handler: WarningLines | None = None


def input_warnings() -> WarningLines:
    """The handler printing input warnings, installed once per process."""
    global _handler
    if _handler is None:
        _handler = WarningLines()
        logging.getLogger(INPUT_LOGGER).addHandler(_handler)
    return _handler
