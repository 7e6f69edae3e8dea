"""Property tests for every reader: generated JSON lines, WARC archives, RSS/Atom feeds,
HTML/text bytes (plain, gzip, cut short, with flipped bytes) and raw HTTP answers.

Each example must give only ingest items (articles, or one-line InputErrors naming the
input) - never another exception - within a time bound (a hang fails the test instead of
stalling CI). Derandomized and with modest example counts, so CI runs the same cases fast.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlens.errors import InputError
from eventlens.inputs.fetch import Fetcher, FetchResult, parse_url
from eventlens.inputs.stage import IngestItem, ReadyDocument, Skipped, SourceItem, iter_items

MAX_BYTES = 200_000
EXAMPLE_SECONDS = 20  # a hang, not slowness: hypothesis's own deadline is tighter
# EVENTLENS_FUZZ_EXAMPLES=5000 runs a longer, random (not derandomized) campaign locally.
_CAMPAIGN = int(os.environ.get("EVENTLENS_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_CAMPAIGN or 150, deadline=5000, derandomize=not _CAMPAIGN,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class OfflineFetcher(Fetcher):
    """Parses every URL like the real fetcher, then refuses it: no network in tests."""

    def fetch(self, url: str) -> FetchResult:
        parse_url(url, url)
        raise InputError(url, "offline in tests")


FETCHER = OfflineFetcher(workers=2)


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail an example that runs longer than ``seconds`` (SIGALRM; main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal,
                                                                                 "setitimer"):
        yield
        return

    def alarm(*_: object) -> None:
        raise Hang(f"example still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_all(name: str, data: bytes) -> list[IngestItem]:
    """Write ``data`` as file ``name`` and read it the way ingest does; check the items."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        with time_limit(EXAMPLE_SECONDS):
            items = list(iter_items([str(path)], fetcher=FETCHER, max_bytes=MAX_BYTES,
                                    known_url=lambda url: url.endswith("/known")))
        for item in items:
            assert isinstance(item, SourceItem | InputError | Skipped | ReadyDocument), item
            if isinstance(item, InputError):
                message = str(item)
                assert "\n" not in message and "<input>" not in message, message
                assert item.source, message
            if isinstance(item, SourceItem) and not name.startswith("in.jsonl"):
                assert "\x00" not in item.raw.content  # decoded bytes with NULs are refused
        return items


# -- damage applied to any generated file -------------------------------------------

