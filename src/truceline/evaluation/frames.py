"""Frames suite: agreement frames within documents (frames.py), against `eval/frames/`.

A gold frame is one agreement a reader sees in one White House text, with only the fields the
text states: kind, status, parties, mediators, duration, effective date, phases, each with the
words that state it. The documents were drawn by `sample` (below), with a fixed seed, from the
texts of both corpora in ../shared/corpora/wh-briefings that name a ceasefire, truce, pause or
peace/hostage deal; each is in the development or the held-out part by the parity of the first
byte of sha256(its path), fixed before truceline was run on any of them.

Each gold frame is matched to the one predicted frame of its document (the mentions sharing a
frame number) that gets most of its fields right, each predicted frame serving one gold frame.
Scores: per field, the share of the gold frames stating it that the match gets right; complete,
the share of gold frames whose match gets every stated field right. The baseline, in the same
run, is the mentions unframed: each sentence's agreement read alone, as before frames.py.

    python -m truceline.evaluation.frames sample      # the drawn documents, by part
    python -m truceline.evaluation.frames show PATH   # a document's cleaned text, to annotate
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import sys
from functools import cache
from pathlib import Path

from truceline.records import RawInput

ANNOTATIONS = Path("eval/frames")
PARTS = ("dev", "test")
CORPORA = (Path("corpora/wh-briefings/gaza_lebanon_2023-10_to_2026-07.jsonl.gz"),
           Path("corpora/wh-briefings/all_2023-2024.jsonl.gz"))
# What the sampler draws from: texts that name an agreement of a war, short enough to annotate
# whole (the long press-call transcripts are left to the merged suite).
_AGREEMENT_WORDS = re.compile(
    r"cease-?fire|truce|humanitarian pauses?|cessation of hostilities|(?:peace|hostage|ceasefire) (?:deal|agreement)",
    re.IGNORECASE)
_MAX_CHARS = 6000
_SEED = 13
_PER_CORPUS = 20
# A second draw for texts that say more of their agreements: Gaza/Lebanon texts up to twice as
# long that name one three times or more.
_DENSE = (12000, 3, 12)


def part(path: str) -> str:
    """The document's part: dev or test, by the parity of sha256(path)'s first byte."""
    return PARTS[hashlib.sha256(path.encode("utf-8")).digest()[0] % 2]


@cache
def _documents(shared: Path) -> dict[str, dict]:
    """Every document of both corpora by path, the Gaza/Lebanon corpus's copy first, with
    `corpus` the index of the corpus it came from."""
    found: dict[str, dict] = {}
    for index, corpus in enumerate(CORPORA):
        with gzip.open(shared / corpus, "rt", encoding="utf-8") as f:
            for d in map(json.loads, f):
                found.setdefault(d["path"], d | {"corpus": index})
    return found


def document_input(path: str, shared: Path) -> RawInput:
    d = _documents(shared)[path]
    meta = {"title": d["title"], "date": d["date"], "url": d["source_url"]}
    return RawInput(source=d["source_url"], content=d["text"].encode("utf-8"), kind="text", meta=meta)


def sample(shared: Path, excluded: set[str]) -> list[str]:
    """_PER_CORPUS documents of each corpus (the general one: those not in the Gaza/Lebanon one),
    drawn with a fixed seed from the short texts that name an agreement, then the _DENSE draw,
    leaving out the documents other gold sets were tuned on."""
    drawn: list[str] = []
    for index in range(len(CORPORA)):
        pool = sorted(p for p, d in _documents(shared).items()
                      if d["corpus"] == index and len(d["text"]) <= _MAX_CHARS and p not in excluded
                      and _AGREEMENT_WORDS.search(d["text"]))
        drawn += random.Random(_SEED).sample(pool, _PER_CORPUS)
    most, named, count = _DENSE
    pool = sorted(p for p, d in _documents(shared).items()
                  if d["corpus"] == 0 and len(d["text"]) <= most and p not in excluded and p not in drawn
                  and len(_AGREEMENT_WORDS.findall(d["text"])) >= named)
    return drawn + random.Random(_SEED).sample(pool, count)


def _excluded() -> set[str]:
    """Paths of the documents the gold and merged suites name (development data for agreements)."""
    named = {json.loads(p.read_text(encoding="utf-8"))["document"].get("corpus", "") for p in Path("eval/gold").glob("*.json")}
    named |= set(re.findall(r'document = "([^"]+)"', Path("eval/agreements.toml").read_text(encoding="utf-8")))
    return {path for path in _documents(Path("../shared")) if any(n and n in path for n in named)}


def _main(argv: list[str]) -> None:
    shared = Path("../shared")
    if argv[:1] == ["sample"]:
        for path in sample(shared, _excluded()):
            print(part(path), path)
    elif argv[:1] == ["show"]:
        from truceline.clean import clean
        document = clean(document_input(argv[1], shared))
        print(f"# {document.title}\n# published {document.published}\n\n{document.text}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    _main(sys.argv[1:])
