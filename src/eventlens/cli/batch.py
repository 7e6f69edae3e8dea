"""``eventlens batch``: many inputs to a Parquet dataset, locally or on Ray."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from eventlens.config import Config


def register(subparsers: Any) -> None:
    """Add the ``batch`` sub-command."""
    p = subparsers.add_parser(
        "batch",
        help="extract many inputs into a Parquet dataset (local processes or Ray)",
        description="Read JSON lines, WARC, Parquet files or directories and write a Parquet "
        "dataset (articles, events, places, quotes, actors, entities, errors; partitioned "
        "by publication date).",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file or directory")
    p.add_argument("--output", "-o", required=True, metavar="DIR", help="dataset folder")
    p.add_argument("--engine", choices=["local", "ray"], default="local")
    p.add_argument(
        "--address",
        help="Ray cluster to join: 'auto' or ray://HOST:10001 (default: start Ray locally)",
    )
    p.add_argument("--workers", type=int, default=None, help="worker processes / Ray actors")
    p.add_argument("--overwrite", action="store_true", help="replace an existing dataset")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same --output (inputs already "
                        "written are skipped)")
    p.add_argument("--checkpoint-every", type=int, default=500, metavar="N",
                   help="write rows and a checkpoint every N inputs (default 500)")
    p.add_argument("--batch-size", type=int, default=None, help="articles per spaCy batch")
    p.add_argument("--quiet", action="store_true", help="no progress (bar or log lines)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``batch``; exit 0 when every input was extracted, 1 when some failed, 2 on misuse."""
    from eventlens.batch.stage import BatchOptions, run_batch

    workers = max(1, args.workers or os.cpu_count() or 1)
    config = Config(jobs=workers)
    if args.batch_size:
        config = Config(jobs=workers, batch_size=max(1, args.batch_size))
    if args.resume and args.overwrite:
        print("eventlens batch: choose one of --resume and --overwrite", file=sys.stderr)
        return 2
    if args.address and args.engine != "ray":
        print("eventlens batch: --address needs --engine ray", file=sys.stderr)
        return 2
    if args.engine == "ray" and importlib.util.find_spec("ray") is None:
        print(
            'eventlens batch: --engine ray needs Ray: pip install "eventlens[ray]"',
            file=sys.stderr,
        )
        return 2
    options = BatchOptions(
        engine=args.engine, workers=workers, address=args.address, overwrite=args.overwrite,
        resume=args.resume, checkpoint_every=max(1, args.checkpoint_every),
    )
    from eventlens.cli.progress import Progress
    from eventlens.inputs.datasets import count_inputs, list_input_files

    total = count_inputs(list_input_files(list(args.inputs)))
    try:
        with Progress("batch", total, quiet=args.quiet) as shown:
            summary = run_batch(list(args.inputs), Path(args.output), config, options,
                                progress=shown.update)
            shown.update(summary["inputs"], final=True)
    except ConnectionError as exc:  # Ray: no cluster at --address
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"eventlens: error: Ray cluster {args.address or 'local'}: {first}", file=sys.stderr)
        return 2
    rows = summary["rows"]
    print(
        (f"{summary['resumed']} inputs already done, " if summary["resumed"] else "")
        + f"{summary['inputs']} inputs in {summary['seconds']:.1f} s ({args.engine}, "
        f"{workers} workers): {rows['articles']} articles, {rows['events']} events, "
        f"{rows['places']} places, {rows['quotes']} quotes, {rows['errors']} errors "
        f"-> {args.output}",
        file=sys.stderr,
    )
    return 1 if rows["errors"] else 0
