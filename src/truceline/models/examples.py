"""The sentences event models learn from and are scored on, parsed as the pipeline parses them.

- annotated: real sentences of the White House corpora in `../shared`, coded by hand
  (`data/training/annotated/*.jsonl`), each with its document;
- synthetic: news-style sentences written for truceline (`data/training/synthetic.jsonl`);
- plover: PLOVER's gold-standard sentences (`../shared/bench/plover-gsr`, CC BY-SA 4.0), each
  its own document, in a dev part and a test part scored by cross-validation (`plover_part`).

Splits are by document, fixed by a hash of its id, so that no document's sentences are both
trained on and scored.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.table import Table
from spacy.tokens import Span

from truceline.config import Settings
from truceline.evaluation import plover as gold_plover
from truceline.evaluation.gold import locate
from truceline.models.coder import Unit
from truceline.pipeline import Pipeline
from truceline.records import Event, Failure, Mention, RawInput
from truceline.stages import Work
from truceline.voices import LABEL

DATA = Path("data/training")
CORPORA = {"all_2023-2024": "corpora/wh-briefings/all_2023-2024.jsonl.gz",
           "gaza_lebanon": "corpora/wh-briefings/gaza_lebanon_2023-10_to_2026-07.jsonl.gz"}
# The rule-based coder's stages: its events are features of the models and their fallback.
RULE_STAGES = "clean,actors,clauses,events=rules"
Split = Literal["train", "dev", "test"]
Origin = Literal["annotated", "synthetic", "plover"]
PLOVER_FOLDS = 5
_BEFORE = 2000  # characters of a document read before its first annotated sentence


@dataclass(frozen=True)
class GoldEvent:
    type: str
    mode: str
    source: str | None  # canonical name, as the actor dictionary has it
    source_country: str | None
    target: str | None
    target_country: str | None
    # Where a PLOVER record marks the actor in its sentence: the name it is trained on is that
    # of the actor mention found there (`_named`), as the records code "UN" and "NATO" as IGO.
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    date: date | None = None  # the day the text gives the event, where it gives one


@dataclass(frozen=True)
class Example:
    id: str
    doc: str  # the document it is from: what the split is decided by
    text: str
    events: tuple[GoldEvent, ...]
    origin: Origin
    corpus: str | None = None  # for an annotated sentence, the corpus its document is in
    start: int = 0  # and where it is in the document's text
    end: int = 0
    published: date | None = None  # its document's publication date, which its dates are read against

    @property
    def split(self) -> Split:
        return plover_part(self.doc) if self.origin == "plover" else split_of(self.doc)


@dataclass
class Parsed:
    """An example as the pipeline reads it: its sentence, the actor mentions in it and the events
    the rule-based coder codes there."""

    example: Example
    sent: Span
    mentions: list[Mention]
    rules: list[Event]

    @cached_property
    def unit(self) -> Unit:
        """The sentence as the coders read it, one for every model and fold, so that its
        features are made once (`Unit.features`)."""
        return Unit(self.sent, self.mentions, self.rules, self.example.published)


def split_of(doc: str) -> Split:
    """test for a quarter of the documents, dev for a sixth, train for the rest: by a hash of
    the document id, so a document never changes side as data is added."""
    bucket = _hash(doc) % 24
    return "test" if bucket < 6 else "dev" if bucket < 10 else "train"


def plover_part(record: str) -> Split:
    """dev for about a third of PLOVER's sentences (studied and tuned on), test for the rest
    (scored only, by cross-validation): by a hash of the record's id."""
    return "dev" if _hash(record) % 3 == 0 else "test"


def plover_fold(record: str) -> int:
    """The cross-validation fold of a PLOVER sentence, from the same hash as its part, so that
    each fold holds dev and test sentences alike."""
    return _hash(record) // 3 % PLOVER_FOLDS


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


def load(data: Path = DATA) -> list[Example]:
    return [*annotated(data), *synthetic(data)]


