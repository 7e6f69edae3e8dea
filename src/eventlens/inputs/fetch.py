"""Polite, guarded HTTP fetching for ``eventlens ingest``.

Only http(s). Every host is resolved once per hop and ALL its addresses must be
public unless ``allow_private`` (an SSRF guard, re-checked on each redirect hop);
the connection then goes to one of exactly those addresses (pinned: nothing
resolves the name a second time, so DNS rebinding cannot switch it to another),
with the URL's host in the ``Host`` header and as the TLS server name.

One deadline per fetch (``timeout`` seconds) covers name resolution, connecting,
the headers, the body, robots.txt and every redirect hop; time spent waiting for a
free slot of a host (politeness) does not count. Bodies, robots.txt included, are
streamed with a size cap (compressed and decompressed). Redirects are followed by
hand and limited; robots.txt is honoured for our user agent.

``fetch_each`` fetches many URLs on a small thread pool, at most ``per_host`` at a
time per host, so one slow host does not stall the others; outcomes come back in
input order.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore

from eventlens import __version__
from eventlens.errors import InputError
from eventlens.inputs import readers

USER_AGENT = f"eventlens/{__version__} (news event extraction; +https://pypi.org/project/eventlens/)"
_REDIRECTS = {301, 302, 303, 307, 308}
# Content types we accept; anything else (images, PDFs, archives) is refused early.
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss",
               "application/atom", "application/rdf", "application/json")
_ACCEPT = (b"text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           b"text/plain;q=0.9,*/*;q=0.5")
# robots.txt: at most this much of it is parsed (RFC 9309 asks for at least 500 KiB).
_ROBOTS_PARSE_CHARS = 500_000
# Characters kept as they are when a URL's path or query is percent-encoded for the wire.
_URL_SAFE = "/%:@!$&'()*+,;=-._~?#[]"
# The exceptions httpcore raises for a failed exchange (it has no common base class).
_HTTP_ERRORS = (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError,
                httpcore.UnsupportedProtocol, httpcore.ConnectionNotAvailable,
                httpcore.ProxyError, ssl.SSLError, OSError)

Job = TypeVar("Job")


@dataclass
class FetchResult:
    """A fetched body and where it finally came from."""

    url: str
    content: bytes
    content_type: str
    status: int


class Deadline:
    """The wall-clock budget of one fetch; waiting for a host's politeness slot is free."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (negative once passed)."""
        return self.at - time.monotonic()

    def passed(self) -> bool:
        """True once the budget is spent."""
        return self.remaining() <= 0

    def pause(self, seconds: float) -> None:
        """Give back ``seconds`` (spent waiting, not fetching)."""
        self.at += seconds


@dataclass(frozen=True)
class _Target:
    """A checked URL, split into what the request needs."""

    url: str
    scheme: str
    host: str  # ASCII, lower case; IPv6 literals without brackets
    port: int
    target: str  # path and query, percent-encoded

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host_header}"

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"

    def request_url(self) -> httpcore.URL:
        return httpcore.URL(scheme=self.scheme.encode(), host=self.host.encode(),
                            port=self.port, target=self.target.encode())


def parse_url(url: str, source: str) -> _Target:
    """Split an http(s) URL, refusing other schemes and malformed URLs (InputError)."""
    if any(ch in url for ch in "\r\n\t\x00"):
        raise InputError(source, "malformed URL (control characters)")
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise InputError(source, f"refused scheme {parts.scheme or '(none)'!r}: only http(s)")
        host = parts.hostname
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:  # "Invalid IPv6 URL", a port out of range...
        raise InputError(source, f"malformed URL ({exc})") from None
    if not host:
        raise InputError(source, "URL has no host")
    try:
        if not host.isascii():
            host = host.encode("idna").decode("ascii")
        if ":" in host:
            host = str(ipaddress.IPv6Address(host.split("%")[0]))
    except (UnicodeError, ValueError) as exc:
        raise InputError(source, f"malformed URL host ({exc})") from None
    if not host.replace("-", "").replace(".", "").replace(":", "").replace("_", "").isalnum():
        raise InputError(source, f"malformed URL host {host[:100]!r}")
    path = quote(parts.path or "/", safe=_URL_SAFE)
    query = quote(parts.query, safe=_URL_SAFE)
    target = f"{path}?{query}" if query else path
    return _Target(url=url, scheme=scheme, host=host.lower(), port=port, target=target)


