"""The frames suite scores what it claims to: a gold frame meets the predicted frame that gets
most of its fields right, only stated fields count, and a frame is complete when all are right.
The mentions below are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from truceline.evaluation import frames
from conftest import SHARED
from truceline.records import Actor, Agreement, Document, Record

TEXT = "Israel and Hamas agreed to a four-day pause. Qatar mediated the pause. Talks on a ceasefire go on."


def _mention(kind, status, frame, start, end, **fields):
    values = dict(parties=(), mediators=(), proposers=(), effective=None, duration_days=None, phase=None,
                  phases=(), terms=(), violators=())
    return Agreement(kind=kind, status=status, text=TEXT[start:end], start=start, end=end, frame=frame,
                     **(values | fields))


RECORD = Record(
    Document("d", "s", None, date(2023, 11, 22), None, None, "en", TEXT),
    actors=(Actor("Israel", "Israel", "ISR", "state"), Actor("Hamas", "Hamas", None, "armed_group"),
            Actor("Qatar", "Qatar", "QAT", "state")))
PAUSE = dict(parties=("Israel", "Hamas"), mediators=("Qatar",), duration_days=4.0)
MENTIONS = (
    _mention("pause", "agreed", 0, 0, 44, **PAUSE),
    _mention("pause", "in_force", 0, 45, 70, **PAUSE),
    _mention("ceasefire", "proposed", 1, 71, 98),
)


def test_frames_group_mentions_by_frame_number():
    found = frames.predicted_frames(MENTIONS)
    assert [len(f.mentions) for f in found] == [2, 1]


def test_frames_a_gold_frame_meets_the_frame_with_most_fields_right_and_counts_only_stated_fields():
    pause = {"quote": "Qatar mediated the pause", "kind": "pause", "status": "in_force",
             "parties": ["ISR", "Hamas"], "mediators": ["QAT"], "duration_days": 4}
    ceasefire = {"quote": "Talks on a ceasefire", "kind": "ceasefire", "status": "proposed"}
    pairs = frames.match([ceasefire, pause], frames.predicted_frames(MENTIONS), RECORD)
    assert [p.mentions[0].kind for _, p in pairs] == ["ceasefire", "pause"]
    tally = frames._Tally()
    assert [tally.add(g, p, RECORD) for g, p in pairs] == [[], []]
    assert tally.complete_share == 1.0 and tally.stated["effective"] == 0


def test_frames_a_wrong_field_or_a_missing_frame_leaves_a_gold_frame_incomplete():
    gold = {"quote": "Qatar mediated the pause", "kind": "pause", "status": ["collapsed", "expired"],
            "mediators": ["Egypt"], "effective": date(2023, 11, 24)}
    tally = frames._Tally()
    [(_, frame)] = frames.match([gold], frames.predicted_frames(MENTIONS), RECORD)
    assert tally.add(gold, frame, RECORD) == ["status", "mediators", "effective"]
    assert tally.add(gold, None, RECORD) == ["kind", "status", "mediators", "effective"]
    assert tally.complete_share == 0.0 and tally.share("kind") == 0.5


def test_frames_parts_are_fixed_by_the_path_hash_or_the_fresh_draws():
    documents = frames.load()
    assert {frames.part(d["path"]) for d in documents} == {"dev", "test"}
    assert frames.part("a") == frames.part("a")
    fresh = [d["path"] for d in documents if frames.document_part(d) == "fresh"]
    # the fresh part is exactly the third draw, none of it drawn before
    assert sorted(fresh) == sorted(frames.fresh_sample(SHARED, frames._excluded()))
    assert not set(fresh) & set(frames.sample(SHARED, frames._excluded()))
    # fresh2 is exactly the fourth draw, none of it drawn before; scored blind once, then studied
    assert "fresh2" in frames.DEVELOPMENT and "fresh2" not in frames.HELD_OUT
    fresh2 = [d["path"] for d in documents if frames.document_part(d) == "fresh2"]
    assert sorted(fresh2) == sorted(frames.fresh_sample(SHARED, frames._excluded(), "fresh2"))
    assert not set(fresh2) & {*frames.sample(SHARED, frames._excluded()), *fresh}
    # fresh3, the fifth draw, takes none drawn before; scored blind once, then studied
    assert "fresh3" in frames.DEVELOPMENT and "fresh3" not in frames.HELD_OUT
    fresh3 = [d["path"] for d in documents if frames.document_part(d) == "fresh3"]
    assert sorted(fresh3) == sorted(frames.fresh_sample(SHARED, frames._excluded(), "fresh3"))
    assert len(fresh3) == 15 and not set(fresh3) & {*frames.sample(SHARED, frames._excluded()), *fresh, *fresh2}
    # fresh4, the sixth draw, takes none drawn before; scored blind once, then studied
    assert "fresh4" in frames.DEVELOPMENT and "fresh4" not in frames.HELD_OUT
    fresh4 = [d["path"] for d in documents if frames.document_part(d) == "fresh4"]
    assert sorted(fresh4) == sorted(frames.fresh_sample(SHARED, frames._excluded(), "fresh4"))
    assert len(fresh4) == 11 and not set(fresh4) & {*frames.sample(SHARED, frames._excluded()), *fresh, *fresh2, *fresh3}
    # fresh5, the seventh draw, takes none drawn before; scored blind once, then studied
    assert "fresh5" in frames.DEVELOPMENT and "fresh5" not in frames.HELD_OUT
    fresh5 = [d["path"] for d in documents if frames.document_part(d) == "fresh5"]
    assert sorted(fresh5) == sorted(frames.fresh_sample(SHARED, frames._excluded(), "fresh5"))
    assert len(fresh5) == 12 and not set(fresh5) & {*frames.sample(SHARED, frames._excluded()), *fresh, *fresh2, *fresh3,
                                                    *fresh4}
    # the development texts chosen by hand later are none of the drawn or held-out ones
    chosen = {d["path"] for d in documents if d.get("part") == "dev"}
    assert chosen and not chosen & {*frames.sample(SHARED, frames._excluded()), *fresh, *fresh2, *fresh3, *fresh4,
                                    *fresh5}
    # fresh6, the eighth draw, held out whole, is exactly its draw and takes none drawn before
    assert "fresh6" in frames.HELD_OUT and "fresh6" not in frames.DEVELOPMENT
    fresh6 = [d["path"] for d in documents if frames.document_part(d) == "fresh6"]
    drawn6 = frames.fresh_sample(SHARED, frames._excluded(), "fresh6")
    assert len(drawn6) == 23 and sorted(fresh6) == sorted(drawn6)
    assert not set(drawn6) & {*frames.sample(SHARED, frames._excluded()), *fresh, *fresh2, *fresh3, *fresh4, *fresh5, *chosen}
    # fresh7, the ninth draw, held out whole, is exactly its draw and takes none drawn before
    assert "fresh7" in frames.HELD_OUT and "fresh7" not in frames.DEVELOPMENT
    fresh7 = [d["path"] for d in documents if frames.document_part(d) == "fresh7"]
    drawn7 = frames.fresh_sample(SHARED, frames._excluded(), "fresh7")
    assert len(drawn7) == 33 and sorted(fresh7) == sorted(drawn7)
    assert not set(drawn7) & {*frames.sample(SHARED, frames._excluded()), *fresh, *fresh2, *fresh3, *fresh4, *fresh5,
                              *chosen, *drawn6}


def test_frames_a_run_scores_only_the_parts_asked_for_and_no_other():
    with pytest.raises(ValueError, match="no frames part 'nonsense'"):
        frames.run(SHARED, parts=["nonsense"])
    report = frames.run(SHARED, limit=1, parts=["fresh2"])
    assert set(report.scores) == {"fresh2_complete"} and set(report.baseline_scores) == {"fresh2_complete"}
    assert all(e["part"] == "fresh2" for e in report.errors)
