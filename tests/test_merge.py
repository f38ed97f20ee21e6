"""Merging across documents, on real White House texts run through the real pipeline: copies fold
into one story and one report, distinct texts stay apart, agreement mentions join into one
agreement with its status history, and the state on a day uses only what was known by then."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import FigureReport, Record, Source
from truceline.merge import compatible
from truceline.store import Store, stories

from conftest import wh_document

GAGGLE = "2024-06-26-on-the-record-press-gaggle-by-white-house-national-security-communications-advisor-john-kirby-16"
GAGGLE_REPOSTED = "speeches-remarks/2024-07/2024-07-18-on-the-record-press-gaggle-by-white-house-national-security-communications-advisor-john-kirby-17"
READOUT_EGYPT = "2024-08-23-readout-of-president-bidens-call-with-president-abdel-fattah-el-sisi-of-egypt-2"
READOUT_QATAR = "2024-08-23-readout-of-president-bidens-call-with-sheikh-tamim-bin-hamad-al-thani-of-qatar"
TRUCE = ["2023-11-21-statement-from-president-joe-biden-on-the-hostage-release-in-gaza",
         "2023-11-24-remarks-by-president-biden-on-the-release-of-hostages-from-gaza",
         "2023-11-27-statement-from-president-joe-biden-on-extension-of-humanitarian"]
LEBANON = "2024-11-26-joint-statement-from-president-biden-of-the-united-states-and-pre"


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, Record]:
    """The pipeline's record of each document used here, by its path part."""
    parts = [GAGGLE, GAGGLE_REPOSTED, READOUT_EGYPT, READOUT_QATAR, *TRUCE, LEBANON]
    corpus = tmp_path_factory.mktemp("corpus") / "white-house.jsonl"
    corpus.write_text("".join(json.dumps(wh_document(p), ensure_ascii=False) + "\n" for p in parts),
                      encoding="utf-8")
    settings = Settings()
    results = list(Pipeline(settings).extract(read_inputs([str(corpus)], settings)))
    assert all(isinstance(r, Record) for r in results)
    return dict(zip(parts, results))


def stored(records: dict[str, Record], *parts: str) -> Store:
    store = Store("sqlite://")
    for part in parts:
        store.add(records[part])
    return store


def story_of(store: Store, record: Record) -> str:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(stories.c.story_id).where(stories.c.document_id == record.document.id))


def test_a_text_posted_again_is_one_story_and_one_report(records):
    original, copy = records[GAGGLE], records[GAGGLE_REPOSTED]
    assert original.document.published != copy.document.published  # reposted three weeks later
    with stored(records, GAGGLE, GAGGLE_REPOSTED) as store:
        assert store.story_sizes() == [2]
        merged = store.merged_events()
    assert sum(len(r.events) for r in (original, copy)) == sum(len(e.sources) for e in merged)
    folded = [e for e in merged if {s.document_id for s in e.sources} == {original.document.id, copy.document.id}]
    assert len(folded) >= 0.8 * len(original.events)
    assert all(e.reports == 1 and e.date == original.document.published for e in folded)


def test_two_readouts_sharing_paragraphs_stay_two_stories(records):
    with stored(records, READOUT_EGYPT, READOUT_QATAR) as store:
        assert store.story_sizes() == [1, 1]
        targets = {e.target.country for e in store.merged_events() if e.type == "CONSULT" and e.target}
    assert {"EGY", "QAT"} <= targets  # two calls, two events


def test_stories_do_not_depend_on_ingest_order(records):
    parts = [GAGGLE_REPOSTED, READOUT_EGYPT, GAGGLE]
    partitions = []
    for order in (parts, parts[::-1]):
        with stored(records, *order) as store:
            partitions.append({part: story_of(store, records[part]) for part in parts})
    assert partitions[0] == partitions[1]
    assert partitions[0][GAGGLE] == partitions[0][GAGGLE_REPOSTED] != partitions[0][READOUT_EGYPT]


def test_ingesting_one_more_document_keeps_what_was_merged(records):
    with stored(records, *TRUCE) as store:
        before = {a.id: a.sources for a in store.merged_agreements()}
        assert not store.add(records[TRUCE[0]])  # the same document again changes nothing
        assert {a.id: a.sources for a in store.merged_agreements()} == before
        store.add(records[LEBANON])
        after = {a.id: a.sources for a in store.merged_agreements()}
    assert all(after[thread] == sources for thread, sources in before.items())


def test_the_november_truce_is_one_agreement_with_its_history(records):
    with stored(records, *TRUCE, LEBANON) as store:
        merged = store.merged_agreements()
        truce = _agreement_stated_in(merged, records[TRUCE[2]], "an extension over the next 48 hours")
        assert {s.document_id for s in truce.sources} == {records[p].document.id for p in TRUCE}
        statuses = [change.status for change in truce.history]
        assert statuses[-1] == "extended" and "agreed" in statuses
        assert statuses.index("agreed") < statuses.index("extended")
        assert {"Israel", "Hamas"} <= set(truce.parties) and {"Qatar", "Egypt"} <= set(truce.mediators)
        lebanon = _agreement_stated_in(merged, records[LEBANON], "accepted a cessation of hostilities")
        assert lebanon.id != truce.id and "Hamas" not in lebanon.parties

        before_the_deal = {a.id: a for a in store.state(date(2023, 11, 20)).agreements}
        during_the_truce = {a.id: a for a in store.state(date(2023, 11, 25)).agreements}
    assert truce.id not in before_the_deal  # nothing was known of it yet
    assert during_the_truce[truce.id].status in ("agreed", "in_force")
    assert lebanon.id not in during_the_truce


def _agreement_stated_in(merged, record: Record, words: str):
    text = " ".join(record.document.text.split())
    [found] = [a for a in merged if any(s.document_id == record.document.id and words in " ".join(s.text.split())
                                        for s in a.sources)]
    assert words in text
    return found


def test_unlinked_documents_of_an_older_database_are_linked(records):
    with stored(records, GAGGLE, GAGGLE_REPOSTED, *TRUCE) as store:
        expected = store.merged_agreements()
        with store.engine.begin() as conn:  # as an older truceline left them: no stories, no threads
            for table in ("stories", "story_bands", "signatures", "agreement_threads"):
                conn.execute(sa.text(f"DELETE FROM {table}"))
        assert store.link_unplaced() == 5
        assert store.story_sizes() == [2, 1, 1, 1]
        assert store.merged_agreements() == expected
