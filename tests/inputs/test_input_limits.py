"""Readers under hostile files: gzip bombs (.jsonl.gz, .warc.gz) stay within a constant
memory bound, odd WARC records and feeds become one-line errors, NUL bytes anywhere are
refused, and every error names its file."""

from __future__ import annotations

import gzip
import io
import json
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventlens.errors import InputError
from eventlens.inputs.datasets import read_input_file
from eventlens.inputs.fetch import Fetcher, parse_url
from eventlens.inputs.readers import decode_bytes, inflate, read_path
from eventlens.inputs.stage import SourceItem, iter_items

TEXT = "Dock workers in Basra went on strike on Monday to demand higher wages."
MAX_BYTES = 1_000_000


class OfflineFetcher(Fetcher):
    """Parses every URL like the real fetcher, then refuses it: no network in tests."""

    def fetch(self, url: str):  # type: ignore[no-untyped-def]
        parse_url(url, url)
        raise InputError(url, "offline in tests")


def gzip_stream(path: Path, parts: list[bytes | tuple[bytes, int]]) -> None:
    """Write a gzip file from ``parts``; ``(block, n)`` writes ``block`` n times (a bomb)."""
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)
    with open(path, "wb") as fh:
        for part in parts:
            block, times = part if isinstance(part, tuple) else (part, 1)
            for _ in range(times):
                fh.write(comp.compress(block))
        fh.write(comp.flush())


def peak_mib(read: Callable[[], object]) -> tuple[object, float]:
    tracemalloc.start()
    try:
        result = read()
        return result, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def record(n: int, text: str = TEXT) -> bytes:
    return (json.dumps({"id": f"r{n}", "text": f"{text} ({n})"}) + "\n").encode()


def test_jsonl_gz_line_bomb_is_refused_with_flat_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    # One line of 48 MiB (a JSON string that never ends) between two good records.
    gzip_stream(bomb, [record(1), b'{"id": "x", "text": "', (b"a" * 2**20, 48), b'"}\n',
                       record(2)])
    assert bomb.stat().st_size < 200_000
    items, peak = peak_mib(lambda: list(read_input_file(str(bomb), MAX_BYTES)))
    assert [getattr(i, "id", None) for i in items] == ["r1", None, "r2"]
    error = items[1]
    assert isinstance(error, InputError) and str(error).startswith(f"{bomb}:2: line too long")
    assert peak < 32, f"peak {peak:.0f} MiB"


def test_jsonl_gz_inflating_too_far_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "ratio.jsonl.gz"
    # 512 MiB of long lines from a 0.5 MB file: read up to the cap (200 times the file).
    gzip_stream(bomb, [record(1), ((b"b" * 2**22 + b"\n"), 128), record(2)])
    assert bomb.stat().st_size < 600_000
    started = time.monotonic()
    items = list(read_input_file(str(bomb), MAX_BYTES))
    assert getattr(items[0], "id", None) == "r1" and len(items) < 60
    assert str(items[-1]).startswith(f"{bomb}: unreadable after some lines: decompresses to over")
    assert time.monotonic() - started < 10


def test_jsonl_gz_of_many_blank_lines_and_corrupt_tail(tmp_path: Path) -> None:
    blank = tmp_path / "blank.jsonl.gz"
    # 48 Mi blank lines (and blank-looking ones) cost what 48 MiB of text does: seconds.
    gzip_stream(blank, [record(1), (b"\n" * 2**20, 40), (b" \r\n\t" * 2**20, 2), record(2)])
    started = time.monotonic()
    items, peak = peak_mib(lambda: list(read_input_file(str(blank), MAX_BYTES)))
    assert [getattr(i, "id", None) for i in items] == ["r1", "r2"] and peak < 32
    assert items[1].source == f"{blank}:{1 + 40 * 2**20 + 2 * 2**20 + 1}"
    assert time.monotonic() - started < 5
    corrupt = tmp_path / "corrupt.jsonl.gz"
    data = gzip.compress(record(1) + record(2) * 2000)
    corrupt.write_bytes(data[:200] + bytes(b ^ 0x55 for b in data[200:400]) + data[400:])
    items = list(read_input_file(str(corrupt), MAX_BYTES))
    assert isinstance(items[-1], InputError) and str(items[-1]).startswith(str(corrupt))


def warc_record(uri: str | None, payload: bytes, rec_type: str = "response") -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    rec = writer.create_warc_record(uri or "http://placeholder.example/", rec_type,
                                    payload=io.BytesIO(payload), http_headers=headers)
    writer.write_record(rec)
    data = buf.getvalue()
    if uri is None:
        data = data.replace(b"WARC-Target-URI: http://placeholder.example/\r\n", b"")
    return data


