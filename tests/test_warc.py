"""WARC input, on archives the tests build from three pages of the Zyte (scrapinghub)
article-extraction benchmark (../shared/bench/extraction-scrapinghub, MIT license) with the
records a crawl writes beside them (warcinfo, requests, a redirect, an image): the HTML responses
become documents with their URL and fetch date, the other records are counted and skipped."""

from __future__ import annotations

import io
import json
from gzip import compress as gzip_compress
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from truceline.cli import app
from truceline.clean import clean
from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.records import RawInput, Skipped
from truceline.store import Store, database_url

from conftest import SCRAPINGHUB, scrapinghub_page

PAGES = ["042bb7b5", "04a6711c", "05844573"]
FETCHED = "2019-11-20T08:30:00Z"


def urls() -> dict[str, str]:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    return {prefix: next(v["url"] for k, v in truth.items() if k.startswith(prefix)) for prefix in PAGES}


def build_warc(path: Path, gzip: bool) -> Path:
    """A small crawl: per page a request and its HTML response, then a redirect and an image."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "the truceline tests"}))

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                          warc_headers_dict={"WARC-Date": FETCHED}))

        for prefix, url in urls().items():
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            response(url, "200 OK", "text/html; charset=utf-8", scrapinghub_page(prefix))
        response("https://example.org/moved", "301 Moved Permanently", "text/html", b"")
        response("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
    return path


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_inputs_and_the_rest_is_counted(tmp_path, name, gzip):
    *pages, skipped = read_inputs([str(build_warc(tmp_path / name, gzip))], Settings())
    assert [(p.source, p.kind, p.meta) for p in pages] == [
        (url, "html", {"url": url, "date": "2019-11-20"}) for url in urls().values()]
    assert [p.content for p in pages] == [scrapinghub_page(prefix) for prefix in PAGES]
    assert skipped == Skipped(str(tmp_path / name), 6, "3 request records; 1 warcinfo records; "
                                                       "1 HTTP 301 responses; 1 responses not HTML")


def test_ingest_reads_a_warc_file(tmp_path):
    warc = build_warc(tmp_path / "crawl.warc.gz", gzip=True)
    db = tmp_path / "warc.db"
    result = CliRunner().invoke(app, ["ingest", str(warc), "--db", str(db)], env={"TRUCELINE_DATABASE_URL": None})
    assert result.exit_code == 0, result.output
    assert re.search(r"documents added\s+3\n", result.stdout)
    assert re.search(r"archive records skipped\s+6\n", result.stdout)
    assert f"{warc}: skipped 3 request records;" in result.stdout
    with Store(database_url(str(db)), create=False) as store:
        documents = {d.source: d for d in store.documents()}
    assert set(documents) == set(urls().values())
    for prefix, url in urls().items():  # the text cleaning makes of the page itself
        page = clean(RawInput(source=url, content=scrapinghub_page(prefix), kind="html", meta={"url": url}))
        assert documents[url].text == page.text


def test_a_response_with_an_unreadable_date_or_no_address_is_read_undated_and_named_by_its_place(tmp_path):
    """Found by the fuzz campaign (tests/campaign.py): FastWARC gives no date for a WARC-Date it
    cannot read, which ended the whole file with an internal error."""
    html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Talks resumed.</p></body></html>"

    def record(headers: str) -> bytes:
        return (f"WARC/1.0\r\nWARC-Type: response\r\n{headers}WARC-Record-ID: <urn:uuid:1>\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(html)}\r\n\r\n").encode() \
            + html + b"\r\n\r\n"

    path = tmp_path / "odd.warc"
    path.write_bytes(record("WARC-Target-URI: https://example.org/a\r\nWARC-Date: Friday\r\n")
                     + record("WARC-Date: 2023-11-24T10:00:00Z\r\n"))
    first, second = read_inputs([str(path)], Settings())
    assert (first.source, first.meta) == ("https://example.org/a", {"url": "https://example.org/a", "date": ""})
    assert second.source.startswith(f"{path}#") and second.meta == {"url": "", "date": "2023-11-24"}
    assert clean(first).published is None


@pytest.mark.parametrize("name, content", [("empty.warc", b""), ("empty.warc.gz", b""),
                                           ("empty-member.warc.gz", gzip_compress(b"", mtime=0))])
def test_an_archive_with_no_record_is_skipped_with_a_reason_not_passed_over(tmp_path, name, content):
    """Found by the fuzz campaign (tests/campaign.py): FastWARC reads no record from an empty
    file, raising nothing, and the file left no document and no reason."""
    (tmp_path / name).write_bytes(content)
    [failure] = read_inputs([str(tmp_path / name)], Settings())
    assert failure.reason == "empty input: no WARC record in it"
