"""No stage takes time out of proportion to its input: each cleaning and coding stage is fed
adversarial strings (written for this test) of 10^5-10^6 characters, built to make a
backtracking regular expression or a per-item rescan of the document quadratic, and must finish
within a bound of CPU seconds (the machine's other work adds none) that linear work meets many
times over and quadratic work misses by far.
(Speed itself is measured by bench/scaling.py, not here.)"""

from __future__ import annotations

import time

import pytest

from truceline.config import Settings
from truceline.pipeline import Pipeline
from truceline.records import RawInput
from truceline.stages import Work

SECONDS_PER_STAGE = 20  # CPU seconds; linear work takes a few at most

# Cleaning sees the raw input: 10^6 characters, each a piece repeated.
CLEAN_PIECES = ["<script ", "<script>", "<style>", "<!--", "<a ", "<", "[", "[a](", "\\u12", "/ AFP ", "\n \n",
                '{"@type": "', "Published 2023 "]
# The coders see a parsed document: 10^5 characters.
CODER_TEXTS = {
    "one word": "ceasefire " * 10_000,
    "agreements in a place, each holding the next": "a ceasefire in Gaza and " * 4_200,
    "agreements in the places of two wars, one noun heading them all":
        "a truce deal in Lebanon for a Sudan ceasefire " * 4_255,
    "a sentence again and again": "Israeli strikes killed 5 people in Gaza on Monday. " * 2_000,
    "an agreement again and again": "Israel and Hamas agreed to a four-day ceasefire on Friday, "
                                    "and 50 hostages were released. " * 1_100,
    "words without punctuation": " ".join(["hostages", "talks", "Gaza", "Israel", "released", "Hamas",
                                           "will", "killed", "Qatar", "agreed"] * 1_500),
    "one sentence of commas": ", ".join(["Hamas", "Israel", "Qatar", "hostages", "phase one", "1,000"] * 2_500)
                              + ".",
    "a glued word": "getreleasehostages" * 5_500,
    "questions and labels": "? MR. KIRBY: Will Hamas release hostages " * 2_500,
    "questions on a deal, each answered": "Q Will there be a ceasefire deal with Hamas?\n"
                                          "THE PRESIDENT: We are working on the agreement.\n" * 1_900,
}


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings(max_text_chars=2_000_000))


def _timed(stage, work) -> float:
    began = time.process_time()
    try:
        stage(work)
    except Exception:  # a refusal is an answer; only the time is judged here
        pass
    return time.process_time() - began


@pytest.mark.parametrize("kind", ["text", "html"])
def test_cleaning_and_budgets_are_linear_on_adversarial_markup(pipeline, kind):
    slow = []
    for piece in CLEAN_PIECES:
        content = (piece * (1_000_000 // len(piece))).encode()
        began = time.process_time()
        pipeline._prepare(RawInput(source="x", content=content, kind=kind))  # the stages before the parse
        if (seconds := time.process_time() - began) > SECONDS_PER_STAGE:
            slow.append(f"{piece!r} x {1_000_000 // len(piece)}: {seconds:.0f} s")
    assert not slow


@pytest.mark.parametrize("name", CODER_TEXTS)
def test_coding_stages_are_linear_on_adversarial_documents(pipeline, name):
    text = CODER_TEXTS[name]
    assert 90_000 <= len(text) <= 200_000
    work = Work(RawInput(source="x.txt", content=text.encode(), kind="text"))
    for stage in pipeline._before:
        stage(work)
    work.doc = pipeline.nlp(work.document.text)
    slow = [f"{stage.name}: {seconds:.0f} s" for stage in pipeline._after
            if (seconds := _timed(stage, work)) > SECONDS_PER_STAGE]
    assert not slow
