"""Latency and throughput of `truceline serve` on a database of 100,000 documents' records.

Two steps:

    python bench/web.py build --source corpus.db --documents 100000 --out load.db
    python bench/web.py run --db load.db

`build` copies an ingested database (e.g. the 6,050-document corpus, `truceline ingest
../shared/corpora/wh-briefings/all_2023-2024.jsonl.gz --db corpus.db`) and replicates its records
until it holds the number of documents asked for. This is synthetic load and is labelled as such:
each replica's documents have the publisher "synthetic load, replica N" and a source ending in
"#replica-N", and its stories, agreements and merged records are its own, so that the merged views
grow with it as they would with that many distinct documents.

`run` starts `truceline serve` on 127.0.0.1 and times every page and API endpoint: p50 and p95
of sequential requests, then requests per second with 20 concurrent clients. A static file is
timed in the same run as the baseline (the cost of the server itself), so the ratios hold on a
busy machine. Request loops are bounded in count and in time, and only reach localhost.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import sqlalchemy as sa
from rich.console import Console
from rich.progress import track
from rich.table import Table

from truceline import fulltext
from truceline.storage.schema import metadata
from truceline.store import Store

REPLICATED = ("documents", "actors", "events", "claims", "agreements", "stories", "agreement_threads")
SUFFIXED = {"id", "document_id", "story_id", "thread_id", "merge_key"}  # what makes a replica's records its own
BASELINE = "/static/style.css"
CLIENTS = 20
console = Console(width=150)  # wide enough for the paths


def build(source: Path, documents: int, out: Path) -> None:
    shutil.copyfile(source, out)
    with Store(f"sqlite:///{out}") as store:
        store.link_unplaced()  # a source made by an older truceline gets the keys the views page by
        original = store.counts()["documents"]
        replicas = -(-documents // original)  # ceiling: replica 0 is the original
        with store.engine.begin() as conn:
            for replica in track(range(1, replicas), description="replicating", console=console):
                for name in REPLICATED:
                    conn.execute(_replicate(metadata.tables[name], replica))
            indexed = fulltext.build(conn)
        counts = store.counts()
    console.print(f"{out}: {counts['documents']:,} documents ({original:,} real, {replicas - 1} synthetic replicas), "
                  f"{counts['events']:,} events, {counts['claims']:,} claims, {counts['agreements']:,} agreement "
                  f"mentions; {indexed:,} documents indexed for search")


def _replicate(table: sa.Table, replica: int) -> sa.Insert:
    """INSERT … SELECT of the original rows of `table` as replica `replica`."""
    suffix = f"~r{replica}"
    original = table.c.document_id if "document_id" in table.c else table.c.id
    columns = []
    for column in table.columns:
        if column.name in SUFFIXED:
            columns.append(column.op("||")(suffix).label(column.name))
        elif table.name == "documents" and column.name == "source":
            columns.append(column.op("||")(f"#replica-{replica}").label("source"))
        elif table.name == "documents" and column.name == "publisher":
            columns.append(sa.literal(f"synthetic load, replica {replica}").label("publisher"))
        else:
            columns.append(column)
    rows = sa.select(*columns).where(original.not_like("%~r%"))
    return table.insert().from_select([c.name for c in table.columns], rows)


def run(db: Path, repeats: int, budget: float, concurrent_requests: int) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "truceline", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        _wait_until_up(base, server)
        console.print(f"server up in {time.perf_counter() - started:.1f} s (opening the database, search index)")
        with httpx.Client(base_url=base, timeout=300) as client:
            document = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
            paths = _paths(document)
            latencies = {path: _latencies(client, path, repeats, budget) for path in [BASELINE, *paths]}
        rates = {path: _rate(base, [path], concurrent_requests, budget) for path in (BASELINE, "/api/events", "/")}
        rates["all endpoints, mixed"] = _rate(base, paths, concurrent_requests, budget)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _report(db, latencies, rates)


def _paths(document: str) -> list[str]:
    pages = ["/", "/?as_of=2024-01-15", "/timeline", "/timeline?since=2023-11-01&until=2023-11-30", "/network",
             "/network?actor=Israel", "/figures", "/figures?kind=killed", "/documents", f"/documents/{document}",
             "/search?q=ceasefire", "/docs"]
    api = ["/api/agreements", "/api/timeline", "/api/timeline?offset=20000", "/api/network", "/api/facts",
           "/api/facts?as_of=2024-01-15", "/api/events", "/api/events?actor=Israel&limit=100", "/api/documents",
           f"/api/documents/{document}", "/api/search?q=ceasefire", "/api/state?as_of=2024-01-15"]
    return pages + api


def _latencies(client: httpx.Client, path: str, repeats: int, budget: float) -> list[float]:
    """Seconds of each sequential request, `repeats` of them or as many as fit in `budget`."""
    seconds: list[float] = []
    deadline = time.perf_counter() + budget
    while len(seconds) < repeats and time.perf_counter() < deadline:
        start = time.perf_counter()
        response = client.get(path)
        seconds.append(time.perf_counter() - start)
        response.raise_for_status()
    return seconds


def _rate(base: str, paths: list[str], total: int, budget: float) -> float:
    """Requests per second that CLIENTS concurrent clients get through `paths`, round robin."""
    done: list[int] = []
    deadline = time.perf_counter() + budget
    lock = threading.Lock()

    def client_loop(first: int) -> None:
        with httpx.Client(base_url=base, timeout=300) as client:
            i = first
            while time.perf_counter() < deadline:
                with lock:
                    if len(done) >= total:
                        return
                    done.append(i)
                client.get(paths[i % len(paths)]).raise_for_status()
                i += 1

    start = time.perf_counter()
    clients = [threading.Thread(target=client_loop, args=(n,)) for n in range(CLIENTS)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    return len(done) / (time.perf_counter() - start)


def _report(db: Path, latencies: dict[str, list[float]], rates: dict[str, float]) -> None:
    with Store(f"sqlite:///{db}", create=False) as store:
        counts = store.counts()
    base = statistics.median(latencies[BASELINE])
    table = Table("path", "requests", "first ms", "p50 ms", "p95 ms", "p50 / static file",
                  title=f"Sequential requests: {counts['documents']:,} documents' records", title_justify="left",
                  caption="first: the first request, before the server keeps merged agreements and top actors")
    for path, seconds in latencies.items():
        table.add_row(path, str(len(seconds)), _ms(seconds[0]), _ms(statistics.median(seconds)), _ms(_p95(seconds)),
                      f"{statistics.median(seconds) / base:,.0f}×")
    console.print(table)
    rate_table = Table("paths", "requests/s", "/ static file", title=f"{CLIENTS} concurrent clients",
                       title_justify="left")
    for path, rate in rates.items():
        rate_table.add_row(path, f"{rate:,.1f}", f"{rate / rates[BASELINE]:.3f}")
    console.print(rate_table)


def _p95(seconds: list[float]) -> float:
    return statistics.quantiles(seconds, n=20)[-1] if len(seconds) > 1 else seconds[0]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base: str, server: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            httpx.get(f"{base}{BASELINE}", timeout=5)
            return
        except httpx.TransportError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    make = steps.add_parser("build", help="replicate an ingested database's records into a load database")
    make.add_argument("--source", type=Path, required=True, help="an ingested SQLite database")
    make.add_argument("--documents", type=int, default=100_000)
    make.add_argument("--out", type=Path, required=True)
    timed = steps.add_parser("run", help="time every page and endpoint of `truceline serve` on a database")
    timed.add_argument("--db", type=Path, required=True)
    timed.add_argument("--repeats", type=int, default=20, help="sequential requests per path")
    timed.add_argument("--budget", type=float, default=60, help="seconds at most per measurement")
    timed.add_argument("--concurrent-requests", type=int, default=400, help="requests per concurrent run")
    args = parser.parse_args()
    if args.step == "build":
        build(args.source, args.documents, args.out)
    else:
        run(args.db, args.repeats, args.budget, args.concurrent_requests)


if __name__ == "__main__":
    main()
