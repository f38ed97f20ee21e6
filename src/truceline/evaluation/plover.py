"""PLOVER suite: truceline's rule-based event coder (`events=rules`) on the 322 coded sentences
of PLOVER's gold-standard records (`bench/plover-gsr`, edited examples from the CAMEO manual, one
event per sentence), against a baseline that needs no lexicon, scored in the same run. The
trained coders learn from all of these sentences, so their figures here would not be held out:
the events suite scores them by cross-validation.

- Types: the records' PLOVER 0.5 names are mapped to 2.0 (DEMAND is REQUEST, DISAPPROVE and
  INVESTIGATE are ACCUSE, FIGHT is ASSAULT). truceline may code 0..n events in a sentence; its
  main event is the first asserted one, else the first one (the gold codes what the sentence
  says happened, and a sentence's subordinate events are mostly proposed or hypothetical).
  "type_accuracy" asks that the main event has the gold type, "type_recall" that any event has.
- Gold actors: those of the record's `source`/`target`, each tied to the `(SRC: ..)`,
  `(TAR: ..)` or `(SRC/TAR: ..)` markup span whose words contain its `actorText` (or share the
  most words with it), located in the sentence by character offsets; a marked span without a
  coded actor is an actor without a code. `SRC/TAR` is CAMEO's reciprocal: each such actor is
  source and target of the others.
- Codes: all are three letters; ISO 3166 alpha-3 but for CAMEO's JAP, ITL and VTN (Japan, Italy,
  Vietnam) and the non-state IGO, NGO, IMG (transnational militant group), ISM (militant
  religious group). A predicted actor matches a gold one by code when its `country` is the gold
  ISO3, or its kind is `igo`/`ngo` for a gold IGO/NGO; IMG and ISM match by span only.
- Span: a predicted actor's name (as written) occurs in its event's sentence at characters
  that overlap the gold actor's marked span; an actor that cannot be located in the text falls
  back to word containment ("Saddam Hussein" in "Iraqi President Saddam Hussein").
  "source_match"/"target_match": the main event's actor matches some gold actor of that side
  (by code or by span), over the sentences whose gold has one.
- Triples: every gold (type, source, target) — one per member of a compound actor, one per
  direction of a reciprocal pair — against every distinct predicted one of any mode; a
  prediction matches once, when the types are equal, the sources match and either both targets
  are absent or they match.
- Baseline: every sentence gets the most frequent gold type of the scored sentences, its first
  named entity (spaCy GPE, NORP, ORG or PERSON) as source and its second as target; it knows no
  countries, so it matches actors by span only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich import box
from rich.table import Table
from spacy.tokens import Doc

from truceline.config import Settings
from truceline.evaluation import SuiteReport
from truceline.pipeline import Pipeline
from truceline.records import Actor, Event, Failure, RawInput
from truceline.stages import stages_with

RECORDS = Path("bench/plover-gsr/PLOVER_GSR_CAMEO.txt")
TYPES_2_0 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
CODES_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
KIND_CODES = {"IGO": "igo", "NGO": "ngo"}
NON_STATE_CODES = {"IGO", "NGO", "IMG", "ISM"}
BASELINE_LABELS = ("GPE", "NORP", "ORG", "PERSON")
METRICS = ("type_accuracy", "type_recall", "source_match", "target_match",
           "triple_precision", "triple_recall", "triple_f1")
_TAG = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC):\s*")
_INNER_TAG = re.compile(r"\((?:SRC/TAR|SRC|TAR|EVT|LOC):\s*([^()]*)\)")

Span = tuple[int, int]


@dataclass(frozen=True)
class Side:
    """An actor as the gold or a coder gives it: an ISO3 country, a kind (igo, ngo, ...), the
    words naming it, and where those words are in the sentence."""

    code: str | None
    kind: str | None
    words: str
    spans: tuple[Span, ...] = ()


Triple = tuple[str, Side, Side | None]


@dataclass(frozen=True)
class Tag:
    """One actor span of a record's markup: its role and words, and its characters in the text."""

    role: str  # SRC, TAR or SRC/TAR
    words: str
    span: Span | None


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str  # white space folded, as truceline's clean stage leaves it
    type: str
    sources: tuple[Side, ...]
    targets: tuple[Side, ...]
    triples: tuple[tuple[Side, Side | None], ...]


