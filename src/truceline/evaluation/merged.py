"""Merged suite: truceline's agreements across the documents the gold names (105: of the 647 White
House texts on Gaza and Lebanon, and of the 6,050-document White House corpus 2023-2024), against
the agreements they describe, listed by reading them in `eval/agreements.toml`.

The documents are ingested into a temporary database and linked as an ingest links them (or a
database a whole corpus is ingested into is given, `--db`), then each gold
mention, a quote in a named document, is looked up: the agreement mentions truceline stored
whose span overlaps the quote, and the merged agreement (thread) each belongs to. A gold
agreement is

- matched when its detected mentions are all in one merged agreement that holds no other gold
  agreement's mentions;
- split when they are in several merged agreements;
- wrongly merged when a merged agreement holding them also holds another gold agreement's;
- missed when truceline detected none of its mentions.

For a split agreement the table also tells whether its pieces are chained by the merged
agreements' links (merge.link_agreements), so that a reader can follow it from one to the next.
A matched agreement is *complete* when its merged record holds every field the gold states: kind
(of the same family), status, parties, mediators, and the duration, effective day and phases
where the gold gives them. Scores are given for the gold's dev and test halves apart
(`split`): dev agreements were used for error analysis, test ones were not, and only their
scores are printed.

Baseline, same run: no merging across mentions (every mention its own agreement), which is what
per-document records give. Also printed: how much merging folded the corpus's events, figures and
agreement mentions.
"""

from __future__ import annotations

import gzip
import itertools
import json
import tempfile
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.table import Table

from truceline.config import Settings
from truceline.conflicts import conflict_of
from truceline.evaluation import SuiteReport
from truceline.evaluation.plover import occurrences
from truceline.frames import FAMILY
from truceline.ingest import read_inputs
from truceline.records import MergedAgreement, Record
from truceline.store import Store
from truceline.workers import Workers

GOLD = Path("eval/agreements.toml")
CORPUS = Path("corpora/wh-briefings/gaza_lebanon_2023-10_to_2026-07.jsonl.gz")
# Where the gold's other documents are. Only the documents the gold names are ingested.
WIDER = Path("corpora/wh-briefings/all_2023-2024.jsonl.gz")
SPLITS = ("dev", "test")
FIGURES = ("matched", "wrongly_merged", "kept_apart", "complete", "mention_recall", "status_accuracy")
METRICS = tuple(f"{split}_{figure}" for split in SPLITS for figure in FIGURES)


@dataclass(frozen=True)
class GoldMention:
    document: str  # a part of the corpus `path`
    quote: str


@dataclass(frozen=True)
class GoldAgreement:
    id: str
    name: str
    kind: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    status: str
    dates: dict[str, date]
    mentions: tuple[GoldMention, ...]
    split: str = "dev"
    proposers: tuple[str, ...] = ()
    duration_days: float | None = None
    phases: tuple[int, ...] = ()


@dataclass
class Outcome:
    """What truceline made of one gold agreement."""

    gold: GoldAgreement
    located: int = 0  # mentions whose quote is in the stored document
    detected: int = 0  # of those, mentions where truceline stored an agreement
    threads: frozenset[str] = frozenset()
    verdict: str = "missed"
    merged: MergedAgreement | None = None
    pieces_linked: bool = False


def load_gold(path: Path = GOLD) -> list[GoldAgreement]:
    with open(path, "rb") as f:
        entries = tomllib.load(f)["agreement"]
    return [GoldAgreement(e["id"], e["name"], e["kind"], tuple(e["parties"]), tuple(e["mediators"]), e["status"],
                          e.get("dates", {}), tuple(GoldMention(**m) for m in e["mentions"]), e["split"],
                          tuple(e.get("proposers", ())), e.get("duration_days"), tuple(e.get("phases", ())))
            for e in entries]


def run(shared: Path, limit: int | None = None, database: str | None = None) -> SuiteReport:
    """Score the merged agreements of `database` (an ingested corpus), or of the corpus ingested
    now (its first `limit` documents)."""
    gold = load_gold()
    if database:
        with Store(database, create=False) as store:
            return score(store, gold, _addresses(shared, gold))
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/corpus.db") as store:
        settings = Settings()
        named = Path(tmp) / "named.jsonl"
        named.write_text("".join(json.dumps(d) + "\n" for d in _named_documents(shared, gold)), encoding="utf-8")
        inputs = itertools.islice(read_inputs([str(named)], settings), limit)
        with Workers(settings) as workers:  # every core, as an ingest would
            for result in workers.extract(inputs):
                if isinstance(result, Record):
                    store.add(result)
        store.link()  # as an ingest ends: one order, publication date then document id
        return score(store, gold, _addresses(shared, gold))


