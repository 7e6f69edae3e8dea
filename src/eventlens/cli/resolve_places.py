"""``eventlens resolve-places --jsonl IN|-``: resolve user-given place mentions.

Input lines: ``{"id", "text", "spans": [[start, end], ...]}``. Output lines:
``{"id", "places": [{start, end, text, name, lat, lon, geonameid, country, admin1,
feature}]}``, one place per span in input order (null lat/lon when unresolved;
with ``--backoff`` the document's focus point instead, name and geonameid null). A bad
line yields ``{"id", "places": [], "errors": ["..."]}`` and the batch goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from eventlens.config import Config


def register(subparsers: Any) -> None:
    """Add the ``resolve-places`` sub-command."""
    p = subparsers.add_parser(
        "resolve-places", help="resolve given place mentions to gazetteer entries (JSON lines)"
    )
    p.add_argument(
        "--jsonl",
        required=True,
        metavar="IN",
        help='input file of {"id","text","spans"} lines, or - for stdin',
    )
    p.add_argument(
        "--gazetteer",
        type=Path,
        default=None,
        help="gazetteer SQLite file (default: built in the user cache dir)",
    )
    p.add_argument(
        "--backoff",
        action="store_true",
        help="give a mention the gazetteer cannot resolve the document's focus point "
        "(lat/lon, country, admin1; name and geonameid stay null)",
    )
    p.set_defaults(func=run)


def _parse_line(line: str) -> tuple[Any, str, list[tuple[int, int]]]:
    """Validate one input line; raise ValueError with a clear message."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError("a line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    spans = obj.get("spans")
    if not isinstance(spans, list) or not all(
        isinstance(s, list) and len(s) == 2 and all(type(v) is int for v in s) for s in spans
    ):
        raise ValueError('"spans" must be a list of [start, end] integer pairs')
    return obj.get("id"), text, [(s[0], s[1]) for s in spans]


def _guess_id(line: str) -> Any:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return None
    return obj.get("id") if isinstance(obj, dict) else None


def resolve_lines(
    lines: IO[str], config: Config, source: str, *, backoff: bool = False
) -> Iterator[dict[str, Any]]:
    """One output object per non-blank input line, errors reported in the line."""
    from eventlens.places.stage import resolve_spans  # loads spaCy: not at start-up
    from eventlens.resources import get_resources

    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc_id, text, spans = _parse_line(line)
            places = resolve_spans(text, spans, get_resources(config), backoff=backoff)
        except ValueError as exc:
            yield {"id": _guess_id(line), "places": [], "errors": [f"{source}:{lineno}: {exc}"]}
            continue
        except Exception as exc:  # noqa: BLE001 - one bad line must not stop a batch
            yield {
                "id": _guess_id(line),
                "places": [],
                "errors": [f"{source}:{lineno}: {type(exc).__name__}: {exc}"],
            }
            continue
        yield {"id": doc_id, "places": [_place_json(asdict(p)) for p in places]}


_FIELDS = (
    "start",
    "end",
    "text",
    "name",
    "lat",
    "lon",
    "geonameid",
    "country",
    "admin1",
    "feature",
)


def _place_json(place: dict[str, Any]) -> dict[str, Any]:
    return {k: place[k] for k in _FIELDS}


def run(args: argparse.Namespace) -> int:
    """Resolve every line of the input; exit 2 only when the input cannot be opened."""
    config = Config(gazetteer_path=args.gazetteer)
    if args.jsonl == "-":
        stream: IO[str] = sys.stdin
        source = "<stdin>"
    else:
        try:
            stream = open(args.jsonl, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            print(f"eventlens resolve-places: {args.jsonl}: {exc.strerror}", file=sys.stderr)
            return 2
        source = args.jsonl
    try:
        for out in resolve_lines(stream, config, source, backoff=args.backoff):
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 0
