"""Run the pipeline over many inputs on N worker processes, keeping input order."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from eventlens.config import Config
from eventlens.errors import InputError
from eventlens.inputs.datasets import Item
from eventlens.pipeline import extract_many
from eventlens.records import Document, RawInput, error_document


def _documents_for_chunk(chunk: list[Item], config: Config) -> list[dict]:
    return [d.to_dict() for d in documents_in_process(chunk, config)]


def documents_in_process(items: Iterable[Item], config: Config) -> Iterator[Document]:
    """Yield one Document per item in this process, in order (errors become error documents)."""
    raws: list[RawInput] = []
    # Errors are interleaved back at their positions so output order is input order.
    order: list[Document | None] = []
    for item in items:
        if isinstance(item, InputError):
            order.append(error_document(item.line_id, str(item)))
        else:
            raws.append(item)
            order.append(None)
    docs = extract_many(raws, config)
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

    ``jobs`` > 1 spreads chunks over worker processes, each loading the models once.
    """
    if jobs <= 1:
        for doc in documents_in_process(items, config):
            yield doc.to_dict()
        return
    chunk_size = max(1, config.batch_size)
    ctx = get_context("forkserver")
    # Workers fork from a server that has imported the pipeline once (spaCy, stage
    # modules), then each loads the model and warms its stages before the first chunk.
    ctx.set_forkserver_preload(["eventlens.pipeline"])
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=warm_up, initargs=(config,)
    ) as pool:
        # Bounded look-ahead: at most 2*jobs chunks in flight keeps memory flat.
        pending = []
        for chunk in _chunks(items, chunk_size):
            pending.append(pool.submit(_documents_for_chunk, chunk, config))
            if len(pending) >= 2 * jobs:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()
