"""Batch inputs: expand paths and read JSON lines, WARC, Parquet and single files.

Every reader yields one item per article: a RawInput, or the InputError that
explains why that input could not be read (the batch records it and goes on).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventlens.errors import InputError
from eventlens.inputs import readers
from eventlens.records import RawInput

# What every reader yields per article: the input, or why it could not be read.
Item = RawInput | InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
# Parquet/JSON-lines fields read as the article; the same names as `extract --jsonl`.
INPUT_FIELDS = ("id", "text", "html", "published", "url", "title")
# Parquet inputs are read in record batches of this many rows to keep memory flat.
_PARQUET_BATCH_ROWS = 256
# The longest header line (WARC or HTTP) read from an archive; a longer one is corrupt.
WARC_LINE_LIMIT = 1 << 20


def list_input_files(paths: Iterable[str]) -> list[str]:
    """Expand directories (recursively, sorted, hidden files skipped) into file paths.

    Paths that do not exist are kept so that reading them records a clear error.
    """
    files: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files.extend(
                str(f)
                for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            files.append(path)
    return files


def count_inputs(files: Iterable[str]) -> int | None:
    """How many items reading ``files`` will give, when cheap to know; else None.

    Plain JSON lines: their non-blank lines; Parquet: its row count (file metadata);
    an HTML or text file: one. Compressed JSON lines and WARC files would have to be
    read through, so their presence makes the total unknown (progress without ETA).
    """
    total = 0
    for path in files:
        kind = kind_of(path)
        try:
            if kind == "jsonl" and not path.lower().endswith(".gz"):
                with open(path, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            elif kind == "parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif kind == "file":
                total += 1
            else:
                return None
        except Exception:  # noqa: BLE001 - an unreadable file is one error item later
            total += 1
    return total


def kind_of(path: str) -> str:
    """Return the reader for ``path`` by its name: jsonl, warc, parquet or file."""
    name = path.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return "file"


def read_input_file(path: str, max_bytes: int) -> Iterator[Item]:
    """Yield the items of one input file; a file that cannot be read yields one error."""
    kind = kind_of(path)
    try:
        if kind == "jsonl":
            yield from _read_jsonl(path, max_bytes)
        elif kind == "warc":
            yield from read_warc(path, max_bytes)
        elif kind == "parquet":
            yield from _read_parquet(path)
        else:
            yield readers.read_path(path, max_bytes)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001 - a reader's bug ends this file, not the run
        yield unexpected(path, exc)


def unexpected(source: str, exc: BaseException) -> InputError:
    """The one-line error for an exception no reader expected while reading ``source``."""
    message = " ".join(str(exc).split())[:300]
    return InputError(source, f"unreadable ({type(exc).__name__}: {message})")


def iter_inputs(paths: Iterable[str], max_bytes: int) -> Iterator[Item]:
    """Yield the items of every input path (directories expanded), in order."""
    for path in list_input_files(paths):
        yield from read_input_file(path, max_bytes)


def _read_jsonl(path: str, max_bytes: int) -> Iterator[Item]:
    """JSON lines, plain or gzip: decompressed as a stream (at most
    ``readers.max_inflated_bytes`` of output), each line capped in length, so memory
    stays flat whatever the file inflates to."""
    limit = readers.jsonl_line_limit(max_bytes)
    if path.lower().endswith(".gz"):
        cap = readers.max_inflated_bytes(Path(path).stat().st_size)
        stream = readers.open_gzip(path, path, limit=cap)
    else:
        stream = open(path, "rb")  # noqa: SIM115 - closed below
    with stream:
        try:
            yield from readers.iter_jsonl(stream, path, max_line_bytes=limit)
        except InputError as exc:  # corrupt, cut off or inflating too far
            note = f" (the cap: {readers.INFLATE_CAP_NOTE})" if "decompresses" in exc.reason else ""
            yield InputError(path, f"unreadable after some lines: {exc.reason}{note}")
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(path, f"unreadable after some lines ({exc})")


def _read_parquet(path: str) -> Iterator[Item]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pfile = pq.ParquetFile(path)
        columns = [c for c in INPUT_FIELDS if c in pfile.schema_arrow.names]
        if "text" not in columns and "html" not in columns:
            raise InputError(path, 'Parquet input needs a "text" or "html" column')
        row_no = 0
        for batch in pfile.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns):
            for rec in batch.to_pylist():
                row_no += 1
                where = f"{path}:{row_no}"
                try:
                    yield readers.raw_from_record(rec, where, str(row_no))
                except InputError as exc:
                    yield InputError(exc.source, exc.reason, _str_or_none(rec.get("id")))
    except (pa.ArrowException, ValueError) as exc:
        yield InputError(path, f"not a readable Parquet file ({exc})")


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def read_warc(path: str, max_bytes: int) -> Iterator[Item]:
    """Articles of a WARC/ARC file (plain or gzip); a truncated or corrupt tail is one error.

    Shared by ``eventlens batch`` and ``eventlens ingest``, so both read archives alike.
    """
    n = 0
    with open(path, "rb") as stream:
        try:
            cap = readers.max_inflated_bytes(Path(path).stat().st_size)
            for record in _archive_records(stream, cap):
                try:
                    item = _warc_item(record, path, n + 1, max_bytes)
                except (_LineTooLong, _InflatesTooFar):
                    raise
                except Exception as exc:  # noqa: BLE001 - one odd record, not the file
                    item = unexpected(f"{path}#{n + 1}", exc)
                if item is None:
                    continue
                n += 1
                if isinstance(item, InputError) and "truncated" in item.reason:
                    # What follows a cut record is not a record boundary: the file ends here.
                    yield InputError(path, f"truncated WARC at record {n} ({item.reason})")
                    return
                yield item
        except _LineTooLong:
            yield InputError(path, f"invalid WARC after {n} record(s): a header line is over "
                             f"{WARC_LINE_LIMIT:,} bytes")
            return
        except _InflatesTooFar as exc:
            yield InputError(path, f"refused after {n} record(s): decompresses to over "
                             f"{exc.args[0]:,} bytes (the cap: {readers.INFLATE_CAP_NOTE})")
            return
        except Exception as exc:  # noqa: BLE001 - warcio's errors have no common base
            message = " ".join(str(exc).split())[:300]
            yield InputError(path, f"truncated or invalid WARC after {n} record(s) "
                             f"({type(exc).__name__}: {message})")
            return
    # warcio stops quietly at a gzip member cut off inside its headers.
    if path.lower().endswith(".gz") and not _gzip_complete(path):
        yield InputError(path, f"truncated WARC: gzip data ends early (after {n} record(s))")


def _gzip_complete(path: str) -> bool:
    """True when every gzip member of ``path`` decompresses to its end (read as a stream:
    the output is counted and dropped, never held)."""
    with open(path, "rb") as fh:
        try:
            for _ in readers.inflate(iter(lambda: fh.read(1 << 20), b""), path, limit=None):
                pass
        except InputError:
            return False
    return True


def _payload(record: Any, where: str, max_bytes: int) -> bytes:
    """A record's payload as the server meant it: de-chunked and decompressed (HTTP
    Transfer-Encoding and Content-Encoding), at most ``max_bytes + 1`` bytes of it.

    Read in pieces of at most 64 KiB and decompressed with an output cap, so memory
    stays flat whatever the record declares or inflates to (warcio's own decoding
    reads a whole HTTP chunk, up to 2 GiB, and decompresses it in one go).
    """
    raw = record.raw_stream
    chunks: Iterator[bytes] = iter(lambda: raw.read(1 << 16), b"")
    headers = record.http_headers
    if headers is not None:
        if (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
            chunks = _dechunk(raw, where, max_bytes)
        encoding = (headers.get_header("Content-Encoding") or "").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            # 47: a gzip or a zlib header, detected.
            chunks = readers.inflate(chunks, where, limit=max_bytes + 1, wbits=47, truncate=True)
        elif encoding not in ("", "identity"):
            raise InputError(where, f"unsupported content encoding {encoding[:40]!r}")
    data = bytearray()
    for piece in chunks:
        data += piece
        if len(data) > max_bytes:
            break
    return bytes(data)


def _dechunk(raw: Any, where: str, max_bytes: int) -> Iterator[bytes]:
    """The data of an HTTP chunked body, piece by piece; not chunked after all: as it is."""
    while True:
        line = raw.readline(64)
        try:
            size = int(line.split(b";")[0].strip(), 16) if line.endswith(b"\n") else -1
        except ValueError:
            size = -1
        if size < 0:  # not a chunk header: the body was not chunked (warcio reads it so too)
            yield line
            yield from iter(lambda: raw.read(1 << 16), b"")
            return
        if size == 0:
            return
        if size > max_bytes:
            raise InputError(where, f"input too large (an HTTP chunk of {size:,} bytes)")
        left = size
        while left:
            piece = raw.read(min(left, 1 << 16))
            if not piece:
                return  # cut off: the caller's truncation check reports it
            left -= len(piece)
            yield piece
        raw.readline(64)  # the line end after the chunk


class _LineTooLong(ValueError):
    """A WARC or HTTP header line over WARC_LINE_LIMIT bytes."""


class _InflatesTooFar(ValueError):
    """An archive that decompresses to more than its cap (the cap is args[0])."""


def _archive_records(stream: Any, cap: int) -> Iterator[Any]:
    """warcio's records of ``stream``: header lines capped in length, at most ``cap`` bytes
    of (decompressed) data read in all, and records without a WARC-Target-URI read (and
    refused by ``_warc_item``) instead of crashing."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader
    from warcio.recordloader import ArcWarcRecordLoader

    class Loader(ArcWarcRecordLoader):
        def load_http_headers(self, rec_type: Any, uri: Any, stream: Any, length: Any) -> Any:
            return super().load_http_headers(rec_type, uri or "", stream, length)

    class Reader(DecompressingBufferedReader):
        total = 0  # bytes handed out, decompressed: everything warcio reads passes here

        def _count(self, data: bytes) -> bytes:
            self.total += len(data)
            if self.total > cap:
                raise _InflatesTooFar(cap)
            return data

        def read(self, length: int | None = None) -> bytes:
            return self._count(super().read(length))

        def readline(self, length: int | None = None) -> bytes:
            if length is not None and 0 <= length <= WARC_LINE_LIMIT:
                return self._count(super().readline(length))
            line: bytes = super().readline(WARC_LINE_LIMIT + 1)
            if len(line) > WARC_LINE_LIMIT:
                raise _LineTooLong()
            return self._count(line)

    records = ArchiveIterator(stream, arc2warc=True)
    records.loader = Loader(verify_http=False, arc2warc=True)
    records.reader = Reader(records.fh, block_size=records.reader.block_size)
    return iter(records)


