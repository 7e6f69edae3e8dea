"""Polite, guarded HTTP fetching for ``eventlens ingest``.

Only http(s); every host is resolved and ALL its addresses must be public unless
``allow_private`` (an SSRF guard, re-checked on each redirect hop); redirects are
followed by hand and limited; bodies are streamed with a size cap and an overall
deadline; robots.txt is honoured for our user agent.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from eventlens import __version__
from eventlens.errors import InputError

USER_AGENT = f"eventlens/{__version__} (news event extraction; +https://pypi.org/project/eventlens/)"
_REDIRECTS = {301, 302, 303, 307, 308}
# Content types we accept; anything else (images, PDFs, archives) is refused early.
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss",
               "application/atom", "application/rdf", "application/json")


@dataclass
class FetchResult:
    """A fetched body and where it finally came from."""

    url: str
    content: bytes
    content_type: str
    status: int


@dataclass
class Fetcher:
    """Fetch http(s) URLs with the guards above; one instance per ingest run."""

    allow_private: bool = False
    timeout: float = 15.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, repr=False)
    _client: httpx.Client | None = field(default=None, repr=False)

    def client(self) -> httpx.Client:
        """Return the shared HTTP client (created on first use)."""
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                follow_redirects=False,
                headers={"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml,"
                         "application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5"},
                trust_env=False,  # proxies from the environment would bypass the address guard
            )
        return self._client

    def close(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> FetchResult:
        """GET ``url`` following at most ``max_redirects`` checked redirects.

        Raises InputError (naming the URL) for refused, failed or oversized fetches.
        """
        current = url
        for _ in range(self.max_redirects + 1):
            try:
                self.check_url(current)
            except InputError as exc:
                if current == url:
                    raise
                raise InputError(url, f"redirect to {current} {exc.reason}") from None
            if not self.allowed_by_robots(current):
                raise InputError(url, f"disallowed by robots.txt for {current}")
            result = self._get(current, source=url)
            if isinstance(result, FetchResult):
                return result
            current = result
        raise InputError(url, f"more than {self.max_redirects} redirects")

    def check_url(self, url: str) -> None:
        """Refuse non-http(s) URLs and (unless allowed) hosts with non-public addresses."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            raise InputError(url, f"refused scheme {parts.scheme or '(none)'!r}: only http(s)")
        host = parts.hostname
        if not host:
            raise InputError(url, "URL has no host")
        if self.allow_private:
            return
        for addr in resolve(host, parts.port or (443 if parts.scheme == "https" else 80), url):
            if not is_public(addr):
                raise InputError(
                    url, f"refused: {host} resolves to non-public address {addr} "
                    "(use --allow-private to permit)"
                )

    def _get(self, url: str, source: str) -> FetchResult | str:
        """One request: the result, or the next URL of a redirect."""
        deadline = time.monotonic() + self.timeout * 2
        try:
            with self.client().stream("GET", url) as resp:
                if resp.status_code in _REDIRECTS:
                    location = resp.headers.get("location")
                    if not location:
                        raise InputError(source, f"HTTP {resp.status_code} without Location")
                    return urljoin(url, location)
                if resp.status_code >= 400:
                    raise InputError(source, f"HTTP {resp.status_code} {resp.reason_phrase}")
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype and not ctype.startswith(_TEXT_TYPES):
                    raise InputError(source, f"unsupported content type {ctype!r}")
                body = self._read_capped(resp, source, deadline)
                return FetchResult(url=str(resp.url), content=body, content_type=ctype,
                                   status=resp.status_code)
        except httpx.HTTPError as exc:
            raise InputError(source, f"fetch failed: {type(exc).__name__}: {exc}") from None

    def _read_capped(self, resp: httpx.Response, source: str, deadline: float) -> bytes:
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(source, f"too large ({int(declared):,} bytes > {self.max_bytes:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(source, f"too large (over {self.max_bytes:,} bytes)")
            if time.monotonic() > deadline:
                raise InputError(source, "download took too long")
            chunks.append(chunk)
        return b"".join(chunks)

    def allowed_by_robots(self, url: str) -> bool:
        """True unless the site's robots.txt disallows ``url`` for our user agent."""
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        robots_url = origin + "/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            self.check_url(robots_url)
            resp = self.client().get(robots_url)
        except (InputError, httpx.HTTPError):
            return None  # no reachable robots.txt: nothing forbids the fetch
        if resp.status_code in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])  # access denied: assume all is
        elif resp.status_code >= 400:
            parser.parse([])  # no robots.txt: everything is allowed
        else:
            parser.parse(resp.text[:500_000].splitlines())
        return parser


def resolve(host: str, port: int, source: str) -> list[str]:
    """Return every address ``host`` resolves to (InputError if it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(source, f"cannot resolve host {host!r}: {exc}") from None
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local...)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
