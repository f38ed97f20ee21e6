"""Does any cost grow faster than its input? Each axis doubles its size four times and prints,
per step, the time and the peak memory (maximum resident set) and the ratio to the step before:
linear work doubles its time (≤ ~2.2× with noise), quadratic work quadruples it.

Axes (synthetic texts, written here):
  words      one document of N words (sentences with actors, figures and a ceasefire): extraction
  documents  a corpus of N short documents: extraction and storage (`Pipeline` + `Store.add`)
  figures    N one-line documents stating one figure under one key ("Hamas released N hostages
             on Friday."): storage, then `truceline claims` and `GET /api/facts?limit=1`
  corpus     peak memory of ingesting the first 300 documents of ../shared's White House corpus

Each step runs in a child process of its own, so that its peak memory is its own; the model's
load is outside the time. `--steps` sets the doublings; TRUCELINE_* settings apply
(TRUCELINE_BATCH_SIZE=1: the documents one at a time, as a worker process of `ingest` gets them).

    python bench/scaling.py                        # every axis
    python bench/scaling.py --axes words --steps 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wh-briefings" / "all_2023-2024.jsonl.gz"
BASE = {"words": 1_000, "documents": 25, "figures": 100, "corpus": 300}
SENTENCES = [
    "Qatar said on {day} that Israel and Hamas agreed to a {n}-day humanitarian pause in Gaza.",
    "Under the deal, {m} hostages will be released in exchange for {k} Palestinian prisoners.",
    "The Gaza health ministry said {k} people were killed in strikes on {day}.",
    "Egypt and the United States urged both sides to extend the truce and let aid trucks enter.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentence(i: int) -> str:
    return SENTENCES[i % len(SENTENCES)].format(day=DAYS[i % 5], n=i % 6 + 2, m=i % 90 + 10, k=i * 7 % 900 + 20)


def text_of(words: int, seed: int = 0) -> str:
    out, count, i = [], 0, seed
    while count < words:
        out.append(sentence(i))
        count += len(out[-1].split())
        i += 1
    return " ".join(out)


def article(n: int, text: str) -> dict:
    return {"url": f"https://example.org/synthetic/{n}", "title": f"Synthetic {n}", "date": "2023-11-24", "text": text}


# --- steps, each run in a child: `python bench/scaling.py --step AXIS SIZE` prints one JSON line ---


def step(axis: str, size: int) -> dict:
    from truceline.config import Settings
    from truceline.pipeline import Pipeline
    from truceline.records import RawInput

    with tempfile.TemporaryDirectory() as folder:
        # The text budget off, so that the largest steps are measured; a checkout from before the
        # budget existed runs too (PYTHONPATH=OLD/src), for a before/after table.
        settings = Settings.from_env(**{"max_text_chars": 10_000_000} if "max_text_chars" in Settings.__dataclass_fields__
                                     else {})
        pipeline = Pipeline(settings)
        list(pipeline.extract([RawInput("warm.txt", sentence(0).encode(), "text")]))
        if axis == "words":
            raw = RawInput("doc.txt", text_of(size).encode(), "text", {"date": "2023-11-24"})
            began = time.perf_counter()
            list(pipeline.extract([raw]))
            return {"seconds": time.perf_counter() - began}
        if axis == "documents":
            lines = [article(n, text_of(60, n)) for n in range(size)]
        elif axis == "figures":
            lines = [article(n, f"Hamas released {n % 50 + 1} hostages on Friday.") for n in range(size)]
        else:
            with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
                lines = [json.loads(next(f)) for _ in range(size)]
        corpus, db = Path(folder, "corpus.jsonl"), Path(folder, "s.db")
        corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
        seconds = _store(pipeline, settings, corpus, db)
        result = {"seconds": seconds}
        if axis == "figures":
            result["claims_seconds"] = _timed([sys.executable, "-m", "truceline", "claims", "--db", str(db)])
            result["api_facts_seconds"] = _timed([sys.executable, "-m", "truceline", "serve", "--db", str(db),
                                                  "--get", "/api/facts?limit=1"])
        return result


def _store(pipeline, settings, corpus: Path, db: Path) -> float:
    from truceline.ingest import read_inputs
    from truceline.records import Record
    from truceline.store import Store, database_url

    began = time.perf_counter()
    with Store(database_url(str(db))) as store:
        for result in pipeline.extract(read_inputs([str(corpus)], settings)):
            if isinstance(result, Record):
                store.add(result)
    return time.perf_counter() - began


def _timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return time.perf_counter() - began


def run_step(axis: str, size: int, timeout: float) -> dict | None:
    try:
        done = subprocess.run([sys.executable, __file__, "--step", axis, str(size)], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--axes", nargs="*", default=list(BASE), choices=list(BASE))
    parser.add_argument("--steps", type=int, default=4, help="doublings after the first size")
    parser.add_argument("--timeout", type=float, default=900, help="seconds a step may take before it is cut")
    parser.add_argument("--step", nargs=2, metavar=("AXIS", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        result = step(args.step[0], int(args.step[1]))
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    print(f"{'axis':<10} {'size':>7} {'seconds':>9} {'×':>6} {'peak MB':>8}  other")
    for axis in args.axes:
        previous = None
        for n in range(1 if axis == "corpus" else args.steps + 1):
            size = BASE[axis] * 2 ** n
            result = run_step(axis, size, args.timeout)
            if result is None:
                print(f"{axis:<10} {size:>7}   > {args.timeout:.0f} s: cut")
                break
            ratio = f"{result['seconds'] / previous['seconds']:.2f}" if previous else ""
            other = "  ".join(f"{k} {v:.2f}" + (f" ({v / previous[k]:.2f}×)" if previous else "")
                              for k, v in result.items() if k not in ("seconds", "peak_mb"))
            print(f"{axis:<10} {size:>7} {result['seconds']:>9.2f} {ratio:>6} {result['peak_mb']:>8.0f}  {other}",
                  flush=True)
            previous = result


if __name__ == "__main__":
    main()
