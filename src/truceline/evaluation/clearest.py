"""Clearest suite: the interactions a reader sees first in real news texts the event coders were
never tuned on, against `eval/clearest/` (its DATASHEET.md says how they were chosen and coded).

A gold interaction is one (PLOVER type, source, target, mode) that a text's headline or lead
states, at the characters of its sentence in the cleaned text. It is *coded* by a coder when an
event of that coder overlaps those characters with the same type, source and target (as the gold
suite matches them: by ISO code or name, the sides of CONSULT, AGREE and COOPERATE either way);
*typed* when an overlapping event has the type, whatever its actors. The texts are news pages of
the article-extraction benchmark about wars, diplomacy, sanctions and protests (every such page
the other suites do not use) and White House texts drawn with a fixed seed from documents no
training set or gold set names. A document's part, dev or test, is the parity of the first byte
of sha256(its id), fixed before any coder was run on it; test errors are not studied.

    python -m truceline.evaluation.clearest sample      # the drawn White House texts, by part
    python -m truceline.evaluation.clearest show ID     # a text as truceline reads it, with offsets
"""

from __future__ import annotations

import json
import random
import re
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table

from truceline.config import Settings
from truceline.evaluation import SuiteReport, frames, gold
from truceline.evaluation.frames import PARTS, corpus_documents, part
from truceline.pipeline import Pipeline
from truceline.records import Event, RawInput, Record
from truceline.stages import stages_with

ANNOTATIONS = Path("eval/clearest")
# What the White House draw takes: readouts and statements short enough that their lead is the
# news, whose lead names a war or a crisis.
_CONFLICT_WORDS = re.compile(
    r"\b(?:war|attack(?:s|ed)?|strikes?|ceasefire|hostages?|sanctions?|troops|military|invasion|"
    r"missiles?|conflict|violence|terroris[tm]s?)\b", re.IGNORECASE)
_KINDS = ("readout", "statement", "joint-statement")
_MAX_CHARS = 4000
_LEAD = 600  # characters: the war or crisis is in the lead, not a passing mention
_SEED = 14
_PER_CORPUS = 26


