"""Throughput of truceline's extraction: one worker process against several, and against bare
spaCy on as many processes; same model, same texts, same run.

truceline is timed as `truceline extract --workers N` runs it (read the JSON Lines file, clean,
parse, find actors, events, claims and agreements), without printing, with 1 worker and with N
(one per core by default). Bare spaCy is timed on `nlp.pipe` over the cleaned texts truceline
parsed, split across N processes that hold the model, as truceline's workers do. Every pool is
started and its model loaded before timing. The three alternate chunk by chunk, so that a
machine busy with something else slows them alike and the ratios hold. Beside them, a busy loop
in 1 process and in N shows how much of N cores the machine gives this run: where other work
keeps the cores busy, N processes get no more than one.

`--stages` also times one worker with other stages, in the same alternation:
`--stages clean,actors,clauses,events=model,claims,agreements,quality` is the cost of the trained
event coder against the rule-based one. `--parse all` times one worker that parses every
sentence: what parsing only the needed ones saves.

    python bench/throughput.py --limit 200 --parse all
    python bench/throughput.py --profile 40     # where one process's time goes, by stage
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import itertools
import multiprocessing
import os
import pstats
import tempfile
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.records import Record
from truceline.workers import Workers

CHUNK = 50  # documents per alternation
SPIN = 5_000_000  # iterations of the busy loop per task: about a second of one core
CORPUS = (Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wh-briefings"
          / "all_2023-2024.jsonl.gz")
console = Console()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="documents to read; 0 for all 6,050")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)),
                        help="worker processes to compare with one (default: one per core)")
    parser.add_argument("--model", help="spaCy model (default: the spacy_model setting)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--profile", type=int, metavar="N", help="profile one process over N documents instead")
    parser.add_argument("--stages", help="also time one worker with these stages (the stages setting's form)")
    parser.add_argument("--parse", help="also time one worker with this parse setting (all: every sentence)")
    args = parser.parse_args()
    settings = Settings.from_env(spacy_model=args.model)
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, args.profile or args.limit or None))
    with tempfile.TemporaryDirectory() as tmp:
        chunks = []
        for first in range(0, len(lines), CHUNK):
            chunks.append(Path(tmp) / f"chunk-{first}.jsonl")
            chunks[-1].write_text("".join(lines[first:first + CHUNK]), encoding="utf-8")
        if args.profile:
            profile(chunks, settings)
        else:
            compare(chunks, settings, args.workers, args.stages, args.parse)


def compare(chunks: list[Path], settings: Settings, workers: int, stages: str | None, parse: str | None) -> None:
    seconds: Counter[str] = Counter()
    busy: Counter[str] = Counter()
    texts: list[str] = []
    one, many = "truceline, 1 worker", f"truceline, {workers} workers"
    other = f"truceline, 1 worker, stages {stages}"
    parse_other = f"truceline, 1 worker, parse={parse}"
    bare = f"bare spaCy nlp.pipe, {workers} processes"
    context = multiprocessing.get_context("forkserver")
    with (Workers(_with(settings, 1)) as single, Workers(_with(settings, workers)) as pool,
          Workers(_with(settings, 1, stages or settings.stages)) as single_other,
          Workers(_with(settings, 1, parse=parse or settings.parse)) as single_parse,
          context.Pool(workers, initializer=_load, initargs=(settings.spacy_model,)) as spacy_pool):
        _wait_until_loaded(pool, spacy_pool, workers)
        timed = (((one, single), (many, pool)) + (((other, single_other),) if stages else ())
                 + (((parse_other, single_parse),) if parse else ()))
        for chunk in track(chunks, description="chunks", console=Console(stderr=True)):
            results = {}
            for name, workers_of in timed:
                start = time.perf_counter()
                results[name] = list(workers_of.extract(read_inputs([str(chunk)], settings)))
                seconds[name] += time.perf_counter() - start
            assert results[one] == results[many], "workers changed the records"
            # The texts truceline parsed: English (or too short to tell) cleaned documents.
            parsed = [r.document.text for r in results[one]
                      if isinstance(r, Record) and r.document.language in ("en", None)]
            start = time.perf_counter()
            spacy_pool.map(_parse, [parsed[i::workers] for i in range(workers)])
            seconds[bare] += time.perf_counter() - start
            texts += parsed
            start = time.perf_counter()
            for _ in range(workers):
                _spin(SPIN)
            busy["1 process"] += time.perf_counter() - start
            start = time.perf_counter()
            spacy_pool.map(_spin, [SPIN] * workers)
            busy[f"{workers} processes"] += time.perf_counter() - start

    words = sum(len(text.split()) for text in texts)
    console.print(f"{len(texts):,} documents, {words:,} words, model {settings.spacy_model}, parse={settings.parse}, "
                  f"{len(os.sched_getaffinity(0))} cores", highlight=False)
    table = Table("")
    for column in ("seconds", "documents/s", "words/s", f"÷ {one}", f"÷ {bare}"):
        table.add_column(column, justify="right")
    for name in (one, many, bare, *([other] if stages else []), *([parse_other] if parse else [])):
        table.add_row(name, f"{seconds[name]:.1f}", f"{len(texts) / seconds[name]:,.2f}",
                      f"{words / seconds[name]:,.0f}", f"{seconds[one] / seconds[name]:.2f}",
                      f"{seconds[bare] / seconds[name]:.2f}")
    console.print(table)
    console.print(f"Busy loop, {workers} equal tasks per chunk: {busy['1 process']:.1f} s in 1 process, "
                  f"{busy[f'{workers} processes']:.1f} s in {workers}: {workers} processes ran "
                  f"{busy['1 process'] / busy[f'{workers} processes']:.2f}× as fast as one on this machine "
                  "during this run", highlight=False)


def _spin(n: int) -> None:
    """Pure-Python work that needs a core and nothing else."""
    total = 0
    for i in range(n):
        total += i * i


def _with(settings: Settings, workers: int, stages: str | None = None, parse: str | None = None) -> Settings:
    return Settings.from_env(**{**vars(settings), "workers": workers, "stages": stages or settings.stages,
                                "parse": parse or settings.parse})


def _warm_up() -> Path:
    """A one-sentence text none of the timed ones holds: warmed up on a timed text, the MiniLM
    reader would time that text's sentences from its cache of readings."""
    warm_up = Path(tempfile.mkdtemp()) / "warm-up.txt"
    warm_up.write_text("Qatar said Israel and Hamas agreed to a pause.", encoding="utf-8")
    return warm_up


