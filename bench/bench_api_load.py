"""Bounded load test of the JSON API: p50/p99 latency, 503s and hangs under concurrency.

Builds a store of synthetic events (rows inserted directly, 100k by default), then for
each concurrency level (50 and 200 clients by default) starts ``eventlens serve`` on a
free port of 127.0.0.1 in a subprocess (default settings: 4 store connections, 5 s
pool timeout; a fresh server, so a cold cache, per level), sends a fixed number of
requests (2,000 to /api/events, plus 200 to /api/summary, which the dashboard calls
with each filter change) from a light asyncio client (one keep-alive connection per
client) with a mix of filters, and ends
the server with SIGTERM, timing how long it takes to stop. A request with no answer
within ``--hang-after`` seconds counts as a hang; a 503 (the server busy) is an
answer. Every request goes to 127.0.0.1 only; the run stops by itself (bounded count,
per-request timeout, overall deadline).

    python bench/bench_api_load.py [--events 100000] [--requests 2000]
                                   [--concurrency 50,200] [--write docs/performance.md]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

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


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, sending GETs one at a time.

    A minimal client on asyncio streams: at hundreds of requests in flight httpx costs
    the client more CPU than the server spends answering, and the two share the
    machine, so a light client measures the server rather than itself.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> int:
        """GET ``target`` (path and query); returns the status once the body is read."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept: application/json\r\n\r\n".encode("ascii"))
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in
                   (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            await self.reader.read()  # until the server closes
            await self.close()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        """Drop the connection (the next GET opens a new one)."""
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def run_load(url: str, queries: list[dict[str, str]], concurrency: int,
                   deadline_s: float, hang_after_s: float) -> dict:
    """Send every query with at most ``concurrency`` in flight (one connection each).

    Returns the latencies of the answered requests, the count of each status, the hangs
    (no answer within ``hang_after_s``), other transport errors, the requests left unsent
    at the deadline, and the wall time.
    """
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    hangs = transport_errors = unsent = 0
    pending = iter(queries)
    stop_at = time.monotonic() + deadline_s
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    async def worker() -> None:
        nonlocal hangs, transport_errors, unsent
        conn = Connection(host, port)
        for params in pending:
            if time.monotonic() > stop_at:
                unsent += 1
                continue
            target = f"{parts.path}?{urlencode(params)}" if params else parts.path
            t0 = time.perf_counter()
            try:
                async with asyncio.timeout(hang_after_s):
                    status = await conn.get(target)
            except TimeoutError:
                hangs += 1
                await conn.close()
                continue
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                transport_errors += 1
                await conn.close()
                continue
            latencies.append(time.perf_counter() - t0)
            statuses[status] += 1
        await conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return {"latencies": latencies, "statuses": statuses, "hangs": hangs,
            "transport_errors": transport_errors, "unsent": unsent,
            "wall": time.perf_counter() - start}


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by process ``pid`` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(ms: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of sorted ``ms`` (nearest rank); NaN when empty."""
    if not ms:
        return float("nan")
    return ms[min(len(ms) - 1, max(0, int(round(q * len(ms))) - 1))]


def summarise(name: str, concurrency: int, run: dict, n: int, server_cpu_s: float) -> dict:
    """Latencies (ms, over every answer, 503s included), answers by status, hangs,
    throughput and server CPU of one endpoint's run at one concurrency."""
    ms = sorted(x * 1000 for x in run["latencies"])
    statuses: Counter[int] = run["statuses"]
    wall = run["wall"]
    return {"endpoint": name, "concurrency": concurrency, "requests": n,
            "ok": statuses.get(200, 0), "busy_503": statuses.get(503, 0),
            "other_status": sum(v for k, v in statuses.items() if k not in (200, 503)),
            "hangs": run["hangs"], "transport_errors": run["transport_errors"],
            "unsent": run["unsent"],
            "p50_ms": statistics.median(ms) if ms else float("nan"),
            "p99_ms": percentile(ms, 0.99), "max_ms": ms[-1] if ms else float("nan"),
            "req_per_s": n / wall if wall else 0.0,
            "server_cpu_ms_per_req": 1000 * server_cpu_s / n}


def stop_server(server: subprocess.Popen, limit_s: float = 60.0) -> float | None:
    """SIGTERM the server; the seconds it took to exit, or None if it had to be killed."""
    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=limit_s)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)
        return None
    return time.monotonic() - started


