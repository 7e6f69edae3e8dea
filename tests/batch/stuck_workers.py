"""Worker processes for the pool tests: the real worker, with stages that misbehave on cue.

Imported by the worker processes themselves (``parallel.pool_documents(worker=...)``),
so it lives in a plain module of this folder, not in a test module.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from eventlens.batch import parallel
from eventlens.config import Config

# Cue words of the test articles.
HANGS_IN_STAGE = "Nairobi"  # a stage that never returns
HANGS_IN_PARSE = "Mogadishu"  # the parse never returns (also when parsed in a batch)
KILLS_WORKER = "Kinshasa"  # the worker process dies


def _hang() -> None:
    # Like compiled code that never returns to Python: the worker's own time limit
    # (SIGALRM) cannot interrupt it, only the parent's clock can.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3600)


def misbehaving_worker(conn: Connection, lifeline: Connection, config: Config) -> None:
    """``parallel.worker_main`` with the quotes stage and the parse patched to misbehave."""
    from eventlens import nlp
    from eventlens.quotes import stage as quotes

    real_find_quotes = quotes.find_quotes
    real_parse_texts = nlp.parse_texts

    def find_quotes(doc: Any, actors: Any) -> Any:
        if HANGS_IN_STAGE in doc.text:
            _hang()
        if KILLS_WORKER in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_find_quotes(doc, actors)

    def parse_texts(model: Any, texts: Iterable[str], batch_size: int) -> Iterator[Any]:
        texts = list(texts)
        if any(HANGS_IN_PARSE in t for t in texts):
            _hang()
        return real_parse_texts(model, texts, batch_size)

    quotes.find_quotes = find_quotes  # type: ignore[assignment]
    nlp.parse_texts = parse_texts  # type: ignore[assignment]
    parallel.worker_main(conn, lifeline, config)
