"""The `parse` setting: with `needed`, spaCy tags and parses only the sentences a stage reads,
and the records stay those of parsing everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.lang.en import English

from truceline import parsing
from truceline.config import Settings
from truceline.errors import ConfigError
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import RawInput
from truceline.stages import Work

from conftest import wh_document

ROOT = Path(__file__).resolve().parents[1]
# Written for this test: one sentence with an event verb and a number, one with neither.
TEXT = ("The weather in Doha was mild and the hotel lobby was quiet on Tuesday morning. "
        "Qatar said Israel and Hamas agreed to release 50 hostages.")


# The rule-based coders, which read a sentence's parse only where it holds their cue words (the
# default trained coder reads every sentence's).
RULES = "clean,actors,clauses,events=rules,claims,agreements,quality"


def _work(settings: Settings):
    [work] = Pipeline(settings).analyse([RawInput(source="t", content=TEXT.encode(), kind="text")])
    return work


def test_parsing_skips_sentences_no_stage_reads():
    weather, release = _work(Settings(stages=RULES)).doc.sents
    assert all(t.dep_ == "" and t.tag_ == "" for t in weather)  # not tagged or parsed ...
    assert "Doha" in {e.text for e in weather.ents}  # ... but its entities found, for the actors
    assert all(t.dep_ and t.tag_ for t in release)
    assert {t.lemma_ for t in release} >= {"say", "agree", "release"}


def test_parsing_all_parses_every_sentence():
    weather, release = _work(Settings(parse="all")).doc.sents
    assert all(t.dep_ for t in weather) and all(t.dep_ for t in release)


def test_parsing_a_stage_that_reads_every_sentence_has_them_all_parsed():
    for stages in ("clean,actors,clauses,events=model", Settings().stages):
        work = _work(Settings(stages=stages))
        assert all(t.dep_ for t in work.doc)


def _extract(parse: str):
    settings = Settings(parse=parse, stages=RULES)
    return list(Pipeline(settings).extract(read_inputs([str(ROOT / "samples")], settings)))


def test_parsing_less_finds_the_same_records_in_the_sample():
    needed, every = _extract("needed"), _extract("all")
    assert sum(len(r.events) + len(r.claims) + len(r.agreements) for r in every) > 50
    assert needed == every


def test_parsing_a_long_document_in_pieces_finds_the_same_records(monkeypatch):
    # The parser's and the recogniser's memory grows with the Doc they read: a long document is
    # read in pieces of whole sentences. Pieces of 200 tokens cut every sample document.
    whole = _extract("needed")
    monkeypatch.setattr(parsing, "PIECE_TOKENS", 200)
    assert _extract("needed") == whole


def test_parsing_pieces_hold_every_sentence_once_and_no_more_tokens_than_allowed(monkeypatch):
    monkeypatch.setattr(parsing, "PIECE_TOKENS", 30)
    doc = Pipeline(Settings()).nlp((TEXT + " ") * 10)
    pieces = parsing._packed(list(doc.sents))
    assert [s for piece in pieces for s in piece] == list(doc.sents) and len(pieces) > 1
    assert all(sum(len(s) for s in piece) <= 30 or len(piece) == 1 for piece in pieces)


def test_parsing_keeps_heads_within_sentences_where_a_skipped_one_lies_between(tmp_path):
    # A real briefing: a speaker's label ("MS. JEAN-PIERRE:") is parsed, the "Yeah." after it is
    # not, the answer after that is. Parsed as one Doc, the label and the answer were joined
    # across "Yeah.", and reading that sentence's root failed the whole document.
    briefing = tmp_path / "briefing.jsonl"
    briefing.write_text(json.dumps(wh_document("2024-11-21-press-briefing-by-press-secretary-karine-jean-pierre-74")))
    settings = Settings()
    [work] = Pipeline(settings).analyse(read_inputs([str(briefing)], settings))
    assert isinstance(work, Work), work
    assert all(sent.start <= t.head.i < sent.end for sent in work.doc.sents for t in sent)


def test_parsing_an_unknown_setting_is_refused():
    with pytest.raises(ConfigError, match="parse setting 'some'"):
        Pipeline(Settings(parse="some"))


def test_parsing_batches_hold_every_part_once_and_no_more_tokens_than_allowed(monkeypatch):
    monkeypatch.setattr(parsing, "PIECE_TOKENS", 30)
    make_doc = English().make_doc
    parts = [make_doc("word " * n) for n in (10, 25, 40, 5, 5, 5)]
    batches = parsing._packed(parts, 2)
    assert [p for batch in batches for p in batch] == parts
    assert all(len(batch) <= 2 and (sum(map(len, batch)) <= 30 or len(batch) == 1) for batch in batches)
    assert [len(batch) for batch in batches] == [1, 1, 1, 2, 1]


def test_a_paragraph_and_a_speaker_label_start_sentences(nlp):
    # A reporter's question, then the answer's label, as a briefing's transcript gives them:
    # the parser ran the question on into "MR.", where it no longer ended with its question mark.
    doc = nlp("And more specifically, has he asked Germany to supply long-range Taurus missiles to Ukraine?\n\n"
              "MR. KIRBY: I’ll let Germany speak for what they will or won’t provide Ukraine.")
    assert [s.text.strip() for s in doc.sents] == [
        "And more specifically, has he asked Germany to supply long-range Taurus missiles to Ukraine?",
        "MR. KIRBY: I’ll let Germany speak for what they will or won’t provide Ukraine."]


@pytest.mark.parametrize("text", [
    "We’ve announced $100 million for the Palestinian people, including through UNRWA and other U.N. agencies.",
    "MR. KIRBY: I’ll let Germany speak for what they will or won’t provide Ukraine.",
    "We don’t believe they’re ready, and the army hasn’t moved; I’m sure we’d know.",
])
def test_a_typographic_apostrophe_is_read_as_a_straight_one(nlp, text):
    # Briefings write "won’t" and "we’ve"; the tagger, trained on "won't", read "n’t" as a noun
    # object and "’ve" as no "have", so negations and perfects were missed.
    typographic, straight = nlp(text), nlp(text.replace("’", "'"))
    assert [(t.tag_, t.dep_, t.head.i, t.pos_, t.lemma_) for t in typographic] == [
        (t.tag_, t.dep_, t.head.i, t.pos_, t.lemma_.replace("'", "’")) for t in straight]
