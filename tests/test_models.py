"""The event models' data and their coder. Their scores are held to floors by the `events` suite
of the evaluation gate (tests/test_evaluation_gate.py), which runs once."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from truceline.config import Settings
from truceline.models import examples, sentences, train
from truceline.pipeline import Pipeline
from truceline.records import RawInput

from conftest import ROOT, SHARED


def test_models_split_is_by_document_and_stable():
    ids = [f"doc-{n}" for n in range(2400)]
    splits = Counter(map(examples.split_of, ids))
    assert abs(splits["test"] / 2400 - 1 / 4) < 0.03 and abs(splits["dev"] / 2400 - 1 / 6) < 0.03
    assert [examples.split_of(i) for i in ids[:50]] == [examples.split_of(i) for i in ids[:50]]
    found = examples.annotated(ROOT / "data" / "training")
    by_doc = {}
    for e in found:
        by_doc.setdefault(e.doc, set()).add(e.split)
    assert found and all(len(s) == 1 for s in by_doc.values())


def test_models_plover_sentences_split_by_id_into_a_dev_third_and_test_folds():
    found = examples.plover(SHARED)
    parts = Counter(e.split for e in found)
    assert len(found) == 322 and set(parts) == {"dev", "test"} and 0.25 < parts["dev"] / len(found) < 0.4
    # every fold holds sentences of both parts, so each test fold is scored by models trained on dev
    assert {(e.split, examples.plover_fold(e.id)) for e in found} == {
        (part, fold) for part in ("dev", "test") for fold in range(examples.PLOVER_FOLDS)}


def test_models_plover_actors_are_named_as_the_mention_at_their_span():
    [example] = [e for e in examples.plover(SHARED) if e.id == "PLOVER-GSR01-REJECT-0006"]  # "The UN on Tuesday ..."
    assert (example.events[0].source, example.events[0].source_country) == ("UN", None)  # coded IGO
    [parsed] = examples.parse([example], SHARED)
    assert parsed.example.events[0].source == "United Nations"


def test_models_plover_folds_never_train_on_the_sentences_they_score(monkeypatch):
    own = examples.Parsed(examples.Example("own", "own", "", (), "synthetic"), None, [], [])
    gold = [examples.Parsed(e, None, [], []) for e in examples.plover(SHARED)]
    monkeypatch.setattr(train, "build", lambda trained, dev: list(trained))  # a fold's models: what they saw
    scored = []
    for held, trained in train.folds([own], gold, []):
        assert held and own in trained
        assert not {p.example.id for p in held} & {p.example.id for p in trained}
        assert len(held) + len(trained) == len(gold) + 1
        scored += [p.example.id for p in held]
    assert sorted(scored) == sorted(p.example.id for p in gold)


def test_models_synthetic_data_is_what_its_generator_writes():
    written = subprocess.run([sys.executable, str(ROOT / "data" / "training" / "synthetic.py")],
                             capture_output=True, text=True, check=True).stdout
    assert written == (ROOT / "data" / "training" / "synthetic.jsonl").read_text(encoding="utf-8")
    assert all(json.loads(line)["synthetic"] for line in written.splitlines())


@pytest.mark.parametrize("coder", ["model", "minilm"])
def test_models_coder_is_a_stage_chosen_by_setting(coder):
    text = b"Russian forces launched airstrikes on Ukraine on Monday. The weather was mild."  # written for this test
    [record] = Pipeline(Settings(stages=f"clean,actors,clauses,events={coder}")).extract(
        [RawInput(source="a", content=text, kind="text")])
    [event] = record.events
    assert (event.type, event.source.canonical, event.target.canonical) == ("ASSAULT", "Russia", "Ukraine")


@pytest.mark.parametrize("coder", ["model", "minilm"])
def test_models_suite_scores_what_the_pipeline_codes(coder):
    from truceline.evaluation import events as suite
    from truceline.models import coder as coders

    # Written for this test: the models code the question's words as they code the statement's.
    texts = ["Did Russian forces launch airstrikes on Ukraine on Monday?",
             "Russian forces launched airstrikes on Ukraine on Monday."]
    parsed = examples.parse([examples.Example(id=t, doc=t, text=t, events=(), origin="synthetic") for t in texts],
                            SHARED)
    model = coders.load(coders.ARTIFACT if coder == "model" else coders.MINILM_ARTIFACT)
    scored = [[(e.type, e.source, e.target) for e in events] for events in suite.code(model, parsed)]
    shipped = [[(e.type, e.source, e.target) for e in r.events] for r in Pipeline(
        Settings(stages=f"clean,actors,clauses,events={coder}")).extract(
        RawInput(source=t, content=t.encode(), kind="text") for t in texts)]
    assert scored == shipped
    assert shipped[0] == [] and shipped[1]  # a question asserts nothing


def test_models_sentence_reader_serves_without_torch_and_ships_small():
    # Sentences written for this test; a subprocess, so that no other test's imports count.
    script = """
