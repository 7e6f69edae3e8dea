"""``eventlens serve``: the web dashboard and JSON API over a store (FastAPI + uvicorn).

The server stops on SIGTERM or Ctrl-C: requests still running get ``SHUTDOWN_GRACE_S``
seconds to finish, then are cancelled; should anything still hold the process
``FORCE_EXIT_AFTER_S`` seconds after the signal, it exits anyway.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import socket
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

from eventlens.cli.db import DEFAULT_DB
from eventlens.errors import EventlensError, InputError, SchemaError

# Seconds running requests get to finish once the server is told to stop.
SHUTDOWN_GRACE_S = 5
# Seconds after the stop signal at which the process exits whatever still runs.
FORCE_EXIT_AFTER_S = 15.0


def register(subparsers: Any) -> None:
    """Add the ``serve`` sub-command."""
    p = subparsers.add_parser(
        "serve", help="serve the dashboard and JSON API over an event store"
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default: ./{DEFAULT_DB})")
    p.add_argument("--create", action="store_true",
                   help="start an empty store when --db does not exist (default: refuse)")
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
    p.add_argument(
        "--pool-size", type=int, default=4, metavar="N",
        help="store connections read in parallel (default 4)",
    )
    p.add_argument(
        "--pool-timeout", type=float, default=None, metavar="SECONDS",
        help="how long a request waits for a store connection before it gets 503 (default 5)",
    )
    p.add_argument(
        "--extract-workers", type=int, default=1, metavar="N",
        help="processes running POST /api/extract (default 1, started on first use)",
    )
    p.add_argument(
        "--extract-time-limit", type=float, default=None, metavar="SECONDS",
        help="longest one POST /api/extract may run before it is stopped with 422 (default 30)",
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
    """Start uvicorn with the app for ``--db``; returns when the server stops.

    A missing store is refused unless ``--create``; a port that cannot be bound is one
    error line (exit code 2).
    """
    import uvicorn

    from eventlens.web.extract_worker import DEFAULT_TIME_LIMIT_S
    from eventlens.web.pool import DEFAULT_POOL_TIMEOUT_S
    from eventlens.web.stage import DEFAULT_MAX_BODY_BYTES, create_app

    if not 0 < args.port < 65536:
        print(f"eventlens serve: bad --port {args.port}", file=sys.stderr)
        return 2
    # Other commands (``demo``) call this with only the options they know.
    pool_size = getattr(args, "pool_size", 4)
    pool_timeout = getattr(args, "pool_timeout", None)
    extract_workers = getattr(args, "extract_workers", 1)
    extract_time_limit = getattr(args, "extract_time_limit", None)
    for flag, value in (("--pool-size", pool_size), ("--extract-workers", extract_workers)):
        if value < 1:
            print(f"eventlens serve: bad {flag} {value}: at least 1", file=sys.stderr)
            return 2
    for flag, seconds in (("--pool-timeout", pool_timeout),
                          ("--extract-time-limit", extract_time_limit)):
        if seconds is not None and not 0 < seconds < float("inf"):
            print(f"eventlens serve: bad {flag} {seconds}: a positive number of seconds",
                  file=sys.stderr)
            return 2
    if not getattr(args, "create", False) and not Path(args.db).is_file():
        raise InputError(args.db, "no such store (run `eventlens ingest` first, or give "
                         "--create to serve an empty one)")
    sock = bind_port(args.host, args.port)  # before the app: a busy port is one line, exit 2
    try:
        app = create_app(
            args.db, max_body_bytes=args.max_body or DEFAULT_MAX_BODY_BYTES,
            cors_origins=args.cors_origin, pool_size=pool_size,
            pool_timeout=pool_timeout or DEFAULT_POOL_TIMEOUT_S,
            extract_workers=extract_workers,
            extract_time_limit=extract_time_limit or DEFAULT_TIME_LIMIT_S,
        )
    except (SchemaError, OSError, ValueError, sqlite3.Error) as exc:
        sock.close()
        print(f"eventlens serve: {args.db}: {exc}", file=sys.stderr)
        return 2
    if not _is_loopback(args.host):
        print(
            f"eventlens serve: warning: listening on {args.host}, reachable from other machines",
            file=sys.stderr,
        )
    print(f"eventlens: serving {args.db} at {url_for(args.host, args.port)}  (Ctrl-C to stop)",
          flush=True)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                            timeout_graceful_shutdown=SHUTDOWN_GRACE_S)
    server = uvicorn.Server(config)
    threading.Thread(target=_exit_when_stuck, args=(server,), daemon=True,
                     name="eventlens-serve-watchdog").start()
    server.run(sockets=[sock])
    return 0


def bind_port(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` for uvicorn to listen on.

    Bound here, before anything is printed, so a port in use (or an address this
    machine does not have) is one ``EventlensError`` line, exit code 2, instead of
    "serving" followed by uvicorn's log; uvicorn gets the socket itself (no race).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise EventlensError(f"port {port} on {host} is in use") from None
        reason = exc.strerror or str(exc)
        raise EventlensError(f"cannot listen on {host} port {port}: {reason}") from None
    return sock


def _exit_when_stuck(server: Any) -> None:
    """Once the server is told to stop, end the process if it has not ended in time."""
    while not server.should_exit:
        time.sleep(0.2)
    time.sleep(FORCE_EXIT_AFTER_S)
    print(f"eventlens serve: still stopping {FORCE_EXIT_AFTER_S:g} s after the signal; "
          "exiting", file=sys.stderr, flush=True)
    os._exit(1)
