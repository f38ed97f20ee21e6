"""PLOVER suite: truceline's event coder on the 322 coded sentences of PLOVER's gold-standard
records (`bench/plover-gsr`, edited examples from the CAMEO manual), against a baseline that
needs no lexicon, scored in the same run.

- Types: the records' PLOVER 0.5 names are mapped to 2.0 (DEMAND is REQUEST, DISAPPROVE and
  INVESTIGATE are ACCUSE, FIGHT is ASSAULT). truceline's type for a sentence is that of its first
  event; "type recall" asks only that some event of the sentence has the gold type.
- Actors: a predicted actor matches a gold one by country code (the records' CAMEO-style codes:
  JAP and ITL are Japan's and Italy's ISO codes; IGO and NGO match an actor of that kind) or by
  span: its name lies inside the gold actor's `(SRC: ..)`/`(TAR: ..)` words, or they inside it.
- Triples: every (type, source, target) of the gold record — a compound actor gives one triple
  per member; sides marked `SRC/TAR` with no other target are each other's targets, one triple
  per direction — against every distinct predicted one; a target matches when both are absent
  or the actors match.
- Baseline: every sentence gets the most frequent gold type, its first named entity (spaCy
  GPE, NORP or ORG) as source and its second as target.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich.table import Table

from truceline.config import Settings
from truceline.evaluation import SuiteReport
from truceline.pipeline import Pipeline
from truceline.records import Failure, RawInput

RECORDS = Path("bench/plover-gsr/PLOVER_GSR_CAMEO.txt")
TYPES_2_0 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CODES_ISO = {"JAP": "JPN", "ITL": "ITA"}
KIND_CODES = {"IGO": "igo", "NGO": "ngo"}
_MARKUP = re.compile(r"\((SRC|TAR|SRC/TAR): ([^)]*)\)")


@dataclass(frozen=True)
class Side:
    """An actor as the gold or a coder gives it: a code or country, a kind, the words naming it."""

    code: str | None
    kind: str | None
    words: str


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    type: str
    triples: tuple[tuple[Side, Side | None], ...]


def load(shared: Path, limit: int | None = None) -> list[Sentence]:
    records = json.loads((shared / RECORDS).read_text(encoding="utf-8"))
    return [_sentence(r) for r in records if r["event"] != "DOCUMENT"][:limit]


def _sentence(record: dict) -> Sentence:
    spans = {"SRC": [], "TAR": []}
    info = record["textInfo"]  # one record holds its markup directly
    markup = info["markup"] if isinstance(info, dict) else info
    for role, words in _MARKUP.findall(markup):
        for side in ("SRC", "TAR"):
            if side in role:
                spans[side].append(words)
    sources = _sides(record.get("source"), spans["SRC"])
    targets = _sides(record.get("target"), spans["TAR"])
    if not targets and "(SRC/TAR:" in markup:  # reciprocal sides, each the other's target
        triples = [(s, t) for s in sources for t in sources if t != s]
    else:
        triples = [(s, t) for s in sources for t in (targets or [None]) if t is None or t.words != s.words]
    return Sentence(record["id"], record["text"], TYPES_2_0.get(record["event"], record["event"]), tuple(triples))


def _sides(actors: object, spans: list[str]) -> list[Side]:
    """The gold actors with the markup words that name each: by actorText where a span holds it."""
    sides = []
    for actor in actors if isinstance(actors, list) else []:
        text = actor.get("actorText", "")
        words = next((s for s in spans if text and (text in s or s in text)), text)
        code = actor.get("code") or None
        sides.append(Side(CODES_ISO.get(code, code), KIND_CODES.get(code or ""), words))
    return sides


def matches(gold: Side, predicted: Side) -> bool:
    if gold.code and (gold.code == predicted.code or (gold.kind is not None and gold.kind == predicted.kind)):
        return True
    a, b = gold.words.casefold(), predicted.words.casefold()
    return bool(a and b) and (b in a or a in b)


def triple_scores(gold: list[tuple[str, Side, Side | None]],
                  predicted: list[tuple[str, Side, Side | None]]) -> tuple[int, int, int]:
    """(matched, gold, predicted) counts; each gold triple matches at most one predicted one."""
    unmatched = list(predicted)
    found = 0
    for type_, source, target in gold:
        for candidate in unmatched:
            c_type, c_source, c_target = candidate
            if c_type == type_ and matches(source, c_source) and (
                    (target is None and c_target is None)
                    or (target is not None and c_target is not None and matches(target, c_target))):
                unmatched.remove(candidate)
                found += 1
                break
    return found, len(gold), len(predicted)


def run(shared: Path, limit: int | None = None) -> SuiteReport:
    sentences = load(shared, limit)
    pipeline = Pipeline(Settings.from_env())
    results = list(pipeline.extract(RawInput(source=s.id, content=s.text.encode(), kind="text") for s in sentences))
    predictions = []
    for sentence, result in zip(sentences, results):
        events = [] if isinstance(result, Failure) else result.events
        triples = list(dict.fromkeys(
            (e.type, _side(e.source), _side(e.target) if e.target else None) for e in events))
        predictions.append(triples)
    majority = Counter(s.type for s in sentences).most_common(1)[0][0]
    baseline = [_baseline(doc, majority) for doc in pipeline.nlp.pipe(s.text for s in sentences)]
    scores, confusion = _score(sentences, predictions)
    baseline_scores, _ = _score(sentences, baseline)
    return SuiteReport("plover", scores, baseline="majority type, first and second named entity",
                       baseline_scores=baseline_scores,
                       details=[_per_type(sentences, predictions), _confusion_table(confusion)],
                       errors=_errors(sentences, predictions))


def _side(actor) -> Side:
    return Side(actor.country, actor.kind, actor.name)


def _baseline(doc, majority: str) -> list[tuple[str, Side, Side | None]]:
    named = [Side(None, None, e.text) for e in doc.ents if e.label_ in ("GPE", "NORP", "ORG")]
    return [(majority, named[0], named[1] if len(named) > 1 else None)] if named else []


def _gold_triples(sentence: Sentence) -> list[tuple[str, Side, Side | None]]:
    return [(sentence.type, s, t) for s, t in sentence.triples]


def _score(sentences: list[Sentence], predictions: list[list]) -> tuple[dict[str, float], Counter]:
    typed = recalled = source = target = found = gold_n = predicted_n = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for sentence, triples in zip(sentences, predictions):
        first = triples[0][0] if triples else "none"
        confusion[sentence.type, first] += 1
        typed += first == sentence.type
        recalled += any(t[0] == sentence.type for t in triples)
        gold_sources = [s for s, _ in sentence.triples]
        gold_targets = [t for _, t in sentence.triples if t is not None]
        source += any(matches(g, t[1]) for g in gold_sources for t in triples)
        target += any(t[2] is not None and matches(g, t[2]) for g in gold_targets for t in triples)
        f, g, p = triple_scores(_gold_triples(sentence), triples)
        found, gold_n, predicted_n = found + f, gold_n + g, predicted_n + p
    n = len(sentences)
    with_target = sum(any(t is not None for _, t in s.triples) for s in sentences)
    precision = found / predicted_n if predicted_n else 0.0
    recall = found / gold_n if gold_n else 0.0
    return {
        "type_accuracy": typed / n, "type_recall": recalled / n,
        "source_match": source / n, "target_match": target / with_target if with_target else 0.0,
        "triple_precision": precision, "triple_recall": recall,
        "triple_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }, confusion


def _per_type(sentences: list[Sentence], predictions: list[list]) -> Table:
    table = Table("type", "gold", "predicted", "correct", "precision", "recall", "F1",
                  title="PLOVER types (first event of each sentence)", title_justify="left")
    gold = Counter(s.type for s in sentences)
    first = [p[0][0] if p else "none" for p in predictions]
    predicted = Counter(first)
    correct = Counter(s.type for s, f in zip(sentences, first) if s.type == f)
    for type_ in sorted(gold | predicted):
        if type_ == "none":
            continue
        p = correct[type_] / predicted[type_] if predicted[type_] else 0.0
        r = correct[type_] / gold[type_] if gold[type_] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        table.add_row(type_, str(gold[type_]), str(predicted[type_]), str(correct[type_]),
                      f"{p:.2f}", f"{r:.2f}", f"{f1:.2f}")
    return table


def _confusion_table(confusion: Counter) -> Table:
    """The confusion matrix as one row per gold type, its predictions most frequent first: a
    16-column matrix does not fit a terminal."""
    table = Table("gold type", "truceline's first event: count", title="Confusion", title_justify="left")
    for gold_type in sorted({g for g, _ in confusion}):
        row = sorted(((n, p) for (g, p), n in confusion.items() if g == gold_type), reverse=True)
        table.add_row(gold_type, ", ".join(f"{p} {n}" for n, p in row))
    return table


def _errors(sentences: list[Sentence], predictions: list[list]) -> list[dict]:
    errors = []
    for sentence, triples in zip(sentences, predictions):
        if triple_scores(_gold_triples(sentence), triples)[0] < len(sentence.triples):
            errors.append({"id": sentence.id, "text": sentence.text, "gold": sentence.type,
                           "gold_triples": [(s.words, t.words if t else None) for s, t in sentence.triples],
                           "predicted": [(t, s.words, o.words if o else None) for t, s, o in triples]})
    return errors
