"""A reproducible draw of coded events for a precision audit by hand: documents drawn with a fixed
seed from the 647-document Gaza/Lebanon corpus, coded by the chosen events stage, and events drawn
with the same seed from all they hold, each printed with its sentence for a careful reader to judge
(fully right, partly right, wrong). No judgement is made here. The draw leaves out the events'
held-out documents (the annotated test split and the clearest suite's texts): an audit's verdicts
are studied, and a quarter of the events of seeds 50-53 were drawn from test-split documents.

    python -m truceline.evaluation.audit                                  # the settings' coder
    python -m truceline.evaluation.audit --events events=minilm,roles=pairs --seed 40
    python -m truceline.evaluation.audit --documents 0                    # code every one drawable first
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

from truceline.config import Settings
from truceline.evaluation import clearest
from truceline.evaluation.frames import corpus_documents, document_input
from truceline.models import examples
from truceline.pipeline import Pipeline
from truceline.records import Event, Record
from truceline.stages import stages_with

SEED = 40


def drawn_documents(shared: Path, count: int, seed: int) -> list[str]:
    """`count` paths of the Gaza/Lebanon corpus (all of them for 0) but its held-out ones, drawn
    with `seed`."""
    kept_out = held_out()
    paths = sorted(p for p, d in corpus_documents(shared).items() if d["corpus"] == 0 and p not in kept_out)
    return paths if count == 0 else random.Random(seed).sample(paths, count)


def held_out() -> set[str]:
    """The corpus paths whose events are scored only: the annotated test split's documents and
    the clearest suite's texts."""
    return ({e.doc for e in examples.load() if e.origin == "annotated" and e.split == "test"}
            | {d["path"] for d in clearest.load() if "path" in d})


def coded_events(shared: Path, paths: list[str], stages: str) -> Iterator[tuple[str, Record, Event]]:
    """Every event the stages code in the documents, in document order, with its document."""
    for path, record in zip(paths, Pipeline(Settings.from_env(stages=stages)).extract(
            document_input(p, shared) for p in paths)):
        if isinstance(record, Record):
            yield from ((path, record, e) for e in record.events)


def draw(shared: Path, events: str | None, documents: int, count: int, seed: int) -> tuple[str, int, list]:
    """(the stage list, how many events were coded, the `count` drawn with `seed`)."""
    stages = stages_with(Settings.from_env().stages, events)
    found = list(coded_events(shared, drawn_documents(shared, documents, seed), stages))
    return stages, len(found), random.Random(seed).sample(found, min(count, len(found)))


def _print(stages: str, total: int, drawn: list, documents: int, seed: int) -> None:
    print(f"# stages {stages}; seed {seed}; {documents or 'all'} documents; {total} events coded, {len(drawn)} drawn")
    print("# judge each: fully right / partly right (which field) / wrong\n")
    for n, (path, record, e) in enumerate(drawn, 1):
        target = e.target.canonical if e.target else "-"
        print(f"{n}. {e.type} ({e.mode}) {e.source.canonical} -> {target}; date {e.date}; published {record.document.published}")
        print(f"   {path} [{e.start}:{e.end}]")
        print(f"   {' '.join(e.text.split())}\n")


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", help="the events stage(s) in place of the settings' (e.g. events=minilm)")
    parser.add_argument("--documents", type=int, default=60, help="documents drawn and coded; 0 for all but the held-out ones")
    parser.add_argument("--count", type=int, default=40, help="events drawn")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    stages, total, drawn = draw(args.shared, args.events, args.documents, args.count, args.seed)
    _print(stages, total, drawn, args.documents, args.seed)


if __name__ == "__main__":
    _main()
