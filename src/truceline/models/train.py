"""Trains the event models from `data/training` and writes `events.joblib` and, when the fine-tuned
sentence reader (`finetune.py`) is there, `minilm.joblib`: its source/target models and
thresholds (`make train`).

Trained on the annotated sentences of the training documents and on every synthetic sentence;
the relevance threshold, the target threshold and the strategy (the model alone, or the rules
first) are chosen by (type, source, target) F1 on the development documents. The test documents
are never read here. Prints the development figures beside the rules'.

    python -m truceline.models.train [--shared ../shared]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import time
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
from rich.console import Console
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from truceline.evaluation import events as scoring
from truceline.models import coder, examples, features, sentences
from truceline.models.examples import Parsed

SEED = 0
# How much more a real sentence weighs than a synthetic one: the real ones are the news the coder
# reads, and there are twenty times fewer of them.
REAL_WEIGHT = 5.0
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)
TARGET_THRESHOLDS = (0.2, 0.3, 0.4, 0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=coder.ARTIFACT)
    parser.add_argument("--minilm-only", action="store_true",
                        help="keep the source/target models of --out; tune only the MiniLM coder's thresholds")
    args = parser.parse_args()
    console = Console()
    began = time.perf_counter()
    chosen = [e for e in examples.load() if (e.origin == "annotated" and e.split == "dev")
              or (not args.minilm_only and (e.origin == "synthetic" or e.split == "train"))]
    parsed = examples.parse(chosen, args.shared)
    train = [p for p in parsed if p.example.origin == "synthetic" or p.example.split == "train"]
    dev = [p for p in parsed if p.example.origin == "annotated" and p.example.split == "dev"]
    console.print(f"{len(train)} training sentences ({sum(p.example.origin == 'annotated' for p in train)} real), "
                  f"{len(dev)} development sentences; parsed in {time.perf_counter() - began:.0f} s")
    fitted = coder.load(args.out) if args.minilm_only else fit(train)
    coders = {} if args.minilm_only else {"model": (fitted, args.out)}
    if sentences.ARTIFACT.exists():  # made by finetune.py, which needs torch
        minilm = coder.MiniLMEventModel(**{f.name: getattr(fitted, f.name) for f in dataclasses.fields(fitted)}
                                        | {"relevance": None, "types": None, "modes": None})
        coders["minilm"] = (minilm, args.out.with_name(coder.MINILM_ARTIFACT.name))
    figures = {}
    for name, (model, out) in coders.items():
        model = tune(model, dev)
        joblib.dump(model, out, compress=3)
        console.print(f"{name}: strategy {model.strategy}, relevance ≥ {model.threshold}, "
                      f"target ≥ {model.target_threshold}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
        figures[name] = scoring.score(dev, scoring.code(model, dev))
    figures["rules"] = scoring.score(dev, [list(p.rules) for p in dev])
    console.print(scoring.table(f"development ({len(dev)} sentences; thresholds tuned here)", figures))
    console.print(f"done in {time.perf_counter() - began:.0f} s")


def fit(train: Sequence[Parsed], real_weight: float = REAL_WEIGHT) -> coder.EventModel:
    rows = [features.sentence(p.sent, p.rules) for p in train]
    weight = np.array([real_weight if p.example.origin == "annotated" else 1.0 for p in train])
    sentence_vectorizer = DictVectorizer()
    x = sentence_vectorizer.fit_transform(rows)
    relevant = [bool(p.example.events) for p in train]
    with_event = [i for i, r in enumerate(relevant) if r]
    mention_rows, is_source, is_target, mention_weight = [], [], [], []
    for p in (train[i] for i in with_event):
        ranks: dict[str, int] = {}
        for head, actor in features.mention_heads(p.sent, p.mentions):
            mention_rows.append(features.mention(p.sent, head, actor, ranks.setdefault(actor.canonical, len(ranks)),
                                                 p.rules))
            is_source.append(any(scoring.same(actor, g.source, g.source_country) for g in p.example.events))
            is_target.append(any(scoring.same(actor, g.target, g.target_country) for g in p.example.events))
            mention_weight.append(real_weight if p.example.origin == "annotated" else 1.0)
    mention_vectorizer = DictVectorizer()
    m = mention_vectorizer.fit_transform(mention_rows)
    return coder.EventModel(
        sentence_vectorizer=sentence_vectorizer,
        relevance=_classifier().fit(x, relevant, sample_weight=weight),
        types=_classifier().fit(x[with_event], [train[i].example.events[0].type for i in with_event],
                                sample_weight=weight[with_event]),
        modes=_classifier().fit(x[with_event], [train[i].example.events[0].mode for i in with_event],
                                sample_weight=weight[with_event]),
        mention_vectorizer=mention_vectorizer,
        sources=_classifier().fit(m, is_source, sample_weight=mention_weight),
        targets=_classifier().fit(m, is_target, sample_weight=mention_weight),
        threshold=0.5, target_threshold=0.5, strategy="model",
    )


def _classifier() -> LogisticRegression:
    return LogisticRegression(max_iter=3000, C=1.0, random_state=SEED)


def tune(model: coder.EventModel, dev: Sequence[Parsed]) -> coder.EventModel:
    """The thresholds and strategy with the best development F1 among those at least as precise
    as the rules there (ties: the first tried): most sentences of a corpus report no event, far
    more than the annotated documents' stretches near event words, so a coder less precise than
    the rules on these fills a record with wrong events."""
    units = [coder.Unit(p.sent, p.mentions, p.rules) for p in dev]
    floor = scoring.score(dev, [list(p.rules) for p in dev])["triple_precision"]
    best, best_f1 = model, -1.0
    for target_threshold in TARGET_THRESHOLDS:  # the roles, and so the guesses, depend on it
        model.target_threshold = target_threshold
        guesses = model.guesses(units)
        for strategy, threshold in itertools.product(coder.STRATEGIES, THRESHOLDS):
            model.strategy, model.threshold = strategy, threshold
            scores = scoring.score(dev, [model.events(u, g, None) for u, g in zip(units, guesses)])
            f1 = scores["triple_f1"] if scores["triple_precision"] >= floor else scores["triple_precision"] - 1
            if f1 > best_f1:
                best_f1, best = f1, dataclasses.replace(model)
    return best


if __name__ == "__main__":
    main()
