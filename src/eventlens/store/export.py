"""Export stored events as CSV, JSON lines or Parquet in three column flavours.

- ``native``: every field of the extract document's event, flattened (docs/export.md).
- ``gdelt``: GDELT 2.0 event-table column names and conventions where eventlens
  has the value (SQLDATE, Actor1Name, EventRootCode, QuadClass, NumArticles, ...).
- ``polecat``: POLECAT (PLOVER) column names where eventlens has the value.

JSON lines in the native flavour keep the nested event dicts as the API returns them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from eventlens import __version__

Row = dict[str, Any]

_ACTOR_PARTS = ("text", "name", "country", "sector")
_PLACE_PARTS = ("text", "name", "lat", "lon", "country", "admin1", "geonameid", "feature")
NATIVE_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "cluster_id", "day", "date", "date_text", "date_precision",
    "type", "mode", "context", "cameo", "status",
    *(f"source_{p}" for p in _ACTOR_PARTS), *(f"target_{p}" for p in _ACTOR_PARTS),
    *(f"location_{p}" for p in _PLACE_PARTS),
    "reported_by_name", "reported_by_country", "trigger", "trigger_start", "trigger_end",
    "sentence", "start", "end", "confidence", "num_mentions", "num_articles", "num_sources",
    "article_title", "article_url", "article_published", "outlet",
)

# CAMEO root codes 01-20 fall in GDELT's four quad classes.
_QUAD_OF_ROOT = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2),
                 **dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
_QUAD_NAMES = {1: "Verbal Cooperation", 2: "Material Cooperation", 3: "Verbal Conflict",
               4: "Material Conflict"}


def _part(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


def native_row(ev: Row) -> Row:
    """Flatten one event dict into the native export columns."""
    row: Row = {"event_id": ev["id"]}
    for key in ("article_id", "cluster_id", "day", "date", "date_text", "date_precision", "type",
                "mode", "context", "cameo", "status", "trigger", "trigger_start", "trigger_end",
                "sentence", "start", "end", "confidence", "num_mentions", "num_articles",
                "num_sources", "article_title", "article_url", "article_published", "outlet"):
        row[key] = ev.get(key)
    for role in ("source", "target"):
        for p in _ACTOR_PARTS:
            row[f"{role}_{p}"] = _part(ev.get(role), p)
    for p in _PLACE_PARTS:
        row[f"location_{p}"] = _part(ev.get("location"), p)
    row["reported_by_name"] = _part(ev.get("reported_by"), "name")
    row["reported_by_country"] = _part(ev.get("reported_by"), "country")
    return {c: row.get(c) for c in NATIVE_COLUMNS}


def quad_class(cameo: str | None) -> int | None:
    """GDELT QuadClass (1-4) of a CAMEO code, from its two-digit root."""
    try:
        return _QUAD_OF_ROOT.get(int(str(cameo)[:2])) if cameo else None
    except ValueError:
        return None


def _actor_code(actor: Any) -> str | None:
    country, sector = _part(actor, "country"), _part(actor, "sector")
    code = f"{country or ''}{sector or ''}"
    return code or None


def _is_root(ev: Row) -> int:
    # GDELT marks events from the lead paragraph; here: the evidence starts in the lead.
    start = ev.get("start")
    return 1 if isinstance(start, int) and start < 400 else 0


GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "NumMentions", "NumSources", "NumArticles", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long",
    "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL", "PLOVERType", "PLOVERMode", "Status",
    "Sentence",
)


def gdelt_row(ev: Row) -> Row:
    """One event in GDELT 2.0 event-table columns (see docs/export.md for the differences)."""
    day = (ev.get("day") or "").replace("-", "")
    src, tgt, loc = ev.get("source"), ev.get("target"), ev.get("location")
    cameo = ev.get("cameo")
    feature = str(_part(loc, "feature") or "")
    geo_type = None if not loc or _part(loc, "lat") is None else (
        1 if feature.startswith("A.PCL") else 5 if feature.startswith("A.ADM") else 4)
    return {
        "GLOBALEVENTID": ev["id"], "SQLDATE": int(day) if day.isdigit() else None,
        "MonthYear": int(day[:6]) if day[:6].isdigit() else None,
        "Year": int(day[:4]) if day[:4].isdigit() else None,
        "Actor1Code": _actor_code(src), "Actor1Name": _part(src, "name"),
        "Actor1CountryCode": _part(src, "country"), "Actor1Type1Code": _part(src, "sector"),
        "Actor2Code": _actor_code(tgt), "Actor2Name": _part(tgt, "name"),
        "Actor2CountryCode": _part(tgt, "country"), "Actor2Type1Code": _part(tgt, "sector"),
        "IsRootEvent": _is_root(ev), "EventCode": cameo, "EventBaseCode": cameo,
        "EventRootCode": str(cameo)[:2] if cameo else None, "QuadClass": quad_class(cameo),
        "NumMentions": ev.get("num_mentions"), "NumSources": ev.get("num_sources"),
        "NumArticles": ev.get("num_articles"), "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": ", ".join(
            str(x) for x in (_part(loc, "name"), _part(loc, "admin1"), _part(loc, "country")) if x
        ) or None,
        "ActionGeo_CountryCode": _part(loc, "country"), "ActionGeo_ADM1Code": _part(loc, "admin1"),
        "ActionGeo_Lat": _part(loc, "lat"), "ActionGeo_Long": _part(loc, "lon"),
        "ActionGeo_FeatureID": _part(loc, "geonameid"),
        "DATEADDED": (ev.get("article_published") or "").replace("-", "") or None,
        "SOURCEURL": ev.get("article_url"), "PLOVERType": ev.get("type"),
        "PLOVERMode": ev.get("mode"), "Status": ev.get("status"), "Sentence": ev.get("sentence"),
    }


POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Contexts", "Quad Code", "Story ID",
    "Actor Name", "Actor Country", "Primary Actor Sector", "Actor Name Raw",
    "Recipient Name", "Recipient Country", "Primary Recipient Sector", "Recipient Name Raw",
    "Placename", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Language", "Version",
    "Status", "Sentence",
)


def polecat_row(ev: Row) -> Row:
    """One event in POLECAT column names (see docs/export.md)."""
    src, tgt, loc = ev.get("source"), ev.get("target"), ev.get("location")
    quad = quad_class(ev.get("cameo"))
    return {
        "Event ID": ev["id"], "Event Date": ev.get("day"), "Event Type": ev.get("type"),
        "Event Mode": ev.get("mode"), "Contexts": ev.get("context"),
        "Quad Code": _QUAD_NAMES.get(quad) if quad else None, "Story ID": ev.get("article_id"),
        "Actor Name": _part(src, "name"), "Actor Country": _part(src, "country"),
        "Primary Actor Sector": _part(src, "sector"), "Actor Name Raw": _part(src, "text"),
        "Recipient Name": _part(tgt, "name"), "Recipient Country": _part(tgt, "country"),
        "Primary Recipient Sector": _part(tgt, "sector"), "Recipient Name Raw": _part(tgt, "text"),
        "Placename": _part(loc, "name"), "Province": _part(loc, "admin1"),
        "Country": _part(loc, "country"), "Latitude": _part(loc, "lat"),
        "Longitude": _part(loc, "lon"), "GeoNames ID": _part(loc, "geonameid"),
        "Raw Placename": _part(loc, "text"), "Feature Type": _part(loc, "feature"),
        "Source": ev.get("outlet"), "Publication Date": ev.get("article_published"),
        "Language": "en", "Version": f"eventlens {__version__}", "Status": ev.get("status"),
        "Sentence": ev.get("sentence"),
    }


FLAVOURS: dict[str, tuple[tuple[str, ...], Callable[[Row], Row]]] = {
    "native": (NATIVE_COLUMNS, native_row),
    "gdelt": (GDELT_COLUMNS, gdelt_row),
    "polecat": (POLECAT_COLUMNS, polecat_row),
}


def write_csv(batches: Iterable[list[Row]], flavour: str, out: IO[str]) -> int:
    """Write events as CSV with a header row; return the number of rows."""
    columns, convert = FLAVOURS[flavour]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for batch in batches:
        writer.writerows(convert(ev) for ev in batch)
        n += len(batch)
    return n


def write_jsonl(batches: Iterable[list[Row]], flavour: str, out: IO[str]) -> int:
    """Write one JSON object per line (native: the nested event dict as stored)."""
    convert: Callable[[Row], Row] = (lambda ev: ev) if flavour == "native" else FLAVOURS[flavour][1]
    n = 0
    for batch in batches:
        for ev in batch:
            out.write(json.dumps(convert(ev), ensure_ascii=False) + "\n")
        n += len(batch)
    return n


def write_parquet(batches: Iterable[list[Row]], flavour: str, path: str) -> int:
    """Write a Parquet file with a fixed schema per flavour; return the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns, convert = FLAVOURS[flavour]
    schema = pa.schema([(c, _arrow_type(c)) for c in columns])
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in _nonempty(batches):
            rows = [convert(ev) for ev in batch]
            table = pa.Table.from_pylist(rows, schema=schema)
            writer.write_table(table)
            n += len(rows)
    return n


def _nonempty(batches: Iterable[list[Row]]) -> Iterator[list[Row]]:
    return (b for b in batches if b)


_INT_COLUMNS = {
    "event_id", "article_id", "cluster_id", "trigger_start", "trigger_end", "start", "end",
    "num_mentions", "num_articles", "num_sources", "location_geonameid", "GLOBALEVENTID",
    "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
    "NumArticles", "ActionGeo_Type", "ActionGeo_FeatureID", "Event ID", "Story ID", "GeoNames ID",
}
_FLOAT_COLUMNS = {"confidence", "location_lat", "location_lon", "ActionGeo_Lat", "ActionGeo_Long",
                  "Latitude", "Longitude"}


def _arrow_type(column: str) -> Any:
    import pyarrow as pa

    if column in _INT_COLUMNS:
        return pa.int64()
    if column in _FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()
