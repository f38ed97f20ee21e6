"""Article body suite: truceline's clean stage against trafilatura alone, in the same run, on the
181 pages of the scrapinghub article-extraction benchmark, scored with that benchmark's metric
(its SOURCE.md and evaluate.py):

- both texts are split into `\\w+` tokens and each into the multiset of its 4-token shingles;
  a text of fewer than 4 tokens is one shingle of what there is, an empty text has none;
- per page, tp/fp/fn are the shared, extra and missing shingles, normalized to sum to 1 so
  that a long page weighs no more than a short one; precision is tp/(tp+fp), recall tp/(tp+fn);
- precision is the mean over the pages that predicted something (an empty prediction has no
  precision, and recall 0), recall the mean over the pages whose truth has text; F1 comes from
  the two means; accuracy is the share of pages whose token lists are identical;
- ± is the standard deviation over 1,000 bootstrap resamples of the pages (fixed seed).

The baseline is trafilatura as the benchmark ran it: `extract(html, include_comments=False)`.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from rich.table import Table

from truceline.clean import clean
from truceline.errors import InputError
from truceline.evaluation import SuiteReport
from truceline.records import RawInput

BENCHMARK = Path("bench/extraction-scrapinghub")
METRICS = ("precision", "recall", "f1", "accuracy")
SHINGLE = 4
RESAMPLES = 1000
SEED = 0
WORST_PAGES = 10
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """One page's normalized shingle counts and whether its tokens match the truth exactly."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(found: str, truth: str) -> PageScore:
    found_tokens, truth_tokens = _TOKEN.findall(found), _TOKEN.findall(truth)
    predicted, expected = shingles(found_tokens), shingles(truth_tokens)
    tp = sum((predicted & expected).values())
    fp = sum((predicted - expected).values())
    fn = sum((expected - predicted).values())
    total = tp + fp + fn or 1
    return PageScore(tp / total, fp / total, fn / total, found_tokens == truth_tokens)


def shingles(tokens: list[str]) -> Counter[tuple[str, ...]]:
    """The multiset of `SHINGLE`-token windows; a shorter text is a single shingle of its tokens."""
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)))


def summarize(pages: list[PageScore]) -> dict[str, float]:
    precision = _mean([p.precision for p in pages if p.precision is not None])
    recall = _mean([p.recall for p in pages if p.recall is not None])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "accuracy": _mean([float(p.exact) for p in pages])}


def spread(pages: list[PageScore], resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, float]:
    """The standard deviation of each metric over bootstrap resamples of the pages."""
    rng = random.Random(seed)
    draws = [summarize(rng.choices(pages, k=len(pages))) for _ in range(resamples)]
    return {m: statistics.stdev(d[m] for d in draws) for m in METRICS}


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def truceline_body(page: bytes) -> str:
    try:
        return clean(RawInput(source="page.html", content=page, kind="html")).text
    except InputError:
        return ""


def trafilatura_body(page: bytes) -> str:
    return trafilatura.extract(page.decode("utf-8"), include_comments=False) or ""


def run(shared: Path, limit: int | None = None) -> SuiteReport:
    folder = shared / BENCHMARK
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    ours: list[PageScore] = []
    theirs: list[PageScore] = []
    for page_id in ids:
        page = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        body = truth[page_id]["articleBody"]
        ours.append(score_page(truceline_body(page), body))
        theirs.append(score_page(trafilatura_body(page), body))

    baseline = f"trafilatura {trafilatura.__version__} alone"
    scores, baseline_scores = summarize(ours), summarize(theirs)
    table = Table("extractor", *(h for m in METRICS for h in (m, "±")),
                  title=f"Article body, scrapinghub benchmark: {len(ids)} pages", title_justify="left")
    for name, means, pages in (("truceline", scores, ours), (baseline, baseline_scores, theirs)):
        errors = spread(pages)
        table.add_row(name, *(f"{v:.3f}" for m in METRICS for v in (means[m], errors[m])))

    # The pages where truceline's post-processing loses most against trafilatura's own output.
    gaps = sorted(range(len(ids)), key=lambda i: ours[i].f1 - theirs[i].f1)[:WORST_PAGES]
    worst = Table("page", "url", "truceline F1", "trafilatura F1",
                  title="Pages where truceline's F1 is lowest against trafilatura's", title_justify="left")
    errors = []
    for i in gaps:
        worst.add_row(ids[i][:12], truth[ids[i]]["url"], f"{ours[i].f1:.3f}", f"{theirs[i].f1:.3f}")
        errors.append({"page": ids[i], "url": truth[ids[i]]["url"], "f1": ours[i].f1, "baseline_f1": theirs[i].f1})
    return SuiteReport("body", scores, baseline=baseline, baseline_scores=baseline_scores,
                       details=[table, worst], errors=errors)
