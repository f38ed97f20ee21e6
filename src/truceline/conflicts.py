"""Conflicts: which war an agreement belongs to, from its parties and the places its text names.

The table is curated data (`data/conflicts.toml`): each conflict's sides and the words of its
theatre. A place ("in Gaza", "eastern Congo") says which war a sentence is about; it never makes a
party.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Conflict:
    name: str
    sides: tuple[str, ...]  # in the order a name gives them: "Israel–Hamas"
    words: re.Pattern[str] | None  # none for a war whose theatre is another's (the US and Iran)
    parties: tuple[str, ...] = ()  # the sides that stop fighting when an agreement of the war is made
    beside: tuple[str, ...] = ()  # sides that point here only beside another of its sides

    def cues(self, parties: Iterable[str], text: str) -> int:
        """How strongly parties and a text point here: two for each side among the parties (none
        when they are only sides named `beside`), one for each distinct word of the conflict's
        theatre the text names."""
        words = {m.group(0).casefold() for m in self.words.finditer(text)} if self.words else set()
        named = set(self.sides).intersection(parties)
        return (2 * len(named) if not named <= set(self.beside) else 0) + len(words)


@cache
def _table() -> dict:
    with (resources.files("truceline") / "data" / "conflicts.toml").open("rb") as f:
        return tomllib.load(f)


@cache
def conflicts() -> tuple[Conflict, ...]:
    """The bundled table, read once."""
    return tuple(Conflict(e["name"], tuple(e["sides"]), _whole_words(e["words"]) if e.get("words") else None,
                          tuple(e.get("parties", ())), tuple(e.get("beside", ()))) for e in _table()["conflict"])


def short(name: str) -> str:
    """How an actor reads in an agreement's name: "US" for the United States."""
    return _table()["short"].get(name, name)


def _whole_words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


def weights(sentences: Iterable[str]) -> Counter[str]:
    """How many of a text's sentences name each conflict's theatre: what settles a sentence that
    fits two conflicts equally ("Israel agreed to the ceasefire"). A sentence counts once, however
    many of its words do: "the fall of the Assad regime in Syria", "Lebanese Hezbollah" said in
    passing had outweighed the Gaza talks a readout named once."""
    return Counter(c.name for sentence in sentences for c in conflicts() if c.words and c.words.search(sentence))


def conflict_of(parties: Iterable[str], text: str, prior: Counter[str] | None = None) -> str | None:
    """The conflict the parties and text point to most; a tie goes to the one `prior` weighs
    most, and stays None when that does not settle it either."""
    parties = tuple(parties)
    scored = [(c.cues(parties, text), (prior or Counter())[c.name], c.name) for c in conflicts()]
    best = max(scored)
    if best[0] == 0 and best[1] == 0:
        return None
    rivals = [s for s in scored if s[:2] == best[:2]]
    return best[2] if len(rivals) == 1 else None


def sides(name: str | None) -> tuple[str, ...]:
    """A conflict's sides, in the order names give them; none for an unknown conflict."""
    return next((c.sides for c in conflicts() if c.name == name), ())


def principals(name: str | None) -> tuple[str, ...]:
    """The sides an agreement of the conflict binds when its text names the war but not them
    ("the parties to the conflict in eastern Democratic Republic of the Congo"); none for an
    unknown conflict, or one whose agreements bind different sides."""
    return next((c.parties for c in conflicts() if c.name == name), ())
