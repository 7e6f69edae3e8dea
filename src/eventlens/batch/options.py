"""What the batch engines share: the run options and the key each input is written under.

Both engines (``batch.stage``'s local one and ``batch.ray_engine``) import it, so
neither imports the other for these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventlens.errors import InputError
from eventlens.inputs.datasets import Item
from eventlens.store.stage import content_hash

ENGINES = ("local", "ray")


@dataclass
class BatchOptions:
    """How to run one batch: engine, workers and, for Ray, the cluster address."""

    engine: str = "local"
    workers: int = 1
    address: str | None = None
    overwrite: bool = False
    # Continue an interrupted run in the same output folder (inputs already written
    # are skipped); checkpoints are written every ``checkpoint_every`` inputs.
    resume: bool = False
    checkpoint_every: int = 500
    # Ray: CPUs for a locally started Ray (default: workers + 1 for the readers).
    ray_num_cpus: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def item_key(item: Item) -> tuple[str, str | None]:
    """(article id, content hash) of an input: its source name and the hash of its content.

    The hash is the store's de-duplication key, so loading the dataset into a store
    (``eventlens ingest DATASET``) recognises articles already stored.
    """
    if isinstance(item, InputError):
        return item.source, None
    return item.source, content_hash(item.content)
