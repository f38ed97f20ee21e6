"""Merging across documents, on real White House texts run through the real pipeline: copies fold
into one story and one report, distinct texts stay apart, agreement mentions join into one
agreement with its status history, and the state on a day uses only what was known by then."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.merge import evidence_parties, merge_claims
from truceline.pipeline import Pipeline
from truceline.records import Actor, Agreement, Document, Record, to_dict
from truceline.storage.schema import MERGED_TABLES, stories
from truceline.store import Store

from conftest import wh_document

GAGGLE = "2024-06-26-on-the-record-press-gaggle-by-white-house-national-security-communications-advisor-john-kirby-16"
GAGGLE_REPOSTED = "speeches-remarks/2024-07/2024-07-18-on-the-record-press-gaggle-by-white-house-national-security-communications-advisor-john-kirby-17"
READOUT_EGYPT = "2024-08-23-readout-of-president-bidens-call-with-president-abdel-fattah-el-sisi-of-egypt-2"
READOUT_QATAR = "2024-08-23-readout-of-president-bidens-call-with-sheikh-tamim-bin-hamad-al-thani-of-qatar"
TRUCE = ["2023-11-21-statement-from-president-joe-biden-on-the-hostage-release-in-gaza",
         "2023-11-24-remarks-by-president-biden-on-the-release-of-hostages-from-gaza",
         "2023-11-27-statement-from-president-joe-biden-on-extension-of-humanitarian"]
LEBANON = "2024-11-26-joint-statement-from-president-biden-of-the-united-states-and-pre"
LEBANON_PROPOSAL = "2024-09-25-background-press-call-on-the-situation-on-the-border-between-israel-and-lebanon"
LEBANON_BREACH = "2025-01-03-on-the-record-press-gaggle"  # "Israel is violating the agreement"
TOLL_OCTOBER = "2023-10-25-remarks-by-president-biden-and-prime-minister-anthony-albanese-of-australia-in-joint"
TOLL_DECEMBER = "2023-12-14-background-press-call-on-national-security-advisor-jake-sullivans-travel-to-israel"
AID_CALL = "2023-11-27-background-press-call-by-senior-administration-officials-on-humanitarian-aid"
AID_BRIEFING = ("2023-11-27-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-"
                "strategic-communications-john-kirby-30")


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, Record]:
    """The pipeline's record of each document used here, by its path part."""
    parts = [GAGGLE, GAGGLE_REPOSTED, READOUT_EGYPT, READOUT_QATAR, *TRUCE, LEBANON, LEBANON_PROPOSAL,
             LEBANON_BREACH, TOLL_OCTOBER,
             TOLL_DECEMBER, AID_CALL, AID_BRIEFING]
    corpus = tmp_path_factory.mktemp("corpus") / "white-house.jsonl"
    corpus.write_text("".join(json.dumps(wh_document(p), ensure_ascii=False) + "\n" for p in parts),
                      encoding="utf-8")
    settings = Settings()
    results = list(Pipeline(settings).extract(read_inputs([str(corpus)], settings)))
    assert all(isinstance(r, Record) for r in results)
    return dict(zip(parts, results))


@pytest.fixture
def stored(new_database):
    """Stores the records of the given path parts, in that order, in a new database (each test
    runs on SQLite and on PostgreSQL)."""
    def store_of(records: dict[str, Record], *parts: str) -> Store:
        store = Store(new_database())
        for part in parts:
            store.add(records[part])
        return store
    return store_of


def story_of(store: Store, record: Record) -> str:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(stories.c.story_id).where(stories.c.document_id == record.document.id))


def test_a_text_posted_again_is_one_story_and_one_report(records, stored):
    original, copy = records[GAGGLE], records[GAGGLE_REPOSTED]
    assert original.document.published != copy.document.published  # reposted three weeks later
    with stored(records, GAGGLE, GAGGLE_REPOSTED) as store:
        assert store.story_sizes() == [2]
        merged = store.merged_events()
        [conflict] = store.date_conflicts()  # the copy is flagged, dated apart from its original
    assert conflict["source"] == copy.document.source and conflict["first_published"] == original.document.published
    assert sum(len(r.events) for r in (original, copy)) == sum(len(e.sources) for e in merged)
    folded = [e for e in merged if {s.document_id for s in e.sources} == {original.document.id, copy.document.id}]
    assert len(folded) >= 0.8 * len(original.events)
    assert all(e.reports == 1 and e.date == original.document.published for e in folded)


