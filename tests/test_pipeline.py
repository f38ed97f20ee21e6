"""The whole pipeline on the bundled sample: every record keeps the documented shape and
every span points at the text that states it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import Failure, RawInput, Record

from conftest import wh_document

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "record.schema.json").read_text())


@pytest.fixture(scope="module")
def sample_results() -> list[Record | Failure]:
    settings = Settings()
    return list(Pipeline(settings).extract(read_inputs([str(ROOT / "samples")], settings)))


def test_pipeline_reads_the_whole_sample(sample_results):
    failures = [r for r in sample_results if isinstance(r, Failure)]
    assert failures == []
    assert len(sample_results) == 13  # 11 White House texts + 2 news pages


def test_pipeline_records_match_the_documented_schema(sample_results):
    for record in sample_results:
        jsonschema.validate(record.to_dict(), SCHEMA)


def test_pipeline_spans_point_into_the_text(sample_results):
    for record in sample_results:
        text = record.document.text
        for item in (*record.events, *record.claims, *record.agreements):
            assert 0 <= item.start < item.end <= len(text)
            assert text[item.start:item.end] in item.text or item.text in text[item.start:item.end]


def test_pipeline_finds_the_negotiation_in_the_sample(sample_results):
    # The 27 Nov 2023 statement announces the two-day extension of the humanitarian pause.
    [extension] = [r for r in sample_results if "extension-of-humanitarian-pause" in r.document.source
                   or "extension of humanitarian pause" in (r.document.title or "").lower()]
    assert extension.document.published.isoformat() == "2023-11-27"
    assert any(a.status == "extended" for a in extension.agreements)
    assert {"United States", "Israel", "Hamas"} <= {a.canonical for a in extension.actors}


def test_pipeline_one_bad_input_does_not_stop_the_batch():
    settings = Settings()
    readout = wh_document("2023-11-22-readout-of-president-bidens-call-with-president-abdel-fattah")
    statement = wh_document("2025-01-25-white-house-statement-on-hostage-release")
    inputs = [
        RawInput(source="readout", content=readout["text"].encode(), kind="text"),
        RawInput(source="empty", content=b"", kind="text"),
        Failure(source="unreadable", reason="not a supported file type"),
        RawInput(source="statement", content=statement["text"].encode(), kind="text"),
    ]
    results = list(Pipeline(settings).extract(inputs))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Failure", "Record"]
    assert results[1].reason
