"""Ingest stage: read user inputs (files, stdin, JSON lines) into RawInput records."""

from __future__ import annotations

import io
import itertools
import json
import logging
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventlens.errors import InputError
from eventlens.records import RawInput

# Warnings about one input that do not stop it (an unreadable ``published``).
log = logging.getLogger("eventlens.inputs")

# Share of control characters above which bytes are treated as binary junk.
_BINARY_CONTROL_RATIO = 0.05
_ALLOWED_CONTROLS = {9, 10, 12, 13}
# A well-formed UTF-8 multi-byte sequence (2 to 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Decompression hands out at most this many bytes at a time (so a small compressed chunk
# that inflates enormously is never held whole).
_INFLATE_STEP = 1 << 20
# A compressed input file may inflate to this many times its size (text and HTML compress
# 3-30 times; a decompression bomb about 1,000 times), or to the floor, whichever is more.
MAX_INFLATE_RATIO = 200
MIN_INFLATE_ALLOWANCE = 64 * 2**20
INFLATE_CAP_NOTE = (f"{MAX_INFLATE_RATIO} times the file's size, "
                    f"at least {MIN_INFLATE_ALLOWANCE >> 20} MiB")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode raw bytes as text, refusing binary data and undecodable encodings.

    UTF-8 (with or without BOM) first, then UTF-16 (BOM or a NUL-byte pattern), then
    a declared charset, then cp1252 for legacy single-byte text. Broken UTF-8 (valid
    multi-byte sequences mixed with invalid bytes) and random high bytes are refused:
    anything undecodable is an InputError naming ``source``, and so is text that is
    empty or only whitespace (checked once, on the decoded text).
    """
    utf16 = _utf16_codec(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), source)
        except UnicodeDecodeError:
            raise InputError(source, "not valid UTF-16 despite its byte-order mark") from None
    try:
        return _check_text(data.decode("utf-8-sig"), source)
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    _refuse_binary(data, source)
    declared = _declared_charset(data)
    if declared and declared.replace("-", "").replace("_", "") not in ("utf8", "utf8sig"):
        try:
            return _check_text(data.decode(declared), source)
        except (UnicodeError, LookupError, ValueError):
            pass
    elif not declared and _plausible_single_byte(data):
        return _check_text(data.decode("cp1252", errors="replace"), source)
    raise InputError(
        source, f"not valid UTF-8 (bad byte at offset {bad_at:,}) and no usable charset declared"
    )


def _utf16_codec(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 16 and sample.count(0) * 2 >= len(sample) * 0.9:
        # ASCII-range text in UTF-16 without a BOM: every other byte is NUL.
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > 0.9 * (len(sample) // 2):
            return "utf-16-le"
        if even_nuls > 0.9 * (len(sample) // 2):
            return "utf-16-be"
    return None


def _plausible_single_byte(data: bytes) -> bool:
    """Legacy (cp1252/latin-1) text: no UTF-8 multi-byte sequences, few high bytes."""
    if _UTF8_MULTIBYTE.search(data[:65536]):
        return False  # it is UTF-8 with broken bytes, not another encoding
    sample = data[:65536]
    high = sum(1 for b in sample if b >= 0x80)
    return high <= 0.25 * len(sample)


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", errors="ignore").lower()
    marker = head.find("charset=")
    if marker < 0:
        return None
    value = head[marker + 8 :].lstrip("\"' ")
    name = "".join(itertools.takewhile(lambda ch: ch.isalnum() or ch in "-_:.", value[:40]))
    return name or None


def _refuse_binary(data: bytes, source: str) -> None:
    sample = data[:8192]
    if b"\x00" in data:  # anywhere, not only in the sample
        raise InputError(source, "looks like binary data, not text or HTML")
    controls = sum(1 for b in sample if b < 32 and b not in _ALLOWED_CONTROLS)
    if controls / max(len(sample), 1) > _BINARY_CONTROL_RATIO:
        raise InputError(source, "looks like binary data, not text or HTML")


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(source, "input is empty")
    sample = text[:8192]
    if "\x00" in text:  # anywhere, not only in the sample
        raise InputError(source, "looks like binary data, not text or HTML")
    controls = sum(1 for ch in sample if ord(ch) < 32 and ord(ch) not in _ALLOWED_CONTROLS)
    if controls / max(len(sample), 1) > _BINARY_CONTROL_RATIO:
        raise InputError(source, "looks like binary data, not text or HTML")
    return text


def read_path(path: str, max_bytes: int, stdin: IO[bytes] | None = None) -> RawInput:
    """Read one input file (or ``-`` for stdin) into a RawInput, size-capped."""
    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(source, "is a directory (use `eventlens ingest` for directories)")
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(source, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(source, f"input too large (over {max_bytes:,} bytes)")
    return RawInput(content=decode_bytes(data, source), source=source)


def jsonl_line_limit(max_bytes: int) -> int:
    """The longest JSON line read for inputs of at most ``max_bytes``: room for escapes."""
    return 2 * max_bytes + 4096


def max_inflated_bytes(compressed_size: int) -> int:
    """How much a compressed input file of ``compressed_size`` bytes may decompress to."""
    return max(MAX_INFLATE_RATIO * compressed_size, MIN_INFLATE_ALLOWANCE)


def open_gzip(path: str, source: str, *, limit: int) -> IO[bytes]:
    """A buffered binary stream of the decompressed content of gzip file ``path``.

    Decompressed as it is read (flat memory); reading past ``limit`` bytes of output,
    or corrupt or cut-off data, raises InputError naming ``source``.
    """
    raw = open(path, "rb")  # noqa: SIM115 - closed with the returned stream
    chunks = iter(lambda: raw.read(1 << 16), b"")
    pieces = _InflatingReader(raw, inflate(chunks, source, limit=limit))
    return io.BufferedReader(pieces, buffer_size=_INFLATE_STEP)


class _InflatingReader(io.RawIOBase):
    """A raw stream over ``inflate``'s output pieces."""

    def __init__(self, raw: IO[bytes], pieces: Iterator[bytes]) -> None:
        self._raw = raw
        self._pieces = pieces
        self._piece = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._piece:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._piece = memoryview(piece)
        n = min(len(buffer), len(self._piece))
        buffer[:n] = self._piece[:n]
        self._piece = self._piece[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def inflate(
    chunks: Iterable[bytes], source: str, *, limit: int | None, wbits: int = 31,
    truncate: bool = False,
) -> Iterator[bytes]:
    """Decompress a gzip (``wbits=31``) or zlib stream given in ``chunks``, as a stream.

    Output comes in pieces of at most 1 MiB, however much one input chunk inflates
    to; past ``limit`` bytes of output it stops (``truncate``) or raises InputError
    naming ``source``, as it does for corrupt or cut-off data (unless ``truncate``).
    Concatenated gzip members are read one after the other.
    """
    decomp: Any = None  # None between gzip members
    ended = False  # a member was read to its end
    total = 0
    for chunk in chunks:
        data = chunk
        while data:
            if decomp is None:
                data = data.lstrip(b"\x00") if ended else data  # zero padding after a member
                if not data:
                    break
                decomp = zlib.decompressobj(wbits)
            while True:
                try:
                    out = decomp.decompress(data, _INFLATE_STEP)
                except zlib.error as exc:
                    if truncate:
                        return
                    raise InputError(source, f"corrupt compressed data ({exc})") from None
                total += len(out)
                if limit is not None and total > limit:
                    if truncate:
                        yield out[: len(out) - (total - limit)]
                        return
                    raise InputError(source, f"decompresses to over {limit:,} bytes")
                if out:
                    yield out
                data = decomp.unconsumed_tail
                if decomp.eof or (not data and len(out) < _INFLATE_STEP):
                    break
            if decomp.eof:
                data, decomp, ended = decomp.unused_data, None, True
    if decomp is not None and not truncate:
        raise InputError(source, "compressed data ends early (truncated)")


def parse_jsonl_line(line: str, line_no: int, source: str) -> RawInput:
    """Parse one JSON-lines record ``{"id", "text"|"html", "published"?, "url"?, "title"?}``."""
    where = f"{source}:{line_no}"
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. absurd nesting or huge numbers
        raise InputError(where, f"malformed JSON ({type(exc).__name__})") from None
    if not isinstance(obj, dict):
        raise InputError(where, "each line must be a JSON object")
    return raw_from_record(obj, where, str(line_no))


def raw_from_record(obj: dict[str, Any], where: str, default_id: str) -> RawInput:
    """Build a RawInput from a record with the input fields (a JSON line or a Parquet row).

    ``{"id", "text"|"html", "published"?, "url"?, "title"?}``; ``default_id`` is used
    when the record has no ``id``.
    """
    obj = {key: _no_surrogates(value) for key, value in obj.items()}
    html, text = obj.get("html"), obj.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str):
        raise InputError(where, 'needs a string "text" or "html" field')
    doc_id, published = obj.get("id"), obj.get("published")
    if isinstance(published, date):  # Parquet dates and timestamps (datetime is a date)
        published = published.isoformat()
    return RawInput(
        content=content,
        id=str(doc_id) if doc_id is not None else default_id,
        is_html=True if content is html else None,
        published=_given_date(published, where),
        url=_opt_str(obj.get("url")),
        title=_opt_str(obj.get("title")),
        source=where,
    )