def test_a_copy_stored_before_its_original_reports_the_original_day(records, stored):
    original, copy = records[GAGGLE], records[GAGGLE_REPOSTED]
    with stored(records, GAGGLE, GAGGLE_REPOSTED) as in_order, stored(records, GAGGLE_REPOSTED, GAGGLE) as reversed:
        assert in_order.merged_events() == reversed.merged_events()
        assert in_order.facts() == reversed.facts()
        days = {e.date for e in reversed.merged_events() if copy.document.id in {s.document_id for s in e.sources}}
    assert original.document.published in days and copy.document.published not in days


def test_merged_records_come_in_pages_that_stitch_into_the_whole(records, stored):
    with stored(records, *records) as store:
        for merged, kind in ((store.merged_events, "events"), (store.facts, "facts")):
            whole = merged()
            pages = [merged(limit=25, offset=start) for start in range(0, len(whole) + 25, 25)]
            assert [item for page in pages for item in page] == whole
            assert store.merged_count(kind) == len(whole) > 50
        ceasefire_talk = store.merged_events(type="CONSULT", since=date(2024, 1, 1), limit=3)
    assert len(ceasefire_talk) == 3 and all(e.type == "CONSULT" and e.date >= date(2024, 1, 1) for e in ceasefire_talk)


def test_two_readouts_sharing_paragraphs_stay_two_stories(records, stored):
    with stored(records, READOUT_EGYPT, READOUT_QATAR) as store:
        assert store.story_sizes() == [1, 1]
        targets = {e.target.country for e in store.merged_events() if e.type == "CONSULT" and e.target}
    assert {"EGY", "QAT"} <= targets  # two calls, two events


def test_stories_do_not_depend_on_ingest_order(records, stored):
    parts = [GAGGLE_REPOSTED, READOUT_EGYPT, GAGGLE]
    partitions = []
    for order in (parts, parts[::-1]):
        with stored(records, *order) as store:
            partitions.append({part: story_of(store, records[part]) for part in parts})
    assert partitions[0] == partitions[1]
    assert partitions[0][GAGGLE] == partitions[0][GAGGLE_REPOSTED] != partitions[0][READOUT_EGYPT]


def test_ingesting_one_more_document_keeps_what_was_merged(records, stored):
    with stored(records, *TRUCE) as store:
        before = {a.id: a.sources for a in store.merged_agreements()}
        assert not store.add(records[TRUCE[0]])  # the same document again changes nothing
        assert {a.id: a.sources for a in store.merged_agreements()} == before
        store.add(records[LEBANON])
        after = {a.id: a.sources for a in store.merged_agreements()}
    assert all(after[thread] == sources for thread, sources in before.items())
    assert len(after) > len(before)  # the November 2024 cessation of hostilities joins them


def test_a_server_sees_documents_another_process_adds(records, new_database):
    """Merged agreements are kept between requests, but not past a document added elsewhere."""
    url = new_database()
    with Store(url) as server, Store(url) as ingester:
        ingester.add(records[TRUCE[0]])
        before = server.merged_agreements()
        ingester.add(records[LEBANON])
        assert len(server.merged_agreements()) > len(before)


@pytest.mark.parametrize("filters", [{}, {"actor": "Hamas"}, {"type": "CONSULT"}, {"since": date(2023, 11, 25)}])
def test_timeline_pages_make_up_the_whole_timeline(records, stored, filters):
    """The store pages the timeline's events in SQL and places its agreements' changes among them:
    pages of every size, read in turn, are the whole timeline, in order."""
    with stored(records, *TRUCE, LEBANON, LEBANON_PROPOSAL, LEBANON_BREACH, READOUT_QATAR) as store:
        whole, total = store.merged_timeline(**filters)
        assert total == len(whole) > 5 and any(r["item"] == "event" for r in whole)
        for size in (1, 2, 3, 7, total):
            pages = [store.merged_timeline(size, offset, **filters) for offset in range(0, total, size)]
            assert [row for rows, _ in pages for row in rows] == whole
            assert {count for _, count in pages} == {total}