class _PinnedBackend(httpcore.NetworkBackend):
    """Connect only to the addresses the guard checked, within the current fetch's deadline.

    The deadline is per thread (each fetch runs on one thread); every connect, read
    and write gets at most the time left of it.
    """

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._pins: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._local = threading.local()

    def pin(self, host: str, addresses: list[str]) -> None:
        with self._lock:
            self._pins[host] = addresses

    def set_deadline(self, deadline: Deadline | None) -> Deadline | None:
        previous: Deadline | None = getattr(self._local, "deadline", None)
        self._local.deadline = deadline
        return previous

    def budget(self, timeout: float | None, error: type[Exception]) -> float | None:
        deadline: Deadline | None = getattr(self._local, "deadline", None)
        if deadline is None:
            return timeout
        left = deadline.remaining()
        if left <= 0:
            raise error("the fetch deadline has passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,
        local_address: str | None = None, socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        with self._lock:
            addresses = list(self._pins.get(host.lower(), ()))
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not resolved and checked before connecting")
        error: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(
                    address, port, timeout=self.budget(timeout, httpcore.ConnectTimeout),
                    local_address=local_address, socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self)
        raise error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("eventlens does not fetch over unix sockets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, backend: _PinnedBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.budget(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.budget(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._stream.start_tls(ssl_context, server_hostname,
                                        self._backend.budget(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(stream, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


# A site's robots.txt rules; None when it has none we could read; a string when it did
# not arrive within a deadline (the reason later fetches from the site are refused).
_Robots = RobotFileParser | None | str


@dataclass
class Fetcher:
    """Fetch http(s) URLs with the guards above; one instance per ingest run."""

    allow_private: bool = False
    timeout: float = 15.0  # one deadline per fetch: DNS, connect, headers, body, robots.txt
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    workers: int = 4  # fetches at the same time (fetch_each), to different hosts
    per_host: int = 1  # requests at the same time to one host (politeness)
    _backend: _PinnedBackend = field(default_factory=_PinnedBackend, init=False, repr=False)
    _pool: httpcore.ConnectionPool | None = field(default=None, init=False, repr=False)
    _executor: ThreadPoolExecutor | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _robots: dict[str, _Robots] = field(default_factory=dict, init=False, repr=False)
    _robots_locks: dict[str, threading.Lock] = field(default_factory=dict, init=False,
                                                     repr=False)
    _slots: dict[str, threading.BoundedSemaphore] = field(default_factory=dict, init=False,
                                                          repr=False)

    def close(self) -> None:
        """Close the connections and stop the worker threads."""
        with self._lock:
            pool, self._pool = self._pool, None
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        if pool is not None:
            pool.close()

    def fetch(self, url: str) -> FetchResult:
        """GET ``url`` following at most ``max_redirects`` checked redirects.

        Raises InputError (naming the URL) for refused, malformed, failed, oversized
        or too slow fetches.
        """
        deadline = Deadline(self.timeout)
        previous = self._backend.set_deadline(deadline)
        try:
            return self._fetch(url, deadline)
        finally:
            self._backend.set_deadline(previous)

    def fetch_each(
        self, jobs: Iterable[Job], url_of: Callable[[Job], str | None]
    ) -> Iterator[tuple[Job, FetchResult | InputError | None]]:
        """Fetch each job's URL on the worker threads; yield (job, outcome) in job order.

        ``url_of`` (called on the caller's thread, in order) gives the URL to fetch,
        or None for a job that needs no fetch (its outcome is None). Every failure is
        an InputError outcome, never raised. At most ``2 * workers`` jobs are read ahead.
        """
        if self.workers <= 1:
            for job in jobs:
                url = url_of(job)
                yield job, None if url is None else self._outcome(url)
            return
        ahead: deque[tuple[Job, str | None, Future[FetchResult | InputError] | None]] = deque()
        source = iter(jobs)
        try:
            while True:
                for job in source:
                    url = url_of(job)
                    future = None if url is None else self._threads().submit(self._outcome, url)
                    ahead.append((job, url, future))
                    if len(ahead) >= 2 * self.workers:
                        break
                if not ahead:
                    return
                job, url, future = ahead.popleft()
                outcome: FetchResult | InputError | None = None
                if future is not None:
                    try:
                        outcome = future.result()
                    except Exception as exc:  # noqa: BLE001 - cancelled or broken: the URL's error
                        outcome = InputError(str(url), f"fetch failed: {type(exc).__name__}: {exc}")
                yield job, outcome
        finally:  # the caller stopped early: fetches not started yet are dropped
            for _, _, future in ahead:
                if future is not None:
                    future.cancel()

    def _outcome(self, url: str) -> FetchResult | InputError:
        try:
            return self.fetch(url)
        except InputError as exc:
            return exc
        except Exception as exc:  # noqa: BLE001 - one URL's failure, whatever it is
            return InputError(url, f"fetch failed: {type(exc).__name__}: {exc}")

    def check_url(self, url: str) -> None:
        """Refuse non-http(s) or malformed URLs and (unless allowed) non-public hosts."""
        self._check(url, url, Deadline(self.timeout))

    def _fetch(self, url: str, deadline: Deadline) -> FetchResult:
        current = url
        for _ in range(self.max_redirects + 1):
            try:
                target = self._check(current, url, deadline)
            except InputError as exc:
                if current == url:
                    raise
                raise InputError(url, f"redirect to {current[:300]} {exc.reason}") from None
            if not self._allowed_by_robots(target, url, deadline):
                raise InputError(url, f"disallowed by robots.txt for {current[:300]}")
            result = self._get(target, url, deadline)
            if isinstance(result, FetchResult):
                return result
            current = result
        raise InputError(url, f"more than {self.max_redirects} redirects")

    def _check(self, url: str, source: str, deadline: Deadline) -> _Target:
        """Parse ``url``, resolve its host once, check every address and pin them."""
        target = parse_url(url, source)
        addresses = resolve(target.host, target.port, source, max(deadline.remaining(), 0.001))
        if not self.allow_private:
            for addr in addresses:
                if not is_public(addr):
                    raise InputError(
                        source, f"refused: {target.host} resolves to non-public address {addr} "
                        "(use --allow-private to permit)"
                    )
        self._backend.pin(target.host, addresses)
        return target

    def _get(self, target: _Target, source: str, deadline: Deadline) -> FetchResult | str:
        """One request: the result, or the next URL of a redirect."""
        with self._exchange(target, source, deadline) as resp:
            if resp.status in _REDIRECTS:
                location = _header(resp, b"location")
                if not location:
                    raise InputError(source, f"HTTP {resp.status} without Location")
                try:
                    return urljoin(target.url, location.strip())
                except ValueError as exc:
                    raise InputError(source, f"redirect to malformed URL {location[:200]!r} "
                                     f"({exc})") from None
            if resp.status >= 400:
                reason = bytes(resp.extensions.get("reason_phrase", b"")).decode("latin-1")
                raise InputError(source, f"HTTP {resp.status} {reason[:100]}".rstrip())
            ctype = _header(resp, b"content-type").split(";")[0].strip().lower()
            if ctype and not ctype.startswith(_TEXT_TYPES):
                raise InputError(source, f"unsupported content type {ctype[:100]!r}")
            body = self._read_body(resp, source, deadline, truncate=False)
            return FetchResult(url=target.url, content=body, content_type=ctype,
                               status=resp.status)

    @contextmanager
    def _exchange(
        self, target: _Target, source: str, deadline: Deadline
    ) -> Iterator[httpcore.Response]:
        """Send one GET (holding one of the host's slots) and give its streamed response."""
        headers = [(b"Host", target.host_header.encode()),
                   (b"User-Agent", self.user_agent.encode()), (b"Accept", _ACCEPT),
                   (b"Accept-Encoding", b"gzip")]
        with self._slot(target.host, deadline):
            try:
                left = deadline.remaining()
                if left <= 0:
                    raise httpcore.ReadTimeout("the fetch deadline has passed")
                extensions = {"timeout": {"connect": left, "read": left, "write": left,
                                          "pool": left}}
                with self._connections().stream("GET", target.request_url(), headers=headers,
                                                extensions=extensions) as resp:
                    yield resp
            except _HTTP_ERRORS as exc:
                if deadline.passed() or isinstance(exc, httpcore.TimeoutException):
                    raise InputError(source, "fetch failed: no complete answer within the "
                                     f"{self.timeout:g} s deadline") from None
                raise InputError(source, f"fetch failed: {type(exc).__name__}: {exc}") from None

    def _read_body(
        self, resp: httpcore.Response, source: str, deadline: Deadline, *, truncate: bool
    ) -> bytes:
        """The body, at most ``max_bytes`` (after decompression); ``truncate`` cuts it there
        instead of refusing it."""
        declared = _header(resp, b"content-length")
        if not truncate and declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(source, f"too large ({int(declared):,} bytes > {self.max_bytes:,})")
        encoding = _header(resp, b"content-encoding").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise InputError(source, f"unsupported content encoding {encoding[:40]!r}")
        chunks: Iterable[bytes] = _capped(resp.iter_stream(), self.max_bytes, source, truncate)
        if encoding not in ("", "identity"):
            # 47: a gzip or zlib header, detected; output capped as it is produced.
            chunks = readers.inflate(chunks, source, limit=self.max_bytes, wbits=47,
                                     truncate=truncate)
        body = bytearray()
        for chunk in chunks:
            body += chunk
            if len(body) > self.max_bytes:
                if truncate:
                    break
                raise InputError(source, f"too large (over {self.max_bytes:,} bytes)")
            if deadline.passed():
                raise httpcore.ReadTimeout("the fetch deadline has passed")
        return bytes(body[: self.max_bytes])

    def _allowed_by_robots(self, target: _Target, source: str, deadline: Deadline) -> bool:
        """True unless the site's robots.txt disallows ``target`` for our user agent."""
        if not self.respect_robots:
            return True
        origin = target.origin
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with _waiting(lock, deadline):
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(target, source, deadline)
            robots = self._robots[origin]
        if isinstance(robots, str):
            raise InputError(source, robots)
        return True if robots is None else robots.can_fetch(self.user_agent, target.url)

    def _load_robots(self, page: _Target, source: str, deadline: Deadline) -> _Robots:
        robots = _Target(url=f"{page.origin}/robots.txt", scheme=page.scheme, host=page.host,
                         port=page.port, target="/robots.txt")
        parser = RobotFileParser(robots.url)
        try:
            with self._exchange(robots, source, deadline) as resp:
                status = resp.status
                body = b"" if status >= 300 else self._read_body(resp, source, deadline,
                                                                 truncate=True)
        except InputError as exc:
            if deadline.passed() or "deadline" in exc.reason:
                return (f"fetch failed: robots.txt of {page.origin} did not arrive within the "
                        f"{self.timeout:g} s deadline")
            return None  # no reachable robots.txt: nothing forbids the fetch
        if status in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])  # access denied: assume all is
        elif status >= 300:
            parser.parse([])  # no robots.txt: everything is allowed
        else:
            text = body[:_ROBOTS_PARSE_CHARS].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        return parser

    @contextmanager
    def _slot(self, host: str, deadline: Deadline) -> Iterator[None]:
        """Hold one of ``host``'s ``per_host`` request slots (the wait is not charged)."""
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(max(1, self.per_host)))
        with _waiting(slot, deadline):
            yield

    def _connections(self) -> httpcore.ConnectionPool:
        with self._lock:
            if self._pool is None:
                size = 2 * max(1, self.workers)
                self._pool = httpcore.ConnectionPool(
                    max_connections=size, max_keepalive_connections=size, keepalive_expiry=30,
                    network_backend=self._backend)
            return self._pool

    def _threads(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=self.workers,
                                                    thread_name_prefix="eventlens-fetch")
            return self._executor


@contextmanager
def _waiting(
    lock: threading.Lock | threading.BoundedSemaphore, deadline: Deadline
) -> Iterator[None]:
    """Acquire ``lock``; the time spent waiting is given back to ``deadline``."""
    started = time.monotonic()
    lock.acquire()
    deadline.pause(time.monotonic() - started)
    try:
        yield
    finally:
        lock.release()


def _header(resp: httpcore.Response, name: bytes) -> str:
    for key, value in resp.headers:
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


def _capped(chunks: Iterable[bytes], limit: int, source: str, truncate: bool) -> Iterator[bytes]:
    """Pass ``chunks`` on until ``limit`` bytes (as sent, before any decompression)."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            if truncate:
                yield chunk[: len(chunk) - (size - limit)]
                return
            raise InputError(source, f"too large (over {limit:,} bytes)")
        yield chunk


def resolve(host: str, port: int, source: str, timeout: float | None = None) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order (InputError if none).

    The lookup runs on a helper thread so that it ends by ``timeout`` seconds even when
    the system resolver is slow.
    """
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    answer: list[Any] = []

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError, ValueError) as exc:
            answer.append(exc)

    if timeout is None:
        lookup()
    else:
        worker = threading.Thread(target=lookup, name="eventlens-dns", daemon=True)
        worker.start()
        worker.join(timeout)
    if not answer:
        raise InputError(source, f"fetch failed: resolving {host!r} took longer than the deadline")
    if isinstance(answer[0], Exception):
        raise InputError(source, f"cannot resolve host {host!r}: {answer[0]}")
    addresses = list(dict.fromkeys(str(info[4][0]) for info in answer[0]))
    if not addresses:
        raise InputError(source, f"cannot resolve host {host!r}: no addresses")
    return addresses


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215 local-use prefix
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated (RFC 4291), incl. :: and ::1
_IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")  # RFC 2765 (SIIT)


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local...).

    IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-translated, NAT64
    ``64:ff9b::/96``, 6to4) are judged by that IPv4 address; IPv4-compatible
    (``::a.b.c.d``, deprecated) and local-use NAT64 addresses are never public.
    """
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
        address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _IPV4_COMPATIBLE or ip in _NAT64_LOCAL:
            return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64 or ip in _IPV4_TRANSLATED:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
    return ip.is_global and not ip.is_multicast
