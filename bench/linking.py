"""What linking costs per 1,000 documents, beside storing them without it, in the same run: the
records of an ingested database (extracted once, so that parsing is not timed) stored again into
new databases

- stored only: each document's rows, without its story, merge keys or agreement threads;
- stored and linked: as `truceline ingest` does, each document placed and threaded as it is
  stored, then `Store.link` over all of them (re-keying, re-threading, the merged tables);
- linked again: `truceline link` over the whole database, alone.

    python bench/linking.py --from truceline.db          # every document it holds
    python bench/linking.py --from truceline.db --limit 300
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from truceline.storage.writer import Writer
from truceline.store import Store, database_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", required=True, help="an ingested database (path or URL)")
    parser.add_argument("--limit", type=int, help="its first N documents in publication order")
    args = parser.parse_args()
    with Store(database_url(args.source), create=False) as source:
        records = list(itertools.islice(source.records(), args.limit))
    n = len(records)
    with tempfile.TemporaryDirectory() as tmp:
        timings = {}
        with Store(f"sqlite:///{Path(tmp) / 'stored.db'}") as store:
            writer, start = Writer(store.engine), time.perf_counter()
            for record in records:
                writer.add(record, lambda conn, record: None)  # the rows alone
            timings["stored only"] = time.perf_counter() - start
        with Store(f"sqlite:///{Path(tmp) / 'linked.db'}") as store:
            start = time.perf_counter()
            for record in records:
                store.add(record)
            store.link()
            timings["stored and linked"] = time.perf_counter() - start
            start = time.perf_counter()
            store.link()
            timings["linked again (truceline link)"] = time.perf_counter() - start
    baseline = timings["stored only"]
    table = Table("run", "seconds", "seconds per 1,000 documents", "÷ stored only")
    for run, seconds in timings.items():
        table.add_row(run, f"{seconds:.2f}", f"{seconds / n * 1000:.1f}", f"{seconds / baseline:.2f}")
    Console().print(f"{n:,} documents of {args.source}")
    Console().print(table)
    Console().print(f"linking alone: {(timings['stored and linked'] - baseline) / n * 1000:.1f} s per 1,000 documents")


if __name__ == "__main__":
    main()