def test_the_november_truce_is_one_agreement_with_its_history(records, stored):
    with stored(records, *TRUCE, LEBANON) as store:
        merged = store.merged_agreements()
        truce = _agreement_stated_in(merged, records[TRUCE[2]], "an extension over the next 48 hours")
        assert {s.document_id for s in truce.sources} == {records[p].document.id for p in TRUCE}
        statuses = [change.status for change in truce.history]
        assert statuses[-1] == "extended" and "agreed" in statuses
        assert statuses.index("agreed") < statuses.index("extended")
        assert {"Israel", "Hamas"} <= set(truce.parties) and {"Qatar", "Egypt"} <= set(truce.mediators)
        changes = [(r["when"], r["status"]) for r in store.merged_timeline()[0]
                   if r["item"] == "agreement" and r["agreement_id"] == truce.id]
        assert changes == [(c.on, c.status) for c in truce.history] and changes[-1][1] == "extended"
        lebanon = _agreement_stated_in(merged, records[LEBANON], "accepted a cessation of hostilities")
        assert lebanon.id != truce.id and "Hamas" not in lebanon.parties

        before_the_deal = {a.id: a for a in store.state(date(2023, 11, 20)).agreements}
        during_the_truce = {a.id: a for a in store.state(date(2023, 11, 25)).agreements}
    assert truce.id not in before_the_deal  # nothing was known of it yet
    assert during_the_truce[truce.id].status in ("agreed", "in_force")
    assert lebanon.id not in during_the_truce


def test_the_truces_terms_are_in_progress_once_it_holds(records, stored):
    with stored(records, *TRUCE) as store:
        truce = _agreement_stated_in(store.merged_agreements(), records[TRUCE[2]], "an extension over the next 48 hours")
        agreed_only = _agreement_stated_in(store.state(date(2023, 11, 21)).agreements, records[TRUCE[0]],
                                           "I welcome the deal")
    terms = {term.category: term.status for term in truce.terms}
    assert terms["hostage_release"] == "in_progress"
    assert {term.category: term.status for term in agreed_only.terms}["hostage_release"] == "pending"


def test_a_breach_reported_weeks_later_is_a_violation_of_the_cessation(records, stored):
    with stored(records, LEBANON_PROPOSAL, LEBANON, LEBANON_BREACH) as store:
        merged = store.merged_agreements()
    cessation = _agreement_stated_in(merged, records[LEBANON], "accepted a cessation of hostilities")
    [violation] = cessation.violations
    assert violation.on == date(2025, 1, 3) and violation.violators == ("Israel",)
    assert "Israel is violating the agreement" in violation.sources[0].text
    # the September proposal between the same parties came before it, still open: not replaced
    [link] = cessation.links
    proposal = next(a for a in merged if a.id == link.agreement)
    assert link.relation == "follows" and proposal.status == "proposed"
    assert {s.document_id for s in proposal.sources} == {records[LEBANON_PROPOSAL].document.id}


def _agreement_stated_in(merged, record: Record, words: str):
    text = " ".join(record.document.text.split())
    [found] = [a for a in merged if any(s.document_id == record.document.id and words in " ".join(s.text.split())
                                        for s in a.sources)]
    assert words in text
    return found


def test_unlinked_documents_of_an_older_database_are_linked(records, stored):
    with stored(records, GAGGLE, GAGGLE_REPOSTED, *TRUCE) as store:
        expected = store.merged_agreements()
        expected_events, expected_facts = store.merged_events(), store.facts()
        with store.engine.begin() as conn:  # as an older truceline left them: no stories, threads, keys
            for table in ("stories", "story_bands", "signatures", "agreement_threads"):
                conn.execute(sa.text(f"DELETE FROM {table}"))
            for table in ("events", "claims"):
                conn.execute(sa.text(f"UPDATE {table} SET day = NULL, merge_key = NULL"))
            conn.execute(sa.text("UPDATE claims SET sort_key = NULL"))
        assert store.link_unplaced() == 5
        assert store.story_sizes() == [2, 1, 1, 1]
        assert store.merged_agreements() == expected
        assert (store.merged_events(), store.facts()) == (expected_events, expected_facts)
        assert store.facts(limit=3, offset=2) == expected_facts[2:5]  # paged by the keys it filled


def test_a_toll_reported_lower_later_is_a_revision(records, stored):
    # 25 Oct 2023: "Hamas ... slaughtered 1,400 Israelis"; 14 Dec 2023: "killed 1,200 Israelis".
    with stored(records, TOLL_OCTOBER, TOLL_DECEMBER) as store:
        [fact] = [f for f in store.facts(kind="killed") if f.subject == "Israelis"]
    assert fact.latest.value == 1200 and fact.latest.as_of == date(2023, 10, 7)
    [(earlier, later)] = fact.revisions
    assert (earlier.value, later.value) == (1400, 1200) and not fact.contradictions
    assert fact.reports == 2