import sys
sys.modules["torch"] = None  # any import of torch fails, as where it is not installed
from truceline.models import sentences
reading = sentences.load().read(["Israel and Hamas agreed to a ceasefire on Sunday.",
                                 "The weather in Washington was mild and sunny today."])
print(reading.types[0], round(float(reading.relevance[0]), 2), round(float(reading.relevance[1]), 2))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "AGREE" and float(out[1]) > 0.5 and float(out[1]) > float(out[2])
    assert sentences.ARTIFACT.stat().st_size < 50e6


# Real sentences of White House texts (../shared corpora/wh-briefings), read as the site published
# them, so that their "we" and "I" speak for the United States.
_WH = "https://www.whitehouse.gov/briefing-room/"


@pytest.mark.parametrize("coder", ["model", "minilm"])
@pytest.mark.parametrize("sentence", [
    # proclamation on U.S. hostage and wrongful detainee day, 8 March 2024
    "We will not stop working until you are home and reunited with your family.",
    # background press call before the President's meeting with Prime Minister Netanyahu, 24 July 2024
    "I would not want to get into a deal until you know exactly how it’s going to go and who’s coming out "
    "and when, and that’s what we’re working out.",
])
def test_models_coder_codes_no_event_of_the_speaker_alone(coder, sentence):
    [record] = Pipeline(Settings(stages=f"clean,actors,clauses,events={coder}")).extract(
        [RawInput(source=_WH, content=sentence.encode(), kind="text")])
    assert [a.canonical for a in record.actors] == ["United States"]  # the speaker, whom no event has
    assert record.events == ()


@pytest.mark.parametrize("coder", ["model", "minilm"])
def test_models_coder_codes_the_speakers_act_on_another(coder):
    # statement on the DPRK's ballistic missile test, 12 July 2023
    sentence = ("We urge all countries to condemn these violations and call on the DPRK to come to the table "
                "for serious negotiations.")
    [record] = Pipeline(Settings(stages=f"clean,actors,clauses,events={coder}")).extract(
        [RawInput(source=_WH, content=sentence.encode(), kind="text")])
    assert [(e.type, e.source.canonical, e.target and e.target.name, e.target and e.target.country)
            for e in record.events] == [("REQUEST", "United States", "DPRK", "PRK")]


def test_models_sentence_reader_reads_a_sentence_the_same_whatever_beside_it():
    # Written for this test, of different lengths: in one batch they would pad each other.
    texts = ["Israel and Hamas agreed to a ceasefire on Sunday.",
             "The foreign ministers of Egypt, Qatar and Jordan met in Cairo on Tuesday to discuss the "
             "humanitarian corridor, the release of hostages and the reconstruction of the north.",
             "Russia rejected the proposal."]
    reader = sentences.load()
    together = reader.read(texts)
    for i, text in enumerate(texts):
        alone = reader.read([text])
        assert (alone.relevance[0], alone.types[0], alone.modes[0]) == (
            together.relevance[i], together.types[i], together.modes[i])


