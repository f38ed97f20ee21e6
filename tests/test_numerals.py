"""Numbers written in digits or words and the durations they count (`truceline.numerals`).
Phrases written for these tests."""

from __future__ import annotations

import pytest

from truceline import numerals


@pytest.mark.parametrize(("words", "value"), [
    ("1,200", 1200), ("two dozen", 24), ("a hundred and thirty - seven", 137), ("1.9 million", 1_900_000),
    ("a million and a half", 1_500_000), ("hostages", None),
])
def test_numerals_read_number(words, value):
    found = numerals.read_number(words.split(), 0)
    assert (None if found is None else float(found[0])) == value


@pytest.mark.parametrize(("text", "unit", "days"), [
    ("a 21-day ceasefire", "day", 21), ("a four-day pause", "day", 4), ("for 48 hours", "hours", 2),
    ("for six weeks", "weeks", 42), ("for days", "days", None), ("for two more days", "days", 2),
    ("for more days", "days", None),
])
def test_numerals_duration_days(nlp, text, unit, days):
    token = next(t for t in nlp(text) if t.lower_ == unit)
    assert numerals.duration_days(token) == pytest.approx(days) if days else numerals.duration_days(token) is None
