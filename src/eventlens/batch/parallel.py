"""Run the pipeline over many inputs on N worker processes, keeping input order.

The parent hands chunks of inputs to its workers over one pipe each and gets back one
message as each article starts (``("start", seqs, time)``) and one per document
(``("doc", seq, document)``). It times every article: one that is still unfinished
``Config.stage_time_limit_s`` (plus a grace period) after it started, or whose worker
dies under it, becomes that article's error document; the worker is killed and
replaced and the rest of its chunk goes to the next free worker. When the overrun was
a batch parse (several articles at once), the chunk's unfinished articles are retried
one at a time, so only the culprit fails. Workers check the same limit themselves
(``pipeline._time_limit``); the parent's clock also covers what that cannot interrupt
(compiled code) and workers that hang or crash.

A worker exits as soon as its parent dies: it holds the reading end of a "lifeline"
pipe whose writing end only the parent has, and a thread waiting on it sees the end of
the pipe when the parent is gone, however it ended (kill -9 included).
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from eventlens.config import Config
from eventlens.errors import InputError
from eventlens.inputs.datasets import Item
from eventlens.pipeline import extract_many
from eventlens.records import Document, RawInput, error_document

# on_start(positions): the items at these positions (of the iterable given to
# ``documents_in_process``) are being worked on now.
ItemsStarted = Callable[[list[int]], None]


def documents_in_process(
    items: Iterable[Item], config: Config, *, on_start: ItemsStarted | None = None
) -> Iterator[Document]:
    """Yield one Document per item in this process, in order (errors become error documents)."""
    raws: list[RawInput] = []
    positions: list[int] = []  # the item position of each raw input
    # Errors are interleaved back at their positions so output order is input order.
    order: list[Document | None] = []
    for pos, item in enumerate(items):
        if isinstance(item, InputError):
            order.append(error_document(item.line_id, str(item)))
        else:
            raws.append(item)
            positions.append(pos)
            order.append(None)

    def started(first: int, count: int) -> None:
        if on_start:
            on_start(positions[first:first + count])

    docs = extract_many(raws, config, on_start=started if on_start else None)
    for slot in order:
        yield slot if slot is not None else next(docs)


def warm_up(config: Config) -> None:
    """Load the model and build the stages' caches once per worker process."""
    from eventlens.pipeline import extract

    try:
        extract(_WARM_UP_TEXT, "2000-01-01", config=config)
    except Exception:  # noqa: BLE001 - a warm-up failure shows again on real input
        pass


# A tiny made-up text that touches every stage (actors, places, quotes, dates).
_WARM_UP_TEXT = (
    'The minister met rebels in Paris on Monday. "We will talk," the minister said.'
)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_documents(items: Iterable[Item], config: Config, jobs: int) -> Iterator[dict]:
    """Yield the extract document (as a dict) for each item, in input order.

    ``jobs`` > 1 spreads chunks over worker processes, each loading the models once
    (see the module docstring for time limits and worker replacement).
    """
    if jobs <= 1:
        for doc in documents_in_process(items, config):
            yield doc.to_dict()
        return
    yield from pool_documents(items, config, jobs)


def grace_seconds(limit: float) -> float:
    """How long past ``limit`` the parent waits for an article before it stops its worker.

    Workers enforce ``limit`` themselves where they can; the grace period leaves them
    the time to report that as the article's error before the parent steps in.
    """
    return 1.0 + 0.25 * limit


# ---------------------------------------------------------------- worker processes


def worker_main(conn: Connection, lifeline: Connection, config: Config) -> None:
    """A worker process: extract the chunks ``conn`` brings until told to stop."""
    _exit_with_parent(lifeline)
    # Ctrl-C reaches the whole process group: the parent stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm = False
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        if not warm:  # once the first task is read, so that the parent never waits to send
            warm_up(config)
            warm = True
        seqs, items, alone = task

        # ``alone``: a batch parse of these overran before; each is parsed by itself.
        groups = [[s] for s in seqs] if alone else [list(seqs)]
        by_seq = dict(zip(seqs, items, strict=True))
        for group in groups:
            docs = documents_in_process(
                [by_seq[s] for s in group], config, on_start=_reporter(conn, group)
            )
            for seq, doc in zip(group, docs, strict=True):
                conn.send(("doc", seq, doc.to_dict()))


