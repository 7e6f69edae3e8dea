"""Hostile servers on 127.0.0.1 against the fetcher: an endless robots.txt, headers sent one
line a second, DNS rebinding, embedded-IPv4 IPv6 addresses, malformed URLs and redirects,
and concurrent fetches from several hosts with one request at a time per host."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpcore
import pytest

from eventlens.errors import InputError
from eventlens.inputs.fetch import Fetcher, FetchResult, is_public

PAGE = b"<html><body><p>Ministers met in Amman on Tuesday.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: Counter[str] = Counter()
    hosts: list[str] = []
    robots_sent = 0
    active: Counter[str] = Counter()
    most_active: Counter[str] = Counter()
    busiest = 0
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def _page(self, body: bytes = PAGE, code: int = 200, extra: dict[str, str] | None = None,
              ctype: str = "text/html") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        host = self.headers.get("Host", "").split(":")[0]
        with Handler.lock:
            Handler.hits[self.path] += 1
            Handler.hosts.append(self.headers.get("Host", ""))
            Handler.active[host] += 1
            Handler.most_active[host] = max(Handler.most_active[host], Handler.active[host])
            Handler.busiest = max(Handler.busiest, sum(Handler.active.values()))
        try:
            self._answer()
        except OSError:
            pass  # the client hung up: what a deadline or a size cap does
        finally:
            with Handler.lock:
                Handler.active[host] -= 1

    def _answer(self) -> None:
        path = self.path
        if path == "/robots.txt" and self.server.robots == "endless":  # type: ignore[attr-defined]
            self._endless_robots()
        elif path == "/robots.txt" and self.server.robots == "slow":  # type: ignore[attr-defined]
            self._slow_headers()
        elif path == "/robots.txt":
            self._page(b"User-agent: *\nDisallow: /private/\n", ctype="text/plain")
        elif path == "/slow-headers":
            self._slow_headers()
        elif path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        elif path.startswith("/sleep/"):
            time.sleep(float(path.split("/")[2].split("?")[0]))
            self._page()
        elif path.startswith("/redirect-raw/"):
            self.send_response_only(302)
            self.flush_headers()
            self.wfile.write(b"Location: " + bytes.fromhex(path.split("/")[2]) + b"\r\n")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._page()

    def _slow_headers(self) -> None:
        """A status line, then one header line a second, for a minute."""
        self.send_response_only(200)
        self.wfile.flush()
        for n in range(60):
            self.wfile.write(f"X-Slow-{n}: {'y' * 20}\r\n".encode())
            self.wfile.flush()
            time.sleep(1)

    def _endless_robots(self) -> None:
        """A robots.txt that never ends (no Content-Length, no end of the body)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"User-agent: *\nDisallow: /private/\n")
        line = b"# " + b"z" * 1000 + b"\n"
        while True:
            self.wfile.write(line)
            Handler.robots_sent += len(line)


def _serve(robots: str) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.robots = robots  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from _serve("normal")


@pytest.fixture()
def endless_robots() -> Iterator[str]:
    yield from _serve("endless")


@pytest.fixture()
def slow_robots() -> Iterator[str]:
    yield from _serve("slow")


