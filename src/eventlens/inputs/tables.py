"""Flatten extract documents into Parquet tables and read them back.

The table layouts are derived from the record dataclasses in ``eventlens.records``
(nested records become prefixed columns: an event's ``source`` actor becomes
``source_text``, ``source_name``, ``source_country`` ...), so a field added to a
record shows up here without a second list to keep in step.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pds
import pyarrow.parquet as pq

from eventlens import records

# Child tables: (table name, Document field, record class).
CHILD_TABLES: tuple[tuple[str, str, type], ...] = (
    ("events", "events", records.Event),
    ("places", "places", records.Place),
    ("quotes", "quotes", records.Quote),
    ("actors", "actors", records.Actor),
    ("entities", "entities", records.Entity),
)
TABLES = ("articles", *(name for name, _, _ in CHILD_TABLES), "errors")
# Checkpoint files of an unfinished or finished batch (one per flush).
PROGRESS = "_progress"
PARTITION = "published"
# Columns every child row carries to join back to its article.
_KEY_FIELDS = [("article_id", pa.string()), ("idx", pa.int64()), (PARTITION, pa.string())]
_ERROR_FIELDS = [("article_id", pa.string()), ("doc_id", pa.string()), ("message", pa.string())]
_SENTENCES = pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())]))
_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()
}


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else str
    return tp


def _is_str_list(tp: Any) -> bool:
    """True for ``list[str]``, the one list type stored as an Arrow list (others: JSON text)."""
    return typing.get_origin(tp) is list and typing.get_args(tp) == (str,)


def _columns(cls: type, prefix: str = "") -> list[tuple[str, Any]]:
    """(column name, arrow type | nested dataclass marker) for each leaf field."""
    hints = typing.get_type_hints(cls)
    cols: list[tuple[str, Any]] = []
    for f in dataclasses.fields(cls):
        tp = _unwrap_optional(hints[f.name])
        if dataclasses.is_dataclass(tp):
            cols.extend(_columns(tp, f"{prefix}{f.name}_"))  # type: ignore[arg-type]
        elif typing.get_origin(tp) is typing.Literal:
            cols.append((prefix + f.name, pa.string()))
        elif _is_str_list(tp):
            cols.append((prefix + f.name, pa.list_(pa.string())))
        else:
            # Anything richer than a scalar is kept as JSON text.
            cols.append((prefix + f.name, _SCALARS.get(tp, pa.string())))
    return cols


@cache
def schema(table: str) -> pa.Schema:
    """The Arrow schema of one output table (with its ``published`` partition column)."""
    if table == "errors":
        return pa.schema(_ERROR_FIELDS)
    if table == "articles":
        fields = [("article_id", pa.string()), ("doc_id", pa.string()),
                  ("content_hash", pa.string())]
        fields += _columns(records.Article)
        fields += [("sentences", _SENTENCES), ("errors", pa.list_(pa.string()))]
        return pa.schema(fields)
    cls = next(c for name, _, c in CHILD_TABLES if name == table)
    return pa.schema(_KEY_FIELDS + _columns(cls))


def _flatten(obj: dict[str, Any] | None, cls: type, prefix: str, out: dict[str, Any]) -> None:
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        tp = _unwrap_optional(hints[f.name])
        value = obj.get(f.name) if obj else None
        if dataclasses.is_dataclass(tp):
            _flatten(value, tp, f"{prefix}{f.name}_", out)  # type: ignore[arg-type]
        elif isinstance(value, dict | tuple) or (isinstance(value, list) and not _is_str_list(tp)):
            out[prefix + f.name] = json.dumps(value, ensure_ascii=False)
        else:
            out[prefix + f.name] = value


def document_rows(
    doc: dict[str, Any], *, article_id: str, content_hash: str | None
) -> dict[str, list[dict[str, Any]]]:
    """Split one extract document (as a dict) into rows per table."""
    art = doc.get("article") or {}
    text = art.get("text") or ""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    if not text:
        for message in doc.get("errors") or ["no article text"]:
            rows["errors"].append(
                {"article_id": article_id, "doc_id": doc.get("id"), "message": message}
            )
        return rows
    published = art.get("published")
    row: dict[str, Any] = {"article_id": article_id, "doc_id": doc.get("id"),
                           "content_hash": content_hash}
    _flatten(art, records.Article, "", row)
    row["sentences"] = doc.get("sentences") or []
    row["errors"] = doc.get("errors") or []
    rows["articles"].append(row)
    for table, key, cls in CHILD_TABLES:
        for idx, rec in enumerate(doc.get(key) or []):
            child = {"article_id": article_id, "idx": idx, PARTITION: published}
            _flatten(rec, cls, "", child)
            rows[table].append(child)
    return rows


def _unflatten(row: dict[str, Any], cls: type, prefix: str) -> dict[str, Any] | None:
    hints = typing.get_type_hints(cls)
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        tp = _unwrap_optional(hints[f.name])
        if dataclasses.is_dataclass(tp):
            out[f.name] = _unflatten(row, tp, f"{prefix}{f.name}_")  # type: ignore[arg-type]
        else:
            value = row.get(prefix + f.name)
            literal = typing.get_origin(tp) is typing.Literal
            is_json = _SCALARS.get(tp) is None and not literal and not _is_str_list(tp)
            out[f.name] = json.loads(value) if is_json and isinstance(value, str) else value
    # A nested record is absent when every one of its columns is null.
    if prefix and all(v is None for v in out.values()):
        return None
    return out


class DatasetWriter:
    """Append documents to a Parquet dataset: one folder per table, hive-partitioned by date.

    Rows are buffered and written every ``flush_docs`` documents, so memory stays flat
    on long batches and what was written survives a later crash. Each flush ends with
    a checkpoint file in ``_progress/`` naming the inputs it wrote; parts written after
    the last checkpoint are incomplete, and ``resume`` removes them (see ``resume``).
    """

    def __init__(self, out_dir: Path, flush_docs: int = 500) -> None:
        self.out_dir = out_dir
        self.flush_docs = max(1, flush_docs)
        self.counts = {t: 0 for t in TABLES}
        self._buffer: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._keys: list[tuple[str, str | None]] = []
        self._flushes = 0
        self.added = 0  # documents added by this writer (not those of a resumed run)
        self.on_add: Callable[[], None] | None = None  # called after each document

    @classmethod
    def resume(
        cls, out_dir: Path, flush_docs: int = 500
    ) -> tuple[DatasetWriter, set[tuple[str, str | None]]]:
        """A writer that continues an interrupted dataset, and the inputs already in it.

        Part files of a flush without a checkpoint (the run died while writing them)
        are deleted, so every input is in the dataset exactly once after the rerun.
        """
        writer = cls(out_dir, flush_docs)
        done: set[tuple[str, str | None]] = set()
        committed: set[int] = set()
        for marker in sorted((out_dir / PROGRESS).glob("flush-*.json")):
            data = json.loads(marker.read_text(encoding="utf-8"))
            committed.add(int(data["flush"]))
            done.update((k[0], k[1]) for k in data["keys"])
            for table, n in data["counts"].items():
                writer.counts[table] += n
        for table in TABLES:
            for part in (out_dir / table).rglob("part-*.parquet"):
                number = part.name.split("-")[1]
                if number.isdigit() and int(number) not in committed:
                    part.unlink()
        writer._flushes = max(committed, default=-1) + 1
        return writer, done

    def add(self, doc: dict[str, Any], *, article_id: str, content_hash: str | None) -> None:
        """Buffer one document's rows (errors go to the ``errors`` table)."""
        for table, rows in document_rows(
            doc, article_id=article_id, content_hash=content_hash
        ).items():
            self._buffer[table].extend(rows)
        self._keys.append((article_id, content_hash))
        self.added += 1
        if len(self._keys) >= self.flush_docs:
            self.flush()
        if self.on_add is not None:
            self.on_add()

    def flush(self) -> None:
        """Write the buffered rows as new Parquet files, then their checkpoint."""
        counts = {t: len(rows) for t, rows in self._buffer.items()}
        for table, rows in self._buffer.items():
            if rows:
                self._write(table, pa.Table.from_pylist(rows, schema=schema(table)))
                rows.clear()
        progress = self.out_dir / PROGRESS
        progress.mkdir(parents=True, exist_ok=True)
        marker = progress / f"flush-{self._flushes:05d}.json"
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(json.dumps({"flush": self._flushes, "keys": self._keys,
                                   "counts": counts}), encoding="utf-8")
        tmp.replace(marker)  # atomic: a checkpoint is whole or absent
        for table, n in counts.items():
            self.counts[table] += n
        self._keys = []
        self._flushes += 1

    def close(self) -> dict[str, int]:
        """Flush, give every table at least an empty file, and return row counts."""
        self.flush()
        for table in TABLES:
            folder = self.out_dir / table
            if not folder.exists():
                folder.mkdir(parents=True)
                pq.write_table(schema(table).empty_table(), folder / "part-empty.parquet")
        return dict(self.counts)

    def _write(self, table: str, data: pa.Table) -> None:
        partitioned = table != "errors" and data.num_rows > 0
        pds.write_dataset(
            data,
            self.out_dir / table,
            format="parquet",
            partitioning=[PARTITION] if partitioned else None,
            partitioning_flavor="hive" if partitioned else None,
            basename_template=f"part-{self._flushes:05d}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )


def _dataset(out_dir: str | Path, table: str) -> pds.Dataset:
    part = None
    if table != "errors":
        part = pds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
    return pds.dataset(
        Path(out_dir) / table, format="parquet", partitioning=part, schema=schema(table)
    )


def read_table(out_dir: str | Path, table: str) -> pa.Table:
    """Read one table of a batch output dataset (partition column restored)."""
    return _dataset(out_dir, table).to_table()


def read_documents(out_dir: str | Path) -> Iterator[tuple[dict[str, Any], str | None, str]]:
    """Rebuild (document dict, content hash, article id) from a batch output dataset.

    This is how a dataset goes back into the SQLite store: each document can be
    passed to ``Store.add_document`` unchanged. Reads one publication date at a
    time, so memory follows the largest day, not the whole dataset.
    """
    articles = _dataset(out_dir, "articles")
    days = articles.to_table(columns=[PARTITION]).column(PARTITION).unique().to_pylist()
    for day in sorted(days, key=lambda d: (d is None, d or "")):
        cond = pds.field(PARTITION).is_null() if day is None else pds.field(PARTITION) == day
        children: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for table, _key, _cls in CHILD_TABLES:
            rows = _dataset(out_dir, table).to_table(filter=cond).to_pylist()
            by_article: dict[str, list[dict[str, Any]]] = {}
            for row in sorted(rows, key=lambda r: r["idx"]):
                by_article.setdefault(row["article_id"], []).append(row)
            children[table] = by_article
        for row in articles.to_table(filter=cond).to_pylist():
            yield _document(row, children)


def _document(
    row: dict[str, Any], children: dict[str, dict[str, list[dict[str, Any]]]]
) -> tuple[dict[str, Any], str | None, str]:
    aid = row["article_id"]
    doc: dict[str, Any] = {"id": row["doc_id"], "article": _unflatten(row, records.Article, "")}
    doc["sentences"] = row["sentences"]
    for table, key, cls in CHILD_TABLES:
        doc[key] = [_unflatten(r, cls, "") for r in children[table].get(aid, [])]
    doc["errors"] = row["errors"]
    return doc, row["content_hash"], aid
