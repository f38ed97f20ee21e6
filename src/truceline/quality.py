"""Quality flags that need the actor dictionary: what in a document disagrees with what truceline
knows, for an analyst to check (a machine translation that renamed an official, a rewrite that
gave someone a post before they held it, a wrong publication date).

Each check returns flags as "kind:detail" strings for `Document.flags`. The flag that needs the
whole corpus, a copy dated apart from its original, is the store's (`Store.date_conflicts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING

from truceline.records import Agreement, Claim, Event, Mention

if TYPE_CHECKING:  # only a type here: the store reads flags with this module, without loading spaCy
    from truceline.actors import ActorDictionary

# "John Finer" for Jon Finer, "Anthony Blinken" for Antony Blinken: the same surname and a first
# name this close. Relatives share a surname with a first name far from it (Hunter and Joe Biden).
_SIMILAR_FIRST_NAME = 0.6
# Two capitalized words, a first name and a surname, wherever they begin (the matches overlap).
_NAME = re.compile(r"\b(?=([A-Z][a-z]+)\s+([A-Z][\w'’-]+)\b)")
# Words before a title that say the post is not held now ("former President Trump").
_NOT_NOW = re.compile(r"(?:former|then|ex-|late|future|incoming|outgoing)\s*$", re.IGNORECASE)
# A date this long after the publication day, stated as done, contradicts it.
_AFTER_PUBLICATION = timedelta(days=7)


@dataclass(frozen=True)
class _Known:
    """A dictionary person as a surname's bearer: their first names and the words of their posts."""

    canonical: str
    first_names: frozenset[str]
    office_words: frozenset[str]


def name_variants(text: str, dictionary: ActorDictionary) -> list[str]:
    """Names that look like a known person's, mis-spelt or mis-named by a rewrite: a known surname
    after a first name none of its bearers has, close to theirs ("name_variant:John Finer~Jon
    Finer"), or after a word of their post ("Special Envoy Avi Witkoff" for Steve Witkoff). A
    relative has a far first name and no post of theirs (Hunter Biden)."""
    bearers = _bearers(dictionary)
    flags = []
    for match in _NAME.finditer(text):
        first, surname = match.groups()
        known = bearers.get(surname, ())
        if not known or any(first in k.first_names or first.lower() in dictionary.titles for k in known):
            continue
        before = text[max(0, match.start() - 30):match.start()].split()[-1:]
        for person in known:
            titled = bool(before) and before[0].lower().strip(".,") in person.office_words
            close = any(SequenceMatcher(None, first, name).ratio() >= _SIMILAR_FIRST_NAME for name in person.first_names)
            if titled or close:
                flags.append(f"name_variant:{first} {surname}~{person.canonical}")
    return list(dict.fromkeys(flags))


@cache
def _bearers(dictionary: ActorDictionary) -> dict[str, list[_Known]]:
    """Surname → the dictionary's people who bear it."""
    bearers: dict[str, list[_Known]] = {}
    for entry in dictionary.entries:
        names = [name.split() for name in (entry.canonical, *entry.aliases)]
        if entry.kind != "person" or len(names[0]) < 2:
            continue
        first_names = frozenset(words[0] for words in names if len(words) > 1 and words[0].lower() not in dictionary.titles)
        office_words = frozenset(word.lower() for role in entry.roles for office in (role.title, *role.mentions)
                                 for word in office.split() if word[0].isupper())  # "Secretary of State"
        bearers.setdefault(names[0][-1], []).append(_Known(entry.canonical, first_names, office_words))
    return bearers


def roles_not_held(text: str, mentions: Sequence[Mention], dictionary: ActorDictionary,
                   on: date | None) -> list[str]:
    """People named with a title they did not hold on the document's date ("Special Envoy
    Witkoff" in 2023): "role_not_held:Special Envoy Witkoff"."""
    if on is None:
        return []
    by_canonical = {e.canonical: e for e in dictionary.entries if e.kind == "person" and e.roles}
    flags = []
    for mention in mentions:
        entry = by_canonical.get(mention.actor.canonical)
        if entry is None or mention.actor.role is not None:
            continue
        titled = any(word.lower() in dictionary.titles for word in mention.actor.name.split()[:-1])
        if titled and not _NOT_NOW.search(text[max(0, mention.start - 20):mention.start]):
            flags.append(f"role_not_held:{mention.actor.name}")
    return list(dict.fromkeys(flags))


def dates_after_publication(events: Sequence[Event], claims: Sequence[Claim], agreements: Sequence[Agreement],
                            published: date | None) -> list[str]:
    """Something stated as done on a day well after the document's publication: the document's
    date is wrong, or the date was misread. "done_after_publication:2025-10-10"."""
    if published is None:
        return []
    done = [e.date for e in events if e.mode == "asserted"]
    done += [c.as_of for c in claims]
    done += [a.effective for a in agreements if a.status not in ("proposed", "rejected")]
    late = sorted({day for day in done if day and day > published + _AFTER_PUBLICATION})
    return [f"done_after_publication:{late[0].isoformat()}"] if late else []


# Where a sentence ends: ., ! or ? and a space, or a line break. For pointing a reader at a flag
# only: parsing the document again with spaCy to list flags would take seconds per document.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+|\n")


def flag_span(text: str, flag: str) -> tuple[int, int] | None:
    """The sentence of `text` a name flag is about (where the name, as written, first is); None
    for a flag about dates, or a name the text does not hold."""
    kind, _, detail = flag.partition(":")
    if kind not in ("name_variant", "role_not_held"):
        return None
    written = detail.split("~")[0]
    at = text.find(written)
    return sentence_around(text, at, at + len(written)) if written and at >= 0 else None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence that holds text[start:end]."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, max(start - 1000, 0), start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return begin, (after.start() + (text[after.start()] != "\n")) if after else len(text)

