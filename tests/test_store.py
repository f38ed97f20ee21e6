"""The store keeps records whole: one transaction per document, idempotent, read back unchanged.

The records are built by hand from two real White House statements; each item is what an
analyst reading the quoted sentence would record, with its span located in the real text.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date

import pytest
import sqlalchemy as sa

from truceline.errors import ConfigError
from truceline.records import Actor, Agreement, Claim, Document, Event, Failure, Record
from truceline.store import Store, database_url

from conftest import wh_document

USA = Actor("U.S.", "United States", "USA", "state")
ISRAEL = Actor("Israel", "Israel", "ISR", "state")
LEBANON = Actor("Lebanon", "Lebanon", "LBN", "state")
HAMAS = Actor("Hamas", "Hamas", None, "armed_group")
NETANYAHU = Actor("Prime Minister Netanyahu", "Benjamin Netanyahu", "ISR", "person",
                  "Prime Minister of Israel")


def _document(path_part: str) -> Document:
    doc = wh_document(path_part)
    return Document(
        id=hashlib.sha256(doc["text"].encode()).hexdigest()[:16], source=doc["source_url"],
        title=doc["title"], published=date.fromisoformat(doc["date"]), publisher="The White House",
        original_source=None, language="en", text=doc["text"])


def _span(text: str, sentence: str) -> dict:
    start = text.index(sentence)
    return {"text": sentence, "start": start, "end": start + len(sentence)}


def pause_extension() -> Record:
    """Biden's statement of 27 Nov 2023 on the two-day extension of the Gaza humanitarian pause."""
    document = _document("2023-11-27-statement-from-president-joe-biden-on-extension-of-humanitarian")
    text = document.text
    day = document.published
    return Record(
        document=document,
        actors=(USA, ISRAEL, HAMAS, NETANYAHU),
        events=(
            Event("CONSULT", "asserted", USA, None, day, plover_mode="mediate", **_span(
                text, "I have remained deeply engaged over the last few days to ensure that\nthis deal—"
                "brokered and sustained through extensive U.S. mediation and\ndiplomacy—can continue "
                "to deliver results.")),
            Event("COOPERATE", "asserted", USA, ISRAEL, day, **_span(
                text, "I spoke with\nAbigail’s family following her release, and we are working closely "
                "with\nour Israeli partners to ensure she gets the care and support she needs\nas she "
                "begins to recover from this unspeakable trauma.")),
        ),
        claims=(
            Claim("released", 50.0, "over", "hostages", None, day, None, **_span(
                text, "Thus far, more than 50\nhostages have now been released and returned to their "
                "families.")),
        ),
        agreements=(
            Agreement("pause", ("Israel", "Hamas"), ("Qatar", "Egypt", "United States"), (),
                      "extended", day, 2.0, None, (), ("release of hostages", "humanitarian assistance"), (),
                      **_span(text, "Today, I want to again thank Prime Minister Netanyahu of Israel, "
                              "Amir\nSheikh Tamim Bin Hamad Al-Thani of Qatar, and President Abdel Fattah\n"
                              "Al-Sisi of Egypt for their commitment to this process and in reaching\nthe "
                              "agreement for an extension over the next 48 hours.")),
        ),
    )


def lebanon_cessation() -> Record:
    """The Biden–Macron statement of 26 Nov 2024 on the Israel–Lebanon cessation of hostilities."""
    document = _document("2024-11-26-joint-statement-from-president-biden-of-the-united-states-and-pre")
    accepted = _span(document.text, "Today, after many weeks of tireless diplomacy,\xa0Israel and Lebanon "
                                    "have\naccepted a cessation of hostilities between Israel and Lebanon.")
    return Record(
        document=document,
        actors=(ISRAEL, LEBANON, USA),
        events=(Event("AGREE", "asserted", ISRAEL, LEBANON, document.published, **accepted),),
        agreements=(Agreement("ceasefire", ("Israel", "Lebanon"), ("United States", "France"), (),
                              "agreed", document.published, None, None, (), (), (), **accepted),),
    )


@pytest.fixture
def store(new_database):
    with Store(new_database()) as s:
        yield s


