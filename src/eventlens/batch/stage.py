"""Batch mode: run the pipeline over many inputs into a Parquet dataset.

Two engines produce the same dataset: ``local`` (this machine's worker processes,
see eventlens.batch.parallel) and ``ray`` (Ray Data with an actor pool, see
eventlens.batch.ray_engine); both take a BatchOptions (eventlens.batch.options).
The layout is one folder per table (articles, events, places, quotes, actors,
entities: hive-partitioned by ``published=YYYY-MM-DD``; errors: one row per input
that failed) plus ``_summary.json``.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventlens.batch.options import ENGINES, BatchOptions, item_key
from eventlens.config import Config
from eventlens.errors import InputError
from eventlens.inputs.datasets import Item, list_input_files, read_input_file
from eventlens.inputs.tables import PROGRESS, TABLES, DatasetWriter

SUMMARY_FILE = "_summary.json"


def prepare_output(out_dir: Path, overwrite: bool, resume: bool = False) -> None:
    """Create ``out_dir``; refuse to mix with an existing dataset unless told how.

    ``overwrite`` replaces it; ``resume`` continues it, which needs its checkpoints.
    """
    if out_dir.exists() and any(out_dir.iterdir()):
        if resume:
            if not (out_dir / PROGRESS).is_dir():
                raise InputError(str(out_dir), "no batch checkpoints to resume from")
            return
        if not overwrite:
            raise InputError(
                str(out_dir), "output folder is not empty (use --overwrite or --resume)"
            )
        for name in (*TABLES, SUMMARY_FILE, PROGRESS):
            target = out_dir / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def run_batch(
    paths: list[str],
    out_dir: Path,
    config: Config,
    options: BatchOptions,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Run a batch and write the dataset; return the summary (also in ``_summary.json``).

    ``progress``, when given, is called with the number of inputs written so far.
    """
    if options.engine not in ENGINES:
        raise ValueError(f"unknown engine {options.engine!r} (choose from {', '.join(ENGINES)})")
    prepare_output(out_dir, options.overwrite, options.resume)
    files = list_input_files(paths)
    done: set[tuple[str, str | None]] = set()
    if options.resume:
        writer, done = DatasetWriter.resume(out_dir, options.checkpoint_every)
    else:
        writer = DatasetWriter(out_dir, options.checkpoint_every)
    started = time.perf_counter()
    if progress is not None:
        writer.on_add = lambda: progress(len(done) + writer.added)
    if options.engine == "ray":
        from eventlens.batch.ray_engine import run_ray

        n_docs = run_ray(files, writer, config, options, done)
    else:
        n_docs = run_local(files, writer, config, options.workers, done)
    counts = writer.close()
    summary = {
        "engine": options.engine,
        "workers": options.workers,
        "input_files": len(files),
        "inputs": n_docs + len(done),
        "resumed": len(done),
        "seconds": round(time.perf_counter() - started, 3),
        "rows": counts,
    }
    (out_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def run_local(
    files: list[str],
    writer: DatasetWriter,
    config: Config,
    workers: int,
    done: set[tuple[str, str | None]] | frozenset[tuple[str, str | None]] = frozenset(),
) -> int:
    """Local engine: worker processes on this machine; return the number of inputs run.

    Inputs whose key is in ``done`` (already in a resumed dataset) are skipped.
    """
    from eventlens.batch.parallel import run_documents

    keys: deque[tuple[str, str | None]] = deque()

    def items() -> Iterator[Item]:
        for path in files:
            for item in read_input_file(path, config.max_input_bytes):
                key = item_key(item)
                if key in done:
                    continue
                # Documents come back in input order, one per item: keys pair up FIFO.
                keys.append(key)
                yield item

    n = 0
    for doc in run_documents(items(), config, workers):
        article_id, digest = keys.popleft()
        writer.add(doc, article_id=article_id, content_hash=digest)
        n += 1
    return n
