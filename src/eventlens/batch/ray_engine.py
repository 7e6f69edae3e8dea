"""Ray engine for ``eventlens batch``: Ray Data, streaming, one model per actor.

Plan: input files -> ``flat_map`` (read each file into article rows, as Ray tasks)
-> ``map_batches`` on an actor pool (each actor loads the spaCy model and the stage
data once, then extracts batch after batch) -> rows streamed back to the driver in
input order, which writes the same Parquet dataset as the local engine.
Input paths must be readable from every Ray node (shared storage) on a cluster.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from eventlens.batch.options import BatchOptions, item_key
from eventlens.config import Config
from eventlens.errors import InputError
from eventlens.inputs.datasets import Item, read_input_file
from eventlens.inputs.tables import DatasetWriter
from eventlens.records import RawInput

# Target block size for Ray Data: about 15-30 news articles per block.
BLOCK_BYTES = 64 * 1024


def _item_to_json(item: Item) -> str:
    article_id, digest = item_key(item)
    if isinstance(item, InputError):
        payload: dict[str, Any] = {
            "error_source": item.source,
            "error_reason": item.reason,
            "line_id": item.line_id,
        }
    else:
        payload = {"raw": asdict(item)}
    payload.update(article_id=article_id, content_hash=digest)
    return json.dumps(payload, ensure_ascii=False)


def _item_from_json(text: str) -> tuple[Item, str, str | None]:
    payload = json.loads(text)
    item: Item
    if "raw" in payload:
        item = RawInput(**payload["raw"])
    else:
        item = InputError(payload["error_source"], payload["error_reason"], payload["line_id"])
    return item, payload["article_id"], payload["content_hash"]


def read_file_rows(
    row: dict[str, Any], max_bytes: int, done: frozenset[tuple[str, str | None]] = frozenset()
) -> Iterator[dict[str, Any]]:
    """flat_map step: one row per article of one input file (errors included).

    Inputs in ``done`` (already in a resumed dataset) are left out.
    """
    for rec_no, item in enumerate(read_input_file(str(row["path"]), max_bytes)):
        if item_key(item) not in done:
            yield {"file_no": row["file_no"], "rec_no": rec_no, "item": _item_to_json(item)}


class Extractor:
    """map_batches callable class: one per Ray actor, so models load once per worker."""

    def __init__(self, config: Config) -> None:
        from eventlens.batch.parallel import warm_up

        self.config = config
        warm_up(config)

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        """Extract the documents of one batch of input rows (a pyarrow table)."""
        from eventlens.batch.parallel import documents_in_process

        decoded = [_item_from_json(r) for r in batch.column("item").to_pylist()]
        docs = documents_in_process([d[0] for d in decoded], self.config)
        return {
            "article_id": [d[1] for d in decoded],
            "content_hash": [d[2] for d in decoded],
            "doc": [json.dumps(doc.to_dict(), ensure_ascii=False) for doc in docs],
        }


def _connect(options: BatchOptions) -> bool:
    """Join ``options.address`` or start a local Ray; True when we started it."""
    import ray

    if ray.is_initialized():
        return False
    if options.address:
        ray.init(address=options.address, log_to_driver=False, logging_level=logging.WARNING)
        return True
    ray.init(
        num_cpus=options.ray_num_cpus or options.workers + 1,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.WARNING,
    )
    return True


def run_ray(
    files: list[str],
    writer: DatasetWriter,
    config: Config,
    options: BatchOptions,
    done: set[tuple[str, str | None]] | frozenset[tuple[str, str | None]] = frozenset(),
) -> int:
    """Run the batch on Ray Data; write through ``writer``; return the number of inputs run.

    Faults are Ray Data's to recover: a killed extraction actor is restarted and its
    batch retried, a lost node's blocks are recomputed from lineage, and rows reach
    the driver (the only writer) exactly once, in input order. If the driver itself
    dies, ``--resume`` continues from the writer's last checkpoint.
    """
    import ray
    import ray.data

    started = _connect(options)
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-dataset chatter
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # same row order as the local engine
        ctx.enable_progress_bars = False
        # A file's rows form one block by default, and one block goes to one actor:
        # small blocks spread a single big input file over the whole pool.
        ctx.target_max_block_size = BLOCK_BYTES
        if not files:
            return 0
        ds: Any = ray.data.from_items([{"file_no": i, "path": p} for i, p in enumerate(files)])
        # Reading is light: num_cpus=0 so it never waits behind the extraction actors.
        ds = ds.flat_map(
            read_file_rows,
            fn_kwargs={"max_bytes": config.max_input_bytes, "done": frozenset(done)},
            num_cpus=0,
        )
        ds = ds.map_batches(
            Extractor,
            fn_constructor_kwargs={"config": config},
            compute=ray.data.ActorPoolStrategy(size=max(1, options.workers)),
            batch_size=max(1, config.batch_size),
            batch_format="pyarrow",
            num_cpus=1,
        )
        n = 0
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            for row in batch.to_pylist():
                doc = json.loads(row["doc"])
                writer.add(doc, article_id=row["article_id"], content_hash=row["content_hash"])
                n += 1
        return n
    finally:
        if started:
            ray.shutdown()
