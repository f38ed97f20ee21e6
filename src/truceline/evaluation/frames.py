"""Frames suite: agreement frames within documents (frames.py), against `eval/frames/`.

A gold frame is one agreement a reader sees in one White House text, with only the fields the
text states: kind, status, parties, mediators, duration, effective date, phases, each with the
words that state it. The documents were drawn by `sample` (below), with a fixed seed, from the
texts of both corpora in ../shared/corpora/wh-briefings that name a ceasefire, truce, pause or
peace/hostage deal; each is in the development or the held-out part by the parity of the first
byte of sha256(its path), fixed before truceline was run on any of them. A third draw
(`fresh_sample`), made once the test part's figure had been printed many times, is held out
whole and reported apart ("fresh"); a fourth (the same, with its own seed and pool, "fresh2"),
made when the test part was no longer clean and "fresh" was small, likewise; once its one blind
figure had been reported, fresh2 became a development part, its errors studied. A fifth
("fresh3", texts up to 40,000 characters in wider agreement words) was held out whole and, once
its one blind figure had been reported, became a development part too. A sixth ("fresh4", texts
up to 80,000 characters in those words or a peace treaty, formula or summit) was held out whole
and, once its one blind figure had been reported (session J), became a development part too. A
seventh ("fresh5", texts up to 25,000 characters that name a deal, agreement, accord, pause,
truce or peace beside a war, a side of one or its hostages: plainer words) was held out whole
and, once its one blind figure had been reported (session K, 0.000), became a development part too.
An eighth ("fresh6", texts up to 40,000 characters that name a deal, agreement, accord, pause,
truce, peace, talks, negotiations, settlement or treaty beside a side or place of a war other than
Gaza's) is held out whole, and a ninth ("fresh7", texts up to 80,000 characters in fresh4's,
fresh5's or fresh6's words, a line break counting as a space) likewise.
Texts chosen by hand later, for the fields the dev part stated too rarely to study (mediators,
parties, durations), say `part = "dev"`.

Each gold frame is matched to the one predicted frame of its document (the mentions sharing a
frame number) that gets most of its fields right, each predicted frame serving one gold frame.
Scores: per field, the share of the gold frames stating it that the match gets right; complete,
the share of gold frames whose match gets every stated field right. The baseline, in the same
run, is the mentions unframed: each sentence's agreement read alone, as before frames.py.

    python -m truceline.evaluation.frames sample      # the drawn documents, by part
    python -m truceline.evaluation.frames fresh       # the third draw, held out whole
    python -m truceline.evaluation.frames fresh2      # the fourth draw, development since session H
    python -m truceline.evaluation.frames fresh3      # the fifth draw, development since session I
    python -m truceline.evaluation.frames fresh4      # the sixth draw, development since session K
    python -m truceline.evaluation.frames fresh5      # the seventh draw, development since session L
    python -m truceline.evaluation.frames fresh7      # the ninth draw, held out whole
    python -m truceline.evaluation.frames show PATH   # a document's cleaned text, to annotate
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from rich.table import Table

from truceline.agreements import find_agreements
from truceline.config import Settings
from truceline.evaluation import SuiteReport
from truceline.evaluation.gold import locate, names_match
from truceline.pipeline import Pipeline
from truceline.records import Agreement, RawInput, Record
from truceline.stages import Work

ANNOTATIONS = Path("eval/frames")
PARTS = ("dev", "test")
# fresh2 was scored once blind (session G, 0.333), then studied: a development part since;
# fresh3 likewise (scored once blind in session H, 0.200, then studied from session I), and
# fresh4 (scored once blind in session J, 0.222, then studied from session K), and fresh5
# (scored once blind in session K, 0.000, then studied from session L).
DEVELOPMENT = ("dev", "fresh2", "fresh3", "fresh4", "fresh5")
HELD_OUT = ("test", "fresh", "fresh6", "fresh7")
CORPORA = (Path("corpora/wh-briefings/gaza_lebanon_2023-10_to_2026-07.jsonl.gz"),
           Path("corpora/wh-briefings/all_2023-2024.jsonl.gz"))
# What the sampler draws from: texts that name an agreement of a war, short enough to annotate
# whole (the long press-call transcripts are left to the merged suite).
_AGREEMENT_WORDS = re.compile(
    r"cease-?fire|truce|humanitarian pauses?|cessation of hostilities|(?:peace|hostage|ceasefire) (?:deal|agreement)",
    re.IGNORECASE)
_MAX_CHARS = 6000
_SEED = 13
_PER_CORPUS = 20
# A second draw for texts that say more of their agreements: Gaza/Lebanon texts up to twice as
# long that name one three times or more.
_DENSE = (12000, 3, 12)
# Draws made after the first two parts' figures had been printed many times, each held out
# whole (fresh2 and fresh3 until their one blind figure was reported), with a seed of its own:
# per corpus (most characters, least namings, how many), texts not drawn before. "fresh": the
# general corpus has few such texts left, so one naming is enough there. "fresh2", made once
# "test" was no longer clean: every text left that names an agreement, up to 20,000
# characters, beside those excluded-fresh2.txt names. "fresh3", made once fresh2
# had become a development part and left no such text up to 20,000 characters: texts up to
# 40,000 characters that name an agreement in the wider words below (every one left of the
# Gaza/Lebanon corpus, 10 of the general one's 19), beside those excluded-fresh3.txt names.
# "fresh4", made once fresh3 had become a development part: texts up to 80,000 characters that
# name an agreement in the wider words or a peace treaty, formula or summit (none of the
# Gaza/Lebanon corpus is left, every such text there being in the training data; all 11 left
# of the general one), beside those excluded-fresh4.txt names.
# "fresh5", made once no text left named an agreement in those words: texts up to 25,000
# characters that name one in the plainer words of _FRESH5_WORDS: every Gaza/Lebanon text left
# that names one twice (3), 9 of the 36 general ones that name one (only 1 names one twice),
# beside those excluded-fresh5.txt names.
# "fresh6", made for issue 13 once fresh5's pool held only texts that name one once: texts up to
# 40,000 characters that name an agreement in _FRESH6_WORDS (plain words, talks and treaties
# beside a side or place of a war other than Gaza's and Lebanon's, so that the part holds other
# wars), every one left: 1 of the Gaza/Lebanon corpus, 22 of the general one, beside those
# excluded-fresh6.txt names. (First drawn as 14 of the 16 up to 15,000 characters; their 5 frames
# were too few, so the limit was raised and the draw takes all, before any text it added was read.)
# "fresh7", made for issue 13 once no text left up to 40,000 characters named an agreement in
# fresh6's words: texts up to 80,000 characters that name one in _FRESH7_WORDS (none longer is
# left), every one left: 7 of the Gaza/Lebanon corpus and 26 of the general one, beside those
# excluded-fresh7.txt names. (First drawn as the 7 of 40,001 to 80,000 characters, 2 and 5; read
# and annotated, they held no agreement of a war, so the lower limit went and the seed drew 8 of
# the general corpus's 26; those 15 held 4 frames, so the draw takes all, each time before any text
# it added was read.)
# Each draw leaves out those before it and the texts their lists left out.
_FRESH = {"fresh": (2026, ((8000, 2, 8), (8000, 1, 5))),
          "fresh2": (1207, ((20000, 1, 12), (20000, 1, 3))),
          "fresh3": (1208, ((40000, 1, 5), (40000, 1, 10))),
          "fresh4": (1209, ((80000, 1, 0), (80000, 1, 11))),
          "fresh5": (1210, ((25000, 2, 3), (25000, 1, 9))),
          "fresh6": (1211, ((40000, 1, 1), (40000, 1, 22))),
          "fresh7": (1212, ((80000, 1, 7), (80000, 1, 26)))}
# The words fresh3 counts: those above, and a peace agreement or talks named as such, an
# armistice, the grain deal and agreements of a war known by a proper name.
_WIDER_WORDS = re.compile(
    _AGREEMENT_WORDS.pattern
    + r"|armistice|peace (?:deal|agreement|accords?|plan|process|talks|negotiations|framework|settlement)"
    r"|grain (?:deal|initiative)|Good Friday Agreement|Belfast Agreement|Minsk (?:agreements?|accords?|protocols?)"
    r"|Luanda (?:process|roadmap)|Dayton (?:Peace )?(?:Agreement|Accords?)|Pretoria agreement"
    r"|Jeddah (?:Declaration|talks|process)",
    re.IGNORECASE)
# The words fresh4 counts: fresh3's, and a peace treaty, formula (Ukraine's) or summit.
_FRESH4_WORDS = re.compile(_WIDER_WORDS.pattern + r"|peace (?:treaty|formula|summit)", re.IGNORECASE)
# The words fresh5 counts, since no text left names an agreement in fresh4's: a deal, agreement,
# accord, pause, truce or peace in one sentence with a war, a side of one or its hostages, at
# most 80 characters apart ("a deal that brings the hostages home").
_WAR_WORDS = (r"\b(?:hostages?|Hamas|Gaza|Hezbollah|Leban(?:on|ese)|Israel(?:is?)?|Palestinians?|Ukrain(?:e|ians?)"
              r"|Russian?s?|Sudan(?:ese)?|RSF|Houthis?|Yemen(?:is?)?|Congo(?:lese)?|DRC|M23|Rwandan?s?|Ethiopian?s?"
              r"|Tigray|Armenian?s?|Azerbaijan(?:is?)?|Karabakh|Syrian?s?|wars?|fighting|hostilities|conflicts?)\b")
_PLAIN_WORDS = r"\b(?:deals?|agreements?|accords?|pauses?|truces?|peace)\b"
_FRESH5_WORDS = re.compile(rf"{_PLAIN_WORDS}[^.?!]{{0,80}}{_WAR_WORDS}|{_WAR_WORDS}[^.?!]{{0,80}}{_PLAIN_WORDS}",
                           re.IGNORECASE)
# The words fresh6 counts: fresh5's plain ones and talks, negotiations, a settlement or a treaty,
# at most 150 characters from a side or place of a war other than Gaza's and Lebanon's, in one
# sentence ("a just and lasting peace in Ukraine", "talks between the Sudanese Armed Forces and
# the RSF"). Israel, Hamas, hostages and the bare "war" are left out: the pool then holds other
# wars, and fewer peaces of speeches in general.
_OTHER_WARS = (r"\b(?:Ukrain(?:e|ians?)|Russian?s?|Sudan(?:ese)?|RSF|Houthis?|Yemen(?:is?)?|Congo(?:lese)?|DRC|M23|Rwandan?s?"
               r"|Ethiopian?s?|Tigray|Armenian?s?|Azerbaijan(?:is?)?|Karabakh|Syrian?s?|Colombian?s?|ELN|FARC|Mali(?:an)?"
               r"|Haiti(?:an)?|Libyan?s?|Somalia|al-Shabaab|Burm(?:a|ese)|Myanmar|Afghan(?:istan)?|Taliban|Kosovo|Serbian?s?"
               r"|Korean?|Northern Ireland|Mozambique|Sahel|Iraq|ISIS)\b")
_FRESH6_PLAIN = r"\b(?:deals?|agreements?|accords?|pauses?|truces?|peace|negotiations?|talks|settlements?|treaty|treaties)\b"
_FRESH6_WORDS = re.compile(rf"{_FRESH6_PLAIN}[^.?!]{{0,150}}{_OTHER_WARS}|{_OTHER_WARS}[^.?!]{{0,150}}{_FRESH6_PLAIN}",
                           re.IGNORECASE)
# The words fresh7 counts: fresh4's, fresh5's or fresh6's, with any run of white space where they
# have a space, since the corpus text is hard-wrapped ("Good Friday\nAgreement").
_FRESH7_WORDS = re.compile("|".join(w.pattern for w in (_FRESH4_WORDS, _FRESH5_WORDS, _FRESH6_WORDS)).replace(" ", r"\s+"),
                           re.IGNORECASE)
_DRAW_WORDS = {"fresh3": _WIDER_WORDS, "fresh4": _FRESH4_WORDS, "fresh5": _FRESH5_WORDS, "fresh6": _FRESH6_WORDS,
               "fresh7": _FRESH7_WORDS}


def part(path: str) -> str:
    """The document's part: dev or test, by the parity of sha256(path)'s first byte."""
    return PARTS[hashlib.sha256(path.encode("utf-8")).digest()[0] % 2]


def document_part(document: dict) -> str:
    """A gold document's part: as it says ("fresh" for the third draw, "dev" for the texts
    chosen by hand), else by its path."""
    return document.get("part") or part(document["path"])


@cache
def corpus_documents(shared: Path) -> dict[str, dict]:
    """Every document of both corpora by path, the Gaza/Lebanon corpus's copy first, with
    `corpus` the index of the corpus it came from."""
    found: dict[str, dict] = {}
    for index, corpus in enumerate(CORPORA):
        with gzip.open(shared / corpus, "rt", encoding="utf-8") as f:
            for d in map(json.loads, f):
                found.setdefault(d["path"], d | {"corpus": index})
    return found


def document_input(path: str, shared: Path) -> RawInput:
    d = corpus_documents(shared)[path]
    meta = {"title": d["title"], "date": d["date"], "url": d["source_url"]}
    return RawInput(source=d["source_url"], content=d["text"].encode("utf-8"), kind="text", meta=meta)


def sample(shared: Path, excluded: set[str]) -> list[str]:
    """_PER_CORPUS documents of each corpus (the general one: those not in the Gaza/Lebanon one),
    drawn with a fixed seed from the short texts that name an agreement, then the _DENSE draw,
    leaving out the documents other gold sets were tuned on."""
    drawn: list[str] = []
    for index in range(len(CORPORA)):
        pool = sorted(p for p, d in corpus_documents(shared).items()
                      if d["corpus"] == index and len(d["text"]) <= _MAX_CHARS and p not in excluded
                      and _AGREEMENT_WORDS.search(d["text"]))
        drawn += random.Random(_SEED).sample(pool, _PER_CORPUS)
    most, named, count = _DENSE
    pool = sorted(p for p, d in corpus_documents(shared).items()
                  if d["corpus"] == 0 and len(d["text"]) <= most and p not in excluded and p not in drawn
                  and len(_AGREEMENT_WORDS.findall(d["text"])) >= named)
    return drawn + random.Random(_SEED).sample(pool, count)


def fresh_sample(shared: Path, excluded: set[str], name: str = "fresh") -> list[str]:
    """The _FRESH draw `name`: documents neither drawn by `sample` or an earlier _FRESH draw nor
    named by the other suites (nor by `excluded-<name>.txt`, if the draw has one)."""
    seed, draws = _FRESH[name]
    words = _DRAW_WORDS.get(name, _AGREEMENT_WORDS)
    drawn = set(sample(shared, excluded)) | set(_listed(f"excluded-{name}.txt"))
    for earlier in list(_FRESH)[:list(_FRESH).index(name)]:
        drawn |= set(fresh_sample(shared, excluded, earlier)) | set(_listed(f"excluded-{earlier}.txt"))
    chosen: list[str] = []
    for index, (most, named, count) in enumerate(draws):
        pool = sorted(p for p, d in corpus_documents(shared).items()
                      if d["corpus"] == index and len(d["text"]) <= most and p not in excluded
                      and p not in drawn and len(words.findall(d["text"])) >= named)
        chosen += random.Random(seed).sample(pool, count)
    return chosen


# The fields a gold frame may state, as the suite names them.
FIELDS = ("kind", "status", "parties", "mediators", "duration_days", "effective", "phases")


@dataclass(frozen=True)
class _Predicted:
    """One predicted frame: what its mentions hold together."""

    mentions: tuple[Agreement, ...]

    def right(self, field: str, gold: dict, record: Record) -> bool:
        first = self.mentions[0]  # frames.py gives every mention the frame's shared fields
        if field == "status":
            wanted = gold["status"] if isinstance(gold["status"], list) else [gold["status"]]
            return any(m.status in wanted for m in self.mentions)
        if field in ("parties", "mediators"):
            return names_match(gold[field], getattr(first, field), record)
        if field == "duration_days":
            return first.duration_days == float(gold[field])
        if field == "phases":
            return set(first.phases) == set(gold[field])
        return getattr(first, field) == gold[field]  # kind; effective (a date on both sides)

    def describe(self) -> str:
        m = self.mentions[0]
        fields = {"status": "/".join(dict.fromkeys(x.status for x in self.mentions)), "parties": m.parties,
                  "mediators": m.mediators, "duration_days": m.duration_days, "effective": m.effective,
                  "phases": m.phases}
        return f"{m.kind} " + ", ".join(f"{k}={v}" for k, v in fields.items() if v not in (None, ()))


def predicted_frames(agreements: Sequence[Agreement]) -> list[_Predicted]:
    """The document's frames: its mentions grouped by frame number (an unframed mention alone)."""
    groups: dict[object, list[Agreement]] = {}
    for i, mention in enumerate(agreements):
        groups.setdefault(mention.frame if mention.frame is not None else ("alone", i), []).append(mention)
    return [_Predicted(tuple(members)) for members in groups.values()]


