"""Evaluation suites: each scores the real pipeline on data with ground truth in `../shared`
(or the hand-annotated gold set in `eval/gold/`) and, where one exists, a baseline in the same
run, so that the figures compare like with like.

Every suite module has `run(shared: Path, limit: int | None = None) -> SuiteReport`.
The floors CI holds the scores to live in `eval/floors.toml`.
"""

from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rich.table import Table

SUITES = {
    "body": "article body extraction, scrapinghub benchmark (181 pages)",
    "plover": "PLOVER events, gold-standard sentences (322)",
    "gold": "events, claims and agreements, hand-annotated documents (eval/gold)",
    "events": "the trained event coder beside the rules: PLOVER sentences and annotated held-out documents",
    "merged": "agreements merged across the White House texts eval/agreements.toml names, against it",
    "actors": "actors, places and credits in real and synthetic texts (eval/actors, dev and test)",
    "frame": "title, date, wire and never-actors of news pages and pasted text, against eval/frame",
    "frames": "agreement frames within documents: fields right per agreement, against eval/frames (dev and test)",
    "clearest": "the interactions a reader sees first in news texts no coder was tuned on, per coder (eval/clearest, dev and test)",
    "counted": "what a figure counts and total or increment, annotated corpus sentences (eval/counted, dev and test)",
}
FLOORS = Path("eval/floors.toml")


@dataclass
class SuiteReport:
    suite: str
    scores: dict[str, float]  # headline figures, the ones the CI floors pin
    baseline: str | None = None  # what the baseline is, e.g. "trafilatura alone"
    baseline_scores: dict[str, float] = field(default_factory=dict)  # same metrics, same run
    details: list[Table] = field(default_factory=list)  # per-type tables, confusion matrices
    errors: list[dict] = field(default_factory=list)  # misses and spurious items, for error analysis


def run_suite(name: str, shared: Path, limit: int | None = None, database: str | None = None,
              parts: list[str] | None = None) -> SuiteReport:
    """Run one suite; `database` (an ingested corpus) is for the merged suite, which else ingests
    anew; `parts` (some of its parts) for the frames suite, which else scores them all."""
    module = importlib.import_module(f"truceline.evaluation.{name}")
    if name == "merged":
        return module.run(shared, limit=limit, database=database)
    if name == "frames":
        return module.run(shared, limit=limit, parts=parts)
    return module.run(shared, limit=limit)


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    with open(path, "rb") as f:
        return tomllib.load(f)


def below_floor(report: SuiteReport, floors: dict[str, dict[str, float]]) -> list[str]:
    """The scores of `report` under their floors, as "suite.metric 0.812 < 0.850"."""
    return [f"{report.suite}.{metric} {report.scores.get(metric, 0.0):.3f} < {floor:.3f}"
            for metric, floor in floors.get(report.suite, {}).items()
            if report.scores.get(metric, 0.0) < floor]
