"""Load on the server, loopback only: N clients for S seconds, each requesting the pages and the
API in turn, one request in ten an authenticated POST of a short synthetic article. Prints the
requests answered, the errors (a 5xx, a refused connection or a timeout; a 4xx is an answer),
and the latency percentiles per kind of request.

    python bench/load.py --db demo.db                      # 50 clients x 60 s
    python bench/load.py --db demo.db --clients 10 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

TOKEN = "load-test-token"
READS = ["/", "/timeline", "/network", "/figures", "/search?q=ceasefire", "/api/agreements?limit=20",
         "/api/timeline?limit=50", "/api/facts?limit=20", "/api/events?limit=50&type=AGREE", "/api/state",
         "/api/search?q=hostages", "/api/documents?limit=20", "/static/app.css"]


def _article(n: int) -> dict:
    """Synthetic: a short article, each one new, so that every POST is stored."""
    return {"url": f"https://example.org/load/{n}-{time.time_ns()}", "title": f"Load {n}", "date": "2023-11-25",
            "text": f"Qatar said that Israel and Hamas agreed to extend the pause by {n % 5 + 1} days; "
                    f"{n % 40 + 10} hostages were released on Saturday."}


async def client(http: httpx.AsyncClient, number: int, until: float, seen: dict[str, list[float]],
                 errors: list[str]) -> None:
    for n in itertools.count():
        if time.monotonic() >= until:
            return
        post = n % 10 == 9
        path = "/api/documents" if post else READS[(number + n) % len(READS)]
        began = time.monotonic()
        try:
            if post:
                response = await http.post(path, json=_article(number * 100_000 + n),
                                           headers={"Authorization": f"Bearer {TOKEN}"})
            else:
                response = await http.get(path)
            if response.status_code >= 500:
                errors.append(f"{response.status_code} {path}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__} {path}")
            continue
        seen["POST" if post else path.split("?")[0]].append(time.monotonic() - began)


async def load(url: str, clients: int, seconds: float) -> tuple[dict[str, list[float]], list[str]]:
    seen: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(http, i, until, seen, errors) for i in range(clients)))
    return seen, errors


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="an ingested database (copied: the POSTs write)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder, "load.db")
        with sqlite3.connect(args.db) as source, sqlite3.connect(db) as copy:
            source.backup(copy)  # with what its write-ahead log holds
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "truceline", "serve", "--db", str(db), "--port", str(port),
                                   "--token", TOKEN], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env={**os.environ, "TRUCELINE_WORKERS": "1"})
        url = f"http://127.0.0.1:{port}"
        try:
            while server.poll() is None:  # the server is up when it answers
                try:
                    httpx.get(url + "/api/state", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.5)
            else:
                sys.exit(f"the server stopped: {server.stderr.read().decode()[-500:]}")
            httpx.post(url + "/api/documents", json=_article(0), headers={"Authorization": f"Bearer {TOKEN}"},
                       timeout=300)  # the first POST loads the pipeline: not timed
            began = time.monotonic()
            seen, errors = asyncio.run(load(url, args.clients, args.seconds))
            elapsed = time.monotonic() - began
        finally:
            server.terminate()
            server.wait()
    total = sum(map(len, seen.values()))
    print(f"{args.clients} clients x {args.seconds:.0f} s on 127.0.0.1: {total:,} answered ({total / elapsed:.1f}/s), "
          f"{len(errors)} errors")
    print(f"{'request':<22} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, times in sorted(seen.items()):
        q = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else times * 19
        print(f"{kind:<22} {len(times):>6} {statistics.median(times) * 1000:>8.0f} {q[18] * 1000:>8.0f} "
              f"{max(times) * 1000:>8.0f}")
    if errors:
        print("errors:", json.dumps(sorted(set(errors))[:20]))


if __name__ == "__main__":
    main()