@dataclass(frozen=True)
class Coding:
    """What a coder made of one sentence: its main (type, source, target), and all of them."""

    main: Triple | None
    triples: tuple[Triple, ...]


def load(shared: Path, limit: int | None = None) -> list[Sentence]:
    records = json.loads((shared / RECORDS).read_text(encoding="utf-8"))
    return [sentence(r) for r in records if r["event"] != "DOCUMENT"][:limit]


def sentence(record: dict) -> Sentence:
    text = " ".join(record["text"].split())
    info = record["textInfo"]  # one record holds its markup directly
    tags = markup_tags(info["markup"] if isinstance(info, dict) else info, text)
    sources = _sides(record.get("source"), [t for t in tags if "SRC" in t.role], text)
    if any(t.role == "SRC/TAR" for t in tags) and not _coded(record.get("target")):
        targets = sources  # the records list a reciprocal pair as sources only
    else:
        targets = _sides(record.get("target"), [t for t in tags if "TAR" in t.role], text)
    triples = tuple(dict.fromkeys((s, t) for s in sources for t in (targets or [None]) if t is not s))
    return Sentence(record["id"], text, TYPES_2_0.get(record["event"], record["event"]),
                    tuple(sources), tuple(targets), triples)


def markup_tags(markup: str, text: str) -> list[Tag]:
    """The SRC, TAR and SRC/TAR spans of a record's markup, in order, located in `text`. Tags
    may nest ("(LOC:to (TAR: Bosnia))") and hold parentheses ("(SRC: Committee (CFVC))")."""
    tags = []
    for opener in _TAG.finditer(markup):
        if opener[1] in ("EVT", "LOC"):
            continue
        words = " ".join(_INNER_TAG.sub(r"\1", _until_closed(markup, opener.end())).split())
        tags.append(Tag(opener[1], words, locate(words, text, near=_plain_offset(markup[:opener.start()]))))
    return tags


def _until_closed(markup: str, start: int) -> str:
    depth = 0
    for i in range(start, len(markup)):
        if markup[i] == "(":
            depth += 1
        elif markup[i] == ")":
            if depth == 0:
                return markup[start:i]
            depth -= 1
    return markup[start:]


def _plain_offset(markup_before: str) -> int:
    """Roughly where a markup position falls in the plain text: tags and closers removed."""
    return len(" ".join(_TAG.sub("", markup_before).replace(")", "").split()))


def locate(words: str, text: str, near: int = 0) -> Span | None:
    """The occurrence of `words` in `text` nearest `near`."""
    found = occurrences(words, text)
    return min(found, key=lambda s: abs(s[0] - near)) if found else None


def occurrences(words: str, text: str, start: int = 0, end: int | None = None) -> tuple[Span, ...]:
    """Where `words` occur in `text[start:end]`, with any white space between them."""
    if not words.split():
        return ()
    pattern = re.compile(r"\s+".join(map(re.escape, words.split())))
    return tuple((m.start(), m.end()) for m in pattern.finditer(text, start, len(text) if end is None else end))


def _sides(actors: object, tags: list[Tag], text: str) -> list[Side]:
    """The coded actors of one side, each with the markup span that names it; the marked spans
    alone when the record codes no actor for that side."""
    coded = _coded(actors)
    if not coded:
        return [Side(None, None, t.words, (t.span,) if t.span else ()) for t in tags]
    return [_side(a, tags, text) for a in coded]


def _coded(actors: object) -> list[dict]:
    """A side's coded actors: the records leave an uncoded side out, or set it to None or ""."""
    return [a for a in actors if isinstance(a, dict)] if isinstance(actors, list) else []


def _side(actor: dict, tags: list[Tag], text: str) -> Side:
    code = (actor.get("code") or "").upper()
    words = actor.get("actorText", "")
    country = None if not code or code in NON_STATE_CODES else CODES_ISO.get(code, code)
    tag = _naming(words, tags)
    span = tag.span if tag else locate(words, text)
    return Side(country, KIND_CODES.get(code), tag.words if tag else words, (span,) if span else ())


def _naming(actor_text: str, tags: list[Tag]) -> Tag | None:
    """The tag that names an actor: one whose words contain its text or lie in it, else the one
    sharing most words with it ("Greek-Cypriot" is marked "(SRC/TAR: Greek)")."""
    name = actor_text.casefold()
    for tag in tags:
        if name and (name in tag.words.casefold() or tag.words.casefold() in name):
            return tag
    best = max(tags, key=lambda t: len(_words(name) & _words(t.words)), default=None)
    return best if best is not None and _words(name) & _words(best.words) else None


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def same_code(gold: Side, predicted: Side) -> bool:
    return (gold.code is not None and gold.code == predicted.code) or (
        gold.kind is not None and gold.kind == predicted.kind)


