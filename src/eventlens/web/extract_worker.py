"""``POST /api/extract`` runs in worker processes, each request under a deadline.

The pipeline is CPU-bound and some inputs are pathological (long runs without spaces
make tokenizing quadratic), so extraction never runs in the server's own threads: a
request hands its article to a worker process (started on the first request; it loads
the model once) and waits for the answer on the event loop, holding no thread. A worker
that passes the deadline is killed, the request is answered 422, and the next request
starts a fresh worker. Requests beyond the number of workers wait (bounded) for one to
come free, else get 503.

A worker exits by itself when the server process goes away (it watches its parent).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import anyio.to_thread

from eventlens.config import Config

log = logging.getLogger(__name__)

# Seconds one extraction may take (the article's whole pipeline, parse included).
DEFAULT_TIME_LIMIT_S = 30.0
# Seconds a new worker may take to start (imports, spaCy model, gazetteer on first use).
START_TIMEOUT_S = 180.0


class ExtractFailed(Exception):
    """An extraction that gives an error answer: ``status`` and a one-line message."""

    def __init__(self, status: int, message: str, retry_after: int | None = None,
                 *, worker_answered: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after
        self.worker_answered = worker_answered  # the worker is fine and can be asked again


@dataclass(frozen=True)
class ExtractJob:
    """One article to extract, as ``eventlens.pipeline.extract`` takes it."""

    content: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    doc_id: str | None = None
    is_html: bool = False


class _Worker:
    """One worker process and the server's end of the socket to it.

    A plain ``python -c`` child (not multiprocessing's spawn, which would import the
    server's main script again in the child): it gets its end of a socket pair and the
    server's pid, then the configuration as its first message.
    """

    def __init__(self, config: Config) -> None:
        ours, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from eventlens.web.extract_worker import worker_entry;"
                 " worker_entry()", str(theirs.fileno()), str(os.getpid())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.conn.send(config)

    def alive(self) -> bool:
        return self.process.poll() is None and not self.conn.closed

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.error("extraction worker %s did not exit after SIGKILL", self.process.pid)
        self.conn.close()


class Extractor:
    """Up to ``workers`` extraction processes, each answer due within ``time_limit_s``.

    ``run`` is called on the server's event loop; ``close`` stops every worker.
    """

    def __init__(self, config: Config, *, workers: int = 1,
                 time_limit_s: float = DEFAULT_TIME_LIMIT_S,
                 queue_timeout_s: float | None = None,
                 start_timeout_s: float = START_TIMEOUT_S) -> None:
        if workers < 1:
            raise ValueError(f"extract workers must be at least 1 (got {workers})")
        self.config = config
        self.workers = workers
        self.time_limit_s = time_limit_s
        # By default a request waits for a busy worker as long as one extraction may take.
        self.queue_timeout_s = time_limit_s if queue_timeout_s is None else queue_timeout_s
        self.start_timeout_s = start_timeout_s
        self._slots: list[_Worker | None] = [None] * workers
        self._running: set[_Worker] = set()
        self._free: asyncio.Semaphore | None = None
        self._closed = False

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers running now."""
        return [w.process.pid for w in self._running]

    async def run(self, job: ExtractJob) -> dict[str, Any]:
        """The extract document of ``job``; raises ExtractFailed (or InputError's reason as
        an ExtractFailed 422) when there is none."""
        if self._closed:
            raise ExtractFailed(503, "the server is stopping", retry_after=5)
        if self._free is None:
            self._free = asyncio.Semaphore(self.workers)
        try:
            async with asyncio.timeout(self.queue_timeout_s):
                await self._free.acquire()
        except TimeoutError:
            raise ExtractFailed(
                503, f"server busy: no extraction worker came free within "
                f"{self.queue_timeout_s:g} s; try again later", retry_after=5,
            ) from None
        worker = self._slots.pop()
        try:
            if worker is None or not worker.alive():
                if worker is not None:
                    self._stop(worker)  # it died between requests: reap it
                worker = None
                worker = await self._start()
            return await self._ask(worker, job)
        except BaseException as exc:
            # A worker that did not answer (deadline, crash, cancelled request) may still
            # be busy with this job: it is replaced, never asked again.
            answered = isinstance(exc, ExtractFailed) and exc.worker_answered
            if worker is not None and not answered:
                self._stop(worker)
                worker = None
            raise
        finally:
            self._slots.append(worker)
            self._free.release()

    async def _start(self) -> _Worker:
        if self._closed:
            raise ExtractFailed(503, "the server is stopping", retry_after=5)
        worker = await anyio.to_thread.run_sync(_Worker, self.config)
        self._running.add(worker)
        try:
            message = await _receive(worker.conn, self.start_timeout_s)
        except BaseException as exc:
            self._stop(worker)
            if isinstance(exc, TimeoutError):
                raise ExtractFailed(
                    503, "the extraction worker did not start within "
                    f"{self.start_timeout_s:g} s", retry_after=5,
                ) from None
            if isinstance(exc, (EOFError, OSError)):
                raise ExtractFailed(503, "the extraction worker failed to start",
                                    retry_after=5) from None
            raise
        if message != ("ready",):
            self._stop(worker)
            raise ExtractFailed(503, "the extraction worker failed to start", retry_after=5)
        return worker

    async def _ask(self, worker: _Worker, job: ExtractJob) -> dict[str, Any]:
        started = time.monotonic()
        try:
            worker.conn.send(job)
            message = await _receive(worker.conn, self.time_limit_s)
        except TimeoutError:
            log.warning("extraction passed its %g s limit: worker %s killed",
                        self.time_limit_s, worker.process.pid)
            raise ExtractFailed(
                422, f"extraction took longer than the server's limit of "
                f"{self.time_limit_s:g} s; the article was not processed",
            ) from None
        except (EOFError, OSError):
            code = worker.process.poll()
            raise ExtractFailed(
                503, f"the extraction worker stopped (exit code {code}) after "
                f"{time.monotonic() - started:.1f} s; try again", retry_after=5,
            ) from None
        kind, value = message
        if kind == "ok":
            result: dict[str, Any] = value
            return result
        if kind in ("input", "timeout"):
            raise ExtractFailed(422, value, worker_answered=True)
        log.error("extraction failed in worker %s:\n%s", worker.process.pid, value)
        raise ExtractFailed(500, f"internal error: {value.splitlines()[-1].split(':')[0]}",
                            worker_answered=True)

    def _stop(self, worker: _Worker) -> None:
        self._running.discard(worker)
        worker.kill()

    def close(self) -> None:
        """Stop every worker now (the server is stopping); later requests get 503."""
        self._closed = True
        for worker in list(self._running):
            self._stop(worker)


async def _receive(conn: Connection, timeout: float) -> Any:
    """The next message on ``conn``, waiting on the event loop (no thread) at most
    ``timeout`` seconds (TimeoutError); EOFError when the worker is gone."""
    loop = asyncio.get_running_loop()
    readable: asyncio.Future[None] = loop.create_future()
    fd = conn.fileno()

    def wake() -> None:
        if not readable.done():
            readable.set_result(None)

    loop.add_reader(fd, wake)
    try:
        async with asyncio.timeout(timeout):
            await readable
    finally:
        loop.remove_reader(fd)
    return conn.recv()


# -- in the worker process ---------------------------------------------------------------

def worker_entry() -> None:
    """The worker process's entry (``python -c``): argv holds the socket's file descriptor
    and the server's pid."""
    fd, parent_pid = int(sys.argv[1]), int(sys.argv[2])
    conn = Connection(fd)
    try:
        config = conn.recv()
    except (EOFError, OSError):
        return
    worker_main(conn, config, parent_pid)


def worker_main(conn: Connection, config: Config, parent_pid: int) -> None:
    """A worker process: load the pipeline, say ready, then extract job after job."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    from eventlens.pipeline import extract

    try:  # load the model and the stages' data now, not on the first request
        extract("Officials met in Paris on Monday.", config=config)
    except Exception:  # noqa: BLE001 - a request will report the same failure
        pass
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_extract(job, config))


def _extract(job: ExtractJob, config: Config) -> tuple[str, Any]:
    import traceback

    from eventlens.errors import InputError, StageTimeout
    from eventlens.pipeline import extract

    try:
        doc = extract(job.content, job.published, url=job.url, title=job.title,
                      doc_id=job.doc_id, is_html=job.is_html, config=config)
        return ("ok", doc.to_dict())
    except InputError as exc:
        return ("input", exc.reason)
    except StageTimeout as exc:
        return ("timeout", str(exc))
    except Exception:  # noqa: BLE001 - reported to the server, which answers 500
        return ("error", traceback.format_exc())


def _exit_with_parent(parent_pid: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)