def _reporter(conn: Connection, seqs: list[int]) -> ItemsStarted:
    """An ``on_start`` that tells the parent which of ``seqs`` started, and when."""

    def started(positions: list[int]) -> None:
        conn.send(("start", [seqs[p] for p in positions], time.monotonic()))

    return started


def _exit_with_parent(lifeline: Connection) -> None:
    """End this process as soon as the parent's end of ``lifeline`` closes."""

    def watch() -> None:
        try:
            lifeline.recv()  # the parent never sends: this returns at EOF only
        except (EOFError, OSError):
            pass
        os._exit(1)

    threading.Thread(target=watch, name="eventlens-lifeline", daemon=True).start()


# ---------------------------------------------------------------- the parent's side

WorkerMain = Callable[[Connection, Connection, Config], None]


@dataclass
class _Task:
    seqs: list[int]  # the items' positions in the whole run
    items: list[Item]
    alone: bool = False  # parse each item by itself
    retries: int = 0  # times requeued without finding the culprit


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    lifeline: Connection  # the parent's writing end; closing it stops the worker
    task: _Task | None = None
    waiting: set[int] = field(default_factory=set)  # seqs of the task not yet returned
    current: list[int] = field(default_factory=list)  # seqs reported started, unfinished
    since: float = 0.0  # when ``current`` started (time.monotonic, the worker's report)
    dead: bool = False


