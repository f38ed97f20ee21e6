"""Dates resolve against the publication date. Sentences are copied verbatim from the
White House corpus; the expected dates come from the documents' own dates and calendars."""

from datetime import date

import pytest

from truceline.clean import _date
from truceline.dates import resolve_date, sentence_date
from truceline.frame import find_date

CASES = [
    # (published, sentence, the date it states)
    (date(2024, 4, 2),
     "I am outraged and heartbroken by the deaths of seven humanitarian workers from World "
     "Central Kitchen, including one American, in Gaza yesterday.",
     date(2024, 4, 1)),
    (date(2023, 10, 16),
     "President Biden will travel to Israel on Wednesday, October 18, to demonstrate his "
     "steadfast support for Israel in the face of Hamas's brutal terrorist attack and to "
     "consult on next steps.",
     date(2023, 10, 18)),
    (date(2024, 5, 8),  # a Wednesday
     "So — as you just said, \"again\" — they spoke earlier this week on Monday.",
     date(2024, 5, 6)),
    (date(2023, 10, 25),  # a count of days up to "since": that long ago
     "And if I may, very quickly — in the 18 days since Hama- — Hamas killed 1,400 Israelis, the "
     "Hamas-controlled Gaza Health Ministry says Israeli forces have killed over 6,000 Palestinians.",
     date(2023, 10, 7)),
]


@pytest.mark.parametrize("published, sentence, expected", CASES)
def test_dates_sentence_date_resolves_against_publication(nlp, published, sentence, expected):
    sent = next(nlp(sentence).sents)
    assert sentence_date(sent, published) == expected


def test_dates_weekday_on_its_own_day_is_that_day():
    # 24 Nov 2023 was a Friday: "on Friday" in Friday's paper is that Friday, not a week back.
    assert resolve_date("on Friday", date(2023, 11, 24)) == date(2023, 11, 24)
    assert resolve_date("early Thursday", date(2023, 11, 24)) == date(2023, 11, 23)
    assert resolve_date("Friday", date(2023, 11, 24), future=True) == date(2023, 11, 24)
    assert resolve_date("Thursday", date(2023, 11, 24), future=True) == date(2023, 11, 30)
    assert resolve_date("last Friday", date(2023, 11, 24)) == date(2023, 11, 17)
    assert resolve_date("last Monday", date(2023, 11, 24)) == date(2023, 11, 20)
    assert resolve_date("Tuesday’s", date(2023, 11, 24)) == date(2023, 11, 21)


def test_dates_relative_expressions_need_an_anchor():
    assert resolve_date("two weeks ago", date(2023, 11, 24)) == date(2023, 11, 10)
    assert resolve_date("two weeks ago", None) is None
    assert resolve_date("yesterday", None) is None
    assert resolve_date("October 10, 2025", None) == date(2025, 10, 10)


def test_dates_durations_are_not_dates():
    assert resolve_date("four days", date(2023, 11, 24)) is None
    assert resolve_date("the next 60 days", date(2024, 11, 26)) is None
    # a count of units without "ago", which dateparser reads as that long ago
    for duration in ("1 year", "200 years", "24 hours"):
        assert resolve_date(duration, date(2024, 2, 7)) is None
    assert resolve_date("10 days ago", date(2024, 2, 7)) == date(2024, 1, 28)


def test_dates_last_night_is_the_day_before():
    assert resolve_date("last night", date(2024, 2, 7)) == date(2024, 2, 6)
    assert resolve_date("late last night", date(2024, 2, 7)) == date(2024, 2, 6)
    assert resolve_date("earlier today", date(2024, 2, 7)) == date(2024, 2, 7)


def test_dates_month_day_without_year_reads_backwards():
    # A New Year's Day article that speaks of "December 31" means the day before.
    assert resolve_date("December 31", date(2024, 1, 1)) == date(2023, 12, 31)
    # an ordinal too: "October 7th" in February 2024 is last October, not next
    assert resolve_date("October 7th", date(2024, 2, 16)) == date(2023, 10, 7)


def test_dates_month_day_on_the_anchor_day_is_that_day():
    # A statement of 18 May 2024 announcing talks "on May 18" means that day, not May 2025.
    assert resolve_date("May 18", date(2024, 5, 18), future=True) == date(2024, 5, 18)
    assert resolve_date("May 18", date(2024, 5, 18)) == date(2024, 5, 18)
    assert resolve_date("January 19", date(2024, 12, 20), future=True) == date(2025, 1, 19)


def test_dates_periods_are_not_days():
    for period in ("next year", "last year", "later this month", "next week"):
        assert resolve_date(period, date(2024, 5, 18)) is None


@pytest.mark.parametrize("stated", ["1899-12-31", "1900-01-01", "2040-06-01", "2100-12-31", "2101-01-01"])
def test_a_stated_day_is_kept_or_refused_by_one_rule_in_metadata_and_in_a_date_line(stated):
    # the frame reader once refused days after the run's today, the metadata's reader days after 2100
    expected = date.fromisoformat(stated) if "1900" <= stated[:4] <= "2100" else None
    assert _date(stated) == find_date(stated, None) == expected