def stated(gold: dict) -> list[str]:
    return [f for f in FIELDS if f in gold]


def match(golds: list[dict], frames: list[_Predicted], record: Record) -> list[tuple[dict, _Predicted | None]]:
    """Each gold frame with the predicted frame that gets most of its fields right (ties: the
    one with a mention over the gold quote), each predicted frame used once."""
    text = record.document.text
    pairs = []
    for g, gold in enumerate(golds):
        span = locate(gold["quote"], text)
        if span is None:
            raise ValueError(f"frame quote not in the cleaned text: {gold['quote']!r}")
        for f, frame in enumerate(frames):
            hits = sum(frame.right(name, gold, record) for name in stated(gold))
            over = any(m.start < span[1] and span[0] < m.end for m in frame.mentions)
            pairs.append((hits, over, -g, -f))
    matched: dict[int, _Predicted] = {}
    used: set[int] = set()
    for hits, over, g, f in sorted(pairs, reverse=True):
        if -g not in matched and -f not in used:
            matched[-g] = frames[-f]
            used.add(-f)
    return [(gold, matched.get(g)) for g, gold in enumerate(golds)]


class _Tally:
    def __init__(self) -> None:
        self.frames = self.complete = 0
        self.stated = dict.fromkeys(FIELDS, 0)
        self.right = dict.fromkeys(FIELDS, 0)

    def add(self, gold: dict, frame: _Predicted | None, record: Record) -> list[str]:
        """Counts one gold frame; returns the fields its match gets wrong."""
        wrong = []
        for name in stated(gold):
            self.stated[name] += 1
            if frame is not None and frame.right(name, gold, record):
                self.right[name] += 1
            else:
                wrong.append(name)
        self.frames += 1
        self.complete += not wrong
        return wrong

    def share(self, name: str) -> float:
        return self.right[name] / self.stated[name] if self.stated[name] else 0.0

    @property
    def complete_share(self) -> float:
        return self.complete / self.frames if self.frames else 0.0


