"""Actors: find who is mentioned, resolved against the curated dictionary.

Three kinds of dictionary match, all read from `data/actors.toml` (its header documents
the format and the choices, such as what "the President" means):
- a name or alias ("Hamas", "Doha", "Prime Minister Netanyahu");
- an office ("the Secretary of State"), resolved to whoever held it on the document's date;
- a state's adjective or name before a group noun ("Israeli forces", "Egyptian mediators"),
  resolved to that state's body of the noun's kind.
Names spaCy finds that the dictionary does not know stay as unresolved actors, with three
corrections a reader makes: a "person" who is a place is a place (`places.py`); a stated
nationality or office gives a person its country ("Lebanese Foreign Minister X", "Pakistan's
foreign minister"); and names a text uses for two countries ("Congo") resolve by the document's
cues; an organisation it does not know takes the country of the one state its name holds
("Government of Iraq", "U.S. Trade and Development Agency"). In a text that speaks for a state,
"the administration" is that state's government. Credits, bylines, datelines and news agencies
never become actors.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from bisect import bisect_right
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast, get_args

from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from truceline.errors import ConfigError
from truceline.language import lemmatizer, normalize
from truceline.places import Places
from truceline.records import Actor, ActorKind, Mention
from truceline.readouts import STAND_INS, Sides
from truceline.voices import Voices

# spaCy entity labels that name an actor the dictionary may not know, and the kind we record.
# A GPE the dictionary lacks may be a state it misses ("Bosnia", a misspelt "Afganistan") or a
# town standing for its people, which PLOVER codes as a party: "other". A town spaCy takes for a
# person or an organisation is recorded as a "place", which is never a party (see places.py).
_UNRESOLVED_KINDS: dict[str, ActorKind] = {"PERSON": "person", "ORG": "other", "NORP": "other", "GPE": "other"}
_KINDS = frozenset(get_args(ActorKind))
_DETERMINERS = {"the", "a", "an"}
_POSSESSIVES = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class Role:
    title: str
    start: date | None
    end: date | None
    mentions: tuple[str, ...] = ()

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    canonical: str
    country: str | None
    kind: ActorKind
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    bodies: tuple[tuple[str, str], ...] = ()  # (kind, canonical of the state's body of that kind)

    def role_on(self, on: date | None) -> str | None:
        """Every role that holds on the date, the latest begun first."""
        if on is None:
            return None
        held = sorted((r for r in self.roles if r.holds_on(on)), key=lambda r: r.start or date.min, reverse=True)
        return "; ".join(dict.fromkeys(r.title for r in held)) or None

    def actor(self, name: str, on: date | None, kind: ActorKind | None = None) -> Actor:
        return Actor(name=name, canonical=self.canonical, country=self.country,
                     kind=kind or self.kind, role=self.role_on(on))


@dataclass(frozen=True)
class Match:
    """A dictionary match: tokens [start, end) of the document, resolved on the document's date."""

    start: int
    end: int
    actor: Actor
    entry: Entry | None  # None for an office nobody held on the date
    rank: int  # among equally long matches, the lower rank wins (names before group phrases)
    office: bool = False


