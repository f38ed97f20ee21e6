"""Quality flags on real White House briefings: a misspelt official, a renamed one, a title not held
on the document's date (and one that says "former"), a date misread into the future."""

from __future__ import annotations

import json

import pytest

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import Record

from conftest import wh_document

BRIEFINGS = {  # by date: each a Karine Jean-Pierre briefing with John Kirby
    "2023-10-24": "2023-10-24-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-strategic-communications-john-kirby-23",
    "2023-10-26": "2023-10-26-press-briefing-by-press-secretary-karine-jean-pierre-national-economic-council-director-lael-brainard-and-nsc-coordinator-for-strategic-communications-john-kirby",
    "2023-11-02": "2023-11-02-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-strategic-communications-john-kirby-26",
    "2023-11-08": "2023-11-08-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-strategic-communications-john-kirby-28",
}


@pytest.fixture(scope="module")
def flags(tmp_path_factory) -> dict[str, tuple[str, ...]]:
    corpus = tmp_path_factory.mktemp("briefings") / "briefings.jsonl"
    corpus.write_text("".join(json.dumps(wh_document(p)) + "\n" for p in BRIEFINGS.values()), encoding="utf-8")
    settings = Settings()
    records = list(Pipeline(settings).extract(read_inputs([str(corpus)], settings)))
    assert all(isinstance(r, Record) for r in records)
    return {day: r.document.flags for day, r in zip(BRIEFINGS, records)}


def test_a_misspelt_official_is_flagged_and_a_relative_is_not(flags):
    # "Deputy National Security Advisor John Finer": the dictionary knows him as Jon Finer.
    assert "name_variant:John Finer~Jon Finer" in flags["2023-11-08"]
    assert not any(f.startswith("name_variant:Hunter Biden") for day in flags for f in flags[day])


def test_a_title_not_held_on_the_day_is_flagged_unless_it_says_former(flags):
    # 26 Oct 2023: "a “loyal f- — foot soldier” of President Trump"; 24 Oct 2023 says "former President Trump".
    assert "role_not_held:President Trump" in flags["2023-10-26"]
    assert "role_not_held:President Trump" not in flags["2023-10-24"]


def test_a_date_read_into_the_future_is_flagged(flags):
    # 2 Nov 2023: "more than 220 total since the 21st" means 21 October, read as 21 November.
    assert "done_after_publication:2023-11-21" in flags["2023-11-02"]


def test_a_rewrite_that_renames_an_official_under_his_title_is_flagged(tmp_path):
    # A rewrite of the 15 Jul 2024 readout that calls the Secretary of State "Avi Blinken", as
    # rewrites called Steve Witkoff "Avi Witkoff": a first name far from Antony, under his post.
    document = wh_document("2024-07-15-readout-of-u-s-israel-strategic-consultative-group-2")
    rewritten = {**document, "text": document["text"].replace("Antony Blinken", "Avi Blinken")}
    corpus = tmp_path / "readouts.jsonl"
    corpus.write_text(json.dumps(document) + "\n" + json.dumps(rewritten) + "\n", encoding="utf-8")
    settings = Settings()
    original, rewrite = Pipeline(settings).extract(read_inputs([str(corpus)], settings))
    assert "name_variant:Avi Blinken~Antony Blinken" in rewrite.document.flags
    assert not any(flag.startswith("name_variant:") for flag in original.document.flags)
