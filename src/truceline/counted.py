"""What a figure counts, in a small vocabulary (`data/counted.toml`: hostages, prisoners,
detainees, killed, injured, displaced, aid trucks…), and whether it is a running total or an
increment ("four more hostages", "another 13": the number released that day, not the total).
Both are read from the claim's own words, so that figures worded apart ("Americans", "Israeli
hostages") can be charted as one series."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from truceline.records import Change, ClaimKind

# Words by a figure that make it an increment: "four more", "another 13", "an additional 17".
_INCREMENT = {"more", "another", "additional", "further"}
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


def change(words_around: list[str]) -> Change:
    """"increment" when a word by the figure adds it to an earlier one ("more" but not "more
    than", a qualifier), else "total"."""
    words = [w.lower() for w in words_around]
    adds = any(w in _INCREMENT and not (w == "more" and words[i + 1:i + 2] == ["than"]) for i, w in enumerate(words))
    return "increment" if adds else "total"


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
