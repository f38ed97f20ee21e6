"""The clearest suite scores what it claims to: a gold interaction is coded only by an event over
its characters with its type and both actors, typed by one with its type; the gold's texts are the
ones its datasheet says, none of them trained or tuned on. The events below are written for these
tests."""

from __future__ import annotations

from datetime import date

import pytest

from truceline.evaluation import audit, clearest, frames
from truceline.evaluation.plover import PLOVER_TYPES
from truceline.records import Actor, Document, Event, Record

from conftest import SHARED

TEXT = "Qatar's emir spoke with Israel's prime minister. Iran attacked Israel."
QATAR, ISRAEL, IRAN = (Actor("Qatar", "Qatar", "QAT", "state"), Actor("Israel", "Israel", "ISR", "state"),
                       Actor("Iran", "Iran", "IRN", "state"))
RECORD = Record(Document("d", "s", None, date(2024, 4, 13), None, None, "en", TEXT), actors=(QATAR, ISRAEL, IRAN))


def _event(type_, source, target, start, end):
    return Event(type_, "asserted", source, target, None, TEXT[start:end], start, end)


def _interaction(type_, source, target, start=0, end=48):
    return {"type": type_, "source": source, "target": target, "start": start, "end": end, "trigger": "x"}


def test_clearest_an_interaction_is_coded_by_an_event_over_it_with_its_type_and_actors():
    events = [_event("CONSULT", ISRAEL, QATAR, 0, 48), _event("ASSAULT", IRAN, QATAR, 49, 70)]
    assert clearest.found(_interaction("CONSULT", "QAT", "ISR"), events, RECORD) == (True, True)  # sides either way
    assert clearest.found(_interaction("ASSAULT", "IRN", "ISR", 49, 70), events, RECORD) == (True, False)
    assert clearest.found(_interaction("ACCUSE", "QAT", "ISR"), events, RECORD) == (False, False)
    # an event of another sentence does not count, whatever it says
    assert clearest.found(_interaction("ASSAULT", "IRN", "QAT"), events, RECORD) == (False, False)


def test_clearest_each_coder_replaces_only_the_event_coder():
    stages = "clean,actors,clauses,events=rules,claims"
    assert clearest.stages_with(stages, "events=minilm,roles=pairs") == "clean,actors,clauses,events=minilm,roles=pairs,claims"
    assert clearest.stages_with(stages, None) == stages
    # the stages that re-read a coder's events go with it
    trained = "clean,actors,clauses,events=minilm,relevance=model,roles=pairs,claims"
    assert clearest.stages_with(trained, "events=rules") == "clean,actors,clauses,events=rules,claims"


def test_clearest_gold_offsets_that_no_longer_hold_their_trigger_fail_loudly():
    document = {"page": "p", "interaction": [{"start": 0, "end": 5, "trigger": "attacked"}]}
    with pytest.raises(ValueError, match="attacked"):
        clearest._check(document, TEXT)


def test_clearest_gold_is_well_formed_split_and_held_out():
    documents = clearest.load()
    interactions = [(clearest.part(clearest.document_id(d)), i) for d in documents for i in d.get("interaction", [])]
    assert sum(where == "test" for where, _ in interactions) >= 40
    assert {where for where, _ in interactions} == {"dev", "test"}
    assert all(i["type"] in PLOVER_TYPES and i["mode"] in ("asserted", "proposed", "hypothetical", "hedged", "negated")
               and i["start"] < i["end"] for _, i in interactions)
    paths = [d["path"] for d in documents if "path" in d]
    # the White House texts are of the kind drawn, and none is trained on or scored elsewhere, even
    # as training data and other gold sets grow
    corpus = frames.corpus_documents(SHARED)
    assert len(paths) == 2 * clearest._PER_CORPUS and all(clearest.eligible(corpus[p]) for p in paths)
    assert not set(paths) & clearest._used_elsewhere()


def test_audit_draws_the_same_documents_for_the_same_seed():
    drawn = audit.drawn_documents(SHARED, 5, seed=1)
    assert drawn == audit.drawn_documents(SHARED, 5, seed=1) and len(set(drawn)) == 5
    assert drawn != audit.drawn_documents(SHARED, 5, seed=2)
    # the events' held-out documents are never drawn: audits' verdicts are studied
    everything = audit.drawn_documents(SHARED, 0, seed=1)
    assert not set(everything) & audit.held_out()
    gaza = {p for p, d in frames.corpus_documents(SHARED).items() if d["corpus"] == 0}
    assert len(gaza) == 647 and set(everything) == gaza - audit.held_out() and len(everything) < 600