@pytest.mark.parametrize("coder", ["model", "minilm"])
def test_models_coder_reads_only_the_sentences_whose_events_rest_on_the_reading(coder, monkeypatch):
    from truceline.models import coder as coders

    # Written for this test, as a White House text: the speaker alone, a sentence the rules
    # code, one only the models read.
    text = ("We will keep working on this every day. Russian forces launched airstrikes on Ukraine on Monday. "
            "Egypt and Qatar pressed Hamas over the weekend to accept the terms.")
    [work] = Pipeline(Settings(stages="clean,actors,clauses,events=rules", parse="all")).analyse(
        [RawInput(source=_WH, content=text.encode(), kind="text")])
    units = [coders.Unit(s, [m for m in work.parties if s.start_char <= m.start < s.end_char],
                         [e for e in work.rule_events if s.start_char <= e.start < s.end_char]) for s in work.doc.sents]
    model = coders.load(coders.ARTIFACT if coder == "model" else coders.MINILM_ARTIFACT)
    everything = [model.events(u, g) for u, g in zip(units, model.guesses(units))]
    read = []
    original = type(model)._read
    monkeypatch.setattr(type(model), "_read", lambda self, some: read.extend(some) or original(self, some))
    assert model.code_units(units) == everything
    assert len(units) == 3 and 0 < len(read) < len(units)


def test_models_coder_before_the_relevance_gate_reads_only_what_it_keeps(monkeypatch):
    from truceline.models import coder as coders, roles

    # Written for this test, as a White House text: one sentence of an interaction, two of none.
    text = ("Egypt and Qatar pressed Hamas over the weekend to accept the terms. "
            "The Governor of Florida thanked the volunteers of the county for their work. "
            "Congress returns to Washington next week after the holiday.")
    read = []
    original = coders.MiniLMEventModel._read
    monkeypatch.setattr(coders.MiniLMEventModel, "_read", lambda self, some: read.extend(some) or original(self, some))
    raw = [RawInput(source=_WH, content=text.encode(), kind="text")]
    [gated] = Pipeline(Settings(stages="clean,actors,clauses,events=minilm,relevance=model")).extract(raw)
    read_gated = len(read)
    [work] = Pipeline(Settings(stages="clean,actors,clauses,events=minilm")).analyse(raw)
    assert gated.events == tuple(roles.reread(roles.load(), work.doc, work.parties, work.events, work.rule_events,
                                              gate=True, reassign=False))
    assert gated.events and read_gated < len(read) - read_gated


def test_models_coder_and_relevance_gate_make_a_sentences_features_once(monkeypatch):
    from truceline.models import coder as coders, features
    from truceline.stages import _relevance_gate

    # Written for this test, as a White House text: an interaction the rules do not code, one
    # they code, one of none.
    text = ("Turkey sent its foreign minister to Moscow for talks with Russia. "
            "Egypt and Qatar pressed Hamas over the weekend to accept the terms. "
            "The Governor of Florida thanked the volunteers of the county for their work.")
    [work] = Pipeline(Settings(stages="clean,actors,clauses,events=rules", parse="all")).analyse(
        [RawInput(source=_WH, content=text.encode(), kind="text")])
    units = [coders.Unit(s, [m for m in work.parties if s.start_char <= m.start < s.end_char],
                         [e for e in work.rule_events if s.start_char <= e.start < s.end_char]) for s in work.doc.sents]
    made, read = Counter(), []
    original, original_read = features.sentence, coders.MiniLMEventModel._read
    monkeypatch.setattr(features, "sentence", lambda sent, rules: made.update([sent.text]) or original(sent, rules))
    monkeypatch.setattr(coders.MiniLMEventModel, "_read", lambda self, some: read.extend(some) or original_read(self, some))
    coders.load(coders.MINILM_ARTIFACT).code_units(units, _relevance_gate())
    assert read and made[read[0].sent.text] == 1  # read by the gate, then by the type mix
    assert set(made.values()) == {1}


