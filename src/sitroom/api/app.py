"""``create_app(config, store)``: the FastAPI application `sitroom serve` runs, its OpenAPI schema at
/openapi.json, the web page at / when it is built.

Every error is JSON in one shape ({"detail": "..."}; a 422 adds "errors", one per bad parameter): 404 for an
unknown id or path, 413 for a body over its limit, 422 for a bad parameter, 503 when the store or the pipeline
cannot be used, 504 when no reply started in time. A request never gets a 500 for its input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

import sitroom
from sitroom.api.middleware import BodyLimit, SecurityHeaders, Timeout
from sitroom.api.outputs import outputs_router
from sitroom.api.read import read_router
from sitroom.api.service import Service
from sitroom.api.write import write_router
from sitroom.config import ApiOptions, Config, ConfigError
from sitroom.store.base import Store, StoreError

PACKAGED_STATIC = Path(sitroom.__file__).resolve().parent / "web" / "static"
# Paths whose work is reading documents (the pipeline, a batch of inserts): the write timeout and body limits.
WRITE_PATHS = ("/api/annotate", "/api/ingest")


def create_app(config: Config, store: Store) -> FastAPI:
    """The API over ``store`` with ``config.api``'s limits."""
    options = config.api
    _check(options)
    service = Service(config, store)
    app = FastAPI(
        title="sitroom",
        version=sitroom.__version__,
        summary="War reporting as a structured, source-attributed record: articles, claims, events, clusters.",
        # The interactive docs load scripts from a CDN and run inline ones, which the page's policy forbids and
        # an offline machine cannot fetch: the schema itself is at /openapi.json.
        docs_url=None, redoc_url=None,
    )
    app.state.service = service
    app.include_router(read_router(service))
    app.include_router(write_router(service))
    app.include_router(outputs_router(service))
    _add_error_handlers(app)
    _mount_page(app, Path(options.static_dir) if options.static_dir else PACKAGED_STATIC)
    # Outermost last: headers on every reply (errors of the limits included), then the limits.
    app.add_middleware(BodyLimit, limit_of=lambda path: _body_limit(options, path))
    app.add_middleware(Timeout, seconds_of=lambda path: (
        options.write_timeout_s if path in WRITE_PATHS else options.request_timeout_s))
    if options.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=options.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(SecurityHeaders, policy=options.content_security_policy)
    return app


def _check(options: ApiOptions) -> None:
    if options.default_page_size > options.max_page_size:
        raise ConfigError(f"[api] default_page_size ({options.default_page_size}) is over max_page_size"
                          f" ({options.max_page_size})")
    if options.search_page_size > options.max_page_size:
        raise ConfigError(f"[api] search_page_size ({options.search_page_size}) is over max_page_size"
                          f" ({options.max_page_size})")


def _body_limit(options: ApiOptions, path: str) -> tuple[int, str]:
    if path == "/api/annotate":
        return options.max_annotate_bytes, "max_annotate_bytes"
    if path == "/api/ingest" and options.ingest_token:
        return options.max_ingest_bytes, "max_ingest_bytes"
    return options.max_body_bytes, "max_body_bytes"


def _error(status: int, detail: str, errors: list[dict[str, Any]] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "body", "header"):
        parts = parts[1:] if parts[0] != "body" or len(parts) > 1 else parts
    return ".".join(parts) or "request"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = []
        for item in error.errors():
            problems.append({"where": _where(item.get("loc", ())), "message": item.get("msg", ""),
                             "type": item.get("type", "")})
        detail = "; ".join(f"{p['where']}: {p['message']}" for p in problems) or "the request is not valid"
        return _error(422, detail, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else str(error.detail)
        if error.status_code == 400 and detail == "There was an error parsing the body":
            return _error(422, "body: not JSON text in UTF-8")
        if error.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {request.url.path} (the API is under /api; its schema at /openapi.json)"
        elif error.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return _error(error.status_code, detail, headers=getattr(error, "headers", None))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> JSONResponse:
        return _error(503, f"the store cannot be used: {error}")

    @app.exception_handler(Exception)
    async def server_fault(request: Request, error: Exception) -> JSONResponse:
        # A fault of the server's (no input reaches here: every bad input is a 4xx above), still JSON.
        return _error(500, f"internal error on {request.url.path}: {type(error).__name__}: {error}")


def _mount_page(app: FastAPI, folder: Path) -> None:
    """The web page, only what exists: its assets at /static and its index.html at /."""
    if not folder.is_dir():
        return
    app.mount("/static", StaticFiles(directory=folder), name="static")
    index = folder / "index.html"
    if index.is_file():
        @app.get("/", include_in_schema=False)
        def page() -> FileResponse:
            return FileResponse(index, media_type="text/html; charset=utf-8")
