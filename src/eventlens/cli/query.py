"""``eventlens query``: filter stored events and print them as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from typing import Any

from eventlens.cli.db import DEFAULT_DB, open_db
from eventlens.errors import QueryError

# Columns of the table and CSV formats (JSON prints the whole event dicts).
QUERY_COLUMNS = (
    "id", "day", "type", "mode", "source", "source_country", "target", "target_country",
    "location", "country", "status", "confidence", "num_articles", "article_id", "sentence",
)


def register(subparsers: Any) -> None:
    """Add the ``query`` sub-command."""
    p = subparsers.add_parser("query", help="filter events in the store",
                              description="Print stored events matching all the filters given.")
    add_filter_arguments(p)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--limit", type=int, default=50, help="at most this many events (default 50)")
    p.add_argument("--offset", type=int, default=0)
    p.set_defaults(func=run)


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """Add ``--db`` and the event filter options (shared with ``export``)."""
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default ./{DEFAULT_DB})")
    p.add_argument("--type", help="PLOVER event type(s), comma-separated")
    p.add_argument("--actor", help="substring of the source or target actor name")
    p.add_argument("--country", help="ISO alpha-3 of source, target or location")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--near", metavar="LAT,LON,KM", help="located within KM of the point")
    p.add_argument("--text", metavar="Q", help="full-text query over article text (FTS5)")
    p.add_argument("--min-confidence", metavar="X", type=float,
                   help="only events with confidence >= X (0 to 1)")
    p.add_argument("--status", help="occurred, future, hypothetical, negated (comma-separated)")
    p.add_argument("--sector", help="PLOVER sector code(s) of the source or target (GOV, MIL)")
    p.add_argument("--undated", action=argparse.BooleanOptionalAction, default=None,
                   help="only events with no date at all (--no-undated: only dated ones)")


def filters_from_args(args: argparse.Namespace) -> Any:
    """Build EventFilters from parsed arguments (QueryError on bad values)."""
    from eventlens.store.stage import EventFilters, check_sector, check_status, parse_near

    check_filter_values(args.type, args.country)
    for flag, check, value in (("--status", check_status, args.status),
                               ("--sector", check_sector, args.sector)):
        try:
            check(value)
        except QueryError as exc:
            raise QueryError(f"{flag}: {exc}") from None
    return EventFilters(
        type=args.type, actor=args.actor, country=args.country, since=args.since,
        until=args.until, near=parse_near(args.near) if args.near else None, text=args.text,
        min_confidence=args.min_confidence,
        status=(args.status or "").strip().lower() or None,
        sector=(args.sector or "").strip().upper() or None,
        undated=args.undated,
    )


def check_filter_values(types: str | None, countries: str | None) -> None:
    """Refuse a ``--type`` that is no PLOVER type and a ``--country`` that is no alpha-3 code.

    The store would match nothing for them (the API answers 400): a QueryError naming
    the bad value and the allowed form instead (``cli.stage.main``: exit code 2).
    """
    from eventlens.events.lexicon import PLOVER_TYPES

    unknown = [t for t in _parts(types) if t.upper() not in PLOVER_TYPES]
    if unknown:
        raise QueryError(
            f"--type: unknown event type {', '.join(map(repr, unknown))}; expected PLOVER "
            f"types, comma-separated: {', '.join(PLOVER_TYPES)}"
        )
    bad = [c for c in _parts(countries) if not _ALPHA3.fullmatch(c.upper())]
    if bad:
        raise QueryError(
            f"--country: {bad[0]!r} is not an ISO 3166 alpha-3 code; expected 3 letters "
            "A-Z such as IRQ, comma-separated for several"
        )


_ALPHA3 = re.compile(r"[A-Z]{3}")


def _parts(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(",") if p.strip()]


def run(args: argparse.Namespace) -> int:
    """Run the query and print the events (a bad filter value: QueryError, exit 2)."""
    filters = filters_from_args(args)  # bad values are refused before the store is opened
    with open_db(args.db, existing=True) as store:
        events = store.query_events(filters, args.limit, args.offset)
    if args.format == "json":
        json.dump(events, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(QUERY_COLUMNS)
        writer.writerows([flat_row(e)[c] for c in QUERY_COLUMNS] for e in events)
    else:
        _print_table(events)
    return 0


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """Flatten one event dict into the query columns."""
    def name(actor: Any) -> Any:
        return actor.get("name") if isinstance(actor, dict) else None

    def country(obj: Any) -> Any:
        return obj.get("country") if isinstance(obj, dict) else None

    return {
        "id": event["id"], "day": event.get("day"), "type": event["type"],
        "mode": event.get("mode"), "source": name(event.get("source")),
        "source_country": country(event.get("source")), "target": name(event.get("target")),
        "target_country": country(event.get("target")), "location": name(event.get("location")),
        "country": country(event.get("location")), "status": event.get("status"),
        "confidence": event.get("confidence"), "num_articles": event.get("num_articles"),
        "article_id": event.get("article_id"), "sentence": event.get("sentence"),
    }


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_table(events: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(markup=False, highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, 160)
    table = Table(show_lines=False)
    shown = ("id", "day", "type", "source", "target", "location", "status", "sentence")
    for col in shown:
        table.add_column(col, no_wrap=col != "sentence", overflow="ellipsis", max_width=None
                         if col == "sentence" else 24)
    for event in events:
        row = flat_row(event)
        row["sentence"] = _short(" ".join(str(row["sentence"] or "").split()), 90)
        table.add_row(*("" if row[c] is None else str(row[c]) for c in shown))
    console.print(table)
    console.print(f"{len(events)} event(s)")