class _Pool:
    """The parent's bookkeeping: workers, queued tasks and documents not yet yielded."""

    def __init__(self, config: Config, jobs: int, worker: WorkerMain) -> None:
        self.config = config
        self.worker = worker
        self.ctx = get_context("forkserver")
        # Workers fork from a server that has imported the pipeline once (spaCy, stage
        # modules), then each loads the model and warms its stages on its first chunk.
        self.ctx.set_forkserver_preload(["eventlens.pipeline"])
        self.queue: deque[_Task] = deque()
        self.results: dict[int, dict] = {}
        self.items: dict[int, Item] = {}  # items sent out and not yet returned
        limit = config.stage_time_limit_s
        self.deadline = None if limit is None else limit + grace_seconds(limit)
        self.jobs = jobs
        self.workers: list[_Worker] = []  # started as tasks come

    def _start(self) -> _Worker:
        conn, child_conn = self.ctx.Pipe()
        lifeline_r, lifeline_w = self.ctx.Pipe(duplex=False)
        process = self.ctx.Process(
            target=self.worker, args=(child_conn, lifeline_r, self.config),
            name="eventlens-worker", daemon=True,
        )
        process.start()
        # Only the worker keeps its ends: its pipe then ends when the worker does.
        child_conn.close()
        lifeline_r.close()
        return _Worker(process, conn, lifeline_w)

    def add(self, seqs: list[int], items: list[Item]) -> None:
        """Queue a chunk of items (``seqs``: their positions in the run)."""
        self.items.update(zip(seqs, items, strict=True))
        self.queue.append(_Task(seqs, items))

    def dispatch(self) -> None:
        """Give queued tasks to idle workers (starting workers, up to ``jobs``, as needed)."""
        idle = sum(w.task is None for w in self.workers)
        while len(self.workers) < self.jobs and len(self.queue) > idle:
            self.workers.append(self._start())
            idle += 1
        for w in self.workers:
            if w.task is None and self.queue:
                task = self.queue.popleft()
                w.task, w.waiting, w.current = task, set(task.seqs), []
                try:
                    w.conn.send((task.seqs, task.items, task.alone))
                except OSError:  # died while idle: replaced below, the task requeued
                    w.dead = True

    def poll(self) -> None:
        """Wait (at most until the next deadline) for news from the busy workers."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return
        waits: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        wait(waits, timeout=self._next_timeout(busy))
        now = time.monotonic()
        for w in busy:
            self._drain(w)
            if w.dead or not w.process.is_alive():
                self._drain(w)  # what it sent before it ended
                if w.task is not None:
                    self._replace(w, self._died)
            elif self._overran(w, now):
                self._replace(w, self._timed_out)

    def _next_timeout(self, busy: list[_Worker]) -> float | None:
        if self.deadline is None:
            return None
        timed = [w.since + self.deadline for w in busy if w.current]
        if not timed:
            return None
        return max(0.0, min(timed) - time.monotonic()) + 0.05

    def _overran(self, w: _Worker, now: float) -> bool:
        return self.deadline is not None and bool(w.current) and now - w.since > self.deadline

    def _drain(self, w: _Worker) -> None:
        try:
            while not w.dead and w.conn.poll():
                self._handle(w, w.conn.recv())
        except (EOFError, OSError):
            w.dead = True

    def _handle(self, w: _Worker, message: tuple[Any, ...]) -> None:
        if message[0] == "start":
            w.current, w.since = list(message[1]), message[2]
            return
        _, seq, doc = message
        self.results[seq] = doc
        self.items.pop(seq, None)
        w.waiting.discard(seq)
        if seq in w.current:
            w.current.remove(seq)
        if not w.waiting:
            w.task, w.current = None, []

    def _timed_out(self, w: _Worker, item: RawInput) -> str:
        limit = self.config.stage_time_limit_s
        return (f"{item.source}: StageTimeout: stages took longer than {limit:g} s on this "
                "article (worker process stopped)")

    def _died(self, w: _Worker, item: RawInput) -> str:
        code = w.process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return f"{item.source}: worker process died ({how}) on this article"

    def _replace(self, w: _Worker, message: Callable[[_Worker, RawInput], str]) -> None:
        """Stop ``w``; its task: an error for the culprit, the rest back to the queue."""
        task = w.task
        self._stop(w, kill=True)
        self.workers.remove(w)  # ``dispatch`` starts another when there is work
        if task is None:
            return
        left = [s for s in task.seqs if s in w.waiting]
        culprit = w.current[0] if len(w.current) == 1 else None
        if culprit is None and (task.alone or task.retries >= 2) and left:
            # Nobody reported: blame the first unfinished item rather than loop for ever.
            culprit = left[0]
        if culprit is not None:
            item = self.items.pop(culprit)
            if isinstance(item, InputError):
                self.results[culprit] = error_document(item.line_id, str(item)).to_dict()
            else:
                self.results[culprit] = error_document(item.id, message(w, item)).to_dict()
            left.remove(culprit)
        if left:
            # After a batch parse overran, parse one at a time so the culprit fails alone.
            alone = task.alone or (culprit is None and len(w.current) > 1)
            retries = task.retries + (culprit is None)
            self.queue.appendleft(_Task(left, [self.items[s] for s in left], alone, retries))

    def _stop(self, w: _Worker, *, kill: bool) -> None:
        if kill and w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        if w.process.is_alive():
            w.process.kill()
            w.process.join(timeout=5)
        w.conn.close()
        w.lifeline.close()

    def close(self) -> None:
        """Stop every worker now (closing its lifeline ends it, even while warming up)."""
        for w in self.workers:
            w.lifeline.close()
        for w in self.workers:
            self._stop(w, kill=False)


def pool_documents(
    items: Iterable[Item], config: Config, jobs: int, *, worker: WorkerMain = worker_main
) -> Iterator[dict]:
    """``run_documents`` on ``jobs`` worker processes running ``worker`` (tests swap it)."""
    chunk_size = max(1, config.batch_size)
    # Bounded look-ahead: at most 2*jobs chunks not yet yielded keeps memory flat.
    window = 2 * jobs * chunk_size
    pool = _Pool(config, jobs, worker)
    chunks = _chunks(items, chunk_size)
    next_seq = next_out = 0
    exhausted = False
    try:
        while True:
            while next_out in pool.results:
                yield pool.results.pop(next_out)
                next_out += 1
            while not exhausted and next_seq - next_out < window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pool.add(list(range(next_seq, next_seq + len(chunk))), chunk)
                next_seq += len(chunk)
            if exhausted and next_out == next_seq:
                return
            pool.dispatch()
            pool.poll()
    finally:
        pool.close()
