"""WARC and WARC.gz files (web archives, Common Crawl's CC-NEWS): each HTML response becomes an
input with its URL and its fetch date (the page's own date, where cleaning finds one, wins);
the other records (requests, metadata, redirects, images, PDFs…) are counted and skipped.

FastWARC reads the archive: it detects the compression and undoes the HTTP transfer and content
encodings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from truceline.config import Settings
from truceline.records import Failure, RawInput, Skipped

HTML = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, settings: Settings) -> Iterator[RawInput | Failure | Skipped]:
    """The archive's HTML responses, in its order, then how many records were skipped and why."""
    skipped: Counter[str] = Counter()
    records = 0
    try:
        with open(path, "rb") as stream:
            for records, record in enumerate(ArchiveIterator(stream, parse_http=True, auto_decode="all",
                                                             fsspec_args=False), 1):
                why = _not_an_article(record)
                if why:
                    skipped[why] += 1
                    continue
                # A record may lack its address or have a date FastWARC cannot read (None): the
                # record is still an article, named by its place in the file, undated.
                url = record.headers.get("WARC-Target-URI") or ""
                source = url or f"{path}#{record.stream_pos}"
                content = record.reader.read(settings.max_input_bytes + 1)
                if len(content) > settings.max_input_bytes:
                    yield Failure(source, f"larger than {settings.max_input_bytes} bytes: raise TRUCELINE_MAX_INPUT_BYTES")
                else:
                    day = record.record_date.date().isoformat() if record.record_date else ""
                    yield RawInput(source=source, content=content, kind="html", meta={"url": url, "date": day})
    except OSError as exc:
        yield Failure(str(path), f"cannot read the WARC file: {exc}")
    else:
        if not records:  # an empty archive (FastWARC reads no record, raises nothing) would vanish unreported
            yield Failure(str(path), "empty input: no WARC record in it")
    if skipped:
        yield Skipped(str(path), sum(skipped.values()),
                      "; ".join(f"{n:,} {why}" for why, n in sorted(skipped.items(), key=lambda item: -item[1])))


def _not_an_article(record) -> str | None:
    if record.record_type != WarcRecordType.response:
        return f"{record.headers.get('WARC-Type')} records"
    if record.http_headers is None:
        return "responses without HTTP"
    if record.http_headers.status_code != 200:
        return f"HTTP {record.http_headers.status_code} responses"
    if record.http_content_type not in HTML:
        return "responses not HTML"
    return None
