"""Does any cost grow faster than its input? Each axis doubles its size four times and prints,
per step, the time and the peak memory and the ratio to the step before: linear work doubles its
time (≤ ~2.2× with noise), quadratic work quadruples it.

Time is CPU time of the step's process, the median of `--repeats` runs: on a machine shared with
other work, wall time measures the others too. Each step also times a fixed reference in the same
process (spaCy parsing one 1,000-word text, the same at every step); `×ref` is the step's ratio
divided by the reference's, so that a moment the machine ran slower does not pass for
superlinear work. Peak memory is the step process's maximum resident set (`peak MB`).

Axes (synthetic texts, written here):
  words      one document of N words (sentences with actors, figures and a ceasefire): extraction
  sentence   one sentence of N "No. 1" (3N tokens), parsed as extraction parses it: the clause
             reading of the document (`clauses.analyse`), which once asked each token for its children
             by scanning its subtree's span, quadratic in the sentence's length
  documents  a corpus of N short documents: extraction, then storage (`Store.add`)
  figures    N one-line documents stating one figure under one key ("Hamas released N hostages
             on Friday."): storage, then the first page of `truceline claims` (`Reader.facts`)
             and `GET /api/facts?limit=1` (in this process, through FastAPI's TestClient; `KB`
             is the size of its answer)
  ingest     peak memory of `truceline ingest` of the first 300 documents of ../shared's White
             House corpus (not doubled): the sums over the command and its worker processes of
             their resident sets (RSS, which counts pages the workers share once per process)
             and of their proportional sets (PSS, which counts a shared page once), sampled with
             psutil every 0.2 s; with the default workers, with --workers 1, and in one process
             (`Pipeline.extract` in batches of TRUCELINE_BATCH_SIZE, its maximum resident set)

Each step runs in a child process of its own, so that its peak memory is its own; the model's
load is outside the time. `--steps` sets the doublings; TRUCELINE_* settings apply.

    python bench/scaling.py                        # every axis
    python bench/scaling.py --axes words --steps 3 --repeats 5
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wh-briefings" / "all_2023-2024.jsonl.gz"
BASE = {"words": 1_000, "sentence": 2_000, "documents": 25, "figures": 100}
INGEST_DOCUMENTS = 300
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


def cpu_seconds(work: Callable[[], object], repeats: int) -> float:
    """The median CPU time of this process over `repeats` runs of `work`."""
    times = []
    for _ in range(repeats):
        began = time.process_time()
        work()
        times.append(time.process_time() - began)
    return statistics.median(times)


# --- steps, each run in a child: `python bench/scaling.py --step AXIS SIZE REPEATS` prints one JSON line ---


def step(axis: str, size: int, repeats: int) -> dict:
    from truceline.config import Settings
    from truceline.pipeline import Pipeline
    from truceline.records import RawInput

    # The text budget off, so that the largest steps are measured; a checkout from before the
    # budget existed runs too (PYTHONPATH=OLD/src), for a before/after table.
    settings = Settings.from_env(**{"max_text_chars": 10_000_000} if "max_text_chars" in Settings.__dataclass_fields__
                                 else {})
    pipeline = Pipeline(settings)
    list(pipeline.extract([RawInput("warm.txt", sentence(0).encode(), "text")]))
    reference = text_of(1_000)
    result: dict = {"reference": cpu_seconds(lambda: pipeline.nlp(reference), repeats)}
    if axis == "words":
        raw = RawInput("doc.txt", text_of(size).encode(), "text", {"date": "2023-11-24"})
        return {**result, "extract": cpu_seconds(lambda: list(pipeline.extract([raw])), repeats)}
    if axis == "sentence":
        from truceline import clauses

        [work] = pipeline.analyse([RawInput("doc.txt", ("Reference. " + "No. 1 " * size).encode(), "text")])
        doc = work.doc
        return {**result, "clauses": cpu_seconds(lambda: (doc.user_data.clear(), clauses.analyse(doc)), repeats)}
    with tempfile.TemporaryDirectory() as folder:
        if axis == "corpus":  # the ingest axis's one-process run: its peak memory
            return {"extract": cpu_seconds(lambda: _extract(pipeline, settings, _corpus_file(Path(folder))), 1)}
        if axis == "documents":
            lines = [article(n, text_of(60, n)) for n in range(size)]
        else:
            lines = [article(n, f"Hamas released {n % 50 + 1} hostages on Friday.") for n in range(size)]
        corpus = Path(folder, "corpus.jsonl")
        corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
        records = []
        result["extract"] = cpu_seconds(lambda: records.append(_extract(pipeline, settings, corpus)), 1)
        databases = iter(Path(folder, f"{n}.db") for n in range(repeats))
        result["store"] = cpu_seconds(lambda: _store(records[0], next(databases)), repeats)
        if axis == "figures":
            result.update(_queries(Path(folder, "0.db"), repeats))
    return result


def _extract(pipeline, settings, corpus: Path) -> list:
    from truceline.ingest import read_inputs
    from truceline.records import Record

    return [r for r in pipeline.extract(read_inputs([str(corpus)], settings)) if isinstance(r, Record)]


def _store(records: list, db: Path) -> None:
    from truceline.store import Store, database_url

    with Store(database_url(str(db))) as store:
        for record in records:
            store.add(record)


def _queries(db: Path, repeats: int) -> dict:
    from fastapi.testclient import TestClient

    from truceline.store import Store, database_url
    from truceline.web.app import create_app

    url = database_url(str(db))
    answer = []
    with Store(url, create=False) as store:
        claims = cpu_seconds(lambda: store.facts(limit=20), repeats)
    with TestClient(create_app(url)) as client:
        api = cpu_seconds(lambda: answer.append(client.get("/api/facts?limit=1").raise_for_status().content), repeats)
    return {"claims": claims, "api_facts": api, "KB": len(answer[-1]) / 1000}


def _corpus_file(folder: Path) -> Path:
    corpus = folder / "corpus.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f, corpus.open("w", encoding="utf-8") as out:
        for _ in range(INGEST_DOCUMENTS):
            out.write(next(f))
    return corpus


def run_step(axis: str, size: int, repeats: int, timeout: float) -> dict | str:
    """The step's figures, or why there are none."""
    try:
        done = subprocess.run([sys.executable, __file__, "--step", axis, str(size), str(repeats)], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s: cut"
    if done.returncode:
        return f"failed: {(done.stderr.strip().splitlines() or ['exit code %d' % done.returncode])[-1]}"
    return json.loads(done.stdout.splitlines()[-1])


def ingest_peak(workers: int | None) -> dict:
    """Peak memory of `truceline ingest` of the corpus's first documents: the largest sums, over
    the command's process tree, of RSS and of PSS seen while it ran, in MB."""
    import psutil

    with tempfile.TemporaryDirectory() as folder:
        corpus = _corpus_file(Path(folder))
        command = [sys.executable, "-m", "truceline", "ingest", str(corpus), "--db", str(Path(folder, "i.db"))]
        began = time.perf_counter()
        process = psutil.Popen(command + ([] if workers is None else ["--workers", str(workers)]),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rss = pss = 0.0
        while process.poll() is None:
            tree_rss = tree_pss = 0
            for p in [process, *process.children(recursive=True)]:
                try:
                    memory = p.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                tree_rss, tree_pss = tree_rss + memory.rss, tree_pss + memory.pss
            rss, pss = max(rss, tree_rss / 2**20), max(pss, tree_pss / 2**20)
            time.sleep(0.2)
        return {"rss": rss, "pss": pss, "seconds": time.perf_counter() - began, "exit": process.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--axes", nargs="*", default=[*BASE, "ingest"], choices=[*BASE, "ingest"])
    parser.add_argument("--steps", type=int, default=4, help="doublings after the first size")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measure; the median is shown")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a step may take before it is cut")
    parser.add_argument("--step", nargs=3, metavar=("AXIS", "SIZE", "REPEATS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        result = step(args.step[0], int(args.step[1]), int(args.step[2]))
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    print(f"CPU seconds, median of {args.repeats}; × = ratio to the step before; ×ref = that ratio over the "
          "reference's (spaCy on a fixed text, timed in the same step)")
    for axis in [a for a in args.axes if a != "ingest"]:
        previous = None
        for n in range(args.steps + 1):
            size = BASE[axis] * 2 ** n
            result = run_step(axis, size, args.repeats, args.timeout)
            if isinstance(result, str):
                print(f"{axis:<10} {size:>6}  {result}", flush=True)
                break
            figures = []
            for name, value in result.items():
                if name in ("reference", "peak_mb"):
                    continue
                figures.append(f"{name} {value:.2f}")
                if previous and name != "KB":
                    ratio = value / previous[name]
                    figures[-1] += f" ({ratio:.2f}× {ratio / (result['reference'] / previous['reference']):.2f}×ref)"
            print(f"{axis:<10} {size:>6}  ref {result['reference']:.3f}  peak MB {result['peak_mb']:>5.0f}  "
                  + "  ".join(figures), flush=True)
            previous = result
    if "ingest" in args.axes:
        print(f"Peak memory of ingesting the first {INGEST_DOCUMENTS} documents of {CORPUS.name}, MB:")
        for label, workers in (("default workers", None), ("--workers 1", 1)):
            peak = ingest_peak(workers)
            print(f"  truceline ingest, {label:<16} RSS sum {peak['rss']:>6.0f}  PSS sum {peak['pss']:>6.0f}  "
                  f"({peak['seconds']:.0f} s wall, exit {peak['exit']})", flush=True)
        one = run_step("corpus", INGEST_DOCUMENTS, 1, args.timeout)
        print(f"  one process (Pipeline.extract)  peak {one['peak_mb']:.0f}" if isinstance(one, dict) else
              f"  one process: {one}", flush=True)


if __name__ == "__main__":
    main()