def _warc_item(record: Any, path: str, n: int, max_bytes: int) -> Item | None:
    """Turn one WARC record into an item; None for records that hold no article."""
    where = f"{path}#{n}"
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return InputError(where, "truncated WARC record (no valid Content-Length)")
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status is not None and not str(status).startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    else:
        ctype = record.rec_headers.get_header("Content-Type", "")
    ctype = (ctype or "").lower()
    if ctype and "html" not in ctype and not ctype.startswith("text/"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    if record.rec_type == "response" and not url:
        return InputError(where, "WARC response record without WARC-Target-URI")
    # Failures carry the record's URL as line_id: the batch records them against it.
    try:
        data = _payload(record, where, max_bytes)
    except InputError as exc:
        return InputError(exc.source, exc.reason, url)
    if len(data) > max_bytes:
        return InputError(where, f"input too large (over {max_bytes:,} bytes)", url)
    while record.raw_stream.read(1 << 16):
        pass  # what follows the payload (chunk trailers): read, so a cut is seen
    if getattr(record.raw_stream, "limit", 0):
        return InputError(where, "truncated WARC record (shorter than its Content-Length)", url)
    try:
        content = readers.decode_bytes(data, where)
    except InputError as exc:
        return InputError(exc.source, exc.reason, url)
    return RawInput(
        content=content,
        id=record.rec_headers.get_header("WARC-Record-ID") or url or where,
        is_html=True if "html" in ctype else None,
        url=url,
        source=where,
    )