class ActorDictionary:
    """The curated actors, and the matchers over their aliases, offices and group phrases."""

    def __init__(
        self,
        entries: list[Entry],
        titles: Iterable[str] = (),
        office_blockers: Iterable[str] = (),
        not_actors: Iterable[str] = (),
        group_nouns: dict[str, list[str]] | None = None,
        stated_offices: Iterable[str] = (),
        regions: Iterable[str] = (),
        ambiguous: Iterable[dict] = (),
        credits: Credits | None = None,
        publishers: dict[str, str] | None = None,
        not_speakers: Iterable[str] = (),
        foreign_titles: Iterable[str] = (),
        bare_offices: Iterable[str] = (),
    ):
        self.entries = entries
        self.titles = frozenset(t.lower() for t in titles)
        self.office_blockers = frozenset(office_blockers)
        self.not_actors = frozenset(not_actors)
        self.stated_offices = {tuple(o.lower().split()): o for o in stated_offices}
        # Longest first: of two offices that start at one word, the longer is the one named.
        self.bare_offices = tuple(sorted((tuple(o.replace("-", " ").lower().split()) for o in bare_offices),
                                         key=len, reverse=True))
        self.regions = frozenset(regions)
        self.credits = credits or Credits()
        # Whom a text's first person speaks for (see voices.py): a site's state, by its domain;
        # speaker labels that are no state's voice; titles of a speaker who speaks for another state.
        self.publishers = publishers or {}
        self.not_speakers = frozenset(not_speakers)
        self.foreign_titles = tuple(foreign_titles)
        self.group_nouns = group_nouns or {}
        if unknown := set(self.group_nouns) - _KINDS:
            raise ValueError(f"group nouns of unknown kinds {sorted(unknown)}")
        self._by_canonical = {e.canonical: e for e in entries}
        self.states = {e.country: e for e in entries if e.kind == "state"}
        if unknown := set((publishers or {}).values()) - set(self.states):
            raise ValueError(f"publishers of unknown states {sorted(unknown)}")
        for entry in entries:
            for _kind, body in entry.bodies:
                if body not in self._by_canonical:
                    raise ValueError(f"{entry.canonical}: body {body!r} is not an entry")
        # A name two countries share resolves by the document's cues, never by the dictionary.
        self.ambiguous: dict[str, dict[str, tuple[str, ...]]] = {}
        for item in ambiguous:
            for iso3 in item["countries"]:
                if iso3 not in self.states:
                    raise ValueError(f"ambiguous name {item['names']}: {iso3!r} is not a state")
            for name in item["names"]:
                self.ambiguous[name] = {iso3: tuple(cues) for iso3, cues in item["countries"].items()}
        self.aliases: dict[str, Entry] = {}
        self.offices: dict[str, list[tuple[Entry, Role]]] = {}
        for entry in entries:
            for alias in entry.aliases:
                for variant in _apostrophe_variants(alias):
                    if variant not in self.ambiguous:
                        self.aliases[variant] = entry
            for role in entry.roles:
                for mention in role.mentions:
                    for variant in _office_variants(mention):
                        self.offices.setdefault(variant, []).append((entry, role))
        self._matchers: dict[int, _Matchers] = {}

    @classmethod
    def load(cls, path: Path | str) -> ActorDictionary:
        """Read a dictionary file; raises ConfigError with the reason if it cannot be used."""
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
            curated = [_entry(item) for item in data.get("actor", [])]
            return cls(
                curated + world_states(curated),
                titles=data.get("titles", ()),
                office_blockers=data.get("office_blockers", ()),
                not_actors=data.get("not_actors", ()),
                group_nouns=data.get("group_nouns", {}),
                stated_offices=data.get("stated_offices", ()),
                regions=data.get("regions", ()),
                ambiguous=data.get("ambiguous", ()),
                credits=Credits(data.get("media", ()), data.get("credit_openers", ()), data.get("credit_lines", ())),
                publishers=data.get("publishers", {}),
                not_speakers=data.get("not_speakers", ()),
                foreign_titles=data.get("foreign_titles", ()),
                bare_offices=data.get("bare_offices", ()),
            )
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"actor dictionary {path}: {exc!r}") from exc

    def matches(self, doc: Doc, on: date | None) -> list[Match]:
        """Every dictionary match in the document, overlapping ones included."""
        matchers = self._matchers.get(id(doc.vocab))
        if matchers is None:  # built once per vocabulary, i.e. once per spaCy pipeline
            matchers = self._matchers[id(doc.vocab)] = _Matchers(self, doc.vocab)
        # Text wrapped at a fixed width puts line breaks inside names ("Tamim Bin\nHamad"):
        # match over the document without its whitespace tokens, then map back.
        # Each word is matched normalised (see language.normalize), spans staying on the document.
        kept = [t.i for t in doc if not t.is_space]
        words = Doc(doc.vocab, words=[normalize(doc[i].text) or doc[i].text for i in kept])
        cues = _Cues(doc.text, self.ambiguous)
        found = []
        for key, start, end in matchers(words):
            if key.startswith("office:") and start > 0 and words[start - 1].text in self.office_blockers:
                continue  # the Deputy National Security Advisor is not the National Security Advisor
            span = doc[kept[start]:kept[end - 1] + 1]
            found.append(self._resolve(key, _flat(span.text), span.start, span.end, on, cues))
        return found + self._stated_offices(doc, found, on)

    def _stated_offices(self, doc: Doc, found: list[Match], on: date | None) -> list[Match]:
        """A person whose state the text states: a state's name or adjective before an office of
        `stated_offices` ("Lebanese Foreign Minister X", "Pakistan's foreign minister", "Sudan's
        army chief"), or "of <state>" after an office or a name ("the president of Angola",
        "Presidents Felix Tshisekedi of the DRC"). Named by the PERSON entity next to the office
        or before it with a comma ("Ishaq Dar, Pakistan's foreign minister"), else by the office. Left to the dictionary when it knows the office or the person ("Israeli Prime
        Minister Netanyahu"). A state's names, adjectives and demonyms are the dictionary's
        aliases: curated, else countryinfo's (see `world_states`), not a table of our own."""
        known = {i for f in found if f.office or (f.entry and f.entry.kind == "person") for i in range(f.start, f.end)}
        states = [f for f in found if f.rank == 0 and not f.office and f.entry is not None and f.entry.kind == "state"]
        return [m for f in states if (m := self._office_after(doc, f, known, on) or self._of_state(doc, f, known, on))]

    def _office_after(self, doc: Doc, state: Match, known: set[int], on: date | None) -> Match | None:
        start = _next_word(doc, state.end)
        if start < len(doc) and doc[start].text in _POSSESSIVES:
            start = _next_word(doc, start + 1)
        office = self._office_at(doc, start)
        if office is None:
            return None
        end, title = office
        if known & set(range(start, end)) or _next_word(doc, end) in known:
            return None
        name = _person_after(doc, end)
        if name is not None:
            actor = Actor(name=_flat(doc[state.start:name.end].text), canonical=_flat(name.text),
                          country=state.actor.country, kind="person", role=title)
            return Match(state.start, name.end, actor, None, rank=0)
        # "Ishaq Dar, Pakistan's foreign minister": the office names the person before the comma.
        comma = _previous_word(doc, state.start)
        if comma >= 0 and doc[comma].lower_ == "the":
            comma = _previous_word(doc, comma)
        person = self._person_ending_at(doc, _previous_word(doc, comma)) if comma >= 0 and doc[comma].text == "," else None
        if person is None or known & set(range(person[0], comma)):
            return self._office_of(doc, state, title, state.start, end, on)
        first, name_start, last = person
        actor = Actor(name=_flat(doc[first:end].text), canonical=_flat(doc[name_start:last + 1].text),
                      country=state.actor.country, kind="person", role=title)
        return Match(first, end, actor, None, rank=0)

    def _of_state(self, doc: Doc, state: Match, known: set[int], on: date | None) -> Match | None:
        of = _previous_word(doc, state.start)
        if of >= 0 and doc[of].lower_ == "the":
            of = _previous_word(doc, of)
        last = _previous_word(doc, of) if of >= 0 and doc[of].lower_ == "of" else -1
        if last < 0 or last in known:
            return None
        if person := self._person_ending_at(doc, last):
            first, name_start, _ = person
            actor = Actor(name=_flat(doc[first:state.end].text), canonical=_flat(doc[name_start:last + 1].text),
                          country=state.actor.country, kind="person")
            return Match(first, state.end, actor, None, rank=0)
        office = self._office_ending_at(doc, last + 1)
        if office is None:
            return None
        start, title = office
        return self._office_of(doc, state, title, start, state.end, on)

    def _person_ending_at(self, doc: Doc, last: int) -> tuple[int, int, int] | None:
        """The PERSON entity that ends at token `last`: where it starts, where its name starts
        after its titles ("President Felix Tshisekedi"), and `last`."""
        if last < 0 or doc[last].ent_type_ != "PERSON" or (last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I"):
            return None
        first = last
        while doc[first].ent_iob_ == "I":
            first -= 1
        name = first
        while name <= last and doc[name].lower_ in self.titles:
            name += 1
        return (first, name, last) if name <= last else None

    def _office_of(self, doc: Doc, state: Match, title: str, start: int, end: int, on: date | None) -> Match:
        """An office of a state named without its holder: whoever the dictionary says held it on
        the date ("the Qatari prime minister"), else the office itself."""
        entry = cast(Entry, state.entry)
        actor = self._office_holder(entry, title, on) or Actor(
            name="", canonical=f"{title} of {entry.canonical}", country=entry.country, kind="person", role=title)
        return Match(start, end, dataclasses.replace(actor, name=_flat(doc[start:end].text)), None, rank=0)

    def _office_at(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """The longest office of `stated_offices` that starts at token i: where it ends, its title."""
        for n in range(max(map(len, self.stated_offices), default=0), 0, -1):
            at = _words(doc, i, n)
            if len(at) == n and (title := self.stated_offices.get(tuple(doc[j].lower_ for j in at))):
                return at[-1] + 1, title
        return None

    def _office_ending_at(self, doc: Doc, end: int) -> tuple[int, str] | None:
        """The longest office of `stated_offices` that ends before token `end`: where it starts, its title."""
        for n in range(max(map(len, self.stated_offices), default=0), 0, -1):
            at = _words_before(doc, end, n)
            if len(at) == n and (title := self.stated_offices.get(tuple(doc[j].lower_ for j in at))):
                return at[0], title
        return None

    def bare_office_at(self, doc: Doc, i: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest office of `bare_offices` that starts at token i, hyphens read as spaces
        ("Secretary-General"): where it ends, its words."""
        for office in self.bare_offices:
            at = _words(doc, i, len(office) + 2)
            words = [doc[j].lower_ for j in at]
            end = next((j + 1 for n, j in enumerate(at) if [w for w in words[:n + 1] if w != "-"] == list(office)), None)
            if end is not None:
                return end, office
        return None

    def bare_offices_held(self, role: str) -> list[tuple[str, ...]]:
        """The offices of `bare_offices` a person's role holds: one its titles open with or name after
        "and" ("Crown Prince and Prime Minister of Saudi Arabia" holds two)."""
        role = " ".join(role.replace("-", " ").lower().split())
        return [office for office in self.bare_offices
                if re.search(rf"(?:^|; |and ){re.escape(' '.join(office))}\b", role)]

    def _office_holder(self, state: Entry, title: str, on: date | None) -> Actor | None:
        for entry in self.entries:
            if entry.kind == "person" and entry.country == state.country and on is not None:
                for role in entry.roles:
                    if role.holds_on(on) and (role.title.lower() + " ").startswith(title.lower() + " "):
                        return dataclasses.replace(entry.actor(entry.canonical, on), role=role.title)
        return None

    def body(self, state: Entry, kind: str) -> Entry:
        """A state's body of a kind ("Israel Defense Forces" for Israel's military), else the state."""
        name = dict(state.bodies).get(kind)
        return self._by_canonical[name] if name else state

    def _resolve(self, key: str, name: str, start: int, end: int, on: date | None, cues: _Cues) -> Match:
        what, _, which = key.partition(":")
        if what == "ambiguous":
            state = self.states[cues.country(which)]
            return Match(start, end, state.actor(name, on), state, rank=0)
        if what == "alias":
            entry = self.aliases[which]
            return Match(start, end, entry.actor(name, on), entry, rank=0)
        if what == "office":
            holders = self.offices[which]
            held = [(e, r) for e, r in holders if on and r.holds_on(on)]
            if held:
                entry, role = max(held, key=lambda er: er[1].start or date.min)
                holder = dataclasses.replace(entry.actor(name, on), role=role.title)
                return Match(start, end, holder, entry, rank=0, office=True)
            # No date, or nobody known in office then: the office itself, not a person.
            entry, role = holders[0]
            office = Actor(name=name, canonical=role.title, country=entry.country, kind="person", role=role.title)
            return Match(start, end, office, None, rank=0, office=True)
        canonical, _, kind = which.partition("|")
        state = self.states[cues.country(canonical)] if canonical in self.ambiguous else self._by_canonical[canonical]
        if body_name := dict(state.bodies).get(kind):
            body = self._by_canonical[body_name]
            return Match(start, end, body.actor(name, on), body, rank=1)
        return Match(start, end, state.actor(name, on, kind=cast(ActorKind, kind)), None, rank=1)


class _Matchers:
    """spaCy matchers for one vocabulary: one-token aliases and offices match case-sensitively,
    longer aliases ignore case, and a few Matcher patterns find "<state alias> ['s] <group noun>"."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab):
        tokenize = English().tokenizer  # English tokenizer rules, as in every English pipeline
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.groups = Matcher(vocab)
        self.strings = vocab.strings

        def words(phrase: str) -> tuple[str, ...]:
            return tuple(t.text for t in tokenize(phrase))

        for alias in dictionary.aliases:
            tokens = words(alias)
            matcher = self.exact if len(tokens) == 1 else self.lower
            matcher.add(f"alias:{alias}", [Doc(vocab, words=list(tokens))])
        for name in dictionary.ambiguous:
            self.exact.add(f"ambiguous:{name}", [Doc(vocab, words=list(words(name)))])
        for mention in dictionary.offices:
            self.exact.add(f"office:{mention}", [Doc(vocab, words=list(words(mention)))])

        # One pattern per (kind, length of the state alias, noun shape) rather than per alias,
        # which keeps the Matcher fast; the alias is looked up when a pattern matches.
        self.states: dict[tuple[str, ...], str] = {
            **{words(a): e.canonical for a, e in dictionary.aliases.items() if e.kind == "state"},
            **{words(name): name for name in dictionary.ambiguous},  # resolved by the document's cues
        }
        possessive = {"ORTH": {"IN": sorted(_POSSESSIVES)}, "OP": "?"}
        for kind, nouns in dictionary.group_nouns.items():
            noun_shapes = [[{"LOWER": {"IN": [n for n in nouns if len(words(n)) == 1]}}]]
            noun_shapes += [[{"LOWER": w.lower()} for w in words(n)] for n in nouns if len(words(n)) > 1]
            for length in {len(alias) for alias in self.states}:
                alias_shape = [
                    {"ORTH": {"IN": sorted({alias[i] for alias in self.states if len(alias) == length})}}
                    for i in range(length)
                ]
                self.groups.add(f"group:{kind}:{length}", [[*alias_shape, possessive, *noun] for noun in noun_shapes])

    def __call__(self, doc: Doc) -> Iterator[tuple[str, int, int]]:
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                yield self.strings[match_id], start, end
        for match_id, start, end in self.groups(doc):
            _, kind, length = self.strings[match_id].split(":")
            state = self.states.get(tuple(t.text for t in doc[start:start + int(length)]))
            if state is not None:  # the pattern also admits mixes such as "United Arabia"
                yield f"group:{state}|{kind}", start, end


class _Cues:
    """Which country a shared name means in one document: the one with the most cue words in
    its text, the first listed when none has more (counted once per name, when first needed)."""

    def __init__(self, text: str, ambiguous: dict[str, dict[str, tuple[str, ...]]]):
        self.text = text
        self.ambiguous = ambiguous
        self._chosen: dict[str, str] = {}

    def country(self, name: str) -> str:
        if name not in self._chosen:
            counts = {iso3: sum(len(re.findall(rf"\b{re.escape(cue)}\b", self.text)) for cue in cues)
                      for iso3, cues in self.ambiguous[name].items()}
            self._chosen[name] = max(counts, key=lambda iso3: counts[iso3])  # the first among equals
        return self._chosen[name]


class Credits:
    """Where a text credits who wrote, edited or photographed it, or which agency sent it: such
    names are never actors. Pages and wires print credits in a few set forms, which no library
    recognises, hence these expressions: "Reporting by X; Editing by Y", "Photo: X/AFP",
    "Associated Press writers X and Y contributed to this report", a byline "By X" on a line of
    its own, a dateline "CAIRO, Nov 22 (Reuters) -" or "ISTANBUL | Xinhua |"."""

    def __init__(self, media: Iterable[str] = (), openers: Iterable[str] = (), lines: Iterable[str] = ()):
        self.media = frozenset(media)
        agency = "|".join(sorted(map(re.escape, self.media), key=len, reverse=True)) or "(?!)"
        opener = "|".join(map(re.escape, openers)) or "(?!)"
        line = "|".join(map(re.escape, lines)) or "(?!)"
        self._spans = re.compile(
            rf"(?i:\b(?:{opener}))[^\n)]*"  # to the end of its line or bracket
            rf"|(?:^|(?<=\n))[^\n]*(?i:\b(?:{line})\b)[^\n]*"  # the whole line
            rf"|(?:^|(?<=\n))By\s+(?:[A-Z][\w.'’-]*,?\s*|and\s+){{1,8}}(?:[-–—|][^\n]{{0,40}})?(?=\n|$)"  # a byline
            rf"|(?:^|(?<=\n))[^\n()|]{{0,60}}(?:\(\s*(?:{agency})\s*\)|\|\s*(?:{agency})\s*\|)"  # a dateline
            rf"|(?:[A-Z][\w.'’-]*\s+){{0,4}}[A-Z][\w.'’-]*\s*/\s*(?:{agency})\b")  # a photographer's credit

    def find(self, text: str) -> _Spans:
        return _Spans([m.span() for m in self._spans.finditer(text)])

    def is_media(self, name: str) -> bool:
        """The name is an agency's, or opens with one ("Associated Press journalist")."""
        words = name.removeprefix("The ").removeprefix("the ").split()
        return any(" ".join(words[:n]) in self.media for n in range(1, len(words) + 1))


class _Spans:
    """Character spans in text order, none overlapping: `at in spans` finds one holding `at`."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def __contains__(self, at: int) -> bool:
        i = bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.ends[i]


def world_states(curated: list[Entry]) -> list[Entry]:
    """Every state and territory the curated dictionary leaves out, from countryinfo's data: its
    name, other English names, demonym ("Hungarian", "Hungarians") and, for a country of a million
    people or more, its capital as a metonym ("talks with Moscow"). A name two countries share
    ("Congolese", "Korean") or the curated dictionary already uses is left out, and so is another
    spelling that is a word of another country's name: Iceland's "Island" is a word of
    "Christmas Island", and of "Pacific Island countries"."""
    from countryinfo import all_countries

    taken = {alias for entry in curated for alias in entry.aliases}
    covered = {entry.country for entry in curated if entry.kind == "state"}
    countries = [c.info() for c in all_countries()]
    name_words: dict[str, set[str]] = {}  # a word of a country's name -> the countries it names
    for info in countries:
        for word in (info.get("name") or "").split():
            name_words.setdefault(word, set()).add((info.get("ISO") or {}).get("alpha3"))
    found: dict[str, tuple[str, list[str]]] = {}
    for info in countries:
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or iso3 in covered or not info.get("name"):
            continue
        names = [info["name"], *(n for n in info.get("altSpellings", ()) if _is_english_name(n)
                                 and name_words.get(n, {iso3}) <= {iso3})]
        for demonym in filter(None, (info.get("demonym") or "").split(",")):  # "Bosnian,Herzegovinian"
            names += [demonym, demonym + "s"] if demonym.endswith(("an", "i")) else [demonym]
        if info.get("capital") and (info.get("population") or 0) >= 1_000_000:
            names.append(info["capital"])
        found[iso3] = (info["name"], list(dict.fromkeys(names)))
    counts: dict[str, int] = {}
    for _name, names in found.values():
        for n in names:
            counts[n] = counts.get(n, 0) + 1
    entries = [Entry(canonical=name, country=iso3, kind="state",
                     aliases=tuple(n for n in names if counts[n] == 1 and n not in taken))
               for iso3, (name, names) in sorted(found.items())]
    return [e for e in entries if e.aliases]


def _is_english_name(name: str) -> bool:
    """A Latin-alphabet spelling ("Czechia", "Republic of Albania"), not a code ("HU") or a name
    with diacritics ("Česko"), which English news rarely uses."""
    return name.isascii() and len(name) > 3 and not name.isupper()


def find_mentions(doc: Doc, dictionary: ActorDictionary, on: date | None,
                  voices: Voices = Voices(), sides: Sides | None = None,
                  emergency: tuple[Actor, ...] = ()) -> list[Mention]:
    """Every actor mention in the document, in text order.

    Dictionary matches win over the spaCy entities they overlap ("the United States",
    "Israel’s"), unless the entity adds a name of its own ("Hunter Biden" is not Biden).
    Where the document speaks for states (`voices`), "I" and "we" as subjects are those states:
    "we call for a ceasefire" in a White House statement; not when quoted or reported as another's
    words. In a readout (`sides`), "they" and "the two leaders" are both its sides. In a notice
    on a national emergency, "the national emergency" stands for the states the title says it is
    with respect to (`emergency`, see `readouts.emergency_of_title`). A sentence in
    the document's own voice that names no one of that voice stands in for it by its main verb
    (`_implied_voice`).
    """
    # spaCy's filter_spans keeps the longest span, but a dictionary match must beat a longer
    # entity that only adds a determiner or title, and lose to one that adds a name.
    chosen = _office_and_name(doc, _longest_first(doc, dictionary.matches(doc, on)))
    chosen = [f for f in chosen if not _is_speaker_label(doc[f.start:f.end])]  # "MS. JEAN-PIERRE:"
    chosen += _own_administration(doc, dictionary, on, voices, {i for f in chosen for i in range(f.start, f.end)})
    at_token = {i: f for f in chosen for i in range(f.start, f.end)}
    ents = _possessed_bodies(doc)  # doc.ents is made anew at each access, which costs on a long document
    places = Places(ents, dictionary.regions, {f.actor.country for f in chosen if f.actor.country})
    mentions: list[_TokenMention] = []
    for ent in ents:
        if ent.label_ not in _UNRESOLVED_KINDS:
            continue
        inside = list({id(at_token[t.i]): at_token[t.i] for t in ent if t.i in at_token}.values())
        if inside and not _adds_a_name(ent, inside, dictionary):
            continue
        name = _unresolved_name(ent, dictionary)
        if name is None or ent.label_ == "PERSON" and _calls_on(ent, voices):
            continue
        for f in inside:
            chosen.remove(f)
        kind = _UNRESOLVED_KINDS[ent.label_]
        titled = any(t.lower_ in dictionary.titles for t in ent.doc[ent.start:name.start])  # "President Bush"
        if ent.label_ != "GPE" and not titled and name in places:
            kind = "place"  # "fighting in El Fasher": spaCy's PERSON or ORG, the text's town
        actor = Actor(name=_flat(name.text), canonical=_flat(name.text), country=_state_of(ent, inside), kind=kind)
        mentions.append((name.start, name.end, actor, False))
    mentions += [(f.start, f.end, f.actor, False) for f in chosen]
    text = doc.text
    mentions += [(t.i, t.i + 1, dataclasses.replace(state, name=t.text), not voices.bylined) for t in doc
                 if t.lower_ in _FIRST_PERSON and t.dep_ in ("nsubj", "nsubjpass") and t.i not in at_token
                 and not _in_others_words(t, text)
                 for states in [voices.at(t.idx)] if t.lower_ == "we" or len(states) == 1  # a joint "I" is one of them
                 for state in states]
    mentions += _addressed(doc, voices, {i for start, end, *_ in mentions for i in range(start, end)})
    mentions += _reported_pronouns(doc, mentions, voices.bylined)
    if sides is not None:
        mentions += _sides(doc, sides, {i for start, end, *_ in mentions for i in range(start, end)})
    mentions += _titled_once(doc, mentions, dictionary)
    mentions += _continued_subjects(doc, mentions)
    mentions += _one_before(doc, mentions)
    declared = _national_emergency(doc, emergency, mentions)
    # The emergency names its states, as a name would, for the voice that continues it.
    voiced = _implied_voice(doc, voices, mentions + [(start, end, actor, False) for start, end, actor, _ in declared])
    tagged = [(m, False) for m in mentions + declared] + [(m, True) for m in voiced]
    found = [
        Mention(actor=actor, start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]), stand_in=stand_in,
                implied=implied)
        for (start, end, actor, stand_in), implied in sorted(tagged, key=lambda m: m[0][0])
    ]
    credits = dictionary.credits.find(doc.text)
    return _stated_countries([m for m in found if m.start not in credits])


def _possessed_bodies(doc: Doc) -> list[Span]:
    """The document's entities, a state's body named with its possessive ("Ukraine's Office of the
    Prosecutor General", a GPE, "'s" and an ORG) joined into the one organisation it names, so that
    `_state_of` gives it that state: spaCy's NER cuts it in two."""
    ents = list(doc.ents)
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if (ent.label_ == "ORG" and last is not None and last.label_ == "GPE" and ent.start == last.end + 1
                and doc[last.end].text in _POSSESSIVES):
            joined[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    return joined


def _state_of(ent: Span, inside: list[Match]) -> str | None:
    """The country of an organisation the dictionary does not know, when its name holds one state's
    ("Government of Iraq", "U.S. International Development Finance Corporation", "Ukraine's Office
    of the Prosecutor General"); none for two ("U.S.-Japan Council") or for another kind of name."""
    countries = {f.actor.country for f in inside}
    return countries.pop() if ent.label_ == "ORG" and len(countries) == 1 else None


def _calls_on(ent: Span, voices: Voices) -> bool:
    """Whether a lone name opens a sentence of a reporter's turn, followed by a comma: "John, the
    President … have both said" calls on the briefer and is no actor (eval/GUIDE.md; audit 52
    coded "John" as the source of an AID). Only names the dictionary does not know come here.
    None of the train/dev gold's reporters' lines codes such a name."""
    doc = ent.doc
    if len(ent) != 1 or ent.end >= len(doc) or doc[ent.end].text != "," or not voices.asks(ent.start_char):
        return False
    start, end = voices.label(ent.start_char) or (0, 0)
    return all(t.is_space or start <= t.idx < end for t in doc[ent.sent.start:ent.start])  # "Q    John,"


def _own_administration(doc: Doc, dictionary: ActorDictionary, on: date | None, voices: Voices,
                        taken: set[int]) -> list[Match]:
    """"the administration", "this Administration", "my Administration": in a text that speaks for one
    state (`voices`), that state's government; a named one ("the Biden administration") is the
    dictionary's, another ("the previous administration", "the administration of Gaza") no one's."""
    if len(voices.document) != 1 or (state := dictionary.states.get(voices.document[0].country)) is None:
        return []
    body = dictionary.body(state, "government")
    return [Match(t.i, t.i + 1, body.actor(t.text, on, kind="government" if body is state else None), body, rank=0)
            for t in doc if t.lower_ == "administration" and t.i not in taken
            and [c.lower_ for c in t.lefts if not c.is_space] in (["the"], ["this"], ["my"], ["our"])
            and not ((n := _next_word(doc, t.i + 1)) < len(doc) and doc[n].lower_ == "of")]


def _stated_countries(mentions: list[Mention]) -> list[Mention]:
    """A person whose country the document states once ("Lebanese Foreign Minister Abdallah Bou
    Habib") keeps it when named again without it ("Bou Habib said"), in that document only."""
    stated = {m.actor.canonical: m.actor for m in mentions if m.actor.kind == "person" and m.actor.country}
    by_name: dict[str, Actor] = {}
    for actor in stated.values():
        words = actor.canonical.split()
        for n in range(1, len(words) + 1):
            by_name.setdefault(" ".join(words[-n:]), actor)
    return [dataclasses.replace(m, actor=dataclasses.replace(by_name[m.actor.canonical], name=m.actor.name))
            if m.actor.kind == "person" and m.actor.country is None and m.actor.canonical in by_name else m
            for m in mentions]


def _addressed(doc: Doc, voices: Voices, taken: set[int]) -> list[_TokenMention]:
    """"you", "your" and a form of address ("Mr. President", "Madam Vice President", "Your
    Majesty") as whom the speaker addresses (`Voices.addressee`): stand-ins, read without the
    parse. Not "you know", "you see" or "you all", said to the room."""
    text = doc.text
    found = []
    for token in doc:
        end = token.i
        if token.lower_ in _ADDRESS:
            end = token.i + 1
            while end < len(doc) and doc[end].text in _ADDRESS_TITLES:
                end += 1
            end = end if end > token.i + 1 else token.i  # "Mr. Kirby", "your support": no form of address
        if end == token.i:
            after = _next_word(doc, token.i + 1)
            if token.lower_ not in _SECOND_PERSON or after < len(doc) and doc[after].lower_ in _TO_THE_ROOM:
                continue
            end = token.i + 1
        if (taken.intersection(range(token.i, end)) or not (states := voices.addressee(token.idx))
                or _in_others_words(token, text)):
            continue
        found += [(token.i, end, dataclasses.replace(state, name=_flat(doc[token.i:end].text)), True)
                  for state in states]
    return found


def _reported_pronouns(doc: Doc, mentions: list[_TokenMention], bylined: bool) -> list[_TokenMention]:
    """"Iraq said it would allow ...", "Hamas announced they had ...", "Netanyahu said we will ...":
    the subject pronoun of a reported clause is the reporter, when the reporter is an actor. No general coreference:
    only this pattern, which news uses for most statements of intent. A first person stands in
    (Mention.stand_in) unless the text is `bylined`."""
    at = {i: actor for start, end, actor, _ in mentions for i in range(start, end)}
    found = []
    for pronoun in doc:
        clause = pronoun.head
        if (pronoun.lower_ not in _THIRD_PERSON | _FIRST_PERSON or pronoun.i in at
                or pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp"):
            continue
        if clause.head.lemma_.lower() not in _REPORTING:
            continue
        reporters = [c for c in clause.head.children if c.dep_ == "nsubj"]
        actors = [at[t.i] for r in reporters for t in r.subtree if t.i in at]
        if actors:
            found.append((pronoun.i, pronoun.i + 1, dataclasses.replace(actors[0], name=pronoun.text),
                          pronoun.lower_ in _FIRST_PERSON and not bylined))
    return found


def _continued_subjects(doc: Doc, mentions: list[_TokenMention]) -> list[_TokenMention]:
    """"Pyle commended the Government of Ukraine. He noted …", "Ukrainians won the battles for
    Kyiv. They retook …": a sentence that opens with "he", "she" or "they", or whose main verb has
    one as its subject after an opening phrase ("In Israel, he will …"), goes on about the actor
    that opened the sentence before, in its paragraph (its first mention after no preposition):
    a person for "he" and "she", any other kind for "they"; never the speaker's "I" or "we". No general coreference (no model here does
    it well enough): only this pattern, whose pronoun is read in no other way. A stand-in. Read
    without the parse, which the sentence before may lack; where it has one, the actor must be
    in its subject ("These actions undermine Israel's security. They also …" is no one's).
    Where that subject is the speaker or a person, "they" is the one people the sentence before
    names ("We have witnessed the Venezuelan people’s courage … They overcome daily adversity",
    `_peoples`)."""
    text = doc.text  # rebuilt by spaCy at each access
    taken = {i for start, end, *_ in mentions for i in range(start, end)}
    firsts: dict[int, _TokenMention] = {}  # a sentence's first mention, by the sentence's start
    subjects = {sent.start: _subject_edges(sent) for sent in doc.sents}  # once a sentence: it may be long
    starts = list(subjects)  # Token.sent walks its whole sentence
    for m in sorted(mentions, key=lambda m: m[0]):
        before = _previous_word(doc, m[0])
        if before >= 0 and doc[before].lower_ in _DETERMINERS:
            before = _previous_word(doc, before)
        start = starts[bisect.bisect_right(starts, m[0]) - 1]
        if (start not in firsts and (before < 0 or doc[before].lower_ not in _PREPOSITIONS)
                and (subjects[start] is None or any(first <= m[0] <= last for first, last in subjects[start]))):
            firsts[start] = m  # not "Today at the White House, …"
    peoples = _peoples(doc, mentions, starts)
    found: list[_TokenMention] = []
    before: Span | None = None
    for sent in doc.sents:
        opener = next((t for t in sent if not (t.is_space or t.is_punct) and t.lower_ not in _LINKS), None)
        if opener is None:
            continue
        subject = opener if opener.lower_ in _CONTINUING else _subject_pronoun(sent)
        antecedent = firsts.get(before.start) if before is not None else None
        if (before is not None and subject is not None and subject.lower_ == "they" and len(
                named := peoples.get(before.start, {})) == 1 and (antecedent is None or first_person(
                antecedent[2]) or antecedent[2].kind == "person")):
            antecedent = next(iter(named.values()))
        if (antecedent is not None and subject is not None and subject.i not in taken
                and "\n\n" not in text[before.start_char:subject.idx]
                and (antecedent[2].kind == "person") == (subject.lower_ != "they")
                and not first_person(antecedent[2]) and antecedent[2].name.split()[0].lower() not in _ADDRESS):
            firsts[sent.start] = (subject.i, subject.i + 1, antecedent[2], True)
            found.append((subject.i, subject.i + 1, dataclasses.replace(antecedent[2], name=subject.text), True))
        before = sent
    return found


def _one_before(doc: Doc, mentions: list[_TokenMention]) -> list[_TokenMention]:
    """A subject "he", "she" or "they" anywhere in a sentence, which `_continued_subjects` (the
    sentence's opening subject) leaves ("When he invaded Ukraine, he …", "He withheld arms, and
    he used the world stage …"), is the one actor of its kind the sentence before names in the
    subject of its main verb, in its paragraph: the one person for "he" and "she", the one other
    actor for "they" (a state, a group, an organisation). Not where that sentence names two of the
    kind or none, nor the speaker's "I" and "we", whom one addresses ("you"), or a place; not an
    actor out of that subject ("These settlements undermine Israel's security. They …").
    Stand-ins."""
    text = doc.text  # rebuilt by spaCy at each access
    taken = {i for start, end, *_ in mentions for i in range(start, end)}
    ordered = sorted(mentions, key=lambda m: m[0])
    starts = [m[0] for m in ordered]
    found: list[_TokenMention] = []
    before: Span | None = None
    for sent in doc.sents:
        if before is not None and "\n\n" not in text[before.start_char:sent.start_char]:
            named: dict[bool, dict[str, Actor]] = {True: {}, False: {}}
            subjects = _subject_edges(before)
            in_subject: set[str] = set()
            for start, _, actor, _ in ordered[bisect.bisect_left(starts, before.start):
                                              bisect.bisect_left(starts, before.end)]:
                if (actor.kind != "place" and not first_person(actor)
                        and doc[start].lower_ not in _SECOND_PERSON | _ADDRESS | _CONTINUING | _THIRD_PERSON):
                    named[actor.kind == "person"].setdefault(actor.canonical, actor)
                    if subjects is None or any(first <= start <= last for first, last in subjects):
                        in_subject.add(actor.canonical)
            for token in sent:
                if (token.i in taken or token.dep_ not in ("nsubj", "nsubjpass")
                        or token.lower_ not in _CONTINUING):
                    continue
                one = named[token.lower_ != "they"]
                if len(one) == 1 and set(one) <= in_subject:
                    found.append((token.i, token.i + 1, dataclasses.replace(next(iter(one.values())), name=token.text),
                                  True))
        before = sent
    return found


def _titled_once(doc: Doc, mentions: list[_TokenMention], dictionary: ActorDictionary) -> list[_TokenMention]:
    """"the Prime Minister", "the Secretary General" without a name, in a document that names one
    person of that office and no other ("After Prime Minister Netanyahu took office last
    December, President Biden shunned him. He withheld from the Prime Minister the traditional
    invitation …", "Secretary General Stoltenberg noted … Mr. Sullivan and the Secretary General
    discussed …"): that person, whose role (`Actor.role`) holds the office (the dictionary's
    `bare_offices`). Stand-ins. Not "the Prime Minister of Japan", another's; "the President" is the
    dictionary's (see its header)."""
    holders: dict[tuple[str, ...], set[str]] = {}
    actors: dict[str, Actor] = {}
    for _, _, actor, stand_in in mentions:
        if actor.kind != "person" or not actor.role or stand_in:
            continue
        for office in dictionary.bare_offices_held(actor.role):
            holders.setdefault(office, set()).add(actor.canonical)
            actors[actor.canonical] = actor
    if not holders:
        return []
    taken = {i for start, end, *_ in mentions for i in range(start, end)}
    found: list[_TokenMention] = []
    for token in doc:
        if token.lower_ != "the" or (bare := dictionary.bare_office_at(doc, token.i + 1)) is None:
            continue
        end, office = bare
        named = holders.get(office, set())
        if (len(named) != 1 or taken & set(range(token.i, end))
                or (_next_word(doc, end) < len(doc) and doc[_next_word(doc, end)].lower_ == "of")):
            continue
        actor = actors[next(iter(named))]
        found.append((token.i, end, dataclasses.replace(actor, name=_flat(doc[token.i:end].text)), True))
    return found


def _peoples(doc: Doc, mentions: list[_TokenMention], starts: list[int]) -> dict[int, dict[str, _TokenMention]]:
    """The states whose people each sentence names, by the sentence's start: "the people of
    Ukraine", "Ukraine's people", "the Venezuelan people" (not a stand-in's)."""
    found: dict[int, dict[str, _TokenMention]] = {}
    named_end = -1  # where the last people named ends: "the people of Lebanon and Syria" are two
    for m in sorted(mentions, key=lambda m: m[0]):
        if m[2].kind != "state" or m[3]:
            continue
        joined = _previous_word(doc, m[0])
        if joined >= 0 and doc[joined].lower_ in ("and", ",") and _previous_word(doc, joined) == named_end - 1:
            found.setdefault(starts[bisect.bisect_right(starts, m[0]) - 1], {}).setdefault(m[2].canonical, m)
            named_end = m[1]
            continue
        after = _next_word(doc, m[1])
        if after < len(doc) and doc[after].text in _POSSESSIVES:
            after = _next_word(doc, after + 1)
        of = _previous_word(doc, m[0])
        if of >= 0 and doc[of].lower_ == "the":
            of = _previous_word(doc, of)
        if (after < len(doc) and doc[after].lower_ == "people") or (
                of > 0 and doc[of].lower_ == "of" and doc[_previous_word(doc, of)].lower_ == "people"):
            found.setdefault(starts[bisect.bisect_right(starts, m[0]) - 1], {}).setdefault(m[2].canonical, m)
            named_end = m[1]
    return found


def _subject_pronoun(sent: Span) -> Token | None:
    """The main verb's subject when it is "he", "she" or "they" after an opening phrase ("In
    Israel, he will discuss …", "For two years, they have repelled …"); None where not parsed."""
    return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _CONTINUING),
                None)


def _subject_edges(sent: Span) -> list[tuple[int, int]] | None:
    """The first and last token of each subject of the sentence's main verb: where a mention may
    be in the subject. None (anywhere) where the sentence is not parsed or the parser found no subject."""
    if not sent.root.dep_:
        return None
    return [(c.left_edge.i, c.right_edge.i) for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")] or None


def _sides(doc: Doc, sides: Sides, taken: set[int]) -> list[_TokenMention]:
    """A readout's subjects that stand for all its sides, and its one counterpart's title ("the
    Prime Minister"), where no other mention is: stand-ins all, named only by the title."""
    found = []
    for token in doc:
        if token.i in taken:
            continue
        found += [(token.i, token.i + 1, dataclasses.replace(side, name=token.text), True)
                  for side in sides.of_subject(token)]
        end = sides.counterpart_at(doc, token.i)
        if end > token.i and not taken & set(range(token.i, end)):
            found.append((token.i, end, dataclasses.replace(sides.counterparts[0], name=_flat(doc[token.i:end].text)),
                          True))
    return found


def _national_emergency(doc: Doc, states: tuple[Actor, ...], mentions: list[_TokenMention]) -> list[_TokenMention]:
    """"the national emergency declared in Executive Order 13405", "this continuing national
    emergency": in a notice, message or letter on an emergency its title says is with respect to
    some states (`readouts.emergency_of_title`), those states, which its sentences rarely name
    again. Stand-ins, named only by the words, and only in a sentence that names another actor
    ("I am continuing …", "the President signed …"): alone, the emergency would be read as the
    doer of its own continuing ("For this reason, the national emergency … must continue in
    effect"). Not "a national emergency", which any may be ("the automatic termination of a
    national emergency unless …")."""
    found: list[_TokenMention] = []
    if not states:
        return found
    own = {state.canonical for state in states}
    taken = {i for start, end, *_ in mentions for i in range(start, end)}
    others = sorted(start for start, _, actor, _ in mentions if actor.canonical not in own)
    sents = list(doc.sents)  # only in such a notice, a short text
    starts = [sent.start for sent in sents]
    for token in doc:
        if token.lower_ != "national" or token.i in taken:
            continue
        sent = sents[bisect.bisect_right(starts, token.i) - 1]
        if bisect.bisect_left(others, sent.start) == bisect.bisect_left(others, sent.end):
            continue
        end = _next_word(doc, token.i + 1)
        if end >= len(doc) or doc[end].lower_ != "emergency":
            continue
        before = _words_before(doc, token.i, 2)
        if not any(doc[i].lower_ in ("the", "this", "that") and all(doc[j].is_lower and doc[j].is_alpha
                                                                    for j in before[before.index(i) + 1:])
                   for i in before):
            continue
        found += [(token.i, end + 1, dataclasses.replace(state, name=_flat(doc[token.i:end + 1].text)), True)
                  for state in states]
    return found


def _implied_voice(doc: Doc, voices: Voices, mentions: list[_TokenMention]) -> list[_TokenMention]:
    """A sentence in the document's own voice that names its speaker nowhere says what the voice
    says: "Russia should release Evan and Paul Whelan immediately.", "This launch is a brazen
    violation of multiple UN Security Council resolutions" in White House texts are the United
    States' demand and accusation. Its main verb stands in for the voice as a "we" subject would,
    where the sentence names another actor (whom the speaker's words may be about), none of the
    voice's own and no one by a pronoun or title standing in ("you", "he"), and is not quoted or
    another's report ("Hamas said …"); which events it may be the source of is the coders' to say
    (`Mention.implied`). Parsed sentences only."""
    text = doc.text  # rebuilt by spaCy at each access
    ordered = sorted(mentions, key=lambda m: m[0])
    starts = [m[0] for m in ordered]  # bisected: a briefing has hundreds of sentences and mentions
    found: list[_TokenMention] = []
    for sent in doc.sents:
        root = sent.root
        states = voices.at(root.idx) if root.dep_ == "ROOT" and root.pos_ in ("VERB", "AUX") else ()
        if not states or root.lemma_.lower() in _REPORTING or _in_others_words(root, text):
            continue
        here = ordered[bisect.bisect_left(starts, sent.start):bisect.bisect_left(starts, sent.end)]
        names, countries = {s.canonical for s in states}, {s.country for s in states}
        # The voice named already ("we", "The President"), or another who may speak ("you", "he").
        if here and not any(stand_in or actor.canonical in names or actor.country in countries
                            for _, _, actor, stand_in in here):
            found += [(root.i, root.i + 1, dataclasses.replace(state, name="we"), True) for state in states]
    return found


def _in_others_words(pronoun: Token, text: str) -> bool:
    """Whether a first-person pronoun is someone else's words: inside quotation marks opened in
    its paragraph ("Netanyahu said: “we will …”"), or the subject of a clause that another
    reports ("Netanyahu said we will …"; not "I said we will", "let me say we will"). `text` is
    the document's (which spaCy rebuilds at each `doc.text`)."""
    before = text[max(text.rfind("\n\n", 0, pronoun.idx), 0):pronoun.idx]
    if before.count("“") > before.count("”") or before.count('"') % 2:
        return True
    clause = pronoun.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _REPORTING and any(
        c.dep_ == "nsubj" and c.lower_ not in _FIRST_PERSON | _FIRST_PERSON_OBJECTS for c in clause.head.children)


def may_hold_a_pronoun(nlp: Language) -> Callable[[bool, frozenset[str]], bool]:
    """Whether a sentence, by whether its document may speak for a state
    (`voices.may_speak_for_a_state`) and the sentence's lowercase words, may hold a pronoun
    `find_mentions` reads from the parse: "we", "I" or "the administration" then; "it" or "they"
    beside a form of a reporting verb."""
    lemmas_of = lemmatizer(nlp)

    def cue(speaks: bool, words: frozenset[str]) -> bool:
        return bool(words & (_FIRST_PERSON | {"administration"}) and speaks) or bool(
            words & _THIRD_PERSON and not _REPORTING.isdisjoint(lemmas_of(words)))
    return cue


def distinct_actors(mentions: list[Mention]) -> tuple[Actor, ...]:
    """One actor per canonical name and kind ("Egypt" the state, "Egypt" its mediators), under
    the first name the text gives it ("U.S.", not an earlier "we", "you", "Mr. President", a
    readout's "leaders" or a notice's "national emergency"). Read
    from the words, not Mention.stand_in: a bylined "we" stands in for no one, yet is no name."""
    seen: dict[tuple[str, str], Actor] = {}
    stand_ins = _FIRST_PERSON | _SECOND_PERSON | _THIRD_PERSON | STAND_INS
    for mention in sorted(mentions, key=lambda m: m.actor.name.lower() in stand_ins or m.stand_in
                          and (m.actor.name.split()[0].lower() in _ADDRESS  # "Mr. President"
                               or m.actor.name.islower())):  # "national emergency"
        seen.setdefault((mention.actor.canonical, mention.actor.kind), mention.actor)
    return tuple(seen.values())


# The first person speaking as the document's author; "us" and "our" name no doer.
_FIRST_PERSON = frozenset({"i", "we"})
# The speaker reporting as an object: "let me say, I have been clear" (spaCy's subject of "say").
_FIRST_PERSON_OBJECTS = frozenset({"me", "us"})
_THIRD_PERSON = frozenset({"it", "they"})
# The second person, forms of address and their titles (`_addressed`), and the words after "you"
# that make it the room's ("you know", "as you all know").
_SECOND_PERSON = frozenset({"you", "your"})
_ADDRESS = frozenset({"mr.", "mr", "madam", "madame", "your"})
_ADDRESS_TITLES = frozenset({"President", "Vice", "Prime", "Minister", "Chancellor", "Majesty", "Highness",
                             "Excellency", "Secretary", "Premier", "Taoiseach"})
_TO_THE_ROOM = frozenset({"know", "see", "all", "guys", "mind"})
_REPORTING = frozenset({"say", "announce", "state", "declare", "tell", "add", "insist", "confirm", "warn",
                        "indicate", "report", "claim", "assert", "reiterate"})
# Subject pronouns that open a sentence going on about the actor that opened the one before
# (`_continued_subjects`), and the words that may come first.
_CONTINUING = frozenset({"he", "she", "they"})
_LINKS = frozenset({"and", "but", "so", "then", "now", "also"})
# A mention right after one of these is no sentence's topic ("Today at the White House, …").
_PREPOSITIONS = frozenset({"at", "in", "on", "from", "to", "with", "by", "for", "of", "into", "against", "after",
                           "before", "during", "between", "under", "over", "across", "about", "through", "toward",
                           "towards", "within", "without", "among", "since", "until", "like", "near"})
# A mention as found: its first and end token, its actor, whether it stands in (Mention.stand_in).
_TokenMention = tuple[int, int, Actor, bool]


def first_person(actor: Actor) -> bool:
    """Whether a mention's actor is named only as the speaker's "I" or "we"."""
    return actor.name.lower() in _FIRST_PERSON


def _longest_first(doc: Doc, found: list[Match]) -> list[Match]:
    """Non-overlapping matches: the longest wins, then the better rank, then the earliest.
    Overlapping matches of one entry join ("Israeli Prime Minister" + "Prime Minister
    Benjamin Netanyahu")."""
    owner: dict[int, Match] = {}  # token index -> the chosen match covering it
    for f in sorted(found, key=lambda f: (f.start - f.end, f.rank, f.start)):
        overlaps = {id(owner[i]): owner[i] for i in range(f.start, f.end) if i in owner}
        if not overlaps:
            owner.update(dict.fromkeys(range(f.start, f.end), f))
        elif len(overlaps) == 1 and f.entry is not None and (c := next(iter(overlaps.values()))).entry is f.entry:
            start, end = min(c.start, f.start), max(c.end, f.end)
            joined = dataclasses.replace(c, start=start, end=end,
                                         actor=dataclasses.replace(c.actor, name=_flat(doc[start:end].text)))
            owner.update(dict.fromkeys(range(start, end), joined))
    return sorted({id(m): m for m in owner.values()}.values(), key=lambda m: m.start)


def _office_and_name(doc: Doc, chosen: list[Match]) -> list[Match]:
    """An office right before a name is that person's title: "Secretary of State Antony
    Blinken" is one mention, and "National Security Advisor Tzachi Hanegbi" is not Sullivan."""
    starts = {f.start: f for f in chosen}
    kept: list[Match] = []
    for f in chosen:
        last = kept[-1] if kept else None
        if last and last.office and _next_word(doc, last.end) == f.start and f.actor.kind == "person":
            if last.entry is f.entry:
                actor = dataclasses.replace(last.actor, name=_flat(doc[last.start:f.end].text))
                kept[-1] = Match(last.start, f.end, actor, f.entry, last.rank, office=True)
                continue
            kept.pop()  # someone else's title
        kept.append(f)
    return [
        f for f in kept
        if not (f.office and (_starts_a_person(doc, _next_word(doc, f.end), starts)
                              or _of_another_state(doc, f, starts)))
    ]


def _of_another_state(doc: Doc, office: Match, starts: dict[int, Match]) -> bool:
    """Whether an office is named as another state's: "the President of Kenya" is Kenya's
    president, not the one the document's "the President" stands for (Kenya is its own mention)."""
    of = _next_word(doc, office.end)
    if of >= len(doc) or doc[of].lower_ != "of":
        return False
    state = _next_word(doc, of + 1)
    if state < len(doc) and doc[state].lower_ == "the":
        state = _next_word(doc, state + 1)
    named = starts.get(state)
    return named is not None and named.actor.kind == "state" and named.actor.country != office.actor.country


def _next_word(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _previous_word(doc: Doc, i: int) -> int:
    """The index of the last token before i that is not whitespace; -1 if none."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _words_before(doc: Doc, end: int, n: int) -> list[int]:
    """The indexes of the last n tokens before `end` that are not whitespace, in text order."""
    found: list[int] = []
    i = _previous_word(doc, end)
    while i >= 0 and len(found) < n:
        found.insert(0, i)
        i = _previous_word(doc, i)
    return found


def _words(doc: Doc, i: int, n: int) -> list[int]:
    """The indexes of the next n tokens from i that are not whitespace (fewer at the end)."""
    found: list[int] = []
    while i < len(doc) and len(found) < n:
        if not doc[i].is_space:
            found.append(i)
        i += 1
    return found


def _person_after(doc: Doc, i: int) -> Span | None:
    """The name of the PERSON entity at the next word from token i, without a trailing
    possessive ("Russian negotiator Vladimir Medinsky's"); None if none starts there. After an
    office, a name is a person's even when a town bears it."""
    start = _next_word(doc, i)
    if start >= len(doc) or doc[start].ent_type_ != "PERSON" or not doc[start].text[:1].isupper():
        return None
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in _POSSESSIVES or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _starts_a_person(doc: Doc, i: int, starts: dict[int, Match]) -> bool:
    """Whether a name the dictionary does not know starts at token i."""
    return i < len(doc) and i not in starts and doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "PERSON"


def _adds_a_name(ent: Span, inside: list[Match], dictionary: ActorDictionary) -> bool:
    """Whether a spaCy entity holds the dictionary matches it overlaps plus a name of its own."""
    if any(f.start < ent.start or f.end > ent.end for f in inside):
        return False
    covered = {i for f in inside for i in range(f.start, f.end)}
    return any(t.i not in covered and _is_content(t, dictionary) for t in ent)


def _is_content(token: Token, dictionary: ActorDictionary) -> bool:
    return not (
        token.is_space or token.is_punct or token.is_stop
        or token.lower_ in _DETERMINERS or token.text in _POSSESSIVES or token.lower_ in dictionary.titles
    )


def _unresolved_name(ent: Span, dictionary: ActorDictionary) -> Span | None:
    """The entity without its determiner, possessive and (for people) titles; None if it is not a name."""
    start, end = ent.start, ent.end
    doc = ent.doc

    def droppable_head(t: Token) -> bool:
        return t.is_space or t.is_punct or t.lower_ in _DETERMINERS or (
            ent.label_ == "PERSON" and t.lower_ in dictionary.titles)

    while start < end and droppable_head(doc[start]):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].text in _POSSESSIVES):
        end -= 1
    name = doc[start:end]
    text = _flat(name.text)
    if (
        not name
        or all(t.lower_ in dictionary.titles for t in name)  # "Q", "Admiral", "MR"
        or text in dictionary.not_actors
        or dictionary.credits.is_media(text)
        or text in dictionary.offices  # a title spaCy took for a name: "National Security Advisor"
        or sum(c.isalpha() for c in text) < 2
        or any(c.isdigit() for c in text)  # dates, numbers, "2023 Human Rights Campaign"
        or any(c in "[](){}<>/\\|@#*=_:" for c in text)  # markup and links, not names
        or not text[0].isupper()  # "n’t", "democratic", "pro-Hamas": not a name
        or (len(name) == 1 and name[0].is_stop)  # "Ours"
        or _is_speaker_label(name)
    ):
        return None
    return name


_LABEL_TAIL = 8  # tokens a speaker label may run on past a name: "ADMIRAL JOHN KIRBY, NSC SPOKESMAN:"


def _is_speaker_label(name: Span) -> bool:
    """Transcripts name speakers in capitals before a colon: "MR. KIRBY:", "SENIOR ADMINISTRATION OFFICIAL:".
    The colon is looked for a few tokens on only: a text all in capitals ("U.S. U.S. …") would
    otherwise be rescanned to its end from each name in it, time quadratic in its length."""
    if not name.text.isupper():
        return False
    for token in name.doc[name.end:name.end + _LABEL_TAIL]:
        if token.text == ":":
            return True
        if not (token.is_upper or token.is_punct) or "\n" in token.text:
            return False
    return False


def _flat(text: str) -> str:
    """A name as written, without the line breaks of wrapped text."""
    return " ".join(text.split())


def _apostrophe_variants(phrase: str) -> list[str]:
    return [phrase, phrase.replace("'", "’")] if "'" in phrase else [phrase]


def _office_variants(mention: str) -> list[str]:
    """"the President" also opens a sentence as "The President"."""
    variants = _apostrophe_variants(mention)
    return variants + [v[0].upper() + v[1:] for v in variants if v[0].islower()]


def _entry(item: dict) -> Entry:
    if item["kind"] not in _KINDS:
        raise ValueError(f"{item['canonical']}: unknown kind {item['kind']!r}")
    roles = tuple(
        Role(title=r["title"], start=r.get("start"), end=r.get("end"), mentions=tuple(r.get("mentions", ())))
        for r in item.get("roles", ())
    )
    for role in roles:
        if not all(d is None or isinstance(d, date) for d in (role.start, role.end)):
            raise ValueError(f"{item['canonical']}: role dates must be TOML dates (2024-01-31), not strings")
    return Entry(
        canonical=item["canonical"],
        country=item.get("country"),
        kind=item["kind"],
        aliases=tuple(item.get("aliases", ())),
        roles=roles,
        bodies=tuple(item.get("bodies", {}).items()),
    )