def _warc_bomb(path: Path, mib: int) -> None:
    """A .warc.gz whose first record holds ``mib`` MiB of text (compressed ~1,000 times),
    followed by a good record."""
    head = (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://x.example/big\r\n"
            b"WARC-Record-ID: <urn:uuid:big>\r\nContent-Type: text/plain\r\n"
            b"Content-Length: %d\r\n\r\n" % (mib * 2**20))
    gzip_stream(path, [head, (b"a" * 2**20, mib), b"\r\n\r\n"])
    with open(path, "ab") as fh:
        fh.write(gzip.compress(warc_record("http://x.example/ok", f"<p>{TEXT}</p>".encode())))


def test_warc_gz_record_bomb_is_refused_and_the_next_record_kept(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    _warc_bomb(bomb, 48)
    items, peak = peak_mib(lambda: list(read_input_file(str(bomb), MAX_BYTES)))
    assert len(items) == 2
    assert isinstance(items[0], InputError) and "too large" in str(items[0])
    assert str(items[0]).startswith(f"{bomb}#1: ")
    assert not isinstance(items[1], InputError) and items[1].url == "http://x.example/ok"
    assert peak < 64, f"peak {peak:.0f} MiB"
    # 512 MiB from a 0.5 MB file: over 200 times its size, the rest of the file is refused.
    far = tmp_path / "far.warc.gz"
    _warc_bomb(far, 512)
    started = time.monotonic()
    items = list(read_input_file(str(far), MAX_BYTES))
    assert [str(i).split(": ")[1][:35] for i in items] == [
        "input too large (over 1,000,000 byt", "refused after 1 record(s)"]
    cap = 200 * far.stat().st_size
    assert f"decompresses to over {cap:,} bytes (the cap: 200 times the file's size, at least " \
        "64 MiB)" in str(items[1])
    assert time.monotonic() - started < 10


def test_warc_chunked_gzip_payload_bomb_is_refused(tmp_path: Path) -> None:
    """An HTTP response stored chunked and gzip-encoded: decoded with an output cap."""
    payload = gzip.compress(b"<p>" + b"a" * (64 * 2**20) + b"</p>")
    body = b"%x\r\n" % len(payload) + payload + b"\r\n0\r\n\r\n"
    ok = gzip.compress(f"<p>{TEXT}</p>".encode())
    ok_body = b"%x\r\n" % len(ok) + ok + b"\r\n0\r\n\r\n"
    path = tmp_path / "chunked.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for n, data in enumerate([body, ok_body]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                                  ("Transfer-Encoding", "chunked"),
                                                  ("Content-Encoding", "gzip")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://x.example/{n}", "response", payload=io.BytesIO(data),
                http_headers=headers))
    items, peak = peak_mib(lambda: list(read_input_file(str(path), MAX_BYTES)))
    assert isinstance(items[0], InputError) and "too large" in str(items[0])
    assert not isinstance(items[1], InputError) and TEXT in items[1].content
    assert peak < 32, f"peak {peak:.0f} MiB"


