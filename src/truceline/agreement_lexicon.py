"""The agreement lexicon: the curated words of `data/agreements.toml`, read once, in the forms
the agreements package looks them up in."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.lang.en import English
from spacy.tokens import Token

from truceline import clauses, numerals


class _Phrases:
    """Phrases of one or more words, found by hand rather than with spaCy's PhraseMatcher so one
    lookup serves both lowercase word forms and lemmas, which PhraseMatcher cannot match without
    a pipeline to lemmatize the patterns."""

    def __init__(self, phrases: dict[str, str]):
        tokenize = English().tokenizer
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, value in phrases.items():
            words = tuple(t.lower_ for t in tokenize(phrase))
            self.by_first.setdefault(words[0], []).append((words, value))
        for options in self.by_first.values():
            options.sort(key=lambda option: -len(option[0]))  # the longest phrase wins

    def may_occur(self, words: frozenset[str]) -> bool:
        """Whether a phrase may be among these lowercase words: its first word is."""
        return not self.by_first.keys().isdisjoint(words)

    def find(self, tokens: Sequence[Token], lemma: bool) -> Iterator[tuple[int, int, str]]:
        """(start, end, value) of each phrase, as token offsets into `tokens`, without overlaps."""
        words = [(t.lemma_ if lemma else t.text).lower() for t in tokens]
        i = 0
        while i < len(words):
            for phrase, value in self.by_first.get(words[i], ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    yield i, i + len(phrase), value
                    i += len(phrase) - 1
                    break
            i += 1


@dataclass(frozen=True)
class Lexicon:
    """The curated words of `data/agreements.toml` (its comments say what each list is for)."""

    kinds: _Phrases
    generic: frozenset[str]
    topic: frozenset[str]
    strict: frozenset[str]
    strict_topic: frozenset[str]
    sentence_topic: frozenset[str]
    name_topic: frozenset[str]
    named_nouns: frozenset[str]
    named_only: frozenset[str]
    countable: frozenset[str]  # "a just and lasting peace"
    life: frozenset[str]
    other_deals: _Phrases
    other_phrases: _Phrases
    idioms: _Phrases
    cues: _Phrases  # phrase -> status, or "existing"
    subject_only: frozenset[str]
    demanded: frozenset[str]
    demanded_now: frozenset[str]  # "Ceasefire now!"
    open_ended: re.Pattern[str]  # "a lasting ceasefire": asked for with no end
    scopes: dict[str, str]  # word -> "partial" or "complete"
    nearing: frozenset[str]
    existence: frozenset[str]  # cues that say only that it exists
    kept: frozenset[str]  # cues of keeping it, which negated say it was broken
    content: frozenset[str]  # verbs by which it states its content
    portions: frozenset[str]  # parts of it: "90 percent of this deal"
    ended: frozenset[str]  # a cue's complement that ends it: "declared the truce over"
    hedges: dict[str, frozenset[str]]
    sides: frozenset[str]
    affiliation: dict[str, str]
    proposer: frozenset[str]
    mediator: frozenset[str]
    credit: frozenset[str]
    speaker_brokers: frozenset[str]
    striving: frozenset[str]  # "trying to get a deal"
    backing: frozenset[str]
    place_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    asked: frozenset[str]
    between: frozenset[str]
    accepts: frozenset[str]
    bridging: frozenset[str]
    talks: frozenset[str]
    replies: frozenset[str]
    effect: frozenset[str]
    not_duration: frozenset[str]
    not_duration_after: frozenset[str]
    age: frozenset[str]
    lasting: frozenset[str]
    measures: frozenset[str]
    ordinals: dict[str, int]
    terms: dict[str, re.Pattern[str]]
    phase: re.Pattern[str]

    @classmethod
    def load(cls, data: dict) -> Lexicon:
        cues = {phrase: status for status, phrases in data["status"].items() for phrase in phrases}
        cues.update(dict.fromkeys(data["readings"]["existing"], "existing"))
        cues.update(dict.fromkeys(data["readings"]["content"], "existing"))
        cues.update(dict.fromkeys(data["readings"]["standing"], "standing"))
        numbers = clauses.words().numbers
        roles = data["roles"]
        naming = data["naming"]
        ordinals = data["ordinals"]
        number = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
        ordinal = "|".join(sorted(map(re.escape, ordinals), key=len, reverse=True))
        return cls(
            kinds=_Phrases({p: kind for kind, phrases in data["kinds"].items() for p in phrases}),
            generic=frozenset(naming["generic"]),
            topic=frozenset(naming["topic"]),
            strict=frozenset(naming["strict"]),
            strict_topic=frozenset(naming["strict_topic"]),
            sentence_topic=frozenset(naming["sentence_topic"]),
            name_topic=frozenset(naming["name_topic"]),
            named_nouns=frozenset(naming["named_nouns"]),
            named_only=frozenset(naming["named_only"]),
            countable=frozenset(naming["countable"]),
            life=frozenset(naming["life"]),
            other_deals=_Phrases(dict.fromkeys(naming["other_deals"], "other")),
            other_phrases=_Phrases(dict.fromkeys(naming["other_deals"] + naming["other_phrases"], "other")),
            idioms=_Phrases(dict.fromkeys(naming["idioms"], "idiom")),
            cues=_Phrases(cues),
            subject_only=frozenset(data["readings"]["subject_only"] + data["readings"]["content"]),
            demanded=frozenset(data["readings"]["demanded"]),
            demanded_now=frozenset(data["readings"]["demanded_now"]),
            open_ended=re.compile(rf"\b(?:{'|'.join(map(re.escape, data['open_ended']['adjectives']))})\s+"
                                  rf"(?:{'|'.join(map(re.escape, data['open_ended']['nouns']))})\b", re.IGNORECASE),
            scopes={word: scope for scope, words in data["scope"].items() for word in words},
            nearing=frozenset(data["readings"]["nearing"]),
            existence=frozenset(data["readings"]["existence"]),
            kept=frozenset(data["readings"]["kept"]),
            content=frozenset(data["readings"]["content"]),
            portions=frozenset(data["readings"]["portions"]),
            ended=frozenset(data["readings"]["ended"]),
            hedges={name: frozenset(words) for name, words in data["hedges"].items()},
            sides=frozenset(roles["sides"]),
            affiliation=dict(data["affiliation"]),
            proposer=frozenset(roles["proposer"]),
            mediator=frozenset(roles["mediator"]),
            credit=frozenset(roles["credit"]),
            speaker_brokers=frozenset(roles["speaker_brokers"]),
            striving=frozenset(roles["striving"]),
            backing=frozenset(roles["backing"]),
            place_prepositions=frozenset(roles["place_prepositions"]),
            place_nouns=frozenset(roles["place_nouns"]),
            asked=frozenset(roles["asked"]),
            between=frozenset(roles["between"]),
            accepts=frozenset(roles["accepts"]),
            bridging=frozenset(roles["bridging"]),
            talks=frozenset(roles["talks"]),
            replies=frozenset(roles["replies"]),
            effect=frozenset(data["when"]["effect"]),
            not_duration=frozenset(data["when"]["not_duration"]),
            not_duration_after=frozenset(data["when"]["not_duration_after"]),
            age=frozenset(data["when"]["age"]),
            lasting=frozenset(data["when"]["lasting"]),
            measures=frozenset(data["when"]["measures"]),
            ordinals=ordinals,
            terms={
                category: re.compile("|".join(f"(?:{p})" for p in patterns))
                for category, patterns in data["terms"].items()
            },
            phase=re.compile(
                rf"\b(?:phase|stage)[- ](\d|{number})\b|\b({ordinal})[- ](?:phase|stage)\b",
                re.IGNORECASE,
            ),
        )

    def number(self, word: str) -> int | None:
        """A phase's number: "2", "two", "second", "II"."""
        word = word.lower()
        if word in self.ordinals:
            return self.ordinals[word]
        number = numerals.read_number([word], 0)
        return None if number is None else int(number[0])


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon, read once."""
    with (resources.files("truceline") / "data" / "agreements.toml").open("rb") as f:
        return Lexicon.load(tomllib.load(f))
