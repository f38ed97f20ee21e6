"""The gold set: real documents annotated by hand (`eval/gold/*.json`, guide in `eval/GUIDE.md`),
and its scoring.

A gold file names its document by where it lives in `../shared`, not by a copy, and every gold
item quotes the words that state it; the quote is found in the cleaned text when scoring, so
spans survive changes to the clean stage. Matching is lenient as the guide documents it: spans
overlap, actors match by ISO code or name, numbers exactly.

    python -m truceline.evaluation.gold show eval/gold/some-document.json   # the text to annotate
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from functools import cache
from pathlib import Path

from rich.table import Table

from truceline.clean import clean, link_words
from truceline.config import Settings
from truceline.evaluation import SuiteReport
from truceline.pipeline import Pipeline
from truceline.records import Actor, Agreement, Claim, Event, Failure, RawInput, Record
from truceline.stages import stages_with

GOLD_DIR = Path("eval/gold")
KINDS = ("events", "claims", "agreements")
# Sides of these types act together: "X met Y" and "Y met X" are one event.
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
# The event coders scored beside the settings' own, by name: the rules (tuned on these documents)
# and the trained coder (its events stage and the two that read them again; never tuned on them).
CODERS = {"rules": "events=rules", "trained": "events=minilm,relevance=model,roles=pairs"}
GAZA_CORPUS = Path("corpora/wh-briefings/gaza_lebanon_2023-10_to_2026-07.jsonl.gz")
PAGES = Path("bench/extraction-scrapinghub/html")


@cache
def _corpus(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {d["path"]: d for d in map(json.loads, f)}


def document_input(ref: dict[str, str], shared: Path) -> RawInput:
    """The input a gold file annotates: {"corpus": path} in the Gaza/Lebanon corpus, or
    {"page": id prefix} of a news page of the article-extraction benchmark."""
    if "corpus" in ref:
        d = _corpus(shared / GAZA_CORPUS)[ref["corpus"]]
        meta = {"title": d["title"], "date": d["date"], "url": d["source_url"]}
        return RawInput(source=d["source_url"], content=d["text"].encode("utf-8"), kind="text", meta=meta)
    [page] = (shared / PAGES).glob(f"{ref['page']}*.html.gz")
    return RawInput(source=page.name, content=gzip.decompress(page.read_bytes()), kind="html")


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`, white space and quote marks compared loosely; a markdown
    link quoted whole is found as the cleaned text keeps it, as its words."""
    straight = link_words(quote).replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    loose = r"\s+".join(map(re.escape, straight.split())).replace('"', '["\u201c\u201d]').replace("'", "['\u2019]")
    found = re.search(loose, text)
    return found.span() if found else None


def load(gold_dir: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) | {"file": p.name} for p in sorted(gold_dir.glob("*.json"))]


def run(shared: Path, limit: int | None = None, gold_dir: Path = GOLD_DIR) -> SuiteReport:
    golds = load(gold_dir)[:limit]
    stages = Settings.from_env().stages
    runs = {stages: _extract(golds, shared, stages)}  # a stage list met twice is run once
    tally = {kind: _Tally() for kind in KINDS}
    coders = {name: _Tally() for name in CODERS}
    for name, events in CODERS.items():
        chosen = stages_with(stages, events)
        if chosen not in runs:
            runs[chosen] = _extract(golds, shared, chosen)
        for gold, record in zip(golds, runs[chosen]):
            coders[name].add(gold["file"], "events", gold.get("events", []), record)
    for gold, record in zip(golds, runs[stages]):
        for kind in KINDS:
            tally[kind].add(gold["file"], kind, gold.get(kind, []), record)
    table = Table("record kind", "gold", "predicted", "matched", "precision", "recall", "F1", "attribute",
                  title=f"Gold set: {len(golds)} documents (the settings' stages: {stages})", title_justify="left")
    scores: dict[str, float] = {}
    for kind, t in (*tally.items(), *((f"events ({CODERS[name]})", t) for name, t in coders.items())):
        table.add_row(kind, str(t.gold), str(t.predicted), str(t.matched), f"{t.precision:.3f}",
                      f"{t.recall:.3f}", f"{t.f1:.3f}", t.attribute_summary())
    # The settings' figures unprefixed; each named coder's under its name, which the floors pin.
    for kind, t in (*tally.items(), *((f"{name}_events", t) for name, t in coders.items())):
        scores |= {f"{kind}_precision": t.precision, f"{kind}_recall": t.recall, f"{kind}_f1": t.f1}
    errors = [e for t in tally.values() for e in t.errors]
    return SuiteReport("gold", scores, details=[table], errors=errors)


def _extract(golds: list[dict], shared: Path, stages: str) -> list[Record]:
    records = []
    for gold, result in zip(golds, Pipeline(Settings.from_env(stages=stages)).extract(
            document_input(g["document"], shared) for g in golds)):
        if isinstance(result, Failure):
            raise RuntimeError(f"{gold['file']}: the pipeline skipped its document: {result.reason}")
        records.append(result)
    return records