def write_section(doc: Path, results: list[dict], stops: dict[int, float | None],
                  args: argparse.Namespace, build_s: float) -> None:
    """Replace (or append) the "## API load" section of ``doc``."""
    levels = ", ".join(str(c) for c in args.levels)
    lines = [
        "## API load",
        "",
        f"`python bench/bench_api_load.py --events {args.events} --requests {args.requests} "
        f"--concurrency {','.join(str(c) for c in args.levels)}`: a store of "
        f"{args.events:,} synthetic events ({args.events // EVENTS_PER_ARTICLE:,} articles; "
        f"built in {build_s:.1f} s); for each level of {levels} concurrent clients a fresh "
        "`eventlens serve` (default settings: 4 store connections, a request waits at most "
        "5 s for one, then gets 503; cold cache) in its own process on 127.0.0.1, a light "
        "asyncio HTTP/1.1 client (one keep-alive connection per client) with that many "
        "requests in flight and a mix of filters (pages, type, "
        "country, date range, actor substring, offsets up to 500; 70% with "
        "`min_confidence=0.3`, the dashboard's default), then SIGTERM. "
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; run at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())};"
        " client and server share it (1-minute load average "
        f"{args.load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after: other work "
        "on the machine slows both).",
        "",
        "| clients | endpoint | requests | 200 | 503 | hangs | other errors | p50 ms | p99 ms |"
        " max ms | requests/s | server CPU ms/request |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        other = r["other_status"] + r["transport_errors"] + r["unsent"]
        lines.append(
            f"| {r['concurrency']} | `{r['endpoint']}` | {r['requests']:,} | {r['ok']:,} | "
            f"{r['busy_503']:,} | {r['hangs']} | {other} | {r['p50_ms']:.1f} | "
            f"{r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['req_per_s']:.0f} | "
            f"{r['server_cpu_ms_per_req']:.1f} |"
        )
    stopped = "; ".join(
        f"{c} clients: {'killed, it did not stop in 60 s' if t is None else f'{t:.1f} s'}"
        for c, t in stops.items()
    )
    at50 = [r for r in results if r["concurrency"] == 50]
    target = "; ".join(
        f"`{r['endpoint']}` {r['p99_ms']:,.0f} ms ({'met' if r['p99_ms'] <= 1000 else 'not met'})"
        for r in at50
    )
    hangs = sum(r["hangs"] for r in results)
    lines += [
        "",
        f"A hang is a request with no answer within {args.hang_after:g} s; latencies are over "
        "every answer (a 503 included). Each server stopped on SIGTERM after its run in: "
        f"{stopped}. Hangs in all: {hangs}."
        + (f" Target p99 at 50 clients <= 1 s: {target}." if at50 else ""),
        "",
        "Before the store pool waited on the event loop (issue 16), `serve` deadlocked for "
        "good at about 50 concurrent requests: every thread of the server's pool waited for "
        "one of the 4 connections, which only a thread could give back, and SIGTERM did not "
        "stop it (20 clients: p50 128 ms, p99 589 ms; 35 clients: p99 1,347 ms).",
        "",
        "Server CPU per request (the server process's user + system time over the run, "
        "divided by the requests) depends less on the machine's load than latency does. "
        "Filters repeat as a dashboard's users would repeat them ("
        + ", ".join(f"`{r['endpoint']}`: {r['distinct_filters']} distinct filter sets in "
                    f"{r['requests']:,} requests" for r in results[:2])
        + "); the server keeps summaries, pages of events and their totals per filter "
        "until the store's data version changes (docs/store.md), so repeats are answered "
        "from that cache.",
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
    """Build the store, run the load at each level, print (and optionally record) figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--concurrency", default="50,200",
                        help="comma-separated levels of concurrent clients (default 50,200)")
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds per endpoint")
    parser.add_argument("--hang-after", type=float, default=30.0,
                        help="seconds without an answer that make a request a hang")
    parser.add_argument("--write", type=Path, default=None, help="e.g. docs/performance.md")
    args = parser.parse_args()
    args.levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    args.load_before = os.getloadavg()[0]
    results: list[dict] = []
    stops: dict[int, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        t0 = time.perf_counter()
        build_store(db, args.events)
        build_s = time.perf_counter() - t0
        for level in args.levels:
            rng = random.Random(11)  # the same requests at every level
            port = free_port()
            server = start_server(db, port)
            try:
                base = f"http://127.0.0.1:{port}"
                for path, n in (("/api/events", args.requests),
                                ("/api/summary", max(1, args.requests // 10))):
                    queries = query_mix(rng, n)
                    cpu0 = cpu_seconds(server.pid)
                    run = asyncio.run(run_load(base + path, queries, level, args.deadline,
                                               args.hang_after))
                    cpu = cpu_seconds(server.pid) - cpu0
                    results.append(summarise(path, level, run, n, cpu))
                    results[-1]["distinct_filters"] = len({
                        tuple(sorted((k, v) for k, v in q.items()
                                     if k not in ("limit", "offset")))
                        for q in queries
                    })
                    print(json.dumps(results[-1]), flush=True)
            finally:
                stops[level] = stop_server(server)
            print(json.dumps({"concurrency": level, "stopped_after_sigterm_s": stops[level]}),
                  flush=True)
    if args.write:
        write_section(args.write, results, stops, args, build_s)
        print(f"wrote the API load section of {args.write}")
    hung = sum(r["hangs"] for r in results) + sum(t is None for t in stops.values())
    return 1 if hung else 0


if __name__ == "__main__":
    raise SystemExit(main())
