"""Numerals: numbers written in digits or words ("1,200", "two dozen", "a million and a half")
and the durations they count ("21-day", "48 hours"), for claims' figures and agreements' terms.
The words are `data/clauses.toml`'s (`clauses.words`). Read by hand: no installed library reads
number words (quantulum3 is broken here, spaCy's `like_num` only detects them, dateparser keeps its
own internal), and a dependency for these few lines would cost more than it gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from spacy.tokens import Token

from truceline.clauses import words
from truceline.spans import sentence_of


def read_number(words_: Sequence[str], i: int) -> tuple[Decimal, int] | None:
    """(value, index after the number) for the number written from lowercase words_[i], if any:
    "1,200", "two dozen", "a hundred and thirty-seven", "1.9 million", "a million and a half"."""
    w = words()
    total, current, seen, j = Decimal(0), Decimal(0), False, i
    while j < len(words_):
        word = words_[j]
        if not seen and is_digits(word):
            current, seen = Decimal(word.replace(",", "")), True
        elif word in w.numbers and (not seen or _extends(current, w.numbers[word])):
            current, seen = current + w.numbers[word], True
        elif word in w.scales and (seen or (j > i and words_[j - 1] in ("a", "an"))):
            current = (current or 1) * w.scales[word]
            if w.scales[word] >= 1000:  # "two million three hundred thousand"
                total, current = total + current, Decimal(0)
            seen = True
        elif word == "couple" and words_[j + 1:j + 2] == ["of"] and words_[j + 2:j + 3] and words_[j + 2] in w.scales:
            current, seen, j = Decimal(2), True, j + 1  # "a couple of hundred", read as "about 200"
        elif seen and word == "and" and words_[j + 1:j + 3] == ["a", "half"]:
            if words_[j + 3:j + 4] and words_[j + 3] in w.scales:
                current, j = current + Decimal("0.5"), j + 3  # "one and a half million"
                continue
            total += _last_scale(words_[i:j]) / 2  # "a million and a half"
            j += 3
            break
        elif not (starts_number(words_, j) or (
            seen and word in ("and", "-") and words_[j + 1:j + 2] and words_[j + 1] in w.numbers
        )):  # neither the "a" of "a hundred" nor the "and" of "a hundred and thirty-seven"
            break
        j += 1
    if not seen:
        return None
    return total + current, j


def starts_number(words_: Sequence[str], i: int) -> bool:
    """Whether "a"/"an" at i is the "a" of "a hundred", "a dozen", "a million and a half"."""
    return words_[i] in ("a", "an") and i + 1 < len(words_) and (
        words_[i + 1] in words().scales or words_[i + 1] == "couple")


def is_digits(word: str) -> bool:
    if not word[0].isdigit() or not all(c.isdigit() or c in ",." for c in word):
        return False
    if "," in word and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", word):
        return False  # "1,2,3" is not a number
    try:
        Decimal(word.replace(",", ""))
    except InvalidOperation:
        return False
    return True


def _extends(current: Decimal, n: int) -> bool:
    """Whether number word n continues the number read so far: "thirty" + "seven",
    "hundred" + "thirty", "million" + "three" (current is 0 after a scale of thousands)."""
    return current % 100 == 0 or (current % 10 == 0 and n < 10)


def _last_scale(words_: Sequence[str]) -> Decimal:
    scales = words().scales
    return Decimal(next((scales[w] for w in reversed(words_) if w in scales), 1))


def unit_days(unit: Token) -> float | None:
    """Days in the unit of time the word names ("hours", "week"), or None."""
    return words().units.get(unit.lower_)


def duration_days(unit: Token) -> float | None:
    """Days of the duration this unit word ends: "21-day", "four-day", "48 hours", "forty-two
    days", "two more days"; None when no number comes right before it."""
    days = unit_days(unit)
    if days is None:
        return None
    doc, start = unit.doc, sentence_of(unit).start
    end = unit.i  # where the number ends: before "more" in "two more days"
    if end - 1 > start and doc[end - 1].lower_ in words().unit_modifiers:
        end -= 1
    first = end
    while first > start and (doc[first - 1].text in ("-", "–") or numeral(doc[first - 1].lower_)):
        first -= 1
    written = [t.lower_ for t in doc[first:end] if t.text not in ("-", "–")]
    number = read_number(written, 0) if written else None
    if number is None or number[1] != len(written):
        return None
    return float(number[0]) * days


def numeral(word: str) -> bool:
    """Whether a lowercase word is a number `read_number` reads, or its scale ("hundred")."""
    return is_digits(word) or word in words().numbers or word in words().scales
