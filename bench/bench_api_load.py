"""Bounded load test of the JSON API: p50/p99 latency and errors under concurrency.

Builds a store of synthetic events (rows inserted directly, 100k by default), starts
``eventlens serve`` on a free port of 127.0.0.1 in a subprocess, then sends a fixed
number of requests (2,000 to /api/events at 20 concurrent by default, plus 200 to
/api/summary, which the dashboard calls with each filter change) from an httpx
async client with a mix of filters. Every request goes to 127.0.0.1 only; the run
stops by itself (bounded count, per-request timeout, overall deadline).

    python bench/bench_api_load.py [--events 100000] [--requests 2000] [--concurrency 20]
                                   [--write docs/performance.md]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from eventlens.store.stage import open_store

TYPES = ("ASSAULT", "CONSULT", "PROTEST", "ACCUSE", "AID", "COERCE", "REQUEST", "AGREE")
COUNTRIES = ("IRQ", "SYR", "TUR", "USA", "RUS", "UKR", "VEN", "NGA", "FRA", "GBR")
ACTORS = ("Iraqi armed forces", "Islamic State", "Ashton Carter", "Turkey", "United Nations",
          "protesters", "police", "Russian government", "Kurdish peshmerga", "rebels")
EVENTS_PER_ARTICLE = 20
# Events happen at a limited set of places (as in real data): this many distinct points.
N_PLACES = 2_000


def build_store(path: Path, n_events: int, seed: int = 7) -> None:
    """Insert ``n_events`` synthetic events (and their articles) straight into a new store."""
    rng = random.Random(seed)
    places = [(round(rng.uniform(-40, 60), 3), round(rng.uniform(-100, 120), 3))
              for _ in range(N_PLACES)]
    store = open_store(path)
    conn = store.conn
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    with store.transaction():
        # The store finds actor substrings through this table of distinct names.
        conn.executemany("INSERT OR IGNORE INTO actor_names (name, folded) VALUES (?, ?)",
                         [(a, a.casefold()) for a in ACTORS])
        for a in range(n_articles):
            day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            text = f"Synthetic article {a} about {rng.choice(ACTORS)} in {rng.choice(COUNTRIES)}."
            conn.execute(
                "INSERT INTO articles (id, content_hash, source, title, published, outlet, text)"
                " VALUES (?,?,?,?,?,?,?)",
                (a + 1, f"h{a}", f"synthetic-{a}", f"Synthetic {a}", day, f"site{a % 50}", text),
            )
            conn.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?,?,?)",
                         (a + 1, f"Synthetic {a}", text))
            conn.executemany(
                "INSERT INTO events (article_id, idx, type, status, source_name, source_country,"
                " target_name, target_country, location_name, location_country, lat, lon, date,"
                ' day, trigger, start, "end", confidence, data)'
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_event_row(rng, a + 1, i, day, rng.choice(places))
                 for i in range(EVENTS_PER_ARTICLE)],
            )
    store.close()


def _event_row(rng: random.Random, article_id: int, idx: int, day: str,
               where: tuple[float, float]) -> tuple:
    etype, src, tgt = rng.choice(TYPES), rng.choice(ACTORS), rng.choice(ACTORS)
    country = rng.choice(COUNTRIES)
    lat, lon = where
    record = {
        "type": etype, "mode": None, "context": None, "cameo": None,
        "source": {"text": src, "name": src, "country": country, "sector": None},
        "target": {"text": tgt, "name": tgt, "country": None, "sector": None},
        "location": {"text": "Place", "start": 0, "end": 5, "name": "Place", "lat": lat,
                     "lon": lon, "country": country, "admin1": None, "geonameid": None,
                     "feature": None},
        "date": day, "date_text": None, "status": "occurred", "trigger": "attacked",
        "sentence": f"{src} attacked {tgt}.", "start": 0, "end": 40, "confidence": 0.5,
    }
    return (article_id, idx, etype, "occurred", src, country, tgt, None, "Place", country, lat,
            lon, day, day, "attacked", 0, 40, 0.5, json.dumps(record))


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen:
    """``eventlens serve`` in a subprocess; returns once it answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventlens", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30)
            return proc
        except httpx.TransportError:
            if proc.poll() is not None:
                err = proc.stderr.read() if proc.stderr else b""
                raise RuntimeError(f"server exited: {err!r}") from None
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start in 60 s")