def test_models_suite_makes_each_sentences_features_once_for_every_coder(monkeypatch):
    from truceline.evaluation import events as suite
    from truceline.models import coder as coders, features, roles

    # Written for this test.
    texts = ["Russian forces launched airstrikes on Ukraine on Monday.", "Egypt and Qatar pressed Hamas to accept."]
    parsed = examples.parse([examples.Example(id=t, doc=t, text=t, events=(), origin="synthetic") for t in texts],
                            SHARED)
    made = Counter()
    original = features.sentence
    monkeypatch.setattr(features, "sentence", lambda sent, rules: made.update([sent.text]) or original(sent, rules))
    for artifact in (coders.ARTIFACT, coders.MINILM_ARTIFACT, coders.ARTIFACT):
        suite.code(coders.load(artifact), parsed)
    roles.load().relevances([p.unit for p in parsed])
    assert made == Counter(texts)


def test_models_sentence_reader_runs_a_sentence_once():
    # Written for this test.
    texts = ["Israel and Hamas agreed to a ceasefire on Sunday.", "Russia rejected the proposal."]
    reader = sentences.SentenceReader()
    first = reader.read(texts)
    runs = []
    session = reader.session
    reader.session = type("Counted", (), {"run": lambda self, *a: runs.append(a) or session.run(*a)})()
    again = reader.read([texts[1], texts[0], "Qatar hosted the talks."])
    assert len(runs) == 1  # the new sentence only
    assert (list(again.relevance[:2]), again.types[:2], again.modes[:2]) == (
        list(first.relevance[::-1]), first.types[::-1], first.modes[::-1])


@pytest.mark.parametrize("coder", ["model", "minilm"])
def test_models_coder_codes_a_sentences_second_type_only_when_likely_enough(coder):
    import dataclasses

    from truceline.models import coder as coders

    # Written for this test: an attack and its condemnation in one sentence.
    text = "Russian missiles struck Kyiv overnight, and the European Union condemned Moscow for the strikes."
    [work] = Pipeline(Settings(stages="clean,actors,clauses,events=rules", parse="all")).analyse(
        [RawInput(source=_WH, content=text.encode(), kind="text")])
    [unit] = [coders.Unit(s, work.parties, []) for s in work.doc.sents]
    shipped = coders.load(coders.ARTIFACT if coder == "model" else coders.MINILM_ARTIFACT)
    model = dataclasses.replace(shipped, strategy="model", threshold=0.0)
    [guess] = model.guesses([unit])
    (first, _), (second, share) = guess.types
    both = dataclasses.replace(model, second_type=share).events(unit, guess)
    assert [e.type for e in both] == [first, second] and first != second
    assert [e.type for e in dataclasses.replace(model, second_type=share + 0.01).events(unit, guess)] == [first]


def test_models_coder_keeps_the_rules_condemnation_beside_the_event_condemned():
    import dataclasses

    from truceline.models import coder as coders

    # Written for this test: a condemnation that names the attack it condemns.
    text = "Norway condemned Russia for the missile strikes that killed five civilians in Odesa on Tuesday."
    [work] = Pipeline(Settings(stages="clean,actors,clauses,events=rules", parse="all")).analyse(
        [RawInput(source="a", content=text.encode(), kind="text")])
    rules = [e for e in work.events if e.type == "ACCUSE"]
    assert [(e.source.canonical, e.target.canonical) for e in rules] == [("Norway", "Russia")]
    [unit] = [coders.Unit(s, work.parties, list(work.events)) for s in work.doc.sents]
    model = dataclasses.replace(coders.load(coders.MINILM_ARTIFACT), strategy="model", threshold=0.5)
    [guess] = model.guesses([unit])

    def coded(type_: str, relevance: float = 0.9) -> list[tuple[str, str]]:
        read = dataclasses.replace(guess, relevance=relevance, types=((type_, 0.9), ("AID", 0.01)))
        return [(e.type, e.source.canonical) for e in model.events(unit, read)]

    assert coded("ASSAULT") == [("ASSAULT", guess.source.canonical), ("ACCUSE", "Norway")]
    assert [t for t, _ in coded("ACCUSE")] == ["ACCUSE"]  # read by the model, coded once
    assert coded("ASSAULT", relevance=0.1) == []  # the sentence the model finds irrelevant codes none


