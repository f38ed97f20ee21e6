"""Voices: whom a text's "we" and "I" speak for.

A White House statement says "We condemn …" for the United States, its press secretary says "we"
for it in a briefing, and nothing in those sentences says so. Read from the document's own
evidence, the most specific first:

- a speaker label opening a paragraph of a transcript ("MR. KIRBY:", "THE PRESIDENT:",
  "PRESIDENT ZELENSKYY:", "Q"), from there to the next label: a reporter ("Q") or the audience
  speaks for no state; a speaker the actor dictionary resolves, for that speaker's state; one
  with a foreign leader's title it does not resolve ("PRESIDENT SAMIA:"), for no state known;
  anyone else (staff: "MS. JEAN-PIERRE:", "SENIOR ADMINISTRATION OFFICIAL:") for the document;
  a guest the dictionary does not know speaks for the state the title names them with
  ("PRESIDENT STEINMEIER:" in "Remarks by President Biden and President Frank-Walter Steinmeier
  of Germany");
- the byline of its title ("Statement from President Joe Biden on …"; a joint statement speaks
  for all its signatories);
- the site that published it (`publishers` in the actor dictionary: whitehouse.gov, state.gov
  → the United States). A site's texts speak for its state unless their byline names others.

The second person ("you", "Mr. President", "Your Majesty") is whom the speaker addresses: in a
reporter's question, whoever answers it (the next label's speaker; the document's voice when no
answer follows); in joint remarks of leaders, a guest's the host's state (the title's first), the
host's its one guest's.

What is said in another's words is not the document's voice: `actors.find_mentions` leaves a
first person inside quotation marks, or in a clause another actor reports ("Netanyahu said we
will …"), to that actor or to no one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from spacy.language import Language
from spacy.tokens import Doc

from truceline.records import Actor, Document

if TYPE_CHECKING:
    from truceline.actors import ActorDictionary


@dataclass(frozen=True)
class Voices:
    """Whom the first person speaks for at each place of one document's text: `document`, except
    from each speaker label on (`starts`: the labels' offsets in text order, `ends` where each
    ends; `speakers`: whom each label's speaker speaks for; `addressed`: whom each addresses;
    `asking`: whether each is a reporter or the audience, who ask: the actor dictionary's
    `not_speakers`); `bylined`: whether the title's byline names `document`."""

    document: tuple[Actor, ...] = ()
    starts: tuple[int, ...] = ()
    speakers: tuple[tuple[Actor, ...], ...] = ()
    bylined: bool = False
    addressed: tuple[tuple[Actor, ...], ...] = ()
    asking: tuple[bool, ...] = ()
    ends: tuple[int, ...] = ()

    def at(self, offset: int) -> tuple[Actor, ...]:
        i = bisect_right(self.starts, offset) - 1
        return self.speakers[i] if i >= 0 else self.document

    def addressee(self, offset: int) -> tuple[Actor, ...]:
        """Whom the second person stands for at `offset`: no one before the first label."""
        i = bisect_right(self.starts, offset) - 1
        return self.addressed[i] if i >= 0 and self.addressed else ()

    def asks(self, offset: int) -> bool:
        """Whether `offset` is in a reporter's (or the audience's) turn."""
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and bool(self.asking) and self.asking[i]

    def label(self, offset: int) -> tuple[int, int] | None:
        """Where the speaker label opening the turn `offset` is in starts and ends; None before the
        first label."""
        i = bisect_right(self.starts, offset) - 1
        return (self.starts[i], self.ends[i]) if i >= 0 and self.ends else None


_KEPT = ("truceline", "voices")


def keep(doc: Doc, voices: Voices) -> None:
    """Keeps a document's voices on its parse (the `actors` stage does), where the dating of its
    events reads whose turn a sentence is in (`clauses.event_date`)."""
    doc.user_data[_KEPT] = voices


def kept(doc: Doc) -> Voices:
    """The voices `keep` kept on this parse; none (no speaker labels) where no stage did."""
    return doc.user_data.get(_KEPT, Voices())