class _Tally:
    """Matches of one record kind over all documents, and the misses for error analysis."""

    def __init__(self) -> None:
        self.gold = self.predicted = self.matched = 0
        self.attribute_hits: dict[str, int] = {}
        self.errors: list[dict] = []

    def add(self, file: str, kind: str, gold_items: list[dict], record: Record) -> None:
        text = record.document.text
        predicted = list(getattr(record, kind))
        unmatched = set(range(len(predicted)))
        self.gold += len(gold_items)
        self.predicted += len(predicted)
        for item in gold_items:
            span = locate(item["quote"], text)
            if span is None:
                raise ValueError(f"{file}: quote not in the cleaned text: {item['quote']!r}")
            candidates = [i for i in unmatched if _overlap(span, predicted[i]) and _MATCH[kind](item, predicted[i], record)]
            if not candidates:
                self.errors.append({"file": file, "kind": kind, "error": "missed", "gold": item})
                continue
            best = max(candidates, key=lambda i: _overlap(span, predicted[i]))
            unmatched.discard(best)
            self.matched += 1
            for name, right in _ATTRIBUTES[kind](item, predicted[best], record).items():
                self.attribute_hits[name] = self.attribute_hits.get(name, 0) + right
        for i in sorted(unmatched):
            p = predicted[i]
            self.errors.append({"file": file, "kind": kind, "error": "spurious",
                                "predicted": describe(p), "quote": text[p.start:p.end]})

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def attribute_summary(self) -> str:
        return ", ".join(f"{name} {hits / self.matched:.2f}" for name, hits in self.attribute_hits.items())


def _overlap(span: tuple[int, int], item: Event | Claim | Agreement) -> int:
    return max(0, min(span[1], item.end) - max(span[0], item.start))


def _actor_matches(gold: str | None, actor: Actor | None) -> bool:
    if gold is None or actor is None:
        return gold is None and actor is None
    return gold.upper() == (actor.country or "") or gold.casefold() in (actor.canonical.casefold(), actor.name.casefold())


def event_matches(gold: dict, event, record: Record) -> bool:
    """Whether a coded event is the gold one: the same type and actors, either way round for a
    reciprocal type."""
    if gold["type"] != event.type:
        return False
    sides = (gold["source"], gold.get("target"))
    if _actor_matches(sides[0], event.source) and _actor_matches(sides[1], event.target):
        return True
    return gold["type"] in RECIPROCAL and _actor_matches(sides[1], event.source) and _actor_matches(sides[0], event.target)


def names_match(gold_names: list[str], names: tuple[str, ...], record: Record) -> bool:
    """Agreement parties or mediators, as sets, by ISO code or name."""
    actors = {a.canonical: a for a in record.actors}
    resolved = [actors.get(n, Actor(n, n, None, "other")) for n in names]
    return (all(any(_actor_matches(g, a) for a in resolved) for g in gold_names)
            and all(any(_actor_matches(g, a) for g in gold_names) for a in resolved))


# The guide's kind is the sentence's word; a record's is its frame's (frames.py): "the deal" of a
# document about a truce is the truce.
_GENERIC_KINDS = ("deal", "proposal")
_MATCH = {
    "events": event_matches,
    "claims": lambda gold, claim, record: gold["kind"] == claim.kind and float(gold["value"]) == claim.value,
    "agreements": lambda gold, agreement, record: (
        gold["status"] == agreement.status and gold["kind"] in (agreement.kind, *_GENERIC_KINDS)),
}
_ATTRIBUTES = {
    "events": lambda gold, event, record: {
        "date": gold.get("date") == (event.date.isoformat() if event.date else None),
        "mode": gold.get("mode") == event.mode},
    "claims": lambda gold, claim, record: {"qualifier": gold.get("qualifier") == claim.qualifier},
    "agreements": lambda gold, agreement, record: {
        "parties": names_match(gold.get("parties", []), agreement.parties, record),
        "mediators": names_match(gold.get("mediators", []), agreement.mediators, record)},
}


def describe(item: Event | Claim | Agreement) -> str:
    """A coded event, claim or agreement in one line, as error lists show it."""
    if isinstance(item, Event):
        target = f" -> {item.target.canonical}" if item.target else ""
        return f"{item.type} {item.mode}: {item.source.canonical}{target}"
    if isinstance(item, Claim):
        return f"{item.kind} {item.qualifier or ''} {item.value:g}".replace("  ", " ")
    assert isinstance(item, Agreement)
    return f"{item.kind} {item.status}: {', '.join(item.parties)}"


def _show(path: str, shared: Path = Path("../shared")) -> None:
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    document = clean(document_input(gold["document"], shared))
    print(f"# {document.title}\n# published {document.published}\n")
    print(document.text)
    for kind in ("events", "claims", "agreements"):
        for item in gold.get(kind, []):
            if locate(item["quote"], document.text) is None:
                print(f"\n!! {kind} quote not found in the text: {item['quote']!r}", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:2] != ["show"] or len(sys.argv) != 3:
        sys.exit("usage: python -m truceline.evaluation.gold show GOLD_FILE")
    _show(sys.argv[2])
