"""The store the commands work on: its default path and how a command opens it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from eventlens.errors import InputError, SchemaError

if TYPE_CHECKING:  # the store is imported when a command opens it, not at start-up
    from eventlens.store.stage import Store

# The SQLite store of ingest, query, export, serve and demo when no --db is given.
DEFAULT_DB = "eventlens.db"


def open_db(db: str, *, existing: bool = False) -> Store:
    """Open the store at ``db``; an InputError naming ``db`` when it cannot be used.

    ``existing`` refuses a path with no store yet (query, export) instead of creating
    one there. ``cli.stage.main`` prints the error (exit code 2).
    """
    from eventlens.store.stage import open_store

    if existing and not Path(db).is_file():
        raise InputError(db, "no such store (run `eventlens ingest` first)")
    try:
        return open_store(db)
    except (SchemaError, OSError) as exc:
        raise InputError(db, str(exc)) from None
