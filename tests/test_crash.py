"""Nothing lost, nothing duplicated: `truceline ingest` killed with SIGKILL at 20 random points
as it stores, then run to its end, leaves the database intact and holding exactly what one uninterrupted run
stores; two ingests of the same corpus at once store what one does. The corpus is synthetic,
written here: short documents, so that the kills fall across hundreds of them."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

DOCUMENTS = 200
KILLS = 20
TABLES = ("documents", "actors", "events", "claims", "agreements", "stories", "agreement_threads")
SIDES = [("Israel", "Hamas"), ("Russia", "Ukraine"), ("Sudan", "the RSF"), ("Armenia", "Azerbaijan")]
MEDIATORS = ["Qatar", "Egypt", "the United States", "Turkey"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _corpus(path: Path) -> None:
    lines = []
    for n in range(DOCUMENTS):
        a, b = SIDES[n % len(SIDES)]
        text = (f"{MEDIATORS[n % 4]} said on {DAYS[n % 5]} that {a} and {b} agreed to a {n % 6 + 2}-day ceasefire. "
                f"Under the deal, {n + 3} hostages will be released. Officials said {n * 7 % 90 + 1} people were "
                f"killed in strikes before the pause.")
        lines.append(json.dumps({"url": f"https://example.org/synthetic/{n}", "title": f"Synthetic report {n}",
                                 "date": f"2023-11-{n % 28 + 1:02d}", "text": text}))
    path.write_text("\n".join(lines) + "\n")


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "truceline", "ingest", str(corpus), "--db", str(db), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _contents(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {table: sorted(map(repr, conn.execute(f"SELECT * FROM {table}"))) for table in TABLES}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, list[tuple]]]:
    folder = tmp_path_factory.mktemp("crash")
    _corpus(folder / "corpus.jsonl")
    run = _ingest(folder / "corpus.jsonl", folder / "reference.db")
    assert run.wait(timeout=600) == 0, run.stderr.read().decode()
    contents = _contents(folder / "reference.db")
    assert len(contents["documents"]) == DOCUMENTS and contents["events"] and contents["claims"]
    return folder / "corpus.jsonl", contents


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not made yet, or being made
        return 0


def test_sigkill_at_20_random_points_loses_and_duplicates_nothing(reference, tmp_path):
    """Each run is killed while it stores: once it has added a random few documents, a random
    fraction of a second later (mid-transaction or between two)."""
    corpus, expected = reference
    db, chance = tmp_path / "killed.db", random.Random(15)
    for _ in range(KILLS):
        before, run = _stored(db), _ingest(corpus, db)
        goal = before + chance.randint(1, 3)  # small steps: on a quiet machine a run stores fast
        while _stored(db) < goal and run.poll() is None:
            time.sleep(0.02)
        time.sleep(chance.uniform(0, 0.05))
        os.killpg(run.pid, signal.SIGKILL)  # the process and its worker, as a power cut would
        run.wait()
    assert _stored(db) < DOCUMENTS  # the kills fell before the end
    finished = _ingest(corpus, db)
    assert finished.wait(timeout=600) == 0, finished.stderr.read().decode()
    assert _contents(db) == expected


def test_two_ingests_at_once_store_what_one_does(reference, tmp_path):
    corpus, expected = reference
    db = tmp_path / "together.db"
    runs = [_ingest(corpus, db) for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.stderr.read().decode()  # no "database is locked"
    assert _contents(db) == expected
