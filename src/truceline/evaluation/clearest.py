"""Clearest suite: the interactions a reader sees first in real news texts the event coders were
never tuned on, against `eval/clearest/` (its DATASHEET.md says how they were chosen and coded).

A gold interaction is one (PLOVER type, source, target, mode) that a text's headline or lead
states, at the characters of its sentence in the cleaned text. It is *coded* by a coder when an
event of that coder overlaps those characters with the same type, source and target (as the gold
suite matches them: by ISO code or name, the sides of CONSULT, AGREE and COOPERATE either way);
*typed* when an overlapping event has the type, whatever its actors. The texts are news pages of
the article-extraction benchmark about wars, diplomacy, sanctions and protests (every such page
the other suites do not use) and White House texts drawn with a fixed seed from documents no
training set or gold set names. A document's part, dev or test, is the parity of the first byte
of sha256(its id), fixed before any coder was run on it; test errors are not studied.

    python -m truceline.evaluation.clearest sample      # the drawn White House texts, by part
    python -m truceline.evaluation.clearest show ID     # a text as truceline reads it, with offsets
"""

from __future__ import annotations

import json
import random
import re
import sys
import tomllib
from pathlib import Path

from truceline.evaluation import frames, gold
from truceline.evaluation.frames import _documents, part
from truceline.records import RawInput

ANNOTATIONS = Path("eval/clearest")
# What the White House draw takes: readouts and statements short enough that their lead is the
# news, whose lead names a war or a crisis.
_CONFLICT_WORDS = re.compile(
    r"\b(?:war|attack(?:s|ed)?|strikes?|ceasefire|hostages?|sanctions?|troops|military|invasion|"
    r"missiles?|conflict|violence|terroris[tm]s?)\b", re.IGNORECASE)
_KINDS = ("readout", "statement", "joint-statement")
_MAX_CHARS = 4000
_LEAD = 600  # characters: the war or crisis is in the lead, not a passing mention
_SEED = 14
_PER_CORPUS = 26


def _used_elsewhere() -> set[str]:
    """Paths of White House texts the event coders were trained or tuned on, or that another
    suite scores: the annotated training sentences' documents and every eval set's."""
    used = {json.loads(line)["doc"] for f in Path("data/training/annotated").glob("*.jsonl")
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    used |= {json.loads(p.read_text(encoding="utf-8"))["document"].get("corpus", "") for p in Path("eval/gold").glob("*.json")}
    for named in ("eval/frames/frames.toml", "eval/agreements.toml"):
        used |= set(re.findall(r'"((?:statements-releases|briefings|speeches-remarks|press-briefings)[^"]+)"',
                               Path(named).read_text(encoding="utf-8")))
    for named in ("eval/actors/items.jsonl", "eval/counted/figures.jsonl"):
        used |= set(re.findall(r'"path": "([^"]+)"', Path(named).read_text(encoding="utf-8")))
    return used


def sample(shared: Path) -> list[str]:
    """_PER_CORPUS texts of each corpus (the general one: those not in the Gaza/Lebanon one),
    drawn with a fixed seed from the short readouts and statements whose lead names a war or a crisis
    and that nothing else in the repository uses."""
    used = _used_elsewhere()
    drawn: list[str] = []
    for index in (0, 1):
        pool = sorted(p for p, d in _documents(shared).items()
                      if d["corpus"] == index and p not in used and len(d["text"]) <= _MAX_CHARS
                      and any(k in p.rsplit("/", 1)[-1] for k in _KINDS) and _CONFLICT_WORDS.search(d["text"][:_LEAD]))
        drawn += random.Random(_SEED).sample(pool, _PER_CORPUS)
    return drawn


def document_input(document: dict, shared: Path) -> RawInput:
    """A gold document's input: {"page": id prefix} of the benchmark, or {"path": ...} of either corpus."""
    return gold.document_input(document, shared) if "page" in document else frames.document_input(document["path"], shared)


def _main(argv: list[str]) -> None:
    shared = Path("../shared")
    if argv[:1] == ["sample"]:
        for path in sample(shared):
            print(part(path), path)
    elif argv[:1] == ["show"] and len(argv) == 2:
        from truceline.clean import clean
        document = clean(document_input({"page": argv[1]} if "/" not in argv[1] else {"path": argv[1]}, shared))
        print(f"# {document.title}\n# published {document.published}  part {part(argv[1])}\n")
        at = 0
        for paragraph in document.text.split("\n\n"):
            print(f"[{at}] {paragraph}")
            at += len(paragraph) + 2
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    _main(sys.argv[1:])
