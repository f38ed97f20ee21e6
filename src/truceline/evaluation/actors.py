"""The actors set: short real texts (White House briefings, news pages of the Zyte benchmark) and
synthetic ones, each annotated with the actors a reader records, the places in it, and the names
that must never be actors (bylines, credits, agencies, page labels); `eval/actors/README.md` says
how it was made. Its dev and test halves are scored apart: tune on dev, report test.

Scoring. A predicted actor is right when its name matches a gold actor's (the same words, or one
holding the other: "Chinese Foreign Minister Wang Yi" holds "Wang Yi"), its country is the gold
one (when the gold gives one) and it is a person exactly when the gold actor is. A predicted
actor that matches none is wrong, unless it names one of the text's places as something other
than a person (a capital standing for its state is no error). Figures:
- precision and recall of actors;
- non_actors_kept_out: the share of the non-actor names that no actor matches;
- places_not_persons: the share of the places that no actor of kind person matches.
The baseline is spaCy alone: every PERSON a person, every ORG, GPE and NORP an actor, no country.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import lxml.html
from rich.table import Table

from truceline.clean import NOTHING_LEFT
from truceline.config import Settings
from truceline.evaluation import SuiteReport
from truceline.language import load_nlp
from truceline.pipeline import Pipeline
from truceline.records import Actor, Failure, RawInput

ITEMS = Path("eval/actors/items.jsonl")
SPLITS = ("dev", "test")
FIGURES = ("precision", "recall", "non_actors_kept_out", "places_not_persons")
METRICS = tuple(f"{split}_{figure}" for split in SPLITS for figure in FIGURES)
_CORPORA = {"wh-briefings/all_2023-2024.jsonl.gz": Path("corpora/wh-briefings/all_2023-2024.jsonl.gz")}
_PAGES = Path("bench/extraction-scrapinghub/html")
_BASELINE_LABELS = {"PERSON": "person", "ORG": "other", "GPE": "other", "NORP": "other"}


def load(path: Path = ITEMS) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(shared: Path, limit: int | None = None, path: Path = ITEMS) -> SuiteReport:
    items = load(path)[:limit]
    for item in items:
        check_source(item, shared)
    inputs = (RawInput(source=i["id"], content=i["text"].encode("utf-8"), kind="text",
                       meta={"date": i["date"]} if i["date"] else {}) for i in items)
    predicted = []
    for item, result in zip(items, Pipeline(Settings.from_env()).extract(inputs)):
        if isinstance(result, Failure) and result.reason != NOTHING_LEFT:  # a text all credits leaves nothing
            raise RuntimeError(f"{item['id']}: the pipeline skipped its text: {result.reason}")
        predicted.append(() if isinstance(result, Failure) else result.actors)
    nlp = load_nlp(Settings.from_env().spacy_model)
    baseline = [_spacy_alone(nlp(i["text"])) for i in items]
    table = Table("split", "system", "items", "gold", "predicted", "right", "precision", "recall",
                  "non-actors kept out", "places not persons",
                  title="Actors set (eval/actors)", title_justify="left")
    scores: dict[str, float] = {}
    baseline_scores: dict[str, float] = {}
    errors: list[dict] = []
    for split in SPLITS:
        chosen = [n for n, item in enumerate(items) if item["split"] == split]
        for system, actors, into in (("truceline", predicted, scores), ("spaCy alone", baseline, baseline_scores)):
            tally = _Tally()
            for n in chosen:
                tally.add(items[n], actors[n])
            into.update({f"{split}_{figure}": value for figure, value in tally.figures().items()})
            table.add_row(split, system, str(len(chosen)), str(tally.gold), str(tally.predicted), str(tally.right),
                          *(f"{into[f'{split}_{figure}']:.3f}" for figure in FIGURES))
            if system == "truceline":
                errors += tally.errors
    return SuiteReport("actors", scores, baseline="spaCy entities alone", baseline_scores=baseline_scores,
                       details=[table], errors=errors)


def check_source(item: dict, shared: Path) -> None:
    """Every real excerpt is found in the source it names (white space aside); synthetic ones say so."""
    source = item["source"]
    if source == "synthetic":
        return
    if "page" in source:
        [page] = (shared / _PAGES).glob(f"{source['page']}*.html.gz")
        text = lxml.html.fromstring(gzip.decompress(page.read_bytes()).decode("utf-8", "replace")).text_content()
    else:
        text = _corpus(shared / _CORPORA[source["corpus"]])[source["path"]]
    flat = "".join(text.split())  # pages join their elements' text with or without spaces
    for paragraph in item["text"].split("\n\n"):
        if "".join(paragraph.split()) not in flat:
            raise RuntimeError(f"{item['id']}: the excerpt is not in its source {source}: {paragraph[:60]!r}")


@cache
def _corpus(path: Path) -> dict[str, str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {d["path"]: d["text"] for d in map(json.loads, f)}


def _spacy_alone(doc) -> tuple[Actor, ...]:
    names = {(" ".join(e.text.split()), _BASELINE_LABELS[e.label_]) for e in doc.ents if e.label_ in _BASELINE_LABELS}
    return tuple(Actor(name=n, canonical=n, country=None, kind=kind) for n, kind in sorted(names))


@dataclass
class _Tally:
    gold: int = 0
    predicted: int = 0
    right: int = 0
    non_actors: int = 0
    non_actors_out: int = 0
    places: int = 0
    places_out: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, item: dict, actors: tuple[Actor, ...]) -> None:
        gold = list(item["actors"])
        self.gold += len(gold)
        leaked = {s for s in item["not_actors"] if any(_matches(s, a) for a in actors)}
        as_persons = {p for p in item["places"] if any(_matches(p, a) and a.kind == "person" for a in actors)}
        self.non_actors += len(item["not_actors"])
        self.non_actors_out += len(item["not_actors"]) - len(leaked)
        self.places += len(item["places"])
        self.places_out += len(item["places"]) - len(as_persons)
        unmatched = list(actors)
        # Exact names first, so that "Saudi" takes the gold "Saudi", not "Saudi Arabia's foreign minister".
        for exact in (True, False):
            for actor in list(unmatched):
                found = next((g for g in gold if _matches(g["name"], actor, exact)), None)
                if found is None:
                    continue
                gold.remove(found)
                unmatched.remove(actor)
                self.predicted += 1
                if (found["country"] in (None, actor.country)) and (found["kind"] == "person") == (actor.kind == "person"):
                    self.right += 1
                else:
                    self.errors.append(_error(item, "wrong", found, actor))
        for actor in unmatched:
            if any(_matches(p, actor) for p in item["places"]) and actor.kind != "person":
                continue  # a place named as what it is, or a capital standing for its state
            self.predicted += 1
            self.errors.append(_error(item, "spurious", None, actor))
        self.errors += [_error(item, "missed", g, None) for g in gold]

    def figures(self) -> dict[str, float]:
        return {"precision": self.right / self.predicted if self.predicted else 0.0,
                "recall": self.right / self.gold if self.gold else 0.0,
                "non_actors_kept_out": self.non_actors_out / self.non_actors if self.non_actors else 1.0,
                "places_not_persons": self.places_out / self.places if self.places else 1.0}


def _matches(name: str, actor: Actor, exact: bool = False) -> bool:
    """Whether a gold name names the actor: the same words as its name or canonical name, or
    (unless `exact`) one of them holds the other as whole words."""
    gold = _words(name)
    for candidate in (_words(actor.name), _words(actor.canonical)):
        if gold == candidate:
            return True
        if not exact and gold and candidate and (_holds(candidate, gold) or _holds(gold, candidate)):
            return True
    return False


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))


def _holds(text: str, part: str) -> bool:
    return re.search(rf"(?:^| ){re.escape(part)}(?: |$)", text) is not None


def _error(item: dict, what: str, gold: dict | None, actor: Actor | None) -> dict:
    return {"suite": "actors", "id": item["id"], "split": item["split"], "error": what, "gold": gold,
            "predicted": None if actor is None else
            {"name": actor.name, "canonical": actor.canonical, "country": actor.country, "kind": actor.kind}}