def within(seconds: float, call: Callable[[], Any]) -> Any:
    """Run ``call`` on a thread; fail (instead of hanging the suite) if it takes too long."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


@pytest.mark.parametrize(
    ("address", "public"),
    [("::127.0.0.1", False), ("::10.0.0.1", False), ("::8.8.8.8", False),  # IPv4-compatible
     ("64:ff9b::7f00:1", False), ("64:ff9b::a00:1", False), ("64:ff9b::a9fe:a9fe", False),
     ("64:ff9b::808:808", True),  # NAT64 of a public address (DNS64 networks) stays public
     ("64:ff9b:1::7f00:1", False), ("64:ff9b:1::808:808", False),  # local-use NAT64
     ("::ffff:127.0.0.1", False), ("::ffff:192.168.1.1", False), ("::ffff:8.8.8.8", True),
     ("::ffff:0:7f00:1", False), ("::ffff:0:808:808", True),  # IPv4-translated
     ("2002:7f00:1::1", False), ("2002:c0a8:101::1", False), ("2002:808:808::1", True),  # 6to4
     ("::", False), ("::1", False), ("fe80::1%eth0", False), ("2a00:1450:4001:80b::200e", True)],
)
def test_ipv6_forms_of_private_addresses_are_private(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize("host", ["[::127.0.0.1]", "[64:ff9b::7f00:1]", "[::ffff:7f00:1]",
                                  "[::ffff:0:7f00:1]", "2130706433", "0x7f.1"])
def test_embedded_loopback_urls_are_refused(host: str) -> None:
    with pytest.raises(InputError, match="non-public address"):
        Fetcher(timeout=2).fetch(f"http://{host}:9/a.html")


def test_endless_robots_txt_is_cut_at_the_size_cap(endless_robots: str) -> None:
    fetcher = Fetcher(allow_private=True, timeout=5.0, max_bytes=200_000)
    started = time.monotonic()
    result = within(15, lambda: fetcher.fetch(f"{endless_robots}/news/a.html"))
    assert isinstance(result, FetchResult) and result.content == PAGE
    # The head of the endless file was read (up to the cap) and obeyed.
    refused = within(15, lambda: fetcher.fetch(f"{endless_robots}/private/b.html"))
    assert isinstance(refused, InputError) and "robots.txt" in str(refused)
    assert time.monotonic() - started < 5
    fetcher.close()


def test_slow_headers_are_cut_off_by_the_deadline(server: str) -> None:
    fetcher = Fetcher(allow_private=True, timeout=2.0, respect_robots=False)
    started = time.monotonic()
    error = within(15, lambda: fetcher.fetch(f"{server}/slow-headers"))
    took = time.monotonic() - started
    assert isinstance(error, InputError), error
    assert "2 s deadline" in str(error) and str(error).startswith(f"{server}/slow-headers: ")
    assert 1.9 < took < 3.5


def test_slow_body_is_cut_off_by_the_deadline(server: str) -> None:
    fetcher = Fetcher(allow_private=True, timeout=1.5, respect_robots=False)
    started = time.monotonic()
    error = within(15, lambda: fetcher.fetch(f"{server}/slow-body"))
    assert isinstance(error, InputError) and "deadline" in str(error)
    assert time.monotonic() - started < 3


def test_slow_robots_txt_counts_against_the_same_deadline(slow_robots: str) -> None:
    fetcher = Fetcher(allow_private=True, timeout=2.0)
    started = time.monotonic()
    error = within(15, lambda: fetcher.fetch(f"{slow_robots}/a.html"))
    assert isinstance(error, InputError) and "robots.txt" in str(error)
    assert "deadline" in str(error) and time.monotonic() - started < 3.5
    # The site's next page is refused at once, without waiting on robots.txt again.
    again = time.monotonic()
    error = within(15, lambda: fetcher.fetch(f"{slow_robots}/b.html"))
    assert isinstance(error, InputError) and time.monotonic() - again < 0.5
    assert Handler.hits["/a.html"] == Handler.hits["/b.html"] == 0


class _Resolver:
    """A patched ``socket.getaddrinfo``: the test hosts get scripted answers, in turn."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.calls: Counter[str] = Counter()
        self.real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in self.answers:
            return self.real(host, port, *args, **kwargs)
        turn = self.answers[host]
        address = turn[min(self.calls[host], len(turn) - 1)]
        self.calls[host] += 1
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]