def _used_elsewhere() -> set[str]:
    """Paths of White House texts the event coders were trained or tuned on, or that another
    suite scores: the annotated training sentences' documents and every eval set's."""
    used = {json.loads(line)["doc"] for f in Path("data/training/annotated").glob("*.jsonl")
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    used |= {json.loads(p.read_text(encoding="utf-8"))["document"].get("corpus", "") for p in Path("eval/gold").glob("*.json")}
    for named in ("eval/frames/frames.toml", "eval/agreements.toml"):
        used |= set(re.findall(r'"((?:statements-releases|briefings|speeches-remarks|press-briefings)[^"]+)"',
                               Path(named).read_text(encoding="utf-8")))
    for named in ("eval/actors/items.jsonl", "eval/counted/figures.jsonl"):
        used |= set(re.findall(r'"path": "([^"]+)"', Path(named).read_text(encoding="utf-8")))
    return used


def eligible(document: dict) -> bool:
    """Whether a corpus document is of the kind the draw takes: a short readout or statement
    whose lead names a war or a crisis."""
    return (len(document["text"]) <= _MAX_CHARS and any(k in document["path"].rsplit("/", 1)[-1] for k in _KINDS)
            and _CONFLICT_WORDS.search(document["text"][:_LEAD]) is not None)


def sample(shared: Path) -> list[str]:
    """_PER_CORPUS texts of each corpus (the general one: those not in the Gaza/Lebanon one),
    drawn with a fixed seed from the eligible ones that nothing else in the repository uses.
    The draw depends on what the repository uses: the gold's texts are those it gave when the
    gold was written (DATASHEET.md names the commit)."""
    used = _used_elsewhere()
    drawn: list[str] = []
    for index in (0, 1):
        pool = sorted(p for p, d in corpus_documents(shared).items()
                      if d["corpus"] == index and p not in used and eligible(d))
        drawn += random.Random(_SEED).sample(pool, _PER_CORPUS)
    return drawn


def document_input(document: dict, shared: Path) -> RawInput:
    """A gold document's input: {"page": id prefix} of the benchmark, or {"path": ...} of either corpus."""
    return gold.document_input(document, shared) if "page" in document else frames.document_input(document["path"], shared)


# The coders scored in one run, by the events stage they put in the settings' stage list: the
# settings' own ("default", whatever it is), then each coder by name — the trained ones, the MiniLM
# coder re-read by the pair model, and the rules, the baseline. A stage list met twice is run once.
CODERS = {"default": None, "model": "events=model", "minilm": "events=minilm",
          "minilm+roles": "events=minilm,roles=pairs", "rules": "events=rules"}
BASELINE = "rules"
METRICS = ("coded", "typed")  # type and actors right; type right


def load(directory: Path = ANNOTATIONS) -> list[dict]:
    """Every gold document of the batch files, in file order."""
    return [d for f in sorted(directory.glob("*.toml")) for d in tomllib.loads(f.read_text(encoding="utf-8"))["document"]]


def document_id(document: dict) -> str:
    return document.get("page") or document["path"]


def found(interaction: dict, events: Sequence[Event], record: Record) -> tuple[bool, bool]:
    """(typed, coded): whether an event over the interaction's characters has its type, and
    whether one has its type, source and target too (matched as the gold suite matches them)."""
    over = [e for e in events if e.start < interaction["end"] and interaction["start"] < e.end]
    wanted = {"type": interaction["type"], "source": interaction["source"], "target": interaction.get("target")}
    typed = any(e.type == wanted["type"] for e in over)
    return typed, any(gold.event_matches(wanted, e, record) for e in over)


def _check(document: dict, text: str) -> None:
    """The gold's offsets still point at its words: the clean stage may not move them silently."""
    for i in document.get("interaction", []):
        if i["trigger"].casefold() not in text[i["start"]:i["end"]].casefold():
            raise ValueError(f"{document_id(document)}: {i['trigger']!r} not at {i['start']}-{i['end']} of the cleaned text")


def code(documents: Sequence[dict], shared: Path, stages: str) -> dict[str, list[Record]]:
    """Each coder's records of the documents, by coder name; a stage list met twice is run once."""
    runs: dict[str, list[Record]] = {}
    coded: dict[str, list[Record]] = {}
    for name, events in CODERS.items():
        chosen = stages_with(stages, events)
        if chosen not in runs:
            runs[chosen] = []
            results = Pipeline(Settings.from_env(stages=chosen)).extract(document_input(d, shared) for d in documents)
            for document, result in zip(documents, results):
                if not isinstance(result, Record):
                    raise RuntimeError(f"{document_id(document)}: the pipeline left it: {result}")
                _check(document, result.document.text)
                runs[chosen].append(result)
        coded[name] = runs[chosen]
    return coded


def run(shared: Path, limit: int | None = None) -> SuiteReport:
    documents = load()[:limit]
    default = Settings.from_env()
    coded = code(documents, shared, default.stages)
    outcomes: list[tuple[str, str, str, bool, bool]] = []  # coder, part, type, typed, coded
    errors: list[dict] = []  # the development part's misses only: the test part is not studied
    for d, document in enumerate(documents):
        where = part(document_id(document))
        for interaction in document.get("interaction", []):
            for name, records in coded.items():
                typed, right = found(interaction, records[d].events, records[d])
                outcomes.append((name, where, interaction["type"], typed, right))
                if where == "dev" and not right:
                    errors.append({"coder": name, "document": document_id(document), **interaction, "typed": typed,
                                   "coded": [gold.describe(e) for e in records[d].events
                                             if e.start < interaction["end"] and interaction["start"] < e.end]})
    share = {(name, where): _shares([o for o in outcomes if o[:2] == (name, where)]) for name in CODERS for where in PARTS}
    # The default's figures unprefixed; each named coder's under its name, which the floors pin (a
    # change of default moves no floor).
    scores = {f"{where}_{m}": v for where in PARTS for m, v in share[("default", where)].items()}
    for name in list(CODERS)[1:]:
        scores |= {f"{name.replace('+', '_')}_{where}_{m}": v for where in PARTS for m, v in share[(name, where)].items()}
    baseline = {f"{where}_{m}": v for where in PARTS for m, v in share[(BASELINE, where)].items()}
    counted = {where: sum(o[:2] == ("default", where) for o in outcomes) for where in PARTS}
    table = Table("coder", *(f"{where} ({counted[where]}): {m}" for where in PARTS for m in METRICS),
                  title=f"Clearest interactions in {len(documents)} texts: coded = type and actors right, typed = "
                        f"type right (the settings' stages: {default.stages})", title_justify="left")
    for name in CODERS:
        table.add_row(name, *(f"{share[(name, where)][m]:.3f}" for where in PARTS for m in METRICS))
    return SuiteReport("clearest", scores, baseline="the rule-based coder (events=rules), same texts, same run",
                       baseline_scores=baseline, details=[table, _per_type(outcomes)], errors=errors)


def _shares(outcomes: Sequence[tuple[str, str, str, bool, bool]]) -> dict[str, float]:
    n = len(outcomes)
    return dict(zip(METRICS, (sum(o[4] for o in outcomes) / n, sum(o[3] for o in outcomes) / n))) if n else dict.fromkeys(METRICS, 0.0)


def _per_type(outcomes: Sequence[tuple[str, str, str, bool, bool]]) -> Table:
    """Per PLOVER type and part: how many gold interactions, and the share each coder codes."""
    table = Table("type", "part", "gold", *CODERS, title="Clearest interactions by type: type and actors right",
                  title_justify="left")
    for type_ in sorted({o[2] for o in outcomes}):
        for where in PARTS:
            cells = {name: [o for o in outcomes if o[:3] == (name, where, type_)] for name in CODERS}
            if cells["default"]:
                table.add_row(type_, where, str(len(cells["default"])), *(f"{_shares(c)['coded']:.2f}" for c in cells.values()))
    return table


def _main(argv: list[str]) -> None:
    shared = Path("../shared")
    if argv[:1] == ["sample"]:
        for path in sample(shared):
            print(part(path), path)
    elif argv[:1] == ["show"] and len(argv) == 2:
        from truceline.clean import clean
        document = clean(document_input({"page": argv[1]} if "/" not in argv[1] else {"path": argv[1]}, shared))
        print(f"# {document.title}\n# published {document.published}  part {part(argv[1])}\n")
        at = 0
        for paragraph in document.text.split("\n\n"):
            print(f"[{at}] {paragraph}")
            at += len(paragraph) + 2
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    _main(sys.argv[1:])