@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` as is, cut short, or with a few bytes flipped."""
    how = draw(st.sampled_from(["as is", "as is", "cut", "flip"]))
    if how == "cut" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip" and data:
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(out) - 1))
            out[at] ^= draw(st.integers(1, 255))
        return bytes(out)
    return data


def maybe_gzip(draw: st.DrawFn, data: bytes) -> tuple[bytes, bool]:
    if draw(st.booleans()):
        return gzip.compress(data, compresslevel=1), True
    return data, False


# -- JSON lines -------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {"text": st.text(min_size=0, max_size=300)},
    optional={"id": json_values, "html": st.text(max_size=200), "title": json_values,
              "url": json_values,
              "published": st.one_of(st.sampled_from(["2016-10-14", "2016-02-30", "14/10/2016",
                                                      "2016-10-14T10:00:00Z", ""]), json_values)},
)
json_lines = st.one_of(
    records.map(json.dumps), json_values.map(json.dumps), st.text(max_size=80),
    st.just('{"text": "' + "a" * 500_000 + '"}'),  # over the line limit of MAX_BYTES
    st.just('{"text": "\\ud800 lone surrogate"}'), st.just("[" * 5000 + "]" * 5000),
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> tuple[str, bytes]:
    lines = draw(st.lists(json_lines, max_size=8))
    sep = draw(st.sampled_from(["\n", "\r\n"]))
    data = sep.join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        data += bytes(draw(st.binary(max_size=40)))  # a line of raw bytes
    data, gz = maybe_gzip(draw, data)
    return ("in.jsonl.gz" if gz else "in.jsonl"), draw(damaged(data))


@FUZZ
@given(jsonl_files())
def test_fuzz_json_lines(case: tuple[str, bytes]) -> None:
    read_all(*case)


# -- WARC -----------------------------------------------------------------------------

http_heads = st.lists(st.sampled_from([
    "Content-Type: text/html; charset=utf-8", "Content-Type: text/plain", "Content-Type: image/png",
    "Transfer-Encoding: chunked", "Content-Encoding: gzip", "Content-Encoding: br",
    "Content-Length: 12", "X-Junk: \x01\x02",
]), max_size=4)


@st.composite
def http_payloads(draw: st.DrawFn) -> bytes:
    status = draw(st.sampled_from(["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.0 200",
                                   "HTTP/9 999 ?", "garbage"]))
    heads = draw(http_heads)
    body = draw(st.one_of(st.text(max_size=300).map(str.encode), st.binary(max_size=300)))
    if "Content-Encoding: gzip" in heads and draw(st.booleans()):
        body = gzip.compress(body)
    if "Transfer-Encoding: chunked" in heads and draw(st.booleans()):
        size = draw(st.sampled_from([len(body), len(body) + 5, 0x7FFFFFFF, -1]))
        body = (f"{size:x}" if size >= 0 else "zz").encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"
    return ("\r\n".join([status, *heads]) + "\r\n\r\n").encode("utf-8", "replace") + body


@st.composite
def warc_records(draw: st.DrawFn) -> bytes:
    rec_type = draw(st.sampled_from(["response", "resource", "warcinfo", "request", "revisit",
                                     "metadata"]))
    payload = draw(http_payloads()) if rec_type == "response" else draw(
        st.one_of(st.text(max_size=300).map(str.encode), st.binary(max_size=200)))
    heads = [f"WARC-Type: {rec_type}", "WARC-Record-ID: <urn:uuid:1>"]
    uri = draw(st.sampled_from([None, "http://news.example/a", "https://news.example/b?x=1",
                                "dns:news.example", "", "http://[::1/"]))
    if uri is not None:
        heads.append(f"WARC-Target-URI: {uri}")
    if draw(st.booleans()):
        heads.append(draw(st.sampled_from(["Content-Type: application/http; msgtype=response",
                                           "Content-Type: text/html", "Content-Type: x/y"])))
    length = draw(st.sampled_from(["right", "right", "short", "long", "none", "junk"]))
    declared = {"right": str(len(payload)), "short": str(max(len(payload) - 3, 0)),
                "long": str(len(payload) + 50), "junk": "12abc"}.get(length)
    if declared is not None:
        heads.append(f"Content-Length: {declared}")
    version = draw(st.sampled_from(["WARC/1.0", "WARC/1.1", "WARC/0.9"]))
    return ("\r\n".join([version, *heads]) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


@st.composite
def warc_files(draw: st.DrawFn) -> tuple[str, bytes]:
    recs = draw(st.lists(warc_records(), min_size=1, max_size=4))
    gz = draw(st.booleans())
    data = b"".join(gzip.compress(r, compresslevel=1) for r in recs) if gz else b"".join(recs)
    return ("crawl.warc.gz" if gz else "crawl.warc"), draw(damaged(data))


@FUZZ
@given(warc_files())
def test_fuzz_warc(case: tuple[str, bytes]) -> None:
    read_all(*case)


# -- RSS / Atom -------------------------------------------------------------------------

feed_texts = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60),
    st.sampled_from(["&#xFFFFFFFF;", "&#0;", "&#x110000;", "&bogus;", "&amp;", "&#99999999999;",
                     "<![CDATA[<p>x</p>]]>", "<b>bold</b>", "&lt;script&gt;"]),
)
feed_links = st.sampled_from([
    "http://news.example/a", "https://news.example/known", "http://[::1/", "http://h:99999/",
    "javascript:alert(1)", "", "http://exa mple/", "//news.example/x", "http:x", "ftp://x/",
    "http://\u00e9.example/", "http://xn--/",
])
feed_dates = st.sampled_from(["Fri, 14 Oct 2016 10:00:00 GMT", "2016-10-14T10:00:00Z",
                              "not a date", "Mon, 31 Feb 99999 99:99:99 +9999", ""])


@st.composite
def feed_files(draw: st.DrawFn) -> tuple[str, bytes]:
    entries = []
    long_body = "<p>" + "Talks in Amman went on for hours. " * 20 + "</p>"
    for _ in range(draw(st.integers(0, 4))):
        title = draw(feed_texts)
        link = draw(feed_links)
        date = draw(feed_dates)
        body = draw(st.sampled_from(["", long_body, "<p>short</p>"])) + draw(feed_texts)
        atom = draw(st.booleans())
        if atom:
            entries.append(f"<entry><title>{title}</title><link href=\"{link}\"/>"
                           f"<updated>{date}</updated><content type=\"html\">{body}</content>"
                           "</entry>")
        else:
            entries.append(f"<item><title>{title}</title><link>{link}</link>"
                           f"<pubDate>{date}</pubDate><description>{body}</description></item>")
    if draw(st.booleans()):
        doc = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
               + "".join(entries) + "</feed>")
    else:
        doc = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
               + "".join(entries) + "</channel></rss>")
    name = draw(st.sampled_from(["feed.rss", "feed.atom", "feed.xml"]))
    return name, draw(damaged(doc.encode("utf-8", "surrogatepass")))


@FUZZ
@given(feed_files())
def test_fuzz_feeds(case: tuple[str, bytes]) -> None:
    read_all(*case)


# -- HTML and text bytes --------------------------------------------------------------

@st.composite
def page_files(draw: st.DrawFn) -> tuple[str, bytes]:
    text = draw(st.text(max_size=400))
    html = draw(st.booleans())
    if html:
        charset = draw(st.sampled_from(["", "utf-8", "iso-8859-1", "shift_jis", "bogus-cs"]))
        meta = f'<meta charset="{charset}">' if charset else ""
        text = f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252",
                                  "latin-1"]))
    data = text.encode(codec, errors="replace") if draw(st.booleans()) else draw(
        st.binary(max_size=400))
    if draw(st.booleans()):
        data += b"\x00" if draw(st.booleans()) else bytes(draw(st.binary(max_size=20)))
    return ("page.html" if html else "page.txt"), draw(damaged(data))


@FUZZ
@given(page_files())
def test_fuzz_pages(case: tuple[str, bytes]) -> None:
    read_all(*case)


# -- raw HTTP answers to the fetcher ------------------------------------------------------

class RawServer:
    """Answers each connection with ``self.answer`` (bytes), then closes it."""

    def __init__(self) -> None:
        self.answer = b""
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                try:
                    conn.recv(65536)
                    conn.sendall(self.answer)
                    conn.shutdown(socket.SHUT_WR)
                except OSError:
                    pass


@pytest.fixture(scope="module")
def raw_server() -> Iterator[RawServer]:
    server = RawServer()
    yield server
    server.sock.close()


@st.composite
def http_answers(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 4)) == 0:
        return bytes(draw(st.binary(max_size=300)))
    status = draw(st.sampled_from([200, 200, 301, 302, 404, 500, 999]))
    heads = draw(st.lists(st.sampled_from([
        "Content-Type: text/html", "Content-Type: application/rss+xml", "Content-Type: image/png",
        "Content-Encoding: gzip", "Content-Encoding: deflate", "Content-Encoding: br",
        "Transfer-Encoding: chunked", "Content-Length: 5", "Content-Length: 99999999999",
        "Location: http://[::1/", "Location: /elsewhere", "Location: http:127.0.0.1:1/x",
        "Location: gopher://x/", "X-Bad-Header-\x00: v",
    ]), max_size=4))
    body = draw(st.one_of(st.text(max_size=200).map(str.encode), st.binary(max_size=200)))
    if "Content-Encoding: gzip" in heads and draw(st.booleans()):
        body = gzip.compress(body)
    head = "\r\n".join([f"HTTP/1.1 {status} X", *heads, "Connection: close"])
    return head.encode("utf-8", "replace") + b"\r\n\r\n" + draw(damaged(body))


HTTP_FUZZ = settings(FUZZ, max_examples=_CAMPAIGN or 60)


@HTTP_FUZZ
@given(answer=http_answers())
def test_fuzz_http_answers(raw_server: RawServer, answer: bytes) -> None:
    raw_server.answer = answer
    fetcher = Fetcher(allow_private=True, timeout=2.0, respect_robots=False, max_bytes=MAX_BYTES,
                      max_redirects=1)
    outcome: Callable[[], Any] = lambda: fetcher.fetch(f"http://127.0.0.1:{raw_server.port}/")  # noqa: E731
    try:
        with time_limit(EXAMPLE_SECONDS):
            result = outcome()
        assert isinstance(result, FetchResult) and len(result.content) <= MAX_BYTES
    except InputError as exc:
        assert "\n" not in str(exc)
    finally:
        fetcher.close()