def test_two_briefings_of_one_day_that_disagree_are_a_contradiction(records, stored):
    # 27 Nov 2023: one call counts 240 aid trucks, the day's press briefing 200.
    with stored(records, AID_CALL, AID_BRIEFING) as store:
        disputed = [f for f in store.facts(kind="aid") if f.contradictions]
    pairs = {(a.value, b.value) for f in disputed for a, b in f.contradictions}
    assert (240, 200) in pairs or (200, 240) in pairs
    assert all(a.source.document_id != b.source.document_id for f in disputed for a, b in f.contradictions)


def test_linking_gives_the_same_agreements_whatever_order_the_documents_came_in(records, stored):
    parts = list(records)
    results = []
    for order in (parts, parts[::-1], parts[1::2] + parts[::2]):
        with stored(records, *order) as store:
            store.link()
            results.append([to_dict(a) for a in store.merged_agreements()])
    assert results[0] == results[1] == results[2]
    assert len(results[0]) > 3


def _figure_row(n: int, value: int, published: date) -> dict:
    """A stored figure's row, written for this test: report n of one toll, in a story of its own."""
    return {"merge_key": "k", "kind": "released", "subject": "hostages", "location": None, "counted": None,
            "value": value, "qualifier": None, "change": "total", "day": date(2023, 11, 24), "attributed_to": None,
            "document_id": f"d{n}", "document_source": f"https://example.org/{n}", "published": published,
            "story_id": f"s{n}", "text": f"{value} hostages were released.", "start": 0, "end": 1}


def test_each_figure_is_weighed_against_the_one_before_it_not_every_earlier_one():
    # 300 reports of one day's toll, published that day, alternating two figures: each disagrees
    # with the one before it (299 contradictions), not once per earlier report (22,350)
    [fact] = merge_claims([_figure_row(n, 10 if n % 2 else 20, date(2023, 11, 24)) for n in range(300)])
    assert len(fact.contradictions) == 299 and not fact.revisions
    assert all({a.value, b.value} == {10, 20} for a, b in fact.contradictions)
    # the same figures published on later days revise the one before them, each once
    [fact] = merge_claims([_figure_row(n, 10 if n % 2 else 20, date(2023, 11, 24) + timedelta(days=n))
                           for n in range(300)])
    assert [(a.source.document_id, b.source.document_id) for a, b in fact.revisions] == \
        [(f"d{n}", f"d{n + 1}") for n in range(299)]
    assert not fact.contradictions


def _ingest(url: str, records: list[Record]) -> None:
    """What `truceline ingest` does with a batch: store each record, then link the days it added."""
    with Store(url) as store:
        added = [r for r in records if store.add(r)]
        if added:
            days = {r.document.published for r in added}
            store.link(since=None if None in days else min(days))


def _merged_tables(store: Store) -> dict[str, list]:
    with store.engine.connect() as conn:
        return {table: sorted(map(repr, conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))))
                for table in MERGED_TABLES}


def test_two_concurrent_ingests_give_what_one_ingest_gives(records, new_database):
    parts = list(records)
    batches = [[records[p] for p in parts[::2] + parts[1::4]], [records[p] for p in parts[::-1]]]
    url = new_database()
    Store(url).close()
    with ProcessPoolExecutor(2) as pool:  # two ingests at once, overlapping, in different orders
        list(pool.map(_ingest, [url] * 2, batches))
    one = new_database()
    _ingest(one, [records[p] for p in parts])
    with Store(url, create=False) as concurrent, Store(one, create=False) as expected:
        assert ([to_dict(a) for a in concurrent.merged_agreements()]
                == [to_dict(a) for a in expected.merged_agreements()])
        assert _merged_tables(concurrent) == _merged_tables(expected)


def test_the_merged_tables_hold_what_the_cli_shows(records, stored):
    with stored(records, *TRUCE, LEBANON, GAGGLE, GAGGLE_REPOSTED) as store:
        store.link()
        with store.engine.connect() as conn:
            agreements = {r["id"]: r for r in conn.execute(sa.text("SELECT * FROM merged_agreements")).mappings()}
            events = dict(conn.execute(sa.text("SELECT id, reports FROM merged_events")).all())
            facts = dict(conn.execute(sa.text("SELECT id, figures FROM merged_facts")).all())
            threads = set(conn.scalars(sa.text("SELECT DISTINCT thread_id FROM agreement_threads")))
        shown = store.merged_agreements()
        assert set(agreements) == {a.id for a in shown} == threads
        assert all((agreements[a.id]["name"], agreements[a.id]["status"], agreements[a.id]["sources"])
                   == (a.name, a.status, len(a.sources)) for a in shown)
        assert events == {e.id: e.reports for e in store.merged_events()}
        assert facts == {f.id: len(f.figures) for f in store.facts()}
        assert {i: r["follows"] for i, r in agreements.items()} == {
            a.id: a.links[0].agreement if a.links else None for a in shown}
        before = _merged_tables(store)
        store.link()
        assert _merged_tables(store) == before  # rebuilt, not added to