def test_warc_giant_header_line_is_one_error_with_flat_memory(tmp_path: Path) -> None:
    bad = tmp_path / "line.warc.gz"
    good = gzip.compress(warc_record("http://x.example/ok", f"<p>{TEXT}</p>".encode()))
    bad.write_bytes(good)
    with open(bad, "ab") as fh:
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        fh.write(comp.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: "))
        for _ in range(128):
            fh.write(comp.compress(b"h" * 2**20))
        fh.write(comp.flush())
    items, peak = peak_mib(lambda: list(read_input_file(str(bad), MAX_BYTES)))
    assert not isinstance(items[0], InputError)
    assert isinstance(items[-1], InputError) and "header line is over" in str(items[-1])
    # warcio inflates 16 KiB blocks at a time (at most ~16 MiB each): a constant bound.
    assert peak < 80, f"peak {peak:.0f} MiB"


def test_warc_record_without_target_uri_is_that_records_error(tmp_path: Path) -> None:
    path = tmp_path / "nouri.warc"
    path.write_bytes(warc_record(None, f"<p>{TEXT}</p>".encode())
                     + warc_record("http://x.example/2", f"<p>{TEXT} again</p>".encode()))
    items = list(read_input_file(str(path), MAX_BYTES))
    assert [str(i) if isinstance(i, InputError) else i.url for i in items] == [
        f"{path}#1: WARC response record without WARC-Target-URI", "http://x.example/2"]


def test_inflate_caps_output_whatever_one_chunk_holds() -> None:
    bomb = gzip.compress(b"\0" * (64 * 2**20))
    with pytest.raises(InputError, match="decompresses to over 1,000,000 bytes"):
        for _ in inflate([bomb], "page", limit=1_000_000):
            pass
    assert b"".join(inflate([bomb[:100], bomb[100:]], "page", limit=None)) == b"\0" * (64 * 2**20)
    two = gzip.compress(b"one ") + gzip.compress(b"two") + b"\0" * 10
    assert b"".join(inflate((two[i:i + 3] for i in range(0, len(two), 3)), "p", limit=None)) \
        == b"one two"
    with pytest.raises(InputError, match="ends early"):
        list(inflate([gzip.compress(b"x" * 1000)[:-12]], "p", limit=None))
    assert b"".join(inflate([gzip.compress(b"abc" * 10)], "p", limit=5, truncate=True)) == b"abcab"


def test_nul_bytes_after_the_first_8_kb_are_refused(tmp_path: Path) -> None:
    late = ("Talks in Amman. " * 1000).encode() + b"\x00\x00" + b" more text"
    assert len(late) > 8192
    with pytest.raises(InputError, match="binary"):
        decode_bytes(late, "late.txt")
    with pytest.raises(InputError, match="binary"):  # undecodable bytes as well
        decode_bytes(late + b"\xff", "late.txt")
    path = tmp_path / "late.html"
    path.write_bytes(late)
    with pytest.raises(InputError) as info:
        read_path(str(path), MAX_BYTES)
    assert str(info.value).startswith(f"{path}: ")


def test_feed_with_huge_char_ref_and_malformed_links(tmp_path: Path) -> None:
    overflow = tmp_path / "overflow.rss"
    overflow.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                        "<item><title>a &#xFFFFFFFF; b</title><link>http://x.example/</link>"
                        "</item></channel></rss>", "utf-8")
    links = tmp_path / "links.rss"
    links.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                     + "".join(f"<item><title>{n}</title><link>{link}</link></item>"
                               for n, link in enumerate(["http://[::1/", "http://h:99999/",
                                                         "http://ok.example/a"]))
                     + "</channel></rss>", "utf-8")
    text = tmp_path / "z.txt"
    text.write_text(TEXT, "utf-8")
    items = list(iter_items([str(overflow), str(links), str(text)], fetcher=OfflineFetcher(),
                            max_bytes=MAX_BYTES, known_url=lambda url: False))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors[0].startswith(f"{overflow}: broken feed XML (OverflowError")
    assert errors[1] == "http://[::1/: malformed URL (Invalid IPv6 URL)"
    assert errors[2].startswith("http://h:99999/: malformed URL (Port out of range")
    assert errors[3] == "http://ok.example/a: offline in tests"
    assert isinstance(items[-1], SourceItem) and items[-1].raw.source == str(text)


def test_unexpected_reader_error_ends_only_that_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventlens.inputs import readers

    calls: list[str] = []
    real = readers.read_path

    def flaky(path: str, max_bytes: int, stdin: object = None) -> object:
        calls.append(path)
        if path.endswith("a.txt"):
            raise KeyError("a reader bug")
        return real(path, max_bytes)

    monkeypatch.setattr(readers, "read_path", flaky)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, "utf-8")
    items = list(iter_items([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "http://[::1/"],
                            fetcher=OfflineFetcher(), max_bytes=MAX_BYTES,
                            known_url=lambda url: False))
    assert str(items[0]) == f"{tmp_path / 'a.txt'}: unreadable (KeyError: 'a reader bug')"
    assert isinstance(items[1], SourceItem)
    assert str(items[2]).startswith("http://[::1/: malformed URL")


def test_every_error_names_its_file(tmp_path: Path) -> None:
    (tmp_path / "bin.html").write_bytes(b"<p>x</p>" * 2000 + b"\x00")
    (tmp_path / "e.txt").write_bytes(b"  ")
    (tmp_path / "j.jsonl").write_text('{"text": 1}\n[1]\n', "utf-8")
    (tmp_path / "w.warc").write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n")
    (tmp_path / "f.rss").write_text("<rss><channel><item>", "utf-8")
    (tmp_path / "t.jsonl.gz").write_bytes(gzip.compress(record(1))[:-20])
    items = list(iter_items([str(tmp_path)], fetcher=OfflineFetcher(), max_bytes=MAX_BYTES,
                            known_url=lambda url: False))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) >= 6
    for error in errors:
        assert error.source.startswith(str(tmp_path)), error
        assert "<input>" not in str(error) and "\n" not in str(error)