@pytest.fixture()
def connects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the fetcher connects to; public addresses are not really reached (no network)."""
    seen: list[str] = []
    real = httpcore.SyncBackend.connect_tcp

    def spy(self: Any, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        seen.append(host)
        try:
            outside = not ipaddress.ip_address(host).is_loopback
        except ValueError:
            outside = False  # a name: connecting resolves it (with the patched resolver)
        if outside:
            raise httpcore.ConnectError(f"test: no network to {host}")
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", spy)
    return seen


def test_dns_rebinding_cannot_reach_the_checked_host(
    server: str, connects: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Public for the check, loopback for every later lookup: a rebinding name.
    resolver = _Resolver({"rebind.test": ["93.184.216.34", "127.0.0.1"]})
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    port = server.rsplit(":", 1)[1]
    before = Handler.hits["/rebound.html"]
    with pytest.raises(InputError, match="fetch failed"):
        Fetcher(timeout=3.0).fetch(f"http://rebind.test:{port}/rebound.html")
    assert Handler.hits["/rebound.html"] == before
    assert connects and set(connects) == {"93.184.216.34"}
    assert resolver.calls["rebind.test"] == 1


def test_connection_goes_to_the_checked_address_with_the_host_name(
    server: str, connects: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo",
                        _Resolver({"pinned.test": ["127.0.0.1", "192.0.2.1"]}))
    port = server.rsplit(":", 1)[1]
    result = Fetcher(allow_private=True, timeout=3.0).fetch(f"http://pinned.test:{port}/p.html")
    assert result.content == PAGE and set(connects) == {"127.0.0.1"}
    assert f"pinned.test:{port}" in Handler.hosts


@pytest.mark.parametrize(
    "url", ["http://[::1/", "http://[::1", "http://exa mple.org/", "http://example.org:99999/",
            "http://example.org:port/", "http://\u00e9\ud800.org/", "http://a\x00b/", "http://",
            "http:///path", "http://xn--/", "http:example.org/"])
def test_malformed_urls_are_input_errors(url: str) -> None:
    with pytest.raises(InputError) as info:
        Fetcher(timeout=2).fetch(url)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "location", [b"http:127.0.0.1:18080/ok", b"http://[::1/", b"http://exa mple.org/",
                 b"http://127.0.0.1:99999/", b"https://\xe9\xff/", b"//[zz]/x", b"gopher://x/",
                 b"http://127.0.0.1:9/\x01\x7f", b"http://xn--/"])
def test_malformed_redirects_are_input_errors(server: str, location: bytes) -> None:
    fetcher = Fetcher(allow_private=True, timeout=2.0, respect_robots=False)
    outcome = within(10, lambda: fetcher.fetch(f"{server}/redirect-raw/{location.hex()}"))
    assert isinstance(outcome, (InputError, FetchResult)), repr(outcome)


def test_fetch_each_keeps_order_and_one_request_per_host(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo",
                        _Resolver({"slow.test": ["127.0.0.1"], "fast.test": ["127.0.0.1"]}))
    port = server.rsplit(":", 1)[1]
    Handler.active.clear()
    Handler.most_active.clear()
    Handler.busiest = 0
    slow = [f"http://slow.test:{port}/sleep/0.6?{n}" for n in range(3)]
    fast = [f"http://fast.test:{port}/sleep/0.3?{n}" for n in range(3)]
    urls = [u for pair in zip(slow, fast, strict=True) for u in pair] + [None]
    fetcher = Fetcher(allow_private=True, timeout=10.0, respect_robots=False, workers=4)
    started = time.monotonic()
    out = list(fetcher.fetch_each(urls, lambda url: url))
    took = time.monotonic() - started
    fetcher.close()
    assert [job for job, _ in out] == urls
    assert all(isinstance(outcome, FetchResult) for _, outcome in out[:-1]) and out[-1][1] is None
    # One request at a time per host (3 x 0.6 s at least), but the two hosts at once.
    assert Handler.most_active["slow.test"] == Handler.most_active["fast.test"] == 1
    assert Handler.busiest == 2
    assert took > 1.7


def test_slow_host_does_not_stall_the_others(server: str) -> None:
    # 127.0.0.1 sleeps 3 s; "localhost" is another host for the politeness limit.
    port = server.rsplit(":", 1)[1]
    urls = [f"{server}/sleep/3"] + [f"http://localhost:{port}/sleep/0.1?{n}" for n in range(6)]
    finished: dict[str, float] = {}
    fetcher = Fetcher(allow_private=True, timeout=10.0, respect_robots=False, workers=4)
    started = time.monotonic()
    original = fetcher.fetch

    def timed(url: str) -> FetchResult:
        try:
            return original(url)
        finally:
            finished[url] = time.monotonic() - started

    fetcher.fetch = timed  # type: ignore[method-assign]
    out = list(fetcher.fetch_each(urls, lambda url: url))
    fetcher.close()
    assert [url for url, _ in out] == urls
    assert all(isinstance(outcome, FetchResult) for _, outcome in out), out
    # The local pages were all fetched while the slow one was still on its way.
    assert max(finished[u] for u in urls[1:]) < finished[urls[0]] - 1


def test_unexpected_error_in_a_fetch_is_that_urls_error() -> None:
    fetcher = Fetcher(workers=2)

    def broken(url: str) -> FetchResult:
        raise RuntimeError(f"bug for {url}")

    fetcher.fetch = broken  # type: ignore[method-assign]
    out = list(fetcher.fetch_each(["http://a.test/", "http://b.test/"], lambda url: url))
    fetcher.close()
    assert [str(e) for _, e in out] == ["http://a.test/: fetch failed: RuntimeError: bug for "
                                        "http://a.test/", "http://b.test/: fetch failed: "
                                        "RuntimeError: bug for http://b.test/"]
