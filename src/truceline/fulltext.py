"""Full-text search over documents: a table beside `documents`, filled as documents are stored:
on SQLite an FTS5 table, on PostgreSQL a tsvector per document under a GIN index; other databases
(or an SQLite built without FTS5) fall back to LIKE.

Snippets come back with each match between MATCH_START and MATCH_END, control characters that
cleaned text does not hold, so that a caller can escape the snippet first and mark the matches
after.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import sqlalchemy as sa

from truceline.decoding import without_controls

MATCH_START, MATCH_END = "\x02", "\x03"
INDEX = "documents_fts"
_SNIPPET_TOKENS = 24
_SNIPPET_CHARS = 200  # of the LIKE fallback's snippet
# PostgreSQL: English stemming, as FTS5's porter tokenizer; a tsvector holds at most 1 MB, so the
# words of a document past its first 500,000 characters are not indexed.
_CONFIG = "english"
_INDEXED_CHARS = 500_000


def _vector(title: str, text: str) -> str:
    """SQL for the tsvector of a title and text (columns, or :parameters). Angle brackets become
    spaces: PostgreSQL's parser takes "<script>…</script>" in a plain text for markup and drops
    the words in it."""
    return (f"to_tsvector('{_CONFIG}', translate(coalesce({title}, '') || ' ' || left({text}, {_INDEXED_CHARS}), "
            "'<>', '  '))")


# Built by name, not imported from storage.schema, whose first revision imports this module.
_documents = sa.table("documents", sa.column("id"), sa.column("source"), sa.column("title"),
                      sa.column("published", sa.Date), sa.column("publisher"), sa.column("text"))
_LISTED = (_documents.c.id, _documents.c.source, _documents.c.title, _documents.c.published,
           _documents.c.publisher)


def build(conn: sa.Connection) -> int:
    """Create the index if it is missing and add the stored documents it lacks (a database made
    before it existed); the number added. 0 where there can be no index."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"CREATE TABLE IF NOT EXISTS {INDEX} (document_id VARCHAR PRIMARY KEY "
                             "REFERENCES documents (id) ON DELETE CASCADE, words TSVECTOR NOT NULL)"))
        conn.execute(sa.text(f"CREATE INDEX IF NOT EXISTS ix_{INDEX}_words ON {INDEX} USING GIN (words)"))
        return conn.execute(sa.text(
            f"INSERT INTO {INDEX} (document_id, words) SELECT id, {_vector('title', 'text')} "
            f"FROM documents WHERE id NOT IN (SELECT document_id FROM {INDEX})")).rowcount
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
    if not _has_index(conn):
        return
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"INSERT INTO {INDEX} (document_id, words) VALUES (:id, {_vector(':title', ':text')})"),
                     {"id": document_id, "title": title, "text": text})
    else:
        conn.execute(sa.text(f"INSERT INTO {INDEX} (document_id, title, text) VALUES (:id, :title, :text)"),
                     {"id": document_id, "title": title or "", "text": text})


def search(conn: sa.Connection, query: str, limit: int, offset: int,
           known_by: date | None = None) -> tuple[list[dict[str, Any]], int]:
    """Documents holding every word of `query` (published by `known_by`), best first, each with
    a `snippet` around its matches; and how many documents match in all."""
    words = without_controls(query).split()  # FTS5 rejects a NUL; \x02/\x03 are its marks
    if not words:
        return [], 0
    if not _has_index(conn):
        return _like_search(conn, words, limit, offset, known_by)
    if conn.dialect.name == "postgresql":
        return _tsvector_search(conn, words, limit, offset, known_by)
    return _fts_search(conn, words, limit, offset, known_by)


def _has_index(conn: sa.Connection) -> bool:
    return conn.dialect.name in ("sqlite", "postgresql") and sa.inspect(conn).has_table(INDEX)


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


def _tsvector_search(conn: sa.Connection, words: list[str], limit: int, offset: int,
                     known_by: date | None) -> tuple[list[dict[str, Any]], int]:
    # plainto_tsquery: every word must match, and what a user types is never tsquery syntax.
    wanted = sa.func.plainto_tsquery(_CONFIG, " ".join(words))
    words_column = sa.column("words")
    vectors = sa.table(INDEX, sa.column("document_id"), words_column)
    query = (sa.select(*_LISTED).select_from(vectors).join(_documents, _documents.c.id == vectors.c.document_id)
             .where(words_column.op("@@")(wanted)))
    if known_by:
        query = query.where(_documents.c.published <= known_by)
    total = conn.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    page = query.order_by(sa.func.ts_rank(words_column, wanted).desc(), _documents.c.id).limit(limit).offset(offset)
    # Snippets as the LIKE search makes them: ts_headline reads "<script>" in a text as markup and
    # would not mark the words inside it.
    rows = conn.execute(page.add_columns(_documents.c.text)).mappings()
    return [{**{k: v for k, v in row.items() if k != "text"}, "snippet": like_snippet(row["text"], words)}
            for row in rows], total


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
