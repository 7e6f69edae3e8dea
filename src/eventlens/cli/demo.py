"""``eventlens demo``: run the pipeline on the bundled illustrative sample articles."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from eventlens.cli.db import DEFAULT_DB
from eventlens.config import Config


def register(subparsers: Any) -> None:
    """Add the ``demo`` sub-command."""
    p = subparsers.add_parser("demo", help="run eventlens on the bundled sample articles")
    p.add_argument("--out", default="demo-output", help="folder for the JSON documents")
    p.add_argument("--db", default=DEFAULT_DB, help="store the samples are ingested into")
    p.add_argument("--port", type=int, default=8000, help="dashboard port (default 8000)")
    p.add_argument("--no-serve", action="store_true", help="stop after ingesting (no server)")
    p.set_defaults(func=run)


def sample_paths() -> list[Path]:
    """Return the bundled sample article files (illustrative, team-written)."""
    folder = resources.files("eventlens") / "samples"
    return sorted(
        Path(str(p)) for p in folder.iterdir() if p.name.endswith((".txt", ".html"))
    )


def run(args: argparse.Namespace) -> int:
    """Extract every sample article, write the documents, and say where to look."""
    from eventlens.inputs import readers
    from eventlens.pipeline import extract_raw
    from eventlens.store.stage import content_hash, open_store

    config = Config()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    store = open_store(args.db)
    for path in sample_paths():
        raw = readers.read_path(str(path), config.max_input_bytes)
        doc = extract_raw(replace(raw, id=path.stem), config)
        target = out / f"{path.stem}.json"
        target.write_text(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2), "utf-8")
        if not doc.errors:  # already stored (same content) is fine: the demo can re-run
            store.add_document(doc.to_dict(), content_hash=content_hash(raw.content),
                               source=str(path))
        print(
            f"{path.name}: {len(doc.events)} events, {len(doc.actors)} actors, "
            f"{len(doc.places)} places, {len(doc.quotes)} quotes -> {target}"
        )
    store.close()
    print(f"\nDone. Look at the extract documents in {out.resolve()}/")
    print(f"The samples are stored in {Path(args.db).resolve()} (eventlens query --db {args.db}).")
    if args.no_serve:
        return 0
    from eventlens.cli import serve

    return serve.run(argparse.Namespace(db=args.db, create=True, host="127.0.0.1",
                                        port=args.port, cors_origin=[], max_body=None))