def test_models_coder_codes_the_second_type_the_rules_code_too_with_their_pair():
    import dataclasses

    from truceline.models import coder as coders

    # Written for this test: a request about an attack.
    text = "Norway urged Russia to halt the missile strikes that killed five civilians in Odesa on Tuesday."
    [work] = Pipeline(Settings(stages="clean,actors,clauses,events=rules", parse="all")).analyse(
        [RawInput(source="a", content=text.encode(), kind="text")])
    assert [(e.type, e.source.canonical, e.target.canonical) for e in work.events] == [("REQUEST", "Norway", "Russia")]
    [unit] = [coders.Unit(s, work.parties, list(work.events)) for s in work.doc.sents]
    model = dataclasses.replace(coders.load(coders.MINILM_ARTIFACT), strategy="model", threshold=0.5, second_type=0.3)
    [guess] = model.guesses([unit])

    def coded(share: float) -> list[tuple[str, str]]:
        read = dataclasses.replace(guess, relevance=0.9, types=(("ASSAULT", 0.7), ("REQUEST", share)))
        return [(e.type, e.source.canonical) for e in model.events(unit, read)]

    assert coded(coders.RULED_SECOND_TYPE) == [("ASSAULT", guess.source.canonical), ("REQUEST", "Norway")]
    assert coded(coders.RULED_SECOND_TYPE - 0.01) == [("ASSAULT", guess.source.canonical)]


def test_models_coder_codes_no_type_it_is_unsure_of():
    import dataclasses

    from truceline.models import coder as coders

    text = "Chile and Peru held talks on fishing rights in Lima on Friday."  # written for this test
    [work] = Pipeline(Settings(stages="clean,actors,clauses,events=rules", parse="all")).analyse(
        [RawInput(source="a", content=text.encode(), kind="text")])
    [unit] = [coders.Unit(s, work.parties, []) for s in work.doc.sents]
    model = dataclasses.replace(coders.load(coders.MINILM_ARTIFACT), strategy="model", threshold=0.5)
    [guess] = model.guesses([unit])

    def coded(share: float) -> list[str]:
        read = dataclasses.replace(guess, relevance=0.9, types=(("CONSULT", share), ("AGREE", 0.05)))
        return [e.type for e in model.events(unit, read)]

    assert coded(0.5) == coded(coders.FIRST_TYPE) == ["CONSULT"]
    assert coded(0.1) == coded(coders.FIRST_TYPE - 0.01) == []  # one type in ten: the reader does not know


def test_models_minilm_event_takes_the_date_of_the_clause_the_rules_read():
    # The bundled sample's statement of 27 November 2023: the sentence is of today, the taking of
    # the hostage of October 7th. The reader types the sentence; the rules find the clause.
    [record] = Pipeline(Settings(stages="clean,actors,clauses,events=minilm")).extract(
        [RawInput(source=_WH, content=(
            "One of them was a little American girl, Abigail, who turned four years old while in captivity after "
            "her parents were killed in front of her and she was taken hostage by Hamas terrorists on October 7th."
        ).encode(), kind="text", meta={"date": "2023-11-27"})])
    assert [(e.type, str(e.date), e.plover_mode) for e in record.events] == [("ASSAULT", "2023-10-07", "abduct")]
