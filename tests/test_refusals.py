"""Refuse rather than guess: each input here was once stored silently wrong (a date made up, text
turned to mojibake, a Python repr stored as text, a page of links stored as an article). Now it is
read right, or refused or flagged with its reason. Texts are written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from truceline.clean import clean
from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import Document, Failure, RawInput

TEXT = "Qatar said on Friday that Israel and Hamas agreed to a four-day humanitarian pause in Gaza."


def _read(tmp_path, name: str, content: bytes) -> list[RawInput | Failure]:
    (tmp_path / name).write_bytes(content)
    return list(read_inputs([str(tmp_path / name)], Settings()))


def _cleaned(tmp_path, name: str, content: bytes) -> Document:
    [raw] = _read(tmp_path, name, content)
    return clean(raw)


@pytest.mark.parametrize("given", ["yesterday", "last Friday", "2 days ago", "today"])
def test_a_date_field_read_only_relative_to_today_is_refused(tmp_path, given):
    document = _cleaned(tmp_path, "a.json", json.dumps({"date": given, "text": TEXT}).encode())
    assert document.published is None
    assert {"no_date", "date_refused"} <= set(document.flags)


@pytest.mark.parametrize("given", ["2023-13-01", "2023-02-30", "0001-01-01", "-0001-01-01", "9999-12-31",
                                   "99999999-01-01", "2023-11-24 " + "x" * 400_000])
def test_a_date_field_that_is_no_day_of_a_publication_is_refused_not_reordered(tmp_path, given):
    document = _cleaned(tmp_path, "a.json", json.dumps({"date": given, "text": TEXT}).encode())
    assert document.published is None
    assert "date_refused" in document.flags


@pytest.mark.parametrize("given", ["2023-11-24", "2023-11-24T10:00:00Z", "November 24, 2023",
                                   "Fri, 24 Nov 2023 10:00:00 GMT"])
def test_a_stated_date_is_still_read(tmp_path, given):
    document = _cleaned(tmp_path, "a.json", json.dumps({"date": given, "text": TEXT}).encode())
    assert document.published == date(2023, 11, 24)
    assert "date_refused" not in document.flags


def test_one_stray_byte_in_utf8_text_is_replaced_and_flagged_not_the_whole_text_mojibake(tmp_path):
    document = _cleaned(tmp_path, "a.txt", "The pause — four days — began.".encode() + b"\xff " + TEXT.encode())
    assert "The pause — four days — began.\ufffd" in document.text
    assert "characters_replaced" in document.flags


def test_a_latin1_json_file_is_decoded_as_latin1_with_a_flag(tmp_path):
    text = "Le cessez-le-feu négocié à Doha a été prolongé de deux jours, a annoncé le ministère qatari."
    document = _cleaned(tmp_path, "a.json", json.dumps({"text": text}, ensure_ascii=False).encode("latin-1"))
    assert document.text == text
    assert "encoding_repaired" in document.flags


def test_a_lone_surrogate_in_json_is_replaced_and_flagged(tmp_path):
    document = _cleaned(tmp_path, "a.jsonl", b'{"text": "' + TEXT.encode() + b' \\ud800 and the talks went on."}\n')
    assert document.text.endswith("\ufffd and the talks went on.")
    assert "characters_replaced" in document.flags


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_text_and_json_with_a_byte_order_mark_are_read(tmp_path, encoding):
    assert _cleaned(tmp_path, "a.txt", TEXT.encode(encoding)).text == TEXT
    assert _cleaned(tmp_path, "a.json", json.dumps({"text": TEXT}).encode(encoding)).text == TEXT
    assert _cleaned(tmp_path, "a.jsonl", (json.dumps({"text": TEXT}) + "\n").encode(encoding)).text == TEXT


@pytest.mark.parametrize(("article", "reason"), [
    ({"text": True}, "field 'text' must be a string, not true/false"),
    ({"text": ["a", "b"]}, "field 'text' must be a string, not a list"),
    ({"text": TEXT, "title": {"en": "x"}}, "field 'title' must be a string, not an object"),
    ({"text": TEXT, "date": 20231124}, "field 'date' must be a string, not a number"),
    (["not", "an", "object"], "a JSON article is an object, not a list"),
])
def test_a_field_of_the_wrong_type_is_refused_with_a_reason(tmp_path, article, reason):
    results = _read(tmp_path, "a.jsonl", (json.dumps(article) + "\n").encode())
    assert results == [Failure(f"{tmp_path / 'a.jsonl'}#1", reason)]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings())


@pytest.mark.parametrize("page", [
    b'<html><head><title>Home News</title></head><body><nav><ul><li><a href="/">Home</a></li>'
    b'<li><a href="/news">News</a></li></ul></nav><footer><a href="/about">About</a></footer></body></html>',
    b'<html><body><svg xmlns="http://www.w3.org/2000/svg"><text>Gaza</text></svg></body></html>',
])
def test_a_page_of_links_or_images_is_skipped_as_no_article_text(pipeline, page):
    [result] = pipeline.extract([RawInput(source="nav.html", content=page, kind="html")])
    assert isinstance(result, Failure)
    assert result.reason.startswith("no article text")


@pytest.mark.parametrize("given", ["0001-01-01", "9999-12-31"])
def test_a_date_at_the_calendars_ends_gives_a_record_not_an_internal_error(pipeline, given):
    raw = RawInput(source="a.txt", content=TEXT.encode(), kind="text", meta={"date": given})
    [result] = pipeline.extract([raw])
    assert not isinstance(result, Failure), result
    assert result.document.published is None


def test_a_run_of_underscores_is_refused_as_punctuation():
    """Found by the fuzz campaign (tests/campaign.py): spaCy's tokenizer splits "_" off a word one
    at a time, as brackets, and 30,000 of them passed the 120 s time budget."""
    from truceline.budget import text_refusal
    from truceline.config import Settings

    assert text_refusal("Talks resumed. " + "_" * 1_001, Settings()).startswith("not an article: a run of over")
    assert text_refusal("Talks resumed. " + "_" * 80 + " Aid arrived.", Settings()) is None