def test_linking_a_window_rewrites_what_it_touches(records, stored):
    with stored(records, *TRUCE) as store:
        store.link()
        store.add(records[LEBANON])  # stored but not yet linked: not in the merged tables
        store.add(records[GAGGLE])
        store.link(since=records[LEBANON].document.published)
        windowed = _merged_tables(store)
        store.link()
        assert _merged_tables(store) == windowed
        assert len(windowed["merged_agreements"]) == len(store.merged_agreements())


def _mention(text: str, start: int, parties: tuple[str, ...] = ()) -> Agreement:
    return Agreement("ceasefire", parties, (), (), "proposed", None, None, None, (), (), (), text, start,
                     start + len(text), conflict="Sudan")


def test_the_country_a_war_is_in_is_not_its_side():
    sudan, rsf = Actor("Sudan", "Sudan", "SDN", "state"), Actor("RSF", "Rapid Support Forces", None, "armed_group")
    place = _mention("There can be no military solution to the conflict in Sudan and a ceasefire is needed.", 0)
    side = _mention("Sudan and the RSF must agree to a ceasefire.", 100)
    assert evidence_parties([place], [sudan, rsf]) == [()]
    # the notice of 21 July 2023 continuing the national emergency with respect to Mali: all four are where
    mali = Actor("Mali", "Mali", "MLI", "state")
    where = _mention("The situation in Mali, including repeated violations of ceasefire arrangements made pursuant to "
                     "the 2015 Agreement on Peace and Reconciliation in Mali; the expansion of terrorist activities into "
                     "southern and central Mali; and attacks against the United Nations Mission in Mali.", 0)
    assert evidence_parties([where], [mali]) == [()]
    assert evidence_parties([side], [sudan, rsf]) == [("Sudan", "Rapid Support Forces")]
    # a mention naming no side takes the parties of the nearest one that does
    assert evidence_parties([place, side], [sudan, rsf])[0] == ("Sudan", "Rapid Support Forces")


def _report(n: int, published: date, text: str) -> Record:
    """Document n, reporting a Sudan ceasefire proposal in `text`, written for this test."""
    document = Document(id=f"{n:016x}", source=f"https://example.org/{n}", title=f"Report {n}", published=published,
                        publisher=None, original_source=None, language="en", text=text)
    return Record(document=document, agreements=(_mention(text, 0, ("Sudan", "Rapid Support Forces")),))


def test_threading_offers_the_same_stored_mentions_in_memory_as_in_sql(tmp_path, monkeypatch):
    """On SQLite threading looks for the stored mentions a new one may join in memory, elsewhere in
    SQL, both from one window (store._Window): those near it in time, and those near the day it
    names its agreement by, however long ago."""
    import truceline.store

    reports = [_report(1, date(2024, 5, 31), "Sudan proposed a ceasefire to the RSF."),
               _report(2, date(2024, 6, 20), "The RSF answered the ceasefire proposal."),
               _report(3, date(2025, 1, 15), "Talks resumed on the May 31, 2024 proposal.")]
    choose = truceline.store.choose_thread

    def offered(name: str) -> list[set[tuple[date, str]]]:
        seen = []
        monkeypatch.setattr(truceline.store, "choose_thread", lambda mention, stored: seen.append(
            {(row["when"], row["thread_id"]) for row in stored}) or choose(mention, stored))
        with Store(f"sqlite:///{tmp_path / name}") as store:
            for record in reports:
                store.add(record)
        return seen

    in_memory = offered("memory.db")
    monkeypatch.setattr(truceline.store._StoredMentions, "_read", lambda self, conn: False)  # as on PostgreSQL
    first = {(date(2024, 5, 31), f"{reports[0].document.id}:0")}
    assert offered("sql.db") == in_memory == [set(), first, first]


MAY_PROPOSAL = "2024-05-31-background-press-call-on-president-bidens-remarks-on-the-mi"
DOHA_TALKS = "2025-01-13-readout-of-president-bidens-call-with-sheikh-tamim-bin-hama"


@pytest.fixture(scope="module")
def named_by_day(tmp_path_factory) -> dict[str, Record]:
    """The May 2024 Gaza proposal's press call, and a readout seven months on of talks "based on the
    May 27, 2024 arrangement"."""
    corpus = tmp_path_factory.mktemp("named") / "white-house.jsonl"
    corpus.write_text("".join(json.dumps(wh_document(p), ensure_ascii=False) + "\n" for p in (MAY_PROPOSAL, DOHA_TALKS)),
                      encoding="utf-8")
    settings = Settings()
    return dict(zip((MAY_PROPOSAL, DOHA_TALKS), Pipeline(settings).extract(read_inputs([str(corpus)], settings))))