def annotated(data: Path = DATA) -> list[Example]:
    found = []
    for path in sorted((data / "annotated").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            found.append(Example(f"{path.stem}:{n + 1}", row["doc"], row["sentence"], gold_events(row), "annotated",
                                 row["corpus"], row["start"], row["end"], date.fromisoformat(row["date"])))
    return found


def synthetic(data: Path = DATA) -> list[Example]:
    lines = (data / "synthetic.jsonl").read_text(encoding="utf-8").splitlines()
    return [Example(f"synthetic:{n + 1}", row["doc"], row["sentence"], gold_events(row), "synthetic")
            for n, row in enumerate(map(json.loads, lines))]


def plover(shared: Path) -> list[Example]:
    """PLOVER's gold sentences, one event per (source, target) pair of the record, asserted
    (they are the CAMEO manual's examples of events that happened); an actor is named by its
    words and coded by its country, and where it is marked in the sentence, by the actor
    mention there (`_named`)."""
    found = []
    for s in gold_plover.load(shared):
        events = tuple(GoldEvent(s.type, "asserted", source.words, source.code, target and target.words,
                                 target and target.code, source.spans[0] if source.spans else None,
                                 target.spans[0] if target and target.spans else None)
                       for source, target in s.triples)
        found.append(Example(s.id, s.id, s.text, events, "plover"))
    return found


def gold_events(row: dict) -> tuple[GoldEvent, ...]:
    """The gold events of an annotated line (its `events`), dated where the annotator gave a date."""
    return tuple(GoldEvent(e["type"], e["mode"], e.get("source"), e.get("source_country"), e.get("target"),
                           e.get("target_country"), date=e.get("date") and date.fromisoformat(e["date"]))
                 for e in row["events"])


def parse(examples: Sequence[Example], shared: Path, settings: Settings | None = None) -> list[Parsed]:
    """Each example's sentence, mentions and rule events; an annotated sentence is read in its
    whole document (its title says whom "we" stands for), a synthetic one alone. Examples whose
    sentence cannot be found in the cleaned text are left out."""
    pipeline = Pipeline(settings or Settings(stages=RULE_STAGES, parse="all"))  # features read every sentence
    parsed: list[Parsed] = []
    alone = [e for e in examples if e.origin != "annotated"]
    for example, work in zip(alone, pipeline.analyse(RawInput(e.id, e.text.encode(), "text") for e in alone)):
        if isinstance(work, Work) and work.doc is not None:
            parsed += _sentences([example], work)
    by_doc: dict[tuple[str, str], list[Example]] = {}
    for e in examples:
        if e.origin == "annotated":
            by_doc.setdefault((e.corpus, e.doc), []).append(e)
    inputs = (document_excerpt(shared, corpus, doc, group) for (corpus, doc), group in by_doc.items())
    for group, work in zip(by_doc.values(), pipeline.analyse(inputs)):
        if isinstance(work, Work) and work.doc is not None:
            parsed += _sentences(group, work)
    return parsed


def _sentences(examples: Iterable[Example], work: Work) -> Iterator[Parsed]:
    doc = work.doc
    for example in examples:
        where = locate(example.text, work.document.text)
        if where is None:
            continue
        span = doc.char_span(*where, alignment_mode="expand")
        if span is None:
            continue
        # The parse's sentence that holds most of the annotated one; of two that hold as much, the
        # first (a set of Spans iterates in an order that changes from run to run).
        sents = sorted({t.sent for t in span}, key=lambda s: s.start)
        sent = max(sents, key=lambda s: min(s.end, span.end) - max(s.start, span.start))
        mentions = [m for m in work.parties if sent.start_char <= m.start < sent.end_char]
        rules = [e for e in work.events if e.start < sent.end_char and e.end > sent.start_char]
        if example.origin == "plover":
            example = replace(example, events=tuple(_named(g, mentions, where[0]) for g in example.events))
        yield Parsed(example, sent, mentions, rules)


def _named(gold: GoldEvent, mentions: Sequence[Mention], offset: int) -> GoldEvent:
    """A PLOVER event's actors named as the actor mentions at their marked spans call them."""
    def at(span: tuple[int, int] | None, name: str | None, country: str | None) -> tuple[str | None, str | None]:
        hit = span and next((m for m in mentions if m.start < span[1] + offset and span[0] + offset < m.end), None)
        return (hit.actor.canonical, country or hit.actor.country) if hit else (name, country)

    source, source_country = at(gold.source_span, gold.source, gold.source_country)
    target, target_country = at(gold.target_span, gold.target, gold.target_country)
    return replace(gold, source=source, source_country=source_country, target=target, target_country=target_country)


def document_excerpt(shared: Path, corpus: str, path: str, group: Sequence[Example]) -> RawInput:
    """The part of the document the sentences are in, from the paragraph a little before them
    (where "the two leaders" or "we" was named), or from the speaker label before them (which
    says whose "we" and "you" they are), to the end of theirs: briefings run to 20,000 words,
    and parsing them whole is most of the cost of training."""
    d = _corpus(shared / CORPORA[corpus])[path]
    text = d["text"]
    first, last = min(e.start for e in group), max(e.end for e in group)
    begin = text.find("\n\n", max(0, first - _BEFORE))
    begin = 0 if begin < 0 or begin >= first else begin
    begin = min([begin] + [label.start() for label in LABEL.finditer(text, 0, first)][-1:])
    end = text.find("\n\n", last)
    meta = {"title": d["title"], "date": d["date"], "url": d["source_url"]}
    return RawInput(source=d["source_url"], content=text[begin:end if end >= 0 else None].encode("utf-8"),
                    kind="text", meta=meta)


@cache
def _corpus(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {d["path"]: d for d in map(json.loads, f)}


def counts(found: Sequence[Example]) -> Table:
    """Sentences, documents, and events by type and by mode, per origin and split."""
    groups = {f"{o} {s}": [e for e in found if e.origin == o and e.split == s]
              for o in ("annotated", "synthetic") for s in ("train", "dev", "test")}
    groups = {name: group for name, group in groups.items() if group}
    table = Table("", *groups, title="Event training data", title_justify="left")
    table.add_row("sentences", *(str(len(g)) for g in groups.values()))
    table.add_row("documents", *(str(len({e.doc for e in g})) for g in groups.values()))
    table.add_row("without an event", *(str(sum(not e.events for e in g)) for g in groups.values()))
    for label, key in (("type", lambda ev: ev.type), ("mode", lambda ev: ev.mode)):
        values = Counter(key(ev) for e in found for ev in e.events)
        for value in sorted(values):
            table.add_row(f"{label} {value}", *(str(sum(key(ev) == value for e in g for ev in e.events))
                                                for g in groups.values()))
    return table


if __name__ == "__main__":
    Console().print(counts(load()))
