"""The store's one read API, as the read helpers see it.

``Store`` (``store.database``) provides it; ``store.read`` and ``store.summary`` take a
``Reader`` as a parameter, so they never import the database module, which imports them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

# Positional (``?``) or named (``:name``) parameters of one SQL statement.
Params = Sequence[Any] | Mapping[str, Any]


class Reader(Protocol):
    """Something that runs one read statement on the store and returns all its rows."""

    def read(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Rows of ``sql``; a malformed full-text (``text`` filter) query raises QueryError."""
        ...
