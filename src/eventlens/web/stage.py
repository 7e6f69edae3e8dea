"""The web stage's entry point: dashboard pages and the JSON API over one store.

    app = create_app("eventlens.db")          # then: uvicorn.run(app, host="127.0.0.1")

Every asset is served from ``web/static`` (no CDN, no tile server); ``/docs`` is
Swagger UI from vendored files. Errors under ``/api`` are JSON
``{"error": {"status", "message"}}``; pages get an HTML error page. Errors become
answers here only (``_add_error_handlers``): an ``EventlensError`` a request raises is
mapped in one handler (QueryError: 400, InputError: 422), the rest is a 500.

Under load nothing waits without bound: a request waits at most ``pool_timeout``
seconds for a store connection (then 503), and ``POST /api/extract`` runs in worker
processes under a per-request deadline (``extract_time_limit``), never in the
server's threads. HEAD is answered wherever GET is.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from eventlens import __version__
from eventlens.config import DEFAULT_CONFIG, Config
from eventlens.errors import EventlensError, InputError, QueryError
from eventlens.web import api, pages
from eventlens.web.cache import VersionedCache
from eventlens.web.extract_worker import DEFAULT_TIME_LIMIT_S, Extractor
from eventlens.web.middleware import (
    BodyLimitMiddleware,
    HeadMiddleware,
    SecurityHeadersMiddleware,
)
from eventlens.web.pool import DEFAULT_POOL_TIMEOUT_S, StorePool

STATIC_DIR = Path(__file__).parent / "static"
# Default request body cap: ample for one article as HTML, small enough to refuse abuse.
DEFAULT_MAX_BODY_BYTES = 2_000_000
# Default cap on the characters of one article sent to /api/extract (a long news article
# has 10,000 to 50,000): together with the time limit it bounds what one request costs.
DEFAULT_MAX_EXTRACT_CHARS = 250_000

log = logging.getLogger(__name__)


def create_app(
    db_path: str | Path,
    *,
    config: Config = DEFAULT_CONFIG,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    cors_origins: Sequence[str] = (),
    pool_size: int = 4,
    pool_timeout: float = DEFAULT_POOL_TIMEOUT_S,
    cache_size: int = 256,
    page_cache_size: int = 512,
    extract_workers: int = 1,
    extract_time_limit: float = DEFAULT_TIME_LIMIT_S,
    max_extract_chars: int = DEFAULT_MAX_EXTRACT_CHARS,
) -> FastAPI:
    """Build the FastAPI app serving the store at ``db_path`` (created if missing).

    CORS is off unless ``cors_origins`` names the origins allowed to call the API.
    Requests read through a pool of up to ``pool_size`` connections and wait at most
    ``pool_timeout`` seconds for one (then 503); up to ``cache_size`` summaries, counts
    and totals, and ``page_cache_size`` pages of events, are kept until the store's
    data changes. ``POST /api/extract`` runs in up to ``extract_workers`` processes
    (started on first use), each article within ``extract_time_limit`` seconds and
    ``max_extract_chars`` characters.
    """
    pool = StorePool(db_path, size=pool_size, timeout=pool_timeout)
    extractor = Extractor(config, workers=extract_workers, time_limit_s=extract_time_limit)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        # Neither waits for a request still running: the server must stop promptly.
        extractor.close()
        pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventlens API",
        version=__version__,
        description="Political events extracted from news, each tied to its evidence sentence.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.pool = pool
    app.state.cache = VersionedCache(cache_size)
    app.state.page_cache = VersionedCache(page_cache_size)
    app.state.config = config
    app.state.extractor = extractor
    app.state.max_extract_chars = max_extract_chars
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_docs(app)
    _add_error_handlers(app)
    # Level 6 (zlib's default): a third of level 9's time for 5% more bytes.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=6)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(HeadMiddleware)

    return app


def _add_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Response:
        """Swagger UI from the vendored swagger-ui-dist files."""
        return pages.TEMPLATES.TemplateResponse(request, "docs.html", {})


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str,
           headers: Mapping[str, str] | None = None) -> Response:
    if _wants_json(request):
        response: Response = JSONResponse(
            {"error": {"status": status, "message": message}}, status_code=status
        )
    else:
        response = pages.error_page(request, status, message)
    if headers:
        response.headers.update(headers)
    return response


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        if exc.status_code == 405:
            method = request.scope.get("eventlens.method", request.method)
            message = f"method {method} not allowed on {request.url.path}"
        # Retry-After on a 503 (busy), Allow on a 405 (HEAD goes wherever GET does).
        headers = dict(exc.headers or {})
        allow = [m.strip() for m in headers.get("Allow", "").split(",") if m.strip()]
        if "GET" in allow and "HEAD" not in allow:
            headers["Allow"] = ", ".join([*allow, "HEAD"])
        return _error(request, exc.status_code, message, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 422, "invalid request: " + "; ".join(parts))

    @app.exception_handler(EventlensError)
    async def eventlens_error(request: Request, exc: EventlensError) -> Response:
        if isinstance(exc, QueryError):  # a bad filter value: the one-line message
            return _error(request, 400, str(exc))
        if isinstance(exc, InputError):  # an article to extract that cannot be read
            return _error(request, 422, exc.reason)
        # Anything else (a stage timeout, a store changed under the server) is a server
        # error: re-raised, the catch-all below answers 500 and logs it, as for any bug.
        raise exc

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, f"internal error: {type(exc).__name__}")
