"""HTML pages: dashboard, article and event (Jinja2 with autoescaping)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from eventlens.store.stage import Store
from eventlens.web import queries
from eventlens.web.api import StoreDep, is_row_id
from eventlens.web.highlight import render_highlighted

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)


def _render(request: Request, store: Store, name: str, **context: Any) -> HTMLResponse:
    stats = queries.stats(request.app.state.cache, store)
    return TEMPLATES.TemplateResponse(request, name, {"stats": stats, **context})


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep) -> HTMLResponse:
    """The dashboard: filters, map, timeline and events table (filled by dashboard.js)."""
    stats = queries.stats(request.app.state.cache, store)
    return TEMPLATES.TemplateResponse(
        request, "dashboard.html",
        {"stats": stats, "event_types": queries.EVENT_TYPES, "sectors": queries.SECTORS,
         "countries": sorted(stats["events_per_country"])},
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: int) -> HTMLResponse:
    """One article with highlights, its events and a map of them."""
    doc = store.get_article(article_id) if is_row_id(article_id) else None
    if doc is None:
        raise HTTPException(404, f"no article with id {article_id}")
    # Document order reads best next to the text; the store lists newest first.
    events = sorted(doc["events"], key=lambda e: (e.get("start") or 0, e.get("id") or 0))
    doc = {**doc, "events": events}
    points = [p for i, e in enumerate(events) if (p := queries.map_point(e, i))]
    counts = {k: len(doc.get(k) or []) for k in ("entities", "places", "quotes", "events")}
    return _render(
        request, store, "article.html", article_id=article_id, art=doc["article"],
        body=render_highlighted(doc), events=events, points=points, counts=counts,
        duplicate_of=doc["article"].get("duplicate_of"), source_url=_web_url(doc["article"]),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: int) -> HTMLResponse:
    """One event, its cluster of reports across articles, and links to each sentence."""
    event = store.get_event(event_id) if is_row_id(event_id) else None
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    cluster = event.get("cluster")
    reports = sorted(
        [event, *((cluster or {}).get("events") or [])],
        key=lambda e: (e.get("day") or "", e.get("id") or 0),
    )
    points = [p for i, e in enumerate([event]) if (p := queries.map_point(e, i))]
    return _render(
        request, store, "event.html", ev=event, cluster=cluster, reports=reports, points=points
    )


def _web_url(art: dict[str, Any]) -> str | None:
    """The article's URL when it is http(s); never a javascript: or data: link."""
    url = art.get("url")
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An HTML error page (for browsers; the API answers errors in JSON)."""
    titles = {404: "Not found", 400: "Bad request", 413: "Too large", 500: "Server error",
              503: "Busy"}
    return TEMPLATES.TemplateResponse(
        request, "error.html",
        {"status": status, "title": titles.get(status, "Error"), "message": message,
         "stats": None},
        status_code=status,
    )