def load(path: Path = ANNOTATIONS / "frames.toml") -> list[dict]:
    with open(path, "rb") as f:
        return tomllib.load(f)["document"]


def run(shared: Path, limit: int | None = None, parts: Sequence[str] | None = None) -> SuiteReport:
    """Score the frames of the gold documents of `parts` (every part by default)."""
    chosen = tuple(parts or (*DEVELOPMENT, *HELD_OUT))
    if unknown := [p for p in chosen if p not in (*DEVELOPMENT, *HELD_OUT)]:
        raise ValueError(f"no frames part {unknown[0]!r}: choose from {', '.join((*DEVELOPMENT, *HELD_OUT))}")
    documents = [d for d in load() if document_part(d) in chosen][:limit]
    readings: dict[str, Callable[[Work], tuple[Agreement, ...]]] = {
        "frames": lambda work: work.agreements,
        "baseline": lambda work: tuple(find_agreements(work.doc, work.parties, work.document.published)),
    }
    tallies = {(reading, p): _Tally() for reading in readings for p in chosen}
    errors: list[dict] = []
    works = Pipeline(Settings.from_env()).analyse(document_input(d["path"], shared) for d in documents)
    for document, work in zip(documents, works):
        if not isinstance(work, Work) or work.doc is None:
            raise RuntimeError(f"{document['path']}: the pipeline left its document: {work}")
        record = work.record()
        where = document_part(document)
        for reading, agreements in readings.items():
            golds = document.get("frame", [])
            for gold, frame in match(golds, predicted_frames(agreements(work)), record):
                wrong = tallies[(reading, where)].add(gold, frame, record)
                if wrong and reading == "frames" and where in DEVELOPMENT:  # held-out errors go unseen
                    errors.append({"part": where, "document": document["path"], "wrong": wrong,
                                   "gold": {k: str(v) for k, v in gold.items() if k != "evidence"},
                                   "predicted": frame.describe() if frame else None})
    table = Table("reading", "part", "frames", "complete", *FIELDS,
                  title=f"Agreement frames: {len(documents)} documents", title_justify="left")
    for (reading, where), t in tallies.items():
        table.add_row(reading, where, str(t.frames), f"{t.complete_share:.3f}",
                      *(f"{t.share(n):.3f} ({t.stated[n]})" for n in FIELDS))
    scores = {f"{where}_complete": tallies[("frames", where)].complete_share for where in chosen}
    for where in (p for p in chosen if p in HELD_OUT):
        held_out = tallies[("frames", where)]
        scores |= {f"{where}_{n}": held_out.share(n) for n in FIELDS if held_out.stated[n]}
    baseline = {f"{where}_complete": tallies[("baseline", where)].complete_share for where in chosen}
    return SuiteReport("frames", scores, baseline="each sentence's mention alone, unframed",
                       baseline_scores=baseline, details=[table], errors=errors)


def _listed(name: str) -> list[str]:
    """The lines of a list in ANNOTATIONS (none if there is no such file), without comments."""
    path = ANNOTATIONS / name
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [line for line in lines if line and not line.startswith("#")]


def _excluded() -> set[str]:
    """Paths of the documents the gold and merged suites named when the texts were drawn
    (development data for agreements), as `excluded.txt` fixes them."""
    named = _listed("excluded.txt")
    return {path for path in corpus_documents(Path("../shared")) if any(n in path for n in named)}


def _main(argv: list[str]) -> None:
    shared = Path("../shared")
    if argv[:1] == ["sample"]:
        for path in sample(shared, _excluded()):
            print(part(path), path)
    elif argv[:1] and argv[0] in _FRESH:
        for path in fresh_sample(shared, _excluded(), argv[0]):
            print(argv[0], path)
    elif argv[:1] == ["show"]:
        from truceline.clean import clean
        document = clean(document_input(argv[1], shared))
        print(f"# {document.title}\n# published {document.published}\n\n{document.text}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    _main(sys.argv[1:])