def query_mix(rng: random.Random, n: int) -> list[dict[str, str]]:
    """``n`` filter combinations like a dashboard user's: pages, types, countries, ranges,
    mostly with the dashboard's default minimum confidence."""
    out = []
    for _ in range(n):
        q: dict[str, str] = {"limit": "25", "offset": str(rng.choice((0, 0, 0, 25, 50, 500)))}
        kind = rng.randrange(6)
        if kind == 1:
            q["type"] = rng.choice(TYPES)
        elif kind == 2:
            q["country"] = rng.choice(COUNTRIES)
        elif kind == 3:
            month = rng.randint(1, 12)
            q.update(since=f"2016-{month:02d}-01", until=f"2016-{month:02d}-28")
        elif kind == 4:
            q.update(type=rng.choice(TYPES), country=rng.choice(COUNTRIES))
        elif kind == 5:
            q["actor"] = rng.choice(ACTORS).split()[0]
        if rng.random() < 0.7:  # the dashboard sends min_confidence=0.3 unless unticked
            q["min_confidence"] = "0.3"
        out.append(q)
    return out


async def run_load(url: str, queries: list[dict[str, str]], concurrency: int,
                   deadline_s: float) -> tuple[list[float], int, float]:
    """Send every query with at most ``concurrency`` in flight; return latencies, errors, wall."""
    latencies: list[float] = []
    errors = 0
    pending = iter(queries)
    stop_at = time.monotonic() + deadline_s

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for params in pending:
            if time.monotonic() > stop_at:
                errors += 1
                continue
            t0 = time.perf_counter()
            try:
                r = await client.get(url, params=params)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += not ok

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - start


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by process ``pid`` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summarise(name: str, latencies: list[float], errors: int, wall: float, n: int,
              server_cpu_s: float) -> dict:
    """p50/p99/max latency in ms, errors, throughput and server CPU of one endpoint's run."""
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(round(0.99 * len(ms))) - 1)] if ms else float("nan")
    return {"endpoint": name, "requests": n, "errors": errors,
            "p50_ms": statistics.median(ms) if ms else float("nan"), "p99_ms": p99,
            "max_ms": ms[-1] if ms else float("nan"), "req_per_s": n / wall if wall else 0.0,
            "server_cpu_ms_per_req": 1000 * server_cpu_s / n}


def write_section(doc: Path, results: list[dict], args: argparse.Namespace, build_s: float) -> None:
    """Replace (or append) the "## API load" section of ``doc``."""
    lines = [
        "## API load",
        "",
        f"`python bench/bench_api_load.py --events {args.events} --requests {args.requests} "
        f"--concurrency {args.concurrency}`: a store of {args.events:,} synthetic events "
        f"({args.events // EVENTS_PER_ARTICLE:,} articles; built in {build_s:.1f} s), "
        "`eventlens serve` in its own process on 127.0.0.1, an httpx async client with "
        f"{args.concurrency} requests in flight and a mix of filters (pages, type, country, "
        "date range, actor substring, offsets up to 500; 70% with `min_confidence=0.3`, the "
        "dashboard's default). "
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; run at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())};"
        " client and server share it (1-minute load average "
        f"{args.load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after: other work "
        "on the machine slows both).",
        "",
        "| endpoint | requests | errors | p50 ms | p99 ms | max ms | requests/s |"
        " server CPU ms/request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| `{r['endpoint']}` | {r['requests']:,} | {r['errors']} | {r['p50_ms']:.1f} | "
            f"{r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['req_per_s']:.0f} | "
            f"{r['server_cpu_ms_per_req']:.1f} |"
        )
    lines += [
        "",
        "Server CPU per request (the server process's user + system time over the run, "
        "divided by the requests) depends less on the machine's load than latency does. "
        "Filters repeat as a dashboard's users would repeat them ("
        + ", ".join(f"`{r['endpoint']}`: {r['distinct_filters']} distinct filter sets in "
                    f"{r['requests']:,} requests" for r in results)
        + "); the server keeps summaries and page totals per filter until the store's data "
        "version changes (docs/store.md), so repeats are answered from that cache.",
    ]
    section = "\n".join(lines) + "\n"
    text = doc.read_text("utf-8") if doc.exists() else "# Performance\n"
    pattern = re.compile(r"^## API load\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.write_text(text, "utf-8")


def main() -> int:
    """Build the store, run the load, print (and optionally record) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds per endpoint")
    parser.add_argument("--write", type=Path, default=None, help="e.g. docs/performance.md")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        t0 = time.perf_counter()
        build_store(db, args.events)
        build_s = time.perf_counter() - t0
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            results = []
            for path, n in (("/api/events", args.requests),
                            ("/api/summary", max(1, args.requests // 10))):
                queries = query_mix(rng, n)
                cpu0 = cpu_seconds(server.pid)
                lat, errors, wall = asyncio.run(
                    run_load(base + path, queries, args.concurrency, args.deadline)
                )
                cpu = cpu_seconds(server.pid) - cpu0
                results.append(summarise(path, lat, errors, wall, n, cpu))
                results[-1]["distinct_filters"] = len({
                    tuple(sorted((k, v) for k, v in q.items() if k not in ("limit", "offset")))
                    for q in queries
                })
        finally:
            server.terminate()
            server.wait(timeout=30)
    for r in results:
        print(json.dumps(r))
    if args.write:
        write_section(args.write, results, args, build_s)
        print(f"wrote the API load section of {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
