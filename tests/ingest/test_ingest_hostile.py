"""``eventlens ingest`` over hostile sources: every bad input is one line in ``errors`` and
the run goes on with the next source (malformed URLs on the command line, in a feed and in
a redirect; a feed entity that overflows feedparser; a WARC record without a target URI; a
gzip bomb), and the good inputs around them are stored."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventlens.cli import stage as cli

# Illustrative, team-written articles (not real news).
STORIES = {
    "/basra.html": ("Strike in Basra", "Dock workers in Basra went on strike on Monday to "
                    "demand higher wages, the port authority said. Police guarded the gates."),
    "/amman.html": ("Talks in Amman", "The foreign ministers of Jordan and Britain met in Amman "
                    "on Tuesday and agreed to expand support for refugee schools."),
}
KIRKUK = ("Gunmen attacked a police station in Kirkuk before dawn on Friday, officials said. "
          "Kurdish security forces surrounded the building.")
ERBIL = ("Thousands of teachers marched through Erbil on Sunday to protest unpaid salaries. "
         "The regional government promised to pay them next month.")
HILLA = ("Farmers near Hilla blocked the main road on Thursday to demand water for their "
         "fields, a local official said.")
MOSUL = ("Engineers reopened the old bridge in Mosul on Wednesday after two years of repairs, "
         "the city council said.")


def page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p></article></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/html",
              location: bytes | None = None) -> None:
        self.send_response_only(code)
        self.send_header("Content-Type", ctype)
        self.flush_headers()
        if location is not None:  # raw bytes, as a hostile server sends them
            self.wfile.write(b"Location: " + location + b"\r\n")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        host = f"http://{self.headers['Host']}"
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path in STORIES:
            self._send(200, page(*STORIES[self.path]))
        elif self.path == "/feed.xml":
            links = ["http://[::1/", f"{host}/basra.html", f"{host}/bad-redirect",
                     f"{host}/bad-redirect-2", "http://h.example:99999/"]
            items = "".join(f"<item><title>e{n}</title><link>{link}</link></item>"
                            for n, link in enumerate(links))
            self._send(200, ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                             f"{items}</channel></rss>").encode(), "application/rss+xml")
        elif self.path == "/overflow.xml":
            self._send(200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                       b"<item><title>a &#xFFFFFFFF; b</title><link>http://x.example/</link>"
                       b"</item></channel></rss>", "application/rss+xml")
        elif self.path == "/bad-redirect":
            self._send(302, b"", location=b"http:127.0.0.1:18080/ok")
        elif self.path == "/bad-redirect-2":
            self._send(302, b"", location=b"http://[::1/ok")
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def warc_without_target_uri(path: Path) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for n, text in enumerate([ERBIL, MOSUL]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"http://news.example/{n}", "response",
                                            payload=io.BytesIO(page(f"Story {n}", text)),
                                            http_headers=headers)
            if n == 0:
                rec.rec_headers.remove_header("WARC-Target-URI")
            writer.write_record(rec)


def jsonl_gz_bomb(path: Path) -> None:
    """A good record, a 48 MiB line, a good record: about 50 KB on disk."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as fh:
        fh.write(comp.compress(json.dumps({"id": "k", "text": KIRKUK}).encode() + b"\n"))
        fh.write(comp.compress(b'{"id": "bomb", "text": "'))
        for _ in range(48):
            fh.write(comp.compress(b"a" * 2**20))
        fh.write(comp.compress(b'"}\n'))
        fh.write(comp.compress(json.dumps({"id": "h", "text": HILLA}).encode() + b"\n"))
        fh.write(comp.flush())


def test_hostile_sources_become_errors_and_the_run_goes_on(
    server: str, tmp_path: Path, nlp_model: object
) -> None:
    warc = tmp_path / "nouri.warc"
    warc_without_target_uri(warc)
    bomb = tmp_path / "bomb.jsonl.gz"
    jsonl_gz_bomb(bomb)
    overflow = tmp_path / "overflow.rss"
    overflow.write_bytes(gzip.decompress(gzip.compress(
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>&#xFFFFFFFF;</title>'
        b"<link>http://x.example/</link></item></channel></rss>")))
    late_nul = tmp_path / "late-nul.txt"
    late_nul.write_bytes((ERBIL + " ").encode() * 100 + b"\x00")
    db = tmp_path / "h.db"
    sources = ["http://[::1/", f"{server}/feed.xml", f"{server}/overflow.xml",
               f"{server}/bad-redirect", str(overflow), str(warc), str(bomb), str(late_nul),
               f"{server}/amman.html"]
    code = cli.main(["ingest", *sources, "--db", str(db), "--jobs", "1", "--quiet",
                     "--allow-private", "--timeout", "5"])
    assert code == 1
    conn = sqlite3.connect(db)
    stored = {row[0] for row in conn.execute("SELECT source FROM articles")}
    errors = dict(conn.execute("SELECT source, reason FROM errors").fetchall())
    conn.close()
    assert stored == {f"{server}/basra.html", f"{warc}#2", f"{bomb}:1", f"{bomb}:3",
                      f"{server}/amman.html"}
    assert errors.pop(f"{server}/overflow.xml").startswith("broken feed XML (OverflowError")
    assert errors.pop(str(overflow)).startswith("broken feed XML (OverflowError")
    # "http:127.0.0.1:18080/ok" is a path on the same host (RFC 3986): not found there.
    assert errors == {
        "http://[::1/": "malformed URL (Invalid IPv6 URL)",
        "http://h.example:99999/": "malformed URL (Port out of range 0-65535)",
        f"{server}/bad-redirect": "HTTP 404 Not Found",
        f"{server}/bad-redirect-2": "redirect to malformed URL 'http://[::1/ok' (Invalid IPv6 "
                                    "URL)",
        f"{warc}#1": "WARC response record without WARC-Target-URI",
        f"{bomb}:2": "line too long (over 20,004,096 bytes)",
        str(late_nul): "looks like binary data, not text or HTML",
    }
    assert all("\n" not in reason and "<input>" not in reason for reason in errors.values())