def test_store_round_trip_rebuilds_the_record(store):
    for original in (pause_extension(), lebanon_cessation()):
        assert store.add(original)
        assert store.record(original.document.id).to_dict() == original.to_dict()


def test_store_adding_a_document_twice_adds_nothing(store):
    record = pause_extension()
    assert store.add(record) is True
    counts = store.counts()
    assert store.add(record) is False
    assert store.counts() == counts
    assert counts == {"documents": 1, "actors": 4, "events": 2, "claims": 1, "agreements": 1, "failures": 0}


def test_store_failed_write_leaves_no_partial_document(store):
    good = pause_extension()
    # The claim is written after the document, its actors and events: a bad value there must undo them.
    broken = dataclasses.replace(good, claims=(dataclasses.replace(good.claims[0], value=None),))
    with pytest.raises(sa.exc.IntegrityError):
        store.add(broken)
    assert not store.has(good.document.id)
    assert set(store.counts().values()) == {0}
    assert store.add(good)  # and the document can still be stored once fixed


def test_store_event_filters(store):
    store.add(pause_extension())
    store.add(lebanon_cessation())

    def types(**filters) -> list[str]:
        return [e["type"] for e in store.events(**filters)]

    assert types() == ["CONSULT", "COOPERATE", "AGREE"]  # in date order
    assert types(actor="united states") == ["CONSULT", "COOPERATE"]  # canonical name
    assert types(actor="isr") == ["COOPERATE", "AGREE"]  # country code, either side
    assert types(actor="Lebanon", type="agree") == ["AGREE"]
    assert types(mode="negated") == []
    assert types(since=date(2024, 1, 1)) == ["AGREE"]
    assert types(until=date(2023, 11, 27)) == ["CONSULT", "COOPERATE"]
    [agree] = store.events(type="AGREE")
    assert agree["document_source"].endswith("announcing-a-cessation-of-hostilities/")
    assert (agree["source_canonical"], agree["target_country"]) == ("Israel", "LBN")
    text = lebanon_cessation().document.text
    assert text[agree["start"]:agree["end"]].startswith("Today, after many weeks")


def test_store_claim_and_agreement_filters(store):
    store.add(pause_extension())
    store.add(lebanon_cessation())
    assert [c["value"] for c in store.claims(kind="released")] == [50.0]
    assert store.claims(kind="killed") == []
    assert store.claims(since=date(2024, 1, 1)) == []
    assert [a["kind"] for a in store.agreements()] == ["pause", "ceasefire"]
    [ceasefire] = store.agreements(status="agreed")
    assert ceasefire["parties"] == ["Israel", "Lebanon"]
    assert store.agreements(kind="truce") == []


def test_store_timeline_interleaves_agreements_and_events_by_date(store):
    store.add(lebanon_cessation())
    store.add(pause_extension())
    timeline = store.timeline()
    assert [(i["when"].year, i["item"]) for i in timeline] == [
        (2023, "event"), (2023, "event"), (2023, "agreement"), (2024, "agreement"), (2024, "event")]
    assert all(i["document_source"].startswith("https://") for i in timeline)
    assert [i["item"] for i in store.timeline(since=date(2024, 1, 1))] == ["agreement", "event"]


def test_store_remembers_why_an_input_was_skipped(store):
    store.add_failure(Failure("notes.txt", "not UTF-8 text"))
    store.add_failure(Failure("notes.txt", "empty after cleaning"))
    assert [(f["source"], f["reason"]) for f in store.failures()] == [("notes.txt", "empty after cleaning")]


def test_store_read_only_open_refuses_a_missing_database(tmp_path):
    with pytest.raises(ConfigError, match="no database"):
        Store(database_url(str(tmp_path / "missing.db")), create=False)
    assert not (tmp_path / "missing.db").exists()


def test_store_database_url_takes_paths_and_urls():
    assert database_url("runs/truceline.db") == "sqlite:///runs/truceline.db"
    assert database_url("postgresql://u@host/db") == "postgresql+psycopg://u@host/db"  # the installed driver
    assert database_url("postgresql+psycopg2://u@host/db") == "postgresql+psycopg2://u@host/db"
