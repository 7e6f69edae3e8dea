"""A small pool of store connections so that concurrent requests read in parallel.

One ``Store`` serialises its queries behind a lock; SQLite in WAL mode lets several
connections read at once (and releases the GIL while it works), so the web app
hands each request its own connection from a bounded pool.

Waiting for a connection happens on the event loop, not in a worker thread, and is
bounded (``PoolTimeout`` after ``timeout`` seconds: the app answers 503); giving a
connection back is a plain call on the event loop. So a request only takes a worker
thread once it holds a connection, and a burst of requests larger than the thread pool
cannot leave every thread waiting for a connection that only a thread could return.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from pathlib import Path

import anyio.to_thread

from eventlens.store.stage import Store, open_store

# Seconds a request waits for a free connection before it is answered 503.
DEFAULT_POOL_TIMEOUT_S = 5.0


class PoolTimeout(Exception):
    """No store connection came free within the pool's timeout."""


class PoolClosed(Exception):
    """The pool is closed (the server is stopping)."""


class StorePool:
    """Up to ``size`` open stores on one database file, opened on demand.

    ``acquire`` and ``release`` run on the server's event loop (they are not
    thread-safe); the store itself is then used from one worker thread at a time.
    """

    def __init__(self, path: str | Path, size: int = 4,
                 timeout: float = DEFAULT_POOL_TIMEOUT_S) -> None:
        if size < 1:
            raise ValueError(f"pool size must be at least 1 (got {size})")
        self.path = Path(path)
        self.size = size
        self.timeout = timeout
        self._idle: list[Store] = []
        self._all: list[Store] = []
        self._busy: set[int] = set()  # ids of the stores lent out
        self._opening = 0
        self._waiters: deque[asyncio.Future[Store]] = deque()
        self._closed = False
        self._lock = threading.Lock()  # guards _all (opened in worker threads)
        self._idle.append(self._open())  # fail early (bad file, newer schema) at start-up

    def _open(self) -> Store:
        store = open_store(self.path)
        with self._lock:
            self._all.append(store)
        return store

    @property
    def in_use(self) -> int:
        """How many stores are lent out now."""
        return len(self._busy)

    async def acquire(self, timeout: float | None = None) -> Store:
        """Borrow a store; raises PoolTimeout when none is free within ``timeout`` seconds
        (the pool's own timeout by default). Give it back with ``release``."""
        if self._closed:
            raise PoolClosed("the store pool is closed")
        if self._idle:
            return self._lend(self._idle.pop())
        if len(self._all) + self._opening < self.size:
            self._opening += 1
            try:
                # Opening may wait on the database's lock: not on the event loop.
                store = await anyio.to_thread.run_sync(self._open)
            finally:
                self._opening -= 1
            return self._lend(store)
        waiter: asyncio.Future[Store] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        limit = self.timeout if timeout is None else timeout
        try:
            async with asyncio.timeout(limit):
                return self._lend(await waiter)
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled():
                # A store was handed over just as the wait ended: pass it on.
                self.release(waiter.result())
            else:
                waiter.cancel()
            if isinstance(exc, TimeoutError):
                raise PoolTimeout(
                    f"no store connection came free within {limit:g} s"
                ) from None
            raise
        finally:
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass

    def _lend(self, store: Store) -> Store:
        self._busy.add(id(store))
        return store

    def release(self, store: Store) -> None:
        """Give a store back: to the longest waiting request, else to the idle list."""
        self._busy.discard(id(store))
        if self._closed:
            store.close()
            return
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(store)
                return
        self._idle.append(store)

    def close(self) -> None:
        """Close the idle connections now and the lent ones when they come back.

        Never waits for a request that is still reading (the server must stop promptly).
        """
        self._closed = True
        for waiter in self._waiters:
            waiter.cancel()
        self._waiters.clear()
        idle, self._idle = self._idle, []
        for store in idle:
            store.close()