def _given_date(value: Any, where: str) -> str | None:
    """A record's ``published``: None when absent, else its day (YYYY-MM-DD).

    Read leniently (``read_date``: ISO, or any absolute date dateparser reads, such as
    "Dec 17, 2016 10:00 AM CT"). A value that names no day is not the article's
    fault: it is logged as a warning naming the record (``eventlens.inputs`` logger)
    and the article is kept, undated.
    """
    if value is None or value == "":
        return None
    day = read_date(value) if isinstance(value, str) else None
    if day is None:
        log.warning('%s: "published" %r is not a readable date; the article is kept '
                    "undated", where, str(value)[:40])
    return day


def read_date(value: str) -> str | None:
    """The day (YYYY-MM-DD) of a written date or datetime; None when it names no day.

    ISO dates first (``iso_day``); else dateparser with absolute dates only (no
    "yesterday": a record's date must not depend on when it is read), day, month and
    year all required. A trailing zone abbreviation dateparser does not know ("CT")
    is dropped before a second try.
    """
    text = " ".join(value.split())
    if not text or len(text) > _MAX_DATE_CHARS:
        return None
    day = iso_day(text)
    if day is not None or ISO_PREFIX.match(text):
        return day  # ISO-shaped: a real day or nothing (2016-02-30 is no date)
    parsed = _dateparser(text)
    if parsed is None and _TRAILING_ZONE.search(text):
        parsed = _dateparser(_TRAILING_ZONE.sub("", text))
    return parsed


