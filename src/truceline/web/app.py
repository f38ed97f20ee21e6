"""The web app: the pages and the JSON API over one store, with one error shape and a strict
Content-Security-Policy (article text is untrusted; no script but the app's own files runs)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from importlib.resources import files

from truceline.config import Settings
from truceline.store import Store
from truceline.web import api, errors, pages
from truceline.web.posting import Ingester
from truceline.web.templates import make_templates

STATIC = Path(__file__).parent / "static"
SWAGGER_UI = Path(str(files("fastapi_offline") / "static"))  # Swagger UI's files, as fastapi-offline ships them
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # A source link opened from the reader need not tell the source's site what was being read.
    "Referrer-Policy": "no-referrer",
}
# The API reference: Swagger UI served from a package, so that it works offline (FastAPI's own
# /docs loads it from a CDN, with an inline script the CSP would block).
API_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>truceline API</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css"></head>
<body><div id="api-docs"></div>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script><script src="/static/api-docs.js"></script>
</body></html>"""


def create_app(store_or_url: Store | str, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The app over a store (or the database at a URL, which it opens and closes); `token`
    allows `POST /api/documents`."""
    store = store_or_url if isinstance(store_or_url, Store) else Store(store_or_url, create=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if store is not store_or_url:
            store.close()

    app = FastAPI(title="truceline", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="The sourced record of wars and ceasefire negotiations: agreements, events, "
                              "figures, each with the document and span that states it.")
    templates = make_templates()
    app.state.store, app.state.token, app.state.templates = store, token, templates
    app.state.ingester = Ingester(settings or Settings.from_env())
    app.mount("/static/swagger-ui", StaticFiles(directory=SWAGGER_UI), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.get("/docs", include_in_schema=False)(lambda: HTMLResponse(API_DOCS_PAGE))
    app.include_router(api.router)
    app.include_router(pages.router)
    errors.install(app, templates, SECURITY_HEADERS)
    app.middleware("http")(_security_headers)
    return app


async def _security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    return response
