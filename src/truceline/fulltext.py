"""Full-text search over documents: an SQLite FTS5 table beside `documents`, filled as documents
are stored; other databases (or an SQLite built without FTS5) fall back to LIKE.

Snippets come back with each match between MATCH_START and MATCH_END, control characters that
cleaned text does not hold, so that a caller can escape the snippet first and mark the matches
after.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import sqlalchemy as sa

MATCH_START, MATCH_END = "\x02", "\x03"
INDEX = "documents_fts"
_SNIPPET_TOKENS = 24
_SNIPPET_CHARS = 200  # of the LIKE fallback's snippet
# Built by name, not imported from store.py, which imports this module.
_documents = sa.table("documents", sa.column("id"), sa.column("source"), sa.column("title"),
                      sa.column("published", sa.Date), sa.column("publisher"), sa.column("text"))
_LISTED = (_documents.c.id, _documents.c.source, _documents.c.title, _documents.c.published,
           _documents.c.publisher)


def build(conn: sa.Connection) -> int:
    """Create the index if it is missing and add the stored documents it lacks (a database made
    before it existed); the number added. 0 where there can be no index."""
    if conn.dialect.name != "sqlite":
        return 0
    try:
        conn.execute(sa.text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} "
                             "USING fts5(document_id UNINDEXED, title, text, tokenize='porter unicode61')"))
    except sa.exc.OperationalError:  # no FTS5 in this SQLite: search uses LIKE
        return 0
    return conn.execute(sa.text(
        f"INSERT INTO {INDEX} (document_id, title, text) SELECT id, coalesce(title, ''), text FROM documents "
        f"WHERE id NOT IN (SELECT document_id FROM {INDEX})")).rowcount


def add(conn: sa.Connection, document_id: str, title: str | None, text: str) -> None:
    """Index a document being stored, where there is an index (`build` makes it)."""
    if _has_index(conn):
        conn.execute(sa.text(f"INSERT INTO {INDEX} (document_id, title, text) VALUES (:id, :title, :text)"),
                     {"id": document_id, "title": title or "", "text": text})


def search(conn: sa.Connection, query: str, limit: int, offset: int,
           known_by: date | None = None) -> tuple[list[dict[str, Any]], int]:
    """Documents holding every word of `query` (published by `known_by`), best first, each with
    a `snippet` around its matches; and how many documents match in all."""
    words = query.split()
    if not words:
        return [], 0
    if _has_index(conn):
        return _fts_search(conn, words, limit, offset, known_by)
    return _like_search(conn, words, limit, offset, known_by)


def _has_index(conn: sa.Connection) -> bool:
    return conn.dialect.name == "sqlite" and conn.scalar(sa.text(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": INDEX}) is not None


def _fts_search(conn: sa.Connection, words: list[str], limit: int, offset: int,
                known_by: date | None) -> tuple[list[dict[str, Any]], int]:
    # Each word as a quoted phrase: what a user types is never FTS5 syntax (AND, NEAR, "col:").
    match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
    fts = sa.table(INDEX, sa.column("document_id"))
    whole = sa.literal_column(INDEX)  # FTS5 names the table itself in MATCH and snippet()
    snippet = sa.func.snippet(whole, 2, MATCH_START, MATCH_END, "…", _SNIPPET_TOKENS).label("snippet")
    query = (sa.select(*_LISTED, snippet).select_from(fts).join(_documents, _documents.c.id == fts.c.document_id)
             .where(whole.op("MATCH")(match)))
    if known_by:
        query = query.where(_documents.c.published <= known_by)
    total = conn.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = conn.execute(query.order_by(sa.literal_column("rank")).limit(limit).offset(offset)).mappings()
    return [dict(row) for row in rows], total


def _like_search(conn: sa.Connection, words: list[str], limit: int, offset: int,
                 known_by: date | None) -> tuple[list[dict[str, Any]], int]:
    query = sa.select(*_LISTED, _documents.c.text)
    for word in words:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", word.lower()) + "%"
        query = query.where(sa.or_(sa.func.lower(_documents.c.title).like(pattern, escape="\\"),
                                   sa.func.lower(_documents.c.text).like(pattern, escape="\\")))
    if known_by:
        query = query.where(_documents.c.published <= known_by)
    total = conn.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = conn.execute(query.order_by(_documents.c.published.desc(), _documents.c.id).limit(limit).offset(offset))
    return [{**{k: v for k, v in row.items() if k != "text"}, "snippet": like_snippet(row["text"], words)}
            for row in rows.mappings()], total


def like_snippet(text: str, words: list[str]) -> str:
    """The text around the first match of any word, every match marked (as FTS5 `snippet` does)."""
    found = re.compile("|".join(map(re.escape, words)), re.IGNORECASE)
    first = found.search(text)
    middle = first.start() if first else 0
    start = max(0, middle - _SNIPPET_CHARS // 3)
    end = min(len(text), start + _SNIPPET_CHARS)
    marked = found.sub(lambda m: f"{MATCH_START}{m.group()}{MATCH_END}", text[start:end])
    return ("…" if start else "") + marked + ("…" if end < len(text) else "")
