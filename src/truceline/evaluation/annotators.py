"""How far two annotators agree on the same sentences: a second coding of annotated training
sentences, made blind to the first (`data/training/second/*.jsonl`, each line naming the
annotated line it codes again by `id`), scored against the first with the events suite's own
matching (`events.triple_counts`). The coders' event figures are read against it: no coder can be
expected to agree with the gold more than a second annotator does.

    python -m truceline.evaluation.annotators
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from truceline.evaluation.events import f1, triple_counts
from truceline.models import examples
from truceline.models.examples import GoldEvent
from truceline.records import Actor, Event

@dataclass(frozen=True)
class Agreement:
    sentences: int
    first_events: int
    second_events: int
    triple_precision: float  # of the second coding's (type, source, target), the first as reference
    triple_recall: float
    relevance: float  # share of sentences both say report an event, or both say do not
    type_f1: float  # the types each sentence's events have, pooled over sentences

    @property
    def triple_f1(self) -> float:
        return f1(self.triple_precision, self.triple_recall)


def agreement(data: Path = examples.DATA) -> Agreement:
    first = {e.id: e for e in examples.annotated(data)}
    pairs = [(first[row["id"]], examples.gold_events(row)) for path in sorted((data / "second").glob("*.jsonl"))
             for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    matched = reference = coded = typed_both = typed_first = typed_second = same_relevance = 0
    for example, second in pairs:
        f, r, c = triple_counts(example.events, [_as_event(g, example) for g in second])
        matched, reference, coded = matched + f, reference + r, coded + c
        types, others = {g.type for g in example.events}, {g.type for g in second}
        typed_both, typed_first, typed_second = typed_both + len(types & others), typed_first + len(types), typed_second + len(others)
        same_relevance += bool(types) == bool(others)
    return Agreement(len(pairs), reference, coded, matched / coded if coded else 0.0,
                     matched / reference if reference else 0.0, same_relevance / len(pairs) if pairs else 0.0,
                     f1(typed_both / typed_second, typed_both / typed_first) if typed_first and typed_second else 0.0)


def _as_event(gold: GoldEvent, example: examples.Example) -> Event:
    """A second annotator's event in the form a coder's takes, to be matched as the coders' are."""
    def actor(name: str | None, country: str | None) -> Actor | None:
        return Actor(name, name, country, "coded", None) if name else None

    return Event(gold.type, gold.mode, actor(gold.source, gold.source_country),
                 actor(gold.target, gold.target_country), None, example.text, example.start, example.end)


def main() -> None:
    found = agreement()
    Console().print(f"{found.sentences} sentences coded twice ({found.first_events} and {found.second_events} events): "
                    f"triple F1 {found.triple_f1:.3f} (P {found.triple_precision:.3f}, R {found.triple_recall:.3f}), "
                    f"types per sentence F1 {found.type_f1:.3f}, event or none {found.relevance:.3f}")


if __name__ == "__main__":
    main()