def test_an_agreement_named_by_its_day_months_later_is_that_agreement(named_by_day, stored):
    with stored(named_by_day, DOHA_TALKS, MAY_PROPOSAL) as store:
        store.link()
        merged = store.merged_agreements()
        proposal = _agreement_stated_in(merged, named_by_day[MAY_PROPOSAL], "This proposal has been accepted by Israel")
        talks = _agreement_stated_in(merged, named_by_day[DOHA_TALKS], "based on the May 27, 2024 arrangement")
    assert talks.id == proposal.id
    assert talks.first_reported == date(2024, 5, 31) and talks.last_reported == date(2025, 1, 13)


def _agreed(n: int, published: date, text: str, effective: date | None = None, status: str = "agreed",
            phase: int | None = None, scope: str | None = None, proper_name: str | None = None,
            parties: tuple[str, ...] = ("Sudanese Armed Forces", "Rapid Support Forces")) -> Record:
    """Document n, reporting a Sudan ceasefire reached (or at `status`) in `text`, written for this test."""
    document = Document(id=f"{n:016x}", source=f"https://example.org/{n}", title=f"Report {n}", published=published,
                        publisher=None, original_source=None, language="en", text=text)
    mention = Agreement("ceasefire", parties, (), (), status, effective,
                        None, phase, (), (), (), text, 0, len(text), conflict="Sudan", scope=scope, proper_name=proper_name)
    return Record(document=document, agreements=(mention,))


def test_an_agreement_naming_no_side_binds_its_wars_sides(new_database):
    """The United States–Kenya statement of 23 May 2024 names the war, not its sides: the merged
    agreement carries them, for the board and the API to filter by; sides a text names stay its own."""
    with Store(new_database()) as store:
        store.add(_agreed(1, date(2024, 5, 23), "We call on the warring parties in Sudan to facilitate unhindered "
                          "humanitarian access and immediately commit to a ceasefire.", status="proposed", parties=()))
        store.add(_agreed(2, date(2025, 3, 13), "The SAF has agreed to a complete ceasefire.", parties=("Sudanese Armed Forces",)))
        store.link()
        merged = sorted(store.merged_agreements(), key=lambda a: a.parties)
        with store.engine.connect() as conn:
            tabled = dict(conn.execute(sa.text("SELECT id, parties_of_war FROM merged_agreements")).all())
    assert [a.parties for a in merged] == [("Sudanese Armed Forces",), ("Sudanese Armed Forces", "Rapid Support Forces")]
    assert [a.parties_of_war for a in merged] == [False, True]  # the war's, not stated: no span to show
    assert {i: bool(v) for i, v in tabled.items()} == {a.id: a.parties_of_war for a in merged}  # SQL sees it too
    assert merged[1].name == "SAF–RSF ceasefire, May 2024"  # the sides as the board's cards name them


@pytest.mark.parametrize("texts, parties", [
    # leaving or breaking it is one party's act: the agreement was the war's sides'
    ([("The RSF withdrew from the ceasefire.", "collapsed")], ("Rapid Support Forces", "Sudanese Armed Forces")),
    ([("The RSF violated the ceasefire.", "violated")], ("Rapid Support Forces", "Sudanese Armed Forces")),
    ([("The RSF has agreed to a ceasefire.", "agreed")], ("Rapid Support Forces",)),
    # a side's own ceasefire, then its end: its alone
    ([("The RSF has agreed to a ceasefire.", "agreed"), ("The RSF ended its ceasefire.", "collapsed")],
     ("Rapid Support Forces",))])
def test_a_side_named_only_as_leaving_an_agreement_is_one_of_the_wars_sides_that_made_it(new_database, texts, parties):
    with Store(new_database()) as store:
        for n, (text, status) in enumerate(texts, 1):
            store.add(_agreed(n, date(2025, 3, 12 + n), text, status=status, parties=("Rapid Support Forces",)))
        store.link()
        [merged] = store.merged_agreements()
    assert (merged.parties, merged.parties_of_war) == (parties, len(parties) == 2)


@pytest.mark.parametrize("text, scope, one", [
    ("The SAF and the RSF agreed on a partial ceasefire against energy.", "partial", False),
    ("The SAF and the RSF agreed on the ceasefire.", None, True)])
