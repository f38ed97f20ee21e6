"""Article body suite: truceline's clean stage against trafilatura alone on the 181 pages of the
scrapinghub article-extraction benchmark, with that benchmark's metric (its SOURCE.md):
`\\w+` tokens, multisets of 4-token shingles, per-page precision and recall averaged over pages,
F1 from the two means, accuracy the share of pages whose tokens match exactly, ± the standard
deviation over 1,000 bootstrap resamples of pages.

An empty extraction scores precision 0 and recall 0 on its page.
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


@dataclass(frozen=True)
class PageScore:
    precision: float
    recall: float
    exact: bool


def score_page(found: str, truth: str) -> PageScore:
    found_tokens, truth_tokens = re.findall(r"\w+", found), re.findall(r"\w+", truth)
    a, b = _shingles(found_tokens), _shingles(truth_tokens)
    shared = sum((a & b).values())
    precision = shared / sum(a.values()) if a else 0.0
    recall = shared / sum(b.values()) if b else 0.0
    return PageScore(precision, recall, found_tokens == truth_tokens)


def _shingles(tokens: list[str]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))) if tokens else Counter()


def summarize(pages: list[PageScore]) -> dict[str, float]:
    precision = statistics.fmean(p.precision for p in pages)
    recall = statistics.fmean(p.recall for p in pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "accuracy": sum(p.exact for p in pages) / len(pages)}


def spread(pages: list[PageScore], resamples: int = 1000) -> dict[str, float]:
    """The standard deviation of each metric over bootstrap resamples of the pages."""
    rng = random.Random(0)
    draws = [summarize(rng.choices(pages, k=len(pages))) for _ in range(resamples)]
    return {m: statistics.stdev(d[m] for d in draws) for m in METRICS}


def truceline_body(page: bytes) -> str:
    try:
        return clean(RawInput(source="page.html", content=page, kind="html")).text
    except InputError:
        return ""


def trafilatura_body(page: bytes) -> str:
    return trafilatura.extract(page.decode("utf-8", errors="replace")) or ""


def run(shared: Path, limit: int | None = None) -> SuiteReport:
    folder = shared / BENCHMARK
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    scores: dict[str, list[PageScore]] = {"truceline": [], "trafilatura": []}
    for page_id in ids:
        page = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        body = truth[page_id]["articleBody"]
        scores["truceline"].append(score_page(truceline_body(page), body))
        scores["trafilatura"].append(score_page(trafilatura_body(page), body))

    table = Table("extractor", *METRICS, title=f"Article body: {len(ids)} pages", title_justify="left")
    for name, pages in scores.items():
        means, errors = summarize(pages), spread(pages)
        table.add_row(name, *(f"{means[m]:.3f} ± {errors[m]:.3f}" for m in METRICS))
    worst = Table("page", "url", "truceline F1", "trafilatura F1",
                  title="Pages where truceline loses most to trafilatura", title_justify="left")
    gaps = sorted(range(len(ids)), key=lambda i: _f1(scores["truceline"][i]) - _f1(scores["trafilatura"][i]))
    for i in gaps[:10]:
        worst.add_row(ids[i][:12], truth[ids[i]]["url"], f"{_f1(scores['truceline'][i]):.3f}",
                      f"{_f1(scores['trafilatura'][i]):.3f}")
    return SuiteReport(
        "body", summarize(scores["truceline"]), baseline=f"trafilatura {trafilatura.__version__} alone",
        baseline_scores=summarize(scores["trafilatura"]), details=[table, worst],
        errors=[{"page": ids[i], "url": truth[ids[i]]["url"], "f1": _f1(scores["truceline"][i]),
                 "baseline_f1": _f1(scores["trafilatura"][i])} for i in gaps[:20]])


def _f1(page: PageScore) -> float:
    p, r = page.precision, page.recall
    return 2 * p * r / (p + r) if p + r else 0.0
