"""The Jinja2 environment of the pages: autoescaped, with the few filters the templates share."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from truceline.web.highlight import span_id

TEMPLATES = Path(__file__).parent / "templates"


def http_url(url: str | None) -> str | None:
    """The URL if a browser may follow it (http or https), else None: a document's source is
    untrusted and may be `javascript:`."""
    return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def source_name(source: str) -> str:
    """A short name for where a document comes from: a web address's host, a file's name."""
    parts = urlsplit(source)
    return parts.netloc.removeprefix("www.") if parts.netloc else Path(source.split("#")[0]).name or source


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def label(value: str | None) -> str:
    """A code as words: in_force → in force."""
    return (value or "").replace("_", " ")


def with_params(request: Request, **changes: Any) -> str:
    """This page's query string with some parameters changed (None removes one); paging starts
    over unless `offset` is among the changes."""
    params = {key: value for key, value in request.query_params.items() if key != "offset"}
    params.update(changes)
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


def make_templates() -> Jinja2Templates:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(http_url=http_url, source_name=source_name, number=number, label=label)
    environment.globals.update(with_params=with_params, span_id=span_id)
    return Jinja2Templates(env=environment)
