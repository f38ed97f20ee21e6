"""What ingesting documents that are already stored costs, against their first ingest: the same
`truceline ingest` command twice on the same file, into the same new database, timed end to end
(worker start-up included). Stored documents are found after cleaning, before parsing.

    python bench/reingest.py --limit 1000
    python bench/reingest.py --limit 1000 -- --ray auto     # the same through a local Ray cluster
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

CORPUS = (Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wh-briefings"
          / "all_2023-2024.jsonl.gz")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="documents of the corpus to ingest")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument("extra", nargs="*", help="more options for truceline ingest, after --")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
            corpus.write_text("".join(itertools.islice(f, args.limit)), encoding="utf-8")
        db = args.db or f"sqlite:///{tmp}/reingest.db"
        table = Table("run", "seconds", "documents/s", "÷ first run")
        first = None
        for run in ("first ingest", "again (all stored)"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "truceline", "ingest", str(corpus), "--db", db, *args.extra],
                           check=False, stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - start
            first = first or seconds
            table.add_row(run, f"{seconds:.1f}", f"{args.limit / seconds:.2f}", f"{seconds / first:.3f}")
    Console().print(f"{args.limit:,} documents of {args.corpus.name}")
    Console().print(table)


if __name__ == "__main__":
    main()
