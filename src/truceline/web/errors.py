"""One shape for every error: `{"ok": false, "status", "error", "errors"}` from the API, a
page saying the same from the web pages."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

log = logging.getLogger(__name__)
_DATE_HINT = "; write it as YYYY-MM-DD, e.g. 2023-11-24"


def install(app: FastAPI, templates: Jinja2Templates, security_headers: dict[str, str]) -> None:
    """The error handlers. A 500 is answered outside every middleware (Starlette's
    ServerErrorMiddleware), so it carries the security headers itself."""
    def respond(request: Request, status: int, error: str, errors: list[dict[str, Any]],
                headers: dict[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "status": status, "error": error, "errors": errors}, status, headers)
        return templates.TemplateResponse(request, "error.html", {"status": status, "error": error, "as_of": None},
                                          status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return respond(request, exc.status_code, str(exc.detail), [], exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [_field_error(error) for error in exc.errors()]
        first = errors[0]
        return respond(request, 422, f"{first['field']}: {first['message']}", errors)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return respond(request, 500, f"internal error ({type(exc).__name__}); the server's log has the details", [],
                       security_headers)


def _field_error(error: dict[str, Any]) -> dict[str, Any]:
    """A validation error as the field (`as_of`, `limit`) and a message a user can act on."""
    field = ".".join(str(part) for part in error["loc"] if part not in ("query", "path", "body")) or "request"
    message = error["msg"] + (_DATE_HINT if error["type"].startswith("date") else "")
    return {"field": field, "message": message}
