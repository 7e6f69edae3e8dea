"""``eventlens demo``: run the pipeline on the bundled illustrative sample articles."""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path
from typing import Any

from eventlens.config import Config


def register(subparsers: Any) -> None:
    """Add the ``demo`` sub-command."""
    p = subparsers.add_parser("demo", help="run eventlens on the bundled sample articles")
    p.add_argument("--out", default="demo-output", help="folder for the JSON documents")
    p.set_defaults(func=run)


def sample_paths() -> list[Path]:
    """Return the bundled sample article files (illustrative, team-written)."""
    folder = resources.files("eventlens") / "samples"
    return sorted(
        Path(str(p)) for p in folder.iterdir() if p.name.endswith((".txt", ".html"))
    )


def run(args: argparse.Namespace) -> int:
    """Extract every sample article, write the documents, and say where to look."""
    from eventlens import ingest
    from eventlens.pipeline import extract

    config = Config()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in sample_paths():
        raw = ingest.read_path(str(path), config.max_input_bytes)
        doc = extract(raw.content, doc_id=path.stem, config=config)
        target = out / f"{path.stem}.json"
        target.write_text(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2), "utf-8")
        print(
            f"{path.name}: {len(doc.events)} events, {len(doc.actors)} actors, "
            f"{len(doc.places)} places, {len(doc.quotes)} quotes -> {target}"
        )
    print(f"\nDone. Look at the extract documents in {out.resolve()}/")
    return 0
