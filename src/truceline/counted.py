"""What a figure counts, in a small vocabulary (`data/counted.toml`: hostages, prisoners,
detainees, killed, injured, displaced, aid trucks…), and whether it is a running total or an
increment ("four more hostages", "another 13": the number released that day, not the total).
Both are read from the claim's own words, so that figures worded apart ("Americans", "Israeli
hostages") can be charted as one series."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from truceline.records import Change, ClaimKind

# What makes a figure the count of one occasion (an increment) rather than a count to date, read
# from its sentence; tuned on the dev half of eval/counted (eval/counted/README.md).
_INCREMENT = {"more", "another", "additional", "further"}  # "four more", "another 13", "an additional 17"
_RATE_UNITS = {"day", "week", "night"}  # "600 trucks a day", "per day": each day's number
_OCCASIONS = {"release", "execution", "killing", "death", "liberation", "massacre", "slaughter", "taking",
              "murder"}  # "the release of 135 prisoners", "the deaths of seven workers"
_ONE_ACT = {"kill", "slaughter", "massacre", "murder", "take", "execute", "recover", "displace"}  # "slaughtered 1,200 people"
_ONE_DAY = {"today", "tonight", "yesterday", "morning", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday"}  # "were released this morning", "on Friday"
_TO_DATE = {"since", "total", "thus", "far", "altogether", "date"}  # "since October 7", "so far", "to date"
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Topic:
    name: str
    words: frozenset[str]
    kinds: frozenset[str]
    default: frozenset[str]


@cache
def topics() -> tuple[Topic, ...]:
    with resources.files("truceline").joinpath("data/counted.toml").open("rb") as f:
        data = tomllib.load(f)
    return tuple(Topic(t["name"], frozenset(t["words"]), frozenset(t["kinds"]), frozenset(t.get("default", ())))
                 for t in data["counted"])


def names() -> tuple[str, ...]:
    return tuple(t.name for t in topics())


def counted(kind: ClaimKind, subject: str | None) -> str | None:
    """The vocabulary's word for what a figure of `kind` about `subject` counts, or None."""
    words = {_singular(w) for w in _WORD.findall((subject or "").lower())}
    for topic in topics():
        if kind in topic.kinds and words & topic.words:
            return topic.name
    return next((t.name for t in topics() if kind in t.default), None)


def change(figure: Span, anchor: Token) -> Change:
    """"increment" when the figure's sentence makes it the count of one occasion: a word adding
    it to an earlier one ("four more", not "more than"), a rate ("a day"), an act of one time
    ("the release of 135", "slaughtered 1,200") or one day ("this morning") with nothing that
    counts to date ("since", "so far", "have been"); else "total". `anchor` is the counted noun."""
    first, last = figure[0], figure[-1]
    sent, doc = first.sent, first.doc
    near = [t.lower_ for t in doc[max(sent.start, first.i - 2):min(sent.end, last.i + 3)]]
    if any(w in _INCREMENT and near[i + 1:i + 2] != ["than"] for i, w in enumerate(near)):
        return "increment"
    after = [t.lower_ for t in doc[last.i + 1:min(sent.end, last.i + 4)]]
    if any(w in ("a", "per", "each", "every") and nxt in _RATE_UNITS for w, nxt in zip(after, after[1:])):
        return "increment"
    number = next((t for t in figure if t.like_num), first)  # the span may start at its cue ("release of 17")
    before = [t for t in doc[max(sent.start, number.i - 3):number.i] if t.is_alpha and t.lower_ not in ("the", "a")]
    if len(before) >= 2 and before[-1].lower_ == "of" and before[-2].lemma_.lower() in _OCCASIONS:
        return "increment"
    verb = next((t for t in (anchor, *_heads(anchor)) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return "total"
    if any(t.lower_ in _TO_DATE for t in sent):
        return "total"
    one_day = any(t.lower_ in _ONE_DAY for t in sent)
    one_act = verb.lemma_.lower() in _ONE_ACT and anchor.dep_ != "nsubjpass"  # "1,200 were killed" may be to date
    return "increment" if one_day or one_act else "total"


def _heads(token: Token) -> Iterator[Token]:
    while token.head.i != token.i:
        token = token.head
        yield token


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def series(rows: list[dict]) -> list[dict]:
    """The points of a series from the store's claim rows (Store.claims), in date order: one per
    story, day, value and change, so that copies of one statement count once; each keeps its
    source."""
    seen: set[tuple] = set()
    points = []
    for row in sorted(rows, key=lambda r: (r["when"] is None, r["when"], r["published"] is None, r["published"])):
        key = (row["story_id"], row["when"], row["value"], row.get("change"))
        if row["when"] is not None and key not in seen:
            seen.add(key)
            points.append(row)
    return points
