"""Events suite: the trained event coders (`events=model`, whose figures are the suite's scores,
and `events=minilm`) beside the rule-based one, in the same run, on every test set they were
never trained on:

- plover: PLOVER's 322 gold sentences (`plover` suite's scoring), by cross-validation: each of
  `examples.PLOVER_FOLDS` folds scored by models trained as `make train` trains them, without
  that fold (`train.folds`); its dev part (a third, studied) and its test part (scored only)
  printed apart, the test part's figures the suite's scores;
- test: the held-out documents of truceline's own annotated real sentences (`data/training`,
  split by document);
- dev: the annotated documents the models' thresholds were tuned on — printed apart, a
  development figure, never a floor.

`minilm+roles` is the MiniLM coder's events read again by the relevance and pair models
(`models/roles.py`), scored beside it (`minilm_roles_` figures).

On the annotated sets: type accuracy (the main predicted event — the first asserted one, else the
first — has the first gold event's type, over sentences with a gold event); (type, source,
target) precision, recall and F1 over all sentences, sentences without an event included (an
actor matches by canonical name or by country); mode accuracy (the main event's mode, where its
type is right); date accuracy (of the matched triples whose gold event the text gives a date, the
share coded with that date); per-type precision and recall of the triples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table

from truceline.evaluation import SuiteReport, plover
from truceline.models import coder, examples, roles
from truceline.models import train as trainer
from truceline.models.examples import GoldEvent, Parsed
from truceline.records import Actor, Event

METRICS = ("type_accuracy", "triple_precision", "triple_recall", "triple_f1", "mode_accuracy", "date_accuracy",
           "date_or_undated_accuracy")


# The coders scored, each beside the others in the same run; the first is the suite's scores.
CODERS = {"model": coder.ARTIFACT, "minilm": coder.MINILM_ARTIFACT}
# And the MiniLM coder's events read again by the relevance and pair models (stages
# `relevance=model,roles=pairs`; on PLOVER's sentences, all of which state an event, `roles=pairs`).
REREAD = "minilm+roles"


def run(shared: Path, limit: int | None = None) -> SuiteReport:
    models = {name: coder.load(path) for name, path in CODERS.items()}
    pairing = roles.load()
    train, annotated, gold = trainer.training(shared, ("train", "dev", "test"))
    by_split = {s: [p for p in annotated if p.example.split == s][:limit] for s in ("dev", "test")}
    scores, baseline, details = {}, {}, []
    for split, items in by_split.items():
        coded = {name: code(model, items) for name, model in models.items()} | {"rules": [list(p.rules) for p in items]}
        coded[REREAD] = [roles.in_sentence(pairing, p.sent, p.mentions, e, p.rules) for p, e in zip(items, coded["minilm"])]
        figures = {name: score(items, c) for name, c in coded.items()}
        details.append(table(f"{split} ({'held out' if split == 'test' else 'development: tuned on'}): "
                             f"{len(items)} annotated sentences of {len({p.example.doc for p in items})} documents",
                             figures))
        details.append(per_type(f"{split}: per type", items, coded))
        if split == "test":
            scores |= _named(figures, "test")
            baseline |= {f"test_{k}": v for k, v in figures["rules"].items()}
    coded = _plover_folds(train, gold, [p for p in annotated if p.example.split == "dev"], limit)
    for part in ("dev", "test"):
        sentences = [s for s in plover.load(shared) if examples.plover_part(s.id) == part and s.id in coded["rules"]]
        figures = {name: plover.score(sentences, [plover.truceline_coding(s, found[s.id]) for s in sentences])
                   for name, found in coded.items()}
        details.append(table(f"plover {part} ({'held out' if part == 'test' else 'development: studied'}, "
                             f"by {examples.PLOVER_FOLDS}-fold cross-validation): {len(sentences)} gold sentences",
                             figures))
        if part == "test":
            scores |= _named(figures, "plover_test")
            baseline |= {f"plover_test_{k}": v for k, v in figures["rules"].items()}
    return SuiteReport("events", scores, baseline="the rule-based coder (events=rules), same sentences",
                       baseline_scores=baseline, details=details)


def _named(figures: dict[str, dict[str, float]], part: str) -> dict[str, float]:
    """A part's figures as the suite's scores: `events=model`'s bare, the others' after their name."""
    return {f"{name.replace('+', '_') + '_' if name != 'model' else ''}{part}_{k}": v
            for name in (*CODERS, REREAD) for k, v in figures[name].items()}


def _plover_folds(train: Sequence[Parsed], gold: Sequence[Parsed], dev: Sequence[Parsed], limit: int | None
                  ) -> dict[str, dict[str, list[Event]]]:
    """Each coder's events in each PLOVER sentence, by the models of the fold that never trained
    on it (`train.folds`); on PLOVER's sentences, all of which state an event, `minilm+roles`
    reads roles only (`roles=pairs`, no relevance gate)."""
    coded: dict[str, dict[str, list[Event]]] = {name: {} for name in (*CODERS, "rules", REREAD)}
    for held, built in trainer.folds(train, gold, dev):
        held = held[:limit]
        found = {"model": code(built.events, held), "minilm": code(built.minilm, held),
                 "rules": [list(p.rules) for p in held]}
        found[REREAD] = [roles.in_sentence(built.roles, p.sent, p.mentions, e, p.rules, gate=False)
                         for p, e in zip(held, found["minilm"])]
        for name, events in found.items():
            coded[name] |= {p.example.id: e for p, e in zip(held, events)}
    return coded


def code(model: coder.EventModel, items: Sequence[Parsed]) -> list[list[Event]]:
    """Each sentence coded as the pipeline codes it (`EventModel.code_units`): a question codes none."""
    return model.code_units([p.unit for p in items])


def score(items: Sequence[Parsed], coded: Sequence[Sequence[Event]]) -> dict[str, float]:
    found = gold_n = predicted_n = typed = typed_right = moded = moded_right = dated = dated_right = days_right = 0
    for p, events in zip(items, coded):
        gold = p.example.events
        matched, predicted = _matches(gold, events)
        found, gold_n, predicted_n = found + len(matched), gold_n + len(gold), predicted_n + predicted
        for g, e in matched:
            days_right += e.date == g.date
            if g.date is not None:
                dated += 1
                dated_right += e.date == g.date
        if gold:
            main = _main(events)
            typed += 1
            if main is not None and main.type == gold[0].type:
                typed_right += 1
                moded += 1
                moded_right += main.mode == gold[0].mode
    precision = found / predicted_n if predicted_n else 0.0
    recall = found / gold_n if gold_n else 0.0
    return {"type_accuracy": typed_right / typed if typed else 0.0, "triple_precision": precision,
            "triple_recall": recall, "triple_f1": f1(precision, recall),
            "mode_accuracy": moded_right / moded if moded else 0.0,
            "date_accuracy": dated_right / dated if dated else 0.0,
            # The guide leaves an undated past or future undated: counting the gold's `null`s too
            # shows a coder that dates them by the publication day, which date_accuracy cannot.
            "date_or_undated_accuracy": days_right / found if found else 0.0}


def _main(events: Sequence[Event]) -> Event | None:
    return next((e for e in events if e.mode == "asserted"), events[0] if events else None)


def triple_counts(gold: Sequence[GoldEvent], events: Sequence[Event], type_: str | None = None) -> tuple[int, int, int]:
    """(matched, gold, predicted) triples, of one type if given."""
    wanted = [g for g in gold if type_ in (None, g.type)]
    matched, predicted = _matches(wanted, [e for e in events if type_ in (None, e.type)])
    return len(matched), len(wanted), predicted


def _matches(gold: Sequence[GoldEvent], events: Sequence[Event]) -> tuple[list[tuple[GoldEvent, Event]], int]:
    """Each gold event matched to a coded (type, source, target) triple, by the first event that
    codes it, and how many distinct triples were coded; each triple matches once."""
    first: dict[tuple, Event] = {}
    for e in events:
        first.setdefault((e.type, e.source, e.target), e)
    unmatched = list(first.values())
    predicted = len(unmatched)
    matched = []
    for g in gold:
        hit = next((e for e in unmatched if e.type == g.type and same(e.source, g.source, g.source_country)
                    and (same(e.target, g.target, g.target_country) if g.target else e.target is None)), None)
        if hit is not None:
            unmatched.remove(hit)
            matched.append((g, hit))
    return matched, predicted


def same(actor: Actor | None, name: str | None, country: str | None) -> bool:
    """Whether a coded actor is the gold one: the same canonical name, or the same country."""
    return actor is not None and name is not None and (actor.canonical == name or (
        country is not None and actor.country == country))


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 where both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def table(title: str, coders: dict[str, dict[str, float]]) -> Table:
    metrics = list(dict.fromkeys(m for figures in coders.values() for m in figures))
    t = Table("coder", *metrics, title=title, title_justify="left")
    for name, figures in coders.items():
        t.add_row(name, *(f"{figures.get(m, 0.0):.3f}" for m in metrics))
    return t


def per_type(title: str, items: Sequence[Parsed], coders: dict[str, Sequence[Sequence[Event]]]) -> Table:
    """Triple precision and recall by PLOVER type, each coder beside the other."""
    gold_types = Counter(g.type for p in items for g in p.example.events)
    t = Table("type", "gold", *(f"{name} {m}" for name in coders for m in ("P", "R")), title=title,
              title_justify="left")
    for type_ in plover.PLOVER_TYPES:
        cells = []
        for coded in coders.values():
            found = gold = predicted = 0
            for p, events in zip(items, coded):
                f, g, n = triple_counts(p.example.events, events, type_)
                found, gold, predicted = found + f, gold + g, predicted + n
            cells += [f"{found / predicted:.2f}" if predicted else "-", f"{found / gold:.2f}" if gold else "-"]
        if gold_types[type_] or any(c != "-" for c in cells):
            t.add_row(type_, str(gold_types[type_]), *cells)
    return t