def test_a_partial_ceasefire_is_not_the_complete_one_agreed_days_before(new_database, text, scope, one):
    with Store(new_database()) as store:
        store.add(_agreed(1, date(2025, 3, 13), "The SAF has agreed to a complete ceasefire.", scope="complete"))
        store.add(_agreed(2, date(2025, 3, 19), text, scope=scope))
        store.link()
        merged = store.merged_agreements()
        with store.engine.connect() as conn:
            tabled = dict(conn.execute(sa.text("SELECT id, scope FROM merged_agreements")).all())
    assert (len(merged) == 1) is one
    # the merged record, its name and the table keep the scope its mentions state
    assert sorted((a.scope, "partial ceasefire, Mar 2025" in a.name) for a in merged) == (
        [("complete", False)] if one else [("complete", False), ("partial", True)])
    assert tabled == {a.id: a.scope for a in merged}


@pytest.mark.parametrize("effective, one", [(date(2024, 11, 27), True), (None, False)])
def test_a_ceasefire_that_took_effect_reported_reached_weeks_later_is_that_ceasefire(new_database, effective, one):
    """"Last month we secured a ceasefire" three weeks after one took effect speaks of it; a
    ceasefire reported reached three weeks after one of no known start is another."""
    with Store(new_database()) as store:
        store.add(_agreed(1, date(2024, 11, 26), "The SAF and the RSF agreed to a ceasefire from tomorrow.", effective))
        store.add(_agreed(2, date(2024, 12, 16), "Last month, the SAF and the RSF agreed to a ceasefire."))
        store.link()
        assert (len(store.merged_agreements()) == 1) is one


@pytest.mark.parametrize("status, one", [("in_force", True), ("proposed", False)])
def test_a_later_phase_months_on_is_the_agreement_reached_not_a_new_proposal_of_phases(new_database, status, one):
    """"Phase two has begun" three months after a ceasefire was agreed refers to it; a new proposal
    setting out its own phase two three months on is not threaded to it by its phases."""
    with Store(new_database()) as store:
        store.add(_agreed(1, date(2024, 3, 4), "The SAF has agreed to the ceasefire framework."))
        store.add(_agreed(2, date(2024, 5, 31), "In phase two of the ceasefire, the SAF and the RSF would withdraw.",
                          status=status, phase=2))
        store.link()
        assert (len(store.merged_agreements()) == 1) is one


def test_a_ceasefire_of_another_war_does_not_join_a_thread_through_its_documents_warless_mentions(new_database):
    """A briefing on the Sudan talks that also says a Congo ceasefire was agreed: its "the
    ceasefire" names no war and joins the Sudan thread, but the Congo ceasefire, borrowing the
    briefing's parties, is not drawn into that thread through it."""
    text = "The SAF and the RSF need a ceasefire. We want the ceasefire. The parties in Congo agreed a ceasefire."
    document = Document(id=f"{2:016x}", source="https://example.org/2", title="Briefing", published=date(2024, 8, 10),
                        publisher=None, original_source=None, language="en", text=text)
    sudan = ("Sudanese Armed Forces", "Rapid Support Forces")
    mentions = tuple(Agreement("ceasefire", parties, (), (), status, None, None, None, (), (), (), text, start, end,
                               conflict=conflict)
                     for parties, status, start, end, conflict in ((sudan, "proposed", 0, 38, "Sudan"),
                                                                   ((), "proposed", 39, 60, None),
                                                                   ((), "agreed", 61, len(text), "DRC–M23")))
    with Store(new_database()) as store:
        store.add(_agreed(1, date(2024, 8, 5), "The SAF and the RSF are negotiating a ceasefire.", status="proposed"))
        store.add(Record(document=document, agreements=mentions))
        store.link()
        merged = store.merged_agreements()
    assert sorted(a.conflict for a in merged) == ["DRC–M23", "Sudan"]


def test_an_agreement_known_by_its_proper_name_is_one_however_far_apart_and_no_other(new_database):
    """Reports of one named agreement months apart (renewed, then extended) are one agreement; another
    name reported the next day is another, though of the same war and sides."""
    with Store(new_database()) as store:
        store.add(_agreed(1, date(2023, 3, 1), "The SAF and the RSF agreed on the Port Sudan Accord.",
                          proper_name="Port Sudan Accord"))
        store.add(_agreed(2, date(2023, 7, 10), "They extended the Port Sudan Accord.", status="extended",
                          proper_name="Port Sudan Accord"))
        store.add(_agreed(3, date(2023, 7, 11), "The SAF and the RSF agreed on the Kassala Agreement.",
                          proper_name="Kassala Agreement"))
        store.link()
        merged = store.merged_agreements()
    assert sorted((a.first_reported, a.last_reported) for a in merged) == [
        (date(2023, 3, 1), date(2023, 7, 10)), (date(2023, 7, 11), date(2023, 7, 11))]


