"""A small pool of store connections so that concurrent requests read in parallel.

One ``Store`` serialises its queries behind a lock; SQLite in WAL mode lets several
connections read at once (and releases the GIL while it works), so the web app
hands each request its own connection from a bounded pool.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventlens.store.stage import Store, open_store


class StorePool:
    """Up to ``size`` open stores on one database file, opened on demand."""

    def __init__(self, path: str | Path, size: int = 4) -> None:
        self.path = Path(path)
        self.size = size
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._idle.put(self._open())  # fail early (bad file, newer schema) at start-up

    def _open(self) -> Store:
        store = open_store(self.path)
        self._all.append(store)
        return store

    @contextmanager
    def acquire(self) -> Iterator[Store]:
        """Borrow a store for one request; it goes back to the pool afterwards."""
        store: Store | None
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                store = self._open() if len(self._all) < self.size else None
            if store is None:
                store = self._idle.get()
        try:
            yield store
        finally:
            self._idle.put(store)

    def close(self) -> None:
        """Close every connection of the pool."""
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
