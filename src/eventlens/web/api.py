"""The JSON API: events, articles, stats and on-demand extraction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException

from eventlens.config import Config
from eventlens.store.stage import EventFilters, Store
from eventlens.web import queries

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
        None, description="publication date YYYY-MM-DD", examples=["2016-10-23"]
    )
    url: str | None = None
    title: str | None = None
    id: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 404, 413, 415, 422)
}

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

MinConfidenceQ = Annotated[
    float | None,
    Query(ge=0, le=1, description="only events whose confidence is at least this (0 to 1)",
          examples=[0.5]),
]


def get_store(request: Request) -> Iterator[Store]:
    """A store connection from the app's pool for the length of one request."""
    with request.app.state.pool.acquire() as store:
        yield store


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
) -> EventFilters:
    """The event filters shared by ``/api/events`` and ``/api/summary`` (query string)."""
    return queries.make_filters(
        type=type, actor=actor, country=country, since=since, until=until, near=near,
        text=text, min_confidence=min_confidence,
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
    # The total is the same for every page of a filter: kept until the data changes.
    total = queries.cached(request.app.state.cache, store, ("count", f),
                           lambda: store.count_events(f))
    return _json({
        "total": total,
        "limit": limit,
        "offset": offset,
        "events": store.query_events(f, limit=limit, offset=offset),
    })


@router.get("/summary", response_model=None, responses={200: {"model": dict[str, Any]}, **ERRORS})
def event_summary(request: Request, store: StoreDep, f: FiltersDep) -> Response:
    """Counts for the dashboard under the same filters: per day, per type, per country,
    and per location (``places``: lat, lon, name, country, count)."""
    body = queries.cached(request.app.state.cache, store, ("summary", f),
                          lambda: queries.json_bytes(queries.summary(store, f)))
    return _json(body)


@router.get("/events/{event_id}", responses=ERRORS)
def get_event(store: StoreDep, event_id: int) -> dict[str, Any]:
    """One event with its evidence and its cluster (the other reports of it)."""
    event = store.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return event


@router.get("/articles/{article_id}", responses=ERRORS)
def get_article(store: StoreDep, article_id: int) -> dict[str, Any]:
    """One stored article with its text and every extracted record."""
    article = store.get_article(article_id)
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
        "content": {
            "application/json": {"schema": ExtractRequest.model_json_schema()},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


@router.post("/extract", responses=ERRORS, openapi_extra=_EXTRACT_BODY)
async def extract(request: Request) -> dict[str, Any]:
    """Run the pipeline on one article and return its extract document (nothing is stored).

    Send JSON (``{"text": ...}`` or ``{"html": ...}``, optional ``published``, ``url``,
    ``title``), or the raw article as ``text/plain`` or ``text/html``. Bodies over the
    server's limit get 413.
    """
    payload = await _extract_payload(request)
    config: Config = request.app.state.config
    from eventlens.pipeline import extract as run_pipeline

    content = payload.html if payload.html is not None else payload.text
    # An unreadable article raises InputError: the app's error handler answers 422.
    doc = await run_in_threadpool(
        run_pipeline, content or "", payload.published, url=payload.url, title=payload.title,
        doc_id=payload.id, is_html=payload.html is not None, config=config,
    )
    result: dict[str, Any] = doc.to_dict()
    return result


async def _extract_payload(request: Request) -> ExtractRequest:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if not body.strip():
        raise HTTPException(422, "empty request body: send the article text or HTML")
    if kind in ("text/plain", "text/html"):
        text = _decode(body)
        field = "html" if kind == "text/html" else "text"
        return ExtractRequest.model_validate({field: text})
    if kind != "application/json":
        raise HTTPException(
            415, f"unsupported content type {kind or 'none'!r}: use application/json, "
            "text/plain or text/html",
        )
    try:
        payload = ExtractRequest.model_validate(json.loads(_decode(body)))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise HTTPException(422, f"malformed JSON body: {str(exc).splitlines()[0]}") from None
    if (payload.text is None) == (payload.html is None):
        raise HTTPException(422, 'give exactly one of "text" or "html"')
    return payload


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(422, "request body is not valid UTF-8") from None
