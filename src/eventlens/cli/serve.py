"""``eventlens serve``: the web dashboard and JSON API over a store (FastAPI + uvicorn)."""

from __future__ import annotations

import argparse
import ipaddress
import sqlite3
import sys
from typing import Any

from eventlens.cli.db import DEFAULT_DB


def register(subparsers: Any) -> None:
    """Add the ``serve`` sub-command."""
    p = subparsers.add_parser(
        "serve", help="serve the dashboard and JSON API over an event store"
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default: ./{DEFAULT_DB})")
    p.add_argument(
        "--host", default="127.0.0.1",
        help="address to bind (default 127.0.0.1: this machine only)",
    )
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--cors-origin", action="append", default=[], metavar="ORIGIN",
        help="let this origin call the API from a browser (repeatable; CORS is off by default)",
    )
    p.add_argument(
        "--max-body", type=int, default=None, metavar="BYTES",
        help="largest request body accepted (default 2,000,000); larger ones get 413",
    )
    p.set_defaults(func=run)


def url_for(host: str, port: int) -> str:
    """The URL a person opens for a server bound to ``host``:``port``."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    """Start uvicorn with the app for ``--db``; returns when the server stops."""
    import uvicorn

    from eventlens.errors import SchemaError
    from eventlens.web.stage import DEFAULT_MAX_BODY_BYTES, create_app

    if not 0 < args.port < 65536:
        print(f"eventlens serve: bad --port {args.port}", file=sys.stderr)
        return 2
    try:
        app = create_app(
            args.db, max_body_bytes=args.max_body or DEFAULT_MAX_BODY_BYTES,
            cors_origins=args.cors_origin,
        )
    except (SchemaError, OSError, ValueError, sqlite3.Error) as exc:
        print(f"eventlens serve: {args.db}: {exc}", file=sys.stderr)
        return 2
    if not _is_loopback(args.host):
        print(
            f"eventlens serve: warning: listening on {args.host}, reachable from other machines",
            file=sys.stderr,
        )
    print(f"eventlens: serving {args.db} at {url_for(args.host, args.port)}  (Ctrl-C to stop)",
          flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