# Longest ``published`` value worth reading as a date.
_MAX_DATE_CHARS = 80
ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A final 1-5 letter word after a time or date: a zone abbreviation ("CT", "EST", "BST").
_TRAILING_ZONE = re.compile(r"(?<=[\d.])\s+[A-Za-z]{1,5}$|(?<=[AaPp][Mm])\s+[A-Za-z]{1,5}$")


def _dateparser(text: str) -> str | None:
    # Imported here: dateparser's language data is loaded on first use, only for dates.
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"],
                  "PARSERS": ["custom-formats", "absolute-time"]},
    )
    try:
        found = parser.get_date_data(text).date_obj
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date().isoformat() if found is not None else None


def iso_day(value: str) -> str | None:
    """The day (YYYY-MM-DD) of a user-given ISO date or datetime; None for anything else.

    A date given with an input must be written ``YYYY-MM-DD`` (optionally followed by
    a time) and name a real day; written dates ("23 October 2016") are refused. The
    day itself comes from the article stage's ``normalise_date``, the one function
    that normalises publication dates.
    """
    # Imported here: the article stage loads trafilatura, which reading files does not need.
    from eventlens.article.stage import ISO_DATE, normalise_date

    # \d also matches other scripts' digits: the day must be written in ASCII ones.
    if not ISO_DATE.match(value) or not value.strip()[:10].isascii():
        return None
    return normalise_date(value)


def _no_surrogates(value: Any) -> Any:
    """JSON escapes can encode lone surrogates, which no UTF-8 output accepts: replace them."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def iter_jsonl(
    stream: IO[bytes], source: str, *, max_line_bytes: int | None = None
) -> Iterator[RawInput | InputError]:
    """Yield a RawInput (or the InputError) for each non-blank line of a JSON-lines stream.

    Lines longer than ``max_line_bytes`` are skipped unread (an error is yielded) so
    one giant line cannot exhaust memory.
    """
    for line_no, raw_line in _lines(stream, max_line_bytes):
        if raw_line is None:
            reason = f"line too long (over {max_line_bytes:,} bytes)"
            yield InputError(f"{source}:{line_no}", reason)
            continue
        try:
            line = raw_line.decode("utf-8-sig")
        except UnicodeDecodeError:
            salvaged = _salvage_id(raw_line.decode("utf-8", "replace"))
            yield InputError(f"{source}:{line_no}", "line is not valid UTF-8", salvaged)
            continue
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, line_no, source)
        except InputError as exc:
            yield InputError(exc.source, exc.reason, _salvage_id(line))


_BLANK = b" \t\r\n"


def _lines(stream: IO[bytes], limit: int | None) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, line) for the stream's lines; None for a line over ``limit``
    bytes (the rest of it is skipped unread).

    Runs of blank lines are skipped a buffer at a time where the stream can peek, so
    a file of millions of empty lines costs no more than one of the same size in text.
    """
    peek = getattr(stream, "peek", None)
    line_no = 0
    while True:
        while peek is not None:
            head = peek(1)
            rest = head.lstrip(_BLANK)
            skip = len(head) - len(rest)
            if not skip:
                break
            line_no += head.count(b"\n", 0, skip)
            stream.read(skip)
        chunk = stream.readline() if limit is None else stream.readline(limit + 1)
        if not chunk:
            return
        line_no += 1
        if limit is None or len(chunk) <= limit or chunk.endswith(b"\n"):
            yield line_no, chunk
            continue
        while chunk and not chunk.endswith(b"\n"):
            chunk = stream.readline(1 << 20)
        yield line_no, None


def _salvage_id(line: str) -> str | None:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return str(obj["id"]) if isinstance(obj, dict) and "id" in obj else None
