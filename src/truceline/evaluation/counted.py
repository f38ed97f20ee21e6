"""What a figure counts and whether it is a running total (counted.py, data/counted.toml), on the
annotated corpus sentences of `eval/counted/figures.jsonl` (its README says how they were chosen,
split and labelled). Dev and test are scored apart: cues are tuned on dev, test is reported.

Each sentence goes through the whole pipeline; a gold figure is found when a claim of the
sentence has its value. Figures, per split:
- found: the share of gold figures a claim has the value of (the extractor's part);
- counted: of those found, the share whose `counted` is the gold word (or both none);
- change: of those found, the share typed total or increment as the gold one is.
The baseline, in the same run: `counted` the claim's kind where the vocabulary has it as a word
(killed, displaced, aid, money…), and every figure a total.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

from rich.table import Table

from truceline import counted
from truceline.config import Settings
from truceline.evaluation import SuiteReport
from truceline.pipeline import Pipeline
from truceline.records import Claim, Failure, RawInput

ITEMS = Path("eval/counted/figures.jsonl")
CORPUS = Path("corpora/wh-briefings/gaza_lebanon_2023-10_to_2026-07.jsonl.gz")
SPLITS = ("dev", "test")
FIGURES = ("found", "counted", "change")
METRICS = tuple(f"{split}_{figure}" for split in SPLITS for figure in FIGURES)


def load(path: Path = ITEMS) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@cache
def _corpus(path: Path) -> dict[str, str]:
    """Each document's text without white space or markdown escapes, by path."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {d["path"]: "".join(d["text"].replace("\\", "").split()) for d in map(json.loads, f)}


def check_source(item: dict, shared: Path) -> None:
    """The sentence is in the document it names (white space aside)."""
    if "".join(item["sentence"].split()) not in _corpus(shared / CORPUS).get(item["path"], ""):
        raise RuntimeError(f"{item['id']}: the sentence is not in {item['path']}")


def _baseline(claim: Claim) -> tuple[str | None, str]:
    return (claim.kind if claim.kind in counted.names() else None), "total"


def _matched(gold: list[dict], claims: tuple[Claim, ...]) -> list[Claim | None]:
    """For each gold figure, a claim of its value not matched to an earlier one, or None."""
    left = list(claims)
    found = []
    for figure in gold:
        claim = next((c for c in left if abs(c.value - figure["value"]) <= 1e-6 * max(1.0, figure["value"])), None)
        if claim is not None:
            left.remove(claim)
        found.append(claim)
    return found


def run(shared: Path, limit: int | None = None, path: Path = ITEMS) -> SuiteReport:
    items = load(path)[:limit]
    for item in items:
        check_source(item, shared)
    inputs = (RawInput(source=i["id"], content=i["sentence"].encode("utf-8"), kind="text", meta={"date": i["date"]})
              for i in items)
    tallies = {(split, system): {"gold": 0, "found": 0, "counted": 0, "change": 0}
               for split in SPLITS for system in ("truceline", "baseline")}
    errors = []
    for item, result in zip(items, Pipeline(Settings.from_env()).extract(inputs)):
        claims = () if isinstance(result, Failure) else result.claims
        for figure, claim in zip(item["figures"], _matched(item["figures"], claims)):
            for system in ("truceline", "baseline"):
                tally = tallies[item["split"], system]
                tally["gold"] += 1
                if claim is None:
                    continue
                said = (claim.counted, claim.change) if system == "truceline" else _baseline(claim)
                tally["found"] += 1
                tally["counted"] += said[0] == figure["counted"]
                tally["change"] += said[1] == figure["change"]
            if item["split"] == "dev" and (claim is None or (claim.counted, claim.change) !=
                                           (figure["counted"], figure["change"])):
                errors.append({"id": item["id"], "sentence": item["sentence"], "gold": figure,
                               "claim": None if claim is None else {"kind": claim.kind, "subject": claim.subject,
                                                                    "counted": claim.counted, "change": claim.change}})

    def figures(system: str) -> dict[str, float]:
        scores = {}
        for split in SPLITS:
            t = tallies[split, system]
            scores |= {f"{split}_found": t["found"] / t["gold"] if t["gold"] else 0.0,
                       f"{split}_counted": t["counted"] / t["found"] if t["found"] else 0.0,
                       f"{split}_change": t["change"] / t["found"] if t["found"] else 0.0}
        return scores

    table = Table("split", "system", "figures", "found", "counted right", "change right")
    for (split, system), t in tallies.items():
        table.add_row(split, system, str(t["gold"]), str(t["found"]), str(t["counted"]), str(t["change"]))
    # Only dev's errors are listed: test is scored, not read.
    return SuiteReport("counted", figures("truceline"), baseline="the claim's kind as the word; every figure a total",
                       baseline_scores=figures("baseline"), details=[table], errors=errors)

