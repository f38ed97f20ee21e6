"""The integrity of the annotated corpus sentences of eval/counted (the suite's scores are held to
their floors by test_evaluation_gate.py; counted.py's cues by test_claims.py)."""

from __future__ import annotations

import pytest

from truceline.evaluation import counted as suite

from conftest import ROOT, SHARED

def test_annotated_sentences_are_split_by_document():
    items = suite.load(ROOT / suite.ITEMS)
    assert len(items) >= 80 and sum(len(i["figures"]) for i in items) >= 90
    dev, test = ({i["path"] for i in items if i["split"] == split} for split in ("dev", "test"))
    assert dev and test and not dev & test


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")
def test_annotated_sentences_are_in_their_documents():
    for item in suite.load(ROOT / suite.ITEMS):
        suite.check_source(item, SHARED)  # raises on a sentence its document does not hold
