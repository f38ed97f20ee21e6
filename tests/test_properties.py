"""Properties that hold for any input, checked on generated ones (hypothesis): reading never
raises, cleaning gives a document or a reason, a date field is a day in range or nothing, and the
pipeline gives one record or reason per input with every span inside its text and no internal
error. A few dozen examples each here; `make fuzz` runs thousands (HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from truceline.clean import _date, clean
from truceline.config import Settings
from truceline.errors import InputError
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import Document, Failure, RawInput, Record

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=3_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Words the coders react to, mixed with arbitrary text: generated articles reach every stage.
VOCABULARY = ["Israel", "Hamas", "Qatar", "Egypt", "the United States", "Hezbollah", "ceasefire", "truce", "pause",
              "deal", "agreed", "rejected", "proposed", "released", "killed", "hostages", "prisoners", "aid",
              "trucks", "will", "not", "if", "on", "Friday", "November 24", "2023", "yesterday", "50", "1,000",
              "more than", "four-day", "phase", "two", "said", ".", ",", "?", ";", "\n\n", "“", "”", "(", ")",
              "<p>", "</p>", "<script>", "<!--", "[", "](", "\\u2019", "—"]
words = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)), max_size=60).map(" ".join)
anything = st.one_of(st.text(), st.binary(), words)
json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=4), max_leaves=12)
article = st.fixed_dictionaries({}, optional={"text": st.one_of(words, json_value), "html": st.one_of(words, json_value),
                                              "title": st.one_of(st.text(), json_value), "url": st.text(),
                                              "date": st.one_of(st.dates().map(str), st.text(max_size=30), json_value)})


def _as_bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8", errors="surrogatepass")


@given(content=st.one_of(anything, st.lists(article, max_size=3).map(json.dumps), article.map(json.dumps)),
       name=st.sampled_from(["a.txt", "a.html", "a.md", "a.json", "a.jsonl"]))
def test_reading_any_file_gives_inputs_or_reasons(tmp_path_factory, content, name):
    path = tmp_path_factory.mktemp("read") / name
    path.write_bytes(_as_bytes(content))
    for item in read_inputs([str(path)], Settings()):
        assert isinstance(item, (RawInput, Failure))
        if isinstance(item, Failure):
            assert item.reason and "\n" not in item.reason and "internal error" not in item.reason


@given(content=anything, kind=st.sampled_from(["text", "html"]),
       meta=st.dictionaries(st.sampled_from(["title", "date", "url"]), st.text(max_size=40)))
def test_cleaning_any_input_gives_a_document_or_a_reason(content, kind, meta):
    try:
        document = clean(RawInput(source="x", content=_as_bytes(content), kind=kind, meta=meta))
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(document, Document) and document.text.strip()
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in document.text + (document.title or "") + document.source)


@given(value=st.one_of(st.text(max_size=60), st.dates().map(str), st.datetimes().map(str)))
def test_a_date_field_is_a_day_of_a_publication_or_nothing(value):
    day = _date(value)
    assert day is None or date(1900, 1, 1) <= day <= date(2100, 12, 31)


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_an_iso_date_field_is_read_as_written(day):
    assert _date(day.isoformat()) == day


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings())


@given(texts=st.lists(words, min_size=1, max_size=3), kind=st.sampled_from(["text", "html"]))
def test_the_pipeline_gives_one_result_per_input_with_spans_inside_the_text(pipeline, texts, kind):
    raws = [RawInput(source=f"x{n}", content=_as_bytes(t), kind=kind, meta={"date": "2023-11-24"})
            for n, t in enumerate(texts)]
    results = list(pipeline.extract(raws))
    assert len(results) == len(raws)
    for result in results:
        if isinstance(result, Failure):
            assert "internal error" not in result.reason, result.reason
            continue
        assert isinstance(result, Record)
        text = result.document.text
        for item in (*result.events, *result.claims, *result.agreements):
            assert 0 <= item.start <= item.end <= len(text)