def _corpus(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _named_documents(shared: Path, gold: list[GoldAgreement]) -> list[dict]:
    """The documents gold mentions name: of the Gaza/Lebanon corpus, then those of the wider
    corpus it lacks."""
    own = _corpus(shared / CORPUS)
    paths = {d["path"] for d in own}
    parts = {m.document for a in gold for m in a.mentions}
    return [d for d in [*own, *(d for d in _corpus(shared / WIDER) if d["path"] not in paths)]
            if any(p in d["path"] for p in parts)]


def _addresses(shared: Path, gold: list[GoldAgreement]) -> dict[str, str]:
    """Corpus path → the URL truceline stores as the document's source."""
    return {d["path"]: d["source_url"] for d in [*_corpus(shared / CORPUS), *_named_documents(shared, gold)]}


def score(store: Store, gold: list[GoldAgreement], addresses: dict[str, str]) -> SuiteReport:
    documents = {d.source: d for d in store.documents()}
    mentions_by_document = defaultdict(list)
    for row in store.agreements():
        mentions_by_document[row["document_id"]].append(row)
    merged = {a.id: a for a in store.merged_agreements()}

    outcomes = []
    for agreement in gold:
        outcome = Outcome(agreement)
        threads = set()
        for mention in agreement.mentions:
            [path] = {p for p in addresses if mention.document in p}
            document = documents.get(addresses[path])
            spans = occurrences(mention.quote, document.text) if document else ()
            if not spans:
                continue
            outcome.located += 1
            start, end = spans[0]
            hits = _threads_at(mentions_by_document[document.id], start, end, agreement)
            outcome.detected += bool(hits)
            threads |= hits
        outcome.threads = frozenset(threads)
        outcomes.append(outcome)
    _judge(outcomes, merged)

    scores: dict[str, float] = {}
    baseline: dict[str, float] = {}
    for split in SPLITS:
        half = [o for o in outcomes if o.gold.split == split]
        located = sum(o.located for o in half)
        judged = [o for o in half if o.verdict == "matched"]
        scores |= {
            f"{split}_matched": _share(o.verdict == "matched" for o in half),
            f"{split}_wrongly_merged": float(sum(o.verdict == "wrongly merged" for o in half)),
            # the same, as a share that a floor can hold up: gold agreements merged with no other
            f"{split}_kept_apart": _share(o.verdict != "wrongly merged" for o in half),
            f"{split}_complete": _share(o.verdict == "matched" and not _missing_fields(o) for o in half),
            f"{split}_mention_recall": sum(o.detected for o in half) / located if located else 0.0,
            f"{split}_status_accuracy": _share(o.merged.status == o.gold.status for o in judged) if judged else 0.0,
        }
        baseline |= {f"{split}_matched": _share(o.detected == 1 for o in half)}
    return SuiteReport("merged", scores,
                       baseline="no merging: every agreement mention its own agreement (per-document records)",
                       baseline_scores=baseline,
                       details=[agreement_table(outcomes), folding_table(store)],
                       errors=[_error(o) for o in outcomes if o.verdict != "matched" and o.gold.split == "dev"])


def _threads_at(rows: list[dict], start: int, end: int, gold: GoldAgreement) -> set[str]:
    """The threads of the mentions whose span overlaps the quote's; of a sentence that names two
    agreements ("use this truce extension ... to reach a durable cessation of hostilities"), those
    of the gold's kind where the kind tells them apart, else those of the conflict its parties
    are the sides of ("this temporary ceasefire" in Lebanon beside "a ceasefire in Gaza")."""
    overlapping = [row for row in rows if row["start"] < end and start < row["end"]]
    family = FAMILY.get(gold.kind)
    same = [row for row in overlapping if family and FAMILY.get(row["kind"]) == family]
    if not same and len({row["thread_id"] for row in overlapping}) > 1:
        conflict = conflict_of(gold.parties, "")
        same = [row for row in overlapping if conflict and row["conflict"] == conflict]
    return {row["thread_id"] for row in same or overlapping}


def _judge(outcomes: list[Outcome], merged: dict[str, MergedAgreement]) -> None:
    holders = defaultdict(set)
    for outcome in outcomes:
        for thread in outcome.threads:
            holders[thread].add(outcome.gold.id)
    for outcome in outcomes:
        if not outcome.threads:
            outcome.verdict = "missed"
        elif any(len(holders[t]) > 1 for t in outcome.threads):
            outcome.verdict = "wrongly merged"
        elif len(outcome.threads) > 1:
            outcome.verdict = "split"
            outcome.pieces_linked = _chained(outcome.threads, merged)
        else:
            outcome.verdict = "matched"
            outcome.merged = merged[next(iter(outcome.threads))]


def _chained(threads: frozenset[str], merged: dict[str, MergedAgreement]) -> bool:
    """Whether the links between merged agreements join all these threads into one chain."""
    reached, frontier = set(), [min(threads)]
    while frontier:
        thread = frontier.pop()
        reached.add(thread)
        neighbours = {link.agreement for link in merged[thread].links}
        neighbours |= {a.id for a in merged.values() if any(link.agreement == thread for link in a.links)}
        frontier += [n for n in neighbours & threads if n not in reached]
    return reached == threads


def _missing_fields(outcome: Outcome) -> list[str]:
    """The gold's fields a matched agreement's merged record gets wrong or lacks."""
    gold, merged = outcome.gold, outcome.merged
    if merged is None:
        return ["record"]
    expected = {"kind": FAMILY.get(gold.kind, gold.kind), "status": gold.status, "parties": set(gold.parties),
                "mediators": set(gold.mediators)}
    found = {"kind": FAMILY.get(merged.kind, merged.kind), "status": merged.status, "parties": set(merged.parties),
             "mediators": set(merged.mediators)}
    if gold.kind in ("deal", "proposal"):  # the guide's word; the record's kind is its family's
        expected.pop("kind")
    if gold.duration_days:
        expected["duration"], found["duration"] = gold.duration_days, merged.duration_days
    if "in_force" in gold.dates:
        expected["effective"], found["effective"] = gold.dates["in_force"], merged.effective
    if gold.phases:
        expected["phases"], found["phases"] = set(gold.phases), set(merged.phases)
    return [name for name, value in expected.items() if found[name] != value]


def _share(hits) -> float:
    hits = list(hits)
    return sum(hits) / len(hits) if hits else 0.0


def agreement_table(outcomes: list[Outcome]) -> Table:
    """The dev agreements one by one; of the test ones only the scores tell (held-out errors are
    not to be read)."""
    table = Table("gold agreement", "split", "mentions found / in text", "merged into", "verdict", "status: gold",
                  "truceline", "fields wrong", title="Dev agreements across the corpus", title_justify="left")
    for o in (o for o in outcomes if o.gold.split == "dev"):
        verdict = o.verdict + (", pieces linked" if o.pieces_linked else "")
        table.add_row(o.gold.id, o.gold.split, f"{o.detected} / {o.located}", str(len(o.threads)), verdict,
                      o.gold.status, o.merged.status if o.merged else "",
                      ", ".join(_missing_fields(o)) if o.merged else "")
    return table


def folding_table(store: Store) -> Table:
    """How many per-document items merging folded into one."""
    counts = store.counts()
    sizes = store.story_sizes()
    table = Table("items", "per document", "merged", "folded", title="What merging folded",
                  title_justify="left")
    for name, per_document, merged in (
            ("documents → stories", counts["documents"], len(sizes)),
            ("events", counts["events"], len(store.merged_events())),
            ("claims → facts", counts["claims"], len(store.facts())),
            ("agreement mentions → agreements", counts["agreements"], len(store.merged_agreements()))):
        table.add_row(name, f"{per_document:,}", f"{merged:,}", f"{per_document - merged:,}")
    return table


def _error(outcome: Outcome) -> dict:
    return {"gold": outcome.gold.id, "split": outcome.gold.split, "verdict": outcome.verdict, "threads": sorted(outcome.threads),
            "found": outcome.detected, "located": outcome.located}
