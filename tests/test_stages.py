"""Stages are chosen by name in the settings, and the pipeline checks what each one needs."""

from __future__ import annotations

import pytest

from truceline.config import Settings
from truceline.errors import ConfigError
from truceline.pipeline import Pipeline
from truceline.records import Failure, RawInput, Record
from truceline import stages

TEXT = b"Israel and Hamas agreed to a four-day ceasefire. Egypt condemned the strike on Gaza."  # written for this test


def _run(spec: str) -> list[Record | Failure]:
    return list(Pipeline(Settings(stages=spec)).extract([
        RawInput(source="a", content=TEXT, kind="text"), Failure("b", "unreadable"),
        RawInput(source="c", content=b"", kind="text"),
    ]))


def test_stages_default_pipeline_codes_every_kind():
    record, failed, empty = _run(Settings().stages)
    assert record.events and record.agreements and record.claims
    assert failed == Failure("b", "unreadable") and isinstance(empty, Failure)


def test_stages_left_out_assign_nothing():
    record, _, _ = _run("clean,actors,clauses,agreements")
    assert record.agreements and not record.events and not record.claims
    assert record.actors  # the actors stage ran


@pytest.mark.parametrize(("spec", "message"), [
    ("clean,actors,clauses,events=guess", "unknown variant 'guess' of stage 'events'"),
    ("clean,actors,clauses,coder", "unknown stage 'coder'"),
    ("clean,clauses,events", "requires mentions"),
    ("actors,clean", "requires document, doc"),
])
def test_stages_a_spec_that_cannot_run_is_refused(spec, message):
    with pytest.raises(ConfigError, match=message):
        Pipeline(Settings(stages=spec))


def test_stages_every_default_stage_is_registered():
    names = [part.partition("=")[0] for part in Settings().stages.split(",")]
    assert set(names) <= set(stages.available())
