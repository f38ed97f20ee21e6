"""Quality flags that need the actor dictionary: what in a document disagrees with what truceline
knows, for an analyst to check (a machine translation that renamed an official, a rewrite that
gave someone a post before they held it, a wrong publication date).

Each check returns flags as "kind:detail" strings for `Document.flags`. The flag that needs the
whole corpus, a copy dated apart from its original, is the store's (`Store.date_conflicts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from difflib import SequenceMatcher

from truceline.actors import ActorDictionary
from truceline.records import Agreement, Claim, Event, Mention

# "John Finer" for Jon Finer, "Anthony Blinken" for Antony Blinken: the same surname and a first
# name this close. Relatives share a surname with a first name far from it (Hunter and Joe Biden).
_SIMILAR_FIRST_NAME = 0.6
# Words before a title that say the post is not held now ("former President Trump").
_NOT_NOW = re.compile(r"(?:former|then|ex-|late|future|incoming|outgoing)\s*$", re.IGNORECASE)
# A date this long after the publication day, stated as done, contradicts it.
_AFTER_PUBLICATION = timedelta(days=7)


def name_variants(mentions: Sequence[Mention], dictionary: ActorDictionary) -> list[str]:
    """Unknown names that look like a known person's misspelt: "name_variant:John Finer~Jon Finer"."""
    people = {}
    for entry in dictionary.entries:
        words = entry.canonical.split()
        if entry.kind == "person" and len(words) > 1:
            people.setdefault(words[-1], []).append(words)
    flags = []
    for mention in mentions:
        actor = mention.actor
        words = actor.name.split()
        if actor.kind != "person" or actor.country is not None or len(words) < 2:
            continue  # resolved by the dictionary, or a single word
        for known in people.get(words[-1], ()):
            if known != words and SequenceMatcher(None, words[0], known[0]).ratio() >= _SIMILAR_FIRST_NAME:
                flags.append(f"name_variant:{actor.name}~{' '.join(known)}")
    return list(dict.fromkeys(flags))


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
