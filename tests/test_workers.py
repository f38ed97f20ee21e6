"""Extraction in worker processes: the same records in the same order as in one process, a
document over the time budget skipped while the rest go on, a setting the workers cannot use
stopping the run in one line, and stored documents found before they are parsed."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from truceline.cli import app
from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.workers import Workers
from truceline.records import Failure, RawInput, Record, Stored

from conftest import gaza_corpus

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [str(ROOT / "samples")]  # 11 White House texts and 2 news pages


def test_workers_give_the_records_of_one_process_in_input_order():
    settings = Settings.from_env(workers=2)
    alone = list(Pipeline(settings).extract(read_inputs(SAMPLES, settings)))
    assert len(alone) == 13 and all(isinstance(r, Record) for r in alone)
    with Workers(settings) as pool:
        assert list(pool.extract(read_inputs(SAMPLES, settings))) == alone


def raw(text: str, name: str) -> RawInput:
    return RawInput(source=name, content=text.encode("utf-8"), kind="text")


def test_a_document_over_the_time_budget_is_skipped_and_the_rest_go_on():
    # 250,000 characters of distinct White House texts: many seconds to parse, a sentence milliseconds
    texts = itertools.accumulate((d["text"] for d in gaza_corpus().values()), lambda a, b: f"{a}\n\n{b}")
    long = next(text for text in texts if len(text) > 250_000)[:250_000]
    sentence = "Israel and Hamas agreed to extend the humanitarian pause by two days, Qatar said on Monday."
    inputs = [raw(sentence, "before.txt"), raw(long, "long.txt"), raw(sentence + " It holds.", "after.txt")]
    settings = Settings.from_env(workers=1, time_budget=4)
    with Workers(settings) as pool:
        before, skipped, after = pool.extract(inputs)
    assert skipped == Failure("long.txt", "exceeded the time budget of 4 s")
    assert isinstance(before, Record) and isinstance(after, Record)  # after it, on the worker that replaced it
    assert len(after.agreements) == len(before.agreements) == 1


def test_a_setting_the_workers_cannot_use_is_one_line(monkeypatch):
    monkeypatch.setenv("TRUCELINE_SPACY_MODEL", "no_such_model_sm")
    result = CliRunner().invoke(app, ["extract", str(ROOT / "samples" / "news"), "--workers", "1"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: spaCy model 'no_such_model_sm' is not installed: pip install it, or set TRUCELINE_SPACY_MODEL "
        "to an installed package or a model folder"]


def test_stored_documents_are_found_before_they_are_parsed(tmp_path):
    db = str(tmp_path / "stored.db")
    first = CliRunner().invoke(app, ["ingest", *SAMPLES, "--db", db], env={"TRUCELINE_DATABASE_URL": None})
    assert first.exit_code == 0, first.output
    settings = Settings.from_env(workers=2)
    with Workers(settings) as pool:
        again = list(pool.extract(read_inputs(SAMPLES, settings), skip_stored_in=f"sqlite:///{db}"))
    assert len(again) == 13 and all(isinstance(r, Stored) for r in again)  # made before the parse, never after it
    second = CliRunner().invoke(app, ["ingest", *SAMPLES, "--db", db], env={"TRUCELINE_DATABASE_URL": None})
    assert re.search(r"already stored\s+13\n", second.stdout)


def test_the_command_and_the_pipeline_do_not_import_torch():
    # thinc imports torch whenever it is installed, for layers no pipeline here uses: some 235 MB
    # in each process of an ingest (the command's, the fork server's, every worker's)
    code = "import sys, truceline.cli, truceline.pipeline; print(sys.modules.get('torch') is None)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "True\n"
