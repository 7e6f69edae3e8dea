"""Ingest stage: read user inputs (files, stdin, JSON lines) into RawInput records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventlens.errors import InputError
from eventlens.pipeline import RawInput

# Share of control characters above which bytes are treated as binary junk.
_BINARY_CONTROL_RATIO = 0.05
_ALLOWED_CONTROLS = {9, 10, 12, 13}


def decode_bytes(data: bytes, source: str) -> str:
    """Decode raw bytes as text, refusing binary data and undecodable encodings.

    UTF-8 (with or without BOM) first, then UTF-16 with a BOM, then a declared or
    detected charset; anything still undecodable is an InputError naming ``source``.
    """
    if not data.strip():
        raise InputError(source, "input is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _check_text(data.decode("utf-16", errors="strict"), source)
    try:
        return _check_text(data.decode("utf-8-sig"), source)
    except UnicodeDecodeError:
        pass
    _refuse_binary(data, source)
    declared = _declared_charset(data)
    for charset in filter(None, (declared, "cp1252")):
        try:
            return _check_text(data.decode(charset), source)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(source, "not valid UTF-8 and no usable charset declared")


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", errors="ignore").lower()
    marker = head.find("charset=")
    if marker < 0:
        return None
    value = head[marker + 8 :].lstrip("\"' ")
    name = "".join(ch for ch in value[:40] if ch.isalnum() or ch in "-_")
    return name or None


def _refuse_binary(data: bytes, source: str) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(source, "looks like binary data, not text or HTML")
    controls = sum(1 for b in sample if b < 32 and b not in _ALLOWED_CONTROLS)
    if controls / max(len(sample), 1) > _BINARY_CONTROL_RATIO:
        raise InputError(source, "looks like binary data, not text or HTML")


def _check_text(text: str, source: str) -> str:
    sample = text[:8192]
    if "\x00" in sample:
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
            assert stdin is not None
            data = stdin.read(max_bytes + 1)
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


def parse_jsonl_line(line: str, line_no: int, source: str) -> RawInput:
    """Parse one JSON-lines record ``{"id", "text"|"html", "published"?, "url"?, "title"?}``."""
    where = f"{source}:{line_no}"
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(where, "each line must be a JSON object")
    html, text = obj.get("html"), obj.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str):
        raise InputError(where, 'needs a string "text" or "html" field')
    doc_id = obj.get("id")
    return RawInput(
        content=content,
        id=str(doc_id) if doc_id is not None else str(line_no),
        is_html=True if content is html else None,
        published=_opt_str(obj.get("published")),
        url=_opt_str(obj.get("url")),
        title=_opt_str(obj.get("title")),
        source=where,
    )


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def iter_jsonl(stream: IO[bytes], source: str) -> Iterator[RawInput | InputError]:
    """Yield a RawInput (or the InputError) for each non-blank line of a JSON-lines stream."""
    for line_no, raw_line in enumerate(stream, start=1):
        try:
            line = raw_line.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield InputError(f"{source}:{line_no}", "line is not valid UTF-8")
            continue
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, line_no, source)
        except InputError as exc:
            exc.line_id = _salvage_id(line)  # type: ignore[attr-defined]
            yield exc


def _salvage_id(line: str) -> str | None:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return None
    return str(obj["id"]) if isinstance(obj, dict) and "id" in obj else None
