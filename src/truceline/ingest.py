"""Ingest: files, folders, globs and stdin into `RawInput`s; unreadable inputs into `Failure`s;
a WARC file's HTML responses into `RawInput`s, its other records into one `Skipped` (warc.py).

A JSON article (one object of a `.json` array or one line of `.jsonl`) becomes a RawInput of
kind "html" when it carries `html`, else "text"; what it says about itself goes into `meta`.
Every input is bounded by `max_input_bytes`; a JSON Lines file, read a line at a time, only
each of its lines. Nothing an input holds raises past it: each file is read under a guard that
turns any error into that file's `Failure`.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from truceline.config import Settings
from truceline.decoding import JSON, bom_encoding, decode, without_surrogates
from truceline.records import Failure, RawInput, Skipped
from truceline.warc import read_warc

KINDS = {".html": "html", ".htm": "html", ".txt": "text", ".md": "text", ".json": "json", ".jsonl": "json",
         ".warc": "warc"}
# Fields a JSON article may use for its metadata, first match wins (the White House corpus uses the last ones).
# `fetched`, the day the article was fetched, dates a yearless dateline ("CAIRO, Nov 22 (Reuters)").
META_FIELDS = {"title": ("title",), "url": ("url", "source_url"), "date": ("date", "published", "published_time"),
               "publisher": ("publisher",), "fetched": ("fetched", "fetched_at", "retrieved", "crawled")}
# A JSON Lines file whose first lines are all malformed is not JSON Lines: one reason, not one per line.
_MALFORMED_LINES_BEFORE_GIVING_UP = 100


def read_inputs(paths: Iterable[str], settings: Settings,
                stdin: BinaryIO | None = None) -> Iterator[RawInput | Failure | Skipped]:
    for given in paths:
        if given == "-":
            yield from _guarded("<stdin>", _read_stdin(stdin or sys.stdin.buffer, settings))
            continue
        path = Path(given)
        if path.is_dir():
            yield from _folder(path, settings)
        elif path.exists():
            yield from _guarded(given, _read_file(path, settings))
        elif glob.has_magic(given):
            matches = _glob(given)
            if not matches:
                yield Failure(given, "no file matches this pattern")
            for match in matches:
                yield from _guarded(str(match), _read_file(match, settings))
        else:
            yield Failure(given, "no such file or folder")


def _folder(path: Path, settings: Settings) -> Iterator[RawInput | Failure | Skipped]:
    """A folder's files of a known kind, recursively, without following links to folders (a
    link to a parent would never end); a subfolder that cannot be read is reported, not skipped."""
    unreadable: list[OSError] = []
    files = [Path(folder, name) for folder, _, names in os.walk(path, onerror=unreadable.append)
             for name in names if _kind(Path(name))]
    for file in sorted(files):
        yield from _guarded(str(file), _read_file(file, settings))
    for error in unreadable:
        yield Failure(str(error.filename), f"cannot read the folder: {error.strerror}")


def _glob(pattern: str) -> list[Path]:
    """The paths a pattern matches. pathlib's `**` does not follow links to folders, where
    `glob.glob`'s goes round a symbolic link loop until the path is too long."""
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    return sorted(Path(*parts[:fixed] or ".").glob(str(Path(*parts[fixed:]))))


def _guarded(source: str, items: Iterator[RawInput | Failure | Skipped]) -> Iterator[RawInput | Failure | Skipped]:
    """The inputs of one file; an error no reader foresaw ends that file alone, with its reason."""
    try:
        yield from items
    except RecursionError:
        yield Failure(source, "JSON nested too deep to read")
    except Exception as exc:  # the batch goes on whatever one file holds
        yield Failure(source, f"internal error while reading: {type(exc).__name__}: {exc}")


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
    if not path.is_file():  # a FIFO or a device would block the read, or never end
        yield Failure(source, "not a regular file (a FIFO, socket or device)")
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
    limit, lines, articles, malformed = settings.max_input_bytes, 0, 0, 0  # lines: those not blank
    try:
        with _open(path) as f:
            if bom_encoding(f.peek(4)[:4]) not in (None, "utf-8-sig"):  # UTF-16/32: lines are not bytes
                yield from _split(str(path), f.read(limit + 1), "json", settings)
                return
            for n, line in enumerate(iter(lambda: f.readline(limit + 1), b""), 1):
                if len(line) > limit:
                    lines += 1
                    while line and not line.endswith(b"\n"):  # the rest of this line, unread
                        line = f.readline(limit + 1)
                    yield Failure(f"{path}#{n}", f"line larger than {limit} bytes: raise TRUCELINE_MAX_INPUT_BYTES")
                elif line.strip():
                    lines += 1
                    item = _json_item(f"{path}#{n}", *decode(line))
                    articles += isinstance(item, RawInput)
                    malformed += isinstance(item, Failure) and item.reason.startswith("malformed JSON")
                    if malformed >= _MALFORMED_LINES_BEFORE_GIVING_UP and not articles:
                        yield Failure(str(path), f"not JSON Lines: its first {malformed} lines are malformed")
                        return
                    yield item
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(str(path), f"cannot read the file: {exc}")
        return
    if not lines:  # blank lines only would leave no article and no reason
        yield Failure(str(path), "empty input")