def of_document(document: Document, nlp: Language, dictionary: ActorDictionary) -> Voices:
    """The voices of a cleaned document (see the module's doc)."""
    title = document.title or ""
    on = document.published
    doc = nlp.make_doc(title)
    bylined: tuple[Actor, ...] = ()
    named = _byline_matches(title, doc, dictionary, on)
    countries = _byline_countries(named)
    if _joint_remarks(countries, title):
        voice: tuple[Actor, ...] = ()
    else:
        bylined = _states(countries, dictionary, on) or group_author(title, doc, dictionary, on)
        voice = bylined or publisher_states(document.source, dictionary, on)
    parties = list(_states(countries, dictionary, on)) if voice == () else []
    labels = list(LABEL.finditer(document.text))
    known: dict[str, tuple[Actor, ...]] = {}
    for label in labels:
        name = label.group(1)
        if name not in known:  # a briefing repeats its few labels hundreds of times
            known[name] = (_speaker(name, voice, nlp, dictionary, on)
                           or _named_in_title(name, doc, named, dictionary, on))
    speakers = [known[label.group(1)] for label in labels]
    addressed = []
    for i, label in enumerate(labels):
        if _label_name(label.group(1)) in dictionary.not_speakers:  # a question: to whoever answers it
            answer = next((j for j in range(i + 1, len(labels))
                           if _label_name(labels[j].group(1)) not in dictionary.not_speakers), None)
            addressed.append(speakers[answer] if answer is not None else voice)
        else:
            addressed.append(_addressed_party(speakers[i], parties))
    asking = tuple(_label_name(label.group(1)) in dictionary.not_speakers for label in labels)
    return Voices(voice, tuple(label.start() for label in labels), tuple(speakers), bool(bylined),
                  tuple(addressed), asking, tuple(label.end() for label in labels))


def _addressed_party(speaker: tuple[Actor, ...], parties: list[Actor]) -> tuple[Actor, ...]:
    """Whom a leader of joint remarks addresses: a guest the host (the title's first state), the
    host its one guest; no one when the host has several."""
    if len(speaker) != 1 or speaker[0] not in parties:
        return ()
    if speaker[0] != parties[0]:
        return (parties[0],)
    return tuple(parties[1:]) if len(parties) == 2 else ()


def may_speak_for_a_state(document: Document, dictionary: ActorDictionary) -> bool:
    """Whether a document's first person may stand for a state, read cheaply (no parse, no
    dictionary match): its title has a byline, or its site speaks for a state."""
    return bool(_BYLINE.search(document.title or "")) or _publisher_country(document.source, dictionary) is not None


def publisher_states(source: str, dictionary: ActorDictionary, on: date | None) -> tuple[Actor, ...]:
    """The state whose site published the text at `source` (an address), if the dictionary's
    `publishers` lists the site or a site it is part of ("bidenwhitehouse.archives.gov")."""
    country = _publisher_country(source, dictionary)
    return _states([country] if country else [], dictionary, on)


def _publisher_country(source: str, dictionary: ActorDictionary) -> str | None:
    host = (urlsplit(source).hostname or "") if "//" in source else ""
    parts = host.removeprefix("www.").split(".")
    return next((dictionary.publishers[site] for site in (".".join(parts[i:]) for i in range(len(parts)))
                 if site in dictionary.publishers), None)


def _joint_remarks(countries: list[str], title: str | None) -> bool:
    """Whether a byline names several states' speakers and is no joint statement (whose "we" is
    all of them): remarks whose "we" only the speaker labels say."""
    return len(countries) > 1 and not _JOINT.search(title or "")


def _states(countries: list[str], dictionary: ActorDictionary, on: date | None) -> tuple[Actor, ...]:
    """The dictionary's states of these countries, in order."""
    states = dictionary.states
    return tuple(states[c].actor(states[c].canonical, on) for c in countries if c in states)


def group_author(title: str | None, doc: Doc, dictionary: ActorDictionary, on: date | None) -> tuple[Actor, ...]:
    """The group of states whose leaders sign a statement, from its title ("G7 Leaders’
    Statement on Gaza", "G7 Apulia Leaders’ Communiqué"): its "we" is the group's, not that of
    the member whose site posted it. `doc` is the title, tokenized."""
    signed = _GROUP_SIGNED.search(title or "")
    if signed is None:
        return ()
    return tuple(dict.fromkeys(m.actor for m in dictionary.matches(doc, on)
                               if m.actor.kind == "igo" and doc[m.end - 1].idx < signed.start()))


