"""Each hostile input, ingested beside a control article, is stored or skipped with its reason, in
bounded time, and never costs the control article. Ingest runs in a child process that reports
each case as it ends, so that a hang fails the test (naming the case) instead of stalling it."""

from __future__ import annotations

import json
import os
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import nasty_inputs  # noqa: E402

# Generous for a loaded 2-core machine; the slowest case takes a few seconds alone.
SECONDS_PER_INPUT = 60
SECONDS_TO_LOAD = 300

# The real `ingest` command, in-process, its worker pool made once for all cases (the model loads
# once, before the first case's clock starts).
DRIVER = """
import contextlib, json, sys, time
from typer.testing import CliRunner
from truceline import cli
from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.workers import Workers
pool = Workers(Settings.from_env(workers=1))
cli._extraction = contextlib.contextmanager(
    lambda settings, ray=None: iter([lambda paths, skip_stored_in=None: pool.extract(read_inputs(paths, settings),
                                                                                       skip_stored_in)]))
print("ready", flush=True)
control, folder, cases = sys.argv[1], sys.argv[2], sys.argv[3:]
for name, path in zip(cases[::2], cases[1::2]):
    began = time.monotonic()
    result = CliRunner().invoke(cli.app, ["ingest", control, path, "--db", f"{folder}/{name}.db"])
    crash = None if result.exception is None or isinstance(result.exception, SystemExit) else repr(result.exception)
    print(json.dumps({"name": name, "exit": result.exit_code, "crash": crash,
                      "seconds": round(time.monotonic() - began, 2)}), flush=True)
"""


def _run_cases(cases: dict[str, tuple[Path, str]], control: Path, folder: Path) -> dict[str, dict]:
    """Each case's result; a case that hangs is killed and recorded, and the rest go on in a new child."""
    results: dict[str, dict] = {}
    while len(results) < len(cases):
        left = [name for name in cases if name not in results]
        args = [str(a) for name in left for a in (name, cases[name][0])]
        child = subprocess.Popen([sys.executable, "-c", DRIVER, str(control), str(folder), *args],
                                 stdout=subprocess.PIPE, text=True, start_new_session=True)
        selector = selectors.DefaultSelector()
        selector.register(child.stdout, selectors.EVENT_READ)
        try:
            if not selector.select(timeout=SECONDS_TO_LOAD) or child.stdout.readline() != "ready\n":
                pytest.fail(f"the child could not load the pipeline in {SECONDS_TO_LOAD} s")
            for name in left:
                line = child.stdout.readline() if selector.select(timeout=SECONDS_PER_INPUT) else None
                if not line:
                    results[name] = {"name": name, "crash": "hung" if line is None else "died", "seconds": None}
                    break
                result = json.loads(line)
                results[result["name"]] = result
        finally:
            os.killpg(child.pid, signal.SIGKILL)  # the child, its worker and the fork server
            child.wait()
    return results


def test_every_nasty_input_is_stored_or_skipped_with_a_reason_beside_a_stored_control(tmp_path):
    cases = nasty_inputs.write(tmp_path / "inputs")
    control = tmp_path / "control.json"
    control.write_text(json.dumps(nasty_inputs.CONTROL))
    began = time.monotonic()
    results = _run_cases(cases, control, tmp_path)
    problems = []
    for name, (path, expected) in cases.items():
        result = results[name]
        if result["crash"]:
            problems.append(f"{name}: {result['crash']}")
            continue
        with sqlite3.connect(tmp_path / f"{name}.db") as db:
            sources = {s for (s,) in db.execute("select source from documents")}
            reasons = [r for (r,) in db.execute("select reason from failures")]
        if nasty_inputs.CONTROL["url"] not in sources:
            problems.append(f"{name}: the control article was not stored")
        stored = len(sources) > 1
        if expected == "stored" and not stored:
            problems.append(f"{name}: expected stored, skipped: {reasons}")
        elif expected != "stored" and not (stored or reasons):
            problems.append(f"{name}: neither stored nor skipped with a reason")
        elif expected not in ("stored", "") and not any(r.startswith(expected) for r in reasons):
            problems.append(f"{name}: expected a reason starting {expected!r}, got {reasons or 'stored'}")
        if reasons and not stored and result["exit"] != 1:
            problems.append(f"{name}: exit {result['exit']} though an input was skipped")
    print(f"{len(cases)} nasty inputs in {time.monotonic() - began:.0f} s; slowest: "
          + ", ".join(f"{r['name']} {r['seconds']} s" for r in sorted(results.values(), key=lambda r: -(r["seconds"] or 0))[:3]))
    assert not problems, "\n".join(problems)