def _wait_until_loaded(pool: Workers, spacy_pool, workers: int) -> None:
    """Every worker of both pools has its model: one short task each, at once."""
    list(pool.extract(itertools.chain.from_iterable(read_inputs([str(_warm_up())], pool.settings)
                                                    for _ in range(workers * 4))))
    spacy_pool.map(_parse, [["Warm up."]] * workers)


_nlp = None


def _load(model: str) -> None:
    global _nlp
    from truceline.language import load_nlp

    _nlp = load_nlp(model)


def _parse(texts: list[str]) -> int:
    return sum(1 for _doc in _nlp.pipe(texts))


def profile(chunks: list[Path], settings: Settings) -> None:
    """Run the pipeline in this process, timing spaCy's analysis and each stage in CPU seconds
    (cProfile's own cost would swell the stages, which are Python, against spaCy's compiled
    code) and counting the tokens parsed; then, a second time, under cProfile, and print the
    truceline functions that take the most time, with what they call."""
    from truceline.pipeline import Pipeline

    pipeline = Pipeline(settings)
    list(pipeline.extract(read_inputs([str(_warm_up())], settings)))  # first-use loads
    spent: Counter[str] = Counter()
    analyse = pipeline._analyse_batch

    def timed_analysis(works) -> None:
        start = time.process_time()
        analyse(works)
        spent[f"spaCy analysis (parse={settings.parse})"] += time.process_time() - start

    def timed(stage):
        def run(work) -> None:
            start = time.process_time()
            stage(work)
            spent[f"stage {stage.name}"] += time.process_time() - start
        return run

    pipeline._analyse_batch = timed_analysis
    pipeline._before, pipeline._after = map(lambda stages: [timed(s) for s in stages],
                                            (pipeline._before, pipeline._after))
    tokens: Counter[str] = Counter()
    start = time.process_time()
    for chunk in chunks:
        for work in pipeline.analyse(read_inputs([str(chunk)], settings)):
            doc = getattr(work, "doc", None)
            tokens["all"] += len(doc) if doc is not None else 0
            tokens["parsed"] += sum(1 for t in doc if t.dep_) if doc is not None else 0
    total = time.process_time() - start
    spent["reading the input, the rest"] = total - sum(spent.values())
    table = Table("where", "CPU seconds", "share", title=f"{tokens['all']:,} tokens in one process, "
                  f"{total:.1f} CPU s; {tokens['parsed'] / max(tokens['all'], 1):.0%} of the tokens parsed",
                  title_justify="left")
    for place, seconds in spent.most_common():
        table.add_row(place, f"{seconds:.1f}", f"{seconds / total:.0%}")
    console.print(table)
    profiler = cProfile.Profile()
    profiler.enable()
    for chunk in chunks:
        list(pipeline.extract(read_inputs([str(chunk)], settings)))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"src/truceline/(?!pipeline|stages)", 20)


if __name__ == "__main__":
    main()