def _byline_countries(named: list[tuple[int, str]]) -> list[str]:
    """The countries of the byline's actors (`_byline_matches`), each once, in order."""
    return list(dict.fromkeys(country for _, country in named))


def _byline_matches(title: str | None, doc: Doc, dictionary: ActorDictionary,
                    on: date | None) -> list[tuple[int, str]]:
    """The first token and country of each actor the title's byline names, in order."""
    byline = _BYLINE.search(title or "")
    if byline is None:
        return []
    author = _AFTER_AUTHOR.split(byline.group(1))[0]
    start, end = byline.start(1), byline.start(1) + len(author)
    return [(m.start, m.actor.country) for m in sorted(dictionary.matches(doc, on), key=lambda m: m.start)
            if m.actor.country and start <= doc[m.start].idx and doc[m.end - 1].idx < end]


def _named_in_title(label: str, title: Doc, named: list[tuple[int, str]], dictionary: ActorDictionary,
                    on: date | None) -> tuple[Actor, ...]:
    """A guest's state by the title that names them: the first state the byline names after the
    label's last word ("STEINMEIER" in "President Frank-Walter Steinmeier of Germany")."""
    name = _label_name(label)
    if not any(name.startswith(title + " ") for title in dictionary.foreign_titles):
        return ()
    last = name.split()[-1].lower()
    at = next((t.i for t in title if t.lower_ == last), None)
    country = next((c for start, c in named if at is not None and start > at), None)
    return _states([country] if country else [], dictionary, on)


def _label_name(label: str) -> str:
    return " ".join(label.split()).rstrip(":").split(",")[0].strip()


def _speaker(label: str, voice: tuple[Actor, ...], nlp: Language, dictionary: ActorDictionary,
             on: date | None) -> tuple[Actor, ...]:
    """Whom a transcript's speaker label speaks for (see the module's doc)."""
    name = _label_name(label)
    if name in dictionary.not_speakers:
        return ()
    written = nlp.make_doc(name.title().replace("’S", "’s").replace("'S", "'s"))
    countries = list(dict.fromkeys(m.actor.country for m in dictionary.matches(written, on) if m.actor.country))
    if len(countries) == 1 and countries[0] in dictionary.states:
        return _states(countries, dictionary, on)
    if countries or any(name.startswith(title + " ") for title in dictionary.foreign_titles):
        return ()
    return voice


# A speaker label: a paragraph opening with a reporter's "Q" or a name in capitals and a colon
# ("MS. JEAN-PIERRE:", "ADMIRAL JOHN KIRBY, NSC SPOKESMAN:").
LABEL = re.compile(r"(?:^|(?<=\n))[ \t]*(Q(?=[\s:.])|[A-Z][A-Z.’'\- ]{1,50}(?:,[^:\n]{0,60})?:)")
# "G7 Leaders’ Statement", "G7 Apulia Leaders’ Communiqué": a group signs it.
_GROUP_SIGNED = re.compile(r"\bleaders[’']? (?:joint )?(?:statement|declaration|communiqu)", re.IGNORECASE)
# "Joint Statement", and with a word between: "Joint Vision Statement", "Joint Leaders’ Statement".
_JOINT = re.compile(r"\bjoint (?:[\w’'-]+ )?(statement|declaration|communiqu)", re.IGNORECASE)
# "<Statement|Remarks|...> from|by <author>": the words after from/by name who speaks.
_BYLINE = re.compile(r"^[\w ]*?\b(?:statement|remarks|briefing|gaggle|call|message|letter|address|op-ed|"
                     r"interview)s?\s+(?:from|by)\b(.+)$", re.IGNORECASE)
_AFTER_AUTHOR = re.compile(r"\b(?:on|regarding|to|at|in|with|for|announcing|before|after|following|during|"
                           r"upon|about|welcoming|marking|en route|aboard|ahead of|honoring|honouring|"
                           r"commemorating|celebrating|previewing)\b|\|", re.IGNORECASE)  # "| Paris, France"
