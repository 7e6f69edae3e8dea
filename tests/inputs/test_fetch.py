"""URL and feed ingest against a real HTTP server on 127.0.0.1: SSRF guard, redirects,
size cap, robots.txt, content types, timeouts and the ``--allow-private`` switch."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventlens.cli import stage as cli
from eventlens.errors import InputError
from eventlens.inputs.fetch import Fetcher, is_public

PAGE = ("<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}"
        "</h1><p>{body}</p></article></body></html>")
# Illustrative, team-written article bodies.
BODIES = {
    "/a1.html": ("Ministers meet in Amman", "The foreign ministers of Jordan and Britain met in "
                 "Amman on Tuesday and agreed to expand support for refugee schools."),
    "/a2.html": ("Strike in Basra", "Dock workers in Basra went on strike on Monday to demand "
                 "higher wages, the port authority said."),
    "/private/secret.html": ("Not for robots", "This page is disallowed by robots.txt."),
}


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()
    agents: list[str] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if "Transfer-Encoding" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path
        Handler.hits[path] += 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        host = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path in BODIES:
            title, body = BODIES[path]
            self._send(200, PAGE.format(title=title, body=body).encode())
        elif path == "/feed.xml":
            items = "".join(f"<item><title>{t}</title><link>{host}{p}</link></item>"
                            for p, t in [("/a1.html", "a1"), ("/a2.html", "a2"),
                                         ("/private/secret.html", "s"), ("/missing.html", "m")])
            self._send(200, f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                       f"{items}</channel></rss>".encode(), "application/rss+xml")
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": "/a1.html"})
        elif path.startswith("/loop/"):
            self._send(302, b"", headers={"Location": f"/loop/{int(path[6:]) + 1}"})
        elif path == "/to-file":
            self._send(302, b"", headers={"Location": "file:///etc/passwd"})
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 50_000 + b"</p>")
        elif path == "/big-chunked":
            self._send_chunked()
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"<p>late</p>")
        else:
            self._send(404, b"not found")

    def _send_chunked(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"y" * 8000 + b"</p>"
        for _ in range(10):
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def fetcher() -> Iterator[Fetcher]:
    f = Fetcher(allow_private=True, timeout=1.0, max_bytes=20_000)
    yield f
    f.close()


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2a00:1450:4001:80b::200e", True), ("127.0.0.1", False),
     ("10.1.2.3", False), ("192.168.0.10", False), ("172.16.5.4", False),
     ("169.254.169.254", False), ("::1", False), ("fe80::1", False), ("fc00::1", False),
     ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("100.64.0.1", False),
     ("224.0.0.1", False)],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.html",
                                 "javascript:alert(1)", "gopher://example.org/"])
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(InputError, match="refused scheme"):
        Fetcher(allow_private=True).fetch(url)


def test_private_and_loopback_refused_without_flag(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for url in (f"{server}/a1.html", f"http://localhost:{port}/a1.html"):
        with pytest.raises(InputError, match="non-public address"):
            Fetcher().fetch(url)
    assert Handler.hits["/a1.html"] == 0


def test_fetch_page_and_user_agent(server: str, fetcher: Fetcher) -> None:
    result = fetcher.fetch(f"{server}/a1.html")
    assert b"Jordan and Britain" in result.content and result.status == 200
    assert Handler.agents and all("eventlens/" in a for a in Handler.agents)


@pytest.mark.parametrize(
    ("path", "message"),
    [("/loop/0", "more than 3 redirects"), ("/to-file", "refused scheme 'file'"),
     ("/missing.html", "HTTP 404"), ("/image.png", "unsupported content type 'image/png'"),
     ("/big", "too large"), ("/big-chunked", "too large"),
     ("/private/secret.html", "disallowed by robots.txt"), ("/slow", "fetch failed")],
)
def test_fetch_failures(server: str, path: str, message: str) -> None:
    fetcher = Fetcher(allow_private=True, timeout=1.0, max_bytes=20_000, max_redirects=3)
    with pytest.raises(InputError, match=message) as info:
        fetcher.fetch(server + path)
    assert str(info.value).startswith(server + path)


def test_redirect_is_followed(server: str, fetcher: Fetcher) -> None:
    result = fetcher.fetch(f"{server}/redirect")
    assert result.url == f"{server}/a1.html"


def test_unreachable_url(fetcher: Fetcher) -> None:
    with pytest.raises(InputError, match="fetch failed"):
        fetcher.fetch("http://127.0.0.1:9/nothing-listens-here")


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_ingest_feed_url_and_pages(server: str, tmp_path: Path, nlp_model: object) -> None:
    db = tmp_path / "web.db"
    unreachable = "http://127.0.0.1:9/nothing-listens-here"
    args = ["ingest", f"{server}/feed.xml", unreachable, f"{server}/redirect", "--db", str(db),
            "--jobs", "1", "--quiet"]
    # Without --allow-private nothing on 127.0.0.1 is fetched.
    assert cli.main(args) == 1
    assert _rows(db, "SELECT COUNT(*) FROM articles") == [(0,)]
    assert all("non-public" in r for (r,) in _rows(db, "SELECT reason FROM errors"))
    before = Handler.hits["/a1.html"]
    assert cli.main([*args, "--allow-private"]) == 1
    urls = sorted(u for (u,) in _rows(db, "SELECT url FROM articles"))
    assert urls == [f"{server}/a1.html", f"{server}/a2.html"]
    reasons = dict(_rows(db, "SELECT source, reason FROM errors"))
    assert "robots.txt" in reasons[f"{server}/private/secret.html"]
    assert "HTTP 404" in reasons[f"{server}/missing.html"]
    assert any("fetch failed" in r for (r,) in _rows(
        db, f"SELECT reason FROM errors WHERE source = '{unreachable}'"))
    # /redirect lands on a1.html, already stored: fetched once more, stored once.
    fetched = Handler.hits["/a1.html"]
    assert fetched - before == 2
    # A re-run does not fetch stored articles again.
    assert cli.main([*args, "--allow-private"]) == 1
    assert Handler.hits["/a1.html"] == fetched
    assert _rows(db, "SELECT COUNT(*) FROM articles") == [(2,)]
