"""Ingest: files, folders, globs and stdin into `RawInput`s; unreadable inputs into `Failure`s;
a WARC file's HTML responses into `RawInput`s, its other records into one `Skipped` (warc.py).

A JSON article (one object of a `.json` array or one line of `.jsonl`) becomes a RawInput of
kind "html" when it carries `html`, else "text"; what it says about itself goes into `meta`.
Every input is bounded by `max_input_bytes`; a JSON Lines file, read a line at a time, only
each of its lines.
"""

from __future__ import annotations

import glob
import gzip
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from truceline.config import Settings
from truceline.records import Failure, RawInput, Skipped
from truceline.warc import read_warc

KINDS = {".html": "html", ".htm": "html", ".txt": "text", ".md": "text", ".json": "json", ".jsonl": "json",
         ".warc": "warc"}
# Fields a JSON article may use for its metadata, first match wins (the White House corpus uses the last ones).
META_FIELDS = {"title": ("title",), "url": ("url", "source_url"), "date": ("date", "published", "published_time"),
               "publisher": ("publisher",)}


def read_inputs(paths: Iterable[str], settings: Settings,
                stdin: BinaryIO | None = None) -> Iterator[RawInput | Failure | Skipped]:
    for given in paths:
        if given == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, settings)
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _kind(p)):
                yield from _read_file(child, settings)
        elif path.exists():
            yield from _read_file(path, settings)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield Failure(given, "no file matches this pattern")
            for match in matches:
                yield from _read_file(Path(match), settings)
        else:
            yield Failure(given, "no such file or folder")


def _kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1]) if suffixes else None


def _read_file(path: Path, settings: Settings) -> Iterator[RawInput | Failure | Skipped]:
    source = str(path)
    kind = _kind(path)
    if kind is None:
        yield Failure(source, "unsupported file type: use .html, .htm, .txt, .md, .json, .jsonl or .warc (optionally .gz)")
        return
    if kind == "warc":
        yield from read_warc(path, settings)
        return
    if kind == "json" and ".jsonl" in [s.lower() for s in path.suffixes]:
        yield from _json_lines(path, settings)
        return
    try:
        with _open(path) as f:
            content = f.read(settings.max_input_bytes + 1)  # bounded: a gzip bomb stops here
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(source, f"cannot read the file: {exc}")
        return
    yield from _split(source, content, kind, settings)


def _open(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")


def _json_lines(path: Path, settings: Settings) -> Iterator[RawInput | Failure]:
    """A JSON Lines file a line at a time: a corpus may be any size, each of its articles is
    bounded by max_input_bytes."""
    limit, read = settings.max_input_bytes, 0
    try:
        with _open(path) as f:
            for n, line in enumerate(iter(lambda: f.readline(limit + 1), b""), 1):
                read += len(line)
                if len(line) > limit:
                    while line and not line.endswith(b"\n"):  # the rest of this line, unread
                        line = f.readline(limit + 1)
                    yield Failure(f"{path}#{n}", f"line larger than {limit} bytes: raise TRUCELINE_MAX_INPUT_BYTES")
                elif line.strip():
                    try:
                        yield _article(f"{path}#{n}", json.loads(line))
                    except json.JSONDecodeError as exc:
                        yield Failure(f"{path}#{n}", f"malformed JSON on line {n}: {exc.msg}")
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(str(path), f"cannot read the file: {exc}")
        return
    if not read:
        yield Failure(str(path), "empty input")


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[RawInput | Failure]:
    content = stream.read(settings.max_input_bytes + 1)
    start = content.lstrip()[:1]
    kind = "html" if start == b"<" else "json" if start in (b"{", b"[") else "text"
    yield from _split("<stdin>", content, kind, settings)


def _split(source: str, content: bytes, kind: str, settings: Settings) -> Iterator[RawInput | Failure]:
    if len(content) > settings.max_input_bytes:
        yield Failure(source, f"larger than {settings.max_input_bytes} bytes: split it or raise TRUCELINE_MAX_INPUT_BYTES")
    elif not content.strip():
        yield Failure(source, "empty input")
    elif b"\x00" in content[:8192]:
        yield Failure(source, "binary data, not an article")
    elif kind == "json":
        yield from _json_articles(source, content)
    else:
        yield RawInput(source=source, content=content, kind=kind)


def _json_articles(source: str, content: bytes) -> Iterator[RawInput | Failure]:
    text = content.decode("utf-8", errors="replace")
    try:
        whole = json.loads(text)
        objects = whole if isinstance(whole, list) else [whole]
        items = [(f"{source}#{n}", obj, None) for n, obj in enumerate(objects, 1)]
    except json.JSONDecodeError:  # JSON Lines: one article per line, a bad line loses only itself
        items = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append((f"{source}#{n}", json.loads(line), None))
                except json.JSONDecodeError as exc:
                    items.append((f"{source}#{n}", None, f"malformed JSON on line {n}: {exc.msg}"))
    for item_source, obj, error in items:
        yield Failure(item_source, error) if error else _article(item_source, obj)


def _article(source: str, obj: Any) -> RawInput | Failure:
    """One JSON article: its `html` or `text`, and what it says about itself as `meta`."""
    if not isinstance(obj, dict) or not (obj.get("text") or obj.get("html")):
        return Failure(source, "a JSON article needs a non-empty 'text' or 'html' field")
    meta = {key: str(obj[f]) for key, names in META_FIELDS.items() for f in reversed(names) if obj.get(f)}
    body = obj.get("html") or obj["text"]
    return RawInput(source=source, content=str(body).encode("utf-8"), kind="html" if obj.get("html") else "text",
                    meta=meta)