def same_span(gold: Side, predicted: Side) -> bool:
    if gold.spans and predicted.spans:
        return any(a < d and c < b for a, b in gold.spans for c, d in predicted.spans)
    x, y = gold.words.casefold(), predicted.words.casefold()
    return bool(x and y) and (x in y or y in x)


def matches(gold: Side, predicted: Side) -> bool:
    return same_code(gold, predicted) or same_span(gold, predicted)


def triple_scores(gold: Sequence[Triple], predicted: Sequence[Triple]) -> tuple[int, int, int]:
    """(matched, gold, predicted) counts; each prediction matches at most one gold triple."""
    unmatched = list(predicted)
    found = 0
    for type_, source, target in gold:
        hit = next((c for c in unmatched if c[0] == type_ and matches(source, c[1]) and (
            c[2] is None if target is None else c[2] is not None and matches(target, c[2]))), None)
        if hit is not None:
            unmatched.remove(hit)
            found += 1
    return found, len(gold), len(predicted)


def gold_triples(sentence: Sentence) -> list[Triple]:
    return [(sentence.type, s, t) for s, t in sentence.triples]


def run(shared: Path, limit: int | None = None) -> SuiteReport:
    sentences = load(shared, limit)
    pipeline = Pipeline(Settings.from_env(stages=stages_with(Settings.from_env().stages, "events=rules")))
    results = pipeline.extract(RawInput(source=s.id, content=s.text.encode(), kind="text") for s in sentences)
    codings = [truceline_coding(s, [] if isinstance(r, Failure) else r.events)
               for s, r in zip(sentences, results)]
    majority = Counter(s.type for s in sentences).most_common(1)[0][0]
    baseline = [baseline_coding(doc, majority) for doc in pipeline.nlp.pipe(s.text for s in sentences)]
    return SuiteReport(
        "plover", score(sentences, codings),
        baseline=f"{majority} (the most frequent gold type) for every sentence; its first named entity "
                 f"({', '.join(BASELINE_LABELS)}) as source, its second as target",
        baseline_scores=score(sentences, baseline),
        details=[per_type_table(sentences, codings), confusion_table(sentences, codings),
                 actor_table(sentences, {"truceline": codings, "baseline": baseline})],
        errors=errors(sentences, codings))


def truceline_coding(sentence: Sentence, events: Sequence[Event]) -> Coding:
    triples = [(e.type, _located(e.source, sentence.text, e),
                _located(e.target, sentence.text, e) if e.target else None) for e in events]
    main = next((t for t, e in zip(triples, events) if e.mode == "asserted"), triples[0] if triples else None)
    return Coding(main, tuple(dict.fromkeys(triples)))


def _located(actor: Actor, text: str, event: Event) -> Side:
    """A predicted actor with every place its name occurs in its event's sentence."""
    return Side(actor.country, actor.kind, actor.name, occurrences(actor.name, text, event.start, event.end))


def baseline_coding(doc: Doc, majority: str) -> Coding:
    named = [Side(None, None, e.text, ((e.start_char, e.end_char),)) for e in doc.ents
             if e.label_ in BASELINE_LABELS]
    main = (majority, named[0], named[1] if len(named) > 1 else None) if named else None
    return Coding(main, (main,) if main else ())


def score(sentences: Sequence[Sentence], codings: Sequence[Coding]) -> dict[str, float]:
    found = gold_n = predicted_n = 0
    for sentence, coding in zip(sentences, codings):
        f, g, p = triple_scores(gold_triples(sentence), coding.triples)
        found, gold_n, predicted_n = found + f, gold_n + g, predicted_n + p
    precision = found / predicted_n if predicted_n else 0.0
    recall = found / gold_n if gold_n else 0.0
    pairs = list(zip(sentences, codings))
    return {
        "type_accuracy": _share(c.main is not None and c.main[0] == s.type for s, c in pairs),
        "type_recall": _share(any(t[0] == s.type for t in c.triples) for s, c in pairs),
        "source_match": _share(_main_actor_matches(s.sources, c, 1, matches) for s, c in pairs if s.sources),
        "target_match": _share(_main_actor_matches(s.targets, c, 2, matches) for s, c in pairs if s.targets),
        "triple_precision": precision, "triple_recall": recall, "triple_f1": _f1(precision, recall),
    }


