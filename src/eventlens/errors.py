"""The one error hierarchy: every error eventlens raises on purpose is an ``EventlensError``.

Each carries a one-line, user-facing message; the faces (CLI, web app, batch) map
it to output in one place each (``cli.stage.main``, ``web.stage``'s exception
handler, ``batch.parallel``/``pipeline`` error documents).

CLI exit codes (docs/architecture.md): 0 success; 1 some items of a batch failed
(recorded, the run went on); 2 bad usage or an input/store/query that cannot be
used (``EventlensError.exit_code``); 130 interrupted.
"""

from __future__ import annotations


class EventlensError(Exception):
    """Base of every deliberate eventlens error; ``str(exc)`` is the one-line message."""

    exit_code = 2


class InputError(EventlensError):
    """A single input could not be read or parsed; the message names the input.

    ``line_id`` is the id of the JSON-lines record or dataset row the input came from,
    when one could be read, so a batch can record the failure against it.
    """

    def __init__(self, source: str, reason: str, line_id: str | None = None) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.line_id = line_id

    def __reduce__(self) -> tuple[object, ...]:
        # Default exception pickling replays only the message; worker processes need both parts.
        return (type(self), (self.source, self.reason, self.line_id), self.__dict__)


class QueryError(EventlensError, ValueError):
    """A filter value is invalid (bad date, bad --near, bad full-text syntax, bad id)."""


class SchemaError(EventlensError):
    """The database was written by a newer eventlens (unknown schema version)."""


class StageTimeout(EventlensError):
    """The stages spent longer than ``Config.stage_time_limit_s`` on one article."""
