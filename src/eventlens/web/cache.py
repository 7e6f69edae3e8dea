"""A small cache of aggregate answers, valid while the store's data version holds.

Dashboard loads ask for the same summaries and counts again and again; they are kept
here under ``(name, filters)`` with the data version they were computed at. A write to
the store (by any process) changes that version, so the next request recomputes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class VersionedCache:
    """A thread-safe LRU map of at most ``size`` entries, emptied when the version grows.

    Versions only grow (the store bumps them on every write).
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._version: int | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, version: int, compute: Callable[[], T]) -> T:
        """The value for ``key`` at ``version``, computing (and keeping) it when missing."""
        with self._lock:
            if self._version is None or version > self._version:
                self._entries.clear()
                self._version = version
            elif version < self._version:
                # A reader that started before the latest write: answer, don't keep.
                self.misses += 1
                return compute()
            elif key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]  # type: ignore[return-value]
            self.misses += 1
        # Computed outside the lock: concurrent misses run their queries in parallel.
        value = compute()
        with self._lock:
            if version == self._version:
                self._entries[key] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value