def _main_actor_matches(gold: Sequence[Side], coding: Coding, index: int,
                        rule: Callable[[Side, Side], bool]) -> bool:
    actor = coding.main[index] if coding.main else None
    return actor is not None and any(rule(g, actor) for g in gold)


def _share(hits: Iterable[bool]) -> float:
    hits = list(hits)
    return sum(hits) / len(hits) if hits else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _main_type(coding: Coding) -> str:
    return coding.main[0] if coding.main else "none"


def per_type_table(sentences: Sequence[Sentence], codings: Sequence[Coding]) -> Table:
    table = Table("type", "gold", "predicted", "correct", "precision", "recall", "F1",
                  title=f"PLOVER types, truceline's main event ({len(sentences)} sentences)",
                  title_justify="left")
    gold = Counter(s.type for s in sentences)
    predicted = Counter(_main_type(c) for c in codings)
    correct = Counter(s.type for s, c in zip(sentences, codings) if _main_type(c) == s.type)
    for type_ in [t for t in PLOVER_TYPES if gold[t] or predicted[t]] + ["none"] * bool(predicted["none"]):
        p = correct[type_] / predicted[type_] if predicted[type_] else 0.0
        r = correct[type_] / gold[type_] if gold[type_] else 0.0
        table.add_row(type_, str(gold[type_]), str(predicted[type_]), str(correct[type_]),
                      f"{p:.2f}", f"{r:.2f}", f"{_f1(p, r):.2f}")
    return table


def confusion_table(sentences: Sequence[Sentence], codings: Sequence[Coding]) -> Table:
    """Gold type (rows) by truceline's main event type (columns, first four letters); zeros blank."""
    confusion = Counter((s.type, _main_type(c)) for s, c in zip(sentences, codings))
    rows = [t for t in PLOVER_TYPES if any(g == t for g, _ in confusion)]
    columns = [t for t in PLOVER_TYPES if any(p == t for _, p in confusion)] + ["none"]
    table = Table("gold \\ main", *(c[:4] for c in columns), title="Confusion: gold type × truceline's main event",
                  title_justify="left", box=box.SIMPLE, padding=(0, 0, 0, 1))
    for gold_type in rows:
        table.add_row(gold_type, *(str(confusion[gold_type, c] or "") for c in columns))
    return table


def actor_table(sentences: Sequence[Sentence], coders: dict[str, Sequence[Coding]]) -> Table:
    """How the main event's source and target match the gold: by code, by span, by either; and
    by either over the sentences the coder coded, which sets actors apart from event recall."""
    table = Table("coder", "side", "gold sentences", "by code", "by span", "either", "coded", "either, of coded",
                  title="Actors of the main event", title_justify="left")
    for name, codings in coders.items():
        for side, index in (("source", 1), ("target", 2)):
            pairs = [(s.sources if index == 1 else s.targets, c) for s, c in zip(sentences, codings)]
            pairs = [(g, c) for g, c in pairs if g]
            coded = [(g, c) for g, c in pairs if c.main]
            table.add_row(name, side, str(len(pairs)), *(
                f"{_share(_main_actor_matches(g, c, index, rule) for g, c in pairs):.3f}"
                for rule in (same_code, same_span, matches)), str(len(coded)),
                f"{_share(_main_actor_matches(g, c, index, matches) for g, c in coded):.3f}")
    return table


def errors(sentences: Sequence[Sentence], codings: Sequence[Coding]) -> list[dict]:
    """The sentences whose main type is wrong or whose gold triples are not all found."""
    found = []
    for sentence, coding in zip(sentences, codings):
        matched = triple_scores(gold_triples(sentence), coding.triples)[0]
        if _main_type(coding) != sentence.type or matched < len(sentence.triples):
            found.append({
                "id": sentence.id, "text": sentence.text, "gold": sentence.type, "main": _main_type(coding),
                "gold_triples": [(s.words, s.code, t.words if t else None, t.code if t else None)
                                 for s, t in sentence.triples],
                "predicted": [(ty, s.words, s.code, o.words if o else None, o.code if o else None)
                              for ty, s, o in coding.triples],
            })
    return found
