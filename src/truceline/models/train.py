"""Trains the event models from `data/training` and PLOVER's gold sentences and writes
`events.joblib`, `minilm.joblib` (the source/target models and thresholds of the coder reading
the fine-tuned MiniLM, `finetune.py`) and `roles.joblib` (`make train`).

Trained on the annotated sentences of the training documents, every synthetic sentence and all
PLOVER gold sentences (`examples.plover`); the relevance threshold, the target threshold and the
strategy (the model alone, or the rules first) are chosen by (type, source, target) F1 on the
development documents. The test documents are never read here. Prints the development figures
beside the rules'. `folds` trains the same way without one fold of PLOVER's sentences at a time,
which the events suite scores (`evaluation/events.py`).

    python -m truceline.models.train [--shared ../shared]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import joblib
import numpy as np
from rich.console import Console
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from truceline.evaluation import events as scoring
from truceline.models import coder, examples, features, roles
from truceline.models.examples import Parsed

SEED = 0
# How much more a real sentence weighs than a synthetic one: the real ones are the news the coder
# reads, and there are twenty times fewer of them.
REAL_WEIGHT = 5.0
# And a PLOVER gold sentence: real news too, but edited examples of another source.
PLOVER_WEIGHT = 5.0
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)
TARGET_THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
SECOND_TYPES = (0.2, 0.3, 0.4, 1.01)  # 1.01: one type a sentence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=coder.ARTIFACT)
    args = parser.parse_args()
    console = Console()
    began = time.perf_counter()
    train, dev, gold = training(args.shared)
    console.print(f"{len(train)} training sentences ({sum(p.example.origin == 'annotated' for p in train)} real), "
                  f"{len(gold)} PLOVER sentences, {len(dev)} development sentences; "
                  f"parsed in {time.perf_counter() - began:.0f} s")
    built = build([*train, *gold], dev)
    minilm_out, roles_out = args.out.with_name(coder.MINILM_ARTIFACT.name), args.out.with_name(roles.ARTIFACT.name)
    joblib.dump(built.events, args.out, compress=3)
    # The MiniLM coder ships without its type model: it reads the one of `args.out` at run time.
    joblib.dump(dataclasses.replace(built.minilm, typer=None), minilm_out, compress=3)
    joblib.dump(built.roles, roles_out, compress=3)
    for name, model, out in (("model", built.events, args.out), ("minilm", built.minilm, minilm_out)):
        console.print(f"{name}: strategy {model.strategy}, relevance ≥ {model.threshold}, "
                      f"target ≥ {model.target_threshold}, second type ≥ {model.second_type}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    console.print(f"roles: relevance ≥ {built.roles.relevance_threshold}, second pair ≥ {built.roles.second_pair}; "
                  f"wrote {roles_out} ({roles_out.stat().st_size / 1e6:.1f} MB)")
    figures = {name: scoring.score(dev, scoring.code(model, dev))
               for name, model in (("model", built.events), ("minilm", built.minilm))}
    figures["rules"] = scoring.score(dev, [list(p.rules) for p in dev])
    console.print(scoring.table(f"development ({len(dev)} sentences; thresholds tuned here)", figures))
    console.print(f"done in {time.perf_counter() - began:.0f} s")


def training(shared: Path, splits: Sequence[str] = ("train", "dev")
             ) -> tuple[list[Parsed], list[Parsed], list[Parsed]]:
    """The parsed training sentences (annotated training documents and synthetic sentences),
    the annotated sentences of the other `splits` (development, and test where the events suite
    asks), and PLOVER's gold sentences."""
    chosen = [e for e in examples.load() if e.origin == "synthetic" or e.split in splits]
    parsed = examples.parse([*chosen, *examples.plover(shared)], shared)
    train = [p for p in parsed if p.example.origin == "synthetic" or (
        p.example.origin == "annotated" and p.example.split == "train")]
    scored = [p for p in parsed if p.example.origin == "annotated" and p.example.split != "train"]
    return train, scored, [p for p in parsed if p.example.origin == "plover"]


@dataclasses.dataclass(frozen=True)
class Models:
    """The trained coders of one training set: `events=model`, `events=minilm` (its type
    model `events`'s) and the pair and relevance models of `roles`."""

    events: coder.EventModel
    minilm: coder.MiniLMEventModel
    roles: roles.RoleModel


def build(train: Sequence[Parsed], dev: Sequence[Parsed]) -> Models:
    """Every model fitted on `train`, its thresholds tuned on `dev` (annotated development
    sentences)."""
    fitted = fit(train)
    events = tune(fitted, dev)
    minilm = tune(coder.MiniLMEventModel(**{f.name: getattr(fitted, f.name) for f in dataclasses.fields(fitted)}
                                         | {"relevance": None, "types": None, "modes": None, "typer": fitted}), dev)
    pairing = roles.fit([p for p in train if p.example.origin != "synthetic"])
    return Models(events, minilm, roles.tune(pairing, dev, scoring.code(minilm, dev)))


def folds(train: Sequence[Parsed], gold: Sequence[Parsed], dev: Sequence[Parsed]) -> Iterator[tuple[list[Parsed], Models]]:
    """PLOVER's cross-validation: each fold's sentences with the models trained on `train` and
    the other folds' PLOVER sentences (dev and test parts alike), tuned on `dev`. The folds
    are built two at a time in forked processes, which share the parsed sentences with this
    one unpickled (gigabytes of parses): fitting is single-threaded, and the folds are most of
    the events suite's time."""
    global _SHARED_WITH_FOLDS
    _SHARED_WITH_FOLDS = train, gold, dev
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1), mp_context=context) as pool:
            for fold, built in enumerate(pool.map(_fold, range(examples.PLOVER_FOLDS))):
                yield [p for p in gold if examples.plover_fold(p.example.id) == fold], built
    finally:
        _SHARED_WITH_FOLDS = (), (), ()  # the parses are the caller's again, not held here for good


_SHARED_WITH_FOLDS: tuple[Sequence[Parsed], Sequence[Parsed], Sequence[Parsed]] = ((), (), ())


def _fold(fold: int) -> Models:
    train, gold, dev = _SHARED_WITH_FOLDS
    return build([*train, *(p for p in gold if examples.plover_fold(p.example.id) != fold)], dev)


def fit(train: Sequence[Parsed], real_weight: float = REAL_WEIGHT, plover_weight: float = PLOVER_WEIGHT
        ) -> coder.EventModel:
    rows = [p.unit.features for p in train]
    weights = {"annotated": real_weight, "plover": plover_weight, "synthetic": 1.0}
    weight = np.array([weights[p.example.origin] for p in train])
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
            mention_weight.append(weights[p.example.origin])
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
    units = [p.unit for p in dev]
    floor = scoring.score(dev, [list(p.rules) for p in dev])["triple_precision"]
    best, best_f1 = model, -1.0
    for target_threshold in TARGET_THRESHOLDS:  # the roles, and so the guesses, depend on it
        model.target_threshold = target_threshold
        guesses = model.guesses(units)
        for strategy, threshold, second in itertools.product(coder.STRATEGIES, THRESHOLDS, SECOND_TYPES):
            model.strategy, model.threshold, model.second_type = strategy, threshold, second
            scores = scoring.score(dev, [model.events(u, g) for u, g in zip(units, guesses)])
            f1 = scores["triple_f1"] if scores["triple_precision"] >= floor else scores["triple_precision"] - 1
            if f1 > best_f1:
                best_f1, best = f1, dataclasses.replace(model)
    return best


if __name__ == "__main__":
    main()
