"""The body and gold suites score what they claim to: each metric on cases whose answer is known,
and each suite end to end on real data (the PLOVER suite has its own file)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline.cli import app
from truceline.evaluation import SuiteReport, below_floor
from truceline.evaluation import actors, body, clearest, counted, events, frame, frames, gold, merged, plover

from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
READOUT = ROOT / "eval" / "gold" / "2023-11-17-readout-of-president-bidens-call-with-amir-sheikh-tamim-bin-hamad-al-thani-of-qatar-3.json"


def test_gold_quotes_are_found_despite_typographic_quotes_and_wrapping():
    text = "He said \u201cwe will\nnot stop\u201d and left; it\u2019s over."
    assert gold.locate('"we will not stop"', text) == (text.index("\u201c"), text.index("\u201d") + 1)
    assert gold.locate("it's over", text) is not None
    assert gold.locate("we will stop", text) is None


def test_gold_suite_matches_a_hand_annotated_readout(tmp_path):
    shutil.copy(READOUT, tmp_path)
    report = gold.run(SHARED, gold_dir=tmp_path)
    missed = [e["gold"]["quote"] for e in report.errors if e["kind"] == "events" and e["error"] == "missed"]
    annotated = json.loads(READOUT.read_text(encoding="utf-8"))["events"]
    assert report.scores["events_recall"] == pytest.approx(1 - len(missed) / len(annotated))
    assert not any(q.startswith("President Joseph R. Biden, Jr. spoke today") for q in missed)


def test_below_floor_names_each_failing_metric():
    report = SuiteReport("plover", {"type_accuracy": 0.5, "triple_f1": 0.3})
    floors = {"plover": {"type_accuracy": 0.6, "triple_f1": 0.2}}
    assert below_floor(report, floors) == ["plover.type_accuracy 0.500 < 0.600"]


def test_cli_eval_rejects_an_unknown_suite():
    result = CliRunner().invoke(app, ["eval", "nonsense"])
    assert result.exit_code == 2 and "unknown suite 'nonsense'" in result.stderr


def test_floors_name_only_metrics_their_suites_report():
    from truceline.evaluation import load_floors
    reported = {"body": set(body.METRICS), "plover": set(plover.METRICS),
                "gold": {f"{kind}_{m}" for kind in (*gold.KINDS, *(f"{name}_events" for name in gold.CODERS)) for m in ("precision", "recall", "f1")},
                "merged": set(merged.METRICS), "actors": set(actors.METRICS),
                "events": {f"{coder}{part}_{m}" for coder in ("", "minilm_", "minilm_roles_")
                           for part, names in (("test", events.METRICS), ("plover_test", plover.METRICS))
                           for m in names},
                "frame": {f"{part}_{m}" for part in frame.PARTS for m in frame.HEADLINES},
                "frames": {f"{part}_complete" for part in (*frames.DEVELOPMENT, *frames.HELD_OUT)}
                          | {f"{part}_{m}" for part in frames.HELD_OUT for m in frames.FIELDS},
                "counted": set(counted.METRICS),
                "clearest": {f"{coder}{part}_{m}" for coder in ("", *(f"{n.replace('+', '_')}_" for n in list(clearest.CODERS)[1:]))
                             for part in clearest.PARTS for m in clearest.METRICS}}
    floors = load_floors(ROOT / "eval" / "floors.toml")
    assert set(floors) <= set(reported)
    for suite, metrics in floors.items():
        assert set(metrics) <= reported[suite], suite
        assert all(0 < floor <= 1 for floor in metrics.values())


@pytest.mark.parametrize("args, message", [
    (["plover", "--part", "dev"], "--part is for the frames suite alone"),
    (["frames", "--part", "nonsense"], "no frames part 'nonsense'"),
    (["frames", "--part", "dev", "--gate"], "--gate holds every part to its floor"),
])
def test_cli_eval_checks_the_frames_part(args, message):
    result = CliRunner().invoke(app, ["eval", *args, "--shared", str(SHARED)])
    assert result.exit_code == 2 and message in result.stderr


def test_events_suite_scores_an_undated_event_right_only_where_the_gold_leaves_it_undated():
    from datetime import date
    from types import SimpleNamespace

    from truceline.models.examples import GoldEvent
    from truceline.records import Actor, Event
    usa, isr = Actor("U.S.", "United States", "USA", "state"), Actor("Israel", "Israel", "ISR", "state")
    day = date(2023, 11, 27)

    def item(gold_date, coded_date):
        gold = GoldEvent("AID", "asserted", "United States", "USA", "Israel", "ISR", date=gold_date)
        return SimpleNamespace(example=SimpleNamespace(events=[gold])), [Event("AID", "asserted", usa, isr, coded_date, "", 0, 0)]

    # "USAID has provided $600,000": the guide leaves it undated; the publication day is wrong
    pairs = [item(None, day), item(None, None), item(day, day), item(day, None)]
    figures = events.score([p for p, _ in pairs], [c for _, c in pairs])
    assert figures["date_accuracy"] == 0.5 and figures["date_or_undated_accuracy"] == 0.5
    figures = events.score([pairs[1][0], pairs[2][0]], [pairs[1][1], pairs[2][1]])
    assert figures["date_accuracy"] == 1.0 and figures["date_or_undated_accuracy"] == 1.0
    figures = events.score([pairs[0][0]], [pairs[0][1]])
    assert figures["date_or_undated_accuracy"] == 0.0
