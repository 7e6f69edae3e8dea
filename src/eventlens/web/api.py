"""The JSON API: events, articles, stats and on-demand extraction."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException

from eventlens.errors import QueryError
from eventlens.inputs.readers import read_date
from eventlens.store.stage import EventFilters, Store, check_day
from eventlens.web import queries
from eventlens.web.extract_worker import ExtractFailed, ExtractJob, Extractor
from eventlens.web.pool import PoolClosed, PoolTimeout, StorePool

router = APIRouter(prefix="/api", tags=["api"])


class ErrorBody(BaseModel):
    """What every error answer holds under ``error``."""

    status: int
    message: str


class ErrorResponse(BaseModel):
    """An error answer: ``{"error": {"status": 404, "message": "..."}}``."""

    error: ErrorBody


class EventPage(BaseModel):
    """One page of events, newest first, with the total matching count."""

    total: int
    limit: int
    offset: int
    events: list[dict[str, Any]]


class ExtractRequest(BaseModel):
    """Input for ``POST /api/extract``: give ``text`` or ``html``."""

    text: str | None = Field(None, description="plain article text")
    html: str | None = Field(None, description="an HTML page")
    published: str | None = Field(
        None, description="publication date: YYYY-MM-DD or a written date with day, month "
        "and year (an unreadable one is a 422)", examples=["2016-10-23"]
    )
    url: str | None = None
    title: str | None = None
    id: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 404, 413, 415, 422, 503)
}

# Pages of events are kept (until the data changes) up to this size each.
MAX_CACHED_PAGE_BYTES = 128_000

# Row ids are SQLite integers: a larger number names no row (and SQLite cannot take it).
MAX_ROW_ID = 2**63 - 1
MIN_ROW_ID = -(2**63)


def is_row_id(value: int) -> bool:
    """True when ``value`` can be a store row id (fits SQLite's 64-bit integers)."""
    return MIN_ROW_ID <= value <= MAX_ROW_ID


# Query parameters shared by the event endpoints (documented once, used twice).
TypeQ = Annotated[
    str | None, Query(max_length=200, description="PLOVER type(s), comma-separated")
]
ActorQ = Annotated[
    str | None, Query(max_length=200, description="substring of the source or target name")
]
CountryQ = Annotated[
    str | None, Query(max_length=200, description="ISO alpha-3 code(s), comma-separated")
]
SinceQ = Annotated[str | None, Query(description="first day, YYYY-MM-DD")]
UntilQ = Annotated[str | None, Query(description="last day, YYYY-MM-DD")]
NearQ = Annotated[str | None, Query(description="LAT,LON,KM", examples=["36.34,43.13,50"])]
TextQ = Annotated[
    str | None, Query(max_length=500, description="SQLite FTS5 query over article text")
]

StatusQ = Annotated[
    str | None,
    Query(max_length=100,
          description="occurred, future, hypothetical, negated (comma-separated)"),
]
SectorQ = Annotated[
    str | None,
    Query(max_length=100,
          description="PLOVER sector code(s) of the source or target (GOV, MIL, ...)"),
]
MinConfidenceQ = Annotated[
    float | None,
    Query(ge=0, le=1, description="only events whose confidence is at least this (0 to 1)",
          examples=[0.5]),
]


async def get_store(request: Request) -> AsyncIterator[Store]:
    """A store connection from the app's pool for the length of one request.

    Waiting for it happens on the event loop (no worker thread held) and is bounded: a
    request that gets none within the pool's timeout is answered 503. The connection
    goes back on the event loop too, so returning it never needs a free thread.
    """
    pool: StorePool = request.app.state.pool
    try:
        store = await pool.acquire()
    except PoolTimeout as exc:
        raise HTTPException(503, f"server busy: {exc}; try again later",
                            headers={"Retry-After": "1"}) from None
    except PoolClosed:
        raise HTTPException(503, "the server is stopping", headers={"Retry-After": "5"}) from None
    try:
        yield store
    finally:
        pool.release(store)


StoreDep = Annotated[Store, Depends(get_store)]


def event_filters(
    type: TypeQ = None,
    actor: ActorQ = None,
    country: CountryQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    near: NearQ = None,
    text: TextQ = None,
    min_confidence: MinConfidenceQ = None,
    status: StatusQ = None,
    sector: SectorQ = None,
    source_country: Annotated[str | None, Query(
        max_length=200, description="ISO alpha-3 code(s) of the source only")] = None,
    target_country: Annotated[str | None, Query(
        max_length=200, description="ISO alpha-3 code(s) of the target only")] = None,
    undated: Annotated[bool | None, Query(
        description="true: only events with no date at all; false: only dated ones")] = None,
) -> EventFilters:
    """The event filters shared by ``/api/events``, ``/api/summary`` and ``/api/export``."""
    return queries.make_filters(
        type=type, actor=actor, country=country, since=since, until=until, near=near,
        text=text, min_confidence=min_confidence, status=status, sector=sector,
        source_country=source_country, target_country=target_country, undated=undated,
    )


FiltersDep = Annotated[EventFilters, Depends(event_filters)]


def _json(value: Any) -> Response:
    # Pre-encoded: FastAPI's jsonable_encoder walk costs more than the queries here.
    return Response(content=value if isinstance(value, bytes) else queries.json_bytes(value),
                    media_type="application/json")


# The page is documented by EventPage but not re-validated: the store built it.
@router.get("/events", response_model=None, responses={200: {"model": EventPage}, **ERRORS})
def list_events(
    request: Request,
    store: StoreDep,
    f: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Events matching every given filter, newest day first, one page at a time."""
    cache = request.app.state.cache

    def page() -> bytes:
        # The total is the same for every page of a filter: kept until the data changes.
        total = queries.cached(cache, store, ("count", f), lambda: store.count_events(f))
        return queries.json_bytes({
            "total": total,
            "limit": limit,
            "offset": offset,
            "events": store.query_events(f, limit=limit, offset=offset),
        })

    # Dashboards ask for the same first pages again and again: kept too (small ones).
    return _json(queries.cached(request.app.state.page_cache, store, ("page", f, limit, offset),
                                page, keep=lambda body: len(body) <= MAX_CACHED_PAGE_BYTES))


@router.get("/summary", response_model=None, responses={200: {"model": dict[str, Any]}, **ERRORS})
def event_summary(request: Request, store: StoreDep, f: FiltersDep) -> Response:
    """Counts for the dashboard under the same filters: per day, per type, per country,
    and per location (``places``: lat, lon, name, country, count)."""
    body = queries.cached(request.app.state.cache, store, ("summary", f),
                          lambda: queries.json_bytes(queries.summary(store, f)))
    return _json(body)


@router.get("/dyads", response_model=None, responses=ERRORS)
def list_dyads(
    request: Request,
    store: StoreDep,
    f: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Who acts on whom: matching events per (source country, target country), busiest
    first (events with either country unknown are left out)."""
    body = queries.cached(request.app.state.cache, store, ("dyads", f, limit),
                          lambda: queries.json_bytes({"dyads": store.count_dyads(f, limit)}))
    return _json(body)


@router.get("/quotes", responses=ERRORS)
def list_quotes(
    store: StoreDep,
    speaker: Annotated[str | None, Query(max_length=200,
                                         description="substring of the speaker's name")] = None,
    country: Annotated[str | None, Query(max_length=3,
                                         description="speaker's ISO alpha-3 code")] = None,
    since: SinceQ = None,
    until: UntilQ = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Who said what: stored quotes with their speakers, newest article first
    (``since``/``until``: the article's publication day)."""
    if country and not queries.is_alpha3(country):
        raise QueryError(f"country must be an ISO 3166 alpha-3 code such as IRQ (got {country!r})")
    days = (check_day(since, "since") if since else None,
            check_day(until, "until") if until else None)
    total, quotes = store.query_quotes((speaker or "").strip() or None, country, limit, offset,
                                       days)
    return {"total": total, "limit": limit, "offset": offset, "quotes": quotes}


EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@router.get("/export", response_model=None, responses=ERRORS)
def export_events(
    store: StoreDep,
    f: FiltersDep,
    format: Annotated[Literal["csv", "jsonl", "parquet"], Query()] = "csv",
    flavour: Annotated[Literal["native", "gdelt", "polecat"], Query()] = "native",
) -> Response:
    """Every event of the current filters as a file (CSV, JSON lines or Parquet; native,
    GDELT or POLECAT columns), written to a temporary file first so memory stays flat."""
    media, ext = EXPORT_TYPES[format]
    body = queries.export_file(store, f, format, flavour)
    return FileResponse(
        body.name, media_type=media, filename=f"eventlens-events.{ext}",
        background=BackgroundTask(os.unlink, body.name),
    )


@router.get("/events/{event_id}", responses=ERRORS)
def get_event(store: StoreDep, event_id: int) -> dict[str, Any]:
    """One event with its evidence and its cluster (the other reports of it)."""
    event = store.get_event(event_id) if is_row_id(event_id) else None
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return event


@router.get("/articles/{article_id}", responses=ERRORS)
def get_article(store: StoreDep, article_id: int) -> dict[str, Any]:
    """One stored article with its text and every extracted record."""
    article = store.get_article(article_id) if is_row_id(article_id) else None
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return article


@router.get("/stats", response_model=None, responses={200: {"model": dict[str, Any]}, **ERRORS})
def get_stats(request: Request, store: StoreDep) -> Response:
    """Totals: articles, events, errors, clusters; events per type, day and country."""
    return _json(queries.stats(request.app.state.cache, store))


_EXTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": ExtractRequest.model_json_schema()}},
    }
}


@router.post("/extract", responses=ERRORS, openapi_extra=_EXTRACT_BODY)
async def extract(request: Request) -> dict[str, Any]:
    """Run the pipeline on one article and return its extract document (nothing is stored).

    Send JSON (``{"text": ...}`` or ``{"html": ...}``, optional ``published``, ``url``,
    ``title``, ``id``) as ``application/json``; other content types get 415 (so a
    cross-site form cannot post here). Bodies over the server's limit get 413, articles
    over its character limit 413, and an extraction that passes the server's time
    limit is stopped and answered 422.
    """
    payload = await _extract_payload(request)
    content = payload.html if payload.html is not None else payload.text
    limit: int = request.app.state.max_extract_chars
    if len(content or "") > limit:
        raise HTTPException(
            413, f"article too long: {len(content or ''):,} characters, the limit is {limit:,}"
        )
    published = None
    if payload.published:
        # Read as leniently as ingest reads it ("Dec 17, 2016 10:00 AM CT"); a value that
        # names no day is refused rather than silently dropped.
        published = read_date(payload.published)
        if published is None:
            raise HTTPException(
                422, f'"published" {payload.published[:40]!r} is not a readable date '
                "(give YYYY-MM-DD or a written date with day, month and year)")
    extractor: Extractor = request.app.state.extractor
    job = ExtractJob(content=content or "", published=published, url=payload.url,
                     title=payload.title, doc_id=payload.id, is_html=payload.html is not None)
    try:
        return await extractor.run(job)
    except ExtractFailed as exc:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        raise HTTPException(exc.status, exc.message, headers=headers) from None


async def _extract_payload(request: Request) -> ExtractRequest:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(
            415, f"unsupported content type {kind or 'none'!r}: send application/json "
            '({"text": ...} or {"html": ...})',
        )
    body = await request.body()
    if not body.strip():
        raise HTTPException(422, "empty request body: send the article text or HTML")
    try:
        payload = ExtractRequest.model_validate(json.loads(_decode(body)))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise HTTPException(422, f"malformed JSON body: {str(exc).splitlines()[0]}") from None
    except RecursionError:  # arrays or objects nested thousands deep
        raise HTTPException(422, "malformed JSON body: nested too deeply") from None
    if (payload.text is None) == (payload.html is None):
        raise HTTPException(422, 'give exactly one of "text" or "html"')
    return payload


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(422, "request body is not valid UTF-8") from None
