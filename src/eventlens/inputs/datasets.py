"""Batch inputs: expand paths and read JSON lines, WARC, Parquet and single files.

Every reader yields one item per article: a RawInput, or the InputError that
explains why that input could not be read (the batch records it and goes on).
"""

from __future__ import annotations

import gzip
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
            yield from _read_jsonl(path)
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


def iter_inputs(paths: Iterable[str], max_bytes: int) -> Iterator[Item]:
    """Yield the items of every input path (directories expanded), in order."""
    for path in list_input_files(paths):
        yield from read_input_file(path, max_bytes)


def _read_jsonl(path: str) -> Iterator[Item]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as stream:
        try:
            yield from readers.iter_jsonl(stream, path)  # type: ignore[arg-type]
        except (OSError, EOFError) as exc:  # truncated gzip
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
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream, arc2warc=True):
                item = _warc_item(record, path, n + 1, max_bytes)
                if item is None:
                    continue
                n += 1
                if isinstance(item, InputError) and "truncated" in item.reason:
                    # What follows a cut record is not a record boundary: the file ends here.
                    yield InputError(path, f"truncated WARC at record {n} ({item.reason})")
                    return
                yield item
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
            yield InputError(path, f"truncated or invalid WARC after {n} record(s) ({exc})")
            return
    # warcio stops quietly at a gzip member cut off inside its headers.
    if path.lower().endswith(".gz") and not _gzip_complete(path):
        yield InputError(path, f"truncated WARC: gzip data ends early (after {n} record(s))")


def _gzip_complete(path: str) -> bool:
    """True when every gzip member of ``path`` decompresses to its end."""
    decomp = zlib.decompressobj(wbits=31)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            while chunk:
                try:
                    decomp.decompress(chunk)
                except zlib.error:
                    return False
                chunk = decomp.unused_data if decomp.eof else b""
                if decomp.eof and chunk:
                    decomp = zlib.decompressobj(wbits=31)
    return decomp.eof


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
    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(max_bytes + 1)
    # Failures carry the record's URL as line_id: the batch records them against it.
    if len(data) > max_bytes:
        return InputError(where, f"input too large (over {max_bytes:,} bytes)", url)
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
