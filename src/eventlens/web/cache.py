"""A small cache of aggregate answers, valid while the store's data version holds.

Dashboard loads ask for the same summaries and counts again and again; they are kept
here under ``(name, filters)`` with the data version they were computed at. A write to
the store (by any process) changes that version, so the next request recomputes.

Requests that miss the same key at the same version at the same moment (a burst of
dashboards opening on the same view) compute it once: the first computes, the others
wait for its value instead of running the same query again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

# Longest a request waits for another request computing the same value (then computes).
FOLLOW_TIMEOUT_S = 30.0


class _Flight:
    """One computation in progress, with what it produced once ``done`` is set."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False
        self.value: Any = None


class VersionedCache:
    """A thread-safe LRU map of at most ``size`` entries, emptied when the version grows.

    Versions only grow (the store bumps them on every write).
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._flights: dict[tuple[Hashable, int], _Flight] = {}
        self._version: int | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, version: int, compute: Callable[[], T],
            keep: Callable[[T], bool] | None = None) -> T:
        """The value for ``key`` at ``version``, computing (and keeping) it when missing.

        ``keep``, when given, says whether a computed value is worth keeping (e.g. not
        when it is large).
        """
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
            flight = self._flights.get((key, version))
            leader = flight is None
            if flight is None:
                flight = self._flights[(key, version)] = _Flight()
                self.misses += 1
            else:
                self.hits += 1
        if not leader:
            if flight.done.wait(FOLLOW_TIMEOUT_S) and flight.ok:
                result: T = flight.value
                return result
            return compute()  # the first one failed (or is stuck): on our own
        try:
            # Computed outside the lock: misses of other keys run their queries in parallel.
            value = compute()
        except BaseException:
            with self._lock:
                del self._flights[(key, version)]
            flight.done.set()
            raise
        flight.value, flight.ok = value, True
        with self._lock:
            if version == self._version and (keep is None or keep(value)):
                self._entries[key] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            del self._flights[(key, version)]
        flight.done.set()
        return value