def _json_item(source: str, line: str, flags: tuple[str, ...]) -> RawInput | Failure:
    try:
        return _article(source, JSON.decode(line), flags)
    except json.JSONDecodeError as exc:
        return Failure(source, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return Failure(source, "JSON nested too deep to read")


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[RawInput | Failure]:
    content = stream.read(settings.max_input_bytes + 1)
    start = content.lstrip()[:1]
    kind = "html" if start == b"<" else "json" if start in (b"{", b"[") else "text"
    yield from _split("<stdin>", content, kind, settings)


def _split(source: str, content: bytes, kind: str, settings: Settings) -> Iterator[RawInput | Failure]:
    encoding = bom_encoding(content)
    flags: tuple[str, ...] = ()
    if encoding and encoding != "utf-8-sig":  # UTF-16/32 hold NUL bytes: read them as text, not binary
        text, flags = decode(content)
        content = text.encode("utf-8")
    if len(content) > settings.max_input_bytes:
        yield Failure(source, f"larger than {settings.max_input_bytes} bytes: split it or raise TRUCELINE_MAX_INPUT_BYTES")
    elif not content.strip():
        yield Failure(source, "empty input")
    elif b"\x00" in content[:8192]:
        yield Failure(source, "binary data, not an article")
    elif kind == "json":
        yield from _json_articles(source, content)
    else:
        yield RawInput(source=source, content=content, kind=kind, flags=flags)


def _json_articles(source: str, content: bytes) -> Iterator[RawInput | Failure]:
    text, flags = decode(content)
    try:
        whole = JSON.decode(text)
    except json.JSONDecodeError:  # JSON Lines: one article per line, a bad line loses only itself
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _json_item(f"{source}#{n}", line, flags)
        return
    except RecursionError:
        yield Failure(source, "JSON nested too deep to read")
        return
    if whole == []:
        yield Failure(source, "empty input: a JSON array with no article")
    for n, obj in enumerate(whole if isinstance(whole, list) else [whole], 1):
        yield _article(f"{source}#{n}", obj, flags)


def _article(source: str, obj: Any, flags: tuple[str, ...] = ()) -> RawInput | Failure:
    """One JSON article: its `html` or `text`, and what it says about itself as `meta`.
    A field of the wrong type is refused, never written as Python would print it."""
    if not isinstance(obj, dict):
        return Failure(source, f"a JSON article is an object, not {_json_type(obj)}")
    given = {f: obj[f] for f in ("html", "text", *(f for names in META_FIELDS.values() for f in names)) if obj.get(f)}
    wrong = next((f for f, value in given.items() if not isinstance(value, str)), None)
    if wrong:
        return Failure(source, f"field {wrong!r} must be a string, not {_json_type(given[wrong])}")
    strings = {f: without_surrogates(value) for f, value in given.items()}
    body = next((f for f in ("html", "text") if f in strings), None)
    if body is None or not strings[body].text.strip():
        return Failure(source, "a JSON article needs a non-empty 'text' or 'html' field")
    meta = {key: strings[f].text for key, names in META_FIELDS.items() for f in reversed(names) if f in strings}
    flags = tuple(dict.fromkeys((*flags, *(flag for s in strings.values() for flag in s.flags))))
    return RawInput(source=source, content=strings[body].text.encode("utf-8"), kind="html" if body == "html" else "text",
                    meta=meta, flags=flags)


def _json_type(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object",
            type(None): "null"}.get(type(value), type(value).__name__)
