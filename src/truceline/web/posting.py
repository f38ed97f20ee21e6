"""The API's one write: an article posted to `POST /api/documents`, read as `truceline ingest`
reads a file (a JSON article or list of them, HTML, or plain text), allowed only with the
server's token."""

from __future__ import annotations

import dataclasses
import io
import secrets
import threading
from datetime import date
from typing import Any

from fastapi import HTTPException, Request

from truceline.config import Settings
from truceline.records import Failure
from truceline.store import Store

POSTED = "<posted>"  # the source of a posted text that gives no URL of its own


def check_token(request: Request, token: str | None) -> None:
    """403 if the server has no token (read-only), 401 unless the request sends it as
    `Authorization: Bearer` (RFC 6750)."""
    if not token:
        raise HTTPException(403, "this server is read-only: start it with --token (or set TRUCELINE_API_TOKEN) "
                                 "to accept posted documents")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token: send the header 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, refused (413) past `limit` bytes before more is read."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"larger than {limit} bytes: split it or raise TRUCELINE_MAX_INPUT_BYTES")
    return bytes(body)


class Ingester:
    """Extracts posted articles with one pipeline, loaded at the first post (spaCy takes
    seconds to load) and used by one request at a time."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def ingest(self, body: bytes, store: Store) -> dict[str, list[Any]]:
        """The ids of the documents added and of those already stored, and the inputs skipped."""
        from truceline.ingest import read_inputs  # with the pipeline: only a server that takes posts loads spaCy
        from truceline.pipeline import Pipeline

        inputs = [dataclasses.replace(item, source=item.source.replace("<stdin>", POSTED))
                  for item in read_inputs(["-"], self.settings, stdin=io.BytesIO(body))]
        result: dict[str, list[Any]] = {"added": [], "present": [], "skipped": []}
        days: set[date | None] = set()  # the added documents' publication days
        with self._lock:
            self._pipeline = self._pipeline or Pipeline(self.settings)
            for item in self._pipeline.extract(inputs):
                if isinstance(item, Failure):
                    store.add_failure(item)
                    result["skipped"].append({"source": item.source, "reason": item.reason})
                elif store.add(item):
                    result["added"].append(item.document.id)
                    days.add(item.document.published)
                else:
                    result["present"].append(item.document.id)
            if days:  # as an ingest ends: the merged tables hold the new documents too
                store.link_added(days)
        return result