def test_an_agreement_known_by_its_proper_name_is_one_whichever_sides_its_sentences_name(new_database):
    """Reports of one named agreement naming no side, then one side, then the other (supported,
    extended, left) are one agreement: the name ties them, not the sides named beside it."""
    with Store(new_database()) as store:
        store.add(_agreed(1, date(2023, 2, 1), "They support the full functioning of the Port Sudan Accord.",
                          status="in_force", proper_name="Port Sudan Accord", parties=()))
        store.add(_agreed(2, date(2023, 3, 1), "The RSF backed the extension of the Port Sudan Accord.",
                          status="extended", proper_name="Port Sudan Accord", parties=("Rapid Support Forces",)))
        store.add(_agreed(3, date(2023, 7, 20), "The SAF's withdrawal from the Port Sudan Accord was condemned.",
                          status="collapsed", proper_name="Port Sudan Accord", parties=("Sudanese Armed Forces",)))
        store.link()
        assert len(store.merged_agreements()) == 1


def _gaza(n: int, published: date, text: str, kind: str, parties: tuple[str, ...], status: str,
          conflict: str = "Israel–Hamas") -> Record:
    """Document n, mentioning an agreement of a war in `text`, written for this test."""
    document = Document(id=f"{n:016x}", source=f"https://example.org/{n}", title=f"Report {n}", published=published,
                        publisher=None, original_source=None, language="en", text=text)
    mention = Agreement(kind, parties, (), (), status, None, None, None, (), (), (), text, 0, len(text), conflict=conflict)
    return Record(document=document, agreements=(mention,))


@pytest.mark.parametrize("days, conflict, parties, one", [
    (8, "Israel–Hamas", ("Israel", "Hamas"), True), (15, "Israel–Hamas", ("Israel", "Hamas"), False),
    (8, "Israel–Hezbollah", ("Israel", "Hamas"), False), (3, "Israel–Hamas", ("Israel",), False)])
def test_talk_of_a_pause_naming_no_party_is_the_truce_of_its_war_reached_days_later(new_database, days, conflict,
                                                                                  parties, one):
    """"This pause" to free prisoners, naming no side, eight days before Israel and Hamas agree a
    truce, was talk of that truce; two weeks before, or of another war, it is not, nor is it the
    pauses one side agrees to days later."""
    with Store(new_database()) as store:
        store.add(_gaza(1, date(2023, 11, 13), "There is an effort to use this pause to secure the release of prisoners.",
                        "pause", (), "proposed", conflict))
        store.add(_gaza(2, date(2023, 11, 13) + timedelta(days=days),
                        f"{' and '.join(parties)} agreed to a pause to free hostages.", "pause", parties, "agreed"))
        store.link()
        merged = store.merged_agreements()
    assert (len(merged) == 1) is one
    if one:
        [pause] = merged
        assert [change.status for change in pause.history] == ["proposed", "agreed"]
        assert set(pause.parties) == {"Israel", "Hamas"}


def test_the_truce_joins_the_talk_of_a_pause_before_it_rather_than_one_sides_pauses(new_database):
    """Tactical pauses talked of naming no side, talks with Israel alone on them, then "this pause"
    naming no side (two threads fit it: its own), then a truce between Israel and Hamas: the truce
    is the pause talked of days before, not the pauses of one side."""
    with Store(new_database()) as store:
        store.add(_gaza(4, date(2023, 11, 6), "The two leaders discussed the possibility of tactical pauses.",
                        "pause", (), "proposed"))
        store.add(_gaza(1, date(2023, 11, 9), "We have been in discussions with the Israelis about tactical pauses.",
                        "pause", ("Israel",), "proposed"))
        store.add(_gaza(2, date(2023, 11, 13), "There is an effort to use this pause to secure the release of prisoners.",
                        "pause", (), "proposed"))
        store.add(_gaza(3, date(2023, 11, 21), "Israel and Hamas agreed to a pause to free hostages.", "pause",
                        ("Israel", "Hamas"), "agreed"))
        store.link()
        merged = store.merged_agreements()
    assert sorted((a.first_reported, a.status) for a in merged) == [
        (date(2023, 11, 6), "proposed"), (date(2023, 11, 9), "proposed"), (date(2023, 11, 13), "agreed")]
