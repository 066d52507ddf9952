"""The web application: ``create_app(Settings(...))`` builds it, with its limits and headers.

Every response carries a strict Content-Security-Policy (everything from this server, no inline
script, nothing fetched from elsewhere). A request body over ``max_body`` bytes gets 413 before
any route reads it. The access log names the route's template and the status, never the path
itself (a client's name is in some paths), a body or a query: nothing that identifies a client.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import rothroute
from rothroute.web.responses import error, issue
from rothroute.web.jobs import Jobs, Pool, QueueFull

HERE = Path(__file__).parent
log = logging.getLogger("rothroute.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db: str | None = None  # SQLite path or SQLAlchemy URL; None: book.sqlite in the user's data directory
    max_body: int = 1_000_000  # bytes
    quick_workers: int = max(1, min(4, os.cpu_count() or 1))  # evaluate and compare
    quick_queue: int = 64
    optimize_workers: int = 1
    optimize_queue: int = 4
    max_time_limit: float = 300.0  # seconds an optimizer run may take at most
    default_time_limit: float = 60.0  # as the command line's --time-limit



class Guard:
    """Pure ASGI middleware: the body limit (413), the security headers, and the access log."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
                         (b"cross-origin-opener-policy", b"same-origin")]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        try:
            body, too_large = await self._read(scope, receive)
            if too_large:
                response = error(413, "request_too_large",
                                 f"a request body of at most {self.max_body:,} bytes (a household file is a few kB)")
                await response(scope, receive, send_with_headers)
                return
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
        finally:
            route = scope.get("route")
            template = getattr(route, "path_format", None) or getattr(route, "path", None) or "(no route)"
            log.info("%s %s %s %.0f ms", scope.get("method"), template, status["code"],
                     (time.perf_counter() - started) * 1000)

    async def _read(self, scope: Scope, receive: Receive) -> tuple[bytes, bool]:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_body:
                        return b"", True
                except ValueError:
                    pass
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks), False


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app: pages at ``/``, the API at ``/api/v1``, its OpenAPI document at ``/openapi.json``
    and ``/docs`` (a page rendered here from it: nothing from a CDN)."""
    from rothroute.web.book import Book

    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.quick.shutdown()
        app.state.optimize.shutdown()

    app = FastAPI(title="rothroute", version=rothroute.__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="Plan how US retirement money moves between pre-tax, after-tax and Roth buckets, "
                              "price each option to the dollar, and explain why, citing the law. The household "
                              "body is the household file, format 1, as JSON (docs/household-format.md); the "
                              "responses are exactly what the command line prints with --json.")
    app.state.settings = settings
    app.state.quick = Pool("quick", settings.quick_workers, settings.quick_queue, retry_after=1, max_tasks=2000)
    app.state.optimize = Pool("optimize", settings.optimize_workers, settings.optimize_queue,
                              retry_after=max(5, int(settings.default_time_limit)), max_tasks=20)
    app.state.jobs = Jobs(app.state.optimize)
    app.state.book = Book.open(settings.db)

    @app.exception_handler(QueueFull)
    async def queue_full(request: Request, exc: QueueFull) -> JSONResponse:
        return error(429, "queue_full", f"every worker is busy; try again in {exc.retry_after} s",
                     headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if exc.status_code == 404 and not request.url.path.startswith("/api/"):
            from rothroute.web.pages import not_found_page

            return not_found_page(request)
        code = {404: "not_found", 405: "method_not_allowed", 413: "request_too_large"}.get(exc.status_code, "http_error")
        return error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        issues = [issue("invalid_request", str(e.get("msg", "")), ".".join(str(x) for x in e.get("loc", ())))
                  for e in exc.errors()]
        return JSONResponse({"issues": issues}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        route = getattr(request.scope.get("route"), "path_format", "(no route)")
        log.error("internal error in %s: %s", route, type(exc).__name__)
        return error(500, "internal_error", "an internal error (a bug in rothroute); nothing was saved")

    from rothroute.web import api, pages

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            from rothroute.household import json_schema

            doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            household = {k: v for k, v in json_schema().items() if not k.startswith("$")}
            doc.setdefault("components", {}).setdefault("schemas", {})["Household"] = household
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(Guard, max_body=settings.max_body)
    return app
